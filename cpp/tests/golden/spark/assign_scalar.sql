SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  CAST(7 AS BIGINT) AS `v1`
FROM `cormorant_<SESSION>_0`
