SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  CASE WHEN (NOT (abs(`z`) < CAST('inf' AS DOUBLE))) THEN CAST(raise_error(((('cormorant-error#0:' || 'astype: cannot convert non-finite values (NA or inf) to integer: the value ') || CAST(`z` AS STRING)) || ' of column \'z\'')) AS BIGINT) WHEN ((`z` >= CAST(9.223372036854776e+18 AS DOUBLE)) OR (`z` < (-CAST(9.223372036854776e+18 AS DOUBLE)))) THEN CAST(raise_error(((('cormorant-error#18:' || 'astype: the value ') || CAST(`z` AS STRING)) || ' of column \'z\' does not fit in Int64')) AS BIGINT) ELSE CAST(CASE WHEN (abs(`z`) >= CAST(4.503599627370496e+15 AS DOUBLE)) THEN `z` WHEN (abs(`z`) < CAST(1e+00 AS DOUBLE)) THEN (`z` * CAST(0e+00 AS DOUBLE)) ELSE (`z` - (`z` % CAST(1e+00 AS DOUBLE))) END AS BIGINT) END AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM `cormorant_<SESSION>_0`
