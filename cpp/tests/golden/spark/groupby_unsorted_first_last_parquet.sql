WITH `t1` AS (
  SELECT
    `x` AS `c0`,
    `y` AS `c1`,
    `z` AS `c2`,
    `name` AS `c3`,
    `flag` AS `c4`,
    `file_row_number` AS `c5`
  FROM (SELECT *, _metadata.row_index AS `file_row_number` FROM parquet.`<DATA>/fixture.parquet`)
  WHERE (`x` <> CAST(10 AS BIGINT))
)
SELECT
  `c4` AS `i0`,
  `c3` AS `i1`,
  min_by(`c1`, `c5`) FILTER (WHERE (`c1` IS NOT NULL)) AS `v0`,
  max_by(`c2`, struct(`c5` IS NULL, `c5`)) FILTER (WHERE (`c2` IS NOT NULL)) AS `v1`,
  CAST(count(DISTINCT `c0`) AS BIGINT) AS `v2`
FROM `t1`
GROUP BY `c4`, `c3`
ORDER BY CAST(min(`c5`) AS BIGINT) ASC NULLS LAST
