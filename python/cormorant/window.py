"""Window operations (pandas' cumsum, shift, diff, pct_change, rank, rolling, expanding, and
groupby's cumcount and transform), computed in the engine over the frame's row order.

The functions here are installed as methods of Series, DataFrame and DataFrameGroupBy; the
Rolling and Expanding objects are what s.rolling(n) and s.expanding() return.
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions, rowwise, shifting
from cormorant import groupby_narrow as _narrow

_WINDOW_AGGS = ("sum", "mean", "min", "max", "count", "std", "var", "median")
_TRANSFORM_AGGS = _WINDOW_AGGS + ("size", "prod", "first", "last", "nunique", "any", "all")
# pandas' transformation kernels: groupby transform(name) is the groupby's method of that name
_TRANSFORM_KERNELS = ("cumsum", "cumprod", "cummin", "cummax", "cumcount", "shift", "diff", "pct_change", "rank",
                      "ffill", "bfill")
# pandas' other reduction names, which transform does not compute here
_TRANSFORM_REFUSED = ("sem", "skew", "kurt", "quantile", "idxmax", "idxmin", "corrwith", "ngroup")
_RANK_METHODS = ("average", "min", "max", "first", "dense")


_CONVERTING = {}


def _AsPandas(obj, convert, dtype=None):
    """A result pandas gives another dtype than cormorant's Int64 (UInt64 for a Series' ranks of
    numbers, Float64 for cumcount with rows outside any group): the same Series or DataFrame,
    whose to_pandas() converts with `convert`, and whose .dtype is `dtype`: a name, or a
    function of the object for a dtype that depends on the values (it runs a query)."""
    base = type(obj)
    cls = _CONVERTING.get(base)
    if cls is None:

        def to_pandas(self):
            return self._pandas_convert(base.to_pandas(self))

        def dtype_(self):
            dtype = self._pandas_dtype(self) if callable(self._pandas_dtype) else self._pandas_dtype
            return base.dtype.fget(self) if dtype is None else pd.api.types.pandas_dtype(dtype)

        cls = _CONVERTING[base] = type(base.__name__, (base,), {"to_pandas": to_pandas, "dtype": property(dtype_),
                                                                "__module__": base.__module__})
    out = cls.__new__(cls)
    out.__dict__.update(obj.__dict__)
    out._pandas_convert = convert
    out._pandas_dtype = dtype
    return out


def _uint64(out):
    return out.astype("UInt64")


def _count_dtype(out):
    """groupby cumcount: int64, or float64 when a row without a group gives NaN."""
    return out.astype(_count_dtype_name(out))


def _count_dtype_name(out) -> str:
    """cumcount's (transform('nunique')'s) dtype, which depends on whether a row has no group
    (one query)."""
    missing = out.isna().any()
    return "Float64" if (missing if isinstance(missing, (bool, np.bool_)) else missing.any()) else "Int64"


def _series_of(frame_core, name=None, rename=False):
    from cormorant.series import Series

    s = Series(frame_core.column(frame_core.columns[0]))
    return s.rename(name) if rename else s


def _check_rank(method, na_option, pct):
    """rank's options for the core: (na_option, pct)."""
    if method not in _RANK_METHODS:
        raise ValueError(f"method must be one of {', '.join(_RANK_METHODS)}")
    if na_option not in ("keep", "top", "bottom"):
        raise ValueError("na_option must be one of 'keep', 'top', or 'bottom'")
    return dict(na_option=na_option, pct=bool(pct))


def _skipping(out, obj, skipna):
    """pandas' skipna=False of a cumulative op: missing from the first missing value on (in
    each column), the values before it as with skipna=True."""
    return out if skipna else out.mask(obj.isna().cummax())


def _check_axis(axis):
    if axis not in (0, "index", None):
        raise exceptions.UnsupportedError("window operations along columns (axis=1) are not supported")


def _check_shift(periods, freq):
    """Checks shift's arguments; the periods as an int (pandas' OverflowError past 64 bits)."""
    periods = _convert.int64(periods, "periods")
    if freq is not None:
        raise exceptions.UnsupportedError("shift(freq=...) is not supported")
    return periods


def _shift_options(periods, freq, fill_value) -> dict:
    """shift's options for the core: the periods, and fill_value (the value of the rows shifted
    in past the ends, which must fit the column's dtype) unless it is missing."""
    options = dict(periods=_check_shift(periods, freq))
    if pd.api.types.is_list_like(fill_value):
        raise exceptions.UnsupportedError(f"shift(fill_value=...) takes a scalar, got {type(fill_value).__name__}")
    fill = None if pd.api.types.is_scalar(fill_value) and pd.isna(fill_value) else _convert.scalar(fill_value)
    if fill is not None:
        options["fill_value"] = fill
    return options


def _fill_options(limit, limit_area) -> dict:
    """ffill/bfill's limit and limit_area for the core, checked as pandas checks them."""
    if limit is not None:
        if not _convert.is_int(limit):
            raise ValueError("Limit must be an integer")
        if limit <= 0:
            raise ValueError("Limit must be greater than 0")
        limit = _convert.int64(limit, "limit")
    if limit_area not in (None, "inside", "outside"):
        raise ValueError(f"Invalid limit_area: expecting one of ['inside', 'outside'], got {limit_area}.")
    return dict(limit=limit, limit_area=limit_area)


# -- Series ---------------------------------------------------------------------------------


def _series_window(series, op, **kw):
    from cormorant.series import Series

    return Series(series._core.window(op, **kw))


def _series_cumulative(op):
    def method(self, axis=None, skipna=True, *args, **kwargs):
        _check_axis(axis)
        return _skipping(_series_window(self, op), self, skipna)

    method.__name__ = op
    return method


def _along_columns(axis) -> bool:
    """Whether a frame's window operation runs along each row (axis=1: cormorant.rowwise)."""
    if axis in (1, "columns"):
        return True
    _check_axis(axis)
    return False


def _frame_cumulative(op):
    def method(self, axis=None, skipna=True, *args, **kwargs):
        from cormorant.frame import DataFrame

        if _along_columns(axis):
            return rowwise.cumulative(self, op, skipna)
        return _skipping(DataFrame(self._core.window(op, [])), self, skipna)

    method.__name__ = op
    return method


def _fill(op):
    """ffill / bfill: the last (next) value present, for a Series or a DataFrame; at most `limit`
    missing values in a row, and with `limit_area` only those between values ("inside") or only
    those before the first or after the last ("outside")."""

    def method(self, *, axis=None, inplace=False, limit=None, limit_area=None):
        from cormorant.frame import DataFrame

        along = _along_columns(axis) if isinstance(self, DataFrame) else _check_axis(axis)
        if inplace:
            raise exceptions.UnsupportedError(f"{op}(inplace=True) is not supported; assign the result")
        options = _fill_options(limit, limit_area)
        if along:
            if limit_area is not None:
                raise exceptions.UnsupportedError(f"{op}(axis=1, limit_area=...) is not supported")
            return rowwise.fill(self, op, options["limit"])
        if isinstance(self, DataFrame):
            return DataFrame(self._core.window(op, [], **options))
        return _series_window(self, op, **options)

    method.__name__ = op
    return method


def _group_fill(op):
    """groupby ffill / bfill (pandas': `limit` only), within each group."""

    def method(self, limit=None):
        return _group_window(self, op, **_fill_options(limit, None))

    method.__name__ = op
    return method


ffill = _fill("ffill")
bfill = _fill("bfill")
group_ffill = _group_fill("ffill")
group_bfill = _group_fill("bfill")


def series_shift(self, periods=1, freq=None, axis=0, fill_value=None, suffix=None):
    _check_axis(axis)
    several = shifting.periods_list(periods, suffix)
    if several is not None:  # pandas: the Series as its to_frame()
        return shifting.frame_shift(self.to_frame(), several, freq, fill_value, suffix)
    return _series_window(self, "shift", **_shift_options(periods, freq, fill_value))


def series_diff(self, periods=1):
    periods = _check_shift(periods, None)
    return _series_window(self, "diff", periods=periods)


def series_pct_change(self, periods=1, fill_method=None, freq=None):
    periods = _check_shift(periods, freq)
    if fill_method is not None:
        raise exceptions.UnsupportedError("pct_change(fill_method=...) is not supported (pandas 3 does not fill)")
    return _series_window(self, "pct_change", periods=periods)


def series_rank(self, axis=0, method="average", numeric_only=False, na_option="keep", ascending=True, pct=False):
    _check_axis(axis)
    options = _check_rank(method, na_option, pct)
    out = _series_window(self, "rank", method=method, ascending=bool(ascending), **options)
    # pandas ranks numbers and booleans into UInt64 (Int64 in the core, the dtype nearest it) by
    # min/max/first/dense; the core gives Float64 for every other rank.
    return _AsPandas(out, _uint64, "UInt64") if out._core.dtype == "Int64" else out


def frame_shift(self, periods=1, freq=None, axis=0, fill_value=None, suffix=None):
    from cormorant.frame import DataFrame

    several = shifting.periods_list(periods, suffix, axis in (1, "columns"))
    if several is not None:
        return shifting.frame_shift(self, several, freq, fill_value, suffix)
    options = _shift_options(periods, freq, fill_value)
    if _along_columns(axis):
        return rowwise.shift(self, options["periods"], options.get("fill_value"))
    return DataFrame(self._core.window("shift", [], **options))


def frame_diff(self, periods=1, axis=0):
    from cormorant.frame import DataFrame

    periods = _check_shift(periods, None)
    if _along_columns(axis):  # pandas' own definition along the columns
        return self - rowwise.shift(self, periods, None)
    return DataFrame(self._core.window("diff", [], periods=periods))


def frame_pct_change(self, periods=1, fill_method=None, freq=None, axis=0):
    from cormorant.frame import DataFrame

    periods = _check_shift(periods, freq)
    if fill_method is not None:
        raise exceptions.UnsupportedError("pct_change(fill_method=...) is not supported (pandas 3 does not fill)")
    if _along_columns(axis):  # pandas' own definition along the columns
        return self / rowwise.shift(self, periods, None) - 1
    return DataFrame(self._core.window("pct_change", [], periods=periods))


def frame_rank(self, axis=0, method="average", numeric_only=False, na_option="keep", ascending=True, pct=False):
    from cormorant.frame import DataFrame

    options = _check_rank(method, na_option, pct)
    if _along_columns(axis):
        return rowwise.rank(self, method, bool(ascending), bool(pct), na_option, numeric_only)
    if numeric_only:
        from cormorant.summaries import numeric_labels

        columns = numeric_labels(self, decimals_for="rank")
    else:
        columns = []
    return DataFrame(self._core.window("rank", columns, method=method, ascending=bool(ascending), **options))  # Float64


# -- rolling and expanding --------------------------------------------------------------------


class _Window:
    """Rows of a window: the last `window` rows (Rolling) or all rows so far (Expanding)."""

    _op = ""

    def __init__(self, obj, window, min_periods, group=None, center=False, closed=None, offset_us=None, on=None):
        self._obj = obj
        self._window = window
        self._min_periods = min_periods
        self._group = group  # a DataFrameGroupBy: windows within each group
        self._center = bool(center)  # a rolling window centred on the row
        self._closed = closed  # pandas' closed (None: "right")
        self._offset_us = offset_us  # a window by a time offset: its length in microseconds
        self._on = on  # ... over this column (None: the index)

    def __getitem__(self, key):
        """window[column] or window[[columns]]: the same windows over those columns (pandas'
        selection), as selecting them before the window."""
        import copy

        if self._on is not None:
            raise exceptions.UnsupportedError(
                f"selecting columns of a {self._op} window over on={self._on!r} is not supported; select them "
                f"first, with the on column: df[[..., {self._on!r}]].{self._op}(...)")
        if self._group is None and not hasattr(self._obj, "columns") or self._group is not None and self._group._series:
            raise exceptions.InvalidArgumentError(f"this {self._op} window is of one column; it has none to select")
        out = copy.copy(self)
        if self._group is None:
            out._obj = self._obj[key]
        else:
            out._group = self._group[key]
        return out

    def _options(self) -> dict:
        options = dict(periods=self._window, min_periods=self._min_periods, center=self._center)
        if self._closed is not None:
            options["closed"] = self._closed
        if self._offset_us is not None:
            options.update(offset_us=self._offset_us, on=self._on)
        return options

    def _aggregate(self, agg, **options):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        if agg not in _WINDOW_AGGS:
            raise exceptions.UnsupportedError(f"{self._op} {agg!r} is not supported; use one of {', '.join(_WINDOW_AGGS)}")
        kw = dict(self._options(), agg=agg, **options)
        if self._group is not None:
            g = self._group
            frame = DataFrame(g._core().window(self._op, g._columns(), True, **kw))
            if g._index_names is not None:  # keys made for grouping (by a Series...): the group levels' names
                names = list(frame._core.index_names)
                frame = frame.rename_axis(list(g._index_names) + names[len(g._index_names):])
            if g._series:
                return g._series_named(_series_of(frame._core))
            return frame
        if isinstance(self._obj, Series):
            return Series(self._obj._core.window(self._op, **kw))
        return DataFrame(self._obj._core.window(self._op, [], **kw))

    def sum(self):
        return self._aggregate("sum")

    def mean(self):
        return self._aggregate("mean")

    def min(self):
        return self._aggregate("min")

    def max(self):
        return self._aggregate("max")

    def count(self):
        return self._aggregate("count")

    def std(self, ddof=1, numeric_only=False):
        return self._aggregate("std", ddof=_window_ddof(ddof))

    def var(self, ddof=1, numeric_only=False):
        return self._aggregate("var", ddof=_window_ddof(ddof))

    def median(self):
        return self._aggregate("median")

    def agg(self, func):
        if not isinstance(func, str):
            raise exceptions.UnsupportedError("pass the aggregation by name, e.g. .agg('sum')")
        return self._aggregate(func)

    aggregate = agg


class Rolling(_Window):
    _op = "rolling"


class Expanding(_Window):
    _op = "expanding"


class ExponentialMovingWindow(_Window):
    """pandas' ewm: exponentially weighted means, sums, standard deviations and variances of the
    rows so far (within each group after groupby), computed in the engine (engine/ewm_aggregates)."""

    _op = "ewm"

    def __init__(self, obj, com, min_periods, adjust, ignore_na, group=None):
        super().__init__(obj, 1, min_periods, group)
        self._com, self._adjust, self._ignore_na = com, bool(adjust), bool(ignore_na)

    def _options(self) -> dict:
        return dict(com=self._com, min_periods=self._min_periods, adjust=self._adjust, ignore_na=self._ignore_na)

    def mean(self, numeric_only=False):
        return self._aggregate("mean")

    def sum(self, numeric_only=False):
        if not self._adjust:
            raise exceptions.UnsupportedError("ewm sum is not implemented with adjust=False (as in pandas)")
        return self._aggregate("sum")

    def _moment(self, agg, bias):
        if bias:
            raise exceptions.UnsupportedError(f"ewm {agg}(bias=True) is not supported; the default bias=False is")
        if not self._adjust:
            raise exceptions.UnsupportedError(f"ewm {agg} with adjust=False is not supported; mean is")
        return self._aggregate(agg)

    def std(self, bias=False, numeric_only=False):
        return self._moment("std", bias)

    def var(self, bias=False, numeric_only=False):
        return self._moment("var", bias)

    def agg(self, func):
        if func not in ("mean", "sum", "std", "var"):
            raise exceptions.UnsupportedError("ewm supports mean, sum, std and var, by name")
        return getattr(self, func)()

    aggregate = agg

    def __getattr__(self, name):
        if name in ("corr", "cov", "online"):
            raise exceptions.UnsupportedError(f"ewm().{name} is not supported; mean, sum, std and var are")
        raise AttributeError(name)


def _ewm_com(com, span, halflife, alpha) -> float:
    """pandas' center of mass from whichever of com, span, halflife or alpha is given (its
    get_center_of_mass, with its checks); the engine takes alpha = 1 / (1 + com) from it, as
    pandas' kernel does."""
    given = [x for x in (com, span, halflife, alpha) if x is not None]
    if len(given) > 1:
        raise ValueError("comass, span, halflife, and alpha are mutually exclusive")
    if com is not None:
        if com < 0:
            raise ValueError("comass must satisfy: comass >= 0")
    elif span is not None:
        if span < 1:
            raise ValueError("span must satisfy: span >= 1")
        com = (span - 1) / 2
    elif halflife is not None:
        if isinstance(halflife, str) or not pd.api.types.is_number(halflife):
            raise exceptions.UnsupportedError("ewm(halflife=...) takes a number here (times= is not supported)")
        if halflife <= 0:
            raise ValueError("halflife must satisfy: halflife > 0")
        com = 1 / (1 - np.exp(np.log(0.5) / halflife)) - 1
    elif alpha is not None:
        if alpha <= 0 or alpha > 1:
            raise ValueError("alpha must satisfy: 0 < alpha <= 1")
        com = (1 - alpha) / alpha
    else:
        raise ValueError("Must pass one of comass, span, halflife, or alpha")
    return float(com)


def ewm(self, com=None, span=None, halflife=None, alpha=None, min_periods=0, adjust=True, ignore_na=False,
        axis=0, times=None, method="single"):
    """pandas' ewm of a Series, a DataFrame (each column) or a groupby (see ExponentialMovingWindow)."""
    if times is not None or method != "single" or axis not in (0, "index"):
        raise exceptions.UnsupportedError("ewm supports com, span, halflife, alpha, min_periods, adjust and ignore_na "
                                          "(not times, method or axis)")
    center = _ewm_com(com, span, halflife, alpha)
    minimum = 1 if min_periods is None else max(int(min_periods), 1)
    group = self if hasattr(self, "_keys") else None
    if group is not None and self._every_category:
        from cormorant.groupby_observed import refuse

        refuse("ewm")
    return ExponentialMovingWindow(None if group is not None else self, center, minimum, adjust, ignore_na, group)


def _window_ddof(ddof) -> int:
    """A rolling or expanding window's ddof as pandas takes it (its kernels' C int: a float is
    truncated, a bool is 0 or 1; anything else is pandas' TypeError)."""
    if isinstance(ddof, (bool, np.bool_)):
        return int(ddof)
    if isinstance(ddof, (float, np.floating)) and np.isfinite(ddof):
        ddof = int(ddof)
    if not _convert.is_int(ddof):
        raise exceptions.DTypeError(f"ddof: an integer is required, got {ddof!r}")
    return _convert.int64(ddof, "ddof")


def _offset_us(window):
    """The length in microseconds of a rolling window given as a time offset ('2D', '90min', a
    Timedelta, a fixed DateOffset), or None for a number of rows. pandas' rules: a calendar
    frequency ('MS', 'W') is a ValueError."""
    if _convert.is_int(window) or isinstance(window, (int, np.integer)):
        return None
    if not isinstance(window, (str, pd.Timedelta, pd.DateOffset)) and not hasattr(window, "total_seconds"):
        return None
    try:
        offset = pd.tseries.frequencies.to_offset(window)
    except ValueError as e:  # text that is no offset
        raise exceptions.InvalidArgumentError(str(e)) from None
    if not isinstance(offset, (pd.offsets.Tick, pd.offsets.Day)):
        raise exceptions.InvalidArgumentError(f"{offset!r} is a non-fixed frequency")
    nanos = pd.Timedelta(offset).value
    if nanos % 1000:
        raise exceptions.UnsupportedError(f"rolling({window!r}): windows finer than a microsecond are not supported")
    if nanos <= 0:
        raise exceptions.UnsupportedError(f"rolling({window!r}): a time offset of 0 or less is not supported")
    return nanos // 1000


def _rolling_args(window, min_periods, center, win_type, on, closed, step):
    """rolling's options for Rolling: the number of rows (or 1), the offset in microseconds
    (None for a number of rows), closed and on, checked as pandas checks them."""
    if win_type is not None:
        raise exceptions.UnsupportedError("rolling(win_type=...) is not supported")
    if closed not in (None, "right", "both", "left", "neither"):
        raise exceptions.InvalidArgumentError("closed must be 'right', 'left', 'both' or 'neither'")
    if min_periods is not None:
        if not _convert.is_int(min_periods):
            raise exceptions.InvalidArgumentError("min_periods must be an integer")
        if min_periods < 0:
            raise exceptions.InvalidArgumentError("min_periods must be >= 0")
    offset = _offset_us(window)
    if offset is not None:
        if step is not None:
            raise exceptions.UnsupportedError("step is not supported with frequency windows")
        return 1, offset
    if not _convert.is_int(window) or window < 0:
        raise exceptions.InvalidArgumentError("window must be an integer 0 or greater")
    _convert.int64(window, "window")
    if window == 0:
        raise exceptions.UnsupportedError("rolling(0) is not supported")
    if step is not None:
        raise exceptions.UnsupportedError("rolling(step=...) is not supported")
    if on is not None:
        raise exceptions.UnsupportedError("rolling(on=...) is supported with a time offset ('2D'), not a number of rows")
    if min_periods is not None and min_periods > window:
        raise exceptions.InvalidArgumentError(f"min_periods {min_periods} must be <= window {window}")
    return int(window), None


def rolling(self, window, min_periods=None, center=False, win_type=None, on=None, closed=None, step=None, method="single"):
    """pandas' rolling: a window of the last `window` rows, or by a time offset ('2D') over
    the index or the datetime column `on`."""
    _check_method(_is_series(self), "rolling", method)
    periods, offset = _rolling_args(window, min_periods, center, win_type, on, closed, step)
    return Rolling(self, periods, min_periods, center=center, closed=closed, offset_us=offset, on=on)


def expanding(self, min_periods=1, method="single"):
    """pandas' expanding: every row from the first to this one."""
    _check_method(_is_series(self), "expanding", method)
    return Expanding(self, 1, min_periods)


def _is_series(obj) -> bool:
    from cormorant.series import Series

    return isinstance(obj, Series)


def _check_method(is_series: bool, name: str, method) -> None:
    """rolling/expanding's `method`: "single" (column by column) is what the engine computes;
    pandas computes "table" (a function of the whole window of every column) only with
    engine="numba", which cormorant does not have, and refuses it for a Series."""
    if method not in ("single", "table"):
        raise exceptions.InvalidArgumentError("method must be 'table' or 'single")
    if method == "table":
        if is_series:
            raise exceptions.InvalidArgumentError("method='table' not applicable for Series objects.")
        raise exceptions.UnsupportedError(
            f"{name}(method='table') is not supported: pandas computes it only with engine='numba'; "
            "use method='single' (each column on its own)")


# -- groupby ---------------------------------------------------------------------------------


def _group_window(self, op, convert=None, dtype=None, **kw):
    """A window op of the selected columns within each group: the frame's rows and index."""
    from cormorant.frame import DataFrame

    columns = [] if op == "cumcount" else self._columns()
    if op in ("cumsum", "cumprod") or (op == "transform" and kw.get("agg") in _narrow.WIDENED):
        narrow = _narrow.narrow_dtypes(self, columns, op if op != "transform" else f"transform({kw['agg']!r})")
        if narrow:  # pandas' dtype depends on the values (groupby_narrow): summed as Int64
            out = _group_window(_narrow.widened(self, {c: c for c in narrow}), op, convert, dtype, **kw)
            return _narrow.narrowed(out, {out.name: narrow[columns[0]]} if self._series else narrow)
    frame = DataFrame(self._core().window(op, columns, False, **kw))
    if self._series or op == "cumcount":
        out = _series_of(frame._core, None, rename=op == "cumcount")
        out = out if op == "cumcount" else self._series_named(out)
    else:
        out = frame
    return _AsPandas(out, convert, dtype) if convert else out


def _group_cumulative(op):
    def method(self, numeric_only=False, skipna=True, *args, **kwargs):
        out = _group_window(self, op)
        if skipna:
            return out
        # pandas' skipna=False: missing from the first missing value of the group on (in each
        # column): a group's running max of isna() over the same keys and rows masks it.
        import copy

        from cormorant.frame import DataFrame

        missing = copy.copy(self)  # the same groups, selection and names, of the isna() of the values
        for column in self._columns():
            missing._frame = DataFrame(missing._frame._assigned(column, missing._frame[column].isna()))
        return out.mask(_group_window(missing, "cummax"))

    method.__name__ = op
    return method


def group_shift(self, periods=1, freq=None, fill_value=None, suffix=None):
    several = shifting.periods_list(periods, suffix)
    if several is not None:
        return shifting.group_shift(self, several, freq, fill_value, suffix)
    return _group_window(self, "shift", **_shift_options(periods, freq, fill_value))


def group_diff(self, periods=1):
    periods = _check_shift(periods, None)
    return _group_window(self, "diff", periods=periods)


def group_pct_change(self, periods=1, fill_method=None, freq=None):
    periods = _check_shift(periods, freq)
    if fill_method is not None:
        raise exceptions.UnsupportedError("pct_change(fill_method=...) is not supported (pandas 3 does not fill)")
    return _group_window(self, "pct_change", periods=periods)


def group_rank(self, method="average", ascending=True, na_option="keep", pct=False):
    options = _check_rank(method, na_option, pct)
    return _group_window(self, "rank", method=method, ascending=bool(ascending), **options)  # Float64, as pandas' groupby rank


def group_cumcount(self, ascending=True):
    """Each row's number within its group, from 0 (from the group's end when not ascending)."""
    return _group_window(self, "cumcount", convert=_count_dtype, dtype=_count_dtype_name, ascending=bool(ascending))


def group_transform(self, func, *args, **kwargs):
    """pandas' groupby transform by name: an aggregate of each group on each of its rows, or a
    transformation (cumsum, shift, rank...), which is the groupby's own method."""
    name = func if isinstance(func, str) else getattr(func, "__name__", None)
    if name in _TRANSFORM_KERNELS:
        return getattr(self, name)(*args, **kwargs)
    if name not in _TRANSFORM_AGGS:
        named = ", ".join(_TRANSFORM_AGGS + _TRANSFORM_KERNELS)
        if name in _TRANSFORM_REFUSED:
            raise exceptions.UnsupportedError(
                f"transform({name!r}) is not supported; compute g.agg({name!r}) and merge it back on the keys, "
                f"or use one of {named}")
        raise exceptions.UnsupportedError(f"transform({func!r}) is not supported; use one of {named} (by name)")
    if name == "nunique":  # pandas: float64 where a row without a group gives NaN, as cumcount
        return _AsPandas(_group_window(self, "transform", agg=name), _count_dtype, _count_dtype_name)
    if name == "size":
        out = _group_window(self, "transform", agg="size")
        # pandas: one Series of the group sizes (unnamed), whatever columns a frame's groupby selects
        return out if self._series else _series_of(out._core, None, rename=True)
    return _group_window(self, "transform", agg=name)


def group_rolling(self, window, min_periods=None, center=False, win_type=None, on=None, closed=None, step=None,
                  method="single"):
    _check_method(self._series, "rolling", method)
    if self._every_category:
        from cormorant.groupby_observed import refuse

        refuse("rolling")
    periods, offset = _rolling_args(window, min_periods, center, win_type, on, closed, step)
    if offset is not None and self._series and on is not None:  # pandas: a Series has no columns to roll on
        raise exceptions.InvalidArgumentError(
            f"invalid on specified as {on}, must be a column (of DataFrame), an Index or None")
    return Rolling(None, periods, min_periods, group=self, center=center, closed=closed, offset_us=offset, on=on)


def group_expanding(self, min_periods=1, method="single"):
    _check_method(self._series, "expanding", method)
    if self._every_category:
        from cormorant.groupby_observed import refuse

        refuse("expanding")
    return Expanding(None, 1, min_periods, group=self)
