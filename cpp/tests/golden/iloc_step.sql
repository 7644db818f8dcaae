WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "rowid" AS "c6"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
    "c6"
  FROM "t0"
  WHERE ((("c6" >= CAST(1 AS BIGINT)) AND ("c6" <= CAST(9223372036854775806 AS BIGINT))) AND ((((("c6" - CAST(1 AS BIGINT)) % CAST(2 AS BIGINT)) + CAST(2 AS BIGINT)) % CAST(2 AS BIGINT)) = CAST(0 AS BIGINT)))
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c3" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t1"
