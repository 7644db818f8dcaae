WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c2",
    CAST("c0" AS DOUBLE) AS "c3",
    CAST("c1" AS DOUBLE) AS "c4"
  FROM "t0"
)
SELECT
  "c2" AS "i0",
  "c3" AS "v0",
  "c4" AS "v1"
FROM "t1"
