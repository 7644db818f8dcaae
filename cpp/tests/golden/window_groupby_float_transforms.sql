WITH "t1" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "flag" AS "c3",
    "rowid" AS "c4",
    coalesce(CAST(cormorant_sum_exact(CAST("y" AS DOUBLE)) OVER (PARTITION BY "flag" ROWS BETWEEN UNBOUNDED PRECEDING AND 9223372036854775807 FOLLOWING) AS DOUBLE), CAST(0e+00 AS DOUBLE)) AS "c5"
  FROM "cormorant_<SESSION>_0"
),
"t2" AS (
  SELECT
    "c0",
    "c1",
    "c3",
    "c4",
    "c5",
    CAST(cormorant_std_exact(CAST("c2" AS DOUBLE), CAST(1e+00 AS DOUBLE)) OVER (PARTITION BY "c3" ROWS BETWEEN UNBOUNDED PRECEDING AND 9223372036854775807 FOLLOWING) AS DOUBLE) AS "c6"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c1",
    "c3",
    "c4",
    "c5",
    "c6",
    CAST(count(DISTINCT "c0") OVER (PARTITION BY "c3") AS BIGINT) AS "c7"
  FROM "t2"
)
SELECT
  "c4" AS "i0",
  "c1" AS "v0",
  CASE WHEN ("c3" IS NOT NULL) THEN "c5" END AS "v1",
  CASE WHEN ("c3" IS NOT NULL) THEN "c6" END AS "v2",
  CASE WHEN ("c3" IS NOT NULL) THEN "c7" END AS "v3"
FROM "t3"
ORDER BY "c4" ASC NULLS LAST
