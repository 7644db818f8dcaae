WITH "t0" AS NOT MATERIALIZED (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "file_row_number" AS "c3"
  FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
),
"t3" AS (
  SELECT
    "c0" AS "c4",
    "c2" AS "c5",
    "c0" AS "c6",
    "c3" AS "c7"
  FROM "t0"
),
"t7" AS (
  SELECT
    "name" AS "c11",
    "x" AS "c12",
    "rowid" AS "c13"
  FROM "cormorant_<SESSION>_0"
),
"t11" AS (
  SELECT
    "c1" AS "c14",
    "c0" AS "c15",
    "c3" AS "c16"
  FROM "t0"
  WHERE ("c0" > CAST(0 AS BIGINT))
),
"t13" AS (
  SELECT
    "j0"."c4" AS "c17",
    "j0"."c5" AS "c18",
    "j1"."c11" AS "c19",
    "j0"."c7" AS "c20",
    "j1"."c13" AS "c21",
    "j2"."c14",
    "j2"."c16"
  FROM "t3" AS "j0"
  INNER JOIN "t7" AS "j1" ON ("j0"."c4" IS NOT DISTINCT FROM "j1"."c12")
  INNER JOIN "t11" AS "j2" ON ("j0"."c4" = "j2"."c15")
)
SELECT
  (row_number() OVER (ORDER BY "c20" ASC NULLS LAST, "c21" ASC NULLS LAST, "c16" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "i0",
  "c17" AS "v0",
  "c18" AS "v1",
  "c19" AS "v2",
  "c14" AS "v3"
FROM "t13"
ORDER BY "c20" ASC NULLS LAST, "c21" ASC NULLS LAST, "c16" ASC NULLS LAST
