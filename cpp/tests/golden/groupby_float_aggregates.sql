WITH "t1" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "flag" AS "c2"
  FROM "cormorant_<SESSION>_0"
  WHERE ("flag" IS NOT NULL)
)
SELECT
  "c2" AS "i0",
  nullif(cormorant_sum_exact("c1"), CAST('nan' AS DOUBLE)) AS "v0",
  nullif(CASE WHEN (count("c1") > CAST(0 AS BIGINT)) THEN (cormorant_sum_exact("c1") / CAST(count("c1") AS DOUBLE)) END, CAST('nan' AS DOUBLE)) AS "v1",
  nullif(cormorant_std_exact("c1", CAST(1e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS "v2",
  nullif(cormorant_var_exact(CAST("c0" AS DOUBLE), CAST(1e+00 AS DOUBLE)), CAST('nan' AS DOUBLE)) AS "v3",
  coalesce(CASE WHEN ((sum("c0") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c0") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''x'' does not fit in Int64 (it is ') || CAST(sum("c0") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c0") AS BIGINT) END, CAST(0 AS BIGINT)) AS "v4"
FROM "t1"
GROUP BY "c2"
ORDER BY "c2" ASC NULLS LAST
