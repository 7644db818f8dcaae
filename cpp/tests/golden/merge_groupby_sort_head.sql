WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "flag" AS "c3"
  FROM read_parquet('<DATA>/fixture.parquet', hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c1" AS "c4",
    "c2" AS "c5",
    "c3" AS "c6",
    "c0" AS "c7"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c7"
  FROM "t2"
),
"t4" AS (
  SELECT
    "id" AS "c8"
  FROM "cormorant_<SESSION>_0"
),
"t5" AS (
  SELECT
    "c8" AS "c9"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c9"
  FROM "t5"
),
"t7" AS (
  SELECT
    "c9"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t3"
  INNER JOIN "t7" ON ("c7" = "c9")
),
"t9" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t8"
),
"t10" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t10"
  WHERE ("c6" IS NOT NULL)
),
"t12" AS (
  SELECT
    "c6",
    coalesce(CASE WHEN ((sum("c4") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c4") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''x'' does not fit in Int64 (it is ') || CAST(sum("c4") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c4") AS BIGINT) END, CAST(0 AS BIGINT)) AS "c10",
    CASE WHEN (count("c5") > CAST(0 AS BIGINT)) THEN (cormorant_sum_exact("c5") / CAST(count("c5") AS DOUBLE)) END AS "c11"
  FROM "t11"
  GROUP BY "c6"
),
"t13" AS (
  SELECT
    "c6",
    "c10",
    "c11"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c6",
    "c10",
    "c11"
  FROM "t13"
),
"t15" AS (
  SELECT
    "c6",
    "c10",
    "c11"
  FROM "t14"
  ORDER BY "c10" DESC NULLS LAST, "c6" ASC NULLS LAST
  LIMIT 2
)
SELECT
  "c6" AS "i0",
  "c10" AS "v0",
  "c11" AS "v1"
FROM "t15"
ORDER BY "c10" DESC NULLS LAST, "c6" ASC NULLS LAST
