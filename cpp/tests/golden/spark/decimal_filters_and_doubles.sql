WITH `t1` AS (
  SELECT
    `flag` AS `c0`,
    `price` AS `c2`,
    `disc` AS `c3`
  FROM (SELECT * FROM parquet.`<DATA>/decimals.parquet`)
  WHERE ((((`disc` >= CAST('0.05' AS DECIMAL(15,2))) AND (`disc` <= CAST('0.07' AS DECIMAL(15,2)))) AND (`qty` < CAST('24' AS DECIMAL(15,2)))) AND (CAST(`tax` AS DOUBLE) <> CAST(5.5e-02 AS DOUBLE)))
),
`t3` AS (
  SELECT
    `c0`,
    `c2`,
    nullif((CAST(`c2` AS DOUBLE) * CAST(`c3` AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `c5`
  FROM `t1`
)
SELECT
  `c0` AS `i0`,
  nullif(coalesce(sum(`c5`), CAST(0e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v0`,
  CAST(max(`c5`) AS DOUBLE) AS `v1`,
  coalesce(CASE WHEN (abs(sum(`c2`)) <= CAST('45035996273704' AS DECIMAL(38,2))) THEN CAST(sum(`c2`) AS DOUBLE) ELSE CAST(CAST(sum(`c2`) AS STRING) AS DOUBLE) END, CAST(0e+00 AS DOUBLE)) AS `v2`
FROM `t3`
GROUP BY `c0`
ORDER BY `c0` ASC NULLS LAST
