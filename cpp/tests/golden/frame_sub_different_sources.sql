WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    (row_number() OVER (ORDER BY "c2" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c3"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c2" AS "c4",
    "c0" AS "c5",
    "c1" AS "c6",
    "c3" AS "c7"
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
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t3"
),
"t5" AS (
  SELECT
    "x" AS "c8",
    "y" AS "c9",
    "file_row_number" AS "c10"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t6" AS (
  SELECT
    "c8",
    "c9",
    "c10",
    (row_number() OVER (ORDER BY "c10" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c11"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c10" AS "c12",
    "c8" AS "c13",
    "c9" AS "c14",
    "c11" AS "c15"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c12",
    "c13",
    "c14",
    "c15"
  FROM "t7"
),
"t9" AS (
  SELECT
    "c12",
    "c13",
    "c14",
    "c15"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7",
    "c12",
    "c13",
    "c14",
    "c15"
  FROM "t4"
  FULL OUTER JOIN "t9" ON ("c4" = "c12")
),
"t11" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7",
    "c12",
    "c13",
    "c14",
    "c15",
    coalesce("c4", "c12") AS "c16"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7",
    "c12",
    "c13",
    "c14",
    "c16",
    CAST(max(CASE WHEN ("c7" = "c15") THEN CAST(0 AS BIGINT) ELSE CAST(1 AS BIGINT) END) OVER () AS BIGINT) AS "c17"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c12",
    "c13",
    "c14",
    "c16",
    CASE WHEN ("c17" = CAST(0 AS BIGINT)) THEN "c7" END AS "c18"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c12",
    "c13",
    "c14",
    "c16",
    "c18"
  FROM "t13"
),
"t15" AS (
  SELECT
    "c4",
    "c12",
    "c16",
    "c18",
    ("c5" - "c13") AS "c19",
    ("c6" - "c14") AS "c20"
  FROM "t14"
)
SELECT
  "c16" AS "i0",
  "c19" AS "v0",
  "c20" AS "v1"
FROM "t15"
ORDER BY "c18" ASC NULLS LAST, "c16" ASC NULLS LAST, "c4" ASC NULLS LAST, "c12" ASC NULLS LAST
