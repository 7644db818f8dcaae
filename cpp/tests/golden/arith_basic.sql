WITH "t0" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "rowid" AS "c3"
  FROM "cormorant_<SESSION>_0"
),
"t1" AS (
  SELECT
    "c0",
    "c1",
    "c2",
    "c3",
    ("c1" + "c0") AS "c4",
    ("c1" - CAST(1 AS BIGINT)) AS "c5",
    ("c2" * CAST(2.5 AS DOUBLE)) AS "c6",
    CASE WHEN (("c1" = CAST(0 AS BIGINT)) AND ("c0" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("c1" AS DOUBLE) / "c0") END AS "c7",
    (CAST(100 AS BIGINT) - "c1") AS "c8",
    (-"c1") AS "c9",
    abs("c2") AS "c10"
  FROM "t0"
)
SELECT
  "c3" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c4" AS "v3",
  "c5" AS "v4",
  "c6" AS "v5",
  "c7" AS "v6",
  "c8" AS "v7",
  "c9" AS "v8",
  "c10" AS "v9"
FROM "t1"
