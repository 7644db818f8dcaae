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
    "c2",
    "c3",
    CASE WHEN ("c0" IS NOT NULL) THEN CAST(CAST(count("c0") OVER (PARTITION BY "c2" ORDER BY "c0" ASC NULLS LAST) AS BIGINT) AS BIGINT) END AS "c4"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c3",
    CASE WHEN ("c2" IS NOT NULL) THEN "c4" END AS "c5"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c3" AS "c6",
    "c5" AS "c7"
  FROM "t2"
),
"t4" AS (
  SELECT
    "c6",
    "c7"
  FROM "t3"
),
"t5" AS (
  SELECT
    "c6",
    "c7"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c2",
    "c3",
    lag("c1", CAST(1 AS BIGINT)) OVER (PARTITION BY "c2" ORDER BY "c3" ASC NULLS LAST) AS "c8"
  FROM "t0"
),
"t7" AS (
  SELECT
    "c3",
    CASE WHEN ("c2" IS NOT NULL) THEN "c8" END AS "c9"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c3" AS "c10",
    "c9" AS "c11"
  FROM "t7"
),
"t9" AS (
  SELECT
    "c10",
    "c11"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c10",
    "c11"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c6",
    "c7",
    "c11"
  FROM "t5"
  LEFT JOIN "t10" ON ("c6" IS NOT DISTINCT FROM "c10")
),
"t12" AS (
  SELECT
    "c6",
    "c7",
    "c11"
  FROM "t11"
)
SELECT
  "c6" AS "i0",
  "c7" AS "v0",
  "c11" AS "v1"
FROM "t12"
ORDER BY "c6" ASC NULLS LAST
