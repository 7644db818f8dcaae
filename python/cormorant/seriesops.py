"""pandas' Series arithmetic and comparison: the operators (+ - * / // % ** == != < <= > >=
& | ^ and their reflections) and the flex methods (add, radd, ..., eq, ne, lt, le, gt, ge),
with pandas' rules for missing operands (none_compared, shared with cormorant.frameops) and
NaT arithmetic of datetimes and timedeltas. cormorant.series.Series binds them as methods."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions


def _operand(other):
    from cormorant.series import Series

    if isinstance(other, Series):
        return other._core
    from cormorant.scalar import Scalar

    if isinstance(other, Scalar):  # a reduction not run yet: computed in this Series' query
        return other._core
    if isinstance(other, (pd.Series, pd.DataFrame)):
        raise exceptions.UnsupportedError(
            "operations between cormorant and pandas objects are not supported; "
            "bring the pandas object in with cpd.read_pandas() first"
        )
    return _convert.scalar(other)


def _is_frame(x) -> bool:
    """A cormorant DataFrame (its reflected operator takes a Series on the other side)."""
    from cormorant.frame import DataFrame

    return isinstance(x, DataFrame)


_COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")


_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%", "pow": "**",
            "and": "&", "or": "|", "xor": "^"}


def none_compared(dtype: str, op: str, other):
    """The scalar a column of `dtype` meets for pandas' `column op other` when `other` is missing.

    Comparisons: pandas compares a number or boolean column with None (or NaT) as with NaN: ==
    is False, != True (<NA> stays <NA>), and <, <=, >, >= raise (pd.NA gives <NA> everywhere); a
    datetime column's <, <=, >, >= with None or pd.NA raise too (with NaT they are False).
    Arithmetic and logic: a number or boolean column with None raises, as in pandas (pd.NA and
    NaN give <NA>). A string column meets NaN as a missing string (pandas: <NA>)."""
    if dtype == "string" and isinstance(other, float) and other != other:
        return None
    if op not in _COMPARISONS:
        if other is None and dtype in _convert.MASKED:
            raise exceptions.DTypeError(
                f"unsupported operand type(s) for {_SYMBOLS.get(op, op)}: '{dtype}' and 'NoneType'; "
                "use pd.NA for a missing value")
        return other
    if not (other is None or other is pd.NaT or other is pd.NA):
        return other
    ordering = op not in ("eq", "ne")
    if ordering and (dtype.startswith(("datetime64", "timedelta64")) and other is not pd.NaT or
                     dtype in _convert.MASKED and other is not pd.NA):
        raise exceptions.DTypeError(f"Invalid comparison between dtype={dtype} and {type(other).__name__}")
    return float("nan") if dtype in _convert.MASKED and other is not pd.NA else other


def _missing_time_operand(dtype: str, op: str, value) -> bool:
    """Whether `column op value` is arithmetic of a datetime or timedelta column with a missing
    value pandas computes with: NaT (pandas' or NumPy's), or NaN with a timedelta column."""
    if op in _COMPARISONS or not dtype.startswith(("datetime64", "timedelta64")):
        return False
    if value is pd.NaT or isinstance(value, (np.datetime64, np.timedelta64)) and np.isnat(value):
        return True
    return dtype.startswith("timedelta64") and isinstance(value, float) and value != value


def missing_time_arithmetic(series, op: str, missing, reflected: bool):
    """`series op missing` (or `missing op series`; see _missing_time_operand) as pandas computes
    it: every value missing, in the dtype pandas gives. pandas takes NaT for a timedelta or a
    datetime by the operation (datetime + NaT is a datetime, datetime - NaT a timedelta; NumPy's
    NaT has its own kind, NaN is a number); the core, which cannot tell NaT from None, computes
    with a present stand-in of that kind and every row is then masked. An operation pandas
    refuses is a DTypeError."""
    from cormorant.series import Series

    dtype = _convert.pandas_dtype(series._core.dtype)
    name = f"__{'r' if reflected else ''}{op}__"
    empty = pd.Series([], dtype=dtype)
    where = f"{_SYMBOLS.get(op, op)} {missing!r}"
    try:
        want = getattr(empty, name)(missing)
        if want is NotImplemented:
            raise TypeError
    except TypeError:
        raise exceptions.DTypeError(f"Series {series.name!r}: unsupported operand for {dtype}: {where}") from None
    if isinstance(missing, float):
        stand_ins = (1.0,)
    else:
        timedelta, timestamp = pd.Timedelta(0), pd.Timestamp(0, tz=getattr(dtype, "tz", None))
        stand_ins = {np.timedelta64: (timedelta,), np.datetime64: (timestamp,)}.get(type(missing), (timedelta, timestamp))
    for stand_in in stand_ins:
        try:
            if getattr(empty, name)(stand_in).dtype.kind == want.dtype.kind:
                break
        except TypeError:
            continue
    else:
        raise exceptions.DTypeError(f"Series {series.name!r}: unsupported operand for {dtype}: {where}")
    stand_in = _convert.scalar(stand_in)
    result = Series(series._core.rbinary(op, stand_in) if reflected else series._core.binary(op, stand_in))
    return result.where(series.isna() & series.notna())  # never true: every row missing


_INTEGERS = ("Int64", *_convert.NARROW_INTEGERS)
_MIRRORED = {"eq": "eq", "ne": "ne", "lt": "gt", "le": "ge", "gt": "lt", "ge": "le"}


def _past_int64(other) -> bool:
    """Whether `other` is an integer (Python's or NumPy's, not a boolean) past Int64's range,
    which no engine constant holds."""
    return isinstance(other, (int, np.integer)) and not isinstance(other, (bool, np.bool_)) \
        and not -(2**63) <= int(other) < 2**63


def _beyond(series, op: str, other: int):
    """`series op other` for an integer column and an int past the column's range, as pandas
    compares them: the same answer for every value (== False, != True, < and <= by the int's
    sign), <NA> where the value is missing."""
    from cormorant.series import Series

    answer = {"eq": False, "ne": True, "lt": other > 0, "le": other > 0, "gt": other < 0, "ge": other < 0}[op]
    present = series.notna()
    return Series((present if answer else ~present).where(present)._core).rename(series.name)


def binary(op: str, reflected: bool = False):
    """The operator `series op other` (e.g. __add__), or with `reflected` `other op series`
    (__radd__), as pandas computes it."""

    def method(self, other):
        from cormorant.series import Series

        if _is_frame(other):  # pandas: the Series lines up with the frame's columns
            return NotImplemented
        if _missing_time_operand(self._core.dtype, op, other):
            return missing_time_arithmetic(self, op, other, reflected=reflected)
        other = none_compared(self._core.dtype, op, other)
        if op in _COMPARISONS and _past_int64(other):
            if self._core.dtype == "Float64":
                other = float(other)  # (pandas compares a float column with the int's nearest float)
            elif self._core.dtype == "UInt64" and 0 <= other < 2**64:
                raise exceptions.DTypeError(
                    f"comparing column {self.name!r} of dtype UInt64 with {other}, past Int64: not supported yet "
                    "(cormorant's constants are Int64); convert the column with astype('Float64') first")
            elif self._core.dtype in _INTEGERS:
                return _beyond(self, _MIRRORED[op] if reflected else op, int(other))
        compute = self._core.rbinary if reflected else self._core.binary
        return Series(compute(op, _operand(other)))

    method.__name__ = f"__{'r' if reflected else ''}{op}__"
    return method


def reflected_binary(op: str):
    """The reflected operator `other op series` (e.g. __radd__)."""
    return binary(op, reflected=True)


def flex(op: str, reflected: bool = False):
    """pandas' flex method (s.add(other, fill_value=), s.lt(other), s.radd(other), ...): a cormorant
    Series aligns on the index, comparisons included (the operators refuse misaligned labels),
    and `fill_value` stands for a value only one side lacks; with a scalar, it fills this
    Series' missing values first."""
    operator = binary(op, reflected)

    def method(self, other, level=None, fill_value=None, axis=0):
        from cormorant.series import Series

        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for a Series")
        if level is not None:
            from cormorant import by_level

            return by_level.series_binary(self, op, other, level, fill_value, reflected, method.__name__)
        missing_fill = fill_value is None or (isinstance(fill_value, float) and fill_value != fill_value)
        if isinstance(other, Series):
            return Series(self._core.flex(op, other._core, None if missing_fill else fill_value, reflected))
        if not missing_fill and not _is_frame(other):
            if other is None or other is pd.NA or (isinstance(other, float) and other != other) or \
                    _missing_time_operand(self._core.dtype, op, other):
                return operator(self, fill_value)  # the other side is missing everywhere: filled
            self = self.fillna(fill_value)
        return operator(self, other)

    method.__name__ = ("r" if reflected else "") + op
    return method
