WITH "t1" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "z" AS "c2",
    "name" AS "c3",
    "flag" AS "c4",
    "rowid" AS "c5"
  FROM "cormorant_<SESSION>_0"
  WHERE ("x" <> CAST(10 AS BIGINT))
)
SELECT
  "c4" AS "i0",
  "c3" AS "i1",
  first("c1" ORDER BY "c5" ASC NULLS LAST) FILTER (WHERE ("c1" IS NOT NULL)) AS "v0",
  first("c2" ORDER BY "c5" DESC NULLS FIRST) FILTER (WHERE ("c2" IS NOT NULL)) AS "v1",
  CAST(count(DISTINCT "c0") AS BIGINT) AS "v2"
FROM "t1"
GROUP BY "c4", "c3"
ORDER BY CAST(min("c5") AS BIGINT) ASC NULLS LAST
