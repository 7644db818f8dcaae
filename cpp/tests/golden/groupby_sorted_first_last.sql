WITH "t2" AS (
  SELECT
    "y" AS "c0",
    "z" AS "c1",
    "name" AS "c2",
    "flag" AS "c3",
    "rowid" AS "c4",
    (row_number() OVER (ORDER BY "y" ASC NULLS LAST, "rowid" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "c5"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c3" AS "i0",
  first("c2" ORDER BY "c0" ASC NULLS LAST, "c4" ASC NULLS LAST) FILTER (WHERE ("c2" IS NOT NULL)) AS "v0",
  first("c1" ORDER BY "c0" DESC NULLS FIRST, "c4" DESC NULLS FIRST) FILTER (WHERE ("c1" IS NOT NULL)) AS "v1"
FROM "t2"
GROUP BY "c3"
ORDER BY CAST(min("c5") AS BIGINT) ASC NULLS LAST
