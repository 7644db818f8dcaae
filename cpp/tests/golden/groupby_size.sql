WITH "t0" AS (
  SELECT
    "flag" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    CAST(count(*) AS BIGINT) AS "c2",
    CAST(min("c1") AS BIGINT) AS "c3"
  FROM "t0"
  GROUP BY "c0"
),
"t2" AS (
  SELECT
    "c0",
    "c2",
    "c3"
  FROM "t1"
)
SELECT
  "c0" AS "i0",
  "c2" AS "v0"
FROM "t2"
ORDER BY "c0" ASC NULLS LAST, "c3" ASC NULLS LAST
