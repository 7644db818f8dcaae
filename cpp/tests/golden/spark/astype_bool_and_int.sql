SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  CAST(`x` AS BOOLEAN) AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  CAST(`flag` AS BIGINT) AS `v5`
FROM `cormorant_<SESSION>_0`
