"""Session lifecycle: ids, cache(), close()."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, engine_prelude


def test_cache_keeps_labels_index_and_order(pd_penguins, cpd_penguins):
    query = cpd_penguins[cpd_penguins.body_mass_g > 4000].sort_values("bill_length_mm").set_index("species")
    cached = query.cache()
    expected = pd_penguins[pd_penguins.body_mass_g > 4000].sort_values("bill_length_mm", kind="stable").set_index("species")
    assert_same(cached, expected)
    assert "cormorant_" in cached.sql and "ORDER BY" not in cached.sql  # reads the table, in its order
    assert_same(cached.iloc[3:8], expected.iloc[3:8])


def test_cache_of_default_index_frame(pd_penguins, cpd_penguins):
    cached = cpd_penguins[cpd_penguins.year == 2008].cache()
    assert_same(cached, pd_penguins[pd_penguins.year == 2008])
    assert_same(cached.reset_index(drop=True).head(), pd_penguins[pd_penguins.year == 2008].reset_index(drop=True).head())


def test_close_removes_tables_and_refuses_work(penguins_path):
    session = cpd.Session(":memory:")
    df = session.read_csv(penguins_path)
    table = df.sql.split('FROM "')[1].split('"')[0]
    assert len(session.execute_sql(f'SELECT count(*) AS n FROM "{table}"')) == 1
    session.close()
    with pytest.raises(exceptions.InvalidArgumentError, match="closed"):
        df.to_pandas()
    with pytest.raises(exceptions.InvalidArgumentError, match="closed"):
        session.read_csv(penguins_path)
    session.close()  # closing twice is fine


def test_with_block_closes_the_session(penguins_path):
    with cpd.Session(":memory:") as session:
        df = session.read_csv(penguins_path)
        assert len(df.to_pandas()) == len(pd.read_csv(penguins_path))
    with pytest.raises(exceptions.InvalidArgumentError, match="closed"):
        df.to_pandas()
    with pytest.raises(ZeroDivisionError):  # an error in the block is not swallowed
        with cpd.Session(":memory:") as other:
            1 / 0
    with pytest.raises(exceptions.InvalidArgumentError, match="closed"):
        other.read_csv(penguins_path)


def test_close_session_gives_a_fresh_id(penguins_path):
    first = cpd.get_global_session().session_id
    cpd.close_session()
    second = cpd.get_global_session().session_id
    assert first != second and len(second) == 12
    assert len(cpd.read_csv(penguins_path)) == 344


def test_session_artifacts_and_crash_cleanup(tmp_path):
    import os
    import subprocess
    import sys

    wh = tmp_path / "wh"
    s = cpd.Session(wh)
    own = wh / "sessions" / s.session_id
    assert own.is_dir()  # the session's artifact folder (the engine spills there)
    # A session that dies without closing leaves its folder behind...
    script = (
        "import os, cormorant.pandas as cpd\n"
        f"s = cpd.Session({str(wh)!r})\n"
        "print(s.session_id, flush=True)\n"
        "os._exit(9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", engine_prelude() + script], capture_output=True, text=True)
    crashed = proc.stdout.strip()
    assert proc.returncode == 9 and (wh / "sessions" / crashed).is_dir()
    # ...which clean_up_by_session_id removes, leaving other sessions alone.
    assert s.clean_up_by_session_id(crashed) == 1
    assert not (wh / "sessions" / crashed).exists() and own.is_dir()
    assert s.clean_up_by_session_id(crashed) == 0
    with pytest.raises(exceptions.InvalidArgumentError, match="session id"):
        s.clean_up_by_session_id("../x")
    s.close()
    assert not own.exists()


def test_global_clean_up_by_session_id(monkeypatch, tmp_path):
    monkeypatch.setenv("CORMORANT_WAREHOUSE", str(tmp_path / "wh"))
    cpd.close_session()
    try:
        first = cpd.get_global_session().session_id
        leftover = tmp_path / "wh" / "sessions" / "0123456789ab"
        leftover.mkdir(parents=True)
        assert cpd.clean_up_by_session_id("0123456789ab") == 1 and not leftover.exists()
        cpd.close_session()
        assert not (tmp_path / "wh" / "sessions" / first).exists()
        assert cpd.get_global_session().session_id != first
    finally:
        cpd.close_session()
