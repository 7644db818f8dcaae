SELECT
  `flag` AS `v0`,
  nullif(CAST(median(`y`) AS DOUBLE), CAST('nan' AS DOUBLE)) AS `v1`
FROM `cormorant_<SESSION>_0`
GROUP BY `flag`
ORDER BY CAST(min(`rowid`) AS BIGINT) ASC NULLS LAST
