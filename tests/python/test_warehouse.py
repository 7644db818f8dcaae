"""Managed tables: to_table / read_table, partitioning, clustering, filters, atomic writes,
listing and dropping, and their errors. pandas is the oracle for the rows; DuckDB's own view
of the written files (parquet_metadata, read_parquet) for the layout."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import warnings

import duckdb
import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, engine_prelude


def _events(n: int = 6000, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ts = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 40 * 86400, n), unit="s")
    return pd.DataFrame(
        {
            "ts": pd.Series(ts).astype("datetime64[us]"),
            "project": pd.array([f"p{i:02d}" for i in rng.integers(0, 30, n)], dtype="string"),
            "country": pd.array(rng.choice(["DE", "FR", "US", None], n), dtype="string"),
            "n": pd.array(np.where(rng.random(n) < 0.05, None, rng.integers(0, 1000, n)), dtype="Int64"),
            "x": pd.array(rng.normal(size=n), dtype="Float64"),
        }
    )


@pytest.fixture
def session(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    yield s
    s.close()


@pytest.fixture
def events() -> pd.DataFrame:
    return _events()


def _table_order(pdf: pd.DataFrame, keys) -> pd.DataFrame:
    """The order a managed table stores rows in: partition, clustering, then the frame's order."""
    return pdf.sort_values(keys, kind="stable", na_position="last").reset_index(drop=True)


# -- writing and reading back ----------------------------------------------------------------


def test_unpartitioned_roundtrip_keeps_order(session, events):
    session.read_pandas(events).to_table("ds.plain")
    assert_same(session.read_table("ds.plain"), events)


def test_partition_by_day_and_cluster(session, events):
    info = session.read_pandas(events).to_table("ds.ev", partition_by="DAY(ts)", cluster_by=["project"])
    expected = _table_order(events.assign(_d=events["ts"].dt.strftime("%Y-%m-%d")), ["_d", "project"]).drop(columns="_d")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        got = session.read_table("ds.ev")
    assert_same(got, expected)
    days = events["ts"].dt.strftime("%Y-%m-%d").nunique()
    assert info["files"] == days
    assert info["partitioning"] == "DAY(ts)" and info["clustering"] == ["project"]
    assert info["rows"] == len(events)
    # Every file holds one day and is sorted by project (DuckDB reads the files directly).
    wh = session.warehouse
    files = duckdb.sql(
        f"SELECT filename, count(DISTINCT CAST(ts AS DATE)) AS d, "
        f"bool_and(project >= coalesce(prev, project)) AS sorted FROM ("
        f"SELECT filename, ts, project, lag(project) OVER (PARTITION BY filename ORDER BY file_row_number) AS prev "
        f"FROM read_parquet('{wh}/tables/ds/ev/*/*/*.parquet', filename=true, file_row_number=true, "
        f"hive_partitioning=false)) GROUP BY filename"
    ).df()
    assert len(files) == days and (files["d"] == 1).all() and files["sorted"].all()


def test_partition_by_value_and_month(session, events):
    session.read_pandas(events).to_table("ds.by_country", partition_by="country")
    got = session.read_table("ds.by_country")
    assert_same(got, _table_order(events, ["country"]))
    info = session.read_pandas(events).to_table("ds.by_month", partition_by="MONTH(ts)", cluster_by=["country", "n"])
    assert info["files"] == events["ts"].dt.strftime("%Y-%m").nunique()
    got = session.read_table("ds.by_month", index_col=cpd.enums.DefaultIndexKind.NULL).to_pandas()
    assert isinstance(got.index, pd.RangeIndex)
    got = session.read_table("ds.by_month")
    expected = _table_order(events.assign(_m=events["ts"].dt.strftime("%Y-%m")), ["_m", "country", "n"]).drop(columns="_m")
    assert_same(got, expected)


def test_index_col_columns_and_filters(session, events):
    session.read_pandas(events).to_table("ds.ev", partition_by="DAY(ts)", cluster_by=["project"])
    stored = _table_order(events.assign(_d=events["ts"].dt.strftime("%Y-%m-%d")), ["_d", "project"]).drop(columns="_d")
    got = session.read_table(
        "ds.ev",
        index_col="project",
        columns=["ts", "n"],
        filters=[("project", "in", ["p01", "p02"]), ("ts", ">=", pd.Timestamp("2026-01-20")), ("n", "<", 500)],
    )
    mask = stored["project"].isin(["p01", "p02"]) & (stored["ts"] >= pd.Timestamp("2026-01-20")) & (stored["n"] < 500)
    expected = stored[mask.fillna(False)].set_index("project")[["ts", "n"]]
    assert_same(got, expected)
    # A list of lists is an OR of ANDs.
    got = session.read_table(
        "ds.ev", index_col="n", filters=[[("country", "==", "DE"), ("x", ">", 1.0)], [("project", "not in", ["p00"])]]
    )
    mask = ((stored["country"] == "DE") & (stored["x"] > 1.0)).fillna(False) | (~stored["project"].isin(["p00"]))
    assert_same(got, stored[mask.fillna(False)].set_index("n"))


@pytest.mark.parametrize("zone", [None, "Pacific/Chatham"])
@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("how", ["mask", "filters"])
def test_not_equal_keeps_nat_in_pruned_row_groups(tmp_path, zone, mode, how):
    """`t != value` keeps NaT rows (pandas' mask is True there), so a row group whose non-missing
    values all equal the value is still read when it holds NaT (it was skipped: found by the
    warehouse fuzz family). The first write is one row group of the value and NaT, the append
    another value and NaT; pandas is the oracle."""
    def frame(values, keys):
        t = pd.Series(pd.array([pd.Timestamp(v) if v else None for v in values], dtype="datetime64[us]"))
        return pd.DataFrame({"t": t.dt.tz_localize("UTC").dt.tz_convert(zone) if zone else t,
                             "k": pd.array(keys, dtype="Int64")})

    first, second = frame(["2024-04-05 08:13", None, "2024-04-05 08:13"], [1, 2, 3]), frame(["2024-03-01", None], [4, 5])
    value = pd.Timestamp("2024-04-05 01:13", tz="America/Los_Angeles") if zone else pd.Timestamp("2024-04-05 08:13")
    s = cpd.Session(tmp_path / "wh", ordering_mode=mode)
    try:
        s.read_pandas(first).to_table("ds.t")
        s.read_pandas(second).to_table("ds.t", if_exists="append")
        stored = pd.concat([first, second], ignore_index=True)
        if how == "filters":
            got = s.read_table("ds.t", filters=[("t", "!=", value)])
        else:
            x = s.read_table("ds.t")
            got = x[x["t"] != value]
        expected = stored[stored["t"] != value]
        if mode == "partial":
            got = got.to_pandas().sort_values("k", kind="stable").reset_index(drop=True)
            pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))
        else:
            assert_same(got, expected)
    finally:
        s.close()


def test_list_describe_drop(session, events):
    df = session.read_pandas(events)
    df.to_table("a.t1")
    df.head(10).to_table("a.t2")
    df.to_table("b.t1")
    assert session.list_datasets() == ["a", "b"]
    assert session.list_tables("a") == ["t1", "t2"]
    info = session.describe_table("a.t2")
    assert info["rows"] == 10
    assert info["columns"] == [(c, str(events[c].dtype)) for c in events.columns]
    assert info["bytes"] == sum(os.path.getsize(os.path.join(root, f)) for root, _, fs in os.walk(os.path.join(session.warehouse, "tables", "a", "t2")) for f in fs)
    session.drop_table("a.t2")
    assert session.list_tables("a") == ["t1"]
    with pytest.raises(exceptions.NotFoundError, match="a.t2"):
        session.read_table("a.t2")


def test_if_exists(session, events):
    df = session.read_pandas(events)
    df.head(100).to_table("ds.t")
    with pytest.raises(exceptions.TableExistsError, match="if_exists"):
        df.to_table("ds.t")
    assert_same(session.read_table("ds.t"), events.head(100))
    df.tail(50).to_table("ds.t", if_exists="append")
    assert_same(session.read_table("ds.t"), pd.concat([events.head(100), events.tail(50)], ignore_index=True))
    pinned = session.read_table("ds.t")  # read before the next write: pinned to this version
    df.head(7).to_table("ds.t", if_exists="replace")
    assert_same(session.read_table("ds.t"), events.head(7))
    assert_same(pinned, pd.concat([events.head(100), events.tail(50)], ignore_index=True))
    df.head(3).to_table("ds.t", if_exists="replace")
    # The versions this session read stay while it is open (it pinned them: v1, v2, v3), and the
    # current one (v4); once it closes, the next commit leaves only the current version.
    folder = os.path.join(session.warehouse, "tables", "ds", "t")
    assert len(os.listdir(folder)) == 4
    session.close()
    other = cpd.Session(session.warehouse)
    other.read_pandas(events.head(2)).to_table("ds.t", if_exists="replace")
    assert len(os.listdir(folder)) == 1
    assert_same(other.read_table("ds.t"), events.head(2))
    other.close()


def test_index_is_written_as_columns(session, events):
    df = session.read_pandas(events).set_index("project")
    df.to_table("ds.indexed")
    got = session.read_table("ds.indexed", index_col="project")
    assert_same(got, events.set_index("project"))


# -- errors: typed, and nothing written --------------------------------------------------------


def _nothing_written(session, dataset="ds"):
    staging = os.path.join(session.warehouse, "staging")
    return not os.path.exists(staging) or not os.listdir(staging)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"partition_by": "nope"}, exceptions.ColumnNotFoundError, "nope"),
        ({"partition_by": "DAY(project)"}, exceptions.InvalidArgumentError, "date or timestamp"),
        ({"partition_by": "x"}, exceptions.InvalidArgumentError, "Float64"),
        ({"cluster_by": ["ts", "project", "country", "n", "x"]}, exceptions.InvalidArgumentError, "at most 4"),
        ({"cluster_by": ["missing"]}, exceptions.ColumnNotFoundError, "missing"),
        ({"cluster_by": ["n", "n"]}, exceptions.InvalidArgumentError, "twice"),
        ({"if_exists": "overwrite"}, exceptions.InvalidArgumentError, "if_exists"),
    ],
)
def test_bad_write_specs(session, events, kwargs, error, message):
    df = session.read_pandas(events)
    with pytest.raises(error, match=message):
        df.to_table("ds.bad", **kwargs)
    assert not session.list_datasets() or "bad" not in session.list_tables("ds")
    assert _nothing_written(session)


@pytest.mark.parametrize("table_id", ["nodot", "a.b.c", "1ds.t", "ds.t-1", "ds."])
def test_bad_table_ids(session, events, table_id):
    with pytest.raises(exceptions.InvalidArgumentError, match="dataset|table"):
        session.read_pandas(events).to_table(table_id)


def test_unknown_dataset_and_table(session, events):
    with pytest.raises(exceptions.NotFoundError, match="dataset 'nope'"):
        session.read_table("nope.t")
    session.read_pandas(events).head(3).to_table("ds.t")
    with pytest.raises(exceptions.NotFoundError, match="table 'ds.other'"):
        session.read_table("ds.other")
    with pytest.raises(exceptions.NotFoundError):
        session.list_tables("nope")
    with pytest.raises(exceptions.NotFoundError):
        session.drop_table("ds.other")


@pytest.mark.parametrize(
    "filters, error, message",
    [
        ([("missing", "==", 1)], exceptions.ColumnNotFoundError, "missing"),
        ([("n", "==", "seven")], exceptions.DTypeError, "Int64"),
        ([("ts", ">", "yesterday")], exceptions.DTypeError, "ISO"),
        ([("project", "~", "p01")], exceptions.InvalidArgumentError, "operator"),
        ([("project", "==", ["p01", "p02"])], exceptions.InvalidArgumentError, "one value"),
        (["not a tuple"], exceptions.InvalidArgumentError, "filters"),
    ],
)
def test_bad_filters(session, events, filters, error, message):
    session.read_pandas(events).to_table("ds.t")
    with pytest.raises(error, match=message):
        session.read_table("ds.t", filters=filters)


def test_failed_write_keeps_previous_table(session, events):
    df = session.read_pandas(events)
    df.head(20).to_table("ds.t")
    bad = df.assign(project=df["project"].astype("Int64"))  # fails while the write runs
    with pytest.raises(exceptions.CormorantError):
        bad.to_table("ds.t", if_exists="replace")
    assert_same(session.read_table("ds.t"), events.head(20))
    assert _nothing_written(session)


def test_killed_writer_loses_nothing(session, events, tmp_path):
    session.read_pandas(events).head(20).to_table("ds.t")
    before = session.read_table("ds.t").to_pandas()
    expected = before.copy()
    script = textwrap.dedent(
        f"""
        import pandas as pd, cormorant.pandas as cpd
        s = cpd.Session({session.warehouse!r})
        print(s.session_id, flush=True)
        s.read_pandas(pd.DataFrame({{"a": [1, 2, 3]}})).to_table("ds.t", if_exists="replace")
        """
    )
    env = dict(os.environ, CORMORANT_TEST_KILL_BEFORE_COMMIT="ds.t")
    proc = subprocess.run([sys.executable, "-c", engine_prelude() + script], env=env, capture_output=True, text=True)
    assert proc.returncode == 137, proc.stderr
    crashed = proc.stdout.strip()
    # The previous version is still the table, whole.
    assert_same(session.read_table("ds.t"), expected)
    # The crashed writer's leftovers are found by its session id and removed.
    leftovers = [v for v in os.listdir(os.path.join(session.warehouse, "tables", "ds", "t")) if v.startswith(crashed)]
    assert leftovers
    assert session.clean_up_by_session_id(crashed) >= 1
    assert not [v for v in os.listdir(os.path.join(session.warehouse, "tables", "ds", "t")) if v.startswith(crashed)]
    assert_same(session.read_table("ds.t"), expected)


def test_in_memory_session_has_no_warehouse(events):
    s = cpd.Session(":memory:")
    with pytest.raises(exceptions.InvalidArgumentError, match="warehouse"):
        s.read_pandas(events).to_table("ds.t")
    s.close()


def test_pypi_generator_writes_its_query(session):
    import datetime

    from cormorant.datasets import make_pypi_file_downloads, pypi_file_downloads_sql

    info = make_pypi_file_downloads("pypi.small", rows=20000, days=3, projects=500, session=session)
    assert (info["rows"], info["files"]) == (20000, 3)
    assert info["partitioning"] == "DAY(timestamp)" and info["clustering"] == ["project"]
    # (the generator's SQL run by DuckDB directly: the oracle, whatever the session's engine)
    expected = duckdb.sql(pypi_file_downloads_sql(20000, 3, 500, datetime.date(2026, 10, 1))).df()
    got = session.read_table("pypi.small", index_col=cpd.enums.DefaultIndexKind.NULL).to_pandas()
    key = list(expected.columns)
    pd.testing.assert_frame_equal(
        got.sort_values(key).reset_index(drop=True),
        expected.astype(got.dtypes.to_dict()).sort_values(key).reset_index(drop=True),
    )
    assert got["timestamp"].dt.strftime("%Y-%m-%d").nunique() == 3


def test_columns_differing_only_in_case_are_refused(session, tmp_path):
    """The engine's Parquet writer ignores case in names: it wrote "a" as "a_1", and a table read
    back gave "A"'s values under both names, silently. Now a typed error names both; pandas
    writes such files (pyarrow keeps case), and nothing is left of the refused write."""
    pdf = pd.DataFrame({"A": pd.array([1, 2], dtype="Int64"), "a": pd.array([3, 4], dtype="Int64")})
    pdf.to_parquet(tmp_path / "pandas.parquet")
    df = session.read_pandas(pdf)
    for write in [lambda: df.to_table("ds.t"), lambda: df.to_table("ds.p", partition_by="A"),
                  lambda: df.to_parquet(tmp_path / "c.parquet")]:
        with pytest.raises(exceptions.InvalidArgumentError, match="'A' and 'a'"):
            write()
    assert "ds" not in session.list_datasets() or session.list_tables("ds") == []
    assert not (tmp_path / "c.parquet").exists()
    session.read_pandas(pdf.rename(columns={"a": "b"})).to_table("ds.t")
    assert_same(session.read_table("ds.t"), pdf.rename(columns={"a": "b"}))
