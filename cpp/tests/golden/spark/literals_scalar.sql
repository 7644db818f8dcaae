SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  CAST(-42 AS BIGINT) AS `v1`,
  CAST(1e-01 AS DOUBLE) AS `v2`,
  'plain' AS `v3`,
  true AS `v4`,
  false AS `v5`
FROM `cormorant_<SESSION>_0`
