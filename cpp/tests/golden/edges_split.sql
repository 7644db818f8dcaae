SELECT
  "file_row_number" AS "i0",
  "s" AS "v0",
  string_split("s", '-') AS "v1",
  array_to_string(string_split("s", ''), '|') AS "v2"
FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
