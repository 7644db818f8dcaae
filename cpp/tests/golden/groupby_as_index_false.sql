WITH "t0" AS (
  SELECT
    "y" AS "c0",
    "flag" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c1",
    CAST(median("c0") AS DOUBLE) AS "c3",
    CAST(min("c2") AS BIGINT) AS "c4"
  FROM "t0"
  GROUP BY "c1"
),
"t2" AS (
  SELECT
    "c1",
    "c3",
    "c4"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c1",
    "c3",
    "c4",
    (row_number() OVER (ORDER BY "c4" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c5"
  FROM "t2"
)
SELECT
  "c5" AS "i0",
  "c1" AS "v0",
  "c3" AS "v1"
FROM "t3"
ORDER BY "c4" ASC NULLS LAST
