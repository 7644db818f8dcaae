WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "name" AS "c2",
    "file_row_number" AS "c3"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0",
    "c2",
    "c3"
  FROM "t0"
  WHERE ("c1" > CAST(0 AS BIGINT))
)
SELECT
  "c3" AS "i0",
  "c0" AS "v0",
  "c2" AS "v1"
FROM "t1"
