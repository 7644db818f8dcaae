"""The arguments issue 13's REFUSED table listed, against pandas 3.1: shift(periods=<list>,
suffix=) of frames, Series and groupbys; DataFrame sort_values(axis=1) and Series
sort_values(axis); rolling/expanding(method); Series any/all(axis, bool_only); Series
map(func=, engine=, **kwargs); to_csv with pandas' arguments; groupby value_counts(subset=,
bins=). Missing values, no rows, repeated labels, a MultiIndex and a time zone other than UTC."""

from __future__ import annotations

import io

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same, check_raises
from test_value_counts import same

_FRAME = pd.DataFrame({
    "k": pd.array(["a", "b", "a", None, "b", "a"], dtype="string"),
    "x": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
    "f": pd.array([1.5, 2.5, None, -1.0, 0.0, 2.0], dtype="Float64"),
    "t": pd.to_datetime(["2024-03-30 23:00", None, "2024-03-31 01:30", "2024-03-31 03:00", "2024-10-27 01:00",
                         "2024-10-27 02:30"]).tz_localize("Europe/Paris", ambiguous=True),
}, index=[3, 1, 1, 0, 7, 2])
_MULTI = _FRAME.set_index([pd.Index(["p", "p", "q", "q", "r", "r"], dtype="string"), _FRAME.index])
FRAMES = {"plain": _FRAME, "multi": _MULTI, "no_rows": _FRAME.head(0)}


# -- shift(periods=<list>, suffix=) ---------------------------------------------------------------

SHIFTS = {
    "list": dict(periods=[0, 1, -2]),
    "one": dict(periods=[2]),
    "suffix": dict(periods=[1, 3], suffix="_lag"),
    "fill": dict(periods=(1, -1), fill_value=0),
}


@pytest.mark.parametrize("frame", FRAMES)
@pytest.mark.parametrize("shift", SHIFTS)
def test_frame_and_series_shift_of_periods_like_pandas(frame, shift):
    pdf = FRAMES[frame]
    kwargs = SHIFTS[shift]
    cdf = cpd.read_pandas(pdf)
    numbers = ["x", "f"] if "fill_value" in kwargs else list(pdf.columns)
    assert_same(cdf[numbers].shift(**kwargs), pdf[numbers].shift(**kwargs))
    assert_same(cdf["x"].shift(**kwargs), pdf["x"].shift(**kwargs))
    assert_same(cdf["x"].rename(None).shift(**kwargs), pdf["x"].rename(None).shift(**kwargs))


@pytest.mark.parametrize("shift", SHIFTS)
def test_groupby_shift_of_periods_like_pandas(shift):
    kwargs = SHIFTS[shift]
    cdf = cpd.read_pandas(_FRAME)
    numbers = ["x", "f"]
    assert_same(cdf.groupby("k")[numbers].shift(**kwargs), _FRAME.groupby("k")[numbers].shift(**kwargs))
    assert_same(cdf.groupby("k")["f"].shift(**kwargs), _FRAME.groupby("k")["f"].shift(**kwargs))
    if "fill_value" not in kwargs:
        assert_same(cdf.groupby("k", dropna=False).shift(**kwargs), _FRAME.groupby("k", dropna=False).shift(**kwargs))


def test_shift_of_periods_errors_as_pandas():
    cdf, pdf = cpd.read_pandas(_FRAME), _FRAME
    for kwargs, cls, builtin in ((dict(periods=[]), exceptions.InvalidArgumentError, ValueError),
                                 (dict(periods=1, suffix="s"), exceptions.InvalidArgumentError, ValueError),
                                 (dict(periods=[1, 1.5]), exceptions.DTypeError, TypeError),
                                 (dict(periods=[1], axis=1), exceptions.InvalidArgumentError, ValueError)):
        check_raises(cls, builtin, None, lambda: cdf.shift(**kwargs), lambda: pdf.shift(**kwargs))
    check_raises(exceptions.InvalidArgumentError, ValueError, "suffix", lambda: cdf.groupby("k").shift(1, suffix="s"),
                 lambda: pdf.groupby("k").shift(1, suffix="s"))


# -- sort_values(axis) --------------------------------------------------------------------------

_WIDE = pd.DataFrame({"a": pd.array([3, None, 1], dtype="Int64"), "b": pd.array([1, 2, 1], dtype="Int64"),
                      "c": pd.array([2, 5, None], dtype="Int64"), "d": pd.array([3, 0, 1], dtype="Int64")},
                     index=["r", "s", "t"])
SORTS = {
    "one": dict(by="r"),
    "list": dict(by=["r", "s"]),
    "descending": dict(by=["t", "r"], ascending=[False, True]),
    "na_first": dict(by="s", na_position="first", ascending=False),
    "key": dict(by="r", key=lambda row: -row),
    "ignore_index": dict(by="t", ignore_index=True),
    "none": dict(by=[]),
}


@pytest.mark.parametrize("sort", SORTS)
def test_sort_values_along_columns_like_pandas(sort):
    pdf = _WIDE
    kwargs = SORTS[sort]
    assert_same(cpd.read_pandas(pdf).sort_values(axis=1, **kwargs), pdf.sort_values(axis=1, **kwargs))
    assert_same(cpd.read_pandas(pdf).sort_values(axis="columns", **kwargs), pdf.sort_values(axis="columns", **kwargs))


def test_sort_values_along_columns_of_a_multiindex_and_errors():
    pdf = _WIDE.set_index(pd.MultiIndex.from_tuples([("u", 1), ("u", 2), ("v", 1)]))
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.sort_values(("u", 2), axis=1), pdf.sort_values(("u", 2), axis=1))
    check_raises(exceptions.CormorantError, KeyError, None, lambda: cpd.read_pandas(_WIDE).sort_values("zz", axis=1),
                 lambda: _WIDE.sort_values("zz", axis=1))
    repeated = _WIDE.set_axis(["r", "r", "t"])
    check_raises(exceptions.InvalidArgumentError, ValueError, "not unique",
                 lambda: cpd.read_pandas(repeated).sort_values("r", axis=1), lambda: repeated.sort_values("r", axis=1))
    mixed = _FRAME.head(2)
    check_raises(exceptions.DTypeError, TypeError, "do not order", lambda: cpd.read_pandas(mixed).sort_values(3, axis=1),
                 lambda: mixed.sort_values(3, axis=1))
    check_raises(exceptions.InvalidArgumentError, ValueError, "No axis", lambda: cdf.sort_values("a", axis=2),
                 lambda: pdf.sort_values("a", axis=2))


@pytest.mark.parametrize("axis", [0, "index", "rows"])
def test_series_sort_values_axis_like_pandas(axis):
    s = _FRAME["f"]
    assert_same(cpd.read_pandas(_FRAME)["f"].sort_values(axis=axis), s.sort_values(axis=axis))


@pytest.mark.parametrize("axis", [1, "columns", None])
def test_series_sort_values_other_axis_raises_as_pandas(axis):
    check_raises(exceptions.InvalidArgumentError, ValueError, "No axis named",
                 lambda: cpd.read_pandas(_FRAME)["f"].sort_values(axis=axis), lambda: _FRAME["f"].sort_values(axis=axis))


# -- rolling / expanding (method) -----------------------------------------------------------------

def test_rolling_and_expanding_method_single_like_pandas():
    pdf = _FRAME[["k", "x", "f"]]
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf[["x", "f"]].rolling(2, method="single").sum(), pdf[["x", "f"]].rolling(2, method="single").sum())
    assert_same(cdf[["x", "f"]].expanding(method="single").mean(), pdf[["x", "f"]].expanding(method="single").mean())
    assert_same(cdf["f"].expanding(2, method="single").max(), pdf["f"].expanding(2, method="single").max())
    assert_same(cdf.groupby("k").rolling(2, method="single").sum(), pdf.groupby("k").rolling(2, method="single").sum())
    assert_same(cdf.groupby("k").expanding(method="single").sum(), pdf.groupby("k").expanding(method="single").sum())


def test_rolling_and_expanding_method_table_and_others():
    pdf = _FRAME[["k", "x", "f"]]
    cdf = cpd.read_pandas(pdf)
    # pandas computes method="table" only with numba's engine: it fails without it
    for call in (lambda d: d[["x", "f"]].rolling(2, method="table"), lambda d: d[["x", "f"]].expanding(method="table"),
                 lambda d: d.groupby("k").rolling(2, method="table"), lambda d: d.groupby("k").expanding(method="table")):
        with pytest.raises(exceptions.UnsupportedError, match="method='table'"):
            call(cdf)
        with pytest.raises((ValueError, TypeError, ImportError)):
            call(pdf).sum()
    for call in (lambda d: d["f"].rolling(2, method="table").sum(), lambda d: d["f"].expanding(method="table").sum(),
                 lambda d: d.groupby("k")["f"].rolling(2, method="table").sum()):
        check_raises(exceptions.InvalidArgumentError, ValueError, "not applicable for Series", lambda: call(cdf),
                     lambda: call(pdf))
    for call in (lambda d: d.rolling(2, method="rows").sum(), lambda d: d.expanding(method="rows").sum(),
                 lambda d: d.groupby("k").expanding(method="rows").sum()):
        check_raises(exceptions.InvalidArgumentError, ValueError, "method must be", lambda: call(cdf),
                     lambda: call(pdf))


# -- Series any / all (axis, bool_only) -----------------------------------------------------------

@pytest.mark.parametrize("column", ["x", "f"])
@pytest.mark.parametrize("kwargs", [dict(axis=0), dict(axis="index"), dict(axis=None), dict(bool_only=True),
                                    dict(bool_only=False, skipna=False), dict(axis=0, bool_only=True)])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_series_any_all_arguments_like_pandas(column, kwargs, rows):
    pdf = _FRAME if rows == "all" else _FRAME.head(0)
    s, c = pdf[column], cpd.read_pandas(pdf)[column]
    for op in ("any", "all"):
        want, got = getattr(s, op)(**kwargs), getattr(c, op)(**kwargs)
        assert (pd.isna(want) and pd.isna(got)) or got == want, (op, got, want)


def test_series_any_all_other_axis_raises_as_pandas():
    for op in ("any", "all"):
        check_raises(exceptions.InvalidArgumentError, ValueError, "No axis named 1",
                     lambda: getattr(cpd.read_pandas(_FRAME)["x"], op)(axis=1), lambda: getattr(_FRAME["x"], op)(axis=1))


# -- Series map (func=, engine=, **kwargs) --------------------------------------------------------

def test_series_map_func_keywords_like_pandas():
    s, c = _FRAME["x"], cpd.read_pandas(_FRAME)["x"]
    assert_same(c.map(func={1: "one", 4: "four"}), s.map(func={1: "one", 4: "four"}))
    # (integers stay Int64 where pandas gives Float64 for an unmapped value: README)
    assert_same(c.map(func={1: 10}, engine=None), s.map(func={1: 10}, engine=None).astype("Int64"))

    def plus(v, by):
        return v + by

    assert_same(c.map(plus, by=10), s.map(plus, by=10).astype("Int64"))
    with pytest.warns(pd.errors.Pandas4Warning, match="renamed to `func`"):
        got = c.map(arg={3: 30})
    with pytest.warns(pd.errors.Pandas4Warning):
        want = s.map(arg={3: 30})
    assert_same(got, want.astype("Int64"))


def test_series_map_engine_refused_by_name():
    s, c = _FRAME["x"], cpd.read_pandas(_FRAME)["x"]

    class Engine:  # pandas' engine protocol: __pandas_udf__ (numba's is not installed here)
        __pandas_udf__ = None

    with pytest.raises(exceptions.UnsupportedError, match=r"Series.map\(engine="):
        c.map(abs, engine=Engine())
    for call in (lambda d: d.map({1: 2}, engine=Engine()), lambda d: d.map(abs, engine=len), lambda d: d.map()):
        check_raises(exceptions.InvalidArgumentError, ValueError, None, lambda: call(c), lambda: call(s))


# -- to_csv with pandas' arguments ----------------------------------------------------------------

CSV = {
    "default": {},
    "na_rep": dict(na_rep="NULL"),
    "float_format": dict(float_format="%.3f"),
    "date_format": dict(date_format="%Y/%m/%d %H:%M"),
    "quoting": dict(quoting=1, quotechar="'"),
    "index_label": dict(index_label="row"),
    "no_header": dict(header=False, index=False),
    "aliases": dict(header=["value"]),
    "decimal": dict(decimal=",", sep=";"),
    "lineterminator": dict(lineterminator="\r\n"),
    "escape": dict(doublequote=False, escapechar="\\"),
    "chunks": dict(chunksize=2, encoding="utf-8", errors="strict", mode="w", compression=None,
                   storage_options=None),
}


@pytest.mark.parametrize("csv", CSV)
@pytest.mark.parametrize("column", ["x", "f", "t", "k"])
@pytest.mark.parametrize("frame", FRAMES)
def test_series_to_csv_text_like_pandas(csv, column, frame):
    pdf = FRAMES[frame]
    assert cpd.read_pandas(pdf)[column].to_csv(**CSV[csv]) == pdf[column].to_csv(**CSV[csv])


@pytest.mark.parametrize("csv", ["na_rep", "float_format", "date_format", "quoting", "columns"])
def test_frame_to_csv_arguments_like_pandas(csv):
    kwargs = dict(CSV.get(csv, {}), **({"columns": ["f", "x"]} if csv == "columns" else {}))
    assert cpd.read_pandas(_MULTI).to_csv(**kwargs) == _MULTI.to_csv(**kwargs)


def test_to_csv_files_buffers_and_compression_like_pandas(tmp_path):
    c, s = cpd.read_pandas(_FRAME)["f"], _FRAME["f"]
    c.to_csv(tmp_path / "c.csv.gz")
    s.to_csv(tmp_path / "p.csv.gz")
    assert pd.read_csv(tmp_path / "c.csv.gz").equals(pd.read_csv(tmp_path / "p.csv.gz"))
    c.to_csv(tmp_path / "c.csv", na_rep="-")
    c.to_csv(tmp_path / "c.csv", mode="a", header=False)
    s.to_csv(tmp_path / "p.csv", na_rep="-")
    s.to_csv(tmp_path / "p.csv", mode="a", header=False)
    assert (tmp_path / "c.csv").read_text() == (tmp_path / "p.csv").read_text()
    got, want = io.StringIO(), io.StringIO()
    c.to_csv(got)
    s.to_csv(want)
    assert got.getvalue() == want.getvalue()


# -- groupby value_counts (subset=, bins=) ---------------------------------------------------------

_COUNTED = pd.DataFrame({
    "k": pd.array(["a", "b", "a", None, "b", "a", "b"], dtype="string"),
    "x": pd.array([1, None, 3, 4, 1, 1, 1], dtype="Int64"),
    "y": pd.array(["u", "v", "u", "u", None, "v", "v"], dtype="string"),
    "f": pd.array([0.5, 2.5, None, -1.0, 0.0, 2.0, 7.0], dtype="Float64"),
}, index=[3, 1, 1, 0, 7, 2, 2])

SUBSETS = {
    "one": dict(subset=["y"]),
    "two": dict(subset=["y", "x"]),
    "normalize": dict(subset=["x"], normalize=True),
    "unsorted": dict(subset=["y"], sort=False),
    "keep_na": dict(subset=["y"], dropna=False, ascending=True),
}


@pytest.mark.parametrize("subset", SUBSETS)
@pytest.mark.parametrize("as_index", [True, False])
def test_groupby_value_counts_subset_like_pandas(subset, as_index):
    kwargs = SUBSETS[subset]
    cdf = cpd.read_pandas(_COUNTED)
    same(cdf.groupby("k", as_index=as_index).value_counts(**kwargs),
         _COUNTED.groupby("k", as_index=as_index).value_counts(**kwargs))
    same(cdf.groupby("k")[["x", "y"]].value_counts(**kwargs), _COUNTED.groupby("k")[["x", "y"]].value_counts(**kwargs))


def test_groupby_value_counts_subset_errors_as_pandas():
    cdf = cpd.read_pandas(_COUNTED)
    for call in (lambda d: d.groupby("k").value_counts(subset=["k"]),
                 lambda d: d.groupby("k")[["x"]].value_counts(subset=["y"])):
        check_raises(exceptions.InvalidArgumentError, ValueError, "in subset", lambda: call(cdf),
                     lambda: call(_COUNTED))
    check_raises(exceptions.DTypeError, TypeError, "subset", lambda: cdf.groupby("k")["x"].value_counts(subset=["x"]),
                 lambda: _COUNTED.groupby("k")["x"].value_counts(subset=["x"]))
    check_raises(exceptions.DTypeError, TypeError, "bins", lambda: cdf.groupby("k").value_counts(bins=2),
                 lambda: _COUNTED.groupby("k").value_counts(bins=2))


BINS = {
    "number": dict(bins=2),
    "edges": dict(bins=[-2, 1, 2.5, 10]),
    "normalize": dict(bins=[-2, 1, 2.5, 10], normalize=True),
    "keep_na": dict(bins=3, dropna=False),
    "unsorted": dict(bins=[0, 1, 10], sort=False, ascending=True),
}


@pytest.mark.parametrize("bins", BINS)
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_value_counts_bins_like_pandas(bins, dropna):
    kwargs = BINS[bins]
    got = cpd.read_pandas(_COUNTED).groupby("k", dropna=dropna)["f"].value_counts(**kwargs)
    pd.testing.assert_series_equal(got, _COUNTED.groupby("k", dropna=dropna)["f"].value_counts(**kwargs))
    no_rows = _COUNTED.head(0)
    if isinstance(kwargs["bins"], int):  # pandas 3.1 fails there ("Length of new names must be 1, got 2")
        check_raises(exceptions.InvalidArgumentError, ValueError, "Length of new names",
                     lambda: cpd.read_pandas(no_rows).groupby("k")["x"].value_counts(**kwargs),
                     lambda: no_rows.groupby("k")["x"].value_counts(**kwargs))
        return
    got = cpd.read_pandas(no_rows).groupby("k")["x"].value_counts(**kwargs)
    pd.testing.assert_series_equal(got, no_rows.groupby("k")["x"].value_counts(**kwargs))


# -- the readers' pandas keywords -----------------------------------------------------------------

READER_KEYWORDS = {
    "nrows": 1, "parse_dates": ["a"], "dtype": {"a": "float64"}, "skiprows": 1, "names": ["p", "q"],
    "comment": "#", "thousands": ",", "decimal": ",", "keep_default_na": False,
}


@pytest.mark.parametrize("key", sorted(READER_KEYWORDS))
def test_read_csv_pandas_keywords(tmp_path, key):
    """pandas' read_csv keywords that cormorant does not take yet raise UnsupportedError naming
    the keyword and its value (was Python's TypeError); pandas' default value is accepted and
    reads as pandas does."""
    path = tmp_path / "f.csv"
    pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}).to_csv(path, index=False)
    pd.read_csv(path, **{key: READER_KEYWORDS[key]})  # pandas takes it
    with pytest.raises(exceptions.UnsupportedError, match=rf"read_csv\({key}="):
        cpd.read_csv(str(path), **{key: READER_KEYWORDS[key]})
    defaults = {"nrows": None, "comment": None, "keep_default_na": True}
    if key in defaults:
        assert_same(cpd.read_csv(str(path), **{key: defaults[key]}), pd.read_csv(path, **{key: defaults[key]}))
