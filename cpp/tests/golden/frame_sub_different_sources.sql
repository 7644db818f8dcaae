WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c2" AS "c3",
    "c0" AS "c4",
    "c1" AS "c5"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c3",
    "c4",
    "c5"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c3",
    "c4",
    "c5"
  FROM "t2"
),
"t4" AS (
  SELECT
    "x" AS "c6",
    "y" AS "c7",
    "file_row_number" AS "c8"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t5" AS (
  SELECT
    "c8" AS "c9",
    "c6" AS "c10",
    "c7" AS "c11"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c9",
    "c10",
    "c11"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c9",
    "c10",
    "c11"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c11"
  FROM "t3"
  FULL OUTER JOIN "t7" ON ("c3" IS NOT DISTINCT FROM "c9")
),
"t9" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c11",
    coalesce("c3", "c9") AS "c12"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c11",
    "c12"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c3",
    "c9",
    "c12",
    ("c4" - "c10") AS "c13",
    ("c5" - "c11") AS "c14"
  FROM "t10"
)
SELECT
  "c12" AS "i0",
  "c13" AS "v0",
  "c14" AS "v1"
FROM "t11"
ORDER BY "c12" ASC NULLS LAST, "c3" ASC NULLS LAST, "c9" ASC NULLS LAST
