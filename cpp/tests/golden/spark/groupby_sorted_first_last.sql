WITH `t2` AS (
  SELECT
    `y` AS `c0`,
    `z` AS `c1`,
    `name` AS `c2`,
    `flag` AS `c3`,
    `rowid` AS `c4`,
    (row_number() OVER (ORDER BY `y` ASC NULLS LAST, `rowid` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c5`
  FROM `cormorant_<SESSION>_0`
)
SELECT
  `c3` AS `i0`,
  min_by(`c2`, struct(`c0` IS NULL, `c0`, `c4` IS NULL, `c4`)) FILTER (WHERE (`c2` IS NOT NULL)) AS `v0`,
  max_by(`c1`, struct(`c0` IS NULL, `c0`, `c4` IS NULL, `c4`)) FILTER (WHERE (`c1` IS NOT NULL)) AS `v1`
FROM `t2`
GROUP BY `c3`
ORDER BY CAST(min(`c5`) AS BIGINT) ASC NULLS LAST
