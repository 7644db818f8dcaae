"""Summaries built from the core's reductions and windows: pandas' result of a DataFrame
reduction (reduction_result); DataFrame quantile, describe, idxmax/idxmin and
corrwith (by_columns labels a frame's reductions by its columns axis); Series and DataFrame mode, agg, monotonicity, corr / cov / autocorr, case_when and divmod."""

from __future__ import annotations

import functools

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions


def by_columns(method):
    """`method`, a reduction whose pandas result is labelled by the frame's columns (a Series'
    index; a frame's columns, and its index too when it holds column labels, as corr's), with
    those labels on pandas' columns axis: a MultiIndex of tuple labels, with the level names and
    dtypes the frame's columns have, as pandas labels them."""
    @functools.wraps(method)
    def labelled(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        levels = self._core.column_levels
        if not levels or not isinstance(result, (pd.Series, pd.DataFrame)):
            return result
        known = set(self._core.columns)
        for axis in ("index", "columns") if isinstance(result, pd.DataFrame) else ("index",):
            labels = list(getattr(result, axis))
            if all(label in known for label in labels) and (labels or axis == "columns" or isinstance(result, pd.Series)):
                setattr(result, axis, _convert.columns_index(labels, levels))
        return result
    return labelled


def by_axis(func: str):
    """DataFrame.<func> with pandas' `axis`: 0 / "index" reduces each column (the method
    itself), 1 / "columns" each row (along_rows)."""
    def decorate(method):
        @functools.wraps(method)
        def reduce(self, axis=0, **kwargs):
            if axis is None or axis not in (0, 1, "index", "columns"):
                raise exceptions.UnsupportedError(
                    f"DataFrame.{func}(axis={axis!r}) is not supported; use axis=0 (each column) or 1 (each row)")
            if axis in (0, "index"):
                return method(self, **kwargs)
            return along_rows(self, func, **kwargs)
        return reduce
    return decorate


def along_rows(frame, func: str, skipna: bool = True, numeric_only: bool = False, bool_only: bool = False, **other):
    """pandas' DataFrame.<func>(axis=1): a cormorant Series of each row's reduction, computed in
    the engine (the core's row_<func>, or row_<func>_na for skipna=False), with pandas' dtype."""
    from cormorant.series import Series

    min_count, ddof = other.pop("min_count", 0), other.pop("ddof", 1)
    if other:
        raise exceptions.UnsupportedError(f"DataFrame.{func}(axis=1) does not take {', '.join(other)} yet")
    check_reduce_arguments(f"DataFrame.{func}(axis=1)", skipna, min_count, ddof)
    # (numeric_only keeps Int8..UInt64 columns, which pandas counts as numbers: the core refuses them)
    kinds = ("boolean",) if bool_only else ("Int64", "Float64", "boolean", *_convert.NARROW_INTEGERS) if numeric_only else None
    if kinds is not None:
        frame = frame[[label for label, dtype in frame._core.dtypes if dtype in kinds]]
    name = f"row_{func}" if skipna or func == "count" else f"row_{func}_na"
    out = Series(frame._core.call_rows(name))
    if min_count > 0:  # pandas: <NA> where a row has fewer values
        out = out.where(Series(frame._core.call_rows("row_count")) >= int(min_count))
    if func in ("std", "var") and int(ddof) != 1:
        out = _rows_with_ddof(frame, func, name, int(ddof))  # (pandas truncates a float ddof)
    return out


def _rows_with_ddof(frame, func: str, name: str, ddof: int):
    """DataFrame.var/std(axis=1, ddof=...): each row's sum of squared deviations (the core's
    variance with ddof 1, times n - 1; 0 for one value or none) over n - ddof, <NA> where
    n <= ddof, as pandas."""
    from cormorant.series import Series

    n = Series(frame._core.call_rows("row_count"))
    variance = Series(frame._core.call_rows(name.replace("std", "var")))
    squares = (variance * (n - 1)).where(n >= 2, 0.0)
    valid = n > ddof  # (no values, ddof < 0: 0, as pandas' sum of no squares over n - ddof)
    if name.endswith("_na"):  # skipna=False: <NA> where the row misses a value
        valid = valid & (n == len(frame.columns))
    out = (squares / (n - ddof)).where(valid)
    return out ** 0.5 if func == "std" else out


#: The dtypes pandas' numeric_only keeps (booleans, Int8..UInt64 and decimals count as numbers).
NUMERIC = (*_convert.MASKED, _convert.DECIMAL)


def check_reduce_arguments(what: str, skipna, min_count, ddof) -> None:
    """pandas' checks of a reduction's skipna, min_count and ddof (ValueError / TypeError)."""
    if not isinstance(skipna, (bool, np.bool_)):
        raise ValueError(f'For argument "skipna" expected type bool, received type {type(skipna).__name__}.')
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)):
        raise exceptions.DTypeError(f"{what}: min_count must be an integer, got {min_count!r}")
    if isinstance(ddof, bool) or not isinstance(ddof, (int, float, np.integer, np.floating)):
        raise exceptions.DTypeError(f"{what}: ddof must be a number, got {ddof!r}")


_REDUCTIONS = ("sum", "mean", "min", "max", "count", "median", "std", "var", "nunique", "prod", "skew", "kurt",
               "any", "all", "idxmax", "idxmin", "size", "first", "last")


def reduction_result(func: str, cells):
    """pandas' result of a DataFrame reduction from (label, value, dtype name) per column.

    The engine computed every value; pandas itself reduces a one-row frame of them, so the
    result's dtype follows pandas' rules exactly (e.g. Int64 and Float64 columns give Float64).
    """
    labels = [label for label, _, _ in cells]
    index = pd.Index(labels, dtype=None if labels else object)
    if func in ("count", "nunique"):
        return pd.Series([value for _, value, _ in cells], index=index, dtype="int64")
    timedeltas = [dtype == _convert.TIMEDELTA for _, _, dtype in cells]
    if func in ("mean", "median", "std") and any(timedeltas):
        if not all(timedeltas):
            raise exceptions.UnsupportedError(
                f"DataFrame.{func} of timedelta columns with columns of other dtypes is not supported; "
                "select the timedelta columns (select_dtypes('timedelta')) or the numeric ones"
            )
        values = [_convert.engine_scalar(v, _convert.TIMEDELTA) if v is not None else pd.NaT for _, v, _ in cells]
        return pd.Series(values, index=index, dtype=_convert.pandas_dtype(_convert.TIMEDELTA))
    decimal_mean = func == "mean" and any(dtype == _convert.DECIMAL for _, _, dtype in cells)
    if func in ("mean", "median", "std", "var", "skew", "kurt") and not decimal_mean:
        return pd.Series([pd.NA if v is None else v for _, v, _ in cells], index=index, dtype="Float64")
    columns = {}
    for label, value, dtype in cells:
        if dtype in (_convert.TIMEDELTA, _convert.DECIMAL) and value is not None:
            value = _convert.engine_scalar(value, dtype)
        result_dtype = "Float64" if func in ("sum", "prod") and dtype == "Float64" else dtype
        if decimal_mean and dtype != _convert.DECIMAL:  # (a decimal's mean is a decimal, the others' Float64)
            result_dtype = "Float64"
        if func in ("sum", "prod") and dtype == "boolean":
            result_dtype = "Int64"
        if func in ("sum", "prod") and dtype in _convert.NARROW_INTEGERS:  # as the core computed them
            result_dtype = "UInt64" if dtype.startswith("U") else "Int64"
        columns[label] = pd.array([value], dtype=_convert.pandas_dtype(result_dtype))
    one_row = pd.DataFrame(columns, index=[0], columns=labels)
    return getattr(one_row, func)(skipna=False)


def mode(series, dropna: bool = True):
    """pandas' Series.mode: the most frequent values, sorted (a missing value last when
    dropna=False, but NaT first, as pandas sorts datetime64), with a default index and the
    Series' name and dtype."""
    counts = series.value_counts(dropna=dropna, sort=False)
    top = counts.max()
    if top is pd.NA or top is None:  # no values at all
        return series.head(0).reset_index(drop=True)
    frame = counts[counts == top].reset_index()
    value = frame.columns[0]
    missing_first = series._core.dtype.startswith("datetime64")
    out = frame.sort_values(value, na_position="first" if missing_first else "last").reset_index(drop=True)[value]
    return out.rename(series.name)


def frame_mode(frame, axis=0, numeric_only: bool = False, dropna: bool = True):
    """pandas' DataFrame.mode: each column's modes (Series.mode, a query each for the largest
    count) side by side, lined up by position as pandas puts them together: a column with fewer
    modes is missing below them."""
    from cormorant.frame import DataFrame

    if axis not in (0, "index"):
        raise exceptions.UnsupportedError(f"DataFrame.mode(axis={axis!r}) (each row's modes) is not supported; "
                                          "only axis=0")
    labels = numeric_labels(frame) if numeric_only else list(frame._core.columns)
    if not labels:
        return DataFrame(frame._core.select([])).reset_index(drop=True).head(0)
    return DataFrame({label: mode(frame[label], dropna=dropna) for label in labels})


# The reductions a DataFrame computes along each row (axis=1).
_ROW_REDUCTIONS = ("sum", "prod", "min", "max", "count", "mean", "median", "std", "var", "sem", "any", "all")


def agg_rows(frame, func):
    """pandas' DataFrame.agg(func, axis=1): a reduction name gives that reduction of each row
    (a cormorant Series), a list of names a frame with a column of each, one plan."""
    from cormorant.columnwise import _with_columns

    names = list(func) if isinstance(func, (list, tuple)) else [func]
    for name in names:
        if not isinstance(name, str) or name not in _ROW_REDUCTIONS:
            raise exceptions.UnsupportedError(
                f"DataFrame.agg(axis=1) takes reduction names ({', '.join(_ROW_REDUCTIONS)}), got {name!r}")
    if not isinstance(func, (list, tuple)):
        return getattr(frame, func)(axis=1)
    if len(set(names)) < len(names):
        raise exceptions.InvalidArgumentError("Function names must be unique if there is no new column names assigned")
    return _with_columns(frame[[]], {name: getattr(frame, name)(axis=1) for name in names})


def agg(series, func=None, axis=0, *args, **kwargs):
    """pandas' Series.agg: one reduction by name (a scalar), a plain function f (f(series, *args,
    **kwargs), the cormorant Series, as pandas calls it), a list of them (a pandas Series indexed
    by their names, `<lambda>` for a lambda, as pandas), or named ones (agg(total="sum"))."""
    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"agg: no axis {axis!r} for a Series")
    if func is None and kwargs and not args:
        return _values_by_label(series, list(kwargs), list(kwargs.values()))
    if callable(func) and not isinstance(func, str):
        return func(series, *args, **kwargs)
    if args or kwargs:
        raise exceptions.UnsupportedError("Series.agg by name takes no extra arguments")
    if not isinstance(func, (list, tuple)):
        return _value(series, func)
    from cormorant.groupby_apply import callable_name

    return _values_by_label(series, [callable_name(f) for f in func], func)


def at_once(series, funcs) -> dict | None:
    """Several reductions of `series` by name (min, max, count, size, ...: groupby's aggregates),
    in one query: {name: pandas value}, or None for no rows (see specs_at_once)."""
    frame = series._core.to_frame()
    label = list(frame.columns)[0]
    values = specs_at_once(frame, [(f"__{f}__", label, f) for f in funcs])
    return None if values is None else {f: values[f"__{f}__"] for f in funcs}


def specs_at_once(core, specs) -> dict | None:
    """Aggregates of all the rows of the frame `core` in one query (one group of them all):
    specs (name, column, function[, q, other]) as groupby's agg takes them; {name: pandas
    value}, or None for no rows (no group)."""
    from cormorant.frame import DataFrame
    from cormorant.groupby import _core_specs

    key = "__all__"
    while key in core.columns:
        key = "_" + key
    assigned = core.assign_value(key, 1)
    grouped = assigned.groupby([list(assigned.columns)[-1]], True, False, True)
    row = DataFrame(grouped.agg(_core_specs(specs))).to_pandas()
    return {spec[0]: row[spec[0]].iloc[0] for spec in specs} if len(row) else None


def _value(series, func):
    """One value of Series.agg: a reduction by name, or f(series) of a plain function."""
    if callable(func) and not isinstance(func, str):
        return func(series)
    if not isinstance(func, str) or func not in _REDUCTIONS:
        raise exceptions.UnsupportedError(
            f"Series.agg takes reduction names ({', '.join(_REDUCTIONS)}) or functions, got {func!r}")
    return series.size if func == "size" else getattr(series, func)()


def _values_by_label(series, labels, funcs):
    """A pandas Series of each function's value (scalars), labelled."""
    values = [_value(series, f) for f in funcs]
    for label, value in zip(labels, values):
        if not pd.api.types.is_scalar(value):
            raise exceptions.UnsupportedError(
                f"Series.agg: {label} gave a {type(value).__name__}; in a list each function must give one value")
    return pd.Series(values, index=pd.Index(labels), name=series.name)


def frame_agg_functions(frame, func):
    """DataFrame.agg of a dict {column: function or list of them} or of a list holding plain
    functions: each column's Series.agg (see agg), put together as pandas' agg does (rows by
    function and a column each; a dict of single functions: a Series by column)."""
    if isinstance(func, dict):
        missing = [c for c in func if c not in frame._core.columns]
        if missing:
            raise exceptions.ColumnNotFoundError(f"Label(s) {missing} do not exist")
        if not any(pd.api.types.is_list_like(f) for f in func.values()):
            return pd.Series([agg(frame[c], f) for c, f in func.items()], index=list(func))
        pairs = [(c, list(f) if pd.api.types.is_list_like(f) else [f]) for c, f in func.items()]
    else:
        pairs = [(c, list(func)) for c in frame._core.columns]
    return pd.concat([agg(frame[c], fs) for c, fs in pairs], keys=[c for c, _ in pairs], axis=1)


def is_monotonic(series, increasing: bool) -> bool:
    """pandas' is_monotonic_increasing/decreasing: every value at least (at most) the one
    before it, in row order, and none missing; True for no rows. One query."""
    before = series.shift(1)
    step = (series >= before) if increasing else (series <= before)
    # (the first row has no value before it: NaT there compares False, not <NA>, for times)
    return bool(((step.fillna(False) | before.isna()) & series.notna()).all())


def lined_up(series, other):
    """A frame of `series` (column "x") and the cormorant Series `other` ("y") on the rows of
    `series`, `other` lined up on its index as pandas aligns an assigned Series."""
    frame = series.to_frame(name="x")
    frame["y"] = other
    return frame


def _aligned_pair(series, other, name: str):
    from cormorant.series import Series

    if not isinstance(other, Series):
        raise exceptions.UnsupportedError(f"Series.{name} takes a cormorant Series, got {type(other).__name__}")
    return lined_up(series, other)


def corr(series, other, method: str = "pearson", min_periods=None):
    """Pearson's (Spearman's, Kendall's tau-b) correlation with `other` over the rows where both
    are present (NaN when fewer than `min_periods`; see correlation.frame_corr)."""
    from cormorant.correlation import frame_corr

    pair = _aligned_pair(series, other, "corr")
    if method == "kendall":
        from cormorant import kendall

        return kendall.series_corr(pair, min_periods)
    if method == "pearson" and min_periods is None:
        return _pairwise_value(pair, "corr")
    return float(frame_corr(pair, method=method, min_periods=min_periods).iloc[0, 1])


def cov(series, other, min_periods=None, ddof: int = 1):
    """Sample covariance with `other` over the rows where both are present (NaN when fewer
    than `min_periods`)."""
    from cormorant.correlation import frame_cov, with_ddof

    pair = _aligned_pair(series, other, "cov")
    if ddof is not None and ddof != 1:  # NumPy's cov of the rows where both are present, as pandas' nancov
        n = int((pair["x"].notna() & pair["y"].notna()).sum())
        if n < (1 if min_periods is None else int(min_periods)):
            return float("nan")
        return float(with_ddof(np.array([[_pairwise_value(pair, "cov")]]), n, ddof)[0, 0])
    if min_periods is None:
        return _pairwise_value(pair, "cov")
    return float(frame_cov(pair, min_periods=min_periods).iloc[0, 1])


def _pairwise_value(frame, func: str):
    value = frame._core.pairwise(func, ["x", "y"])[1]
    return float("nan") if value is None else value


def autocorr(series, lag: int = 1):
    """The correlation of the Series with itself shifted by `lag` rows."""
    return corr(series, series.shift(lag))


def corrwith(frame, other, axis=0, drop: bool = False, method: str = "pearson", numeric_only: bool = False,
             min_periods=None):
    """pandas' DataFrame.corrwith: each numeric column's correlation (Pearson's, Spearman's or Kendall's,
    NaN with fewer than `min_periods` rows where both are present) with `other` (a Series), or
    with the same-labelled column of `other` (a DataFrame; labels on one side only give NaN
    unless drop=True)."""
    from cormorant.series import Series

    if axis not in (0, "index"):
        raise exceptions.UnsupportedError("corrwith supports axis=0")
    if method not in ("pearson", "spearman", "kendall"):
        raise exceptions.UnsupportedError(
            f"corrwith(method={method!r}) is not supported; cormorant computes 'pearson', 'spearman' and 'kendall'")
    labels = numeric_labels(frame, decimals_for="corrwith")
    if isinstance(other, Series):
        return pd.Series([corr(frame[c], other, method, min_periods) for c in labels], index=pd.Index(labels),
                         dtype="float64")
    theirs = numeric_labels(other)
    both = [c for c in labels if c in theirs]
    # (pandas' Spearman and Kendall of two frames leave min_periods unused: nanops.nancorr's default, 1)
    out = {c: corr(frame[c], other[c], method, min_periods if method == "pearson" else None) for c in both}
    if not drop:
        for c in sorted(set(labels).union(theirs) - set(both), key=str):
            out[c] = float("nan")
    # (pandas' Pearson of two frames of nullable columns is Float64; its other methods, and
    # anything with a Series, float64)
    return pd.Series(list(out.values()), index=pd.Index(list(out)), dtype="Float64" if method == "pearson" else "float64")


def case_when(series, caselist):
    """pandas' Series.case_when: the value of the first condition that holds, else the
    Series' own value. Conditions are boolean Series (or callables of the Series);
    replacements scalars or Series (aligned on the index). As in pandas, a missing condition
    counts as holding."""
    from cormorant.series import Series

    if not isinstance(caselist, list) or not all(isinstance(c, tuple) and len(c) == 2 for c in caselist):
        raise exceptions.InvalidArgumentError("case_when takes a list of (condition, replacement) tuples")
    result = series
    for cond, replacement in reversed(caselist):
        cond = cond(series) if callable(cond) else cond
        replacement = replacement(series) if callable(replacement) else replacement
        if isinstance(replacement, Series):
            result = result.copy()  # setting cells changes only the copy (pandas 3 copy-on-write)
            result.loc[cond.fillna(True)] = replacement
        else:
            result = result.mask(cond, replacement)
    return result


def divmod_(series, other, level=None, fill_value=None, axis=0):
    """(series // other, series % other), as pandas' divmod (see _divmod; `fill_value` and
    `level` as the other flex methods take them)."""
    return _flex_divmod(series, other, level, fill_value, axis, "divmod")


def rdivmod(series, other, level=None, fill_value=None, axis=0):
    """(other // series, other % series), as pandas' rdivmod (see _divmod)."""
    return _flex_divmod(series, other, level, fill_value, axis, "rdivmod")


def _flex_divmod(series, other, level, fill_value, axis, name):
    """pandas' flex divmod: aligned on the index (or a level's labels broadcast, see
    by_level), `fill_value` standing for a value only one side lacks (for a scalar: this
    Series' missing values), then _divmod."""
    from cormorant import by_level
    from cormorant.series import Series

    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
    fill = None if fill_value is None or (isinstance(fill_value, float) and fill_value != fill_value) else fill_value

    def apply(left, right):
        if fill is not None and isinstance(right, Series):
            left, right = left.align(right)
            left, right = left.mask(left.isna() & right.notna(), fill), right.mask(right.isna() & left.notna(), fill)
        elif fill is not None:
            left = left.fillna(fill)
        return _divmod(left, right) if name == "divmod" else _divmod(right, left)

    if level is not None:
        return by_level.series_binary(series, None, other, level, fill_value, False, name, apply=apply)
    return apply(series, other)


def _divmod(dividend, divisor):
    """pandas' divmod of nullable values: both parts are <NA> where the divisor is 0 (where
    `//` alone gives ±inf or 0), and integers divided by a 0 give Float64. Whether an integer
    Series divisor holds a 0 decides pandas' dtype, so that case counts its zeros first (one
    query)."""
    from cormorant.series import Series

    def integer(x):
        if isinstance(x, Series):
            return x._core.dtype == "Int64"
        return isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_))

    zero = (divisor == 0).fillna(False) if isinstance(divisor, Series) else bool(divisor == 0)
    if integer(dividend) and integer(divisor) and (bool(zero.any()) if isinstance(zero, Series) else zero):
        divisor = divisor.astype("Float64") if isinstance(divisor, Series) else float(divisor)
    quotient, remainder = dividend // divisor, dividend % divisor
    if isinstance(zero, Series):
        return quotient.mask(zero), remainder.mask(zero)
    if zero:
        every = quotient.isna() | quotient.notna()
        return quotient.mask(every), remainder.mask(every)
    return quotient, remainder


# -- DataFrame statistics --------------------------------------------------------------


def quantile_table(frame, qs) -> pd.DataFrame:
    """pandas' DataFrame.quantile(list): one row per q (a float64 index), one Float64 column
    per numeric column, every value from one query. pandas keeps Int64 for an Int64 column
    holding <NA> whose quantiles are all whole numbers (or all <NA>); so does this."""
    qs = [float(q) for q in qs]
    dtypes = dict(frame._core.dtypes)
    columns = {}
    for label, values, has_missing in frame._core.quantiles(qs):
        whole = all(v is None or float(v).is_integer() for v in values)
        dtype = "Int64" if dtypes[label] == "Int64" and has_missing and whole else "Float64"
        columns[label] = pd.array([pd.NA if v is None else v for v in values], dtype=dtype)
    index = pd.Index(qs, dtype="float64")
    return pd.DataFrame(columns, index=index, columns=pd.Index(list(columns), dtype=None if columns else object))


def frame_quantile(frame, q=0.5, *, axis=0, numeric_only: bool = True, interpolation: str = "linear",
                   method: str = "single"):
    """The q quantile of each numeric column (linear interpolation in one query; pandas' other
    interpolations by cormorant.quantiles), or with axis=1 of each row (the core's row_quantile
    for linear interpolation, cormorant.rowwise for pandas' others), as pandas; method="table"
    is not supported."""
    from cormorant import quantiles

    quantiles.check_interpolation(interpolation)
    if method != "single":
        raise exceptions.UnsupportedError(f"DataFrame.quantile(method={method!r}) is not supported; method='single'")
    if axis not in (0, 1, "index", "columns"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
    if not numeric_only:
        raise exceptions.UnsupportedError("quantile of non-numeric columns is not supported; numeric_only=True")
    if axis in (1, "columns"):  # (pandas counts booleans as numbers along rows)
        numeric = frame[numeric_labels(frame, decimals_for="quantile")]
        if interpolation != "linear":
            from cormorant import rowwise

            return rowwise.quantile(numeric, q, interpolation)
        return _row_quantile(numeric, q)
    numeric = frame[numeric_labels(frame, booleans=False, decimals_for="quantile")]  # pandas leaves booleans out
    if interpolation != "linear":
        return quantiles.frame_quantile(numeric, q, interpolation)
    if pd.api.types.is_list_like(q):
        return quantile_table(numeric, q)
    pairs = numeric._core.quantile(float(q))
    return pd.Series([v for _, v in pairs], index=pd.Index([k for k, _ in pairs]), dtype="Float64", name=q)


def _row_quantile(numeric, q):
    """DataFrame.quantile(q, axis=1): each row's q quantile of its numeric values (missing ones
    skipped, linear interpolation), a Float64 Series named q, in the engine."""
    from cormorant.series import Series

    if pd.api.types.is_list_like(q):
        raise exceptions.UnsupportedError(
            "quantile(a list, axis=1) is not supported (its rows would be the frame's columns); pass one q")
    if not 0 <= float(q) <= 1:
        raise exceptions.InvalidArgumentError(f"percentiles should all be in the interval [0, 1], got {q!r}")
    if not len(numeric.columns):
        raise exceptions.UnsupportedError("DataFrame.quantile(axis=1) of a frame without numeric columns is not supported")
    return Series(numeric._core.call_rows("row_quantile", [float(q)])).rename(q)


def numeric_labels(frame, booleans: bool = True, decimals_for: str | None = None) -> list:
    """The labels of the numeric columns (and boolean ones, unless booleans=False). pandas counts
    decimals as numbers where it computes `decimals_for` (quantile, corr, ...) in floats: given
    it, a decimal column raises DTypeError naming it instead of being silently left out."""
    kinds = ("Int64", "Float64", *_convert.NARROW_INTEGERS) + (("boolean",) if booleans else ())
    if decimals_for:
        _convert.refuse_decimals(dict(frame._core.dtypes), [label for label, _ in frame._core.dtypes], decimals_for)
    return [label for label, dtype in frame._core.dtypes if dtype in kinds]


def frame_describe(frame, percentiles=None, include=None, exclude=None):
    """pandas' DataFrame.describe: each selected column described as its dtype is (see
    describe_1d), the rows in pandas' order (the shortest descriptions' names first)."""
    percentiles = _describe_percentiles(percentiles)
    if len(frame.columns) == 0:
        raise ValueError("Cannot describe a DataFrame without columns")
    if include is None and exclude is None:  # numbers and datetimes, else every column
        data = frame.select_dtypes(include=[np.number, "datetime"])
        if len(data.columns) == 0:
            data = frame
    elif isinstance(include, str) and include == "all":
        if exclude is not None:
            raise ValueError("exclude must be None when include is 'all'")
        data = frame
    else:
        data = frame.select_dtypes(include=include, exclude=exclude)
        if len(data.columns) == 0:
            raise ValueError("No columns match the specified include or exclude data types")
    columns = [data.iloc[:, i] for i in range(len(data.columns))]
    known = _described_together(data, columns, percentiles)
    described = [describe_1d(series, percentiles, k) for series, k in zip(columns, known)]
    names, seen = [], set()
    for index in sorted((d.index for d in described), key=len):
        for name in index:
            if name not in seen:
                seen.add(name)
                names.append(name)
    out = pd.concat(described, axis=1, ignore_index=True, sort=False).reindex(names)
    out.columns = data.columns.copy()
    return out


def describe_1d(series, percentiles, known=None) -> pd.Series:
    """pandas' description of one column: count, mean, std, min, the percentiles and max of
    numbers and timedeltas (Float64; timedeltas as Timedeltas), the same but std of datetimes
    (Timestamps, an object Series); count, unique, top (the most
    frequent value, the first seen among equals) and freq of text, booleans and categoricals.
    `known`: (its reductions, its percentiles or None) already computed (_described_together)."""
    dtype = series.dtype
    name = series.name
    kind, funcs = _describe_funcs(dtype)
    stats, quantiles = known if known is not None else (_stats(series, funcs), None)
    if kind != "other":
        if quantiles is None:
            quantiles = series.quantile(list(percentiles)).tolist() if len(percentiles) else []
        values = [*(stats[f] for f in funcs[:-1]), *quantiles, stats["max"]]
        index = [*funcs[:-1], *_percentile_names(percentiles), "max"]
        if kind == "times":  # pandas: an object Series
            return pd.Series(values, index=index, name=name, dtype=object)
        return pd.Series(values, index=index, name=name, dtype=None if dtype.kind == "m" else "Float64")
    # (value_counts orders equal counts by first appearance; sorted again, stably, a partial
    # mode's counts get an order too: any of the most frequent values is its top)
    top = series.value_counts().sort_values(ascending=False).head(1).to_pandas()
    if stats["nunique"]:
        return pd.Series([stats["count"], stats["nunique"], top.index[0], top.iloc[0]],
                         index=["count", "unique", "top", "freq"], name=name)
    return pd.Series([stats["count"], 0, np.nan, np.nan], index=["count", "unique", "top", "freq"], name=name,
                     dtype="object")


def _describe_funcs(dtype) -> tuple[str, list]:
    """(kind, the reductions describe shows) of a column of `dtype`: "numbers" (and durations),
    "times" (datetimes: no std) or "other" (text, booleans, categoricals)."""
    if not pd.api.types.is_bool_dtype(dtype) and (pd.api.types.is_numeric_dtype(dtype) or dtype.kind == "m"):
        return "numbers", ["count", "mean", "std", "min", "max"]
    if dtype.kind == "M" or isinstance(dtype, pd.DatetimeTZDtype):
        return "times", ["count", "mean", "min", "max"]
    return "other", ["count", "nunique"]


def _described_together(data, columns, percentiles) -> list:
    """Per column of `data` (its Series `columns`), (its reductions, its percentiles or None) for
    describe_1d: every column's reductions in one query, the percentiles of the numbers (not
    durations) in another; None each for labels that repeat or MultiIndex columns."""
    labels = list(data._core.columns)
    if data._core.column_levels or len(set(labels)) < len(labels):
        return [None] * len(labels)
    funcs = [_describe_funcs(series.dtype) for series in columns]
    found = specs_at_once(data._core, [(f"__{i}_{f}__", label, f)
                                       for i, (label, (_, fs)) in enumerate(zip(labels, funcs)) for f in fs])
    stats = [_no_rows(series, fs) if found is None else {f: found[f"__{i}_{f}__"] for f in fs}
             for i, (series, (_, fs)) in enumerate(zip(columns, funcs))]
    plain = [label for label, series, (kind, _) in zip(labels, columns, funcs) if kind == "numbers" and
             series.dtype.kind != "m"]
    table = quantile_table(data[plain], percentiles) if plain and len(percentiles) else None
    return [(stat, table[label].tolist() if table is not None and label in table.columns else None)
            for label, stat in zip(labels, stats)]


def _stats(series, funcs) -> dict:
    """The reductions `funcs` of `series` in one query (at_once); with no rows _no_rows'."""
    values = at_once(series, funcs)
    return _no_rows(series, funcs) if values is None else values


def _no_rows(series, funcs) -> dict:
    """The reductions `funcs` of no rows as the Series' methods give them: counts 0, else NaT
    for times and durations, <NA> for the others."""
    missing = pd.NaT if series._core.dtype.startswith(("datetime64", "timedelta64")) else pd.NA
    return {f: 0 if f in ("count", "nunique", "size") else missing for f in funcs}


def _describe_percentiles(percentiles) -> np.ndarray:
    """pandas' percentiles of describe: [.25, .5, .75] by default, else the given ones sorted,
    each in [0, 1] and none repeated."""
    if percentiles is None:
        return np.array([0.25, 0.5, 0.75])
    values = np.asarray(percentiles, dtype=float).reshape(-1)
    if ((values < 0) | (values > 1)).any():
        raise ValueError("percentiles should all be in the interval [0, 1]")
    unique = np.unique(values)
    if len(unique) < len(values):
        raise ValueError("percentiles cannot contain duplicates")
    return unique


def _percentile_names(percentiles) -> list:
    """The row names pandas gives percentiles ('25%', '33.3%', ...)."""
    from pandas.io.formats.format import format_percentiles

    return list(format_percentiles(percentiles))


def labels_of(frame, func: str, axis, skipna: bool, numeric_only: bool):
    """idxmax / idxmin of every column (one query): a pandas Series of row labels, in the
    index's dtype."""
    if axis not in (0, "index"):
        raise exceptions.UnsupportedError(f"{func}(axis={axis!r}) is not supported; only axis=0 (per column)")
    pairs = frame._core.aggregate(func, skipna, numeric_only)
    index_dtype = frame._core.reset_index(False).dtypes[0][1]
    labels = [label for label, _ in pairs]
    values = [_convert.engine_scalar(value, index_dtype) for _, value in pairs]
    return pd.Series(values, index=pd.Index(labels, dtype=None if labels else object),
                     dtype=_convert.pandas_dtype(index_dtype))
