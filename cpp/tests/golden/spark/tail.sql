WITH `t3` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `y` AS `c2`,
    `z` AS `c3`,
    `name` AS `c4`,
    `flag` AS `c5`,
    `rowid` AS `c6`
  FROM `cormorant_<SESSION>_0`
  ORDER BY `rowid` DESC NULLS FIRST
  LIMIT 2
)
SELECT
  `c6` AS `i0`,
  `c0` AS `v0`,
  `c1` AS `v1`,
  `c2` AS `v2`,
  `c3` AS `v3`,
  `c4` AS `v4`,
  `c5` AS `v5`
FROM `t3`
ORDER BY `c6` ASC NULLS LAST
