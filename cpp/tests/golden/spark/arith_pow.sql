SELECT
  `rowid` AS `i0`,
  `x` AS `v0`,
  `y` AS `v1`,
  CASE WHEN (CAST(2 AS BIGINT) < CAST(0 AS BIGINT)) THEN CAST(raise_error(('cormorant-error#0:' || 'Integers to negative integer powers are not allowed; convert the base to Float64 first (astype(\'Float64\'))')) AS BIGINT) WHEN ((CAST(2 AS BIGINT) = CAST(0 AS BIGINT)) OR (`x` = CAST(1 AS BIGINT))) THEN CAST(1 AS BIGINT) ELSE CAST(pow(`x`, CAST(2 AS BIGINT)) AS BIGINT) END AS `v2`,
  nullif(CASE WHEN (`y` < CAST(0e+00 AS DOUBLE)) THEN CAST(NULL AS DOUBLE) ELSE sqrt(CAST(`y` AS DOUBLE)) END, CAST('nan' AS DOUBLE)) AS `v3`,
  nullif(CASE WHEN ((`y` = CAST(0 AS BIGINT)) OR (`x` = CAST(1 AS BIGINT))) THEN CAST(1e+00 AS DOUBLE) ELSE pow(`x`, `y`) END, CAST('nan' AS DOUBLE)) AS `v4`
FROM `cormorant_<SESSION>_0`
