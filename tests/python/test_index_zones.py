"""DataFrame and Series tz_convert / tz_localize of the index (issue 13: pandas names bigframes
lacks that users call; they raised UnsupportedError) against pandas 3.1: naive and zoned
DatetimeIndexes (NaT, repeated labels, DST changes), a level of a MultiIndex, no rows; pandas'
errors as typed ones."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(zone=None):
    times = pd.to_datetime(["2021-03-28 00:30", None, "2021-10-31 03:30", "2021-10-31 03:30", "2022-01-01 12:00"])
    if zone is not None:
        times = times.tz_localize(zone)
    return pd.DataFrame({"v": pd.array([1, 2, None, 4, 5], dtype="Int64"),
                         "k": pd.array(["a", "b", "a", "c", "b"], dtype="string")},
                        index=pd.DatetimeIndex(times, name="t"))


@pytest.mark.parametrize("rows", [5, 0])
def test_tz_convert_and_localize(rows):
    naive, zoned = _frame().head(rows), _frame("Europe/London").head(rows)
    cnaive, czoned = cpd.read_pandas(naive), cpd.read_pandas(zoned)
    for tz in ("UTC", "Asia/Kolkata", "America/Sao_Paulo", None):
        assert_same(czoned.tz_convert(tz), zoned.tz_convert(tz))
        assert_same(czoned["v"].tz_convert(tz), zoned["v"].tz_convert(tz))
    for tz in ("UTC", "Asia/Kolkata", "Europe/Paris"):
        assert_same(cnaive.tz_localize(tz), naive.tz_localize(tz))
        assert_same(cnaive["v"].tz_localize(tz), naive["v"].tz_localize(tz))
    assert_same(czoned.tz_localize(None), zoned.tz_localize(None))
    two, ptwo = cnaive.set_index("k", append=True), naive.set_index("k", append=True)
    assert_same(two.tz_localize("UTC", level="t"), ptwo.tz_localize("UTC", level="t"))
    assert_same(two.tz_localize("UTC", level=0)["v"], ptwo.tz_localize("UTC", level=0)["v"])


def test_tz_errors():
    naive, zoned = _frame(), _frame("Europe/London")
    cnaive, czoned = cpd.read_pandas(naive), cpd.read_pandas(zoned)
    with pytest.raises(TypeError):
        naive.tz_convert("UTC")
    with pytest.raises(exceptions.DTypeError):
        cnaive.tz_convert("UTC").to_pandas()
    with pytest.raises(TypeError):
        zoned.tz_localize("UTC")
    with pytest.raises(exceptions.DTypeError):
        czoned.tz_localize("UTC").to_pandas()
    with pytest.raises(KeyError):  # pandas: "Level None not found"
        naive.set_index("k", append=True).tz_localize("UTC")
    with pytest.raises(exceptions.DTypeError, match="DatetimeIndex"):
        cnaive.set_index("k", append=True).tz_localize("UTC")
    with pytest.raises(exceptions.DTypeError, match="DatetimeIndex"):
        cnaive.reset_index().tz_localize("UTC")
