"""Plain Python callables in Series.map / Series.apply / Series.combine / DataFrame.apply(axis=1)
(issue 13): a function that is not a UDF (a lambda, a closure, a builtin such as str.upper or
math.sqrt, a method) runs in the engine as an unnamed session function, in this process, through
the UDF runtime. Nothing is stored: the function object itself is called, so it may use any name
it can see, and it is never sent to worker processes.

As in pandas, missing values reach the function as pd.NA (pd.NaT for datetimes) unless
na_action="ignore", datetimes as pd.Timestamp. The result's dtype is the one pandas would infer
from the values the function returns (bool -> boolean, int -> Int64, float -> Float64, str ->
string, naive datetimes): cormorant calls the function on a few input values when map() is called
(one small query) to learn it. A later value of another type fails the query with
UdfExecutionError naming the row; declare the type with @cpd.udf(output_type=...) then.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
import uuid

from cormorant._lazy import np, pd
from cormorant import exceptions

# Input values the result type is learnt from (any rows: Series.peek).
SAMPLE_ROWS = 64


def _to_pandas_value(dtype: str):
    """A function giving, for a value as the UDF runtime passes it, the value pandas passes
    for a column of `dtype`."""
    missing = pd.NaT if dtype.startswith("datetime64") else pd.NA
    zone = pd.DatetimeTZDtype.construct_from_string(dtype).tz if dtype.startswith("datetime64[us, ") else None
    if zone is not None:
        return lambda v: missing if v is None else pd.Timestamp(v).tz_convert(zone)
    if dtype.startswith("datetime64"):
        return lambda v: missing if v is None else pd.Timestamp(v)
    return lambda v: missing if v is None else v


def _from_result(value):
    """A function's result as the UDF runtime takes it: pandas' missing values as None, NumPy
    scalars as Python ones."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def _dtype_of_results(values: list, name: str, method: str) -> str | None:
    """The dtype pandas infers from a function's results (None when they are all missing): as
    pandas, integers beside None (not pd.NA) or NaN are floats."""
    kinds, none_seen = set(), False
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            none_seen = True
            continue
        v = _from_result(v)
        if v is None:
            continue
        if isinstance(v, (bool, np.bool_)):
            kinds.add("boolean")
        elif isinstance(v, numbers.Integral):
            kinds.add("Int64")
        elif isinstance(v, numbers.Real):
            kinds.add("Float64")
        elif isinstance(v, str):
            kinds.add("string")
        elif isinstance(v, _dt.datetime) and v.tzinfo is None:
            kinds.add("datetime64[us]")
        else:
            kinds.add(type(v).__name__)
    if not kinds:
        return None
    if kinds <= {"Int64", "Float64"}:
        return "Float64" if "Float64" in kinds or none_seen else "Int64"
    if len(kinds) == 1 and next(iter(kinds)) in ("boolean", "string", "datetime64[us]"):
        return next(iter(kinds))
    raise exceptions.UnsupportedError(
        f"{method}({name}): the function returned values of {', '.join(sorted(kinds))}; cormorant runs plain "
        "functions that return bool, int, float, str or naive datetimes; declare other result types with "
        "@cpd.udf(input_types=..., output_type=...)")


def session_udf(func, method: str, input_dtypes: list[str], sample: list[tuple], *, pandas_dtypes=None,
                row_names=None, na_ignore: bool = False, args=(), kwargs=None, default_dtype: str = "Float64"):
    """A Udf (cormorant.udf.Udf) that calls `func` in this process, over arguments of the
    engine's `input_dtypes` (pandas sees them as `pandas_dtypes`), or over rows with
    `row_names`; its result dtype is learnt from calling it on `sample` (tuples of argument
    values as the engine passes them), `default_dtype` when they give none."""
    from cormorant import udf

    kwargs = kwargs or {}
    name = getattr(func, "__qualname__", None) or getattr(func, "__name__", None) or type(func).__name__
    converters = [_to_pandas_value(d) for d in (pandas_dtypes or input_dtypes)]
    if row_names is None:
        def raw(*values):
            if na_ignore and any(v is None for v in values):
                return pd.NA
            return func(*(c(v) for c, v in zip(converters, values)), *args, **kwargs)

        def call(*values):
            return _from_result(raw(*values))
        first = raw
    else:
        def raw(row):  # (the engine makes the row a pandas Series: udf.row_caller)
            values = [c(v) for c, v in zip(converters, row.tolist())]
            return func(pd.Series(values, index=row.index, dtype=object), *args, **kwargs)

        def call(row):
            return _from_result(raw(row))
        first = udf.row_caller(raw, row_names)
    routine_id = f"session function {name}"
    try:
        results = [first(*values) for values in sample]
    except Exception as e:
        raise exceptions.UdfExecutionError(
            f"{method}({name}) raised {type(e).__name__}: {e} on the values it was first called with "
            "(to learn its result's type)", routine_id=routine_id, python_traceback="", input_row=[]) from e
    output = _dtype_of_results(results, name, method) or default_dtype
    info = {"dataset": "", "name": "", "entry_point": name, "source": "",
            "arg_types": [] if row_names is not None else list(input_dtypes), "row_input": row_names is not None,
            "result_type": output, "packages": {}, "max_batching_rows": 0,
            # (unique: the engine function's name is made of its first 16 characters)
            "identity": uuid.uuid4().hex, "code_hash": ""}
    out = udf.Udf.__new__(udf.Udf)
    out._setup(call, info, False, {"routine_id": routine_id}, transpile=False)
    out.workers = 0  # (nothing is stored: worker processes could not load it)
    return out


def engine_argument(series, method: str):
    """(`series` as the runtime can pass it, its dtype there, the dtype pandas passes): a
    zoned datetime goes as UTC and comes back to its zone; Int8..UInt32 go as Int64."""
    from cormorant import _convert

    dtype = str(series.dtype)
    if dtype.startswith("datetime64[us, ") and dtype != "datetime64[us, UTC]":
        return series.dt.tz_convert("UTC"), "datetime64[us, UTC]", dtype
    if dtype in _convert.NARROW_INTEGERS and dtype != "UInt64":
        return series, "Int64", "Int64"
    if dtype in ("Int64", "Float64", "boolean", "string", "datetime64[us]", "datetime64[us, UTC]"):
        return series, dtype, dtype
    raise exceptions.UnsupportedError(
        f"{method} with a plain Python function takes Int64, Float64, boolean, string and datetime values; "
        f"{series.name!r} has dtype {dtype}: convert it with astype() first")


def sample_values(series) -> list[tuple]:
    """A few values of `series` as the engine passes them to a function (None for missing)."""
    got = series.peek(SAMPLE_ROWS)
    return [(None if _missing(v) else _engine_value(v),) for v in got.tolist()]


def sample_rows(frame) -> list[tuple]:
    """A few rows of `frame` as the engine passes them (one pandas Series of values each)."""
    got = frame.peek(SAMPLE_ROWS)
    return [tuple(None if _missing(v) else _engine_value(v) for v in row) for row in got.itertuples(index=False)]


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _engine_value(v):
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    return v.item() if isinstance(v, np.generic) else v
