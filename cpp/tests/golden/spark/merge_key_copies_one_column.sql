WITH `t4` AS (
  SELECT
    `id` AS `c3`,
    `flag` AS `c4`,
    `id` AS `c5`,
    `file_row_number` AS `c6`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`flag` = true)
),
`t8` AS (
  SELECT
    `id` AS `c11`,
    `x` AS `c12`,
    `y` AS `c13`,
    `id` AS `c14`,
    `rowid` AS `c15`
  FROM `cormorant_<SESSION>_0`
),
`t12` AS (
  SELECT
    `id` AS `c20`,
    `x` AS `c21`,
    `z` AS `c22`,
    `id` AS `c23`,
    `x` AS `c24`,
    `rowid` AS `c25`
  FROM `cormorant_<SESSION>_1`
)
SELECT
  `j0`.`c3` AS `v0`,
  `j0`.`c4` AS `v1`,
  `j1`.`c11` AS `v2`,
  `j1`.`c12` AS `v3`,
  `j1`.`c13` AS `v4`,
  `j2`.`c20` AS `v5`,
  `j2`.`c21` AS `v6`,
  `j2`.`c22` AS `v7`
FROM `t4` AS `j0`
INNER JOIN `t8` AS `j1` ON (`j0`.`c3` = `j1`.`c11`)
INNER JOIN `t12` AS `j2` ON ((`j1`.`c11` IS NOT DISTINCT FROM `j2`.`c20`) AND (`j1`.`c12` IS NOT DISTINCT FROM `j2`.`c21`))
ORDER BY `j0`.`c6` ASC NULLS LAST, `j1`.`c15` ASC NULLS LAST, `j2`.`c25` ASC NULLS LAST
