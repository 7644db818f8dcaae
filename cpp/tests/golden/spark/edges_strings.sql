SELECT
  `file_row_number` AS `i0`,
  `s` AS `v0`,
  length(`s`) AS `v1`,
  regexp_replace(`s`, '(?du)\\A(?:\\ |\\	|\\
|\\|\\|\\|\\|\\|\\|\\|| | | | | | | | | | | | | | | | | |　)+|(?:\\ |\\	|\\
|\\|\\|\\|\\|\\|\\|\\|| | | | | | | | | | | | | | | | | |　)+\\z', '') AS `v2`,
  regexp_replace(`s`, '(?du)\\A(?:x|\\-)+|(?:x|\\-)+\\z', '') AS `v3`,
  regexp_replace(`s`, '(?du)(?:\\ |\\	|\\
|\\|\\|\\|\\|\\|\\|\\|| | | | | | | | | | | | | | | | | |　)+\\z', '') AS `v4`,
  contains(`s`, '.b*') AS `v5`,
  rlike(`s`, '(?du)a.b') AS `v6`,
  startswith(`s`, 'a.') AS `v7`,
  regexp_replace(`s`, '(?du)\\A((?s:.*?))(?:(\\w))', '$1<$2>') AS `v8`,
  replace(`s`, '-', '+$') AS `v9`,
  substring(`s`, (greatest((coalesce(length(`s`), CAST(0 AS BIGINT)) + CAST(-3 AS BIGINT)), CAST(0 AS BIGINT)) + CAST(1 AS BIGINT)), greatest((coalesce(length(`s`), CAST(0 AS BIGINT)) - greatest((coalesce(length(`s`), CAST(0 AS BIGINT)) + CAST(-3 AS BIGINT)), CAST(0 AS BIGINT))), CAST(0 AS BIGINT))) AS `v10`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/edges.parquet`)
