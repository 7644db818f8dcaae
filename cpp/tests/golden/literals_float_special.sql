WITH "t0" AS (
  SELECT
    "y" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    ("c0" + CAST(1e+20 AS DOUBLE)) AS "c2",
    ("c0" + CAST(1e-300 AS DOUBLE)) AS "c3",
    ("c0" + CAST('nan' AS DOUBLE)) AS "c4",
    ("c0" < CAST('inf' AS DOUBLE)) AS "c5",
    ("c0" > CAST('-inf' AS DOUBLE)) AS "c6"
  FROM "t0"
)
SELECT
  "c1" AS "i0",
  "c0" AS "v0",
  "c2" AS "v1",
  "c3" AS "v2",
  "c4" AS "v3",
  "c5" AS "v4",
  "c6" AS "v5"
FROM "t1"
