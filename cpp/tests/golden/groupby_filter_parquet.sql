WITH "t1" AS (
  SELECT
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5"
  FROM read_parquet('<DATA>/fixture.parquet', hive_partitioning = false)
  WHERE ("id" > CAST(1 AS BIGINT))
),
"t2" AS (
  SELECT
    "c1",
    "c2",
    "c3",
    "c4",
    "c5"
  FROM "t1"
  WHERE ("c5" IS NOT NULL)
)
SELECT
  "c5" AS "i0",
  coalesce(CASE WHEN ((sum("c1") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c1") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''x'' does not fit in Int64 (it is ') || CAST(sum("c1") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c1") AS BIGINT) END, CAST(0 AS BIGINT)) AS "v0",
  nullif(CASE WHEN (count("c2") > CAST(0 AS BIGINT)) THEN (cormorant_sum_exact("c2") / CAST(count("c2") AS DOUBLE)) END, CAST('nan' AS DOUBLE)) AS "v1",
  CAST(count("c3") AS BIGINT) AS "v2",
  CAST(max("c4") AS VARCHAR) AS "v3"
FROM "t2"
GROUP BY "c5"
ORDER BY "c5" ASC NULLS LAST
