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
    ("c1" + "c0") AS "c3"
  FROM "t0"
)
SELECT
  "c2" AS "i0",
  "c3" AS "v0"
FROM "t1"
