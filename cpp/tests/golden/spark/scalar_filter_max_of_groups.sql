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
    coalesce(CASE WHEN ((sum(`c0`) > CAST(9223372036854775807 AS BIGINT)) OR (sum(`c0`) < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(sum(`c0`) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum(`c0`) AS BIGINT) END, CAST(0 AS BIGINT)) AS `c2`
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
