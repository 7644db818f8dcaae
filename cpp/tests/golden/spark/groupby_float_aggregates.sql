WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `y` AS `c1`,
    `flag` AS `c2`
  FROM `cormorant_<SESSION>_0`
  WHERE (`flag` IS NOT NULL)
)
SELECT
  `c2` AS `i0`,
  nullif(coalesce(sum(`c1`), CAST(0e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v0`,
  nullif(CASE WHEN (count(`c1`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(count(`c1`) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN (coalesce(sum(`c1`), CAST(0e+00 AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(count(`c1`) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (coalesce(sum(`c1`), CAST(0e+00 AS DOUBLE)) / CAST(count(`c1`) AS DOUBLE)) END END, CAST('nan' AS DOUBLE)) AS `v1`,
  nullif(sqrt(CASE WHEN (count(`c1`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(greatest((count(`c1`) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN ((var_pop(`c1`) * CAST(count(`c1`) AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(greatest((count(`c1`) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE ((var_pop(`c1`) * CAST(count(`c1`) AS DOUBLE)) / CAST(greatest((count(`c1`) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE)) END END), CAST('nan' AS DOUBLE)) AS `v2`,
  nullif(CASE WHEN (count(CAST(`c0` AS DOUBLE)) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(greatest((count(CAST(`c0` AS DOUBLE)) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN ((var_pop(CAST(`c0` AS DOUBLE)) * CAST(count(CAST(`c0` AS DOUBLE)) AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(greatest((count(CAST(`c0` AS DOUBLE)) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE ((var_pop(CAST(`c0` AS DOUBLE)) * CAST(count(CAST(`c0` AS DOUBLE)) AS DOUBLE)) / CAST(greatest((count(CAST(`c0` AS DOUBLE)) - CAST(1e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE)) END END, CAST('nan' AS DOUBLE)) AS `v3`,
  coalesce(CASE WHEN (((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v4`
FROM `t1`
GROUP BY `c2`
ORDER BY `c2` ASC NULLS LAST
