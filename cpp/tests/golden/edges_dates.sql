SELECT
  "file_row_number" AS "i0",
  "day" AS "v0",
  (isodow("day") - CAST(1 AS BIGINT)) AS "v1",
  dayname("day") AS "v2",
  coalesce((day("day") = day(last_day("day"))), false) AS "v3",
  day(last_day("day")) AS "v4",
  dayofyear("day") AS "v5",
  week("day") AS "v6",
  (CAST(year(CAST("day" AS TIMESTAMP)) AS VARCHAR) || strftime(CAST("day" AS TIMESTAMP), '/%m/%d %A %j %% %H:%M')) AS "v7",
  (microsecond(CAST("day" AS TIMESTAMP)) % CAST(1000000 AS BIGINT)) AS "v8"
FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
