SELECT
  `rowid` AS `i0`,
  `x` AS `v0`,
  `y` AS `v1`
FROM `cormorant_<SESSION>_0`
WHERE `flag`
LIMIT 3
