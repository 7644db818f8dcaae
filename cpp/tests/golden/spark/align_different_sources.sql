WITH `t3` AS (
  SELECT
    `rowid` AS `c2`,
    `x` AS `c3`,
    `rowid` AS `c4`
  FROM `cormorant_<SESSION>_0`
),
`t7` AS (
  SELECT
    `file_row_number` AS `c7`,
    `x` AS `c8`,
    `file_row_number` AS `c9`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
),
`t8` AS (
  SELECT
    `c2`,
    `c3`,
    `c4`,
    `c7`,
    `c8`,
    `c9`
  FROM `t3`
  FULL OUTER JOIN `t7` ON (`c2` = `c7`)
),
`t9` AS (
  SELECT
    `c2`,
    `c3`,
    `c4`,
    `c7`,
    `c8`,
    `c9`,
    coalesce(`c2`, `c7`) AS `c10`
  FROM `t8`
),
`t10` AS (
  SELECT
    `c2`,
    `c3`,
    `c4`,
    `c7`,
    `c8`,
    `c10`,
    CAST(max(CASE WHEN (`c4` = `c9`) THEN CAST(0 AS BIGINT) ELSE CAST(1 AS BIGINT) END) OVER () AS BIGINT) AS `c11`
  FROM `t9`
),
`t12` AS (
  SELECT
    `c2`,
    `c3`,
    `c7`,
    `c8`,
    `c10`,
    CASE WHEN (`c11` = CAST(0 AS BIGINT)) THEN `c4` END AS `c12`
  FROM `t10`
)
SELECT
  `c10` AS `i0`,
  (`c3` + `c8`) AS `v0`
FROM `t12`
ORDER BY `c12` ASC NULLS LAST, `c10` ASC NULLS LAST, `c2` ASC NULLS LAST, `c7` ASC NULLS LAST
