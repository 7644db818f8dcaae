"""pandas' freq of a DatetimeIndex kept on objects computed from a resample result, or from a
frame read with read_pandas whose index came from date_range (issue 13): column selections,
arithmetic, shift, diff, cumsum, fillna, head/tail, loc/iloc slices keep it as pandas does;
sorting in another order, masks with gaps and new indexes drop it."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd


def _frame(tz):
    idx = pd.date_range("2024-01-01", periods=40, freq="7h", tz=tz)
    return pd.DataFrame({"x": pd.array(np.arange(40.0), dtype="Float64"),
                         "y": pd.array(np.arange(40) % 7, dtype="Int64")}, index=idx)


CASES = {
    "sum": lambda r, d: r.sum(),
    "shift": lambda r, d: r.sum().shift(1),
    "column": lambda r, d: r.mean()["x"],
    "attribute": lambda r, d: r.mean().x,
    "columns": lambda r, d: r.mean()[["x"]],
    "plus": lambda r, d: r.sum() + 1,
    "column times": lambda r, d: r.sum()["x"] * 2,
    "diff": lambda r, d: r.sum().diff(),
    "loc slice": lambda r, d: r.sum().loc["2024-01-02":"2024-01-05"],
    "iloc slice": lambda r, d: r.sum().iloc[1:4],
    "reversed": lambda r, d: r.sum().iloc[::-1],
    "head": lambda r, d: r.sum().head(3),
    "tail": lambda r, d: r.sum().tail(3),
    "column loc slice": lambda r, d: r.sum()["x"].loc["2024-01-02":"2024-01-05"],
    "cumsum": lambda r, d: r.sum().cumsum(),
    "fillna": lambda r, d: r.sum().fillna(0),
    "sorted otherwise": lambda r, d: r.sum().sort_values("y", kind="stable"),
    "mask with gaps": lambda r, d: (lambda s: s[s["y"] % 2 == 0])(r.sum()),
    "contiguous mask": lambda r, d: (lambda s: s[s["x"] > 50])(r.sum()),
    "reset index": lambda r, d: r.sum().reset_index().set_index("index"),
    "read": lambda r, d: d,
    "read column": lambda r, d: d["x"],
    "read shift": lambda r, d: d.shift(2),
    "read loc slice": lambda r, d: d.loc["2024-01-02":"2024-01-05"],
    "read head": lambda r, d: d.head(),
    "read assign": lambda r, d: d.assign(z=d["x"] * 2),
    "read series": lambda r, d: d["y"].cumsum(),
}


@pytest.mark.parametrize("tz", [None, "Europe/Paris"])
@pytest.mark.parametrize("case", list(CASES))
def test_freq_as_pandas(case, tz):
    pdf = _frame(tz)
    df = cpd.read_pandas(pdf)
    f = CASES[case]
    expected = f(pdf.resample("D"), pdf)
    got = f(df.resample("D"), df).to_pandas()
    assert got.index.freq == expected.index.freq
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected, check_dtype=False)
    else:
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_series_read_with_a_freq():
    p = pd.Series(np.arange(5.0), index=pd.date_range("2024-03-30", periods=5, freq="D", tz="Europe/Paris"))
    got = cpd.read_pandas(p)
    assert got.to_pandas().index.freq == p.index.freq
    assert got.index.freq == p.index.freq
    assert (got + 1).to_pandas().index.freq == (p + 1).index.freq


def test_setting_a_column_in_place_keeps_it():
    pdf = _frame(None)
    df = cpd.read_pandas(pdf)
    df["z"] = df["x"] + 1
    pdf["z"] = pdf["x"] + 1
    assert df.to_pandas().index.freq == pdf.index.freq
