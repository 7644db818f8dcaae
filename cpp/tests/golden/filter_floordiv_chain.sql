WITH "t1" AS (
  SELECT
    "id" AS "c0",
    "x" AS "c1",
    "y" AS "c2",
    "z" AS "c3",
    "name" AS "c4",
    "flag" AS "c5",
    "rowid" AS "c6",
    nullif(CASE WHEN ("z" = CAST(0 AS BIGINT)) THEN CASE WHEN (("y" = CAST(0 AS BIGINT)) AND ("z" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("y" AS DOUBLE) / "z") END ELSE CASE WHEN (round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END) = CAST(0e+00 AS DOUBLE)) THEN CASE WHEN (signbit("y") <> signbit("z")) THEN (-abs(round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END))) ELSE abs(round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END)) END ELSE round(CASE WHEN ((("y" % "z") <> CAST(0e+00 AS DOUBLE)) AND ((("y" % "z") < CAST(0e+00 AS DOUBLE)) <> ("z" < CAST(0e+00 AS DOUBLE)))) THEN ((("y" - ("y" % "z")) / "z") - CAST(1e+00 AS DOUBLE)) ELSE (("y" - ("y" % "z")) / "z") END) END END, CAST('nan' AS DOUBLE)) AS "s0"
  FROM "cormorant_<SESSION>_0"
)
SELECT
  "c6" AS "i0",
  "c0" AS "v0",
  "c1" AS "v1",
  "c2" AS "v2",
  "c3" AS "v3",
  "c4" AS "v4",
  "c5" AS "v5"
FROM "t1"
WHERE (nullif(CASE WHEN ("c3" = CAST(0 AS BIGINT)) THEN CASE WHEN (("s0" = CAST(0 AS BIGINT)) AND ("c3" = CAST(0 AS BIGINT))) THEN CAST(NULL AS DOUBLE) ELSE (CAST("s0" AS DOUBLE) / "c3") END ELSE CASE WHEN (round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END) = CAST(0e+00 AS DOUBLE)) THEN CASE WHEN (signbit("s0") <> signbit("c3")) THEN (-abs(round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END))) ELSE abs(round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END)) END ELSE round(CASE WHEN ((("s0" % "c3") <> CAST(0e+00 AS DOUBLE)) AND ((("s0" % "c3") < CAST(0e+00 AS DOUBLE)) <> ("c3" < CAST(0e+00 AS DOUBLE)))) THEN ((("s0" - ("s0" % "c3")) / "c3") - CAST(1e+00 AS DOUBLE)) ELSE (("s0" - ("s0" % "c3")) / "c3") END) END END, CAST('nan' AS DOUBLE)) > CAST(0e+00 AS DOUBLE))
