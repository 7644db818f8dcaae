"""groupby(...).rolling by a time offset ("2D", on= a column or the index) against pandas 3.1:
each group's windows by time (the core's time bounds partitioned by the keys), the `on` column
kept where it is, closed= both ways, missing values and keys, a non-UTC datetime column, no rows,
re-execution; a Series' groupby (the frame's over its column); and the refusals (on= a key or of a
Series' groupby, times out of order)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(tz=None) -> pd.DataFrame:
    t = pd.to_datetime(["2024-01-01", "2024-01-01 06:00", "2024-01-02", "2024-01-05", "2024-01-03", "2024-01-04",
                        "2024-01-06"], format="ISO8601").astype("datetime64[us]")
    return pd.DataFrame({"k": pd.array(["a", "b", "a", "a", "b", None, "b"], dtype="string"),
                         "t": t.tz_localize(tz) if tz else t,
                         "v": pd.array([1, 2, None, 4, 5, 6, 7], dtype="Int64"),
                         "w": pd.array([1.5, 2, 3, 4, 5, 6, None], dtype="Float64")}, index=[5, 4, 6, 7, 8, 9, 3])


@pytest.mark.parametrize("tz", [None, "America/New_York"])
@pytest.mark.parametrize("closed", [None, "both", "left", "neither"])
@pytest.mark.parametrize("agg", ["sum", "mean", "count", "max"])
def test_on_column(tz, closed, agg):
    p = _frame(tz)
    d = cpd.read_pandas(p)
    got = getattr(d.groupby("k").rolling("2D", on="t", closed=closed), agg)()
    expected = getattr(p.groupby("k").rolling("2D", on="t", closed=closed), agg)()
    for _ in range(2):
        assert_same(got, expected)


def test_on_index_and_selection():
    p = _frame()
    d = cpd.read_pandas(p)
    assert_same(d.set_index("t").groupby("k").rolling("36h").sum(), p.set_index("t").groupby("k").rolling("36h").sum())
    assert_same(d.groupby("k")[["t", "v"]].rolling("2D", on="t").sum(), p.groupby("k")[["t", "v"]].rolling("2D", on="t").sum())
    assert_same(d.head(0).groupby("k").rolling("2D", on="t").sum(), p.head(0).groupby("k").rolling("2D", on="t").sum())


def test_refusals():
    p = _frame()
    d = cpd.read_pandas(p)
    with pytest.raises(exceptions.InvalidArgumentError, match="invalid on"):
        d.groupby("k").rolling("2D", on="k").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="invalid on"):
        d.groupby("k")["v"].rolling("2D", on="t")
    unordered = p.assign(t=p["t"].iloc[::-1].to_numpy())  # (a's times fall, then rise: out of order)
    with pytest.raises(ValueError):
        unordered.groupby("k").rolling("2D", on="t").sum()
    with pytest.raises(exceptions.CormorantError, match="monotonic"):
        cpd.read_pandas(unordered).groupby("k").rolling("2D", on="t").sum().to_pandas()


SERIES_CASES = {
    "sum": lambda d: d.groupby("k")["v"].rolling("2D").sum(),
    "attribute_mean": lambda d: d.groupby("k").w.rolling("36h", min_periods=2).mean(),
    "closed_left_count": lambda d: d.groupby("k")["v"].rolling("2D", closed="left").count(),
    "series_groupby_max": lambda d: d["w"].groupby(d["k"]).rolling("2D").max(),
    "dropna_false": lambda d: d.groupby("k", dropna=False)["w"].rolling("2D").sum(),
    "no_rows": lambda d: d.head(0).groupby("k")["v"].rolling("2D").sum(),
}


@pytest.mark.parametrize("tz", [None, "Asia/Kolkata"])
@pytest.mark.parametrize("case", list(SERIES_CASES))
def test_series_groupby_by_offset(tz, case):
    """A Series' groupby rolling by a time offset over a DatetimeIndex (sorted within each
    group), as pandas; re-executed."""
    p = _frame(tz).sort_values("t").set_index("t")
    d = cpd.read_pandas(p)
    got = SERIES_CASES[case](d)
    for _ in range(2):
        assert_same(got, SERIES_CASES[case](p))


KEYED_WINDOWS = {
    "rolling_offset": lambda g: g.rolling("2D").sum(),
    "rolling_rows": lambda g: g.rolling(2).mean(),
    "expanding": lambda g: g.expanding().max(),
    "ewm": lambda g: g.ewm(alpha=0.5).mean(),
}


@pytest.mark.parametrize("series", [False, True])
@pytest.mark.parametrize("case", list(KEYED_WINDOWS))
def test_windows_of_a_groupby_by_a_series_name_its_level(series, case):
    """Grouped by a Series that is no column of the frame (a key made for grouping), the
    result's group level has the Series' name, as pandas (it had the made key's label)."""
    p = _frame().sort_values("t").set_index("t")[["v", "w"]]
    key = pd.Series(["a", "b", "a", "a", "b", "a", "b"], index=p.index, name="z")
    d, dk = cpd.read_pandas(p), cpd.read_pandas(key)
    got = KEYED_WINDOWS[case](d["w"].groupby(dk) if series else d.groupby(dk))
    assert_same(got, KEYED_WINDOWS[case](p["w"].groupby(key) if series else p.groupby(key)))
