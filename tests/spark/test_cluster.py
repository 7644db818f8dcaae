"""The loopback Spark cluster (scripts/spark.sh) and Spark SQL against DuckDB run directly.

The same hand-written queries over the same Parquet files run on Spark (through Spark Connect)
and on DuckDB; their rows must be equal. This is the oracle the Spark dialect is checked with:
both engines agree on these queries, so a difference in a compiled query is the dialect's.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import subprocess

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SCRIPT

N = 200


def _sales() -> pa.Table:
    stores = ["north", "south", None, "east", "west", "Zürich"]
    ids = list(range(N))
    return pa.table({
        "id": pa.array(ids, pa.int64()),
        "store": pa.array([stores[i % len(stores)] for i in ids], pa.string()),
        "qty": pa.array([None if i % 7 == 3 else (i * 37) % 23 - 5 for i in ids], pa.int32()),
        "price": pa.array([None if i % 11 == 5 else ((i * 13) % 97) / 4 for i in ids], pa.float64()),
        "amount": pa.array([None if i % 13 == 1 else decimal.Decimal((i * 7919) % 100000) / 100 for i in ids],
                           pa.decimal128(12, 2)),
        "ts": pa.array([dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(hours=37 * i, seconds=i)
                        for i in ids], pa.timestamp("us", tz="UTC")),
        "day": pa.array([dt.date(2023, 12, 25) + dt.timedelta(days=3 * i) for i in ids], pa.date32()),
        "flag": pa.array([None if i % 17 == 0 else i % 3 == 0 for i in ids], pa.bool_()),
    })


def _stores() -> pa.Table:
    return pa.table({
        "store": ["north", "south", "east", "Zürich", "nowhere"],
        "region": ["N", "S", "E", "CH", None],
    })


@pytest.fixture(scope="module")
def tables(tmp_path_factory, spark):
    """The same Parquet files as views `sales` and `stores` on Spark and on DuckDB."""
    folder = tmp_path_factory.mktemp("spark_oracle")
    paths = {}
    for name, table in {"sales": _sales(), "stores": _stores()}.items():
        paths[name] = str(folder / f"{name}.parquet")
        pq.write_table(table, paths[name], row_group_size=64)
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for name, path in paths.items():
        spark.read.parquet(path).createOrReplaceTempView(name)
        con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{path}')")
    yield con
    con.close()


def _value(v):
    if isinstance(v, decimal.Decimal) and v == v.to_integral_value():
        return int(v)  # DuckDB's sum of integers is a HUGEINT (an Arrow decimal), Spark's a BIGINT
    return v


def _same(a, b) -> bool:
    a, b = _value(a), _value(b)
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return a is b
    return a == b  # ints, Decimals, strings, dates and instants (in any zone)


def _sort_key(row: dict):
    return [(v is None, type(_value(v)).__name__, str(_value(v))) for v in row.values()]


def assert_same_rows(spark_table: pa.Table, duck_table: pa.Table, ordered: bool = True):
    """Equal column names and rows (in order, or as multisets when not `ordered`)."""
    assert spark_table.column_names == duck_table.column_names
    got, want = spark_table.to_pylist(), duck_table.to_pylist()
    if not ordered:
        got, want = sorted(got, key=_sort_key), sorted(want, key=_sort_key)
    assert len(got) == len(want), (len(got), len(want))
    for i, (g, w) in enumerate(zip(got, want)):
        for k in w:
            assert _same(g[k], w[k]), f"row {i}, column {k}: Spark {g[k]!r}, DuckDB {w[k]!r}"


# Each query is written once, in the SQL both engines read alike, with a total ORDER BY.
QUERIES = {
    "filter_project": "SELECT id, store, qty * 2 AS q2, price + 1 AS p1 FROM sales WHERE qty > 3 ORDER BY id",
    "filter_null_and_bool": "SELECT id, flag FROM sales WHERE qty IS NULL OR NOT flag ORDER BY id",
    "groupby_aggregates": """
        SELECT store, count(*) AS n, count(qty) AS nq, sum(qty) AS s, avg(price) AS m,
               min(day) AS d0, max(ts) AS t1, sum(amount) AS total, min(price) AS lo
        FROM sales GROUP BY store ORDER BY store NULLS FIRST""",
    "count_distinct": "SELECT count(DISTINCT store) AS k, count(DISTINCT qty) AS q FROM sales",
    "inner_join": """
        SELECT s.id, s.store, t.region FROM sales s JOIN stores t ON s.store = t.store ORDER BY s.id""",
    "left_join_groupby": """
        SELECT t.region, sum(s.amount) AS total, count(*) AS n
        FROM sales s LEFT JOIN stores t ON s.store = t.store
        GROUP BY t.region ORDER BY t.region NULLS LAST""",
    "anti_join": """
        SELECT t.store FROM stores t WHERE NOT EXISTS (SELECT 1 FROM sales s WHERE s.store = t.store)
        ORDER BY t.store""",
    "window_running": """
        SELECT id, store,
               row_number() OVER (PARTITION BY store ORDER BY id) AS rn,
               sum(qty) OVER (PARTITION BY store ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run,
               lag(price, 1) OVER (ORDER BY id) AS prev
        FROM sales ORDER BY id""",
    "order_nulls": "SELECT id, qty FROM sales ORDER BY qty DESC NULLS LAST, id",
    "order_limit": "SELECT id, price FROM sales ORDER BY price NULLS FIRST, id DESC LIMIT 15",
    "strings": """
        SELECT id, upper(store) AS u, lower(store) AS l, length(store) AS n,
               substring(store, 2, 3) AS sub, store || '-' || region AS c
        FROM sales LEFT JOIN stores USING (store) ORDER BY id""",
    "datetimes": """
        SELECT id, extract(hour FROM ts) AS h, year(day) AS y, month(day) AS m,
               date_trunc('month', ts) AS mon, CAST(ts AS DATE) AS d
        FROM sales ORDER BY id""",
    "having_case": """
        SELECT store, sum(CASE WHEN flag THEN qty ELSE 0 END) AS s FROM sales
        GROUP BY store HAVING count(*) > 10 ORDER BY store NULLS FIRST""",
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_spark_sql_equals_duckdb(spark, tables, name):
    query = QUERIES[name]
    assert_same_rows(spark.sql(query).toArrow(), tables.sql(query).to_arrow_table())


def test_oracle_sees_a_difference(spark, tables):
    """The comparison can fail: a query that differs between the engines is caught."""
    with pytest.raises(AssertionError):
        assert_same_rows(spark.sql("SELECT id FROM sales WHERE id < 5 ORDER BY id").toArrow(),
                         tables.sql("SELECT id FROM sales WHERE id < 5 ORDER BY id DESC").to_arrow_table())


def test_start_is_idempotent_and_status_reports(spark_remote):
    """A second start keeps the running cluster and its URL; status says it runs."""
    if not spark_remote.startswith("sc://127.0.0.1:"):
        pytest.skip("a cluster given by CORMORANT_SPARK_REMOTE is not this script's")
    again = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "already running" in again.stdout and spark_remote in again.stdout
    status = subprocess.run(["bash", str(SCRIPT), "status"], capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stdout + status.stderr
    assert f"connect url: {spark_remote}" in status.stdout
