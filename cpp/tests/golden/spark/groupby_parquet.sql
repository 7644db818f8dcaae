WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `y` AS `c1`,
    `name` AS `c2`,
    `file_row_number` AS `c3`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`name` IS NOT NULL)
)
SELECT
  `c2` AS `i0`,
  min_by(`c1`, `c3`) FILTER (WHERE (`c1` IS NOT NULL)) AS `v0`,
  coalesce(CASE WHEN (((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v1`
FROM `t1`
GROUP BY `c2`
ORDER BY CAST(min(`c3`) AS BIGINT) ASC NULLS LAST
