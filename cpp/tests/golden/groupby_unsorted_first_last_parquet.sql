WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "name" AS "c3",
    "flag" AS "c4",
    "file_row_number" AS "c5"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    "c4",
    "c5"
  FROM "t0"
  WHERE ("c0" <> CAST(10 AS BIGINT))
),
"t2" AS (
  SELECT
    "c4",
    "c3",
    first("c1" ORDER BY "c5" ASC NULLS LAST) FILTER (WHERE ("c1" IS NOT NULL)) AS "c6",
    first("c2" ORDER BY "c5" DESC NULLS FIRST) FILTER (WHERE ("c2" IS NOT NULL)) AS "c7",
    CAST(count(DISTINCT "c0") AS BIGINT) AS "c8",
    CAST(min("c5") AS BIGINT) AS "c9"
  FROM "t1"
  GROUP BY "c4", "c3"
),
"t3" AS (
  SELECT
    "c4",
    "c3",
    "c6",
    "c7",
    "c8",
    "c9"
  FROM "t2"
)
SELECT
  "c4" AS "i0",
  "c3" AS "i1",
  "c6" AS "v0",
  "c7" AS "v1",
  "c8" AS "v2"
FROM "t3"
ORDER BY "c9" ASC NULLS LAST
