SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  (`x` + `id`) AS `v3`,
  (`x` - CAST(1 AS BIGINT)) AS `v4`,
  nullif((`y` * CAST(2.5e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v5`,
  CASE WHEN ((`x` = CAST(0 AS BIGINT)) AND (`id` = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE CASE WHEN (`id` = CAST(0e+00 AS DOUBLE)) THEN (CAST(`x` AS DOUBLE) * CASE WHEN startswith(CAST(`id` AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (CAST(`x` AS DOUBLE) / `id`) END END AS `v6`,
  (CAST(100 AS BIGINT) - `x`) AS `v7`,
  (-`x`) AS `v8`,
  abs(`y`) AS `v9`
FROM `cormorant_<SESSION>_0`
