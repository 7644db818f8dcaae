WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    CAST(7 AS BIGINT) AS "c2"
  FROM "t0"
)
SELECT
  "c1" AS "i0",
  "c0" AS "v0",
  "c2" AS "v1"
FROM "t1"
