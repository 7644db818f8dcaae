WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "flag" AS "c1",
    "file_row_number" AS "c2"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2"
  FROM "t0"
  WHERE ("c1" = true)
),
"t2" AS (
  SELECT
    "c0" AS "c3",
    "c1" AS "c4",
    "c0" AS "c5",
    "c2" AS "c6"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c6"
  FROM "t2"
),
"t4" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c6"
  FROM "t3"
),
"t5" AS (
  SELECT
    "id" AS "c7",
    "y" AS "c8"
  FROM "cormorant_<SESSION>_0"
),
"t6" AS (
  SELECT
    "c7",
    "c8"
  FROM "t5"
  WHERE ("c7" IS NOT NULL)
),
"t7" AS (
  SELECT
    "c7",
    "c8"
  FROM "t6"
  WHERE ("c7" IN (SELECT "c5" FROM "t4"))
),
"t8" AS (
  SELECT
    "c7",
    cormorant_sum_exact("c8") AS "c9"
  FROM "t7"
  GROUP BY "c7"
),
"t9" AS (
  SELECT
    "c7",
    "c9"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c7",
    "c9"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c7" AS "c10",
    "c9" AS "c11",
    "c7" AS "c12"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c10",
    "c11",
    "c12"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c10",
    "c11",
    "c12"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c3",
    "c4",
    "c6",
    "c10",
    "c11"
  FROM "t4"
  INNER JOIN "t13" ON ("c5" = "c12")
),
"t15" AS (
  SELECT
    "c3",
    "c4",
    "c6",
    "c10",
    "c11"
  FROM "t14"
),
"t16" AS (
  SELECT
    "c3",
    "c4",
    "c6",
    "c10",
    "c11",
    (row_number() OVER (ORDER BY "c6" ASC NULLS LAST, "c10" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c13"
  FROM "t15"
)
SELECT
  "c13" AS "i0",
  "c3" AS "v0",
  "c4" AS "v1",
  "c11" AS "v2"
FROM "t16"
ORDER BY "c6" ASC NULLS LAST, "c10" ASC NULLS LAST
