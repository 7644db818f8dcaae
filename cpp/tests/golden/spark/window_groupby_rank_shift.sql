WITH `t1` AS (
  SELECT
    `y` AS `c1`,
    `flag` AS `c2`,
    `rowid` AS `c3`,
    CASE WHEN (`x` IS NOT NULL) THEN CAST(CAST(count(`x`) OVER (PARTITION BY `flag` ORDER BY `x` ASC NULLS LAST) AS BIGINT) AS BIGINT) END AS `c4`
  FROM `cormorant_<SESSION>_0`
),
`t2` AS (
  SELECT
    `c2`,
    `c3`,
    `c4`,
    lag(`c1`, 1) OVER (PARTITION BY `c2` ORDER BY `c3` ASC NULLS LAST) AS `c5`
  FROM `t1`
)
SELECT
  `c3` AS `i0`,
  CASE WHEN (`c2` IS NOT NULL) THEN CAST(`c4` AS DOUBLE) END AS `v0`,
  CASE WHEN (`c2` IS NOT NULL) THEN `c5` END AS `v1`
FROM `t2`
ORDER BY `c3` ASC NULLS LAST
