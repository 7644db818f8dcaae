WITH `t1` AS (
  SELECT
    `flag` AS `c0`,
    `qty` AS `c1`,
    `price` AS `c2`,
    `disc` AS `c3`,
    `tax` AS `c4`,
    `day` AS `c5`
  FROM (SELECT * FROM parquet.`<DATA>/decimals.parquet`)
  WHERE (`day` <= CAST(5 AS BIGINT))
),
`t2` AS (
  SELECT
    `c0`,
    `c1`,
    `c2`,
    `c3`,
    `c4`,
    `c5`,
    (`c2` * (CAST('1' AS DECIMAL(1,0)) - `c3`)) AS `c6`
  FROM `t1`
),
`t3` AS (
  SELECT
    `c0`,
    `c1`,
    `c2`,
    `c3`,
    `c5`,
    `c6`,
    (`c6` * (CAST('1' AS DECIMAL(1,0)) + `c4`)) AS `c7`
  FROM `t2`
),
`t5` AS (
  SELECT
    `c0`,
    `c1`,
    `c3`,
    `c5`,
    `c6`,
    `c7`,
    (`c2` * CAST(`c5` AS DECIMAL(1,0))) AS `c8`
  FROM `t3`
)
SELECT
  `c0` AS `i0`,
  coalesce(CASE WHEN (abs(sum(`c1`)) <= CAST('45035996273704' AS DECIMAL(38,2))) THEN CAST(sum(`c1`) AS DOUBLE) ELSE CAST(CAST(sum(`c1`) AS STRING) AS DOUBLE) END, CAST(0e+00 AS DOUBLE)) AS `v0`,
  coalesce(CASE WHEN (abs(sum(`c8`)) <= CAST('45035996273704' AS DECIMAL(38,2))) THEN CAST(sum(`c8`) AS DOUBLE) ELSE CAST(CAST(sum(`c8`) AS STRING) AS DOUBLE) END, CAST(0e+00 AS DOUBLE)) AS `v1`,
  coalesce(CASE WHEN (((sum(shiftright(CAST(`c5` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c5` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'day\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c5` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c5` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c5` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v2`,
  coalesce(CASE WHEN (abs(sum(`c6`)) <= CAST('450359962737' AS DECIMAL(38,4))) THEN CAST(sum(`c6`) AS DOUBLE) ELSE CAST(CAST(sum(`c6`) AS STRING) AS DOUBLE) END, CAST(0e+00 AS DOUBLE)) AS `v3`,
  coalesce(CASE WHEN (abs(sum(`c7`)) <= CAST('4503599627' AS DECIMAL(38,6))) THEN CAST(sum(`c7`) AS DOUBLE) ELSE CAST(CAST(sum(`c7`) AS STRING) AS DOUBLE) END, CAST(0e+00 AS DOUBLE)) AS `v4`,
  CASE WHEN (count(`c3`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(count(`c3`) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN (CASE WHEN (abs(sum(`c3`)) <= CAST('45035996273704' AS DECIMAL(38,2))) THEN CAST(sum(`c3`) AS DOUBLE) ELSE CAST(CAST(sum(`c3`) AS STRING) AS DOUBLE) END * CASE WHEN startswith(CAST(CAST(count(`c3`) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (CASE WHEN (abs(sum(`c3`)) <= CAST('45035996273704' AS DECIMAL(38,2))) THEN CAST(sum(`c3`) AS DOUBLE) ELSE CAST(CAST(sum(`c3`) AS STRING) AS DOUBLE) END / CAST(count(`c3`) AS DOUBLE)) END END AS `v5`,
  CAST(count(`c7`) AS BIGINT) AS `v6`
FROM `t5`
GROUP BY `c0`
ORDER BY `c0` ASC NULLS LAST
