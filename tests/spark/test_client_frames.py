"""Frames from the client on Spark (issue 14): a frame past options.session.spark_frame_bytes
goes to Spark as a Parquet file in the session's folder, read by a view, instead of as rows the
Spark Connect server holds (a large local relation ran the server out of heap or hung it). The
same pandas results on both sides of the threshold, for every dtype, against pandas 3.1; the
files go with the session, also with a crashed one's clean-up; a large frame read several
times does not hang the server (the threshold is lowered so the test stays small)."""

from __future__ import annotations

import datetime
import decimal
import os
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(n: int) -> pd.DataFrame:
    """n rows of every dtype read_pandas takes on Spark, with missing values; a string index."""
    rng = np.random.default_rng(14)
    pick = lambda values: [values[i % len(values)] for i in range(n)]  # noqa: E731
    ts = pd.to_datetime(pick(["2020-03-29 01:30", None, "1969-12-31 23:59:59.5", "2024-02-29 12:00"]), format="ISO8601")
    return pd.DataFrame(
        {
            "f": pd.array(np.where(rng.random(n) < 0.2, np.nan, rng.standard_normal(n)), dtype="Float64"),
            "i": pd.array(pick([1, None, -(2**40), 7]), dtype="Int64"),
            "i8": pd.array(pick([1, -128, 127, None]), dtype="Int8"),
            "i32": pd.array(pick([2**31 - 1, None, 0]), dtype="Int32"),
            "s": pd.array(pick(["a", None, "é中🙂", "", "it's"]), dtype="string"),
            "b": pd.array(pick([True, None, False]), dtype="boolean"),
            "td": pd.to_timedelta(pick([1.5, None, -86400 * 3, 0]), unit="s").astype("timedelta64[us]"),
            "ts": ts.astype("datetime64[us]"),
            "paris": ts.tz_localize("Europe/Paris", nonexistent="shift_forward", ambiguous="NaT").astype(
                "datetime64[us, Europe/Paris]"),
            "cat": pd.Categorical(pick(["x", None, "y", "x"]), categories=["y", "x", "unused"]),
            "dec": pd.array(pick([decimal.Decimal("1.5"), None, decimal.Decimal("-123456.000000001")]),
                            dtype=pd.ArrowDtype(pa.decimal128(38, 9))),
            "d": pd.array(pick([datetime.date(2020, 1, 1), None, datetime.date(1, 1, 1)]),
                          dtype=pd.ArrowDtype(pa.date32())),
            "l": pd.array(pick([[1, 2], None, [], [None, 3]]), dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
            "st": pd.array(pick([{"a": 1, "b": "x"}, None, {"a": None, "b": None}]),
                           dtype=pd.ArrowDtype(pa.struct([("a", pa.int64()), ("b", pa.string())]))),
        },
        index=pd.Index([f"r{i % 97}" for i in range(n)], name="key"),  # (repeated labels)
    )


@pytest.fixture(scope="module")
def spark_sessions(spark_remote, warehouse):
    """Spark sessions sending frames as rows ("rows": the default threshold) and as files
    ("files": threshold 0)."""
    out = {"rows": cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)}
    before = cpd.options.session.spark_frame_bytes
    cpd.options.session.spark_frame_bytes = 0
    try:
        out["files"] = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)
    finally:
        cpd.options.session.spark_frame_bytes = before
    yield out
    for s in out.values():
        s.close()


def _files(warehouse, session) -> list[str]:
    folder = warehouse / "sessions" / session.session_id / "frames"
    return sorted(os.listdir(folder)) if folder.exists() else []


def _operations(df):
    """The same computations on a cormorant or a pandas frame of _frame."""
    return {
        "read": df,
        "sorted": df.sort_values(["f", "i"], kind="stable"),
        "filtered": df[df["i"] > 0][["s", "td", "paris", "cat"]],
        "groupby": df.groupby("cat", observed=True)[["i", "f", "td"]].sum(),
        "strings": df["s"].str.upper().to_frame(),
        "zones": df["paris"].dt.tz_convert("Asia/Kolkata").to_frame(),
        "reset": df.reset_index().iloc[3:9],
    }


@pytest.mark.parametrize("how", ["rows", "files"])
def test_every_dtype_on_each_side_of_the_threshold_matches_pandas(spark_sessions, warehouse, how):
    s = spark_sessions[how]
    frame = _frame(40)
    before = _files(warehouse, s)
    df = s.read_pandas(frame)
    made = [f for f in _files(warehouse, s) if f not in before]
    assert len(made) == (1 if how == "files" else 0), made
    want = _operations(frame)
    for name, got in _operations(df).items():
        try:
            assert_same(got, want[name])
        except AssertionError as e:
            raise AssertionError(f"{how} {name}: {e}") from None


def test_files_and_rows_give_the_same_result(spark_sessions):
    frame = _frame(60)
    rows = spark_sessions["rows"].read_pandas(frame)
    files = spark_sessions["files"].read_pandas(frame)
    for name, got in _operations(files).items():
        pd.testing.assert_frame_equal(got.to_pandas(), _operations(rows)[name].to_pandas(), check_exact=True,
                                      obj=name)
    # a Series and its values table (isin of a few values) go the same way
    assert_same(files["s"].isin(["a", "", "x"]), frame["s"].isin(["a", "", "x"]))


def test_the_threshold_is_an_estimate_of_the_frame_bytes(spark_remote, warehouse):
    frame = pd.DataFrame({"x": np.arange(1000, dtype="int64"), "s": ["abcdefgh"] * 1000})
    # 1000 rows x (2 columns + the row position) x 8 bytes + 8 text bytes a row: 32,000
    for limit, as_file in ((31_999, True), (32_000, False)):
        before = cpd.options.session.spark_frame_bytes
        cpd.options.session.spark_frame_bytes = limit
        try:
            s = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)
        finally:
            cpd.options.session.spark_frame_bytes = before
        try:
            got = s.read_pandas(frame)
            assert len(_files(warehouse, s)) == int(as_file), limit
            assert_same(got, frame)
        finally:
            s.close()


def test_the_option_is_checked():
    for bad in (-1, 1.5, "1", True):
        with pytest.raises(exceptions.InvalidArgumentError, match="spark_frame_bytes"):
            cpd.options.session.spark_frame_bytes = bad


def test_a_large_frame_read_several_times_does_not_hang(spark_sessions, warehouse):
    """The frame that hung the server as a local relation (1M x 9 read three times), smaller:
    each read is a file the executors read; every result equals pandas'."""
    s = spark_sessions["files"]
    rng = np.random.default_rng(3)
    n = 200_000
    frame = pd.DataFrame({f"c{k}": rng.standard_normal(n) for k in range(8)} | {"g": rng.integers(0, 50, n)})
    before = len(_files(warehouse, s))
    for _ in range(3):
        df = s.read_pandas(frame)
        assert_same(df.groupby("g").sum(), frame.groupby("g").sum())
    assert len(_files(warehouse, s)) == before + 3


def test_files_go_with_the_session(spark_remote, warehouse):
    before = cpd.options.session.spark_frame_bytes
    cpd.options.session.spark_frame_bytes = 0
    try:
        s = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)
    finally:
        cpd.options.session.spark_frame_bytes = before
    df = s.read_pandas(_frame(10))
    folder = warehouse / "sessions" / s.session_id
    assert len(_files(warehouse, s)) == 1
    assert len(df.to_pandas()) == 10
    s.close()
    assert not folder.exists()


def test_a_crashed_sessions_files_are_cleaned_up(spark_remote, warehouse):
    """A process killed with a frame on Spark: cleaning up its session removes the file."""
    child = textwrap.dedent(f"""
        import os, sys
        import pandas as pd
        import cormorant.pandas as cpd
        cpd.options.session.spark_frame_bytes = 0
        s = cpd.Session({str(warehouse)!r}, engine="spark", spark_remote={spark_remote!r})
        df = s.read_pandas(pd.DataFrame({{"x": range(100)}}))
        assert int(df["x"].sum()) == 4950
        print(s.session_id, flush=True)
        os._exit(9)
    """)
    run = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, timeout=300)
    assert run.returncode == 9, run.stderr
    sid = run.stdout.split()[0]
    frames = warehouse / "sessions" / sid / "frames"
    assert len(os.listdir(frames)) == 1
    cleaner = cpd.Session(str(warehouse))
    try:
        cleaner.clean_up_by_session_id(sid)
    finally:
        cleaner.close()
    assert not (warehouse / "sessions" / sid).exists()
