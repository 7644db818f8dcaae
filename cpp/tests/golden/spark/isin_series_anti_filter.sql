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
    `id` AS `c7`,
    `x` AS `c8`
  FROM (SELECT * FROM parquet.`<DATA>/fixture.parquet`)
),
`t2` AS (
  SELECT
    `c0`,
    `c1`,
    `c2`,
    `c3`,
    `c4`,
    `c5`,
    `c6`
  FROM `t0`
  WHERE (`c0` IN (SELECT `c7` FROM `t1`))
)
SELECT
  `t2`.`c6` AS `i0`,
  `t2`.`c0` AS `v0`,
  `t2`.`c1` AS `v1`,
  `t2`.`c2` AS `v2`,
  `t2`.`c3` AS `v3`,
  `t2`.`c4` AS `v4`,
  `t2`.`c5` AS `v5`
FROM `t2`
ANTI JOIN `t1` AS `cormorant_members` ON (`t2`.`c1` = `cormorant_members`.`c8`)
ORDER BY `t2`.`c6` ASC NULLS LAST
