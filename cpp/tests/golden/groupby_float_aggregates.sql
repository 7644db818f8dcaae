WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "flag" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2"
  FROM "t0"
  WHERE ("c2" IS NOT NULL)
),
"t2" AS (
  SELECT
    "c2",
    cormorant_sum_exact("c1") AS "c3",
    CASE WHEN (count("c1") > CAST(0 AS BIGINT)) THEN (cormorant_sum_exact("c1") / CAST(count("c1") AS DOUBLE)) END AS "c4",
    cormorant_std_exact("c1") AS "c5",
    cormorant_var_exact(CAST("c0" AS DOUBLE)) AS "c6",
    coalesce(CASE WHEN ((sum("c0") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c0") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''x'' does not fit in Int64 (it is ') || CAST(sum("c0") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c0") AS BIGINT) END, CAST(0 AS BIGINT)) AS "c7"
  FROM "t1"
  GROUP BY "c2"
),
"t3" AS (
  SELECT
    "c2",
    "c3",
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t2"
)
SELECT
  "c2" AS "i0",
  "c3" AS "v0",
  "c4" AS "v1",
  "c5" AS "v2",
  "c6" AS "v3",
  "c7" AS "v4"
FROM "t3"
ORDER BY "c2" ASC NULLS LAST
