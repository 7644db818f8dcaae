WITH "t1" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "rowid" AS "c6"
  FROM "cormorant_<SESSION>_0"
  WHERE ("x" >= CAST(0 AS BIGINT))
)
SELECT
  (row_number() OVER (ORDER BY "c6" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "i0",
  "c6" AS "v0",
  "c0" AS "v1",
  "c1" AS "v2",
  "c2" AS "v3",
  "c3" AS "v4",
  "c4" AS "v5",
  "c5" AS "v6"
FROM "t1"
ORDER BY "c6" ASC NULLS LAST
