WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    (row_number() OVER (ORDER BY "c1" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c2"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c1" AS "c3",
    "c0" AS "c4",
    "c2" AS "c5"
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
    "c3",
    "c4",
    "c5"
  FROM "t3"
),
"t5" AS (
  SELECT
    "x" AS "c6",
    "file_row_number" AS "c7"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t6" AS (
  SELECT
    "c6",
    "c7",
    (row_number() OVER (ORDER BY "c7" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c8"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c7" AS "c9",
    "c6" AS "c10",
    "c8" AS "c11"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c9",
    "c10",
    "c11"
  FROM "t7"
),
"t9" AS (
  SELECT
    "c9",
    "c10",
    "c11"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c11"
  FROM "t4"
  FULL OUTER JOIN "t9" ON ("c3" = "c9")
),
"t11" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c11",
    coalesce("c3", "c9") AS "c12"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c3",
    "c4",
    "c5",
    "c9",
    "c10",
    "c12",
    CAST(max(CASE WHEN ("c5" = "c11") THEN CAST(0 AS BIGINT) ELSE CAST(1 AS BIGINT) END) OVER () AS BIGINT) AS "c13"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c3",
    "c4",
    "c9",
    "c10",
    "c12",
    CASE WHEN ("c13" = CAST(0 AS BIGINT)) THEN "c5" END AS "c14"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c3",
    "c4",
    "c9",
    "c10",
    "c12",
    "c14"
  FROM "t13"
),
"t15" AS (
  SELECT
    "c3",
    "c9",
    "c12",
    "c14",
    ("c4" + "c10") AS "c15"
  FROM "t14"
)
SELECT
  "c12" AS "i0",
  "c15" AS "v0"
FROM "t15"
ORDER BY "c14" ASC NULLS LAST, "c12" ASC NULLS LAST, "c3" ASC NULLS LAST, "c9" ASC NULLS LAST
