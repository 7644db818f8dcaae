WITH `t0` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `y` AS `c2`,
    `z` AS `c3`,
    `name` AS `c4`,
    `flag` AS `c5`,
    `rowid` AS `c6`
  FROM `cormorant_<SESSION>_0`
),
`t1` AS (
  SELECT
    `y` AS `c7`,
    `name` AS `c8`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
)
SELECT
  `c6` AS `i0`,
  `c0` AS `v0`,
  `c1` AS `v1`,
  `c2` AS `v2`,
  `c3` AS `v3`,
  `c4` AS `v4`,
  `c5` AS `v5`,
  (NOT coalesce((CAST(`c1` AS DOUBLE) IN (SELECT `c7` FROM `t1`)), false)) AS `v6`,
  CASE WHEN (`c0` IS NULL) THEN (true IN (SELECT true FROM `t1` WHERE (`c8` IS NULL))) ELSE false END AS `v7`
FROM `t0`
ORDER BY `c6` ASC NULLS LAST
