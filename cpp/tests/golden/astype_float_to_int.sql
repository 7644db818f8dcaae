WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "rowid" AS "c6"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c4",
    "c5",
    "c6",
    CASE WHEN (NOT isfinite("c3")) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert non-finite values (NA or inf) to integer: the value ') || CAST("c3" AS VARCHAR)) || ' of column ''z''')) AS BIGINT) WHEN (("c3" >= CAST(9.2233720368547758e+18 AS DOUBLE)) OR ("c3" < (-CAST(9.2233720368547758e+18 AS DOUBLE)))) THEN CAST(error(((('cormorant-error#18:' || 'astype: the value ') || CAST("c3" AS VARCHAR)) || ' of column ''z'' does not fit in Int64')) AS BIGINT) ELSE CAST(trunc("c3") AS BIGINT) END AS "c7"
  FROM "t0"
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c7" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t1"
