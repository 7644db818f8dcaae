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
    `c7`,
    `c8`
  FROM (VALUES ('beta', CAST(0 AS BIGINT)), ('alpha', CAST(1 AS BIGINT))) AS `v`(`c7`, `c8`)
)
SELECT
  `c4` AS `i0`,
  `c0` AS `v0`,
  `c1` AS `v1`,
  `c2` AS `v2`,
  `c3` AS `v3`,
  `c5` AS `v4`
FROM `t0`
INNER JOIN `t1` ON (`c4` IS NOT DISTINCT FROM `c7`)
ORDER BY `c8` ASC NULLS LAST, `c6` ASC NULLS LAST
