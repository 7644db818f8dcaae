WITH `t3` AS (
  SELECT
    `x` AS `c5`,
    `y` AS `c6`,
    `z` AS `c7`,
    `id` AS `c8`,
    `file_row_number` AS `c9`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `id` AS `c12`,
    `rowid` AS `c13`
  FROM `cormorant_<SESSION>_0`
),
`t9` AS (
  SELECT
    `c5`,
    `c6`,
    `c7`,
    `c9`,
    `c13`
  FROM `t3`
  INNER JOIN `t7` ON (`c8` = `c12`)
),
`t11` AS (
  SELECT
    `c5`,
    `c6`,
    `c7`,
    `c9`,
    `c13`,
    (row_number() OVER (ORDER BY `c9` ASC NULLS LAST, `c13` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c14`
  FROM `t9`
)
SELECT
  nullif((CASE WHEN (`c5` > CAST(0 AS BIGINT)) THEN `c6` END + `c7`), CAST('nan' AS DOUBLE)) AS `v0`
FROM `t11`
ORDER BY `c14` ASC NULLS LAST, `c9` ASC NULLS LAST, `c13` ASC NULLS LAST
