WITH `t0` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `y` AS `c2`,
    `z` AS `c3`,
    `name` AS `c4`,
    `flag` AS `c5`,
    `file_row_number` AS `c6`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t3` AS (
  SELECT
    `c0` AS `c7`,
    `c1` AS `c8`,
    `c2` AS `c9`,
    `c3` AS `c10`,
    `c4` AS `c11`,
    `c5` AS `c12`,
    `c0` AS `c13`,
    `c6` AS `c14`
  FROM `t0`
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
    `c3` AS `c21`,
    `c0` AS `c22`,
    `c6` AS `c23`
  FROM `t0`
)
SELECT
  `j0`.`c7` AS `v0`,
  `j0`.`c8` AS `v1`,
  `j0`.`c9` AS `v2`,
  `j0`.`c10` AS `v3`,
  `j0`.`c11` AS `v4`,
  `j0`.`c12` AS `v5`,
  `j1`.`c18` AS `v6`,
  `j2`.`c21` AS `v7`
FROM `t3` AS `j0`
INNER JOIN `t7` AS `j1` ON (`j0`.`c7` = `j1`.`c19`)
INNER JOIN `t10` AS `j2` ON (`j0`.`c7` = `j2`.`c22`)
ORDER BY `j0`.`c14` ASC NULLS LAST, `j1`.`c20` ASC NULLS LAST, `j2`.`c23` ASC NULLS LAST
