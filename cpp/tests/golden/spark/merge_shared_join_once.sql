WITH `t3` AS (
  SELECT
    `id` AS `c7`,
    `x` AS `c8`,
    `y` AS `c9`,
    `z` AS `c10`,
    `name` AS `c11`,
    `flag` AS `c12`,
    `id` AS `c13`,
    `file_row_number` AS `c14`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `name` AS `c18`,
    `id` AS `c19`,
    `rowid` AS `c20`
  FROM `cormorant_<SESSION>_0`
),
`t10` AS (
  SELECT
    `c7`,
    `c8`,
    `c9`,
    `c10`,
    `c11`,
    `c12`,
    `c14`,
    `c18`,
    `c20`
  FROM `t3`
  INNER JOIN `t7` ON (`c13` = `c19`)
),
`t13` AS (
  SELECT
    `c7` AS `c21`,
    `c8` AS `c22`,
    `c9` AS `c23`,
    `c10` AS `c24`,
    `c11` AS `c25`,
    `c12` AS `c26`,
    `c18` AS `c27`,
    `c7` AS `c28`,
    `c14` AS `c29`,
    `c20` AS `c30`
  FROM `t10`
),
`t14` AS (
  SELECT
    `c7`,
    `c9`
  FROM `t10`
),
`t20` AS (
  SELECT
    `c7` AS `c32`,
    nullif(CASE WHEN (count(`c9`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(count(`c9`) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN (coalesce(sum(`c9`), CAST(0e+00 AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(count(`c9`) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE (coalesce(sum(`c9`), CAST(0e+00 AS DOUBLE)) / CAST(count(`c9`) AS DOUBLE)) END END, CAST('nan' AS DOUBLE)) AS `c33`,
    `c7` AS `c34`
  FROM `t14`
  GROUP BY `c7`
)
SELECT
  `c21` AS `v0`,
  `c22` AS `v1`,
  `c23` AS `v2`,
  `c24` AS `v3`,
  `c25` AS `v4`,
  `c26` AS `v5`,
  `c27` AS `v6`,
  `c33` AS `v7`
FROM `t13`
INNER JOIN `t20` ON (`c28` = `c34`)
ORDER BY `c29` ASC NULLS LAST, `c30` ASC NULLS LAST, `c32` ASC NULLS LAST
