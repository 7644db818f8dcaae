SELECT
  `file_row_number` AS `i0`,
  `id` AS `v0`,
  `x` AS `v1`,
  `y` AS `v2`,
  `z` AS `v3`,
  `name` AS `v4`,
  `flag` AS `v5`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
WHERE ((`name` IN ('alpha', 'it\'s')) AND (((`x` IS NULL) OR (`x` IN (CAST(10 AS BIGINT), CAST(0 AS BIGINT)))) OR (NOT CASE WHEN (`id` IS NULL) THEN false ELSE (`id` = CAST(1 AS BIGINT)) END)))
