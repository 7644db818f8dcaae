WITH `t0` AS (
  SELECT
    `id` AS `c0`,
    `x` AS `c1`,
    `y` AS `c2`,
    `z` AS `c3`,
    `name` AS `c4`,
    `flag` AS `c5`,
    `rowid` AS `c6`
  FROM `cormorant_<SESSION>_0`
),
`t1` AS (
  SELECT
    `c1`
  FROM `t0`
  WHERE (`c2` > CAST(0 AS BIGINT))
),
`t2` AS (
  SELECT
    `id` AS `c7`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
)
SELECT
  `t0`.`c6` AS `i0`,
  `t0`.`c0` AS `v0`,
  `t0`.`c1` AS `v1`,
  `t0`.`c2` AS `v2`,
  `t0`.`c3` AS `v3`,
  `t0`.`c4` AS `v4`,
  `t0`.`c5` AS `v5`
FROM `t0`
ANTI JOIN `t1` AS `cormorant_members` ON (`t0`.`c1` = `cormorant_members`.`c1`)
ANTI JOIN `t2` AS `cormorant_members1` ON (`t0`.`c0` = `cormorant_members1`.`c7`)
ORDER BY `t0`.`c6` ASC NULLS LAST
