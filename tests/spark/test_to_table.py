"""to_table on the Spark engine (issue 14): Spark's executors write the Parquet files of a new
version into the warehouse's staging folder and the client commits them through the catalog, as
a write on DuckDB does.

Oracles: pandas 3.1 (the frame written, read back with exact dtypes, missing values and order
through assert_same), the same table written by a DuckDB session (partition values and folders,
stored order, pruning), and the written files' own footers read by pyarrow (row-group sizes and
the compressed bytes a pruned query reads).
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


pytestmark = pytest.mark.filterwarnings("ignore::cormorant.exceptions.DefaultIndexWarning")




def _manifest(warehouse, table: str) -> dict:
    dataset, name = table.split(".")
    return json.loads((warehouse / "catalog" / dataset / f"{name}.json").read_text())


def _both_read(sessions, table: str, **kwargs) -> tuple[cpd.DataFrame, cpd.DataFrame]:
    return sessions["spark"].read_table(table, **kwargs), sessions["duckdb"].read_table(table, **kwargs)


# -- every dtype, written on Spark, read on both engines ---------------------------------------

_BERLIN = pd.DatetimeIndex(["2024-03-31 01:30", None, "2024-10-27 02:30", "1969-12-31 23:59:59.000001"],
                           dtype="datetime64[us]").tz_localize("Europe/Berlin", ambiguous=[True, False, True, False],
                                                               nonexistent="shift_forward")

COLUMNS = {
    "int64": pd.array([1, None, -(2**62), 0], dtype="Int64"),
    "int8": pd.array([1, None, -128, 127], dtype="Int8"),
    "int16": pd.array([1, None, -(2**15), 2**15 - 1], dtype="Int16"),
    "int32": pd.array([1, None, -(2**31), 2**31 - 1], dtype="Int32"),
    "float": pd.array([1.5, None, -0.0, 1e300], dtype="Float64"),
    "bool": pd.array([True, None, False, True], dtype="boolean"),
    "str": pd.array(["a", None, "", "Zürich \"q\" 'x' \\"], dtype="string"),
    "naive": pd.array(["2024-01-01 10:00:00.000001", None, "1500-01-01", "2262-04-11"], dtype="datetime64[us]"),
    "berlin": pd.Series(_BERLIN).array,
    "utc": pd.Series(_BERLIN.tz_convert("UTC")).array,
    "date": pd.array([dt.date(2024, 2, 29), None, dt.date(1, 1, 1), dt.date(9999, 12, 31)],
                     dtype=pd.ArrowDtype(pa.date32())),
    "timedelta": pd.array([pd.Timedelta("1 days 00:00:00.000001"), None, pd.Timedelta(0), pd.Timedelta("-3h")],
                          dtype="timedelta64[us]"),
    "decimal": pd.array([decimal.Decimal("1.5"), None, decimal.Decimal("-12345678901234567890.123456789"),
                         decimal.Decimal(0)], dtype=pd.ArrowDtype(pa.decimal128(38, 9))),
    "category": pd.Categorical(["b", None, "a", "b"], categories=["b", "a", "unused"]),
    "binary": pd.array([b"\x00\xff", None, b"", b"abc"], dtype=pd.ArrowDtype(pa.binary())),
    "list": pd.array([[1, None, 3], None, [], [4]], dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
    "struct": pd.array([{"a": 1, "b": "x"}, None, {"a": None, "b": ""}, {"a": 3, "b": None}],
                       dtype=pd.ArrowDtype(pa.struct([("a", pa.int64()), ("b", pa.string())]))),
}


def _frame(column: str) -> pd.DataFrame:
    return pd.DataFrame({"k": pd.array([3, 1, None, 2], dtype="Int64"), "x": COLUMNS[column]})


@pytest.mark.parametrize("column", sorted(COLUMNS))
def test_round_trip_of_every_dtype(sessions, warehouse, column):
    frame = _frame(column)
    table = f"rt.{column}"
    sessions["spark"].read_pandas(frame).to_table(table)
    sessions["duckdb"].read_pandas(frame).to_table(table + "_duck")
    spark, duck = _both_read(sessions, table)
    assert_same(spark, frame)
    assert_same(duck, frame)
    # the manifest says what the DuckDB-written one says (dtypes, categories)
    assert _manifest(warehouse, table)["columns"] == _manifest(warehouse, table + "_duck")["columns"]
    # an empty frame of the dtype too
    sessions["spark"].read_pandas(frame.iloc[:0]).to_table(table + "_empty")
    assert_same(sessions["duckdb"].read_table(table + "_empty"), frame.iloc[:0])
    assert_same(sessions["spark"].read_table(table + "_empty"), frame.iloc[:0])


# -- partitions, clustering and row groups: as a DuckDB-written table ---------------------------


def _sales(n: int = 400) -> pd.DataFrame:
    texts = ["north", "", None, "a/b=c %2F", "Zürich", "__HIVE_DEFAULT_PARTITION__"]
    return pd.DataFrame({
        "id": pd.array(range(n), dtype="Int64"),
        "k": pd.array([None if i % 13 == 4 else (i * 7) % 5 - 2 for i in range(n)], dtype="Int64"),
        "s": pd.array([texts[(i * 5) % len(texts)] for i in range(n)], dtype="string"),
        "day": pd.array([dt.datetime(2024, 1, 28) + dt.timedelta(minutes=97 * i) if i % 17 else None for i in range(n)],
                        dtype="datetime64[us]"),
        "v": pd.array([None if i % 10 == 0 else ((i * 31) % 97) / 4 for i in range(n)], dtype="Float64"),
    })


LAYOUTS = {
    "plain": dict(),
    "by_text": dict(partition_by="s"),
    "by_int": dict(partition_by="k", row_group_size=10),
    "by_day": dict(partition_by="DAY(day)"),
    "by_month_clustered": dict(partition_by="MONTH(day)", cluster_by=["k", "v"], row_group_size=16),
    "clustered": dict(cluster_by=["s", "v"], row_group_size=50),
}


def _stored_order(frame: pd.DataFrame, options: dict) -> pd.DataFrame:
    """The rows in the order a table stores them: partition key, clustering columns, the frame's
    order (pandas' stable sort by those keys, missing values last)."""
    keys = []
    sort = frame.copy()
    part = options.get("partition_by")
    if part:
        if part.startswith("DAY("):
            sort["__p"] = frame[part[4:-1]].dt.strftime("%Y-%m-%d")
        elif part.startswith("MONTH("):
            sort["__p"] = frame[part[6:-1]].dt.strftime("%Y-%m")
        else:
            sort["__p"] = frame[part].astype("string")
        keys.append("__p")
    keys += options.get("cluster_by", [])
    if keys:
        sort = sort.sort_values(keys, kind="stable", na_position="last")
    return sort.drop(columns=[c for c in ["__p"] if c in sort]).reset_index(drop=True)


@pytest.fixture(scope="module")
def layouts(sessions):
    """Each layout written by both engines from the same frame: ("lay.<name>", "lay.<name>_duck")."""
    frame = _sales()
    for name, options in LAYOUTS.items():
        sessions["spark"].read_pandas(frame).to_table(f"lay.{name}", **options)
        sessions["duckdb"].read_pandas(frame).to_table(f"lay.{name}_duck", **options)
    return frame


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_and_stored_order_as_on_duckdb(sessions, warehouse, layouts, name):
    options = LAYOUTS[name]
    want = _stored_order(layouts, options)
    spark_m, duck_m = _manifest(warehouse, f"lay.{name}"), _manifest(warehouse, f"lay.{name}_duck")
    # the same partitions, in the same order, in folders of the same names
    def partitions(m):  # (paths are <version>/[<folder>/]<file>)
        return list(dict.fromkeys((f.get("partition"), "/".join(f["path"].split("/")[1:-1])) for f in m["files"]))
    assert partitions(spark_m) == partitions(duck_m)
    for a, b in (("partitioning", "partitioning"), ("clustering", "clustering"), ("columns", "columns")):
        assert spark_m.get(a) == duck_m.get(b)
    # the rows in table order (pandas' sort by partition, clustering, frame order), on both engines
    for engine in ("spark", "duckdb"):
        assert_same(sessions[engine].read_table(f"lay.{name}"), want)
    # row groups of at most row_group_size rows, by the files' own footers
    limit = options.get("row_group_size")
    table_dir = warehouse / "tables" / "lay" / name
    for f in spark_m["files"]:
        meta = pq.ParquetFile(table_dir / f["path"]).metadata
        assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == \
            [len(rg["rows"]) if isinstance(rg["rows"], list) else rg["rows"] for rg in f["row_groups"]]
        if limit:
            assert all(meta.row_group(i).num_rows <= limit for i in range(meta.num_row_groups))


# -- pruning of a Spark-written table ------------------------------------------------------------

FILTERS = {
    "range": [("id", ">=", 5000), ("id", "<", 7000)],
    "partition": [("g", "==", 3)],
    "both": [("g", "==", 1), ("id", "<", 3000)],
    "none": [],
}


def _kept_bytes(table_dir, manifest, filters) -> tuple[int, int, int]:
    """The oracle of a pruned read, from the files' footers (pyarrow): the compressed bytes of
    every column chunk in the row groups whose statistics may hold rows passing `filters`, and
    how many files and row groups those are."""
    ops = {"==": lambda lo, hi, v: lo <= v <= hi, ">=": lambda lo, hi, v: hi >= v, "<": lambda lo, hi, v: lo < v}
    total = files = groups = 0
    for f in manifest["files"]:
        meta = pq.ParquetFile(table_dir / f["path"]).metadata
        kept = 0
        for i in range(meta.num_row_groups):
            rg = meta.row_group(i)
            stats = {rg.column(c).path_in_schema: rg.column(c).statistics for c in range(rg.num_columns)}
            if all(ops[op](stats[col].min, stats[col].max, value) for col, op, value in filters):
                kept += 1
                total += sum(rg.column(c).total_compressed_size for c in range(rg.num_columns))
        files += kept > 0
        groups += kept
    return total, files, groups


def test_pruning_stats_as_on_duckdb(sessions, warehouse):
    n = 20000
    frame = pd.DataFrame({"id": pd.array([(i * 7919) % n for i in range(n)], dtype="Int64"),
                          "g": pd.array([i % 4 for i in range(n)], dtype="Int64"),
                          "v": pd.array([None if i % 9 == 0 else i / 7 for i in range(n)], dtype="Float64")})
    options = dict(partition_by="g", cluster_by=["id"], row_group_size=2048)  # (DuckDB's are multiples of 2048)
    sessions["spark"].read_pandas(frame).to_table("prune.spark", **options)
    sessions["duckdb"].read_pandas(frame).to_table("prune.duck", **options)
    spark_m = _manifest(warehouse, "prune.spark")
    for name, filters in FILTERS.items():
        want = frame
        for column, op, value in filters:
            want = want[{"==": want[column] == value, ">=": want[column] >= value, "<": want[column] < value}[op]]
        stats = {}
        for engine in ("spark", "duckdb"):
            for table in ("prune.spark", "prune.duck"):
                df = sessions[engine].read_table(table, filters=filters or None)
                dry = df.dry_run()
                got = df.to_pandas()
                q = sessions[engine].last_query
                assert dry["bytes_processed"] == q.bytes_processed, (name, engine, table)
                pd.testing.assert_frame_equal(got.sort_values("id").reset_index(drop=True),
                                              want.sort_values("id").reset_index(drop=True))
                stats[engine, table] = (q.bytes_processed, q.files_scanned, q.files_total, q.row_groups_scanned,
                                        q.row_groups_total)
        # both engines prune a table alike; the Spark-written table as the DuckDB-written one
        assert stats["spark", "prune.spark"] == stats["duckdb", "prune.spark"], name
        assert stats["spark", "prune.duck"] == stats["duckdb", "prune.duck"], name
        assert stats["duckdb", "prune.spark"][1:] == stats["duckdb", "prune.duck"][1:], name
        # and what is kept is what the footers' statistics allow
        total, files, groups = _kept_bytes(warehouse / "tables" / "prune" / "spark", spark_m, filters)
        assert (stats["duckdb", "prune.spark"][0], stats["duckdb", "prune.spark"][1],
                stats["duckdb", "prune.spark"][3]) == (total, files, groups), name


# -- order, if_exists, limits and refusals -------------------------------------------------------


def test_strict_order_of_a_sorted_frame_survives_the_round_trip(sessions, warehouse):
    n = 200_000  # (enough rows that Spark sorts them in several tasks, each writing a file)
    frame = pd.DataFrame({"a": pd.array([(i * 37) % 101 for i in range(n)], dtype="Int64"),
                          "b": pd.array([None if i % 11 == 0 else f"t{(i * 13) % 7}" for i in range(n)], dtype="string"),
                          "i": pd.array(range(n), dtype="Int64")})
    s = sessions["spark"]
    df = s.read_pandas(frame)
    df.sort_values(["b", "a"], ascending=[False, True]).to_table("order.sorted")
    want = frame.sort_values(["b", "a"], ascending=[False, True], kind="stable").reset_index(drop=True)
    assert len(_manifest(warehouse, "order.sorted")["files"]) > 1
    for engine in ("spark", "duckdb"):
        assert_same(sessions[engine].read_table("order.sorted"), want)
    # a filtered frame keeps its order too
    df[df["a"] > 50].to_table("order.filtered")
    assert_same(sessions["duckdb"].read_table("order.filtered"), frame[frame["a"] > 50].reset_index(drop=True))


def test_if_exists_modes_across_engines(sessions, warehouse):
    spark, duck = sessions["spark"], sessions["duckdb"]
    a, b = _sales(30), _sales(45).assign(id=lambda f: f["id"] + 1000)
    spark.read_pandas(a).to_table("modes.t", partition_by="k")
    with pytest.raises(exceptions.TableExistsError, match="modes.t"):
        spark.read_pandas(b).to_table("modes.t")
    assert_same(duck.read_table("modes.t"), _stored_order(a, dict(partition_by="k")))
    # an append on Spark to a table written on Spark, then one on DuckDB: each append's rows follow
    spark.read_pandas(b).to_table("modes.t", if_exists="append")
    duck.read_pandas(a).to_table("modes.t", if_exists="append")
    want = pd.concat([_stored_order(a, dict(partition_by="k")), _stored_order(b, dict(partition_by="k")),
                      _stored_order(a, dict(partition_by="k"))], ignore_index=True)
    for engine in ("spark", "duckdb"):
        assert_same(sessions[engine].read_table("modes.t"), want)
    # a replace on Spark of it: exactly the new rows, the old version's data gone
    spark.read_pandas(b).to_table("modes.t", if_exists="replace")
    assert_same(duck.read_table("modes.t"), b)
    # an append of other columns is refused and changes nothing
    with pytest.raises(exceptions.DTypeError):
        spark.read_pandas(b[["id", "s"]]).to_table("modes.t", if_exists="append")
    assert_same(spark.read_table("modes.t"), b)
    assert not os.listdir(warehouse / "staging")


def test_too_many_partitions_writes_nothing(spark_remote, warehouse):
    s = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote, max_partitions=3)
    try:
        with pytest.raises(exceptions.TooManyPartitionsError, match="max_partitions"):
            s.read_pandas(_sales(60)).to_table("limits.t", partition_by="k")
        assert "limits" not in s.list_datasets() or "t" not in s.list_tables("limits")
        assert not os.listdir(warehouse / "staging")
    finally:
        s.close()


@pytest.mark.parametrize("dtype", ["UInt8", "UInt64"])
def test_unsigned_integers_are_refused_by_name(sessions, dtype):
    # (read_pandas on Spark refuses them already: they come from a table written on DuckDB)
    frame = pd.DataFrame({"k": pd.array([1, 2], dtype="Int64"), "u_col": pd.array([1, None], dtype=dtype)})
    sessions["duckdb"].read_pandas(frame).to_table(f"refused.{dtype}")
    with pytest.raises(exceptions.UnsupportedError, match="'u_col' of dtype " + dtype):
        sessions["spark"].read_table(f"refused.{dtype}").to_table(f"refused.{dtype}_copy")
    assert f"{dtype}_copy" not in sessions["duckdb"].list_tables("refused")


def test_columns_differing_in_case_are_refused(sessions):
    frame = pd.DataFrame({"a": pd.array([1], dtype="Int64"), "A": pd.array([2], dtype="Int64")})
    with pytest.raises(exceptions.InvalidArgumentError, match="'a' and 'A'"):
        sessions["spark"].read_pandas(frame).to_table("refused.case")


@pytest.mark.parametrize("options", [dict(partition_by="k"), dict(partition_by="DAY(day)", cluster_by=["id"])])
def test_empty_frame_partitioned(sessions, warehouse, options):
    frame = _sales(10).iloc[:0]
    table = "empty.t" + str(len(options))
    sessions["spark"].read_pandas(frame).to_table(table, **options)
    for engine in ("spark", "duckdb"):
        assert_same(sessions[engine].read_table(table), frame)
    assert len(_manifest(warehouse, table)["files"]) == 1  # (one file without rows keeps the schema, as on DuckDB)
