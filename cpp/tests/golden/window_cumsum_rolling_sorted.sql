WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c1",
    "c2",
    CASE WHEN ("c0" IS NOT NULL) THEN CAST(sum("c0") OVER (ORDER BY "c1" DESC NULLS LAST, "c2" ASC NULLS LAST ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) END AS "c3"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c2" AS "c4",
    "c3" AS "c5",
    "c1" AS "c6"
  FROM "t2"
),
"t4" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t3"
),
"t5" AS (
  SELECT
    "c4",
    "c5",
    "c6"
  FROM "t4"
),
"t6" AS (
  SELECT
    "c2",
    CASE WHEN (count("c1") OVER (ORDER BY "c1" DESC NULLS LAST, "c2" ASC NULLS LAST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) >= CAST(2 AS BIGINT)) THEN CAST(avg("c1") OVER (ORDER BY "c1" DESC NULLS LAST, "c2" ASC NULLS LAST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS DOUBLE) END AS "c7"
  FROM "t1"
),
"t7" AS (
  SELECT
    "c2" AS "c8",
    "c7" AS "c9"
  FROM "t6"
),
"t8" AS (
  SELECT
    "c8",
    "c9"
  FROM "t7"
),
"t9" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c9"
  FROM "t5"
  LEFT JOIN "t8" ON ("c4" IS NOT DISTINCT FROM "c8")
),
"t10" AS (
  SELECT
    "c4",
    "c5",
    "c6",
    "c9"
  FROM "t9"
)
SELECT
  "c4" AS "i0",
  "c5" AS "v0",
  "c9" AS "v1"
FROM "t10"
ORDER BY "c6" DESC NULLS LAST, "c4" ASC NULLS LAST
