WITH `t3` AS (
  SELECT
    `id` AS `c2`,
    `id` AS `c3`,
    `file_row_number` AS `c4`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t7` AS (
  SELECT
    `name` AS `c8`,
    `id` AS `c9`,
    `rowid` AS `c10`
  FROM `cormorant_<SESSION>_0`
)
SELECT
  `c2` AS `v0`,
  `c8` AS `v1`
FROM `t3`
INNER JOIN `t7` ON (`c3` = `c9`)
ORDER BY `c4` ASC NULLS LAST, `c10` ASC NULLS LAST
