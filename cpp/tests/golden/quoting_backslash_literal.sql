WITH "t1" AS (
  SELECT
    "id" AS "c0",
    "name" AS "c1",
    "rowid" AS "c2"
  FROM "cormorant_<SESSION>_0"
  WHERE ("name" <> 'a\''b')
),
"t2" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    CAST(("c1" || '\n\''\\') AS VARCHAR) AS "c3"
  FROM "t1"
)
SELECT
  "c2" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c3" AS "v2",
  'C:\x\' AS "v3"
FROM "t2"
