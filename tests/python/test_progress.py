"""Progress bars of long queries (cpd.options.display.progress_bar): the core reports a
running query with the engine's estimate; a bar shows on stderr, or as HTML in Jupyter, only
for queries longer than progress.SHOW_AFTER, and never with the option None."""

from __future__ import annotations

import sys
import types

import pytest

import cormorant.pandas as cpd
from cormorant import exceptions, progress

# A few tenths of a second on two cores (a table of 20M rows, hashed); its answer is DuckDB's own,
# compared between runs with and without bars.
_SETUP = "CREATE TABLE big AS SELECT range AS i FROM range(20000000)"
_QUERY = "SELECT count(*) AS n FROM big WHERE hash(i) % 7 = 3"


@pytest.fixture(scope="module")
def session():
    s = cpd.Session()
    s._core.execute_sql(_SETUP)
    yield s
    s.close()


def _count(session):
    return int(session.read_sql(_QUERY).to_pandas()["n"].iloc[0])


def test_terminal_bar_shows_while_a_long_query_runs(session, capsys, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    with cpd.option_context("display.progress_bar", "terminal"):
        with_bar = _count(session)
    err = capsys.readouterr().err
    assert "Query running:" in err and "% · " in err and "rows read" in err
    assert err.endswith("\n") and "Query done:" in err.splitlines()[-1]
    assert "[" + "#" * progress._WIDTH + "]" in err.splitlines()[-1]
    with cpd.option_context("display.progress_bar", None):
        assert _count(session) == with_bar
    assert capsys.readouterr().err == ""


@cpd.udf(input_types=[float], output_type=float, transpile=False)
def _slow_double(x):
    import time

    time.sleep(0.4)
    return 2 * x


def test_small_queries_that_run_long_show_their_time(tmp_path, capsys, monkeypatch):
    # A query of a small file goes without the engine's estimate (it costs a tenth of a small
    # query); if it runs long all the same (here a slow function), the bar shows its time.
    import pandas as pd

    path = tmp_path / "small.parquet"
    pd.DataFrame({"x": [1.0, 2.0]}).to_parquet(path)
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    s = cpd.Session()
    try:
        with cpd.option_context("display.progress_bar", "terminal"):
            got = s.read_parquet(path)["x"].map(_slow_double).to_pandas()
        assert got.tolist() == [2.0, 4.0]
        err = capsys.readouterr().err
        lines = err.split("\r")
        assert any(line.startswith("[" + "." * progress._WIDTH + "] Query running: ") for line in lines), err
        assert "%" not in err and "rows read" not in err
        assert err.endswith("\n") and "Query done: in " in err.splitlines()[-1]
    finally:
        s.close()


def test_short_queries_show_nothing(session, capsys):
    assert progress.SHOW_AFTER == 1.0
    session.read_sql("SELECT 1 AS x").to_pandas()
    assert capsys.readouterr().err == ""


def test_notebook_bar_updates_one_html_line(session, capsys, monkeypatch):
    shown = []

    class Handle:
        def update(self, obj):
            shown.append(obj.data)

    class HTML:
        def __init__(self, data):
            self.data = data

    display_mod = types.ModuleType("IPython.display")
    display_mod.HTML = HTML
    display_mod.display = lambda obj, display_id=False: Handle() if display_id else None
    ipython = types.ModuleType("IPython")
    ipython.display = display_mod
    ZMQInteractiveShell = type("ZMQInteractiveShell", (), {})
    ipython.get_ipython = lambda: ZMQInteractiveShell()
    monkeypatch.setitem(sys.modules, "IPython", ipython)
    monkeypatch.setitem(sys.modules, "IPython.display", display_mod)
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    _count(session)  # "auto" in a Jupyter kernel: HTML, nothing on stderr
    assert capsys.readouterr().err == ""
    assert len(shown) >= 2 and all(s.startswith("<progress ") for s in shown)
    assert 'value="100"' in shown[-1] and "Query done:" in shown[-1]


def test_bad_values_are_refused():
    with pytest.raises(exceptions.InvalidArgumentError, match="progress_bar"):
        cpd.options.display.progress_bar = "bar"
    assert cpd.options.display.progress_bar == "auto"


def test_auto_draws_on_stderr_only_when_it_is_a_terminal(session, capsys, monkeypatch):
    monkeypatch.setattr(progress, "SHOW_AFTER", 0.0)
    _count(session)  # "auto", stderr captured (not a terminal): no bar in logs
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(progress, "_isatty", lambda stream: True)
    _count(session)
    assert "Query done:" in capsys.readouterr().err
