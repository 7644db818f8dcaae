WITH "t4" AS (
  SELECT
    "rowid" AS "c3",
    "x" AS "c4",
    (row_number() OVER (ORDER BY "rowid" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c5"
  FROM "cormorant_<SESSION>_0"
),
"t9" AS (
  SELECT
    "file_row_number" AS "c9",
    "x" AS "c10",
    (row_number() OVER (ORDER BY "file_row_number" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c11"
  FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
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
"t14" AS (
  SELECT
    "c3",
    "c4",
    "c9",
    "c10",
    "c12",
    CASE WHEN ("c13" = CAST(0 AS BIGINT)) THEN "c5" END AS "c14"
  FROM "t12"
)
SELECT
  "c12" AS "i0",
  ("c4" + "c10") AS "v0"
FROM "t14"
ORDER BY "c14" ASC NULLS LAST, "c12" ASC NULLS LAST, "c3" ASC NULLS LAST, "c9" ASC NULLS LAST
