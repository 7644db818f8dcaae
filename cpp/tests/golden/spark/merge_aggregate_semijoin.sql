WITH `t4` AS (
  SELECT
    `id` AS `c3`,
    `flag` AS `c4`,
    `id` AS `c5`,
    `file_row_number` AS `c6`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`flag` = true)
),
`t6` AS (
  SELECT
    `id` AS `c7`,
    `y` AS `c8`
  FROM `cormorant_<SESSION>_0`
  WHERE (`id` IS NOT NULL)
),
`t7` AS (
  SELECT
    `c7`,
    `c8`
  FROM `t6`
  WHERE (`c7` IN (SELECT `c5` FROM `t4`))
),
`t13` AS (
  SELECT
    `c7` AS `c10`,
    nullif(coalesce(sum(`c8`), CAST(0e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `c11`,
    `c7` AS `c12`
  FROM `t7`
  GROUP BY `c7`
)
SELECT
  `c3` AS `v0`,
  `c4` AS `v1`,
  `c11` AS `v2`
FROM `t4`
INNER JOIN `t13` ON (`c5` = `c12`)
ORDER BY `c6` ASC NULLS LAST, `c10` ASC NULLS LAST
