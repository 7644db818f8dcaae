SELECT
  `rowid` AS `v0`,
  `id` AS `v1`,
  `x` AS `v2`,
  `y` AS `v3`,
  `z` AS `v4`,
  `name` AS `v5`,
  `flag` AS `v6`
FROM `cormorant_<SESSION>_0`
WHERE (`x` >= CAST(0 AS BIGINT))
ORDER BY `rowid` ASC NULLS LAST
