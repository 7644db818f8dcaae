WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "name" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_1"
),
"t1" AS (
  SELECT
    "id" AS "c3",
    "flag" AS "c4"
  FROM read_parquet('<DATA>/fixture.parquet', hive_partitioning = false)
),
"t2" AS (
  SELECT
    "c3"
  FROM "t1"
  WHERE ("c4" = true)
),
"t3" AS (
  SELECT
    "c3" AS "c5",
    "c3" AS "c6"
  FROM "t2"
),
"t4" AS (
  SELECT
    "c5",
    "c6"
  FROM "t3"
),
"t5" AS (
  SELECT
    "c5",
    "c6"
  FROM "t4"
),
"t6" AS (
  SELECT
    "id" AS "c7",
    "y" AS "c8"
  FROM "cormorant_<SESSION>_0"
),
"t7" AS (
  SELECT
    "c7",
    "c8"
  FROM "t6"
  WHERE ("c7" IS NOT NULL)
),
"t8" AS (
  SELECT
    "c7",
    "c8"
  FROM "t7"
  WHERE ("c7" IN (SELECT "c6" FROM "t5"))
),
"t9" AS (
  SELECT
    "c7"
  FROM "t8"
  GROUP BY "c7"
),
"t10" AS (
  SELECT
    "c7"
  FROM "t9"
),
"t11" AS (
  SELECT
    "c7"
  FROM "t10"
),
"t12" AS (
  SELECT
    "c7" AS "c9"
  FROM "t11"
),
"t13" AS (
  SELECT
    "c9"
  FROM "t12"
),
"t14" AS (
  SELECT
    "c9"
  FROM "t13"
),
"t15" AS (
  SELECT
    "c5"
  FROM "t5"
  INNER JOIN "t14" ON ("c6" = "c9")
),
"t16" AS (
  SELECT
    "c5"
  FROM "t15"
),
"t17" AS (
  SELECT
    "c5"
  FROM "t16"
),
"t18" AS (
  SELECT
    "c0",
    "c1",
    "c2"
  FROM "t0"
  WHERE ("c0" IN (SELECT "c5" FROM "t17"))
)
SELECT
  "c2" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1"
FROM "t18"
ORDER BY "c2" ASC NULLS LAST
