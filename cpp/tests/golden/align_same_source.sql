WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1"
  FROM "t0"
  WHERE (("c0" > CAST(-5 AS BIGINT)) OR ("c0" < CAST(5 AS BIGINT)))
),
"t2" AS (
  SELECT
    "c1",
    (CASE WHEN ("c0" > CAST(-5 AS BIGINT)) THEN "c0" END + CASE WHEN ("c0" < CAST(5 AS BIGINT)) THEN "c0" END) AS "c2"
  FROM "t1"
)
SELECT
  "c1" AS "i0",
  "c2" AS "v0"
FROM "t2"
