"""Every public name of pandas 3.1's .str, .dt (datetimes and timedeltas) and .cat accessors is
either cormorant's or refused with UnsupportedError naming it and an alternative (never an
AttributeError, which reads as a typo); names pandas lacks stay AttributeError."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

SERIES = {
    "str": (pd.Series(["a b", None, ""], name="s"), lambda s: s.str, pd.Series.str),
    "dt": (pd.Series(pd.to_datetime(["2020-01-01 10:00", None]).tz_localize("Asia/Tokyo"), name="t"),
           lambda s: s.dt, pd.core.indexes.accessors.DatetimeProperties),
    "dt_timedelta": (pd.Series(pd.to_timedelta(["1 day", None]), name="d"), lambda s: s.dt,
                     pd.core.indexes.accessors.TimedeltaProperties),
    "cat": (pd.Series(pd.Categorical(["a", None, "b"]), name="c"), lambda s: s.cat, pd.Series.cat),
}


@pytest.mark.parametrize("kind", list(SERIES))
def test_every_pandas_name_is_ours_or_refused(kind):
    pandas_series, accessor, pandas_class = SERIES[kind]
    ours = accessor(cpd.read_pandas(pandas_series))
    names = [n for n in dir(pandas_class) if not n.startswith("_")]
    refused = []
    for name in names:
        try:
            getattr(ours, name)
        except exceptions.UnsupportedError as e:
            assert name in str(e) and "alternative" in str(e)
            refused.append(name)
    assert len(refused) < len(names)  # most are cormorant's
    with pytest.raises(AttributeError):
        ours.no_such_name  # noqa: B018


def test_every_str_name_is_ours():
    """str.wrap was the last pandas .str name cormorant refused."""
    ours = cpd.read_pandas(pd.Series(["a"], name="s")).str
    for name in (n for n in dir(pd.Series.str) if not n.startswith("_")):
        getattr(ours, name)


@pytest.mark.parametrize("name, hint", [("to_period", "no period dtype")])  # (dt.time, timetz: test_time_dtype)
def test_missing_dt_names_refused(name, hint):
    with pytest.raises(exceptions.UnsupportedError, match=f"Series.dt.{name} .*{hint}"):
        getattr(cpd.read_pandas(pd.Series(pd.to_datetime(["2020-01-01"]), name="t")).dt, name)
