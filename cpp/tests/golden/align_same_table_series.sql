SELECT
  "rowid" AS "i0",
  (CASE WHEN ("x" > CAST(0 AS BIGINT)) THEN "y" END + ("z" * CAST(2 AS BIGINT))) AS "v0"
FROM "cormorant_<SESSION>_0"
