WITH "t0" AS (
  SELECT
    "x" AS "c0",
    "y" AS "c1",
    "flag" AS "c2",
    "rowid" AS "c3"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c1",
    "c2",
    "c3",
    CASE WHEN ("c0" IS NOT NULL) THEN CAST(CAST(count("c0") OVER (PARTITION BY "c2" ORDER BY "c0" ASC NULLS LAST) AS BIGINT) AS BIGINT) END AS "c4"
  FROM "t0"
),
"t2" AS (
  SELECT
    "c2",
    "c3",
    "c4",
    lag("c1", CAST(1 AS BIGINT)) OVER (PARTITION BY "c2" ORDER BY "c3" ASC NULLS LAST) AS "c5"
  FROM "t1"
),
"t3" AS (
  SELECT
    "c3",
    CASE WHEN ("c2" IS NOT NULL) THEN CAST("c4" AS DOUBLE) END AS "c6",
    CASE WHEN ("c2" IS NOT NULL) THEN "c5" END AS "c7"
  FROM "t2"
)
SELECT
  "c3" AS "i0",
  "c6" AS "v0",
  "c7" AS "v1"
FROM "t3"
ORDER BY "c3" ASC NULLS LAST
