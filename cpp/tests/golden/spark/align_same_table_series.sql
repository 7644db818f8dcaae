SELECT
  `rowid` AS `i0`,
  nullif((CASE WHEN (`x` > CAST(0 AS BIGINT)) THEN `y` END + nullif((`z` * CAST(2 AS BIGINT)), CAST('nan' AS DOUBLE))), CAST('nan' AS DOUBLE)) AS `v0`
FROM `cormorant_<SESSION>_0`
