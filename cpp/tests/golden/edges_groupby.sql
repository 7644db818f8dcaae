WITH "t0" AS (
  SELECT
    "i" AS "c0",
    "d" AS "c1",
    "f" AS "c2",
    "s" AS "c3",
    "file_row_number" AS "c4"
  FROM read_parquet('<DATA>/edges.parquet', file_row_number = true, hive_partitioning = false)
)
SELECT
  "c1" AS "i0",
  CAST(count("c2") AS BIGINT) AS "v0",
  CAST(count(*) AS BIGINT) AS "v1",
  CAST(min("c2") AS DOUBLE) AS "v2",
  CAST(max("c2") AS DOUBLE) AS "v3",
  first("c3" ORDER BY "c4" ASC NULLS LAST) FILTER (WHERE ("c3" IS NOT NULL)) AS "v4",
  first("c3" ORDER BY "c4" DESC NULLS FIRST) FILTER (WHERE ("c3" IS NOT NULL)) AS "v5",
  coalesce(CASE WHEN ((sum("c0") > CAST(9223372036854775807 AS BIGINT)) OR (sum("c0") < CAST(-9223372036854775808 AS BIGINT))) THEN CAST(error(((('cormorant-error#18:' || 'the sum of column ''i'' does not fit in Int64 (it is ') || CAST(sum("c0") AS VARCHAR)) || '); convert the column to Float64 with astype() first')) AS BIGINT) ELSE CAST(sum("c0") AS BIGINT) END, CAST(0 AS BIGINT)) AS "v6"
FROM "t0"
GROUP BY "c1"
ORDER BY "c1" ASC NULLS LAST
