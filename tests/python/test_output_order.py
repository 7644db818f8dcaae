"""Files written by to_csv and to_parquet keep the frame's row order even when a column label is
also an internal name of the generated SQL ("c0", "c1", ...; the ORDER BY once read such an
output alias instead of the sort key), compared with pandas 3.1."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import cormorant.pandas as cpd


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "c0": pd.array([3, 1, 2, 5, 4], dtype="Int64"),
        "c1": pd.array([50, 10, 40, 20, 30], dtype="Int64"),
        "c2": pd.array([True, None, False, True, False], dtype="boolean"),
        "c3": pd.array(["e", "d", "c", "b", "a"], dtype="string"),
    })


ORDERS = {
    "by_c0": lambda d: d.sort_values("c0"),
    "by_c1_desc": lambda d: d.sort_values("c1", ascending=False),
    "by_c3": lambda d: d.sort_values("c3"),
    "as_read": lambda d: d,
    "filtered_sorted": lambda d: d[d["c0"] > 1].sort_values("c3"),
}


@pytest.mark.parametrize("order", list(ORDERS))
def test_to_csv_keeps_row_order(order):
    pdf = ORDERS[order](frame())
    got = ORDERS[order](cpd.read_pandas(frame())).to_csv()
    assert got == pdf.to_csv()


@pytest.mark.parametrize("order", list(ORDERS))
def test_to_parquet_keeps_row_order(order, tmp_path):
    pdf = ORDERS[order](frame())
    ORDERS[order](cpd.read_pandas(frame())).to_parquet(tmp_path / "x.parquet", index=False)
    back = pd.read_parquet(tmp_path / "x.parquet")
    assert back["c0"].tolist() == pdf["c0"].tolist()
    assert back["c3"].tolist() == pdf["c3"].tolist()


def test_to_csv_of_timestamps_keeps_row_order():
    ts = pd.Series(pd.to_datetime(["2018-03-01 09:00:00.5", "2018-03-01", None], format="ISO8601")).astype(
        "datetime64[us]")
    pdf = pd.DataFrame({"t": ts, "a": ts.dt.tz_localize("US/Eastern"),
                        "b": pd.array([True, None, False], dtype="boolean")})
    assert cpd.read_pandas(pdf).to_csv() == pdf.to_csv()
    assert cpd.read_pandas(pdf.set_index("a")).to_csv() == pdf.set_index("a").to_csv()
