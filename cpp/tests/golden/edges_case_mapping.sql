SELECT
  "file_row_number" AS "i0",
  "s" AS "v0",
  cormorant_str_upper("s") AS "v1",
  cormorant_str_lower("s") AS "v2"
FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
