SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  CASE WHEN ((CAST(`x` AS STRING) IS NOT NULL) AND ((NOT rlike(CAST(`x` AS STRING), '(?d)\\A(?:-?[0-9]+|0[xX][0-9A-Fa-f]+)\\z')) OR (TRY_CAST(CAST(`x` AS STRING) AS BIGINT) IS NULL))) THEN CAST(raise_error(((('cormorant-error#0:' || 'astype: cannot convert the value \'') || CAST(`x` AS STRING)) || '\' of column \'x\' to Int64')) AS BIGINT) ELSE CAST(CAST(`x` AS STRING) AS BIGINT) END AS `v1`,
  CASE WHEN ((CAST(`y` AS STRING) IS NOT NULL) AND (TRY_CAST(CAST(`y` AS STRING) AS DOUBLE) IS NULL)) THEN CAST(raise_error(((('cormorant-error#0:' || 'astype: cannot convert the value \'') || CAST(`y` AS STRING)) || '\' of column \'y\' to Float64')) AS DOUBLE) ELSE CAST(CAST(`y` AS STRING) AS DOUBLE) END AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM `cormorant_<SESSION>_0`
