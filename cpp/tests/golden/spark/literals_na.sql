SELECT
  `rowid` AS `i0`,
  `id` AS `v0`,
  (`x` + CAST(NULL AS BIGINT)) AS `v1`,
  nullif((`y` * CAST(NULL AS DOUBLE)), CAST('nan' AS DOUBLE)) AS `v2`,
  CAST((`name` || CAST(NULL AS STRING)) AS STRING) AS `v3`,
  (`flag` AND CAST(NULL AS BOOLEAN)) AS `v4`,
  (`x` = CAST(NULL AS BIGINT)) AS `v5`
FROM `cormorant_<SESSION>_0`
