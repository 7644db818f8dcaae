WITH `t0` AS (
  SELECT
    `x` AS `c0`,
    `y` AS `c1`,
    `z` AS `c2`,
    `file_row_number` AS `c3`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t3` AS (
  SELECT
    `c0` AS `c4`,
    `c2` AS `c5`,
    `c0` AS `c6`,
    `c3` AS `c7`
  FROM `t0`
),
`t7` AS (
  SELECT
    `name` AS `c11`,
    `x` AS `c12`,
    `rowid` AS `c13`
  FROM `cormorant_<SESSION>_0`
),
`t11` AS (
  SELECT
    `c1` AS `c14`,
    `c0` AS `c15`,
    `c3` AS `c16`
  FROM `t0`
  WHERE (`c0` > CAST(0 AS BIGINT))
)
SELECT
  `j0`.`c4` AS `v0`,
  `j0`.`c5` AS `v1`,
  `j1`.`c11` AS `v2`,
  `j2`.`c14` AS `v3`
FROM `t3` AS `j0`
INNER JOIN `t7` AS `j1` ON (`j0`.`c4` IS NOT DISTINCT FROM `j1`.`c12`)
INNER JOIN `t11` AS `j2` ON (`j0`.`c4` = `j2`.`c15`)
ORDER BY `j0`.`c7` ASC NULLS LAST, `j1`.`c13` ASC NULLS LAST, `j2`.`c16` ASC NULLS LAST
