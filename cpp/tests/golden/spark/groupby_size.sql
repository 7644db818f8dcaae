WITH `t0` AS (
  SELECT
    `flag` AS `c0`
  FROM `cormorant_<SESSION>_0`
)
SELECT
  `c0` AS `i0`,
  CAST(count(*) AS BIGINT) AS `v0`
FROM `t0`
GROUP BY `c0`
ORDER BY `c0` ASC NULLS LAST
