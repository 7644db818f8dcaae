"""UDF calls inside larger plans (issue 10, item 3): groupby, merge and to_table around the call
run in one SQL query, a filter that does not depend on the UDF's output still prunes the scan,
and the results are pandas' results. Also the session-level default of workers= (item 6)."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

# The clustered table is read without an index column on purpose (strict mode, positions from
# the files): its warning is expected.
pytestmark = pytest.mark.filterwarnings("ignore::cormorant.exceptions.DefaultIndexWarning")


def bucket(x):
    return None if x is None else x % 7


def worker_pid(x):
    import os

    return os.getpid()


@pytest.fixture
def table(tmp_path):
    s = cpd.Session(str(tmp_path / "wh"))
    n = 20_000
    pdf = pd.DataFrame({"k": pd.array(range(n), dtype="Int64"),
                        "x": pd.array([None if i % 11 == 0 else i * 3 for i in range(n)], dtype="Int64")})
    s.read_pandas(pdf).to_table("ds.t", cluster_by=["k"], row_group_size=2048)
    yield s, pdf
    s.close()


def _pandas_bucket(x: pd.Series) -> pd.Series:
    return x.astype(object).where(x.notna(), None).apply(bucket).astype("Int64")


def test_filter_not_on_the_udf_output_prunes_the_scan(table):
    s, pdf = table
    u = s.udf(bucket, input_types=[int], output_type=int, transpile=False)
    df = s.read_table("ds.t")
    out = df[df["k"] < 3000].assign(b=lambda d: d["x"].apply(u))
    out = out[out["b"] > 2]
    got = out.to_pandas()
    job = out.query_job
    assert 0 < job.row_groups_scanned < job.row_groups_total
    p = pdf[pdf["k"] < 3000].assign(b=lambda d: _pandas_bucket(d["x"]))
    p = p[p["b"] > 2]
    pd.testing.assert_frame_equal(got, p)


def test_groupby_and_merge_around_the_call_in_one_query(table):
    s, pdf = table
    u = s.udf(bucket, input_types=[int], output_type=int, transpile=False)
    df = s.read_table("ds.t")
    grouped = df.assign(b=df["x"].apply(u)).groupby("b", dropna=False)["k"].sum()
    sql = grouped.to_frame().sql
    assert u._engine_names and next(iter(u._engine_names.values())) in sql and "GROUP BY" in sql
    want = pdf.assign(b=_pandas_bucket(pdf["x"])).groupby("b", dropna=False)["k"].sum()
    pd.testing.assert_series_equal(grouped.to_pandas(), want)

    names = s.read_pandas(pd.DataFrame({"b": pd.array(range(7), dtype="Int64"), "name": [f"n{i}" for i in range(7)]}))
    merged = df.assign(b=df["x"].apply(u)).merge(names, on="b").sort_values("k")
    sql = merged.sql
    assert next(iter(u._engine_names.values())) in sql and "JOIN" in sql
    pnames = names.to_pandas()
    pwant = pdf.assign(b=_pandas_bucket(pdf["x"])).merge(pnames, on="b").sort_values("k")
    pd.testing.assert_frame_equal(merged.to_pandas().reset_index(drop=True), pwant.reset_index(drop=True))


def test_to_table_of_a_udf_result(table):
    s, pdf = table
    u = s.udf(bucket, input_types=[int], output_type=int, transpile=False)
    df = s.read_table("ds.t")
    df.assign(b=df["x"].apply(u))[["k", "b"]].to_table("ds.out")
    got = s.read_table("ds.out").sort_values("k").to_pandas().reset_index(drop=True)
    want = pd.DataFrame({"k": pdf["k"], "b": _pandas_bucket(pdf["x"])})
    pd.testing.assert_frame_equal(got, want)


def test_session_workers_is_the_default_of_its_udfs(tmp_path):
    rows = pd.DataFrame({"x": list(range(3000))})
    s = cpd.Session(str(tmp_path / "w2"), threads=1, workers=2)
    try:
        u = s.udf(worker_pid, input_types=[int], output_type=int, transpile=False)
        assert u.workers == 2
        pids = s.read_pandas(rows)["x"].apply(u).to_pandas().tolist()
        assert os.getpid() not in pids and len(set(pids[:2048])) == 2  # two workers a chunk
        in_process = s.udf(worker_pid, input_types=[int], output_type=int, transpile=False, workers=0)
        assert set(s.read_pandas(rows)["x"].apply(in_process).to_pandas()) == {os.getpid()}
    finally:
        s.close()
    s = cpd.Session(str(tmp_path / "w0"), workers=0)
    try:
        u = s.udf(worker_pid, input_types=[int], output_type=int, transpile=False)
        assert u.workers == 0
        assert set(s.read_pandas(rows)["x"].apply(u).to_pandas()) == {os.getpid()}
    finally:
        s.close()
    with pytest.raises(exceptions.InvalidArgumentError, match="workers"):
        cpd.Session(str(tmp_path / "bad"), workers=-1)
