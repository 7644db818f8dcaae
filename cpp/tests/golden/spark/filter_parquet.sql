SELECT
  `file_row_number` AS `i0`,
  `id` AS `v0`,
  `name` AS `v1`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
WHERE (`x` > CAST(0 AS BIGINT))
