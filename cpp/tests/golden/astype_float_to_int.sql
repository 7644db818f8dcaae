SELECT
  "rowid" AS "i0",
  "id" AS "v0",
  "x" AS "v1",
  "y" AS "v2",
  CASE WHEN (NOT isfinite("z")) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert non-finite values (NA or inf) to integer: the value ') || CAST("z" AS VARCHAR)) || ' of column ''z''')) AS BIGINT) WHEN (("z" >= CAST(9.223372036854776e+18 AS DOUBLE)) OR ("z" < (-CAST(9.223372036854776e+18 AS DOUBLE)))) THEN CAST(error(((('cormorant-error#18:' || 'astype: the value ') || CAST("z" AS VARCHAR)) || ' of column ''z'' does not fit in Int64')) AS BIGINT) ELSE CAST(trunc("z") AS BIGINT) END AS "v3",
  "name" AS "v4",
  "flag" AS "v5"
FROM "cormorant_<SESSION>_0"
