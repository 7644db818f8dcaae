WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "file_row_number" AS "c6"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0" AS "c7",
    "c1" AS "c8",
    "c2" AS "c9",
    "c3" AS "c10",
    "c4" AS "c11",
    "c5" AS "c12",
    "c0" AS "c13",
    "c6" AS "c14"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c13",
    "c14"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c13",
    "c14"
  FROM "t2"
),
"t4" AS (
  SELECT
    "id" AS "c15",
    "name" AS "c16",
    "rowid" AS "c17"
  FROM "cormorant_<SESSION>_0"
),
"t5" AS (
  SELECT
    "c16" AS "c18",
    "c15" AS "c19",
    "c17" AS "c20"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c18",
    "c19",
    "c20"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c18",
    "c19",
    "c20"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c14",
    "c18",
    "c20"
  FROM "t3"
  INNER JOIN "t7" ON ("c13" = "c19")
),
"t9" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c14",
    "c18",
    "c20"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c14",
    "c18",
    "c20"
  FROM "t9"
  ORDER BY "c14" ASC NULLS LAST, "c20" ASC NULLS LAST
  LIMIT 2
),
"t11" AS (
  SELECT
    "c7",
    "c8",
    "c9",
    "c10",
    "c11",
    "c12",
    "c14",
    "c18",
    "c20",
    (row_number() OVER (ORDER BY "c14" ASC NULLS LAST, "c20" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c21"
  FROM "t10"
)
SELECT
  "c21" AS "i0",
  "c7" AS "v0",
  "c8" AS "v1",
  "c9" AS "v2",
  "c10" AS "v3",
  "c11" AS "v4",
  "c12" AS "v5",
  "c18" AS "v6"
FROM "t11"
ORDER BY "c14" ASC NULLS LAST, "c20" ASC NULLS LAST
