"""pandas' cut and qcut of a cormorant Series: the bin of each value is computed in the engine
(cormorant::cut: pandas' searchsorted of the bin edges, as SQL comparisons), and the result is a
categorical whose categories are pandas' own (an IntervalIndex, or the labels given). The edges
and the categories come from pandas itself, run on a stand-in of two values at most: pandas
derives them from the bins and, for a number of bins, from the data's minimum and maximum only
(qcut: from the quantiles, which the engine computes), so they are exactly pandas'."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions


def cut(x, bins, right: bool = True, labels=None, retbins: bool = False, precision: int = 3,
        include_lowest: bool = False, duplicates: str = "raise", ordered: bool = True):
    """pandas' cut: the bin of each value of `x` (a cormorant Series of numbers). `bins` is a
    number of equal-width bins over the values' range, or the bin edges; `labels` names the bins
    (False: their numbers, Int64). Missing values and values outside the bins are missing. With
    `retbins`, (result, edges) as pandas returns them."""
    _check_series(x, "cut")
    if isinstance(bins, pd.IntervalIndex):
        raise exceptions.UnsupportedError("cut by an IntervalIndex is not supported yet; pass the bin edges")
    stand_in = _stand_in(x, with_range=np.ndim(bins) == 0)
    template, edges = _pandas(pd.cut, stand_in, bins, right=right, labels=labels, retbins=True, precision=precision,
                              include_lowest=include_lowest, duplicates=duplicates, ordered=ordered)
    return _binned(x, template, edges, right, include_lowest, labels, retbins)


def qcut(x, q, labels=None, retbins: bool = False, precision: int = 3, duplicates: str = "raise"):
    """pandas' qcut: the bin of each value of `x` (a cormorant Series of numbers) among bins
    holding equal shares of the values: `q` is their number or the quantiles (0 to 1) that
    bound them, computed in the engine (one query); the bins are closed on the right, the
    lowest edge included. `labels`, `retbins`, `precision` and `duplicates` as in cut."""
    _check_series(x, "qcut")
    if _convert.is_int(q):
        if q < 1:
            raise exceptions.InvalidArgumentError("`q` should be a positive integer.")
        quantiles = np.linspace(0, 1, q + 1)
        # (pandas' rounding: up rather than to nearest where q * quantile is no integer)
        np.putmask(quantiles, q * quantiles != np.arange(q + 1), np.nextafter(quantiles, 1))
    else:
        quantiles = np.asarray(q, dtype=np.float64)
    edges = _quantiles(x, quantiles)
    # pandas' qcut cuts by the quantiles as cut does by edges, with the lowest edge included
    template, edges = _pandas(pd.cut, _stand_in(x, with_range=False), edges, right=True, labels=labels, retbins=True,
                              precision=precision, include_lowest=True, duplicates=duplicates)
    return _binned(x, template, edges, True, True, labels, retbins)


def _quantiles(x, quantiles: np.ndarray) -> np.ndarray:
    """numpy's quantile (linear) of x's present values, as pandas' qcut computes them (as
    float64), to the bit: the engine sorts the values and gives the two around each quantile's
    position (one query, and one to count them), which are then interpolated by numpy's steps."""
    if ((quantiles < 0) | (quantiles > 1)).any():
        raise exceptions.InvalidArgumentError("percentiles should all be in the interval [0, 1]")
    present = x.dropna()
    n = len(present)
    if n == 0:
        return np.full(len(quantiles), np.nan)
    virtual = (n - 1) * quantiles
    previous = np.floor(virtual)
    following = previous + 1
    last = virtual >= n - 1
    previous[last] = following[last] = -1  # (numpy's marks for the last value)
    previous, following = previous.astype(np.intp), following.astype(np.intp)
    positions = sorted({int(p) % n for p in np.concatenate([previous, following])})
    values = present.sort_values().iloc[positions].to_pandas().to_numpy(dtype=np.float64)
    at = dict(zip(positions, values))
    a = np.array([at[int(p) % n] for p in previous], dtype=np.float64)
    b = np.array([at[int(p) % n] for p in following], dtype=np.float64)
    gamma = virtual - previous
    diff = b - a  # numpy's _lerp
    out = a + diff * gamma
    np.subtract(b, diff * (1 - gamma), out=out, where=gamma >= 0.5)
    return out


def _check_series(x, name: str) -> None:
    from cormorant.series import Series

    if not isinstance(x, Series):
        raise exceptions.DTypeError(
            f"cpd.{name} takes a cormorant Series, got {type(x).__name__} (pandas.{name} bins local data)")
    if x._core.dtype not in ("Int64", "Float64"):
        raise exceptions.DTypeError(
            f"{name} of {_who(x)} of dtype {x._core.dtype} is not supported; it takes integers or floats")


def _who(x) -> str:
    return "the Series" if x.name is None else f"Series {x.name!r}"


def _stand_in(x, with_range: bool) -> pd.Series:
    """A pandas Series of x's dtype from which pandas derives the same edges as from x: empty,
    or (with_range: a number of bins, taken over the values' range) x's minimum and maximum
    (missing when every value is; empty when x has no rows, as pandas then refuses)."""
    dtype = x._core.dtype
    if not with_range:
        return pd.Series([], dtype=dtype)
    low, high = x.min(), x.max()
    if pd.isna(low) and len(x) == 0:
        return pd.Series([], dtype=dtype)
    return pd.Series([low, high], dtype=dtype)


def _pandas(func, *args, **kwargs):
    """pandas' own cut of the stand-in; its refusals of the arguments as InvalidArgumentError
    (TypeError stays: pandas' type errors are the user's)."""
    try:
        return func(*args, **kwargs)
    except ValueError as e:
        raise exceptions.InvalidArgumentError(str(e)) from None


def _binned(x, template, edges, right: bool, include_lowest: bool, labels, retbins: bool):
    """x's bins as pandas' cut gave them for the stand-in (`template`: their categorical, or
    codes for labels=False), computed in the engine by `edges`."""
    from cormorant.series import Series

    if labels is False:
        dtype = None
    else:
        categories = template.cat.categories
        if len(categories) != len(edges) - 1:  # (pandas merges repeated labels of an unordered cut)
            raise exceptions.UnsupportedError("cut with repeated labels is not supported; give each bin its own label")
        dtype = _convert.core_dtype(template.dtype)
    out = Series(x._core.cut([float(e) for e in edges], bool(right), bool(include_lowest), dtype))
    return (out, edges) if retbins else out


def value_counts_by_bins(series, bins, normalize: bool, sort: bool, ascending: bool, dropna: bool) -> pd.Series:
    """pandas' Series.value_counts(bins=...): the values cut into `bins` (cut with
    include_lowest=True, each value's bin computed in the engine) and counted per bin (one
    query), then laid out by pandas' own steps on the few counts: a pandas Series indexed by the
    intervals (which cormorant does not hold as an index), normalized by the number of rows."""
    binned = cut(series, bins, include_lowest=True)
    result = binned.value_counts(dropna=dropna, sort=False).to_pandas()
    result.name = "proportion" if normalize else "count"
    result.index.name = None
    result = result[result.index.notna()]
    result.index = result.index.astype("interval")
    result = result.sort_index()
    if dropna and (result._values == 0).all():
        result = result.iloc[0:0]
    result = result.astype("int64")
    if sort:
        result = result.sort_values(ascending=ascending, kind="stable")
    if normalize:
        result = result / len(series)
    return result
