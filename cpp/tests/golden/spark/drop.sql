SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `z` AS `v2`,
  `name` AS `v3`
FROM `cormorant_<SESSION>_0`
