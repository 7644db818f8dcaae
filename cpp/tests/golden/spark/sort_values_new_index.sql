SELECT
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
ORDER BY `y` DESC NULLS LAST, `file_row_number` ASC NULLS LAST
