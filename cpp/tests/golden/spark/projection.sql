SELECT
  `rowid` AS `i0`,
  `name` AS `v0`,
  `x` AS `v1`
FROM `cormorant_<SESSION>_0`
