WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "flag" AS "c2",
    "rowid" AS "c3"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c3"
  FROM "t0"
  WHERE "c2"
),
"t2" AS (
  SELECT
    "c0",
    "c1",
    "c3"
  FROM "t1"
  LIMIT 3
)
SELECT
  "c3" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1"
FROM "t2"
