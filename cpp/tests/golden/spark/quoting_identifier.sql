SELECT
  `rowid` AS `i0`,
  `it's` AS `v0`,
  `plain` AS `v1`,
  `say "hi"` AS `v2`
FROM `cormorant_<SESSION>_0`
WHERE (`say "hi"` > CAST(0 AS BIGINT))
