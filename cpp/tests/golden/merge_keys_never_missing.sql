WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "file_row_number" AS "c1"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0" AS "c2",
    "c0" AS "c3",
    "c1" AS "c4"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c2",
    "c3",
    "c4"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c2",
    "c3",
    "c4"
  FROM "t2"
),
"t4" AS (
  SELECT
    "id" AS "c5",
    "name" AS "c6",
    "rowid" AS "c7"
  FROM "cormorant_<SESSION>_0"
),
"t5" AS (
  SELECT
    "c6" AS "c8",
    "c5" AS "c9",
    "c7" AS "c10"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c8",
    "c9",
    "c10"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c8",
    "c9",
    "c10"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c2",
    "c4",
    "c8",
    "c10"
  FROM "t3"
  INNER JOIN "t7" ON ("c3" = "c9")
),
"t9" AS (
  SELECT
    "c2",
    "c4",
    "c8",
    "c10"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c2",
    "c4",
    "c8",
    "c10",
    (row_number() OVER (ORDER BY "c4" ASC NULLS LAST, "c10" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c11"
  FROM "t9"
)
SELECT
  "c11" AS "i0",
  "c2" AS "v0",
  "c8" AS "v1"
FROM "t10"
ORDER BY "c4" ASC NULLS LAST, "c10" ASC NULLS LAST
