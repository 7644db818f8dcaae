"""pandas' DataFrame arithmetic and comparison: the operators (+ - * / // % ** == != < <= > >=
& | ^ ~, unary - and +) and the flex methods (add, radd, sub, ..., eq, ne, lt, le, gt, ge).

Each is one plan built by the core (DataFrame::binary in cpp/src/api/frame_ops.cpp): every
result column is computed as the Series operators compute it, aligned as pandas aligns. This
module only sorts out what the other operand is.
"""

from __future__ import annotations

from collections.abc import Mapping

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions

_AXES = {0: "index", "index": "index", "rows": "index", 1: "columns", "columns": "columns", None: "columns"}


def _axis(axis) -> str:
    try:
        return _AXES[axis]
    except (KeyError, TypeError):
        raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type DataFrame") from None


def _pairs(frame, labels, values):
    return [(_convert.label(label), _convert.scalar(value)) for label, value in zip(labels, values)]


def _operand(frame, other, axis: str, name: str):
    """The other operand as the core takes it: a core DataFrame or Series, (label, value)
    pairs along the columns, or a scalar."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if isinstance(other, (DataFrame, Series)):
        return other._core
    if isinstance(other, (pd.DataFrame, pd.Index)) or (isinstance(other, pd.Series) and axis == "index"):
        raise exceptions.UnsupportedError(
            f"DataFrame.{name} between cormorant and pandas objects is not supported; "
            "bring the pandas object in with cpd.read_pandas() first"
        )
    if isinstance(other, pd.Series):
        # pandas first aligns the Series on the columns: a NumPy integer Series that lacks one of
        # them gets NaN there, so all its values become floats (2 ** -3 is then 0.125, 4 // 0 inf)
        if isinstance(other.dtype, np.dtype) and other.dtype.kind in "iu" and \
                not set(frame._core.columns) <= set(other.index):
            other = other.astype("float64")
        return _pairs(frame, other.index, other.array)
    if isinstance(other, Mapping):
        if axis == "index":
            raise exceptions.UnsupportedError(f"DataFrame.{name} with a dict along the index is not supported")
        # pandas reindexes a dict to the frame's columns: other keys are dropped, absent ones NaN.
        labels = frame._core.columns
        return _pairs(frame, labels, pd.Series(other).reindex(labels).tolist())
    if isinstance(other, (list, tuple, np.ndarray)):
        if np.ndim(other) != 1:
            raise exceptions.UnsupportedError(f"DataFrame.{name} with a {np.ndim(other)}-dimensional list or array is not supported")
        labels = frame._core.columns
        if axis == "index":
            raise exceptions.UnsupportedError(
                f"DataFrame.{name} with a list along the index is not supported; make it a Series with "
                "cpd.read_pandas() and the frame's index"
            )
        if len(other) != len(labels):
            raise exceptions.InvalidArgumentError(
                f"Unable to coerce to Series, length must be {len(labels)}: given {len(other)}"
            )
        # as pandas makes a Series of it: one dtype for all (ints with a float are floats)
        return _pairs(frame, labels, (other if isinstance(other, np.ndarray) else pd.Series(list(other))).tolist())
    return _convert.scalar(other)


def binary(frame, op: str, other, *, axis="columns", level=None, fill_value=None, reflected=False, flex=True,
           name=None):
    """`frame op other` (`other op frame` when reflected) as pandas computes it."""
    from cormorant.frame import DataFrame

    name = name or op
    axis = _axis(axis)
    if level is not None:
        from cormorant import by_level

        return by_level.frame_binary(frame, op, other, axis, level, fill_value, reflected, name)
    comparison = op in ("eq", "ne", "lt", "le", "gt", "ge")
    if comparison and (other is None or other is pd.NaT or other is pd.NA) and axis == "columns":
        # each column compares with a missing scalar by its own dtype's rule (see none_compared)
        from cormorant.seriesops import none_compared

        labels, dtypes = zip(*frame._core.dtypes) if frame._core.columns else ((), ())
        other = pd.Series([none_compared(d, op, other) for d in dtypes], index=pd.Index(list(labels), dtype=object),
                          dtype=object)
    elif other is None or (isinstance(other, float) and other != other):
        # a missing scalar meets each column by its dtype's rule (see none_compared): None raises
        # with numbers, NaN is a missing string for string columns
        from cormorant.seriesops import none_compared

        met = {none_compared(d, op, other) is None for _, d in frame._core.dtypes}
        if met == {True} and other is not None:
            other = None
    core_other = _operand(frame, other, axis, name)
    fill = None if fill_value is None else _convert.scalar(fill_value)
    return DataFrame(frame._core.binary(op, core_other, axis, reflected, fill, flex))


def operator(op: str, reflected: bool = False):
    """A DataFrame operator method (__add__, __radd__, __eq__, ...)."""

    def method(self, other):
        return binary(self, op, other, reflected=reflected, flex=False, name=f"__{'r' if reflected else ''}{op}__")

    method.__name__ = f"__{'r' if reflected else ''}{op}__"
    return method


def flex(op: str, reflected: bool = False, name: str | None = None):
    """A DataFrame flex method (add, radd, eq, ...): pandas' axis, level and fill_value."""
    name = name or (("r" if reflected else "") + op)

    def method(self, other, axis="columns", level=None, fill_value=None):
        return binary(self, op, other, axis=axis, level=level, fill_value=fill_value, reflected=reflected, name=name)

    method.__name__ = name
    method.__doc__ = f"pandas' DataFrame.{name}: aligned on both axes, computed in the engine."
    return method


def comparison(op: str):
    """A DataFrame comparison method (eq, lt, ...): pandas' axis and level (no fill_value)."""

    def method(self, other, axis="columns", level=None):
        return binary(self, op, other, axis=axis, level=level, name=op)

    method.__name__ = op
    method.__doc__ = f"pandas' DataFrame.{op}: aligned on both axes (unlike the operator), computed in the engine."
    return method


def negative(frame):
    from cormorant.frame import DataFrame

    return DataFrame(frame._core.unary("neg"))


def invert(frame):
    from cormorant.frame import DataFrame

    return DataFrame(frame._core.unary("invert"))


def positive(frame):
    from cormorant.frame import DataFrame

    return DataFrame(frame._core.positive())


# -- where and mask ---------------------------------------------------------------------


def where(frame, cond, other=None, *, inplace=False, axis=None, level=None, mask=False):
    """pandas' DataFrame.where (mask when `mask`) with a boolean cormorant DataFrame (or a
    callable giving one) as the condition, lined up by row and column labels, and a scalar or
    a cormorant DataFrame as `other`; cells the condition lacks or holds <NA> are replaced. A
    cormorant Series as the condition or `other` (axis None, 0 or 'index') is lined up with the
    rows and stands for every column, as pandas broadcasts it."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    name = "mask" if mask else "where"
    from cormorant.indexing import if_callable

    cond, other = if_callable(cond, frame), if_callable(other, frame)
    by_rows = isinstance(cond, Series) or isinstance(other, Series)
    if inplace is not False or level is not None or axis not in ((None, 0, "index") if by_rows else (None,)):
        raise exceptions.UnsupportedError(
            f"DataFrame.{name}() does not support inplace, level, or axis other than 0 with a Series "
            "(a Series along the columns: build the condition frame with DataFrame({...}))")
    if isinstance(other, Series) and axis is None:
        raise exceptions.InvalidArgumentError(f"DataFrame.{name}() with a Series as other: Must specify axis=0 or 1")
    if isinstance(cond, Series):
        cond = _broadcast(frame, cond)
    if isinstance(other, Series):
        other = _broadcast(frame, other)
    if not isinstance(cond, DataFrame):
        raise exceptions.UnsupportedError(
            f"DataFrame.{name}() takes the condition as a boolean cormorant DataFrame (e.g. df > 0) or Series; "
            f"got {type(cond).__name__}"
        )
    if isinstance(other, DataFrame):
        return DataFrame(frame._core.where(cond._core, None, mask, other._core))
    from cormorant import elementwise

    value = elementwise._scalar(other, f"{name}'s other")
    return DataFrame(frame._core.where(cond._core, value, mask, None))


def _broadcast(frame, series):
    """A frame with `series` as each of `frame`'s columns (pandas' axis=0 broadcast of a Series)."""
    from cormorant.frame import DataFrame

    return DataFrame({label: series for label in frame.columns})
