WITH `t2` AS (
  SELECT
    `x` AS `c0`,
    `z` AS `c1`,
    `name` AS `c2`,
    `flag` AS `c3`,
    `rowid` AS `c4`,
    (row_number() OVER (ORDER BY `z` DESC NULLS LAST, `rowid` ASC NULLS LAST) - CAST(1 AS BIGINT)) AS `c5`
  FROM `cormorant_<SESSION>_0`
)
SELECT
  `c3` AS `i0`,
  try_element_at(array_sort(collect_list(named_struct('k0', `c1`, 'k1', `c4`, 'v', `c2`)) FILTER (WHERE (`c2` IS NOT NULL)), (l, r) -> CASE WHEN (l.k0 IS NULL) <> (r.k0 IS NULL) THEN CASE WHEN l.k0 IS NULL THEN 1 ELSE -1 END WHEN l.k0 < r.k0 THEN 1 WHEN l.k0 > r.k0 THEN -1 WHEN (l.k1 IS NULL) <> (r.k1 IS NULL) THEN CASE WHEN l.k1 IS NULL THEN 1 ELSE -1 END WHEN l.k1 < r.k1 THEN -1 WHEN l.k1 > r.k1 THEN 1 ELSE 0 END), 1).v AS `v0`,
  try_element_at(array_sort(collect_list(named_struct('k0', `c1`, 'k1', `c4`, 'v', `c0`)) FILTER (WHERE (`c0` IS NOT NULL)), (l, r) -> CASE WHEN (l.k0 IS NULL) <> (r.k0 IS NULL) THEN CASE WHEN l.k0 IS NULL THEN -1 ELSE 1 END WHEN l.k0 < r.k0 THEN -1 WHEN l.k0 > r.k0 THEN 1 WHEN (l.k1 IS NULL) <> (r.k1 IS NULL) THEN CASE WHEN l.k1 IS NULL THEN -1 ELSE 1 END WHEN l.k1 < r.k1 THEN 1 WHEN l.k1 > r.k1 THEN -1 ELSE 0 END), 1).v AS `v1`
FROM `t2`
GROUP BY `c3`
ORDER BY CAST(min(`c5`) AS BIGINT) ASC NULLS LAST
