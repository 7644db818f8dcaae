SELECT
  "file_row_number" AS "i0",
  "s" AS "v0",
  length("s") AS "v1",
  trim("s", ' 	
                 　') AS "v2",
  trim("s", 'x-') AS "v3",
  rtrim("s", ' 	
                 　') AS "v4",
  contains("s", '.b*') AS "v5",
  regexp_matches("s", 'a.b') AS "v6",
  starts_with("s", 'a.') AS "v7",
  regexp_replace("s", '(\w)', '<\1>') AS "v8",
  replace("s", '-', '+$') AS "v9",
  substring("s", (greatest((coalesce(length("s"), CAST(0 AS BIGINT)) + CAST(-3 AS BIGINT)), CAST(0 AS BIGINT)) + CAST(1 AS BIGINT)), greatest((coalesce(length("s"), CAST(0 AS BIGINT)) - greatest((coalesce(length("s"), CAST(0 AS BIGINT)) + CAST(-3 AS BIGINT)), CAST(0 AS BIGINT))), CAST(0 AS BIGINT))) AS "v10"
FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
