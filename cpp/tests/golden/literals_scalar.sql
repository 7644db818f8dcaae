WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "rowid" AS "c1"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    CAST(-42 AS BIGINT) AS "c2"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    CAST(0.10000000000000001 AS DOUBLE) AS "c3"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    'plain' AS "c4"
  FROM "t2"
),
"t4" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    "c4",
    true AS "c5"
  FROM "t3"
),
"t5" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    false AS "c6"
  FROM "t4"
)
SELECT
  "c1" AS "i0",
  "c0" AS "v0",
  "c2" AS "v1",
  "c3" AS "v2",
  "c4" AS "v3",
  "c5" AS "v4",
  "c6" AS "v5"
FROM "t5"
