WITH "t1" AS (
  SELECT
    "flag" AS "c0",
    "qty" AS "c1",
    "price" AS "c2",
    "disc" AS "c3",
    "tax" AS "c4"
  FROM read_parquet('<DATA>/decimals.parquet', hive_partitioning = false)
  WHERE ("day" <= CAST(5 AS BIGINT))
),
"t2" AS (
  SELECT
    "c0",
    "c1",
    "c3",
    "c4",
    ("c2" * (CAST('1' AS DECIMAL(1,0)) - "c3")) AS "c6"
  FROM "t1"
),
"t4" AS (
  SELECT
    "c0",
    "c1",
    "c3",
    "c6",
    ("c6" * (CAST('1' AS DECIMAL(1,0)) + "c4")) AS "c7"
  FROM "t2"
)
SELECT
  "c0" AS "i0",
  coalesce(CAST(CAST(sum("c1") AS VARCHAR) AS DOUBLE), CAST(0e+00 AS DOUBLE)) AS "v0",
  coalesce(CAST(CAST(sum("c6") AS VARCHAR) AS DOUBLE), CAST(0e+00 AS DOUBLE)) AS "v1",
  coalesce(CAST(CAST(sum("c7") AS VARCHAR) AS DOUBLE), CAST(0e+00 AS DOUBLE)) AS "v2",
  CASE WHEN (count("c3") > CAST(0 AS BIGINT)) THEN (CAST(CAST(sum("c3") AS VARCHAR) AS DOUBLE) / CAST(count("c3") AS DOUBLE)) END AS "v3",
  CAST(count("c7") AS BIGINT) AS "v4"
FROM "t4"
GROUP BY "c0"
ORDER BY "c0" ASC NULLS LAST
