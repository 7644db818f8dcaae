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
    "x" AS "c8",
    "y" AS "c9",
    "rowid" AS "c10"
  FROM "cormorant_<SESSION>_0"
),
"t6" AS (
  SELECT
    "c7" AS "c11",
    "c8" AS "c12",
    "c9" AS "c13",
    "c7" AS "c14",
    "c10" AS "c15"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c11",
    "c12",
    "c13",
    "c14",
    "c15"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c11",
    "c12",
    "c13",
    "c14",
    "c15"
  FROM "t7"
),
"t9" AS (
  SELECT
    "id" AS "c16",
    "x" AS "c17",
    "z" AS "c18",
    "rowid" AS "c19"
  FROM "cormorant_<SESSION>_1"
),
"t10" AS (
  SELECT
    "c16" AS "c20",
    "c17" AS "c21",
    "c18" AS "c22",
    "c16" AS "c23",
    "c17" AS "c24",
    "c19" AS "c25"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c20",
    "c21",
    "c22",
    "c23",
    "c24",
    "c25"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c20",
    "c21",
    "c22",
    "c23",
    "c24",
    "c25"
  FROM "t11"
),
"t13" AS (
  SELECT
    "j0"."c3" AS "c26",
    "j0"."c4" AS "c27",
    "j1"."c11" AS "c28",
    "j1"."c12" AS "c29",
    "j1"."c13" AS "c30",
    "j0"."c6" AS "c31",
    "j1"."c15" AS "c32",
    "j2"."c20",
    "j2"."c21",
    "j2"."c22",
    "j2"."c25"
  FROM "t4" AS "j0"
  INNER JOIN "t8" AS "j1" ON ("j0"."c3" = "j1"."c11")
  INNER JOIN "t12" AS "j2" ON (("j1"."c11" IS NOT DISTINCT FROM "j2"."c20") AND ("j1"."c12" IS NOT DISTINCT FROM "j2"."c21"))
),
"t14" AS (
  SELECT
    "c26",
    "c27",
    "c28",
    "c29",
    "c30",
    "c31",
    "c32",
    "c20",
    "c21",
    "c22",
    "c25"
  FROM "t13"
),
"t15" AS (
  SELECT
    "c26",
    "c27",
    "c28",
    "c29",
    "c30",
    "c31",
    "c32",
    "c20",
    "c21",
    "c22",
    "c25",
    (row_number() OVER (ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c25" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c33"
  FROM "t14"
)
SELECT
  "c33" AS "i0",
  "c26" AS "v0",
  "c27" AS "v1",
  "c28" AS "v2",
  "c29" AS "v3",
  "c30" AS "v4",
  "c20" AS "v5",
  "c21" AS "v6",
  "c22" AS "v7"
FROM "t15"
ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c25" ASC NULLS LAST
