SELECT
  `name` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `flag` AS `v4`
FROM `cormorant_<SESSION>_0`
