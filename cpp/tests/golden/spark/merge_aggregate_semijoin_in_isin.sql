WITH `t0` AS (
  SELECT
    `id` AS `c0`,
    `name` AS `c1`,
    `rowid` AS `c2`
  FROM `cormorant_<SESSION>_1`
),
`t5` AS (
  SELECT
    `id` AS `c5`,
    `id` AS `c6`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`flag` = true)
),
`t7` AS (
  SELECT
    `id` AS `c7`,
    `y` AS `c8`
  FROM `cormorant_<SESSION>_0`
  WHERE (`id` IS NOT NULL)
),
`t8` AS (
  SELECT
    `c7`,
    `c8`
  FROM `t7`
  WHERE (`c7` IN (SELECT `c6` FROM `t5`))
),
`t14` AS (
  SELECT
    `c7` AS `c9`
  FROM `t8`
  GROUP BY `c7`
),
`t17` AS (
  SELECT
    `c5`
  FROM `t5`
  INNER JOIN `t14` ON (`c6` = `c9`)
)
SELECT
  `c2` AS `i0`,
  `c0` AS `v0`,
  `c1` AS `v1`
FROM `t0`
WHERE (`c0` IN (SELECT `c5` FROM `t17`))
ORDER BY `c2` ASC NULLS LAST
