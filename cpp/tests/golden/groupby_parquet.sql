WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "name" AS "c2",
    "file_row_number" AS "c3"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true, hive_partitioning = false)
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3"
  FROM "t0"
  WHERE ("c2" IS NOT NULL)
),
"t2" AS (
  SELECT
    "c2",
    first("c1" ORDER BY "c3" ASC NULLS LAST) FILTER (WHERE ("c1" IS NOT NULL)) AS "c4",
    coalesce(CASE WHEN ((sum("c0") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c0") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''x'' does not fit in Int64 (it is ') || CAST(sum("c0") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c0") AS BIGINT) END, CAST(0 AS BIGINT)) AS "c5",
    CAST(min("c3") AS BIGINT) AS "c6"
  FROM "t1"
  GROUP BY "c2"
),
"t3" AS (
  SELECT
    "c2",
    "c4",
    "c5",
    "c6"
  FROM "t2"
)
SELECT
  "c2" AS "i0",
  "c4" AS "v0",
  "c5" AS "v1"
FROM "t3"
ORDER BY "c6" ASC NULLS LAST
