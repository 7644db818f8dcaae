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
"t1" AS NOT MATERIALIZED (
  SELECT
    "id" AS "c7",
    "x" AS "c8"
  FROM read_parquet('<DATA>/fixture.parquet', hive_partitioning = false)
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c3" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t0"
WHERE ((NOT EXISTS (SELECT 1 FROM (SELECT "c8" AS "cormorant_member" FROM "t1") AS "cormorant_members" WHERE ("cormorant_members"."cormorant_member" = "c1"))) AND ("c0" IN (SELECT "c7" FROM "t1")))
ORDER BY "c6" ASC NULLS LAST
