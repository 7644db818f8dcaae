WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "name" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c2" AS "i0",
  "c1" AS "v0",
  "c0" AS "v1"
FROM "t0"
