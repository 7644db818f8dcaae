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
    "c3",
    "c4",
    "c5",
    "c6",
    CAST("c1" AS VARCHAR) AS "c7",
    CAST("c2" AS VARCHAR) AS "c8"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c0",
    "c3",
    "c4",
    "c5",
    "c6",
    CASE WHEN (("c7" IS NOT NULL) AND (TRY_CAST("c7" AS BIGINT) IS NULL)) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || "c7") || ''' of column ''x'' to Int64')) AS BIGINT) ELSE CAST("c7" AS BIGINT) END AS "c9",
    CASE WHEN (("c8" IS NOT NULL) AND (TRY_CAST("c8" AS DOUBLE) IS NULL)) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || "c8") || ''' of column ''y'' to Float64')) AS DOUBLE) ELSE CAST("c8" AS DOUBLE) END AS "c10"
  FROM "t1"
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  "c9" AS "v1",
  "c10" AS "v2",
  "c3" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t2"
