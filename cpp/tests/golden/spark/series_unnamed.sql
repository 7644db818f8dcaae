SELECT
  `rowid` AS `i0`,
  (`x` + `id`) AS `v0`
FROM `cormorant_<SESSION>_0`
