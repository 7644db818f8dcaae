"""info() and memory_usage(): pandas' summaries of a frame or Series, from a few small queries
(the row count, each column's non-missing count, the first and last index labels) and printed by
pandas' own formatter, so the text is pandas' to the character.

Memory is what the result would take in pandas: exact for numbers, booleans and datetimes (and
for a default or numeric index); for strings (and bytes, decimals, lists) a lower bound (8 bytes
of offset per row and one byte per character: pandas' figure depends on Arrow's buffers), shown
with pandas' "+" as it shows object columns.
"""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions

# Bytes per row of the pandas arrays cormorant returns (masked arrays: the values and one byte
# of mask per row).
_FIXED = {"Int64": 9, "Float64": 9, "boolean": 2}


def _exact_width(dtype: str):
    if dtype in _FIXED:
        return _FIXED[dtype]
    if dtype.startswith("datetime64"):
        return 8
    return None


class _Index:
    """The index as pandas' info reads it: its summary line and whether its memory is a bound."""

    def __init__(self, obj, n: int):
        self.n = n
        frame = obj.to_frame() if _is_series(obj) else obj
        if not list(frame._core.index_names):  # a NULL index: pandas' result has a RangeIndex
            self._kind = pd.RangeIndex(0)
        else:
            self._kind = frame.head(1).index
            if isinstance(self._kind, pd.RangeIndex) and n > 1 and not _unbroken(frame, n):
                self._kind = pd.Index(list(self._kind), dtype="int64")
        self._obj = frame
        self.columns_bound = False  # set when a column's bytes are a lower bound

    def _summary(self, name=None) -> str:
        if isinstance(self._kind, pd.RangeIndex):
            return pd.RangeIndex(self.n)._summary(name)
        if self.n <= 1:
            return self._kind._summary(name)
        ends = self._kind.append(self._obj.tail(1).index)
        return ends._summary(name).replace("2 entries", f"{self.n} entries", 1)

    @property
    def _is_memory_usage_qualified(self) -> bool:
        return self.bytes()[1] or self.columns_bound

    def bytes(self):
        """(bytes, whether that is a lower bound)."""
        if isinstance(self._kind, pd.RangeIndex):
            return pd.RangeIndex(self.n).memory_usage(), False
        if isinstance(self._kind, pd.MultiIndex):
            return 8 * self.n * self._kind.nlevels, True
        dtype = self._kind.dtype
        if getattr(dtype, "kind", None) in ("i", "f", "M") and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
            return 8 * self.n, False
        width = _exact_width(str(dtype))
        return (width * self.n, False) if width else (8 * self.n, True)


def _unbroken(frame, n: int) -> bool:
    """Whether a default index starting at 0 is 0..n-1 in order (pandas' result then has a
    RangeIndex, as cormorant's to_pandas gives it)."""
    labels = frame[[]].reset_index().iloc[:, 0]
    return bool(labels.is_monotonic_increasing) and int(frame.tail(1).index[0]) == n - 1


def _column_bytes(obj, labels_dtypes, n: int, counts):
    """Each column's bytes, in column order (see the module's note), and whether some are lower
    bounds."""
    out, bound = [], False
    for i, (label, dtype) in enumerate(labels_dtypes):
        width = _exact_width(dtype)
        if width is not None:
            out.append(width * n)
            continue
        bound = True
        size = 8 * n
        if dtype == "string":
            column = obj if _is_series(obj) else obj.iloc[:, i]
            chars = column.str.len().sum()
            size += int(chars) + ((n + 7) // 8 if counts[i] < n else 0)
        out.append(size)
    return out, bound


def _is_series(obj) -> bool:
    from cormorant.series import Series

    return isinstance(obj, Series)


class _View:
    """What pandas' DataFrameInfo / SeriesInfo read of the data, computed up front."""

    def __init__(self, obj):
        self.n = len(obj)
        self.is_series = series = _is_series(obj)
        labels_dtypes = [(obj.name, obj._core.dtype)] if series else list(obj._core.dtypes)
        counts = [obj.count()] if series else list(obj.count())
        self.index = _Index(obj, self.n)
        self._bytes, self.index.columns_bound = _column_bytes(obj, labels_dtypes, self.n, counts)
        if series:
            self.name = obj.name
            self.dtypes = obj.dtype
            self._count = counts[0]
        else:
            self.columns = obj.columns
            self.dtypes = obj.dtypes
            self._count = pd.Series(counts, index=obj.columns, dtype="int64")

    def __len__(self) -> int:
        return self.n

    def count(self):
        return self._count

    def memory_usage(self, index=True, deep=False):
        """(deep changes nothing: string bytes are a lower bound either way)"""
        values = self._bytes
        if self.is_series:
            return values[0] + (self.index.bytes()[0] if index else 0)
        out = pd.Series(values, index=self.columns, dtype="int64")
        if index:
            out = pd.concat([pd.Series([self.index.bytes()[0]], index=["Index"], dtype="int64"), out])
        return out


def info(obj, verbose=None, buf=None, max_cols=None, memory_usage=None, show_counts=None):
    """pandas' DataFrame.info / Series.info."""
    import io
    import sys

    from pandas.io.formats.info import DataFrameInfo, SeriesInfo

    class _SeriesInfo(SeriesInfo):
        @property
        def dtype_counts(self):  # (pandas builds a DataFrame of the data here)
            return pd.Series([1], index=[self.data.dtypes.name])

    if _is_series(obj) and max_cols is not None:
        raise exceptions.InvalidArgumentError("Argument `max_cols` can only be passed in DataFrame.info, not Series.info")
    view = _View(obj)
    text = io.StringIO()
    if _is_series(obj):
        _SeriesInfo(view, memory_usage).render(buf=text, verbose=verbose, show_counts=show_counts)
    else:
        DataFrameInfo(view, memory_usage).render(buf=text, max_cols=max_cols, verbose=verbose, show_counts=show_counts)
    lines = text.getvalue().split("\n", 1)
    out = str(type(obj)) + "\n" + (lines[1] if len(lines) > 1 else "")
    (buf if buf is not None else sys.stdout).write(out)


def memory_usage(obj, index=True, deep=False):
    """pandas' memory_usage (see the module's note on strings)."""
    view = _View(obj)
    return view.memory_usage(index=index, deep=deep)
