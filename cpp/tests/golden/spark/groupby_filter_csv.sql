WITH `t1` AS (
  SELECT
    `x` AS `c1`,
    `y` AS `c2`,
    `z` AS `c3`,
    `name` AS `c4`,
    `flag` AS `c5`
  FROM `cormorant_<SESSION>_0`
  WHERE (`id` > CAST(1 AS BIGINT))
),
`t2` AS (
  SELECT
    `c1`,
    `c2`,
    `c3`,
    `c4`,
    `c5`
  FROM `t1`
  WHERE (`c5` IS NOT NULL)
)
SELECT
  `c5` AS `i0`,
  coalesce(CASE WHEN (((sum(shiftright(CAST(`c1` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c1` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c1` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c1` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c1` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v0`,
  nullif(CASE WHEN (count(`c2`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(count(`c2`) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN (coalesce(sum(`c2`), CAST(0e+00 AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(count(`c2`) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (coalesce(sum(`c2`), CAST(0e+00 AS DOUBLE)) / CAST(count(`c2`) AS DOUBLE)) END END, CAST('nan' AS DOUBLE)) AS `v1`,
  CAST(count(`c3`) AS BIGINT) AS `v2`,
  CAST(max(`c4`) AS STRING) AS `v3`
FROM `t2`
GROUP BY `c5`
ORDER BY `c5` ASC NULLS LAST
