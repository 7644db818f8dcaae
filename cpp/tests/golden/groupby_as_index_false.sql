WITH "t2" AS (
  SELECT
    "flag" AS "c1",
    nullif(CAST(median("y") AS DOUBLE), CAST('nan' AS DOUBLE)) AS "c3",
    CAST(min("rowid") AS BIGINT) AS "c4"
  FROM "cormorant_<SESSION>_0"
  GROUP BY "flag"
)
SELECT
  (row_number() OVER (ORDER BY "c4" ASC NULLS LAST) - CAST(1 AS BIGINT)) AS "i0",
  "c1" AS "v0",
  "c3" AS "v1"
FROM "t2"
ORDER BY "c4" ASC NULLS LAST
