WITH `t3` AS (
  SELECT
    `id` AS `c3`,
    `x` AS `c4`,
    `id` AS `c5`,
    `file_row_number` AS `c6`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `name` AS `c10`,
    `flag` AS `c11`,
    `name` AS `c12`,
    `rowid` AS `c13`
  FROM `cormorant_<SESSION>_0`
),
`t11` AS (
  SELECT
    `name` AS `c18`,
    `id` AS `c19`,
    `y` AS `c20`,
    `name` AS `c21`,
    `rowid` AS `c22`
  FROM `cormorant_<SESSION>_1`
),
`t14` AS (
  SELECT
    `j0`.`c3`,
    `j0`.`c4`,
    `j0`.`c6`,
    `j1`.`c10` AS `c23`,
    `j1`.`c11` AS `c24`,
    `j2`.`c18` AS `c25`,
    `j2`.`c19` AS `c26`,
    `j2`.`c20` AS `c27`,
    `j1`.`c13` AS `c28`,
    `j2`.`c22` AS `c29`
  FROM `t3` AS `j0`
  INNER JOIN `t11` AS `j2` ON (`j0`.`c3` = `j2`.`c19`)
  INNER JOIN `t7` AS `j1` ON (`j1`.`c10` IS NOT DISTINCT FROM `j2`.`c18`)
),
`t17` AS (
  SELECT
    `c3` AS `c30`,
    `c4` AS `c31`,
    `c23` AS `c32`,
    `c24` AS `c33`,
    `c25` AS `c34`,
    `c26` AS `c35`,
    `c27` AS `c36`,
    `c3` AS `c37`,
    `c6` AS `c38`,
    `c28` AS `c39`,
    `c29` AS `c40`
  FROM `t14`
),
`t18` AS (
  SELECT
    `c3`,
    `c27`
  FROM `t14`
),
`t24` AS (
  SELECT
    `c3` AS `c42`,
    CAST(min(`c27`) AS DOUBLE) AS `c43`,
    `c3` AS `c44`
  FROM `t18`
  GROUP BY `c3`
)
SELECT
  `c30` AS `v0`,
  `c31` AS `v1`,
  `c32` AS `v2`,
  `c33` AS `v3`,
  `c34` AS `v4`,
  `c35` AS `v5`,
  `c36` AS `v6`,
  `c43` AS `v7`
FROM `t17`
INNER JOIN `t24` ON (`c37` = `c44`)
ORDER BY `c38` ASC NULLS LAST, `c39` ASC NULLS LAST, `c40` ASC NULLS LAST, `c42` ASC NULLS LAST
