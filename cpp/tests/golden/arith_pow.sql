WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    CASE WHEN (CAST(2 AS BIGINT) < CAST(0 AS BIGINT)) THEN CAST(error(('cormorant-error#0:' || 'Integers to negative integer powers are not allowed; convert the base to Float64 first (astype(''Float64''))')) AS BIGINT) WHEN ((CAST(2 AS BIGINT) = CAST(0 AS BIGINT)) OR ("c0" = CAST(1 AS BIGINT))) THEN CAST(1 AS BIGINT) ELSE CAST(pow("c0", CAST(2 AS BIGINT)) AS BIGINT) END AS "c3",
    CASE WHEN ((CAST(0.5 AS DOUBLE) = CAST(0 AS BIGINT)) OR ("c1" = CAST(1 AS BIGINT))) THEN CAST(1 AS DOUBLE) ELSE pow("c1", CAST(0.5 AS DOUBLE)) END AS "c4",
    CASE WHEN (("c1" = CAST(0 AS BIGINT)) OR ("c0" = CAST(1 AS BIGINT))) THEN CAST(1 AS DOUBLE) ELSE pow("c0", "c1") END AS "c5"
  FROM "t0"
)
SELECT
  "c2" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c3" AS "v2",
  "c4" AS "v3",
  "c5" AS "v4"
FROM "t1"
