WITH "t4" AS (
  SELECT
    "rowid" AS "c4",
    "x" AS "c5",
    "y" AS "c6",
    (row_number() OVER (ORDER BY "rowid" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c7"
  FROM "cormorant_<SESSION>_0"
),
"t9" AS (
  SELECT
    "file_row_number" AS "c12",
    "x" AS "c13",
    "y" AS "c14",
    (row_number() OVER (ORDER BY "file_row_number" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c15"
  FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
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
"t14" AS (
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
)
SELECT
  "c16" AS "i0",
  ("c5" - "c13") AS "v0",
  nullif(("c6" - "c14"), CAST('nan' AS DOUBLE)) AS "v1"
FROM "t14"
ORDER BY "c18" ASC NULLS LAST, "c16" ASC NULLS LAST, "c4" ASC NULLS LAST, "c12" ASC NULLS LAST
