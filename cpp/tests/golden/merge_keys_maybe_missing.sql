WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "file_row_number" AS "c3"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0" AS "c4",
    "c2" AS "c5",
    "c0" AS "c6",
    "c3" AS "c7"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t2"
),
"t4" AS (
  SELECT
    "x" AS "c8",
    "name" AS "c9",
    "rowid" AS "c10"
  FROM "cormorant_<SESSION>_0"
),
"t5" AS (
  SELECT
    "c9" AS "c11",
    "c8" AS "c12",
    "c10" AS "c13"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c11",
    "c12",
    "c13"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c11",
    "c12",
    "c13"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c4",
    "c5",
    "c7",
    "c11",
    "c13"
  FROM "t3"
  INNER JOIN "t7" ON ("c6" IS NOT DISTINCT FROM "c12")
),
"t9" AS (
  SELECT
    "c4",
    "c5",
    "c7",
    "c11",
    "c13"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c4",
    "c5",
    "c7",
    "c11",
    "c13"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c4" AS "c14",
    "c5" AS "c15",
    "c11" AS "c16",
    "c4" AS "c17",
    "c7" AS "c18",
    "c13" AS "c19"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c14",
    "c15",
    "c16",
    "c17",
    "c18",
    "c19"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c14",
    "c15",
    "c16",
    "c17",
    "c18",
    "c19"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c0",
    "c1",
    "c3"
  FROM "t0"
  WHERE ("c0" > CAST(0 AS BIGINT))
),
"t15" AS (
  SELECT
    "c1" AS "c20",
    "c0" AS "c21",
    "c3" AS "c22"
  FROM "t14"
),
"t16" AS (
  SELECT
    "c20",
    "c21",
    "c22"
  FROM "t15"
),
"t17" AS (
  SELECT
    "c20",
    "c21",
    "c22"
  FROM "t16"
),
"t18" AS (
  SELECT
    "c14",
    "c15",
    "c16",
    "c18",
    "c19",
    "c20",
    "c22"
  FROM "t13"
  INNER JOIN "t17" ON ("c17" = "c21")
),
"t19" AS (
  SELECT
    "c14",
    "c15",
    "c16",
    "c18",
    "c19",
    "c20",
    "c22"
  FROM "t18"
),
"t20" AS (
  SELECT
    "c14",
    "c15",
    "c16",
    "c18",
    "c19",
    "c20",
    "c22",
    (row_number() OVER (ORDER BY "c18" ASC NULLS LAST, "c19" ASC NULLS LAST, "c22" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c23"
  FROM "t19"
)
SELECT
  "c23" AS "i0",
  "c14" AS "v0",
  "c15" AS "v1",
  "c16" AS "v2",
  "c20" AS "v3"
FROM "t20"
ORDER BY "c18" ASC NULLS LAST, "c19" ASC NULLS LAST, "c22" ASC NULLS LAST
