"""Every Spark golden (cpp/tests/golden/spark/<case>.sql, the Spark SQL of a shared plan) runs on
the Spark cluster, its DuckDB golden (cpp/tests/golden/<case>.sql) on DuckDB run directly, over
the same data (the C++ golden test's fixture); the rows must be equal.

A Spark golden that holds "-- not yet on the Spark engine: ..." is a plan the Spark dialect
refuses at compile time; it is checked by the C++ golden test, not run here.
"""

from __future__ import annotations

import datetime
import math
import pathlib

import duckdb
import pyarrow as pa
import pytest

from test_cluster import _sort_key, assert_same_rows

GOLDEN = pathlib.Path(__file__).resolve().parents[2] / "cpp" / "tests" / "golden"
REFUSED = "-- not yet on the Spark engine:"

# The C++ golden fixture (golden_sql_test.cpp: kFixtureCsv, kQuotedCsv, kDecimalsParquetCopy),
# typed as cormorant reads it.
FIXTURE = pa.table({
    "id": pa.array([1, 2, 3, 4], pa.int64()),
    "x": pa.array([10, -7, None, 0], pa.int64()),
    "y": pa.array([2.5, -1.25, None, 0.0], pa.float64()),
    "z": pa.array([1.0, -2.0, None, 3.0], pa.float64()),
    "name": pa.array(["alpha", "beta", None, "it's"], pa.string()),
    "flag": pa.array([True, False, None, True], pa.bool_()),
})
QUOTED = pa.table({
    'say "hi"': pa.array([1, -1], pa.int64()),
    "it's": pa.array([2.5, 3.5], pa.float64()),
    "plain": pa.array(["x", "y"], pa.string()),
})
_DEC = pa.decimal128(15, 2)
DECIMALS = pa.table({
    "flag": ["A", "N", "A", "R"],
    "qty": pa.array(["17.00", "36.00", None, "8.00"], pa.string()).cast(_DEC),
    "price": pa.array(["21168.23", "45983.16", "13309.60", None], pa.string()).cast(_DEC),
    "disc": pa.array(["0.04", "0.09", "0.05", "0.06"], pa.string()).cast(_DEC),
    "tax": pa.array(["0.02", "0.06", "0.02", None], pa.string()).cast(_DEC),
    "day": pa.array([3, 5, 8, 1], pa.int64()),
})
# edges.parquet (golden_sql_test.cpp: kEdgesParquetCopy): where engines part ways.
EDGES = pa.table({
    "id": pa.array(range(1, 9), pa.int64()),
    "i": pa.array([7, -7, 0, None, 9, -9, 5, 4], pa.int64()),
    "d": pa.array([0, 2, 0, 3, -2, None, -3, 0], pa.int64()),
    "f": pa.array([1.5, -2.5, 0.0, -0.0, float("nan"), float("inf"), float("-inf"), None], pa.float64()),
    "g": pa.array([0.0, -0.0, 0.0, 2.0, 0.0, 0.0, -1.0, 0.5], pa.float64()),
    "r": pa.array([0.5, 1.5, 2.5, -2.5, -0.5, 2.675, 1234.5, -0.4], pa.float64()),
    "s": pa.array(["Ärger", "straße", " \u3000pad\u00a0", "a.b*c", None, "ΣΑΣ x", "", "x-y-z"], pa.string()),
    "day": pa.array([datetime.date(2024, 2, 29), datetime.date(2024, 3, 3), datetime.date(2024, 3, 4),
                     datetime.date(2023, 12, 31), None, datetime.date(2024, 1, 1), datetime.date(2024, 6, 30),
                     datetime.date(2024, 11, 30)], pa.date32()),
})
#: Cases whose first source is quoted.csv rather than fixture.csv.
QUOTED_CASES = {"quoting_identifier"}

#: Cases this harness cannot give the same relations (with the reason).
NOT_RUN = {"kept_grouped_result_after_max": "its first relation is a groupby result the session kept "
                                            "(columns k0, k1), not a fixture file",
           "edges_case_mapping": "its DuckDB SQL calls cormorant's own engine functions (Python's case "
                                 "mappings), which DuckDB run directly lacks: test_case_mapping.py compares "
                                 "both engines with Python instead",
           "window_groupby_float_transforms": "DuckDB run directly has no window form of cormorant's exact sums "
                                              "(macros are no window functions): test_session.py's "
                                              "groupby_float_transform_sum/std compare both engines with pandas"}

CASES = sorted(p.stem for p in (GOLDEN / "spark").glob("*.sql"))


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("golden")
    con = duckdb.connect()
    for name, table in {"fixture": FIXTURE, "decimals": DECIMALS, "edges": EDGES}.items():
        con.register("t", table)
        con.execute(f"COPY t TO '{folder / (name + '.parquet')}' (FORMAT parquet)")
        con.unregister("t")
    con.close()
    return folder


def _with_rowid(table: pa.Table) -> pa.Table:
    """The session table's rows numbered as DuckDB's rowid numbers them."""
    return table.append_column("rowid", pa.array(range(table.num_rows), pa.int64()))


#: cormorant's exact float aggregates (engine/exact_aggregates.cpp), which the plain DuckDB here
#: lacks, as DuckDB's own with the same empty and ddof rules (NumPy's n - ddof divisor clipped at
#: 0, NULL without values; a sum of nothing is 0): equal up to the last bits of rounding, which
#: is also all that Spark's sum and var_pop may differ by.
EXACT_AGGREGATES = [
    "CREATE MACRO cormorant_sum_exact(x) AS coalesce(fsum(x), 0.0)",
    "CREATE MACRO cormorant_var_exact(x, d) AS "
    "CASE WHEN count(x) > 0 THEN var_pop(x) * count(x) / greatest(count(x) - d, 0) END",
    "CREATE MACRO cormorant_std_exact(x, d) AS sqrt(cormorant_var_exact(x, d))",
]


def _duckdb(data_dir, first: pa.Table) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    for macro in EXACT_AGGREGATES:
        con.execute(macro)
    for i, table in enumerate([first, FIXTURE]):
        con.register("src", table)
        con.execute(f'CREATE TABLE "cormorant_golden_{i}" AS SELECT * FROM src')  # rowid: insertion order
        con.unregister("src")
    return con


def _text(path: pathlib.Path, data_dir) -> str:
    return path.read_text().replace("<DATA>", str(data_dir)).replace("<SESSION>", "golden")


def test_every_case_has_a_spark_golden():
    """The C++ golden test writes a Spark golden for each DuckDB golden."""
    assert CASES and CASES == sorted(p.stem for p in GOLDEN.glob("*.sql"))


@pytest.mark.parametrize("case", CASES)
def test_spark_golden_equals_duckdb_golden(spark, data_dir, case):
    spark_sql = _text(GOLDEN / "spark" / f"{case}.sql", data_dir)
    if spark_sql.startswith(REFUSED):
        pytest.skip(spark_sql.splitlines()[0])
    if case in NOT_RUN:
        pytest.skip(NOT_RUN[case])
    first = QUOTED if case in QUOTED_CASES else FIXTURE
    for i, table in enumerate([first, FIXTURE]):
        spark.createDataFrame(_with_rowid(table)).createOrReplaceTempView(f"cormorant_golden_{i}")
    con = _duckdb(data_dir, first)
    try:
        want = con.sql(_text(GOLDEN / f"{case}.sql", data_dir)).to_arrow_table()
    finally:
        con.close()
    # (rows compared as sets: a golden's SQL need not order its rows; its index column says where
    # each goes)
    got = spark.sql(spark_sql).toArrow()
    assert_same_rows(got, want, ordered=False)
    assert _negative_zeros(got) == _negative_zeros(want)


def _negative_zeros(table: pa.Table) -> list:
    """Where the rows (sorted as assert_same_rows sorts them) hold -0.0: the sign of a zero is a
    value pandas shows, which assert_same_rows' closeness does not see."""
    rows = sorted(table.to_pylist(), key=_sort_key)
    return [(i, k) for i, row in enumerate(rows) for k, v in row.items()
            if isinstance(v, float) and v == 0.0 and math.copysign(1.0, v) < 0]
