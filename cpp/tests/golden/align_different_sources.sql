WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c1" AS "c2",
    "c0" AS "c3"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c2",
    "c3"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c2",
    "c3"
  FROM "t2"
),
"t4" AS (
  SELECT
    "x" AS "c4",
    "file_row_number" AS "c5"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t5" AS (
  SELECT
    "c5" AS "c6",
    "c4" AS "c7"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c6",
    "c7"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c6",
    "c7"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c2",
    "c3",
    "c6",
    "c7"
  FROM "t3"
  FULL OUTER JOIN "t7" ON ("c2" IS NOT DISTINCT FROM "c6")
),
"t9" AS (
  SELECT
    "c2",
    "c3",
    "c6",
    "c7",
    coalesce("c2", "c6") AS "c8"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c2",
    "c3",
    "c6",
    "c7",
    "c8"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c2",
    "c6",
    "c8",
    ("c3" + "c7") AS "c9"
  FROM "t10"
)
SELECT
  "c8" AS "i0",
  "c9" AS "v0"
FROM "t11"
ORDER BY "c8" ASC NULLS LAST, "c2" ASC NULLS LAST, "c6" ASC NULLS LAST
