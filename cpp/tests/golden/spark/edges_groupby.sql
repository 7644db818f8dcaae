WITH `t0` AS (
  SELECT
    `i` AS `c0`,
    `d` AS `c1`,
    `f` AS `c2`,
    `s` AS `c3`,
    `file_row_number` AS `c4`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/edges.parquet`)
)
SELECT
  `c1` AS `i0`,
  CAST(count(`c2`) AS BIGINT) AS `v0`,
  CAST(count(*) AS BIGINT) AS `v1`,
  CAST(min(`c2`) AS DOUBLE) AS `v2`,
  CAST(max(`c2`) AS DOUBLE) AS `v3`,
  min_by(`c3`, `c4`) FILTER (WHERE (`c3` IS NOT NULL)) AS `v4`,
  max_by(`c3`, struct(`c4` IS NULL, `c4`)) FILTER (WHERE (`c3` IS NOT NULL)) AS `v5`,
  coalesce(CASE WHEN (((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'i\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v6`
FROM `t0`
GROUP BY `c1`
ORDER BY `c1` ASC NULLS LAST
