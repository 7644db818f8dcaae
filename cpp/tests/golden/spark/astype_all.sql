SELECT
  `rowid` AS `i0`,
  CAST(`id` AS DOUBLE) AS `v0`,
  CAST(`x` AS DOUBLE) AS `v1`
FROM `cormorant_<SESSION>_0`
