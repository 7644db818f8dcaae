WITH `t1` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `y` AS `c2`,
    `file_row_number` AS `c3`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`x` > `y`)
),
`t4` AS (
  SELECT
    `c0` AS `c4`,
    `c1` AS `c5`,
    `c2` AS `c6`,
    `c0` AS `c7`,
    `c3` AS `c8`
  FROM `t1`
),
`t5` AS (
  SELECT
    `c0`
  FROM `t1`
),
`t11` AS (
  SELECT
    `c0` AS `c10`,
    CAST(count(*) AS BIGINT) AS `c11`,
    `c0` AS `c12`
  FROM `t5`
  GROUP BY `c0`
)
SELECT
  `c4` AS `v0`,
  `c5` AS `v1`,
  `c6` AS `v2`,
  `c11` AS `v3`
FROM `t4`
INNER JOIN `t11` ON (`c7` = `c12`)
ORDER BY `c8` ASC NULLS LAST, `c10` ASC NULLS LAST
