WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "name" AS "c3",
    "flag" AS "c4",
    "rowid" AS "c5"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c5",
    ("c1" + CAST(NULL AS BIGINT)) AS "c6",
    ("c2" * CAST(NULL AS DOUBLE)) AS "c7",
    CAST(("c3" || CAST(NULL AS VARCHAR)) AS VARCHAR) AS "c8",
    ("c4" AND CAST(NULL AS BOOLEAN)) AS "c9",
    ("c1" = CAST(NULL AS BIGINT)) AS "c10"
  FROM "t0"
)
SELECT
  "c5" AS "i0",
  "c0" AS "v0",
  "c6" AS "v1",
  "c7" AS "v2",
  "c8" AS "v3",
  "c9" AS "v4",
  "c10" AS "v5"
FROM "t1"
