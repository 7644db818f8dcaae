WITH "t1" AS (
  SELECT
    "id" AS "c0",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "rowid" AS "c6",
    CAST("x" AS VARCHAR) AS "c7",
    CAST("y" AS VARCHAR) AS "c8"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  CASE WHEN (("c7" IS NOT NULL) AND ((NOT regexp_full_match("c7", '-?[0-9]+|0[xX][0-9A-Fa-f]+')) OR (TRY_CAST("c7" AS BIGINT) IS NULL))) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || "c7") || ''' of column ''x'' to Int64')) AS BIGINT) ELSE CAST("c7" AS BIGINT) END AS "v1",
  CASE WHEN (("c8" IS NOT NULL) AND (TRY_CAST("c8" AS DOUBLE) IS NULL)) THEN CAST(error(((('cormorant-error#0:' || 'astype: cannot convert the value ''') || "c8") || ''' of column ''y'' to Float64')) AS DOUBLE) ELSE CAST("c8" AS DOUBLE) END AS "v2",
  "c3" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t1"
