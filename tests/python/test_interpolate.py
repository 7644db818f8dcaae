"""interpolate of Series and DataFrames (cormorant.interpolate) against pandas 3.1: the methods
pandas has without SciPy ("linear", "index"/"values", "time") and SciPy's, axis=1, every limit /
limit_direction / limit_area, missing values first, last and throughout, an unsorted index with repeated values,
dates with a time zone, durations, MultiIndexes, no rows; and pandas' errors, typed."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

# missing values first, last, alone and in runs; the index unsorted, with repeated values
SERIES = pd.Series(pd.array([None, 1, None, None, 4, None, None, 7.5, None, None, None, -2, None, None],
                            dtype="Float64"), index=[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7], name="v")
OPTIONS = list(itertools.product([None, 1, 2], [None, "forward", "backward", "both"], [None, "inside", "outside"]))


@pytest.mark.parametrize("method", ["linear", "index", "values"])
def test_series_every_limit(method):
    c = cpd.read_pandas(SERIES.to_frame())["v"]
    for limit, direction, area in OPTIONS:
        kwargs = dict(method=method, limit=limit, limit_direction=direction, limit_area=area)
        assert_same(c.interpolate(**kwargs), SERIES.interpolate(**kwargs))


def _dated() -> pd.DataFrame:
    index = pd.DatetimeIndex(["2024-03-31 00:00", "2024-03-31 01:00", "2024-03-31 03:00", "2024-03-31 04:30",
                              "2024-03-31 05:00", "2024-03-31 09:00"], tz="Europe/Paris", name="at").as_unit("us")
    return pd.DataFrame({
        "n": pd.array([None, 1, None, None, 8, None], dtype="Int64"),
        "f": pd.array([1.5, None, None, 2.5, None, None], dtype="Float64"),
        "none": pd.array([None] * 6, dtype="Float64"),
        "t": pd.to_datetime(["2024-01-01 00:00:00.000001", None, None, "2024-01-01", None,
                             "1969-12-31 23:59:59.999999"], format="ISO8601").tz_localize("Asia/Kolkata").as_unit("us"),
        "naive": pd.to_datetime([None, "1969-12-31 23:59:59.999998", None, "1969-12-31 23:59:59.999999", None, None],
                                format="ISO8601").as_unit("us"),
        "d": pd.to_timedelta([None, -1, None, None, 2, None], unit="us"),
    }, index=index)


@pytest.mark.parametrize("limit, direction, area", OPTIONS[::3] + [(1, "both", "outside"), (None, "both", None)])
def test_frame_dates_zone_and_methods(limit, direction, area):
    p = _dated()
    c = cpd.read_pandas(p)
    kwargs = dict(limit=limit, limit_direction=direction, limit_area=area)
    assert_same(c.interpolate(**kwargs), p.interpolate(**kwargs))  # dates and durations too (linear)
    for method in ("time", "index", "values"):
        numbers = ["n", "f", "none"]
        assert_same(c[numbers].interpolate(method=method, **kwargs), p[numbers].interpolate(method=method, **kwargs))
        assert_same(c["n"].interpolate(method=method, **kwargs), p["n"].interpolate(method=method, **kwargs))


def test_multiindex_rows_and_columns_repeated_labels():
    p = _dated().reset_index(drop=True)[["n", "f"]]
    p.index = pd.MultiIndex.from_tuples([(1, "a"), (1, "a"), (2, "b"), (1, "a"), (3, "c"), (3, "c")], names=["k", None])
    p.columns = pd.MultiIndex.from_tuples([("A", "x"), ("A", "y")], names=["u", None])
    c = cpd.read_pandas(p)
    for kwargs in ({}, {"limit": 1, "limit_direction": "both"}, {"limit_area": "inside"}):
        for _ in range(2):  # re-execution
            assert_same(c.interpolate(**kwargs), p.interpolate(**kwargs))
    with pytest.raises(ex.InvalidArgumentError, match="MultiIndexes"):
        c.interpolate(method="index")


@pytest.mark.parametrize("method", ["index", "values"])
@pytest.mark.parametrize("direction", ["forward", "backward", "both"])
def test_points_of_equal_x(method, direction):
    # NumPy's interp: of equal x, the last point's y; between them, the last of the lower x and
    # the first of the higher (pandas' stable argsort of so few points)
    p = pd.Series(pd.array([1, None, 5, None, 3, None, None, 9], dtype="Float64"), index=[2, 2, 2, 1, 1, 3, 0, 3])
    assert_same(cpd.read_pandas(p).interpolate(method=method, limit_direction=direction),
                p.interpolate(method=method, limit_direction=direction))


def test_float_and_duration_indexes():
    p = pd.Series(pd.array([1, None, 5, None], dtype="Float64"), index=[0.5, -0.0, 0.0, 2.25])
    assert_same(cpd.read_pandas(p).interpolate(method="index", limit_direction="both"),
                p.interpolate(method="index", limit_direction="both"))
    p = pd.Series(pd.array([1, None, 5], dtype="Int64"), index=pd.to_timedelta([1, 2, 4], unit="s").as_unit("us"))
    assert_same(cpd.read_pandas(p).interpolate(method="time"), p.interpolate(method="time"))


def test_no_rows_and_no_missing_values():
    p = pd.DataFrame({"a": pd.array([], dtype="Float64")})
    assert_same(cpd.read_pandas(p).interpolate(limit=2, method="index"), p.interpolate(limit=2, method="index"))
    p = pd.DataFrame({"a": pd.array([1.5, 2], dtype="Float64"), "b": pd.array([None, None], dtype="Float64")})
    assert_same(cpd.read_pandas(p).interpolate(limit_direction="both"), p.interpolate(limit_direction="both"))


@pytest.mark.parametrize("dtype", ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64"])
def test_narrow_integers_give_float64(dtype):
    p = pd.DataFrame({"x": pd.array([100, None, None, 3, None], dtype=dtype)}, index=[1, 5, 2, 7, 3])
    c = cpd.read_pandas(p)
    assert_same(c.interpolate(limit_direction="both"), p.interpolate(limit_direction="both"))
    assert_same(c["x"].interpolate(method="index"), p["x"].interpolate(method="index"))


def _error(p: pd.Series | pd.DataFrame, **kwargs):
    with pytest.raises(Exception) as expected:
        p.interpolate(**kwargs)
    return type(expected.value)


ERRORS = [
    (dict(method="pad"), ex.InvalidArgumentError, "method=pad"),
    (dict(method="bfill"), ex.InvalidArgumentError, "method=bfill"),
    (dict(method="ffill", limit_direction="both"), ex.InvalidArgumentError, "must be 'forward'"),
    (dict(method="backfill", limit_direction="forward"), ex.InvalidArgumentError, "must be 'backward'"),
    (dict(method="foo"), ex.InvalidArgumentError, "method=foo"),
    (dict(method=None), ex.InvalidArgumentError, "should be a string"),
    (dict(limit=0), ex.InvalidArgumentError, "greater than 0"),
    (dict(limit=1.5), ex.InvalidArgumentError, "must be an integer"),
    (dict(limit=True), ex.InvalidArgumentError, "must be an integer"),
    (dict(limit_direction="up"), ex.InvalidArgumentError, "limit_direction"),
    (dict(limit_area="mid"), ex.InvalidArgumentError, "limit_area"),
    (dict(method="time"), ex.InvalidArgumentError, "DatetimeIndex"),
    (dict(axis=1), ex.InvalidArgumentError, "No axis named 1"),  # (of a Series)
]


@pytest.mark.parametrize("kwargs, error, match", ERRORS)
def test_errors_as_pandas(kwargs, error, match):
    p = pd.Series(pd.array([1, None, 3], dtype="Float64"), index=[4, 5, 6])
    assert issubclass(error, _error(p, **kwargs))  # pandas' ValueError / TypeError / NotImplementedError
    with pytest.raises(error, match=match):
        cpd.read_pandas(p).interpolate(**kwargs)


def test_dtype_and_index_errors_as_pandas():
    frame = pd.DataFrame({"s": pd.array(["a", None], dtype="string"), "b": pd.array([True, None], dtype="boolean"),
                          "x": pd.array([1, None], dtype="Float64")}, index=[1, None])
    c = cpd.read_pandas(frame)
    for column, error in (("s", ex.DTypeError), ("b", ex.UnsupportedError)):
        assert issubclass(error, _error(frame[column]))
        with pytest.raises(error, match=repr(column)):
            c[[column, "x"]].interpolate()
    assert issubclass(ex.UnsupportedError, _error(frame["x"], method="index"))  # a missing index value
    with pytest.raises(ex.UnsupportedError, match="NaNs in the index"):
        c["x"].interpolate(method="index")
    dated = _dated()
    assert issubclass(ex.UnsupportedError, _error(dated[["t"]], method="index"))  # dates: linear only
    with pytest.raises(ex.UnsupportedError, match="'t'"):
        cpd.read_pandas(dated)[["t"]].interpolate(method="index")
    text = pd.Series(pd.array([1, None, 3], dtype="Float64"), index=list("abc"))
    assert issubclass(ex.DTypeError, _error(text, method="index"))
    with pytest.raises(ex.DTypeError, match="index"):
        cpd.read_pandas(text).interpolate(method="index")


SCIPY = [("nearest", {}), ("zero", {}), ("slinear", {}), ("quadratic", {}), ("cubic", {}), ("spline", {"order": 2}),
         ("spline", {"order": 3, "s": 0.5}), ("polynomial", {"order": 2}), ("barycentric", {}), ("krogh", {}),
         ("pchip", {}), ("akima", {}), ("cubicspline", {}), ("from_derivatives", {})]


def _as_missing(want):
    """pandas' result with SciPy's NaN (left unmasked in a Float64 array, so isna() is False
    there) as <NA>, as cormorant gives it (README, Differences); the index's freq kept (a
    date_range read by read_pandas keeps it, as pandas)."""
    want = want.copy()
    if isinstance(want, pd.Series):
        return pd.Series(pd.array(want.to_numpy(dtype=float, na_value=float("nan")), dtype="Float64"),
                         index=want.index, name=want.name)
    for label in want.columns:
        want[label] = pd.array(want[label].to_numpy(dtype=float, na_value=float("nan")), dtype="Float64")
    return want


def _scipy_frame(index=None) -> pd.DataFrame:
    return pd.DataFrame({
        "f": pd.array([None, 1.5, None, 3.0, None, None, 10.0, 4.0, None, -1.0, None], dtype="Float64"),
        "n": pd.array([0, None, 2, None, 9, 9, None, None, 1, 5, 4], dtype="Int64"),
        "none": pd.array([None] * 11, dtype="Float64"),
    }, index=index)


@pytest.mark.parametrize("method, extra", SCIPY)
def test_scipy_methods(method, extra):
    """SciPy's methods: pandas' own interpolate of the frame read into Python, on a default index,
    an unevenly spaced one, and dates in Asia/Kolkata as x; with limits; Series and frames."""
    indexes = [None, [0, 1, 2, 4, 8, 9, 10, 15, 16, 20, 21],
               pd.date_range("2024-03-30", periods=11, freq="7h", tz="Asia/Kolkata").as_unit("us")]
    for index in indexes:
        p = _scipy_frame(index)
        c = cpd.read_pandas(p)
        for limit, direction, area in OPTIONS[::5]:
            kwargs = dict(method=method, limit=limit, limit_direction=direction, limit_area=area, **extra)
            try:
                want = p.interpolate(**kwargs)
            except ValueError:  # SciPy's own refusals (too few points for the order, ...)
                with pytest.raises(ex.InvalidArgumentError):
                    c.interpolate(**kwargs)
                continue
            assert_same(c.interpolate(**kwargs), _as_missing(want))
            assert_same(c["n"].interpolate(**kwargs), _as_missing(p["n"].interpolate(**kwargs)))


def test_scipy_methods_no_rows_and_errors():
    p = _scipy_frame()
    c = cpd.read_pandas(p)
    assert_same(c[c["f"] > 100].interpolate(method="pchip"), p[p["f"] > 100].interpolate(method="pchip"))
    with pytest.raises(ex.InvalidArgumentError, match="order"):
        c.interpolate(method="spline")
    text = _scipy_frame(list("abcdefghijk"))
    assert issubclass(ex.DTypeError, _error(text, method="nearest"))
    with pytest.raises(ex.DTypeError, match="index's values"):
        cpd.read_pandas(text).interpolate(method="nearest")
    with pytest.raises(ex.InvalidArgumentError, match="MultiIndexes"):
        cpd.read_pandas(p.set_index([p.index, p.index])).interpolate(method="nearest")
    with pytest.raises(ex.UnsupportedError, match="'t'"):  # dates: linear only, as pandas
        cpd.read_pandas(_dated())[["t"]].interpolate(method="nearest")
    with pytest.raises(ex.DTypeError):
        c.interpolate(method="pchip", nonsense=1)  # SciPy's TypeError


def _rows() -> pd.DataFrame:
    return pd.DataFrame({
        0: pd.array([None, 1.0, None, 2.0, None], dtype="Float64"),
        1: pd.array([None, None, 4.0, None, None], dtype="Float64"),
        3: pd.array([1.0, None, None, 8.0, None], dtype="Float64"),
        4: pd.array([None, 5.0, None, None, None], dtype="Float64"),
        7: pd.array([2.0, None, 3.0, 1.0, None], dtype="Float64"),
    }, index=pd.Index(["r", "s", "r", "t", "u"], name="row"))


@pytest.mark.parametrize("method, extra", [("linear", {}), ("index", {}), ("values", {}), ("nearest", {}),
                                           ("pchip", {}), ("polynomial", {"order": 1})])
def test_rowwise(method, extra):
    """interpolate(axis=1): each row along the columns (x: the column labels for "index"), repeated
    row labels, a row of missing values only, limits; Int64 columns; no rows."""
    p = _rows()
    c = cpd.read_pandas(p)
    for limit, direction, area in OPTIONS[::4]:
        kwargs = dict(method=method, axis=1, limit=limit, limit_direction=direction, limit_area=area, **extra)
        assert_same(c.interpolate(**kwargs), _as_missing(p.interpolate(**kwargs)))
    ints = p.astype("Int64", errors="ignore").fillna(0).astype("Int64").mask(p.isna())
    assert_same(cpd.read_pandas(ints).interpolate(method=method, axis="columns", **extra),
                _as_missing(ints.interpolate(method=method, axis="columns", **extra)))
    assert_same(c[c[0] > 100].interpolate(method=method, axis=1, **extra),
                p[p[0] > 100].interpolate(method=method, axis=1, **extra))


def test_rowwise_multiindex_and_errors():
    p = _rows()
    p.index = pd.MultiIndex.from_tuples([(1, "a"), (1, "a"), (2, "b"), (1, "c"), (3, "c")])
    assert_same(cpd.read_pandas(p).interpolate(axis=1, limit=1), p.interpolate(axis=1, limit=1))
    mixed = pd.DataFrame({"a": pd.array([1.0, None], dtype="Float64"), "b": pd.array(["x", None], dtype="string")})
    assert issubclass(ex.DTypeError, _error(mixed, axis=1))
    with pytest.raises(ex.DTypeError, match="object dtype"):
        cpd.read_pandas(mixed).interpolate(axis=1)
    text = _rows().rename(columns=str)
    assert issubclass(ex.DTypeError, _error(text, axis=1, method="nearest"))
    with pytest.raises(ex.DTypeError, match="column labels"):
        cpd.read_pandas(text).interpolate(axis=1, method="nearest")


def test_inplace_returns_the_object():
    p = SERIES.to_frame()
    c = cpd.read_pandas(p)
    assert c.interpolate(limit=1, inplace=True) is c
    p.interpolate(limit=1, inplace=True)
    assert_same(c, p)
