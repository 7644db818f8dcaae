WITH `t3` AS (
  SELECT
    `y` AS `c3`,
    `flag` AS `c4`,
    `id` AS `c5`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `id` AS `c7`
  FROM `cormorant_<SESSION>_0`
),
`t10` AS (
  SELECT
    `c3`,
    `c4`
  FROM `t3`
  INNER JOIN `t7` ON (`c5` = `c7`)
),
`t11` AS (
  SELECT
    `c3`,
    `c4`
  FROM `t10`
  WHERE (`c4` IS NOT NULL)
),
`t13` AS (
  SELECT
    `c4`,
    nullif(coalesce(sum(`c3`), CAST(0e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `c8`
  FROM `t11`
  GROUP BY `c4`
),
`t14` AS (
  SELECT
    `c4`,
    `c8`,
    (row_number() OVER (ORDER BY `c4` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c9`
  FROM `t13`
),
`t15` AS (
  SELECT
    nullif(coalesce(sum(`c3`), CAST(0e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `c10`
  FROM `t10`
)
SELECT
  `c9` AS `i0`,
  `c4` AS `v0`,
  `c8` AS `v1`
FROM `t14`
WHERE (`c8` > nullif(((SELECT `c10` FROM `t15`) * CAST(2.5e-01 AS DOUBLE)), CAST('nan' AS DOUBLE)))
ORDER BY `c4` ASC NULLS LAST
