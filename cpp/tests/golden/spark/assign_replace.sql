SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  (`x` + CAST(1 AS BIGINT)) AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM `cormorant_<SESSION>_0`
