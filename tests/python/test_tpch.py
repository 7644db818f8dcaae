"""The 22 TPC-H queries of the benchmark (benchmarks/tpch/queries.py, pandas API) on a tiny
scale generated with tpchgen-cli (SF 0.01, a few seconds), in both ordering modes, against the
TPC-H SQL (benchmarks/tpch/sql_queries.py) run directly on the engine: so that the benchmark's
queries keep working and keep giving TPC-H's answers."""

import os
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "benchmarks", "tpch"))
import queries  # noqa: E402
import tpch_data  # noqa: E402
from sql_queries import TABLES, sql  # noqa: E402

SCALE = 0.01


@pytest.fixture(scope="module")
def tpch_folder(tmp_path_factory):
    return tpch_data.generate(SCALE, str(tmp_path_factory.mktemp("tpch")))


@pytest.fixture(scope="module")
def sql_answers(tpch_folder, tmp_path_factory):
    """The SQL answers, from DuckDB itself (on either engine of the suite): Session.execute_sql
    runs SQL as it is, here a COPY of each answer to Parquet (execute_sql cannot hand over
    DuckDB's HUGEINT sums)."""
    out = tmp_path_factory.mktemp("answers")
    session = cpd.Session(warehouse=":memory:", engine="duckdb")
    try:
        tpch_data.create_views(session.execute_sql, tpch_folder)
        answers = {}
        for q in queries.QUERIES:
            path = os.path.join(out, f"q{q}.parquet")
            session.execute_sql(f"COPY ({sql(q, SCALE)}) TO '{path}' (FORMAT parquet)")
            answers[q] = pq.read_table(path).to_pandas()
        return answers
    finally:
        session.close()


@pytest.fixture(scope="module", params=["strict", "partial"])
def tables(request, tpch_folder):
    session = cpd.Session(warehouse=":memory:", ordering_mode=request.param)
    yield {t: session.read_parquet(tpch_data.path(tpch_folder, t)) for t in TABLES}
    session.close()


@pytest.mark.parametrize("q", sorted(queries.QUERIES))
def test_tpch_query(q, tables, sql_answers):
    result = queries.QUERIES[q](tables, SCALE)
    if hasattr(result, "to_pandas"):
        result = result.to_pandas()
    problem = tpch_data.compare(result, sql_answers[q])
    assert problem is None, f"Q{q}: {problem}"


# The engine statements each program runs once its files are checked (their first use): the
# final query, plus one per scalar pandas computes eagerly (Q11's sum, Q22's mean); no probe,
# count or stats read in between (Session.engine_statements).
STATEMENTS = {2: 1, 11: 2, 22: 2, 4: 1, 16: 1}


@pytest.mark.parametrize("q", sorted(STATEMENTS))
def test_engine_statements_per_query(q, tpch_folder):
    session = cpd.Session(warehouse=":memory:")
    try:
        tables = {t: session.read_parquet(tpch_data.path(tpch_folder, t)) for t in TABLES}
        for run in range(2):
            before = session.engine_statements
            result = queries.QUERIES[q](tables, SCALE)
            if hasattr(result, "to_pandas"):
                result.to_pandas()
            if run:
                assert session.engine_statements - before == STATEMENTS[q]
    finally:
        session.close()


def test_compare_accepts_only_reordered_ties():
    """The SQL answer's ORDER BY leaves ties in any order (Q11 at SF10 has two parts of equal
    value): rows may trade places within a run equal on every column that matches, nowhere else."""
    want = pd.DataFrame({"k": [1, 2, 3, 4], "v": [9.0, 8.0, 8.0, 7.0]})
    assert tpch_data.compare(pd.DataFrame({"k": [1, 3, 2, 4], "v": [9.0, 8.0, 8.0, 7.0]}), want) is None
    assert "rows differ" in tpch_data.compare(pd.DataFrame({"k": [1, 3, 5, 4], "v": [9.0, 8.0, 8.0, 7.0]}), want)
    assert "rows differ" in tpch_data.compare(pd.DataFrame({"k": [2, 1, 3, 4], "v": [9.0, 8.0, 8.0, 7.0]}), want)
    assert "rows differ" in tpch_data.compare(pd.DataFrame({"k": [1, 2, 3, 4], "v": [9.0, 8.0, 8.5, 7.0]}), want)
