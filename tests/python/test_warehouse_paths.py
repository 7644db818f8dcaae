"""Names from data on disk, and files changed behind the catalog.

- Partition folders are made from column names and values, which come from users' files:
  no name or value may write outside the table's folder, and reading back gives exactly what
  was written (pandas is the oracle).
- Partitioning follows BigQuery: a timestamp or date column without a unit is partitioned by
  day, and a table has at most ``max_partitions`` partitions (10,000 by default).
- A data file replaced behind the catalog's back is noticed, not read silently.
- Paths with quotes, backslashes, spaces, newlines or non-ASCII characters work for every
  reader and writer, and their bytes are measured.
"""

from __future__ import annotations

import json
import re
import os
import shutil

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same

# Column names and values that try to leave the table's folder or to be read back as
# something else.
TRICKY_NAMES = [
    "../../../x",
    "<tmp>/abs/x",  # an absolute path into the test's folder, where a leak is seen
    "..",
    ".",
    "a/b",
    "a\\b",
    "..\\..\\x",
    "a=b",
    "%2F..%2F",
    "_hidden",
    ".hidden",
    "__HIVE_DEFAULT_PARTITION__",
    "sp ace",
    "ünï 日本 🦆",
    "new\nline",
    "x" * 300,
]
TRICKY_VALUES = TRICKY_NAMES + ["", "007", "7", "%", "=", "\\", "/", "__null__", "nul\x00byte", None]


def _files_under(root) -> set[str]:
    out = set()
    for folder, _, files in os.walk(root):
        for f in files:
            out.add(os.path.relpath(os.path.join(folder, f), root))
    return out


@pytest.fixture
def nest(tmp_path):
    """A warehouse three folders deep, so that an escape of up to three levels lands in
    tmp_path where the test sees it."""
    wh = tmp_path / "a" / "b" / "c" / "wh"
    s = cpd.Session(wh)
    yield tmp_path, s
    s.close()


def _outside_table(tmp_path, before: set[str], dataset: str, table: str) -> set[str]:
    """Files written since `before` that are neither the table's data, its manifest nor the
    dataset's and the table's lock files."""
    wh = os.path.join("a", "b", "c", "wh")
    allowed = (os.path.join(wh, "tables", dataset, table) + os.sep, os.path.join(wh, "sessions") + os.sep)
    catalog = {
        os.path.join(wh, "catalog", dataset, table + ".json"),
        os.path.join(wh, "locks", dataset + ".lock"),
        os.path.join(wh, "locks", f"{dataset}.{table}.lock"),
    }
    return {f for f in _files_under(tmp_path) - before if not f.startswith(allowed) and f not in catalog}


@pytest.mark.parametrize("column", [c for c in TRICKY_NAMES if not c.startswith("__")])
def test_partition_column_names_stay_inside_the_table(nest, column):
    tmp_path, s = nest
    column = column.replace("<tmp>", str(tmp_path))
    pdf = pd.DataFrame(
        {
            "id": pd.array(range(6), dtype="Int64"),
            column: pd.array(["p", "q", None, "p", "007", ""], dtype="string"),
        }
    )
    s.read_pandas(pd.DataFrame({"id": pd.array([1, 2], dtype="Int64")})).to_table("ds.t")
    before = _files_under(tmp_path)
    info = s.read_pandas(pdf).to_table("ds.t", partition_by=column, if_exists="replace")
    assert _outside_table(tmp_path, before, "ds", "t") == set()
    assert info["files"] == pdf[column].nunique(dropna=False)
    got = s.read_table("ds.t").to_pandas()
    assert list(got.columns) == ["id", column]
    pd.testing.assert_frame_equal(
        got.sort_values("id").reset_index(drop=True), pdf.sort_values("id").reset_index(drop=True)
    )


def test_partition_values_stay_inside_the_table(nest):
    tmp_path, s = nest
    values = [v if v is None else v.replace("<tmp>", str(tmp_path)) for v in TRICKY_VALUES]
    pdf = pd.DataFrame(
        {"id": pd.array(range(len(values)), dtype="Int64"), "v": pd.array(values, dtype="string")}
    )
    before = _files_under(tmp_path)
    info = s.read_pandas(pdf).to_table("ds.t", partition_by="v")
    assert _outside_table(tmp_path, before, "ds", "t") == set()
    assert info["files"] == pdf["v"].nunique(dropna=False)
    got = s.read_table("ds.t").to_pandas()
    pd.testing.assert_frame_equal(
        got.sort_values("id").reset_index(drop=True), pdf.sort_values("id").reset_index(drop=True)
    )
    # Each file holds one value, read back by pyarrow directly (no hive parsing of folders; the
    # same on either engine).
    import pyarrow.parquet as pq
    from pathlib import Path

    files = sorted(Path(s.warehouse, "tables", "ds", "t").glob("*/*/*.parquet"))
    per_file = [len(set(pq.ParquetFile(f).read(columns=["v"]).column("v").to_pylist())) for f in files]
    assert len(per_file) == info["files"] and per_file == [1] * len(files)


def test_typed_partition_values_come_back_typed(session_pair):
    s = session_pair
    pdf = pd.DataFrame(
        {
            "code": pd.array(["007", "7", "07", None], dtype="string"),
            "n": pd.array([7, -7, 0, None], dtype="Int64"),
            "d": pd.Series(pd.to_datetime(["2026-01-01", "2026-01-02", "2026-01-01", None])).astype(
                "datetime64[us]"
            ),
            "tz": pd.Series(pd.to_datetime(["2026-01-01 23:00", "2026-01-02 01:00", None, "2026-01-01 00:00"])).dt.tz_localize(
                "UTC"
            ).astype("datetime64[us, UTC]"),
        }
    )
    for column in ["code", "n", "d", "tz"]:
        s.read_pandas(pdf).to_table(f"ds.by_{column}", partition_by=column)
        got = s.read_table(f"ds.by_{column}").to_pandas()
        key = pdf[column]
        if column in ("d", "tz"):
            key = key.dt.strftime("%Y-%m-%d")
        order = pdf.assign(_k=key).sort_values("_k", kind="stable", na_position="last").drop(columns="_k")
        pd.testing.assert_frame_equal(got, order.reset_index(drop=True))


@pytest.fixture
def session_pair(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    yield s
    s.close()


def test_refused_write_keeps_the_table(nest):
    tmp_path, s = nest
    good = pd.DataFrame({"id": pd.array([1, 2, 3], dtype="Int64")})
    s.read_pandas(good).to_table("ds.t")
    before = _files_under(tmp_path)
    s.max_partitions = 2
    bad = pd.DataFrame({"../../../x": pd.array(["a", "b", "c"], dtype="string")})
    with pytest.raises(exceptions.TooManyPartitionsError, match=r"'\.\./\.\./\.\./x'"):
        s.read_pandas(bad).to_table("ds.t", partition_by="../../../x", if_exists="replace")
    assert _files_under(tmp_path) - before == set()
    assert_same(s.read_table("ds.t"), good)


def test_folders_named_like_hive_partitions_add_no_columns(tmp_path):
    """A folder "year=2024" above a file or the warehouse adds no column and retypes nothing,
    as pandas reads a Parquet file."""
    folder = tmp_path / "year=2024" / "code=007"
    folder.mkdir(parents=True)
    pdf = pd.DataFrame({"a": pd.array([1, 2, 3], dtype="Int64"), "code": pd.array(["7", "07", None], dtype="string")})
    pdf.to_parquet(folder / "f.parquet")
    s = cpd.Session(folder / "wh")
    assert_same(s.read_parquet(folder / "f.parquet"), pd.read_parquet(folder / "f.parquet", dtype_backend="numpy_nullable"))
    s.read_pandas(pdf).to_table("ds.t", partition_by="code")
    got = s.read_table("ds.t", index_col=cpd.enums.DefaultIndexKind.NULL).to_pandas()
    pd.testing.assert_frame_equal(
        got.sort_values("a").reset_index(drop=True), pdf.sort_values("a").reset_index(drop=True)
    )
    s.close()


# -- BigQuery's partitioning rules -------------------------------------------------------------


def _stamps(n: int, days: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ts = pd.Timestamp("2026-03-01") + pd.to_timedelta(rng.integers(0, days * 86400, n), unit="s")
    return pd.DataFrame(
        {"timestamp": pd.Series(ts).astype("datetime64[us]"), "v": pd.array(rng.integers(0, 100, n), dtype="Int64")}
    )


def test_timestamp_without_unit_is_partitioned_by_day(session_pair):
    s = session_pair
    pdf = _stamps(3000, 12)
    info = s.read_pandas(pdf).to_table("ds.t", partition_by="timestamp")
    days = pdf["timestamp"].dt.strftime("%Y-%m-%d")
    assert info["partitioning"] == "DAY(timestamp)"
    assert info["files"] == days.nunique()
    expected = pdf.assign(_d=days).sort_values("_d", kind="stable").drop(columns="_d").reset_index(drop=True)
    assert_same(s.read_table("ds.t"), expected)
    assert s.describe_table("ds.t")["partitioning"] == "DAY(timestamp)"


def test_date_column_without_unit_is_partitioned_by_day(session_pair):
    s = session_pair
    pdf = pd.DataFrame({"d": pd.array(pd.to_datetime(["2026-01-02", "2026-01-01", None]).date, dtype=object)})
    df = s.read_pandas(pdf.astype({"d": "datetime64[us]"})).assign(d=lambda f: f["d"].dt.date)
    info = df.to_table("ds.t", partition_by="d")
    assert info["partitioning"] == "DAY(d)" and info["files"] == 3


@pytest.mark.parametrize(
    "partition_by, data, count",
    [
        ("n", pd.DataFrame({"n": pd.array([1, 2, 3, 4, 5, 6, 6, None], dtype="Int64")}), 7),
        ("s", pd.DataFrame({"s": pd.array(list("abcdef"), dtype="string")}), 6),
        ("timestamp", _stamps(500, 8), None),
        ("DAY(timestamp)", _stamps(500, 8), None),
        ("MONTH(timestamp)", _stamps(500, 200), None),
    ],
)
def test_partition_cap(tmp_path, partition_by, data, count):
    s = cpd.Session(tmp_path / "wh", max_partitions=5)
    column = partition_by.split("(")[-1].rstrip(")")
    if count is None:
        fmt = "%Y-%m" if partition_by.startswith("MONTH") else "%Y-%m-%d"
        count = data[column].dt.strftime(fmt).nunique()
    assert count > 5
    with pytest.raises(exceptions.TooManyPartitionsError, match=rf"{count} partitions \(\w+( \w+)? of '{column}'\).*max_partitions \(5\)"):
        s.read_pandas(data).to_table("ds.t", partition_by=partition_by)
    assert "t" not in (s.list_tables("ds") if "ds" in s.list_datasets() else [])
    assert _files_under(os.path.join(s.warehouse, "tables")) == set()
    assert _files_under(os.path.join(s.warehouse, "staging")) == set()
    s.max_partitions = count
    info = s.read_pandas(data).to_table("ds.t", partition_by=partition_by)
    assert info["files"] == count
    s.close()


def test_partition_cap_counts_the_table_on_append(session_pair):
    s = session_pair
    s.max_partitions = 5
    first = pd.DataFrame({"n": pd.array([1, 2, 3, 4], dtype="Int64")})
    s.read_pandas(first).to_table("ds.t", partition_by="n")
    s.read_pandas(pd.DataFrame({"n": pd.array([4, 5], dtype="Int64")})).to_table("ds.t", if_exists="append")
    with pytest.raises(exceptions.TooManyPartitionsError, match="6 partitions"):
        s.read_pandas(pd.DataFrame({"n": pd.array([6], dtype="Int64")})).to_table("ds.t", if_exists="append")
    expected = pd.DataFrame({"n": pd.array([1, 2, 3, 4, 4, 5], dtype="Int64")})
    assert_same(s.read_table("ds.t").sort_values("n").reset_index(drop=True), expected)


def test_default_cap_is_bigquerys(session_pair):
    s = session_pair
    assert s.max_partitions == 10000 and cpd.options.compute.max_partitions == 10000
    pdf = pd.DataFrame({"n": pd.array(range(10001), dtype="Int64")})
    with pytest.raises(exceptions.TooManyPartitionsError, match="10001 partitions.*max_partitions \\(10000\\)"):
        s.read_pandas(pdf).to_table("ds.t", partition_by="n")
    assert not s.list_datasets() or "t" not in s.list_tables("ds")


@pytest.mark.parametrize("value", [0, -1, 1.5, True, "10", 2**70])
def test_bad_max_partitions(session_pair, value):
    with pytest.raises(exceptions.InvalidArgumentError, match="max_partitions"):
        session_pair.max_partitions = value
    with pytest.raises(exceptions.InvalidArgumentError, match="max_partitions"):
        cpd.options.compute.max_partitions = value


@pytest.mark.parametrize(
    "column, data",
    [
        ("x", pd.array([0.5, 1.5], dtype="Float64")),
        ("b", pd.array([True, False], dtype="boolean")),
    ],
)
def test_float_and_boolean_partitions_refused(session_pair, column, data):
    s = session_pair
    with pytest.raises(exceptions.InvalidArgumentError, match=f"'{column}'"):
        s.read_pandas(pd.DataFrame({column: data})).to_table("ds.t", partition_by=column)


# -- files changed behind the catalog ---------------------------------------------------------


def _data_files(s, table):
    wh = s.warehouse
    return sorted(
        os.path.join(folder, f)
        for folder, _, files in os.walk(os.path.join(wh, "tables", *table.split(".")))
        for f in files
        if f.endswith(".parquet")
    )


def test_replaced_data_file_is_an_error(session_pair, tmp_path):
    s = session_pair
    pdf = pd.DataFrame({"k": pd.array(["a", "b", "a"], dtype="string"), "v": pd.array([1, 2, 3], dtype="Int64")})
    s.read_pandas(pdf).to_table("ds.t", partition_by="k")
    df = s.read_table("ds.t")
    assert len(df.to_pandas()) == 3
    target = _data_files(s, "ds.t")[0]
    saved = tmp_path / "saved.parquet"
    shutil.copy(target, saved)
    # Another valid Parquet file with the same columns and other rows.
    other = pd.DataFrame({"k": pd.array(["a"] * 50, dtype="string"), "v": pd.array(range(50), dtype="Int64")})
    other.to_parquet(target)
    for query in (lambda: df.to_pandas(), lambda: s.read_table("ds.t").to_pandas(), lambda: len(df),
                  lambda: df["v"].sum()):
        with pytest.raises(exceptions.DataFileChangedError, match=re.escape(target) + r"' of table 'ds\.t'"):
            query()
    os.remove(target)
    with pytest.raises(exceptions.DataFileChangedError, match="missing"):
        df.to_pandas()
    shutil.copy(saved, target)
    assert_same(s.read_table("ds.t"), pdf.sort_values("k", kind="stable").reset_index(drop=True))


def test_row_count_is_checked_against_the_manifest(session_pair):
    """A file of the right size whose row count differs (here: the manifest is edited to say
    so, the file untouched) is refused too."""
    s = session_pair
    pdf = pd.DataFrame({"v": pd.array(range(10), dtype="Int64")})
    s.read_pandas(pdf).to_table("ds.t")
    manifest = os.path.join(s.warehouse, "catalog", "ds", "t.json")
    with open(manifest) as f:
        m = json.load(f)
    m["files"][0]["rows"] = 9
    with open(manifest, "w") as f:
        json.dump(m, f)
    with pytest.raises(exceptions.DataFileChangedError, match="10 rows where the manifest recorded 9"):
        cpd.Session(s.warehouse).read_table("ds.t").to_pandas()


def test_changed_parquet_source_is_an_error(tmp_path):
    path = tmp_path / "x.parquet"
    pd.DataFrame({"v": [1, 2, 3]}).to_parquet(path)
    s = cpd.Session(":memory:")
    df = s.read_parquet(path)
    assert len(df.to_pandas()) == 3
    pd.DataFrame({"v": list(range(100))}).to_parquet(path)
    with pytest.raises(exceptions.DataFileChangedError, match="read_parquet"):
        df.to_pandas()


# -- paths with special characters --------------------------------------------------------------

SPECIAL = ['quo"te', "apo'strophe", "back\\slash", "sp ace", "ünï日本", "new\nline", "all \"'\\ ü\n"]


@pytest.mark.parametrize("name", SPECIAL)
def test_readers_and_writers_take_any_path(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    pdf = pd.DataFrame({"a": pd.array([1, 2, None], dtype="Int64"), "b": pd.array(["x", None, "z"], dtype="string")})
    s = cpd.Session(folder / "wh")
    pdf.to_parquet(folder / "in.parquet")
    pdf.to_csv(folder / "in.csv", index=False)
    pdf.to_json(folder / "in.json", orient="records", lines=True)
    df = s.read_parquet(folder / "in.parquet")
    assert_same(df, pdf)
    assert s.last_query.bytes_processed > 0
    assert s.last_query.bytes_processed == df.dry_run()["bytes_processed"]
    assert_same(s.read_csv(folder / "in.csv"), pd.read_csv(folder / "in.csv").convert_dtypes())
    assert_same(s.read_json(folder / "in.json", lines=True), pd.read_json(folder / "in.json", lines=True).convert_dtypes())
    df.to_parquet(folder / "out.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(folder / "out.parquet", dtype_backend="numpy_nullable"), pdf)
    df.to_csv(folder / "out.csv", index=False)
    pd.testing.assert_frame_equal(pd.read_csv(folder / "out.csv"), pd.read_csv(folder / "in.csv"))
    # The warehouse root itself.
    df.to_table("ds.t", partition_by="b")
    got = s.read_table("ds.t")
    assert_same(got, pdf.sort_values("b", na_position="last", kind="stable").reset_index(drop=True))
    assert s.last_query.bytes_processed == got.dry_run()["bytes_processed"] > 0
    s.close()


# -- paths named like globs ---------------------------------------------------------------------

# A file named like a pattern, beside a file the pattern matches.
GLOB_NAMED = [("a[1].parquet", "a1.parquet"), ("x*.parquet", "xy.parquet"), ("q?.parquet", "qz.parquet"),
              ("b{c,d}.parquet", "bc.parquet")]


def test_a_file_named_like_a_glob_is_read_alone(tmp_path):
    """Both engines read paths as patterns (Spark's Hadoop globs, DuckDB's); a path naming a file
    (Parquet, CSV, JSON lines) reads that file alone, as pandas does, in a folder named like a
    pattern too, and so do a warehouse's files there. A path naming no file is still a glob."""
    folder = tmp_path / "f[1]*{a,b}?"
    folder.mkdir()
    for i, (name, decoy) in enumerate(GLOB_NAMED):
        pd.DataFrame({"v": pd.array([10 * i, 10 * i + 1], dtype="Int64")}).to_parquet(folder / name)
        pd.DataFrame({"v": pd.array([-i], dtype="Int64")}).to_parquet(folder / decoy)
    s = cpd.Session(folder / "wh")
    try:
        for name, decoy in GLOB_NAMED:
            for file in (name, decoy):
                df = s.read_parquet(folder / file)
                assert_same(df, pd.read_parquet(folder / file))
                # and as CSV and JSON lines (read by the embedded engine on both)
                text = folder / file.replace(".parquet", ".csv")
                pd.read_parquet(folder / file).to_csv(text, index=False)
                assert_same(s.read_csv(text), pd.read_csv(text).convert_dtypes())
                lines = folder / file.replace(".parquet", ".json")
                pd.read_parquet(folder / file).to_json(lines, orient="records", lines=True)
                assert_same(s.read_json(lines, lines=True), pd.read_json(lines, lines=True).convert_dtypes())
        # a glob still reads the files it matches (in name order, as DuckDB lists them)
        glob = s.read_parquet(str(folder).replace("[", "[[]").replace("*", "[*]").replace("?", "[?]") + "/q[z].parquet")
        assert_same(glob, pd.read_parquet(folder / "qz.parquet"))
        s.read_parquet(folder / "a[1].parquet").to_table("ds.t")
        assert_same(s.read_table("ds.t"), pd.read_parquet(folder / "a[1].parquet"))
    finally:
        s.close()
    # CSV and JSON name one file, as pandas reads them: a name of no file is not found, even one
    # that would match files as a glob (read_csv took it for a file of no columns)
    for pattern in ("a?", "*", "q[?]"):
        for suffix, read in ((".csv", pd.read_csv), (".json", lambda p: pd.read_json(p, lines=True))):
            with pytest.raises(FileNotFoundError):
                read(folder / (pattern + suffix))
            with pytest.raises(exceptions.SourceNotFoundError, match="no such file"):
                (cpd.read_csv if suffix == ".csv" else lambda p: cpd.read_json(p, lines=True))(folder / (pattern + suffix))
    both = tmp_path / "back\\slash"
    both.mkdir()
    pd.DataFrame({"v": [1]}).to_parquet(both / "a[1].parquet")
    with pytest.raises(exceptions.UnsupportedError, match=re.escape(str(both / "a[1].parquet")) + ".*backslash"):
        cpd.read_parquet(both / "a[1].parquet").to_pandas()
