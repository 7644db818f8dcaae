"""GroupBy: aggregations of groups of rows, computed in the engine."""

from __future__ import annotations

import pandas as pd

from cormorant import exceptions, window

# Aggregations whose pandas result is a plain int64 count (count too, of a column that is not
# of a masked dtype: pandas counts Int64, Float64 and boolean columns into Int64).
_COUNTS = {"size", "nunique"}
_MASKED = {"Int64", "Float64", "boolean"}
_FUNCS = ("sum", "mean", "min", "max", "count", "std", "var", "median", "nunique", "first", "last")


def _func_name(func) -> str:
    if isinstance(func, str):
        return func
    name = getattr(func, "__name__", None)
    if name in _FUNCS:
        return name
    raise exceptions.UnsupportedError(
        f"aggregation {func!r} is not supported; use one of {', '.join(_FUNCS)} (by name)"
    )


class DataFrameGroupBy:
    """The groups of a DataFrame's rows (see DataFrame.groupby)."""

    def __init__(self, frame, keys, as_index: bool, dropna: bool, sort: bool, selection=None, series_name=None):
        self._frame = frame
        self._keys = keys
        self._as_index = as_index
        self._dropna = dropna
        self._sort = sort
        self._selection = selection  # column labels to aggregate; None: all but the keys
        self._series = series_name is not None
        self._series_name = series_name

    def _core(self):
        return self._frame._core.groupby(self._keys, self._as_index, self._dropna, self._sort)

    def _columns(self):
        if self._selection is not None:
            return list(self._selection)
        return [c for c in self._frame._core.columns if c not in self._keys]

    def __getitem__(self, key):
        if isinstance(key, str):
            return DataFrameGroupBy(self._frame, self._keys, self._as_index, self._dropna, self._sort, [key], key)
        return DataFrameGroupBy(self._frame, self._keys, self._as_index, self._dropna, self._sort, list(key))

    def __getattr__(self, name):
        if not name.startswith("_") and name in self._frame._core.columns:
            return self[name]
        raise AttributeError(name)

    def _run(self, specs, counts):
        """Runs the aggregations (label, column, function); `counts` are the labels pandas
        gives as int64. A single selected column with the keys as index gives a Series."""
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        out = DataFrame(self._core().agg(specs))
        if self._series and self._as_index:
            out = Series(out._core.column(out._core.columns[0]))
        return _Counted(out, counts) if counts else out

    def agg(self, func=None, **named):
        """Aggregates: a function name for every column, a dict {column: name}, or named
        aggregations agg(total=("col", "sum"))."""
        if named:
            if func is not None:
                raise exceptions.UnsupportedError("pass either a function or named aggregations, not both")
            specs = [(label, column, _func_name(f)) for label, (column, f) in named.items()]
        elif isinstance(func, dict):
            specs = []
            for column, f in func.items():
                if isinstance(f, (list, tuple)):
                    raise exceptions.UnsupportedError(
                        "lists of functions (MultiIndex columns) are not supported; use named aggregation: "
                        "agg(total=('col', 'sum'), mean=('col', 'mean'))"
                    )
                specs.append((column, column, _func_name(f)))
        elif isinstance(func, (list, tuple)):
            raise exceptions.UnsupportedError(
                "lists of functions (MultiIndex columns) are not supported; use named aggregation: "
                "agg(total=('col', 'sum'), mean=('col', 'mean'))"
            )
        else:
            name = _func_name(func)
            specs = [(c, c, name) for c in self._columns()]
        dtypes = dict(self._frame._core.dtypes)
        counts = {
            label for label, column, f in specs if f in _COUNTS or (f == "count" and dtypes.get(column) not in _MASKED)
        }
        return self._run(specs, counts)

    aggregate = agg

    def size(self):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        out = DataFrame(self._core().size())
        if self._as_index:
            return _Counted(Series(out._core.column("size")).rename(None), {"size"})
        return _Counted(out, {"size"})

    def head(self, n: int = 5):
        """The first n rows of each group, in the frame's order (pandas' groupby.head)."""
        from cormorant.frame import DataFrame

        numbered = self._frame.groupby(self._keys, dropna=self._dropna).cumcount()
        rows = self._frame[numbered < n]
        if self._dropna:
            for key in self._keys:
                rows = rows[rows[key].notna()]
        return rows[self._columns()] if self._selection is not None else rows

    def value_counts(self, *, normalize: bool = False, sort: bool = True, ascending: bool = False):
        """Counts of each value within each group (a Series with the keys and the value as index)."""
        if not self._series:
            raise exceptions.UnsupportedError("value_counts after selecting one column: df.groupby(k)['c'].value_counts()")
        column = self._series_name
        counts = DataFrameGroupBy(self._frame, self._keys + [column], True, self._dropna, True).size()._obj
        if sort:
            counts = counts.to_frame()
            label = counts._core.columns[0]
            counts = counts.reset_index().sort_values(self._keys + [label], ascending=[True] * len(self._keys) + [ascending])
            counts = counts.set_index(self._keys + [column])[label]
        if normalize:
            raise exceptions.UnsupportedError("groupby value_counts(normalize=True) is not supported yet")
        return counts.rename("count")  # pandas gives Int64 counts here

    def sum(self):
        return self.agg("sum")

    def mean(self):
        return self.agg("mean")

    def min(self):
        return self.agg("min")

    def max(self):
        return self.agg("max")

    def count(self):
        return self.agg("count")

    def std(self):
        return self.agg("std")

    def var(self):
        return self.agg("var")

    def median(self):
        return self.agg("median")

    def nunique(self):
        return self.agg("nunique")

    def first(self):
        return self.agg("first")

    def last(self):
        return self.agg("last")

    # -- window operations (see cormorant.window) -----------------------------------------
    cumsum = window._group_cumulative("cumsum")
    cumprod = window._group_cumulative("cumprod")
    cummin = window._group_cumulative("cummin")
    cummax = window._group_cumulative("cummax")
    cumcount = window.group_cumcount
    shift = window.group_shift
    diff = window.group_diff
    pct_change = window.group_pct_change
    rank = window.group_rank
    transform = window.group_transform
    ffill = window.ffill
    bfill = window.bfill
    rolling = window.group_rolling
    expanding = window.group_expanding


class _Counted:
    """A result whose count columns pandas gives another dtype than nullable Int64 (int64,
    or int64[pyarrow] for value_counts of strings): behaves as the wrapped DataFrame or Series,
    and converts those columns in to_pandas()."""

    def __init__(self, obj, counts, dtype="int64"):
        self._obj = obj
        self._counts = counts
        self._dtype = dtype

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def __getitem__(self, key):
        return self._obj[key]

    def __len__(self):
        return len(self._obj)

    def to_pandas(self):
        out = self._obj.to_pandas()
        if isinstance(out, pd.Series):
            return out.astype(self._dtype)
        return out.astype({c: self._dtype for c in self._counts if c in out.columns})

    def __repr__(self):
        return repr(self.to_pandas())
