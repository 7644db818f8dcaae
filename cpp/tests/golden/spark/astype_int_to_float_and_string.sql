SELECT
  `rowid` AS `i0`,
  CAST(`id` AS STRING) AS `v0`,
  CAST(`x` AS DOUBLE) AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM `cormorant_<SESSION>_0`
