WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "file_row_number" AS "c4"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c1" AS "c5",
    "c2" AS "c6",
    "c3" AS "c7",
    "c0" AS "c8",
    "c4" AS "c9"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c8",
    "c9"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c8",
    "c9"
  FROM "t2"
),
"t4" AS (
  SELECT
    "id" AS "c10",
    "rowid" AS "c11"
  FROM "cormorant_<SESSION>_0"
),
"t5" AS (
  SELECT
    "c10" AS "c12",
    "c11" AS "c13"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c12",
    "c13"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c12",
    "c13"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c9",
    "c13"
  FROM "t3"
  INNER JOIN "t7" ON ("c8" = "c12")
),
"t9" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c9",
    "c13"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c9",
    "c13",
    (row_number() OVER (ORDER BY "c9" ASC NULLS LAST, "c13" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c14"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c5",
    "c6",
    "c7",
    "c9",
    "c13",
    "c14"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c9",
    "c13",
    "c14",
    (CASE WHEN ("c5" > CAST(0 AS BIGINT)) THEN "c6" END + "c7") AS "c15"
  FROM "t11"
)
SELECT
  "c14" AS "i0",
  "c15" AS "v0"
FROM "t12"
ORDER BY "c14" ASC NULLS LAST, "c9" ASC NULLS LAST, "c13" ASC NULLS LAST
