WITH `t3` AS (
  SELECT
    `x` AS `c4`,
    `y` AS `c5`,
    `flag` AS `c6`,
    `id` AS `c7`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `id` AS `c9`
  FROM `cormorant_<SESSION>_0`
),
`t10` AS (
  SELECT
    `c4`,
    `c5`,
    `c6`
  FROM `t3`
  INNER JOIN `t7` ON (`c7` = `c9`)
),
`t11` AS (
  SELECT
    `c4`,
    `c5`,
    `c6`
  FROM `t10`
  WHERE (`c6` IS NOT NULL)
),
`t15` AS (
  SELECT
    `c6`,
    coalesce(CASE WHEN (((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `c10`,
    nullif(CASE WHEN (count(`c5`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(count(`c5`) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN (coalesce(sum(`c5`), CAST(0e+00 AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(count(`c5`) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (coalesce(sum(`c5`), CAST(0e+00 AS DOUBLE)) / CAST(count(`c5`) AS DOUBLE)) END END, CAST('nan' AS DOUBLE)) AS `c11`
  FROM `t11`
  GROUP BY `c6`
  ORDER BY coalesce(CASE WHEN (((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c4` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c4` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) DESC NULLS LAST, `c6` ASC NULLS LAST
  LIMIT 2
)
SELECT
  `c6` AS `i0`,
  `c10` AS `v0`,
  `c11` AS `v1`
FROM `t15`
ORDER BY `c10` DESC NULLS LAST, `c6` ASC NULLS LAST
