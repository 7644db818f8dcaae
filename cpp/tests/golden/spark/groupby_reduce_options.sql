WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `y` AS `c1`,
    `name` AS `c2`,
    `flag` AS `c3`
  FROM `cormorant_<SESSION>_0`
  WHERE (`name` IS NOT NULL)
)
SELECT
  `c2` AS `i0`,
  nullif(CASE WHEN (NOT (count(`c1`) < CAST(2 AS BIGINT))) THEN coalesce(sum(`c1`), CAST(0e+00 AS DOUBLE)) END, CAST('nan' AS DOUBLE)) AS `v0`,
  CASE WHEN (NOT (count(`c0`) < count(*))) THEN CAST(max(`c0`) AS BIGINT) END AS `v1`,
  nullif(CASE WHEN (NOT (count(`c1`) < CAST(1 AS BIGINT))) THEN CASE WHEN (count(`c1`) > CAST(0 AS BIGINT)) THEN CASE WHEN (CAST(greatest((count(`c1`) - CAST(0e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) = CAST(0e+00 AS DOUBLE)) THEN ((var_pop(`c1`) * CAST(count(`c1`) AS DOUBLE)) * CASE WHEN startswith(CAST(CAST(greatest((count(`c1`) - CAST(0e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE) AS STRING), '-') THEN CAST('-inf' AS DOUBLE) ELSE CAST('inf' AS DOUBLE) END) ELSE ((var_pop(`c1`) * CAST(count(`c1`) AS DOUBLE)) / CAST(greatest((count(`c1`) - CAST(0e+00 AS DOUBLE)), CAST(0 AS BIGINT)) AS DOUBLE)) END END END, CAST('nan' AS DOUBLE)) AS `v2`,
  CASE WHEN (NOT ((count(`c3`) < count(*)) AND (coalesce(bool_or(`c3`), false) = false))) THEN coalesce(bool_or(`c3`), false) END AS `v3`
FROM `t1`
GROUP BY `c2`
ORDER BY `c2` ASC NULLS LAST
