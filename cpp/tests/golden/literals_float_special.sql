SELECT
  "rowid" AS "i0",
  "y" AS "v0",
  ("y" + CAST(1e+20 AS DOUBLE)) AS "v1",
  ("y" + CAST(1e-300 AS DOUBLE)) AS "v2",
  ("y" + CAST('nan' AS DOUBLE)) AS "v3",
  ("y" < CAST('inf' AS DOUBLE)) AS "v4",
  ("y" > CAST('-inf' AS DOUBLE)) AS "v5"
FROM "cormorant_<SESSION>_0"
