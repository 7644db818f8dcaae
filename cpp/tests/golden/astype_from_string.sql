SELECT
  "rowid" AS "i0",
  "id" AS "v0",
  CASE WHEN ((CAST("x" AS VARCHAR) IS NOT NULL) AND ((NOT regexp_full_match(CAST("x" AS VARCHAR), '-?[0-9]+|0[xX][0-9A-Fa-f]+')) OR (TRY_CAST(CAST("x" AS VARCHAR) AS BIGINT) IS NULL))) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || CAST("x" AS VARCHAR)) || ''' of column ''x'' to Int64')) AS BIGINT) ELSE CAST(CAST("x" AS VARCHAR) AS BIGINT) END AS "v1",
  CASE WHEN ((CAST("y" AS VARCHAR) IS NOT NULL) AND (TRY_CAST(CAST("y" AS VARCHAR) AS DOUBLE) IS NULL)) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || CAST("y" AS VARCHAR)) || ''' of column ''y'' to Float64')) AS DOUBLE) ELSE CAST(CAST("y" AS VARCHAR) AS DOUBLE) END AS "v2",
  "z" AS "v3",
  "name" AS "v4",
  "flag" AS "v5"
FROM "cormorant_<SESSION>_0"
