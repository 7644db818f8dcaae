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
  ORDER BY `c14` ASC NULLS LAST, `c20` ASC NULLS LAST
  LIMIT 2
  OFFSET 1
),
`t11` AS (
  SELECT
    `c7`,
    `c8`,
    `c9`,
    `c10`,
    `c11`,
    `c12`,
    `c14`,
    `c18`,
    `c20`,
    (row_number() OVER (ORDER BY `c14` ASC NULLS LAST, `c20` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c21`
  FROM `t10`
)
SELECT
  (`c21` + CAST(1 AS BIGINT)) AS `i0`,
  `c7` AS `v0`,
  `c8` AS `v1`,
  `c9` AS `v2`,
  `c10` AS `v3`,
  `c11` AS `v4`,
  `c12` AS `v5`,
  `c18` AS `v6`
FROM `t11`
ORDER BY `c14` ASC NULLS LAST, `c20` ASC NULLS LAST
