"""Spark dialect forms of DuckDB's list_slice/list_concat/list_count (str.split with n= or on
whitespace, rsplit, str.join, .list slices with a step), list_contains (isin of a few values),
to_days/to_months (resample's day, week, month, quarter and year bins), printf (the text of
timestamps and timedeltas, to_csv), list_median/list_aggregate (a row's median, quantile, skew,
kurt) and struct_extract (struct.field), and explode, against pandas 3.1 on both engines:
missing values, empty inputs, Unicode, zones other than UTC and repeated labels.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from conftest import assert_same

ENGINES = ["duckdb", "spark"]

WORDS = ["a,b,,c", None, "", "  lead  and trail ", "one", "\u00a0nbsp\u3000wide\tsep", "a,b", "x y z w",
         "ÉCOLE,école,é", " ", "𐐀,𐐨 𐐀", "tab\tsep\tvalues", ",", "a b"]

SPLITS = {
    "split_n1": lambda s: s.str.split(",", n=1),
    "split_n2_get_last": lambda s: s.str.split(",", n=2).str[-1],
    "split_whitespace": lambda s: s.str.split(),
    "split_whitespace_n1": lambda s: s.str.split(n=1),
    "split_whitespace_len": lambda s: s.str.split().str.len(),
    "split_whitespace_get_minus2": lambda s: s.str.split().str.get(-2),
    "split_regex_n1": lambda s: s.str.split(r"[,\s]", n=1, regex=True),
    "rsplit_n1": lambda s: s.str.rsplit(",", n=1),
    "rsplit_whitespace_n1": lambda s: s.str.rsplit(n=1),
    "rsplit_whitespace_n2_first": lambda s: s.str.rsplit(n=2).str[0],
    "split_join": lambda s: s.str.split(",").str.join("+"),
}


def _series(session, values, name="s", index=None):
    p = pd.Series(values, dtype="string", name=name, index=index)
    return session.read_pandas(p.to_frame())[name], p


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", SPLITS)
def test_split_like_pandas(sessions, engine, case):
    index = [i % 4 for i in range(len(WORDS))]  # repeated labels
    c, p = _series(sessions[engine], WORDS, index=index)
    got, want = SPLITS[case](c).to_pandas(), SPLITS[case](p)
    assert got.index.tolist() == want.index.tolist()
    norm = lambda v: v if isinstance(v, list) else (None if pd.isna(v) else v)  # noqa: E731
    assert [norm(g) for g in got.tolist()] == [norm(w) for w in want.tolist()], case


@pytest.mark.parametrize("engine", ENGINES)
def test_split_of_no_rows(sessions, engine):
    c, p = _series(sessions[engine], [])
    for case in ("split_n1", "split_whitespace_n1", "rsplit_whitespace_n1", "split_n2_get_last"):
        got = SPLITS[case](c).to_pandas()
        assert len(got) == 0 and len(SPLITS[case](p)) == 0, case


ISIN = {
    "strings": (["MAIL", "SHIP", None, "AIR", "", "mail", "SHIP"], ["MAIL", "SHIP"], "string"),
    "strings_with_na": (["MAIL", None, "AIR", "é"], ["é", None, "AIR"], "string"),
    "ints": ([1, 2, None, 3, -4, 2], [2, -4, 7], "Int64"),
    "floats": ([0.5, np.nan, -0.0, 2.0, None], [0.0, 2.0], "Float64"),
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("case", ISIN)
def test_isin_of_a_few_values(sessions, engine, case):
    values, wanted, dtype = ISIN[case]
    p = pd.DataFrame({"x": pd.array(values, dtype=dtype), "k": range(len(values))}, index=[0, 0, 1] + [2] * (len(values) - 3))
    c = sessions[engine].read_pandas(p)
    assert_same(c["x"].isin(wanted), p["x"].isin(wanted))
    assert_same(c[c["x"].isin(wanted)]["k"], p[p["x"].isin(wanted)]["k"])
    assert_same(c[~c["x"].isin(wanted)], p[~p["x"].isin(wanted)])
    empty = p.iloc[:0]
    assert_same(sessions[engine].read_pandas(empty)["x"].isin(wanted), empty["x"].isin(wanted))


def _times(zone):
    ts = pd.to_datetime(["2024-01-31 10:00", "2024-02-29 23:30", None, "2024-03-31 00:15", "2024-12-31 23:59:59.123456",
                         "2025-01-01 00:00", "2023-10-29 01:30", "2024-03-10 12:00"], format="ISO8601")
    if zone:
        ts = ts.tz_localize("UTC").tz_convert(zone)
    return pd.DataFrame({"ts": ts, "v": pd.array([1, 2, 3, None, 5, 6, 7, 8], dtype="Int64")}, index=[0, 1, 1, 2, 3, 3, 4, 5])


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("rule", ["3D", "W-WED", "ME", "2QS", "YE"])
def test_resample_calendar_rules(sessions, engine, zone, rule):
    p = _times(zone)
    c = sessions[engine].read_pandas(p)
    got = c.resample(rule, on="ts").sum().to_pandas()
    want = p.resample(rule, on="ts").sum()
    pd.testing.assert_frame_equal(got, want, check_freq=False)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("zone", [None, "UTC", "Asia/Kathmandu"])
def test_timestamps_as_text(sessions, engine, zone):
    p = _times(zone)
    p["us"] = p["ts"].dt.floor("D")  # dates alone print without a time
    c = sessions[engine].read_pandas(p)
    for column in ("ts", "us"):
        assert_same(c[column].astype(str), p[column].astype(str))
        assert_same(c[column].astype("string"), p[column].astype("string"))


@pytest.mark.parametrize("engine", ENGINES)
def test_timedeltas_and_offsets_as_text(sessions, engine):
    p = pd.DataFrame({"td": pd.to_timedelta(["1 days 02:03:04.5", None, "-3 h", "0 s", "400 days", "-1 us"]),
                      "ts": pd.to_datetime(["2024-01-01 00:00:01"] * 6).tz_localize("America/St_Johns")})
    c = sessions[engine].read_pandas(p)
    assert_same(c["td"].astype(str), p["td"].astype(str))
    assert_same(c["ts"].dt.strftime("%Y %z"), p["ts"].dt.strftime("%Y %z"))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("zone", [None, "Asia/Kolkata"])
def test_to_csv_of_timestamps(sessions, engine, zone, tmp_path):
    p = _times(zone)
    c = sessions[engine].read_pandas(p)
    c.to_csv(tmp_path / "c.csv")
    p.to_csv(tmp_path / "p.csv")
    assert (tmp_path / "c.csv").read_text() == (tmp_path / "p.csv").read_text()


LISTS = [[1, 2, 3, 4, 5, 6, 7], [], None, [None, 4, None, 5], [8], [1, 1, 2, 2, 3, 3], [-1, None]]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("bounds", [(None, None, 2), (1, None, 3), (-5, -1, 2), (0, 9, 4), (3, 1, 2), (None, 4, 100)])
def test_list_slices_with_a_step(sessions, engine, bounds):
    """.list[a:b:k] (DuckDB's list_slice with a step; Spark: filter of the slice by position)
    against Python's slices: missing lists and items, empty lists, repeated labels."""
    a, b, k = bounds
    p = pd.DataFrame({"l": pd.array(LISTS, dtype=pd.ArrowDtype(pa.list_(pa.int64())))}, index=[0, 1, 1, 2, 3, 3, 4])
    got = sessions[engine].read_pandas(p)["l"].list[a:b:k].to_pandas()
    assert got.index.tolist() == p.index.tolist()
    want = [None if v is None else v[a:b:k] for v in LISTS]
    assert [None if v is None or v is pd.NA else list(v) for v in got.tolist()] == want


ROWS = pd.DataFrame({"a": [1.0, np.nan, 3.0, -0.5, 1e15, 2.0, 5.0], "b": [2.0, np.nan, np.nan, 7.25, -1e15, 2.0, 1.0],
                     "c": [4.0, np.nan, 1.0, 7.25, 3.0, 2.0, np.inf], "d": [0.1, 5.0, np.nan, -3.0, 0.0, 2.0, 2.5]},
                    index=[0, 0, 1, 2, 3, 4, 4]).astype("Float64")


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("func", ["median", "quantile_0.1", "quantile_0.75", "skew", "kurt"])
def test_row_median_quantile_skew_kurt(sessions, engine, func):
    """median/quantile/skew/kurt(axis=1) (DuckDB's list_median/list_aggregate; on Spark sorted
    or folded lists with DuckDB's formulas) against pandas: missing values, too few values,
    no spread, infinities, large values, repeated labels."""
    c = sessions[engine].read_pandas(ROWS)
    name, _, q = func.partition("_")
    kwargs = {"q": float(q)} if q else {}
    got = getattr(c, name)(axis=1, **kwargs).to_pandas()
    want = getattr(ROWS.astype("float64"), name)(axis=1, **kwargs)
    if func in ("skew", "kurt"):  # (pandas computes an infinite row's moments as NaN; cormorant as <NA>)
        want = want.where(~np.isinf(ROWS.astype("float64")).any(axis=1))
    assert got.index.tolist() == want.index.tolist()
    np.testing.assert_allclose(got.astype("float64").to_numpy(), want.astype("float64").to_numpy(), rtol=1e-12)
    assert str(got.dtype) == "Float64"
    empty = getattr(c.head(0), name)(axis=1, **kwargs).to_pandas()
    assert len(empty) == 0


POINTS = pa.struct([("a", pa.int64()), ("b c", pa.string()), ("`x`", pa.float64())])


@pytest.mark.parametrize("engine", ENGINES)
def test_struct_fields(sessions, engine):
    """struct.field (DuckDB's struct_extract, Spark's field access) of fields whose names need
    quoting, missing structs and fields, repeated labels, against pandas."""
    values = [{"a": 1, "b c": "x", "`x`": 0.5}, None, {"a": None, "b c": None, "`x`": None}, {"a": -2, "b c": "é", "`x`": -0.0}]
    p = pd.Series(values, dtype=pd.ArrowDtype(POINTS), name="p", index=[1, 1, 0, 2])
    c = sessions[engine].read_pandas(p.to_frame())["p"]
    for key in ["a", "b c", "`x`", 1]:
        assert_same(c.struct.field(key), p.struct.field(key))
    got = c[c.struct.field("a") > -5].struct.field("b c").to_pandas()
    assert got.tolist() == ["x", "é"] and got.index.tolist() == [1, 2]


@pytest.mark.parametrize("engine", ENGINES)
def test_explode_order_and_labels(sessions, engine):
    """explode (items numbered by position: no unnest on either engine) keeps pandas' order of
    rows then items and each row's label; missing and empty lists give one <NA> row."""
    p = pd.DataFrame({"l": pd.array(LISTS, dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
                      "k": list("abcdefg")}, index=[3, 1, 1, 0, 2, 2, 5])
    c = sessions[engine].read_pandas(p)
    assert_same(c.explode("l"), p.explode("l"))
    assert_same(c.explode("l", ignore_index=True), p.explode("l", ignore_index=True))
    assert_same(c["l"].list.flatten(), p["l"].list.flatten())
    assert_same(c.sort_values("k", ascending=False).explode("l"), p.sort_values("k", ascending=False).explode("l"))
