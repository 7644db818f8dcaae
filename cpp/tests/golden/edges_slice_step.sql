SELECT
  "file_row_number" AS "i0",
  "s" AS "v0",
  array_to_string(list_select(string_split("s", ''), range(((coalesce(length("s"), CAST(0 AS BIGINT)) - CAST(1 AS BIGINT)) + CAST(1 AS BIGINT)), (CAST(-1 AS BIGINT) + CAST(1 AS BIGINT)), CAST(-2 AS BIGINT))), '') AS "v1"
FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
