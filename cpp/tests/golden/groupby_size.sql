WITH "t0" AS (
  SELECT
    "flag" AS "c0"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    CAST(count(*) AS BIGINT) AS "c1"
  FROM "t0"
  GROUP BY "c0"
),
"t2" AS (
  SELECT
    "c0",
    "c1"
  FROM "t1"
)
SELECT
  "c0" AS "i0",
  "c1" AS "v0"
FROM "t2"
ORDER BY "c0" ASC NULLS LAST
