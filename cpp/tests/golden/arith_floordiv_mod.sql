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
    "c1",
    "c2",
    "c3",
    (("c1" // CAST(3 AS BIGINT)) - CASE WHEN ((("c1" % CAST(3 AS BIGINT)) <> CAST(0 AS BIGINT)) AND (("c1" < CAST(0 AS BIGINT)) <> (CAST(3 AS BIGINT) < CAST(0 AS BIGINT)))) THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) AS "c4",
    ((("c1" % CAST(-3 AS BIGINT)) + CAST(-3 AS BIGINT)) % CAST(-3 AS BIGINT)) AS "c5",
    round(CASE WHEN ((("c2" % CAST(0.5 AS DOUBLE)) <> CAST(0 AS DOUBLE)) AND ((("c2" % CAST(0.5 AS DOUBLE)) < CAST(0 AS DOUBLE)) <> (CAST(0.5 AS DOUBLE) < CAST(0 AS DOUBLE)))) THEN ((("c2" - ("c2" % CAST(0.5 AS DOUBLE))) / CAST(0.5 AS DOUBLE)) - CAST(1 AS DOUBLE)) ELSE (("c2" - ("c2" % CAST(0.5 AS DOUBLE))) / CAST(0.5 AS DOUBLE)) END) AS "c6",
    CASE WHEN ((("c2" % CAST(0.5 AS DOUBLE)) <> CAST(0 AS DOUBLE)) AND ((("c2" % CAST(0.5 AS DOUBLE)) < CAST(0 AS DOUBLE)) <> (CAST(0.5 AS DOUBLE) < CAST(0 AS DOUBLE)))) THEN (("c2" % CAST(0.5 AS DOUBLE)) + CAST(0.5 AS DOUBLE)) ELSE ("c2" % CAST(0.5 AS DOUBLE)) END AS "c7",
    CASE WHEN (("c0" = CAST(0 AS BIGINT)) AND ("c1" IS NOT NULL)) THEN CAST(0 AS BIGINT) ELSE (("c1" // "c0") - CASE WHEN ((("c1" % "c0") <> CAST(0 AS BIGINT)) AND (("c1" < CAST(0 AS BIGINT)) <> ("c0" < CAST(0 AS BIGINT)))) THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) END AS "c8"
  FROM "t0"
)
SELECT
  "c3" AS "i0",
  "c1" AS "v0",
  "c2" AS "v1",
  "c4" AS "v2",
  "c5" AS "v3",
  "c6" AS "v4",
  "c7" AS "v5",
  "c8" AS "v6"
FROM "t1"
