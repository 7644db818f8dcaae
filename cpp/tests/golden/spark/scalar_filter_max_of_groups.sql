WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `flag` AS `c1`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`flag` IS NOT NULL)
),
`t3` AS (
  SELECT
    `c1`,
    coalesce(CASE WHEN (((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `c2`
  FROM `t1`
  GROUP BY `c1`
),
`t4` AS (
  SELECT
    `c1`,
    `c2`,
    (row_number() OVER (ORDER BY `c1` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c3`
  FROM `t3`
),
`t5` AS (
  SELECT
    CAST(max(`c2`) AS BIGINT) AS `c4`
  FROM `t4`
)
SELECT
  `c3` AS `i0`,
  `c1` AS `v0`,
  `c2` AS `v1`
FROM `t4`
WHERE (`c2` = (SELECT `c4` FROM `t5`))
ORDER BY `c1` ASC NULLS LAST
