SELECT
  `rowid` AS `i0`,
  `y` AS `v0`,
  nullif((`y` + CAST(1e+20 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v1`,
  nullif((`y` + CAST(1e-300 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v2`,
  nullif((`y` + CAST('nan' AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v3`,
  (`y` < CAST('inf' AS DOUBLE)) AS `v4`,
  (`y` > CAST('-inf' AS DOUBLE)) AS `v5`
FROM `cormorant_<SESSION>_0`
