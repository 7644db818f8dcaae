WITH `t1` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `flag` AS `c2`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`flag` IS NOT NULL)
)
SELECT
  `c0` AS `i0`,
  `c2` AS `i1`,
  coalesce(CASE WHEN ((sum(`c1`) > CAST(9223372036854775807 AS BIGINT)) OR (sum(`c1`) < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(raise_error(((('cormorant-error#18:' || 'the sum of column \'x\' does not fit in Int64 (it is ') || CAST(sum(`c1`) AS STRING)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum(`c1`) AS BIGINT) END, CAST(0 AS BIGINT)) AS `v0`
FROM `t1`
GROUP BY `c0`, `c2`
ORDER BY `c0` ASC NULLS LAST, `c2` ASC NULLS LAST
