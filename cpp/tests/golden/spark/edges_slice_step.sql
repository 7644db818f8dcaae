SELECT
  `file_row_number` AS `i0`,
  `s` AS `v0`,
  array_join(regexp_extract_all(substring(reverse(`s`), ((length(`s`) + CAST(1 AS BIGINT)) - ((coalesce(length(`s`), CAST(0 AS BIGINT)) - CAST(1 AS BIGINT)) + CAST(1 AS BIGINT))), greatest((((coalesce(length(`s`), CAST(0 AS BIGINT)) - CAST(1 AS BIGINT)) + CAST(1 AS BIGINT)) - (CAST(-1 AS BIGINT) + CAST(1 AS BIGINT))), CAST(0 AS BIGINT))), '(?du)(?s)(.).{0,1}', CAST(1 AS BIGINT)), '') AS `v1`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/edges.parquet`)
