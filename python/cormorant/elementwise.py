"""pandas' elementwise and missing-data Series methods, and numpy ufuncs on a Series.

Each is a registered engine function (cpp/src/plan/functions/math.cpp for typing,
cpp/src/compile/functions/math.cpp for the SQL): nothing here looks at the data. The
functions take the Series first; cormorant.series.Series binds them as methods.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions

_NO_DEFAULT = object()


def _series_type():
    from cormorant.series import Series

    return Series


def _call(series, function: str, params, other=None):
    Series = _series_type()
    params = [_engine_int(series, function, p) for p in params]
    return Series(series._core.call(function, other._core if other is not None else None, list(params)))


def _engine_int(series, function: str, value):
    """An int past Int64 (which the core's constants hold) as the core can take it: a clip
    bound as a float (past any column's values but a UInt64's); else pandas' OverflowError, or
    DTypeError for a UInt64 column that holds it."""
    if not isinstance(value, int) or isinstance(value, bool) or -_convert.INT64_MAX - 1 <= value <= _convert.INT64_MAX:
        return value
    dtype = series._core.dtype
    if function == "clip" and (dtype != "UInt64" or not 0 <= value < 2**64):
        return float(value)
    if dtype == "UInt64" and 0 <= value < 2**64:
        raise exceptions.DTypeError(
            f"{function} of column {series.name!r} of dtype UInt64 with {value}, past Int64: not supported yet "
            "(cormorant's constants are Int64); convert the column with astype('Float64') or use a smaller value")
    raise exceptions.IntegerOverflowError(
        f"{function} of column {series.name!r}: the integer {value} is out of bounds for dtype {dtype}")


def _is_nan(value) -> bool:
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def _is_missing(value) -> bool:
    """None, pd.NA, NaN and NaT: pandas' missing markers."""
    return value is None or value is pd.NA or value is pd.NaT or _is_nan(value)


def _scalar(value, what: str):
    """A Python scalar for the engine (<NA> as None); cormorant/pandas objects are refused."""
    Series = _series_type()
    if isinstance(value, Series):
        raise exceptions.UnsupportedError(f"{what} as a Series is not supported yet; use a scalar")
    if isinstance(value, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple, set, dict)):
        raise exceptions.UnsupportedError(f"{what} must be a scalar here, got {type(value).__name__}")
    if _is_missing(value):
        return None
    return _convert.scalar(value)


def _check_kwargs(name: str, kwargs) -> None:
    """numpy passes out=None (np.round, np.clip); anything else is not supported."""
    for key, value in kwargs.items():
        if key == "out" and value is None:
            continue
        if key == "axis" and value in (None, 0, "index"):
            continue
        if key == "inplace" and value is False:
            continue
        raise exceptions.UnsupportedError(f"{name}() does not support {key}={value!r}")


# -- rounding and bounds ------------------------------------------------------------------


def round_(series, decimals=0, *args, **kwargs):
    """pandas' Series.round: numpy's half-to-even rounding; Int64 and boolean keep their dtype."""
    _check_kwargs("round", kwargs)
    if args:
        raise exceptions.UnsupportedError("round() takes only decimals")
    if isinstance(decimals, (bool, np.bool_)) or not isinstance(decimals, numbers.Integral):
        raise exceptions.InvalidArgumentError(f"decimals must be an integer, got {decimals!r}")
    return _call(series, "round", [int(decimals)])


def clip(series, lower=None, upper=None, *args, **kwargs):
    """pandas' Series.clip with scalar bounds; a missing bound (None, <NA>, NaN) is no bound."""
    _check_kwargs("clip", kwargs)
    if args:
        raise exceptions.UnsupportedError("clip() takes only lower and upper")
    bounds = [_scalar(lower, "clip's lower bound"), _scalar(upper, "clip's upper bound")]
    if bounds[0] is not None and bounds[1] is not None:
        try:
            if lower > upper:  # pandas puts the bounds in order (compared as given: Decimals too)
                bounds.reverse()
        except TypeError:
            pass  # different kinds: the engine reports the one that does not fit the dtype
    return _call(series, "clip", bounds)


_INCLUSIVE = ("both", "neither", "left", "right")


def between(series, left, right, inclusive="both"):
    """pandas' Series.between: left <= x <= right (per `inclusive`), <NA> where x is missing."""
    if not isinstance(inclusive, str) or inclusive not in _INCLUSIVE:
        raise exceptions.InvalidArgumentError(
            "Inclusive has to be either string of 'both','left', 'right', or 'neither'."
        )
    params = []
    for name, bound in (("left", left), ("right", right)):
        value = _scalar(bound, f"between's {name} bound")
        if value is None:
            raise exceptions.DTypeError(f"between's {name} bound cannot be missing")
        params.append(value)
    if series._core.dtype == "category":  # by the categories' order, as pandas' comparisons (ordered ones)
        low = series >= left if inclusive in ("both", "left") else series > left
        high = series <= right if inclusive in ("both", "right") else series < right
        return low & high
    return _call(series, "between", params + [inclusive])


# -- membership ---------------------------------------------------------------------------


def isin(series, values):
    """pandas' Series.isin for a list-like of scalars (a list, set, generator, dict's keys,
    numpy array, pandas Series or Index), or a cormorant Series (a column of another frame):
    a semi-join in the same query, pandas' rules for dtypes and missing values.

    As in pandas: a missing entry is True only when the list holds pd.NA (for the string
    dtype also None or NaN; a NaT: see below); numbers compare by value across int, float and bool. Long lists
    are semi-joined in the engine (linear in rows plus values).
    """
    Series = _series_type()
    if isinstance(values, Series):  # a semi-join in the same query
        return Series(series._core.isin_series(values._core))
    if isinstance(values, (str, bytes)) or not pd.api.types.is_list_like(values):
        raise exceptions.DTypeError(
            "only list-like objects are allowed to be passed to isin(), "
            f"you passed a `{type(values).__name__}`"
        )
    if isinstance(values, Mapping):
        values = list(values.keys())
    # tolist() gives Python scalars at once (numpy's are unwrapped one by one otherwise).
    items = values.tolist() if isinstance(values, (np.ndarray, pd.Index, pd.Series)) else list(values)
    dtype = series._core.dtype
    # None and NaN find the missing values too (a decimal's: pyarrow's is_in, nulls matching)
    string_column = dtype in ("string", "category", _convert.DECIMAL)
    # pandas matches the NaT of a datetime64/timedelta64 column with NaT (pd.NaT, or a numpy
    # NaT of the column's kind; an aware column only pd.NaT), and with None, NaN or pd.NA only
    # when the list's other values make it one of the column's kind (they become NaT then).
    nat_column = dtype.startswith(("datetime64", "timedelta64"))
    numpy_nat = {"datetime64[us]": np.datetime64, _convert.TIMEDELTA: np.timedelta64}.get(dtype)
    na_matches = nat_column and _missing_becomes_nat(items, dtype)
    present = []
    for v in items:
        if nat_column and (v is pd.NaT or (numpy_nat is not None and isinstance(v, numpy_nat) and np.isnat(v))):
            na_matches = True
            continue
        if isinstance(v, (np.datetime64, np.timedelta64)) and np.isnat(v):
            continue
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) or _is_nan(v):
            na_matches = na_matches or string_column or (v is pd.NA and not nat_column)
            continue
        if isinstance(v, (pd.Series, pd.DataFrame, list, tuple, set, dict, np.ndarray)):
            raise exceptions.DTypeError(f"isin() takes scalars, got {type(v).__name__}")
        if dtype == _convert.DECIMAL and isinstance(v, (str, bool, np.bool_)):
            raise exceptions.DTypeError(  # pandas parses text, and raises ArrowTypeError for booleans
                f"isin of a decimal Series with {v!r}: compare decimals with Decimal values, integers or floats")
        if isinstance(v, int) and not -_convert.INT64_MAX - 1 <= v <= _convert.INT64_MAX:
            if dtype == _convert.DECIMAL:  # pandas boxes the list as int64 first: OverflowError
                raise exceptions.IntegerOverflowError(
                    f"isin of a decimal Series with the integer {v}, which is past Int64 (pandas raises "
                    f"OverflowError); pass decimal.Decimal({v}) to compare with that value")
            if dtype == "Float64" and _exact_float(v) is not None:
                v = _exact_float(v)  # pandas compares it exactly: 2**63 matches, 2**63 + 1 does not
            elif not (dtype == "UInt64" and 0 < v < 2**64):
                continue  # no value of the column equals it (pandas: False)
        if dtype == "UInt64" and isinstance(v, (int, float)) and not isinstance(v, bool) and 2**63 <= v < 2**64 \
                and v == int(v):
            raise exceptions.DTypeError(
                f"isin of column {series.name!r} of dtype UInt64 with {v!r}, past Int64: not supported yet "
                "(cormorant's constants are Int64)")
        present.append(_convert.scalar(v))
    return Series(series._core.isin(present, na_matches))


def _exact_float(v: int):
    """The float equal to the int `v`, or None when no float is."""
    try:
        f = float(v)
    except OverflowError:
        return None
    return f if f == v else None


def _missing_becomes_nat(items, dtype: str) -> bool:
    """Whether `items` holds a missing value (None, NaN, pd.NA, NaT) that pandas reads as NaT,
    since it reads the list as an array of the datetime64/timedelta64 column's kind: the other
    items all timedeltas for a timedelta column, naive datetimes for a naive one, datetimes of
    one zone for an aware one."""
    import datetime  # pylint: disable=import-outside-toplevel

    kinds, missing = set(), False
    for v in items:
        if _is_missing(v):
            missing = True
            continue
        if isinstance(v, (np.datetime64, np.timedelta64)):
            kinds.add("NaT" if np.isnat(v) else "naive" if isinstance(v, np.datetime64) else "timedelta")
        elif isinstance(v, datetime.datetime):
            kinds.add("naive" if v.tzinfo is None else f"zone {pd.Timestamp(v).tz}")
        elif isinstance(v, datetime.timedelta):
            kinds.add("timedelta")
        else:
            return False
    kinds.discard("NaT")
    want = "timedelta" if dtype.startswith("timedelta64") else "naive" if dtype == "datetime64[us]" else "zone"
    return missing and len(kinds) == 1 and next(iter(kinds)).startswith(want)


def frame_isin(frame, values):
    """pandas' DataFrame.isin: a list-like tests every column; a dict tests the columns it
    names (the others are all False)."""
    if isinstance(values, (pd.Series, pd.DataFrame, _series_type())) or hasattr(values, "_core"):
        raise exceptions.UnsupportedError(
            "DataFrame.isin() with a Series or DataFrame (matched by index label) is not supported yet; "
            "pass a list or a dict of lists"
        )
    if isinstance(values, (str, bytes)) or not pd.api.types.is_list_like(values):
        raise exceptions.DTypeError(
            "only list-like or dict-like objects are allowed to be passed to DataFrame.isin(), "
            f"you passed a `{type(values).__name__}`"
        )
    if not isinstance(values, Mapping):
        values = list(values)  # a generator is read once, for every column
    elif any(isinstance(v, (pd.Series, pd.DataFrame, _series_type())) for v in values.values()):
        # pandas matches a Series in the dict by index label, not as a list of values
        raise exceptions.UnsupportedError(
            "DataFrame.isin() with a dict holding a Series (pandas matches it by index label) is not supported "
            "yet; pass lists, or test the column itself: df[col].isin(series) is a semi-join"
        )
    from cormorant.columnwise import _with_columns

    def wanted(label):
        return (values[label] if label in values else []) if isinstance(values, Mapping) else values

    return _with_columns(frame, {label: isin(frame[label], wanted(label)) for label in frame._core.columns})


# -- conditional replacement --------------------------------------------------------------


def _condition(series, cond, name: str):
    from cormorant.indexing import if_callable

    Series = _series_type()
    cond = if_callable(cond, series)
    if not isinstance(cond, Series):
        raise exceptions.UnsupportedError(
            f"{name}() takes the condition as a boolean cormorant Series (e.g. s > 0); "
            f"got {type(cond).__name__}"
        )
    return cond


def _other(series, other, name: str):
    from cormorant.indexing import if_callable

    if other is _NO_DEFAULT:
        return None
    return _scalar(if_callable(other, series), f"{name}'s other")


def _replaced_by_series(series, keep, other):
    """series where `keep` (a boolean Series, <NA> counting as False) is True, else other's value
    with the same label (<NA> where it has none), set as pandas sets cells: the Series keeps its
    dtype and takes only values that fit it (cpp: DataFrame::set_cells)."""
    label = "values" if series.name is None else series.name  # (errors name it)
    frame = series.to_frame(name=label)
    frame.loc[~keep.fillna(False), label] = other
    return frame[label].rename(series.name)


def where(series, cond, other=_NO_DEFAULT, **kwargs):
    """pandas' Series.where: keeps values where `cond` is True, else `other` (<NA> by default; a
    scalar, or a cormorant Series aligned on the index).

    `cond` is a boolean Series on the same index; a missing condition replaces, as in pandas.
    """
    _check_kwargs("where", kwargs)
    cond = _condition(series, cond, "where")
    if callable(other):
        from cormorant.indexing import if_callable

        other = if_callable(other, series)
    if isinstance(other, _series_type()):
        return _replaced_by_series(series, cond, other)
    return _call(series, "where", [_other(series, other, "where")], other=cond)


def mask(series, cond, other=_NO_DEFAULT, **kwargs):
    """pandas' Series.mask: replaces values where `cond` is True (or missing) with `other` (a
    scalar, or a cormorant Series aligned on the index)."""
    _check_kwargs("mask", kwargs)
    cond = _condition(series, cond, "mask")
    if callable(other):
        from cormorant.indexing import if_callable

        other = if_callable(other, series)
    if isinstance(other, _series_type()):
        return _replaced_by_series(series, ~cond, other)
    return _call(series, "mask", [_other(series, other, "mask")], other=cond)


# -- missing data -------------------------------------------------------------------------


def fillna(series, value=None, *, method=None, axis=None, inplace=False, limit=None):
    """pandas' Series.fillna with a scalar (which must fit the dtype: pandas' TypeError), or with
    a cormorant Series lined up on this one's index (its labels elsewhere are left out)."""
    if method is not None:
        raise exceptions.UnsupportedError("fillna(method=...) was removed in pandas 3; use ffill() or bfill()")
    _check_kwargs("fillna", {"axis": axis, "inplace": inplace})
    if limit is not None:
        return _fillna_limited(series, value, limit)
    if value is None:
        raise exceptions.InvalidArgumentError("Must specify a fill 'value' or 'method'.")
    if isinstance(value, (list, tuple)):
        raise exceptions.DTypeError(
            f'"value" parameter must be a scalar or dict, but you passed a "{type(value).__name__}"'
        )
    if isinstance(value, _series_type()):
        from cormorant.summaries import lined_up

        pair = lined_up(series, value)  # on this Series' rows, as pandas aligns the value
        return pair["x"].combine_first(pair["y"]).rename(series.name)
    if isinstance(value, (Mapping, pd.Series)):
        raise exceptions.UnsupportedError("fillna() with a dict or a pandas Series is not supported; use a scalar "
                                          "or a cormorant Series")
    return _call(series, "fillna", [_scalar(value, "fillna's value")])


def _fillna_limited(series, value, limit):
    """fillna(value, limit=n): the first n missing values in row order filled, as pandas fills
    them (a running count of the missing values, so it needs a row order)."""
    if isinstance(limit, bool) or not isinstance(limit, (int, np.integer)):
        raise exceptions.InvalidArgumentError("Limit must be an integer")
    if limit <= 0:
        raise exceptions.InvalidArgumentError("Limit must be greater than 0")
    missing = series.isna()
    beyond = missing & (missing.astype("Int64").cumsum() > int(limit))
    return series.fillna(value).mask(beyond, None)


def replace_pairs(to_replace, value=_NO_DEFAULT) -> list:
    """pandas' replace arguments as (old, new) pairs of engine scalars (<NA> as None): a
    scalar, a list (to one value or a list of the same length) or a dict {old: new}."""
    if isinstance(to_replace, Mapping):
        if value is not _NO_DEFAULT and value is not None:
            raise exceptions.UnsupportedError("replace() with a dict and a value (nested replacement) is not supported")
        pairs = list(to_replace.items())
    elif pd.api.types.is_list_like(to_replace) and not isinstance(to_replace, (str, bytes)):
        olds = list(to_replace)
        if value is _NO_DEFAULT:
            raise exceptions.InvalidArgumentError("replace() needs a value to replace with")
        if pd.api.types.is_list_like(value) and not isinstance(value, (str, bytes)):
            news = list(value)
            if len(news) != len(olds):
                raise exceptions.InvalidArgumentError(
                    f"Replacement lists must match in length. Expecting {len(olds)} got {len(news)} "
                )
            pairs = list(zip(olds, news))
        else:
            pairs = [(old, value) for old in olds]
    else:
        if value is _NO_DEFAULT:
            raise exceptions.InvalidArgumentError("replace() needs a value to replace with")
        pairs = [(to_replace, value)]
    return [(None if _is_missing(old) else _scalar(old, "replace's to_replace"), _scalar(new, "replace's value"))
            for old, new in pairs]


def replace(series, to_replace=None, value=_NO_DEFAULT, *, inplace=False, regex=False):
    """pandas' Series.replace with scalars: a scalar, a list (to one value or a list of the
    same length) or a dict {old: new}. Values of another kind than the column's never match.
    With a regex, see cormorant.replacing."""
    _check_kwargs("replace", {"inplace": inplace})
    if regex is not False:
        from cormorant import replacing

        every, _ = replacing.plan(to_replace, value, regex,
                                  is_series=True)
        return replacing.replace_series(series, every, series.name)
    params = []
    for old, new in replace_pairs(to_replace, value):
        params += [old, new]
    return _call(series, "replace", params)


def map_(series, func=None, na_action=None, engine=None, **kwargs):
    """pandas 3.1's Series.map with a dict (or a pandas Series used as one): unmapped values
    give <NA>. The result's dtype follows the mapped values: booleans -> boolean, text ->
    string, integers -> Int64 (pandas gives Float64 when some result is missing), other
    numbers -> Float64. A function (a UDF, or a plain Python function given `kwargs`) runs
    value by value (cormorant.udf); `arg=` is pandas' deprecated name of `func`; `engine` (a
    JIT such as numba's, which pandas calls through its __pandas_udf__) is not taken."""
    if func is None:
        if "arg" not in kwargs:
            raise exceptions.InvalidArgumentError("The `func` parameter is required")
        import warnings

        func = kwargs.pop("arg")
        warnings.warn("The parameter `arg` has been renamed to `func`, and it will stop being supported in a "
                      "future version of pandas.", pd.errors.Pandas4Warning, stacklevel=3)
    if na_action not in (None, "ignore"):
        raise exceptions.InvalidArgumentError(f"na_action must either be 'ignore' or None, {na_action!r} was passed")
    from cormorant import udf

    arg = func
    is_function = isinstance(arg, udf.Udf) or (callable(arg) and not isinstance(arg, (Mapping, pd.Series,
                                                                                      _series_type())))
    if engine is not None:
        if not is_function:
            raise exceptions.InvalidArgumentError("The engine argument can only be specified when func is a function")
        if not hasattr(engine, "__pandas_udf__"):
            raise exceptions.InvalidArgumentError(f"Not a valid engine: {engine!r}")
        raise exceptions.UnsupportedError(
            f"Series.map(engine={engine!r}) is not supported: cormorant runs the function itself, value by value; "
            "leave engine=None")
    if is_function:
        return udf.series_apply(series, arg, "Series.map", na_action, kwargs=kwargs or None)
    if isinstance(arg, pd.Series):
        arg = dict(zip(arg.index, arg.array))
    if isinstance(arg, _series_type()):
        return _map_series(series, arg, na_action)
    if not isinstance(arg, Mapping):
        raise exceptions.InvalidArgumentError(f"map() takes a dict, a Series or a function, got {type(arg).__name__}")
    if hasattr(arg, "__missing__"):
        raise exceptions.UnsupportedError("map() with a dict that has defaults (e.g. defaultdict) is not supported")
    params = [na_action == "ignore"]
    for key, value in arg.items():
        params.append(None if _is_missing(key) else _scalar(key, "map's key"))
        params.append(_scalar(value, "map's value"))
    return _call(series, "map", params)


def _map_series(series, mapping, na_action):
    """map() with a cormorant Series: each value looked up in `mapping`'s index, a left join in
    the engine that keeps `series`' rows, order and index."""
    if len(mapping._frame()._core.index_names) != 1:
        raise exceptions.UnsupportedError("map() with a Series needs a Series with a single-level index")
    if not mapping.index.is_unique:
        raise exceptions.InvalidArgumentError("Reindexing only valid with uniquely valued Index objects")
    names = list(series._frame()._core.index_names)
    left = series.rename("__value").to_frame().reset_index()
    index_columns = [c for c in left.columns if c != "__value"]
    right = mapping.rename("__mapped").to_frame().reset_index()
    right = right.rename(columns={right.columns[0]: "__key"})
    if series.dtype != right["__key"].dtype:
        raise exceptions.DTypeError(
            f"map() looks up values of dtype {series.dtype} in an index of dtype {right['__key'].dtype}; "
            "convert one with astype()"
        )
    merged = left.merge(right, how="left", left_on="__value", right_on="__key")
    merged = merged.set_index(index_columns).rename_axis(names)
    out = merged["__mapped"].rename(series.name)
    return out.where(merged["__value"].notna()) if na_action == "ignore" else out


# -- numpy ufuncs -------------------------------------------------------------------------

# ufuncs of one argument that are engine functions "np_<name>".
UNARY_UFUNCS = frozenset({
    "sqrt", "log", "log2", "log10", "log1p", "exp", "exp2", "expm1", "rint", "fabs", "sin", "cos", "tan",
    "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "cbrt",
    "deg2rad", "rad2deg", "floor", "ceil", "trunc", "sign", "square", "isnan", "isinf", "isfinite",
})
_ALIASES = {"radians": "deg2rad", "degrees": "rad2deg"}

# ufuncs of two arguments that are Series operators: (method, reflected method).
BINARY_UFUNCS = {
    "add": ("__add__", "__radd__"),
    "subtract": ("__sub__", "__rsub__"),
    "multiply": ("__mul__", "__rmul__"),
    "divide": ("__truediv__", "__rtruediv__"),
    "true_divide": ("__truediv__", "__rtruediv__"),
    "floor_divide": ("__floordiv__", "__rfloordiv__"),
    "remainder": ("__mod__", "__rmod__"),
    "power": ("__pow__", "__rpow__"),
    "equal": ("__eq__", "__eq__"),
    "not_equal": ("__ne__", "__ne__"),
    "less": ("__lt__", "__gt__"),
    "less_equal": ("__le__", "__ge__"),
    "greater": ("__gt__", "__lt__"),
    "greater_equal": ("__ge__", "__le__"),
    "logical_and": ("__and__", "__rand__"),
    "logical_or": ("__or__", "__ror__"),
    "logical_xor": ("__xor__", "__rxor__"),
    "bitwise_and": ("__and__", "__rand__"),
    "bitwise_or": ("__or__", "__ror__"),
    "bitwise_xor": ("__xor__", "__rxor__"),
}


_REDUCTIONS = {"add": "sum", "maximum": "max", "minimum": "min"}


def array_ufunc(series, ufunc, method, *inputs, **kwargs):
    """Series.__array_ufunc__: np.sqrt(s), np.log(s), np.add(s, 1)... run in the engine."""
    Series = _series_type()
    name = _ALIASES.get(ufunc.__name__, ufunc.__name__)
    if method == "reduce" and len(inputs) == 1 and name in _REDUCTIONS and not kwargs:
        # pandas reduces with skipna=False here: np.add.reduce(s) is <NA> when s has one.
        return getattr(inputs[0], _REDUCTIONS[name])(skipna=False)
    if method != "__call__":
        # (numpy leaks a reference to the Series when an override of reduce/accumulate raises)
        raise exceptions.UnsupportedError(f"np.{ufunc.__name__}.{method} is not supported on a cormorant Series")
    if kwargs.get("out") is not None or any(k not in ("out",) for k in kwargs):
        raise exceptions.UnsupportedError(
            f"np.{ufunc.__name__} with {', '.join(sorted(kwargs))} is not supported on a cormorant Series"
        )
    # a NumPy scalar on the left (np.int64(5) == s) arrives as a 0-d array: a scalar operand
    inputs = tuple(x[()] if isinstance(x, np.ndarray) and x.ndim == 0 else x for x in inputs)
    for x in inputs:
        if isinstance(x, (pd.Series, pd.DataFrame, pd.Index, np.ndarray, list, tuple)):
            raise exceptions.UnsupportedError(
                "numpy functions between cormorant and pandas/numpy objects are not supported; "
                "bring the data in with cpd.read_pandas() first"
            )
    if len(inputs) == 1:
        (x,) = inputs
        if name in UNARY_UFUNCS:
            return _call(x, "np_" + name, [])
        if name in ("negative",):
            return -x
        if name in ("positive",):
            return x
        if name == "absolute":
            return abs(x)
        if name in ("invert",) or (name == "logical_not" and x._core.dtype == "boolean"):
            return ~x
    elif len(inputs) == 2 and name in BINARY_UFUNCS:
        forward, reflected = BINARY_UFUNCS[name]
        a, b = inputs
        if isinstance(a, Series):
            return getattr(a, forward)(b)
        return getattr(b, reflected)(a)
    raise exceptions.UnsupportedError(f"np.{ufunc.__name__} is not supported on a cormorant Series")
