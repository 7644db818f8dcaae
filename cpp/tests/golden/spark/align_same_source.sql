WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `rowid` AS `c1`
  FROM `cormorant_<SESSION>_0`
  WHERE ((`x` > CAST(-5 AS BIGINT)) OR (`x` < CAST(5 AS BIGINT)))
)
SELECT
  `c1` AS `i0`,
  (CASE WHEN (`c0` > CAST(-5 AS BIGINT)) THEN `c0` END + CASE WHEN (`c0` < CAST(5 AS BIGINT)) THEN `c0` END) AS `v0`
FROM `t1`
