SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  CASE WHEN (`flag` = true) THEN 'True' WHEN (`flag` = false) THEN 'False' END AS `v5`
FROM `cormorant_<SESSION>_0`
