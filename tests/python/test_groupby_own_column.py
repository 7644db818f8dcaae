"""Grouping a frame by a Series that is one of its own columns (`df.groupby(df["k"])`): pandas
leaves that column out of the aggregated ones, as `df.groupby("k")` does; a Series that is not
the frame's column as it stands (computed, renamed, of other rows) is aggregated like any other."""
import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import nullable


def _frames():
    p = pd.DataFrame({
        "j": pd.array([1, 1, 2, None, 2], dtype="Int64"),
        "x": pd.array([1, 2, 3, 4, None], dtype="Int64"),
        "y": [0.5, np.nan, 2.0, 1.0, 3.0],
    }, index=pd.Index([10, 11, 12, 13, 14], name="r"))
    return p, cpd.read_pandas(p)


def _same(got, want):
    got, want = got.to_pandas(), nullable(want) if isinstance(want, pd.DataFrame) else want  # cormorant's dtypes are pandas' nullable ones
    pd.testing.assert_frame_equal(got, want) if isinstance(want, pd.DataFrame) else pd.testing.assert_series_equal(got, want)


CASES = {
    "sum": lambda d: d.groupby(d["j"]).sum(),
    "mean": lambda d: d.groupby(d["j"]).mean(),
    "count": lambda d: d.groupby(d["j"]).count(),
    "size": lambda d: d.groupby(d["j"]).size(),
    "max_attribute": lambda d: d.groupby(d.j).max(),
    "agg_list": lambda d: d.groupby(d["j"]).agg(["sum", "min"]),
    "as_index_false": lambda d: d.groupby(d["j"], as_index=False).sum(),
    "dropna_false": lambda d: d.groupby(d["j"], dropna=False).sum(),
    "with_label": lambda d: d.groupby([d["j"], "x"]).sum(),
    "two_own_series": lambda d: d.groupby([d["j"], d["x"]]).sum(),
    "filtered_own": lambda d: d[d["y"] > 0.7].pipe(lambda f: f.groupby(f["j"]).sum()),
    "computed_key": lambda d: d.groupby(d["j"] + 0).sum(),
    "renamed_key": lambda d: d.groupby(d["j"].rename("z")).sum(),
    "other_rows_key": lambda d: d[d["y"] > 0.7].groupby(d["j"]).sum(),
    "selected_column": lambda d: d.groupby(d["j"])["x"].sum(),
}


@pytest.mark.parametrize("name", list(CASES))
def test_groupby_own_column_as_pandas(name):
    p, c = _frames()
    _same(CASES[name](c), CASES[name](p))


def test_groupby_own_column_no_rows():
    p, c = _frames()
    p, c = p[p["y"] > 100], c[c["y"] > 100]
    _same(c.groupby(c["j"]).sum(), p.groupby(p["j"]).sum())


def test_groupby_own_column_re_executed():
    p, c = _frames()
    g = c.groupby(c["j"]).sum()
    _same(g, p.groupby(p["j"]).sum())
    _same(g, p.groupby(p["j"]).sum())
