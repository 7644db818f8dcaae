SELECT
  `file_row_number` AS `i0`,
  `day` AS `v0`,
  (CAST((weekday(`day`) + CAST(1 AS BIGINT)) AS BIGINT) - CAST(1 AS BIGINT)) AS `v1`,
  date_format(`day`, 'EEEE') AS `v2`,
  coalesce((day(`day`) = day(last_day(`day`))), false) AS `v3`,
  day(last_day(`day`)) AS `v4`,
  dayofyear(`day`) AS `v5`,
  weekofyear(`day`) AS `v6`,
  (CAST(year(CAST(`day` AS TIMESTAMP_NTZ)) AS STRING) || date_format(CAST(`day` AS TIMESTAMP_NTZ), '\'/\'MM\'/\'dd\' \'EEEE\' \'DDD\' % \'HH\':\'mm')) AS `v7`,
  (CAST(date_format(CAST(`day` AS TIMESTAMP_NTZ), 'ssSSSSSS') AS BIGINT) % CAST(1000000 AS BIGINT)) AS `v8`
FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/edges.parquet`)
