WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "rowid" AS "c3"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c3",
    (CASE WHEN ("c0" > CAST(0 AS BIGINT)) THEN "c1" END + ("c2" * CAST(2 AS BIGINT))) AS "c4"
  FROM "t0"
)
SELECT
  "c3" AS "i0",
  "c4" AS "v0"
FROM "t1"
