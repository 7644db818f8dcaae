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
),
"t11" AS (
  SELECT
    "c7" AS "c21",
    "c8" AS "c22",
    "c9" AS "c23",
    "c10" AS "c24",
    "c11" AS "c25",
    "c12" AS "c26",
    "c18" AS "c27",
    "c7" AS "c28",
    "c14" AS "c29",
    "c20" AS "c30"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c21",
    "c22",
    "c23",
    "c24",
    "c25",
    "c26",
    "c27",
    "c28",
    "c29",
    "c30"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c21",
    "c22",
    "c23",
    "c24",
    "c25",
    "c26",
    "c27",
    "c28",
    "c29",
    "c30"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c7",
    "c9"
  FROM "t10"
  WHERE ("c7" IS NOT NULL)
),
"t15" AS (
  SELECT
    "c7",
    CASE WHEN (count("c9") > CAST(0 AS BIGINT)) THEN (cormorant_sum_exact("c9") / CAST(count("c9") AS DOUBLE)) END AS "c31"
  FROM "t14"
  GROUP BY "c7"
),
"t16" AS (
  SELECT
    "c7",
    "c31"
  FROM "t15"
),
"t17" AS (
  SELECT
    "c7",
    "c31"
  FROM "t16"
),
"t18" AS (
  SELECT
    "c7" AS "c32",
    "c31" AS "c33",
    "c7" AS "c34"
  FROM "t17"
),
"t19" AS (
  SELECT
    "c32",
    "c33",
    "c34"
  FROM "t18"
),
"t20" AS (
  SELECT
    "c32",
    "c33",
    "c34"
  FROM "t19"
),
"t21" AS (
  SELECT
    "c21",
    "c22",
    "c23",
    "c24",
    "c25",
    "c26",
    "c27",
    "c29",
    "c30",
    "c32",
    "c33"
  FROM "t13"
  INNER JOIN "t20" ON ("c28" = "c34")
),
"t22" AS (
  SELECT
    "c21",
    "c22",
    "c23",
    "c24",
    "c25",
    "c26",
    "c27",
    "c29",
    "c30",
    "c32",
    "c33"
  FROM "t21"
),
"t23" AS (
  SELECT
    "c21",
    "c22",
    "c23",
    "c24",
    "c25",
    "c26",
    "c27",
    "c29",
    "c30",
    "c32",
    "c33",
    (row_number() OVER (ORDER BY "c29" ASC NULLS LAST, "c30" ASC NULLS LAST, "c32" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c35"
  FROM "t22"
)
SELECT
  "c35" AS "i0",
  "c21" AS "v0",
  "c22" AS "v1",
  "c23" AS "v2",
  "c24" AS "v3",
  "c25" AS "v4",
  "c26" AS "v5",
  "c27" AS "v6",
  "c33" AS "v7"
FROM "t23"
ORDER BY "c29" ASC NULLS LAST, "c30" ASC NULLS LAST, "c32" ASC NULLS LAST
