SELECT
  "id" AS "v0",
  "x" AS "v1",
  "y" AS "v2",
  "z" AS "v3",
  "name" AS "v4",
  "flag" AS "v5"
FROM read_parquet('<DATA>/fixture.parquet', file_row_number = true, hive_partitioning = false)
ORDER BY "y" DESC NULLS LAST, "file_row_number" ASC NULLS LAST
