WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `name` AS `c1`,
    `flag` AS `c2`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
  WHERE ((`flag` IS NOT NULL) AND (`name` IS NOT NULL))
),
`t3` AS (
  SELECT
    `c2`,
    `c1`,
    coalesce(CASE WHEN (((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) >= CAST(2147483648 AS BIGINT)) OR ((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) < CAST(-2147483648 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(((CAST((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))) AS DECIMAL(38,0)) * CAST(CAST(4294967296 AS BIGINT) AS DECIMAL(38,0))) + CAST((sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT)) AS DECIMAL(38,0))) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST((shiftleft((sum(shiftright(CAST(`c0` AS BIGINT), CAST(CAST(32 AS BIGINT) AS INT))) + shiftright(sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))), CAST(CAST(32 AS BIGINT) AS INT))), CAST(CAST(32 AS BIGINT) AS INT)) | (sum((CAST(`c0` AS BIGINT) & CAST(4294967295 AS BIGINT))) & CAST(4294967295 AS BIGINT))) AS BIGINT) END, CAST(0 AS BIGINT)) AS `c3`
  FROM `t1`
  GROUP BY `c2`, `c1`
)
SELECT
  (row_number() OVER (ORDER BY `c2` ASC NULLS LAST, `c1` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `i0`,
  `c2` AS `v0`,
  `c1` AS `v1`,
  `c3` AS `v2`
FROM `t3`
ORDER BY `c3` DESC NULLS LAST, `c2` ASC NULLS LAST, `c1` ASC NULLS LAST
