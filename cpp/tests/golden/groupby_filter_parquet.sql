WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "file_row_number" AS "c6"
  FROM read_parquet('<DATA>/fixture.parquet', filename = true, file_row_number = true)
),
"t1" AS (
  SELECT
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    "c6"
  FROM "t0"
  WHERE ("c0" > CAST(1 AS BIGINT))
),
"t2" AS (
  SELECT
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    "c6"
  FROM "t1"
  WHERE ("c5" IS NOT NULL)
),
"t3" AS (
  SELECT
    "c5",
    coalesce(CAST(sum("c1") AS BIGINT), CAST(0 AS BIGINT)) AS "c7",
    CAST(avg("c2") AS DOUBLE) AS "c8",
    CAST(count("c3") AS BIGINT) AS "c9",
    CAST(max("c4") AS VARCHAR) AS "c10",
    CAST(min("c6") AS BIGINT) AS "c11"
  FROM "t2"
  GROUP BY "c5"
),
"t4" AS (
  SELECT
    "c5",
    "c7",
    "c8",
    "c9",
    "c10",
    "c11"
  FROM "t3"
)
SELECT
  "c5" AS "i0",
  "c7" AS "v0",
  "c8" AS "v1",
  "c9" AS "v2",
  "c10" AS "v3"
FROM "t4"
ORDER BY "c5" ASC NULLS LAST, "c11" ASC NULLS LAST
