"""Session lifecycle: ids, cache(), close()."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


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


def test_close_session_gives_a_fresh_id(penguins_path):
    first = cpd.get_global_session().session_id
    cpd.close_session()
    second = cpd.get_global_session().session_id
    assert first != second and len(second) == 12
    assert len(cpd.read_csv(penguins_path)) == 344
