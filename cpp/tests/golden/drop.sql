WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "z" AS "c2",
    "name" AS "c3",
    "rowid" AS "c4"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c4" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c3" AS "v3"
FROM "t0"
