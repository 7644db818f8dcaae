SELECT
  "file_row_number" AS "i0",
  "id" AS "v0",
  "name" AS "v1"
FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
WHERE ("x" > CAST(0 AS BIGINT))
