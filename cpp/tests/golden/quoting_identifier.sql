WITH "t0" AS (
  SELECT
    "say ""hi""" AS "c0",
    "it's" AS "c1",
    "plain" AS "c2",
    "rowid" AS "c3"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3"
  FROM "t0"
  WHERE ("c0" > CAST(0 AS BIGINT))
)
SELECT
  "c3" AS "i0",
  "c1" AS "v0",
  "c2" AS "v1",
  "c0" AS "v2"
FROM "t1"
