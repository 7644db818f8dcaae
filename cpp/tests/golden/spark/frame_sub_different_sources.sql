WITH `t3` AS (
  SELECT
    `rowid` AS `c3`,
    `x` AS `c4`,
    `y` AS `c5`,
    `rowid` AS `c6`
  FROM `cormorant_<SESSION>_0`
),
`t7` AS (
  SELECT
    `file_row_number` AS `c10`,
    `x` AS `c11`,
    `y` AS `c12`,
    `file_row_number` AS `c13`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t8` AS (
  SELECT
    `c3`,
    `c4`,
    `c5`,
    `c6`,
    `c10`,
    `c11`,
    `c12`,
    `c13`
  FROM `t3`
  FULL OUTER JOIN `t7` ON (`c3` = `c10`)
),
`t9` AS (
  SELECT
    `c3`,
    `c4`,
    `c5`,
    `c6`,
    `c10`,
    `c11`,
    `c12`,
    `c13`,
    coalesce(`c3`, `c10`) AS `c14`
  FROM `t8`
),
`t10` AS (
  SELECT
    `c3`,
    `c4`,
    `c5`,
    `c6`,
    `c10`,
    `c11`,
    `c12`,
    `c14`,
    CAST(max(CASE WHEN (`c6` = `c13`) THEN CAST(0 AS BIGINT) ELSE CAST(1 AS BIGINT) END) OVER () AS BIGINT) AS `c15`
  FROM `t9`
),
`t12` AS (
  SELECT
    `c3`,
    `c4`,
    `c5`,
    `c10`,
    `c11`,
    `c12`,
    `c14`,
    CASE WHEN (`c15` = CAST(0 AS BIGINT)) THEN `c6` END AS `c16`
  FROM `t10`
)
SELECT
  `c14` AS `i0`,
  (`c4` - `c11`) AS `v0`,
  nullif((`c5` - `c12`), CAST('nan' AS DOUBLE)) AS `v1`
FROM `t12`
ORDER BY `c16` ASC NULLS LAST, `c14` ASC NULLS LAST, `c3` ASC NULLS LAST, `c10` ASC NULLS LAST
