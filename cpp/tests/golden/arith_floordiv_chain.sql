WITH "t1" AS (
  SELECT
    "x" AS "c1",
    "y" AS "c2",
    "rowid" AS "c4",
    "z" AS "c3",
    "id" AS "c0",
    nullif(CASE WHEN ("z" = CAST(0 AS BIGINT)) THEN CASE WHEN (("y" = CAST(0 AS BIGINT)) AND ("z" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("y" AS DOUBLE) / "z") END ELSE CASE WHEN (round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END) = CAST(0e+00 AS DOUBLE)) THEN CASE WHEN (signbit("y") <> signbit("z")) THEN (-abs(round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END))) ELSE abs(round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END)) END ELSE round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END) END END, CAST('nan' AS DOUBLE)) AS "s0",
    CASE WHEN (("id" = CAST(0 AS BIGINT)) AND ("x" IS NOT NULL)) THEN CAST(0 AS BIGINT) ELSE (("x" // "id") - CASE WHEN ((("x" % "id") <> CAST(0 AS BIGINT)) AND (("x" < CAST(0 AS BIGINT)) <> ("id" < CAST(0 AS BIGINT)))) THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) END AS "s1"
  FROM "cormorant_<SESSION>_0"
),
"t2" AS (
  SELECT
    "c1",
    "c2",
    "c4",
    "c3",
    "c0",
    nullif(CASE WHEN ("c3" = CAST(0 AS BIGINT)) THEN CASE WHEN (("s0" = CAST(0 AS BIGINT)) AND ("c3" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("s0" AS DOUBLE) / "c3") END ELSE CASE WHEN (round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END) = CAST(0e+00 AS DOUBLE)) THEN CASE WHEN (signbit("s0") <> signbit("c3")) THEN (-abs(round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END))) ELSE abs(round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END)) END ELSE round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END) END END, CAST('nan' AS DOUBLE)) AS "s2",
    CASE WHEN (("c0" = CAST(0 AS BIGINT)) AND ("s1" IS NOT NULL)) THEN CAST(0 AS BIGINT) ELSE (("s1" // "c0") - CASE WHEN ((("s1" % "c0") <> CAST(0 AS BIGINT)) AND (("s1" < CAST(0 AS BIGINT)) <> ("c0" < CAST(0 AS BIGINT)))) THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) END AS "s3"
  FROM "t1"
)
SELECT
  "c4" AS "i0",
  "c1" AS "v0",
  "c2" AS "v1",
  nullif(CASE WHEN ("c3" = CAST(0 AS BIGINT)) THEN CASE WHEN (("s2" = CAST(0 AS BIGINT)) AND ("c3" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("s2" AS DOUBLE) / "c3") END ELSE CASE WHEN (round(CASE WHEN ((("s2" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s2" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s2" - ("s2" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s2" - ("s2" % "c3")) / "c3") END) = CAST(0e+00 AS DOUBLE)) THEN CASE WHEN (signbit("s2") <> signbit("c3")) THEN (-abs(round(CASE WHEN ((("s2" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s2" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s2" - ("s2" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s2" - ("s2" % "c3")) / "c3") END))) ELSE abs(round(CASE WHEN ((("s2" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s2" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s2" - ("s2" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s2" - ("s2" % "c3")) / "c3") END)) END ELSE round(CASE WHEN ((("s2" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s2" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s2" - ("s2" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s2" - ("s2" % "c3")) / "c3") END) END END, CAST('nan' AS DOUBLE)) AS "v2",
  CASE WHEN (("c0" = CAST(0 AS BIGINT)) AND ("s3" IS NOT NULL)) THEN CAST(0 AS BIGINT) ELSE (("s3" // "c0") - CASE WHEN ((("s3" % "c0") <> CAST(0 AS BIGINT)) AND (("s3" < CAST(0 AS BIGINT)) <> ("c0" < CAST(0 AS BIGINT)))) THEN CAST(1 AS BIGINT) ELSE CAST(0 AS BIGINT) END) END AS "v3"
FROM "t2"
