WITH "t0" AS NOT MATERIALIZED (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "file_row_number" AS "c6"
  FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
),
"t3" AS (
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
"t7" AS (
  SELECT
    "name" AS "c18",
    "id" AS "c19",
    "rowid" AS "c20"
  FROM "cormorant_<SESSION>_0"
),
"t10" AS (
  SELECT
    "c3" AS "c21",
    "c0" AS "c22",
    "c6" AS "c23"
  FROM "t0"
),
"t12" AS (
  SELECT
    "j0"."c7" AS "c24",
    "j0"."c8" AS "c25",
    "j0"."c9" AS "c26",
    "j0"."c10" AS "c27",
    "j0"."c11" AS "c28",
    "j0"."c12" AS "c29",
    "j1"."c18" AS "c30",
    "j0"."c14" AS "c31",
    "j1"."c20" AS "c32",
    "j2"."c21",
    "j2"."c23"
  FROM "t3" AS "j0"
  INNER JOIN "t7" AS "j1" ON ("j0"."c7" = "j1"."c19")
  INNER JOIN "t10" AS "j2" ON ("j0"."c7" = "j2"."c22")
)
SELECT
  (row_number() OVER (ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c23" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "i0",
  "c24" AS "v0",
  "c25" AS "v1",
  "c26" AS "v2",
  "c27" AS "v3",
  "c28" AS "v4",
  "c29" AS "v5",
  "c30" AS "v6",
  "c21" AS "v7"
FROM "t12"
ORDER BY "c31" ASC NULLS LAST, "c32" ASC NULLS LAST, "c23" ASC NULLS LAST
