WITH "t2" AS (
  SELECT
    "x" AS "c0",
    "z" AS "c1",
    "name" AS "c2",
    "flag" AS "c3",
    "rowid" AS "c4",
    (row_number() OVER (ORDER BY "z" DESC NULLS LAST, "rowid" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c5"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c3" AS "i0",
  first("c2" ORDER BY "c1" DESC NULLS LAST, "c4" ASC NULLS LAST) FILTER (WHERE ("c2" IS NOT NULL)) AS "v0",
  first("c0" ORDER BY "c1" ASC NULLS FIRST, "c4" DESC NULLS FIRST) FILTER (WHERE ("c0" IS NOT NULL)) AS "v1"
FROM "t2"
GROUP BY "c3"
ORDER BY CAST(min("c5") AS BIGINT) ASC NULLS LAST
