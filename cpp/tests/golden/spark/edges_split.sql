SELECT
  `file_row_number` AS `i0`,
  `s` AS `v0`,
  split(`s`, '\\-', CAST(-1 AS BIGINT)) AS `v1`,
  array_join(split(`s`, '(?!\\z)(?![\\x{DC00}-\\x{DFFF}])', CAST(-1 AS BIGINT)), '|') AS `v2`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/edges.parquet`)
