WITH "t4" AS (
  SELECT
    "id" AS "c3",
    "flag" AS "c4",
    "id" AS "c5",
    "file_row_number" AS "c6"
  FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
  WHERE ("flag" = true)
),
"t8" AS (
  SELECT
    "id" AS "c11",
    "x" AS "c12",
    "y" AS "c13",
    "id" AS "c14",
    "rowid" AS "c15"
  FROM "cormorant_<SESSION>_0"
),
"t12" AS (
  SELECT
    "id" AS "c20",
    "x" AS "c21",
    "z" AS "c22",
    "id" AS "c23",
    "x" AS "c24",
    "rowid" AS "c25"
  FROM "cormorant_<SESSION>_1"
),
"t14" AS (
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
)
SELECT
  (row_number() OVER (ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c25" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "i0",
  "c26" AS "v0",
  "c27" AS "v1",
  "c28" AS "v2",
  "c29" AS "v3",
  "c30" AS "v4",
  "c20" AS "v5",
  "c21" AS "v6",
  "c22" AS "v7"
FROM "t14"
ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c25" ASC NULLS LAST
