WITH `t3` AS (
  SELECT
    `id` AS `c3`,
    `name` AS `c4`,
    `id` AS `c5`,
    `rowid` AS `c6`
  FROM `cormorant_<SESSION>_1`
),
`t8` AS (
  SELECT
    `k0` AS `c9`,
    `k1` AS `c10`,
    `k0` AS `c11`
  FROM `cormorant_<SESSION>_0`
  WHERE (`k1` = CAST(2.5e+00 AS DOUBLE))
)
SELECT
  `c3` AS `v0`,
  `c4` AS `v1`,
  `c10` AS `v2`
FROM `t3`
INNER JOIN `t8` ON (`c5` = `c11`)
ORDER BY `c6` ASC NULLS LAST, `c9` ASC NULLS LAST
