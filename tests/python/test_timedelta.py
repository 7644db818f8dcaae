"""The timedelta64[us] dtype against pandas 3.1: read_pandas / to_pandas, warehouse tables,
literals (pd.Timedelta, datetime.timedelta, np.timedelta64), arithmetic with datetimes (naive
and zoned), numbers and timedeltas, comparisons, reductions, groupby, sort, isna/fillna, diff
of datetimes, the .dt accessor of timedeltas, to_timedelta and astype, with NaT, empty frames
and re-execution; bad operands raise typed errors."""

from __future__ import annotations

import datetime as dt
import operator

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

US = "timedelta64[us]"


@pytest.fixture(scope="module", name="pdf")
def frame() -> pd.DataFrame:
    """Every dtype timedeltas meet, with NaT in each column."""
    ts = pd.Series(pd.to_datetime(["2024-03-10 01:30", "2024-03-09 23:00:00.000001", None, "2024-03-11 07:15",
                                   "2023-12-31 00:00", "2024-03-10 04:00"], format="ISO8601")).astype("datetime64[us]")
    td = pd.Series(pd.to_timedelta(["1 days 02:00:00", "-3us", None, "36h", "-1 days +00:00:01.5", "0s"])).astype(US)
    return pd.DataFrame({
        "g": ["a", "b", "a", "b", "a", "a"],
        "n": pd.array([2, -3, 4, None, 0, 7], dtype="Int64"),
        "f": pd.array([1.5, -0.25, None, 3.0, 2.0, 0.5], dtype="Float64"),
        "ts": ts,
        "ts2": ts.shift(1),
        "aware": ts.dt.tz_localize("US/Eastern", nonexistent="shift_forward"),
        "kolkata": ts.dt.tz_localize("Asia/Kolkata"),
        "td": td,
        "td2": td.iloc[::-1].reset_index(drop=True),
    })


@pytest.fixture(scope="module")
def cdf(pdf):
    return cpd.read_pandas(pdf)


def us(obj):
    """pandas' result in microseconds: pandas keeps the finer unit of its operands (a
    pd.Timedelta made from 0 or from keywords is in ns); cormorant's timedeltas and timestamps
    are always microseconds."""
    if isinstance(obj, pd.DataFrame):
        return obj.apply(us)
    if obj.dtype.kind in "mM":
        return obj.dt.as_unit("us")
    return obj


def as_int64(s: pd.Series) -> pd.Series:
    """pandas gives float64 with NaN for the parts of timedeltas with NaT; cormorant Int64."""
    return s.astype("Int64")


# -- in and out ------------------------------------------------------------------------

def test_round_trip(cdf, pdf):
    assert str(cdf["td"].dtype) == US
    assert_same(cdf, pdf)
    assert cdf.dtypes["td"] == np.dtype(US)


def test_nanosecond_input_is_read_as_microseconds_or_refused():
    exact = pd.DataFrame({"x": pd.to_timedelta(["1s", None, "2us"]).astype("timedelta64[ns]")})  # whole microseconds
    assert exact["x"].dtype == np.dtype("timedelta64[ns]")
    assert_same(cpd.read_pandas(exact), exact.astype({"x": US}))
    finer = pd.DataFrame({"x": pd.to_timedelta([1500], unit="ns")})
    with pytest.raises(exceptions.DTypeError, match="'x'"):
        cpd.read_pandas(finer)


def test_empty_frame():
    empty = pd.DataFrame({"td": pd.Series([], dtype=US), "ts": pd.Series([], dtype="datetime64[us]")})
    c = cpd.read_pandas(empty)
    assert_same(c, empty)
    assert_same(c["ts"] - c["ts"], empty["ts"] - empty["ts"])
    assert c["td"].sum() == empty["td"].sum()
    assert c["td"].max() is pd.NaT


def test_warehouse_table_and_parquet(pdf, tmp_path):
    session = cpd.Session(warehouse=str(tmp_path / "wh"))
    try:
        c = session.read_pandas(pdf)
        c.to_table("ds.t")
        back = session.read_table("ds.t")
        assert_same(back.sort_index(), pdf)
        assert_same(back[back["td"] > pd.Timedelta(hours=1)].sort_index(), pdf[pdf["td"] > pd.Timedelta(hours=1)])
    finally:
        session.close()


# -- literals and arithmetic ---------------------------------------------------------

DELTAS = [pd.Timedelta(days=1, microseconds=5), dt.timedelta(hours=-36), np.timedelta64(90, "s"), pd.Timedelta(0)]


@pytest.mark.parametrize("delta", DELTAS, ids=str)
@pytest.mark.parametrize("column", ["ts", "aware", "td"])
def test_add_and_subtract_literals(cdf, pdf, column, delta):
    assert_same(cdf[column] + delta, us(pdf[column] + delta))
    assert_same(cdf[column] - delta, us(pdf[column] - delta))
    assert_same(delta + cdf[column], us(delta + pdf[column]))


def test_datetime_differences(cdf, pdf):
    assert_same(cdf["ts"] - cdf["ts2"], pdf["ts"] - pdf["ts2"])
    assert_same(cdf["aware"] - cdf["kolkata"], pdf["aware"] - pdf["kolkata"])
    assert_same(cdf["ts"] - pd.Timestamp("2024-01-01"), pdf["ts"] - pd.Timestamp("2024-01-01"))
    with pytest.raises(exceptions.DTypeError, match="naive"):
        cdf["ts"] - cdf["aware"]


def test_timedelta_columns_with_each_other(cdf, pdf):
    for op in (operator.add, operator.sub, operator.truediv, operator.mod):
        assert_same(op(cdf["td"], cdf["td2"]), op(pdf["td"], pdf["td2"]))
    # td // td: pandas' float64 holds NaT's NaN; an Int64 <NA> here (README, differences)
    assert_same(cdf["td"] // cdf["td2"], as_int64(pdf["td"] // pdf["td2"]))
    assert_same(cdf["ts"] + cdf["td"], pdf["ts"] + pdf["td"])
    assert_same(cdf["aware"] - cdf["td"], pdf["aware"] - pdf["td"])


@pytest.mark.parametrize("number", [2, -3, 0, 1.5, -0.25, 0.0], ids=str)
def test_timedelta_with_numbers(cdf, pdf, number):
    assert_same(cdf["td"] * number, pdf["td"] * number)
    assert_same(number * cdf["td"], number * pdf["td"])
    assert_same(cdf["td"] / number, pdf["td"] / number)
    assert_same(cdf["td"] // number, pdf["td"] // number)


def test_timedelta_with_number_columns(cdf, pdf):
    assert_same(cdf["td"] * cdf["n"], pdf["td"] * pdf["n"])
    assert_same(cdf["f"] * cdf["td"], pdf["f"] * pdf["td"])
    assert_same(cdf["td"] / cdf["n"], pdf["td"] / pdf["n"])
    assert_same(cdf["td"] // cdf["f"], pdf["td"] // pdf["f"])


def test_floor_division_of_timedeltas_is_integral(cdf, pdf):
    # without NaT pandas gives int64; cormorant gave Float64 (found by the timedelta fuzz family)
    c, p = cdf[cdf["td"].notna() & cdf["td2"].notna()], pdf[pdf["td"].notna() & pdf["td2"].notna()]
    assert (p["td"] // p["td2"]).dtype == "int64"
    assert_same(c["td"] // c["td2"], p["td"] // p["td2"])
    for delta in (pd.Timedelta(hours=5), pd.Timedelta(microseconds=-7), pd.Timedelta(0)):
        assert_same(c["td"] // delta, p["td"] // delta)
    assert_same((c["td"] // c["td2"]).iloc[:0], (p["td"] // p["td2"]).iloc[:0])


def test_timedelta_by_timedelta_literals(cdf, pdf):
    for delta in (pd.Timedelta(hours=5), pd.Timedelta(microseconds=-7), pd.Timedelta(0)):
        assert_same(cdf["td"] / delta, pdf["td"] / delta)
        assert_same(cdf["td"] // delta, as_int64(pdf["td"] // delta))
        assert_same(cdf["td"] % delta, us(pdf["td"] % delta))


NATS = {"pd.NaT": pd.NaT, "np-td": np.timedelta64("NaT", "us"), "np-dt": np.datetime64("NaT", "us"),
        "np-td-ns": np.timedelta64("NaT", "ns"), "nan": np.nan}


@pytest.mark.parametrize("missing", list(NATS))
@pytest.mark.parametrize("column", ["ts", "aware", "kolkata", "td"])
def test_arithmetic_with_nat_and_nan(cdf, pdf, column, missing):
    """A missing operand pandas computes with (closing10, left alone: it was refused): NaT is a
    datetime or a timedelta by the operation, NumPy's NaT by its kind, NaN a number; every row
    missing in pandas' dtype. What pandas refuses is a DTypeError."""
    value = NATS[missing]
    for name in ("add", "sub", "mul", "truediv", "floordiv", "mod", "radd", "rsub", "rmul", "rtruediv"):
        try:
            want = getattr(pdf[column], f"__{name}__")(value)
            assert want is not NotImplemented
        except (TypeError, AssertionError):
            with pytest.raises(exceptions.DTypeError):
                getattr(cdf[column], f"__{name}__")(value).to_pandas()
            continue
        if missing == "nan" and name == "mod":  # timedelta % a number is not supported yet (pandas: a timedelta)
            with pytest.raises(exceptions.DTypeError):
                getattr(cdf[column], f"__{name}__")(value)
            continue
        got = getattr(cdf[column], f"__{name}__")(value)
        want = as_int64(want) if name.endswith("floordiv") and want.dtype.kind == "f" else us(want)
        assert_same(got, want)


def test_flex_fill_value_with_nat(cdf, pdf):
    # pandas fills where one side is missing: a NaT other is filled, rows missing on both stay NaT
    fill = pd.Timedelta(hours=1)
    assert_same(cdf["td"].add(pd.NaT, fill_value=fill), pdf["td"].add(pd.NaT, fill_value=fill))
    assert_same(cdf["ts"].sub(pd.NaT, fill_value=pd.Timestamp("2024-01-01")),
                pdf["ts"].sub(pd.NaT, fill_value=pd.Timestamp("2024-01-01")))


def test_unary(cdf, pdf):
    assert_same(-cdf["td"], -pdf["td"])
    assert_same(abs(cdf["td"]), abs(pdf["td"]))
    assert_same(cdf["td"].abs(), pdf["td"].abs())


def test_bad_operands_are_typed_errors(cdf):
    for bad in (lambda: cdf["td"] + cdf["g"], lambda: cdf["td"] + "1 day", lambda: cdf["td"] * cdf["td"],
                lambda: cdf["td"] + 1, lambda: cdf["ts"] + cdf["ts"], lambda: cdf["td"] - cdf["ts"],
                lambda: cdf["td"] ** 2, lambda: cdf["td"] < 3, lambda: cdf["td"] == "1 day"):
        with pytest.raises(exceptions.DTypeError):
            bad()


def test_errors_name_the_columns(cdf):
    with pytest.raises(exceptions.DTypeError, match="Series 'td' and 'g'"):
        cdf["td"] + cdf["g"]
    with pytest.raises(exceptions.DTypeError, match="Series 'td'"):
        cdf["td"] + "1 day"


def test_sub_microsecond_literal_is_refused(cdf):
    with pytest.raises(exceptions.InvalidArgumentError, match="microseconds"):
        cdf["td"] + pd.Timedelta(nanoseconds=1500)


# -- comparisons -----------------------------------------------------------------------

@pytest.mark.parametrize("op", [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge],
                         ids=lambda o: o.__name__)
def test_comparisons(cdf, pdf, op):
    assert_same(op(cdf["td"], cdf["td2"]), op(pdf["td"], pdf["td2"]))
    assert_same(op(cdf["td"], pd.Timedelta(hours=1)), op(pdf["td"], pd.Timedelta(hours=1)))
    assert_same(op(cdf["td"], pd.NaT), op(pdf["td"], pd.NaT))
    assert_same(cdf[op(cdf["td"], dt.timedelta(0))], pdf[op(pdf["td"], dt.timedelta(0))])


def test_comparison_with_other_kinds(cdf, pdf):
    assert_same(cdf["td"] == 3, pdf["td"] == 3)
    assert_same(cdf["td"] != pd.Timestamp("2024-01-01"), pdf["td"] != pd.Timestamp("2024-01-01"))


# -- reductions, groupby, order, missing values ------------------------------------------

@pytest.mark.parametrize("func", ["sum", "mean", "min", "max", "median", "std", "count"])
def test_reductions(cdf, pdf, func):
    for column in ("td", "td2"):
        assert getattr(cdf[column], func)() == getattr(pdf[column], func)()
    small = pd.Series(pd.to_timedelta([1, 2, -4, None, 3], unit="us")).astype(US)  # truncation toward zero
    # (one value: std is NaT, as pandas; it failed casting NaN to microseconds before)
    for rows in (slice(0, 2), slice(1, 3), slice(0, 5), slice(3, 4), slice(2, 3), slice(3, 5)):
        got, want = getattr(cpd.read_pandas(small.iloc[rows].to_frame("x"))["x"], func)(), getattr(small.iloc[rows], func)()
        assert (got is pd.NaT and want is pd.NaT) or got == want, (rows, got, want)


def test_frame_reductions(cdf, pdf):
    cols = ["td", "td2"]
    for func in ("sum", "min", "max", "mean", "median"):
        pd.testing.assert_series_equal(getattr(cdf[cols], func)(), getattr(pdf[cols], func)())


def test_groupby(cdf, pdf):
    for func in ("sum", "min", "max", "mean", "median", "first", "last"):
        assert_same(getattr(cdf.groupby("g")[["td"]], func)(), getattr(pdf.groupby("g")[["td"]], func)())
    # pandas counts a timedelta column as int64 (not Int64), and so does cormorant
    pd.testing.assert_frame_equal(cdf.groupby("g")[["td"]].count().to_pandas(), pdf.groupby("g")[["td"]].count(),
                                  check_index_type=False)
    assert_same(cdf.groupby("g").agg(total=("td", "sum"), most=("td", "max")),
                pdf.groupby("g").agg(total=("td", "sum"), most=("td", "max")))
    assert_same(cdf.groupby("td")[["n"]].sum(), pdf.groupby("td")[["n"]].sum())
    # std of a group of one value is NaT in every form (agg lists failed casting NaN before)
    one = pd.DataFrame({"g": pd.array([1, 2, 2, 3, 3], dtype="Int64"),
                        "td": pd.to_timedelta(["1D", "2D", "4h", "5s", None]).astype(US)})
    for func in (["std", "mean"], "std"):
        assert_same(cpd.read_pandas(one).groupby("g")["td"].agg(func), one.groupby("g")["td"].agg(func))


def test_sort_and_missing(cdf, pdf):
    assert_same(cdf.sort_values("td"), pdf.sort_values("td"))
    assert_same(cdf.sort_values(["td2", "n"], ascending=False), pdf.sort_values(["td2", "n"], ascending=False))
    assert_same(cdf["td"].isna(), pdf["td"].isna())
    assert_same(cdf["td"].fillna(pd.Timedelta(seconds=1)), pdf["td"].fillna(pd.Timedelta(seconds=1)))
    assert_same(cdf.dropna(subset=["td"]), pdf.dropna(subset=["td"]))
    assert_same(cdf["td"].nlargest(3), pdf["td"].nlargest(3))
    assert_same(cdf["td"].cummax(), pdf["td"].cummax())
    assert_same(cdf["td"].cumsum(), pdf["td"].cumsum())
    assert_same(cdf.groupby("g")["td"].cumsum(), pdf.groupby("g")["td"].cumsum())


def test_diff_of_datetimes(cdf, pdf):
    for column in ("ts", "aware", "td"):
        assert_same(cdf[column].diff(), pdf[column].diff())
        assert_same(cdf[column].diff(-2), pdf[column].diff(-2))
    assert_same(cdf.groupby("g")["ts"].diff(), pdf.groupby("g")["ts"].diff())


# -- .dt, to_timedelta, astype -----------------------------------------------------------

@pytest.mark.parametrize("part", ["days", "seconds", "microseconds", "nanoseconds"])
def test_dt_parts(cdf, pdf, part):
    assert_same(getattr(cdf["td"].dt, part), as_int64(getattr(pdf["td"].dt, part)))


def test_dt_total_seconds_and_components(cdf, pdf):
    assert_same(cdf["td"].dt.total_seconds(), pdf["td"].dt.total_seconds())
    assert_same(cdf["td"].dt.components, pdf["td"].dt.components.astype("Int64"))
    assert cdf["td"].dt.unit == pdf["td"].dt.unit


@pytest.mark.parametrize("unit", ["D", "h", "m", "s", "ms", "us"])
def test_to_timedelta_of_numbers(cdf, pdf, unit):
    assert_same(cpd.to_timedelta(cdf["n"], unit=unit), pd.to_timedelta(pdf["n"], unit=unit))
    want = pd.to_timedelta(pdf["f"].astype("float64"), unit=unit).dt.as_unit("us").astype(US)
    assert_same(cpd.to_timedelta(cdf["f"], unit=unit), want.rename("f"))


def test_to_timedelta_refusals(cdf):
    with pytest.raises(exceptions.UnsupportedError):
        cpd.to_timedelta(cdf["n"])
    with pytest.raises(exceptions.InvalidArgumentError, match="unit must not be specified"):
        cpd.to_timedelta(cdf["g"], unit="s")  # text (test_to_timedelta_text): as pandas, no unit
    assert cpd.to_timedelta("1 day") == pd.Timedelta("1 day")


def test_astype(cdf, pdf):
    assert_same(cdf["td"].astype("Int64"), pdf["td"].astype("int64").where(pdf["td"].notna()).astype("Int64"))
    assert_same(cdf["n"].astype(US), pdf["n"].astype(US))
    assert_same(cdf["td"].astype("string"), pdf["td"].astype("string"))  # pandas' text (test_timedelta_text)


def test_re_execution(cdf, pdf):
    derived = (cdf["ts"] - cdf["ts2"]) // 2 + pd.Timedelta(minutes=1)
    expected = (pdf["ts"] - pdf["ts2"]) // 2 + pd.Timedelta(minutes=1)
    for _ in range(2):
        assert_same(derived, expected)
    assert derived.max() == expected.max()


def test_read_parquet_written_by_pandas(pdf, tmp_path):
    path = tmp_path / "t.parquet"
    pdf.to_parquet(path)
    got = cpd.read_parquet(str(path))
    assert str(got["td"].dtype) == US
    assert_same(got, pd.read_parquet(path))
    assert_same(got["td"] - got["td2"], pdf["td"] - pdf["td2"])


def test_frame_operators(cdf, pdf):
    cols = ["ts", "aware", "td"]
    delta = pd.Timedelta(hours=-3, microseconds=1)
    assert_same(cdf[cols] + delta, us(pdf[cols] + delta))
    assert_same(cdf[cols].sub(delta), us(pdf[cols].sub(delta)))
    assert_same(cdf[["td", "td2"]] * 3, pdf[["td", "td2"]] * 3)
    assert_same(cdf[["td", "td2"]] > delta, pdf[["td", "td2"]] > delta)
    with pytest.raises(exceptions.DTypeError, match="'g'"):
        cdf[["td", "g"]] + delta


def test_isin_and_between(cdf, pdf):
    values = [pd.Timedelta(days=1, hours=2), dt.timedelta(hours=36), pd.NaT]
    assert_same(cdf["td"].isin(values), pdf["td"].isin(values))
    assert_same(cdf["td"].isin(values[:2]), pdf["td"].isin(values[:2]))
    # NaT matches only NaT, in a timedelta or a datetime column (a sibling: datetimes matched pd.NA, not NaT)
    for column in ("td", "ts", "aware"):
        for nat in ([pd.NaT], [pd.NA], [None], [np.timedelta64("NaT", "us")], [np.datetime64("NaT", "us")]):
            assert_same(cdf[column].isin(nat), pdf[column].isin(nat))
    low, high = pd.Timedelta(0), pd.Timedelta(days=2)
    assert_same(cdf["td"].between(low, high), pdf["td"].between(low, high))


def test_udfs_refuse_timedeltas(cdf):
    @cpd.udf()
    def first(row: cpd.Series) -> str:
        return str(row["td"])

    with pytest.raises(exceptions.DTypeError, match="timedelta64"):
        cdf[["td", "g"]].apply(first, axis=1).to_pandas()


def test_files_refuse_timedeltas(tmp_path):
    """CSV and Parquet written by cormorant would carry a timedelta as plain microseconds (pandas
    writes text, or a duration type): refused, naming the column, and nothing is written."""
    p = pd.DataFrame({"t": pd.to_timedelta([1.5, None, 3600], unit="s").astype("timedelta64[us]"),
                      "x": pd.array([1, 2, 3], dtype="Int64")})
    c = cpd.read_pandas(p)
    for write in (lambda f: c.to_csv(f), lambda f: c.to_parquet(f), lambda f: c.set_index("t").to_csv(f)):
        target = tmp_path / "out"
        with pytest.raises(exceptions.UnsupportedError, match="timedelta (column 't'|index)"):
            write(target)
        assert not target.exists()
    with pytest.raises(exceptions.UnsupportedError, match="column 't'"):
        c.to_csv()
    assert c.to_pandas().to_csv() == p.to_csv()  # the way round it offers
    c[["x"]].to_parquet(tmp_path / "ok.parquet")  # other columns still write
