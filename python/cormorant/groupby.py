"""GroupBy: aggregations of groups of rows, computed in the engine."""

from __future__ import annotations

import math

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions, window
from cormorant import groupby_apply as _apply
from cormorant import groupby_narrow as _narrow
from cormorant import groupby_observed as _observed
from cormorant import groupby_pairwise as _pairwise
from cormorant import groupby_quantile as _quantile
from cormorant._accessor import unsupported_message
from cormorant.arguments import take_pandas_arguments
from cormorant import sem as _sem
from cormorant.counted import _counted

# Aggregations whose pandas result is a plain int64 count (count too, of a column that is not
# of a masked dtype: pandas counts Int64, Float64 and boolean columns into Int64).
_COUNTS = {"size", "nunique"}
_MASKED = set(_convert.MASKED)
# ... and of decimals (pandas: int64[pyarrow], whose nullable counterpart is Int64)
_COUNTED_AS_INT64 = _MASKED | {"decimal128(38, 9)[pyarrow]"}
_FUNCS = ("sum", "mean", "min", "max", "count", "std", "var", "median", "nunique", "first", "last", "any", "all", "prod",
          "skew", "kurt")


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _func_name(func) -> str:
    if isinstance(func, str):
        return func
    name = getattr(func, "__name__", None)
    if name in _FUNCS:
        return name
    raise exceptions.UnsupportedError(
        f"aggregation {func!r} is not supported; use one of {', '.join(_FUNCS)} (by name)"
    )


def _by_name(func, args=(), kwargs=None) -> bool:
    """Whether agg computes `func` by its name in the engine (a name, or a function named as
    one of _FUNCS, without arguments); otherwise it is a plain Python function of each group."""
    if isinstance(func, str):
        return True
    return getattr(func, "__name__", None) in _FUNCS and not args and not kwargs


def _named_aggregation(label, spec) -> tuple:
    """(column, function, args, kwargs) of a named aggregation: a (column, function) tuple or
    pandas' NamedAgg (column, aggfunc, args, kwargs); a function by name is its name."""
    if hasattr(spec, "column") and hasattr(spec, "aggfunc"):
        column, func, args, kwargs = spec.column, spec.aggfunc, tuple(getattr(spec, "args", ())), \
            dict(getattr(spec, "kwargs", {}) or {})
    elif isinstance(spec, tuple) and len(spec) == 2:
        column, func, args, kwargs = spec[0], spec[1], (), {}
    else:
        raise exceptions.InvalidArgumentError(
            f"named aggregation {label!r} takes a (column, function) tuple or a NamedAgg, got {spec!r}"
        )
    if isinstance(func, str) and (args or kwargs):  # pandas calls aggfunc(values, *args, **kwargs)
        raise exceptions.DTypeError(f"named aggregation {label!r}: NamedAgg args and kwargs need a function, "
                                    f"not the name {func!r} ('str' object is not callable)")
    if _by_name(func, args, kwargs):
        return column, _func_name(func), (), {}
    if not callable(func):
        raise exceptions.InvalidArgumentError(f"named aggregation {label!r}: {func!r} is no function")
    return column, func, args, kwargs


_SELECTED = object()  # DataFrameGroupBy's result_name: the selected column's label


_DEFAULTS = (0.5, None, True, 0, 1.0)  # q, other, skipna, min_count, ddof


def _core_specs(specs) -> list:
    """Aggregation specs for the core: (label, column, function, q, other, skipna, min_count,
    ddof) from specs of three or more of them: q the quantile's (0.5 for the other functions),
    other the second column of corr and cov (else None), then pandas' reduction options."""
    return [tuple(s) + _DEFAULTS[len(s) - 3:] for s in specs]


class DataFrameGroupBy:
    """The groups of a DataFrame's rows (see DataFrame.groupby)."""

    def __init__(self, frame, keys, as_index: bool, dropna: bool, sort: bool, selection=None, series_name=None,
                 index_names=None, result_name=_SELECTED, group_keys: bool = True, observed: bool = True):
        self._frame = frame
        self._observed = observed
        # observed=False by a categorical key: every category is a group (groupby_observed)
        self._every_category = _observed.every_category(frame, keys, observed)
        self._group_keys = group_keys  # apply: the group keys lead the index of results put together
        self._keys = keys
        self._as_index = as_index
        self._dropna = dropna
        self._sort = sort
        self._selection = selection  # column labels to aggregate; None: all but the keys
        self._series = series_name is not None
        self._series_name = series_name
        # pandas' names of the result's index levels when the keys are columns made for
        # grouping (by a Series, a function or a level); None: the key labels
        self._index_names = index_names
        # a Series' groupby: the name of its results (its own name), None: the column label
        self._result_name = series_name if result_name is _SELECTED else result_name
        self._own_keys = index_names is not None  # key columns made for grouping

    def _named(self, out):
        """A result indexed by the keys, with pandas' index names and Series name."""
        from cormorant.series import Series

        if self._index_names is not None and self._as_index:
            out = out.rename_axis(self._index_names)
        return self._series_named(out)

    def _series_named(self, out):
        """A Series result of a Series' groupby named as the Series (its column is renamed)."""
        from cormorant.series import Series

        if isinstance(out, Series) and self._series and out.name == self._series_name:
            out = out.rename(self._result_name)
        return out

    def _core(self):
        return self._frame._core.groupby(self._keys, self._as_index, self._dropna, self._sort)

    def _columns(self):
        if self._selection is not None:
            return list(self._selection)
        return [c for c in self._frame._core.columns if c not in self._keys]

    def __getitem__(self, key):
        if not isinstance(key, (list, pd.Index)):
            key = _convert.label(key)
            return DataFrameGroupBy(self._frame, self._keys, self._as_index, self._dropna, self._sort, [key], key,
                                    self._index_names, group_keys=self._group_keys, observed=self._observed)
        return DataFrameGroupBy(self._frame, self._keys, self._as_index, self._dropna, self._sort, _convert.labels(key),
                                index_names=self._index_names, group_keys=self._group_keys, observed=self._observed)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._frame._core.columns:
            return self[name]
        kind = "SeriesGroupBy" if self._series else "DataFrameGroupBy"
        if hasattr(getattr(pd.core.groupby, kind), name):  # pandas' name: refused as DataFrame's and Series' are
            raise exceptions.UnsupportedError(unsupported_message(kind, name))
        raise AttributeError(f"'{kind}' object has no attribute {name!r}")

    def _aggregate(self, specs):
        """The core's aggregation of (label, column, function[, q]) specs, in one query."""
        dtypes = dict(self._frame._core.dtypes)
        for _, column, f, *_ in specs:
            if f in ("any", "all") and dtypes.get(column) == "string":
                raise exceptions.UnsupportedError(
                    f"{f}() of a string column is not supported; compare it first, e.g. (s != '') or s.notna()"
                )
        widened = [(column, f) for _, column, f, *_ in specs if f in _narrow.WIDENED]
        narrow = _narrow.narrow_dtypes(self, [c for c, _ in widened], "/".join(sorted({f for _, f in widened})))
        if narrow:  # pandas' dtype depends on the values (groupby_narrow): summed as Int64 copies
            from cormorant.frame import DataFrame

            copies = {column: f"__cormorant_int64_{i}" for i, column in enumerate(narrow)}
            summed = {s[0]: narrow[s[1]] for s in specs if s[2] in _narrow.WIDENED and s[1] in narrow}
            specs = [(s[0], copies[s[1]], *s[2:]) if s[0] in summed else s for s in specs]
            out = DataFrame(_narrow.widened(self, copies)._aggregate(specs))
            return _narrow.narrowed(out, summed)._core
        if self._every_category:
            return _observed.aggregate(self, specs)
        return self._core().agg(_core_specs(specs))

    def _run(self, specs, counts):
        """Runs the aggregations (label, column, function); `counts` are the labels pandas
        gives as int64. A single selected column with the keys as index gives a Series."""
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        out = DataFrame(self._aggregate(specs))
        if self._series and self._as_index:
            out = Series(out._core.column(out._core.columns[0]))
        out = self._named(out)
        return _counted(out, counts) if counts else out

    def agg(self, func=None, *args, **named):
        """Aggregates: a function name for every column, a dict {column: name}, named
        aggregations agg(total=("col", "sum")), or lists of functions (agg(["sum", "mean"]),
        agg({"a": ["min", "max"], "b": "sum"})), which pandas labels (column, function) in
        MultiIndex columns (a SeriesGroupBy: by function). All of them run in one query. A
        plain Python function (a lambda, your own) gets each group's column as a pandas Series
        (with args and keywords), as pandas calls it (see groupby_apply.aggregate)."""
        if callable(func) and not isinstance(func, str) and getattr(func, "__name__", None) not in _FUNCS:
            return _apply.aggregate(self, func, *args, **named)
        if args:
            raise exceptions.UnsupportedError("GroupBy.agg by name takes no extra positional arguments")
        if named:
            if func is not None:
                raise exceptions.UnsupportedError("pass either a function or named aggregations, not both")
            if self._series:  # pandas: output_name=function
                named = {label: (self._series_name, spec) if isinstance(spec, str) or callable(spec) else spec
                         for label, spec in named.items()}
            items = [(label, *_named_aggregation(label, spec)) for label, spec in named.items()]
            if any(not isinstance(f, str) for _, _, f, _, _ in items):
                return _apply.aggregate_items(self, items)
            specs = [(label, column, f) for label, column, f, _, _ in items]
        elif isinstance(func, dict) and self._series:
            raise exceptions.UnsupportedError(
                "a dict of functions on a single column (pandas: 'nested renamer is not supported'); "
                "use a list: gb['col'].agg(['sum', 'mean'])"
            )
        elif isinstance(func, dict) and any(isinstance(f, (list, tuple)) for f in func.values()):
            return self._agg_lists([(column, f, _apply.labels(_as_list(fs))[i])
                                    for column, fs in func.items() for i, f in enumerate(_as_list(fs))])
        elif isinstance(func, dict):
            if not all(_by_name(f) for f in func.values()):
                return _apply.aggregate_items(self, [(column, column, f, (), {}) for column, f in func.items()])
            specs = [(column, column, _func_name(f)) for column, f in func.items()]
        elif isinstance(func, (list, tuple)):
            names = _apply.labels(func)
            if self._series:
                return self._agg_lists([(self._series_name, f, n) for f, n in zip(func, names)], by_function=True)
            return self._agg_lists([(c, f, n) for c in self._columns() for f, n in zip(func, names)])
        else:
            name = _func_name(func)
            specs = [(c, c, name) for c in self._columns()]
        return self._run(specs, self._int64_counts(specs, _COUNTS))

    def _int64_counts(self, specs, counts=("nunique",)) -> set:
        """The labels of the (label, column, function) specs that pandas gives as int64: `counts`,
        and count of a column of an unmasked dtype."""
        dtypes = dict(self._frame._core.dtypes)
        return {label for label, column, f, *_ in specs
                if f in counts or (f == "count" and dtypes.get(column) not in _COUNTED_AS_INT64)}

    def _agg_lists(self, triples, by_function: bool = False):
        """Aggregations given as lists of functions, (column, function, pandas' label of the
        function): one spec per (column, function), run in one query, labelled as pandas labels
        them: (column, function) tuples (MultiIndex columns; the core labels keys that stay
        columns (key, "")), or function names for a SeriesGroupBy. Plain Python functions among
        them: see groupby_apply.aggregate_items."""
        from cormorant.frame import DataFrame

        if not triples:
            raise exceptions.UnsupportedError("agg needs at least one function: agg(['sum', 'mean'])")
        named = [(column, name) for column, _, name in triples]
        if len(set(named)) < len(named):
            raise exceptions.InvalidArgumentError("Function names must be unique if there is no new column names assigned")
        columns = self._frame._core.columns
        missing = [column for column, _ in named if column not in columns]
        if missing:
            raise exceptions.ColumnNotFoundError(f"Label(s) {missing} do not exist")
        labels = [name if by_function else (column, name) for column, name in named]
        if not all(_by_name(f) for _, f, _ in triples):
            return _apply.aggregate_items(self, [(label, column, f, (), {})
                                                 for label, (column, f, _) in zip(labels, triples)])
        specs = [(label, column, _func_name(f)) for label, (column, f, _) in zip(labels, triples)]
        # pandas gives int64 for nunique, and for count of a column of an unmasked dtype (size
        # in a list is Int64)
        out = self._named(DataFrame(self._aggregate(specs)))
        counts = self._int64_counts(specs)
        return _counted(out, counts) if counts else out

    aggregate = agg

    def size(self):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        out = DataFrame(_observed.aggregate(self, [("size", self._keys[0], "size")]) if self._every_category
                        else self._core().size())
        if self._as_index:
            size = self._named(Series(out._core.column("size")).rename(self._result_name if self._series else None))
            dtype = dict(self._frame._core.dtypes).get(self._series_name) if self._series else None
            if dtype in _MASKED or dtype == "string":  # pandas: a masked or string Series' sizes are Int64
                return size
            return _counted(size, {"size"})
        return _counted(out, {"size"})

    def _rows_where(self, keep):
        """The frame's rows (in its order) for which keep(cumcount, reverse cumcount) holds;
        rows of a missing key are left out when dropna."""
        grouped = self._frame.groupby(self._keys, dropna=self._dropna)
        rows = self._frame[keep(grouped.cumcount(), grouped.cumcount(ascending=False))]
        if self._dropna:
            for key in self._keys:
                rows = rows[rows[key].notna()]
        return self._picked(rows)

    def _picked(self, rows):
        """Rows of the frame as this groupby shows them: the selected column (a Series), the
        selected columns, or every column but keys made for grouping."""
        if self._series:
            return rows[self._series_name].rename(self._result_name)
        return rows[self._columns()] if self._selection is not None or self._own_keys else rows

    def head(self, n: int = 5):
        """The first n rows of each group, in the frame's order (all but the last -n for a
        negative n), as pandas' groupby.head."""
        if n is None:  # pandas' head(None): every row
            n = _convert.INT64_MAX
        n = _convert.count(n)
        return self._rows_where(lambda ahead, behind: ahead < n if n >= 0 else behind >= -n)

    def tail(self, n: int = 5):
        """The last n rows of each group, in the frame's order (all but the first -n for a
        negative n), as pandas' groupby.tail."""
        n = _convert.count(n)
        return self._rows_where(lambda ahead, behind: behind < n if n >= 0 else ahead >= -n)

    def nth(self, n):
        """The n-th row of each group (counting from the end when negative; a list of such
        positions), in the frame's order, as pandas' groupby.nth."""
        positions = n if isinstance(n, (list, tuple)) else [n]
        if not positions or not all(_convert.is_int(p) for p in positions):
            raise exceptions.DTypeError(f"Invalid index {type(n)}. Must be integer or list-like of integers")
        positions = [_convert.count(p) for p in positions]

        def keep(ahead, behind):
            out = None
            for p in positions:
                one = ahead == p if p >= 0 else behind == -p - 1
                out = one if out is None else out | one
            return out

        return self._rows_where(keep)

    def value_counts(self, subset=None, *, normalize: bool = False, sort: bool = True, ascending: bool = False,
                     bins=None, dropna: bool = True):
        """Counts of each value (each combination of the non-key columns, or of `subset`, for a
        DataFrameGroupBy) within each group: a Series with the keys and the values as index,
        most frequent first within each group when `sort`; `normalize` divides by the group's
        total (a window sum over the groups, in the same query); `dropna` leaves out missing
        values. A SeriesGroupBy's `bins`: see groupby_counts.by_bins."""
        from cormorant import groupby_counts
        from cormorant.frame import DataFrame

        if bins is not None:
            return groupby_counts.by_bins(self, bins, normalize, sort, ascending, dropna)
        columns = [self._series_name] if self._series else self._columns()
        if subset is not None:
            columns = groupby_counts.subset_columns(self, subset)
        dtypes = dict(self._frame._core.dtypes)
        if self._every_category or any(dtypes.get(c) == "category" for c in columns):
            # pandas counts every category (of the keys with observed=False, of the columns always)
            if not self._as_index:
                raise exceptions.UnsupportedError(
                    "groupby(as_index=False).value_counts by categorical keys with observed=False or of categorical "
                    "columns is not supported; use as_index=True and reset_index()")
            return _observed.value_counts(self, columns, normalize, sort, ascending, dropna)
        if sort and not self._sort:
            raise exceptions.UnsupportedError(
                "value_counts(sort=True) after groupby(sort=False) is not supported (pandas' order there "
                "depends on its internals); use groupby(sort=True), or value_counts(sort=False)"
            )
        frame = self._frame
        if self._dropna:  # groups of a missing key
            for key in self._keys:
                frame = frame[frame[key].notna()]
        if dropna:
            for column in columns:
                frame = frame[frame[column].notna()]
        keys = self._keys + columns
        label = "proportion" if normalize else "count"
        # each combination once, in order of first appearance (pandas' order of ties)
        counts = DataFrameGroupBy(frame, keys, True, False, False).size()._obj.rename(label).to_frame()
        flat = DataFrame(counts.reset_index()._core.rename_axis(["__order__"])).reset_index()
        if self._sort:
            by = list(self._keys)
        else:  # groups in order of first appearance too
            first = flat.groupby(self._keys, dropna=False)["__order__"].transform("min")
            flat, by = flat.assign(__group__=first), ["__group__"]
        if normalize:
            total = flat.groupby(self._keys, dropna=False)[label].transform("sum")
            flat = flat.assign(**{label: flat[label] / total})
        flat = flat.sort_values(by + [label], ascending=[True] * len(by) + [ascending]) if sort else flat.sort_values(by)
        out = flat.set_index(keys)[label]
        if not self._as_index:
            out = out.reset_index()
        if not self._series:  # pandas gives numpy dtypes here, nullable ones for one column
            return _counted(out, {label}, "float64" if normalize else "int64")
        return out

    def _reduction(self, func: str, numeric_only: bool = False, skipna: bool = True, min_count: int = 0,
                   ddof: int = 1, engine=None):
        """pandas' groupby reduction `func` of every selected column (numeric_only: numbers,
        booleans and decimals only) in one query, with pandas' skipna, min_count and ddof (a
        group of n <= ddof values is <NA>)."""
        from cormorant.summaries import NUMERIC, check_reduce_arguments

        check_reduce_arguments(f"groupby {func}", skipna, min_count, ddof)
        if engine not in (None, "cython"):
            raise exceptions.UnsupportedError(f"groupby {func}(engine={engine!r}): cormorant computes in its engine; "
                                              "leave engine unset")
        if not isinstance(numeric_only, (bool, np.bool_)):
            raise ValueError(f'For argument "numeric_only" expected type bool, received type {type(numeric_only).__name__}.')
        columns = self._columns()
        if numeric_only:
            dtypes = dict(self._frame._core.dtypes)
            columns = [c for c in columns if dtypes.get(c) in NUMERIC]
            if self._series and not columns:
                raise exceptions.DTypeError(f"Cannot use numeric_only=True with SeriesGroupBy.{func} and non-numeric "
                                            "dtypes.")
        if func in ("std", "var"):
            ddof = int(ddof)  # pandas' groupby kernels take an int: a float ddof is truncated (1.5 divides by n - 1)
            if ddof < 0:  # (pandas gives 0 for a group of no values then)
                raise exceptions.UnsupportedError(f"groupby {func}(ddof={ddof}): a negative ddof is not supported")
            min_count = max(min_count, math.floor(ddof) + 1)
        return self._run([(c, c, func, 0.5, None, bool(skipna), int(min_count), float(ddof)) for c in columns], set())

    def sum(self, numeric_only: bool = False, min_count: int = 0, skipna: bool = True, engine=None,
            engine_kwargs=None):
        """Each group's sum (0 for no values; <NA> under `min_count` present values)."""
        return self._reduction("sum", numeric_only, skipna, min_count, engine=engine)

    def mean(self, numeric_only: bool = False, skipna: bool = True, engine=None, engine_kwargs=None):
        return self._reduction("mean", numeric_only, skipna, engine=engine)

    def min(self, numeric_only: bool = False, min_count: int = -1, skipna: bool = True, engine=None,
            engine_kwargs=None):
        return self._reduction("min", numeric_only, skipna, min_count, engine=engine)

    def max(self, numeric_only: bool = False, min_count: int = -1, skipna: bool = True, engine=None,
            engine_kwargs=None):
        return self._reduction("max", numeric_only, skipna, min_count, engine=engine)

    def count(self):
        return self.agg("count")

    def std(self, ddof: int = 1, engine=None, engine_kwargs=None, numeric_only: bool = False, skipna: bool = True):
        """Each group's standard deviation, divided by n - ddof (<NA> where n <= ddof)."""
        return self._reduction("std", numeric_only, skipna, ddof=ddof, engine=engine)

    def var(self, ddof: int = 1, engine=None, engine_kwargs=None, numeric_only: bool = False, skipna: bool = True):
        """Each group's variance, divided by n - ddof (<NA> where n <= ddof)."""
        return self._reduction("var", numeric_only, skipna, ddof=ddof, engine=engine)

    def median(self, numeric_only: bool = False, skipna: bool = True):
        return self._reduction("median", numeric_only, skipna)

    def nunique(self, dropna: bool = True):
        if not dropna:
            raise exceptions.UnsupportedError("groupby nunique(dropna=False) is not supported yet")
        return self.agg("nunique")

    def any(self, skipna: bool = True):
        """Whether some value of each group is true (skipna=False: a missing value makes it
        <NA> unless a true value decides it)."""
        return self._reduction("any", skipna=skipna)

    def all(self, skipna: bool = True):
        """Whether every value of each group is true (skipna=False: a missing value makes it
        <NA> unless a false value decides it)."""
        return self._reduction("all", skipna=skipna)

    def prod(self, numeric_only: bool = False, min_count: int = 0, skipna: bool = True):
        """The product of each group's values (1 for a group of missing values only; <NA> under
        `min_count` present values)."""
        return self._reduction("prod", numeric_only, skipna, min_count)

    def skew(self, skipna: bool = True, numeric_only: bool = False):
        """The sample skewness of each group's values, as pandas' GroupBy.skew."""
        return self._reduction("skew", numeric_only, skipna)

    sem = _sem.groupby_sem

    def kurt(self, skipna: bool = True, numeric_only: bool = False):
        """The sample excess kurtosis of each group's values, as pandas' GroupBy.kurt."""
        return self._reduction("kurt", numeric_only, skipna)

    def first(self, numeric_only: bool = False, min_count: int = -1, skipna: bool = True):
        """Each group's first value (skipna=False: the first row's, missing or not)."""
        return self._reduction("first", numeric_only, skipna, min_count)

    def quantile(self, q=0.5, interpolation="linear", numeric_only: bool = False):
        """Each group's q-quantile of every column, a list of q (an index level of them) and
        every interpolation, as pandas (see groupby_quantile)."""
        return _quantile.quantile(self, q, interpolation, numeric_only)

    def idxmax(self, axis=0, skipna: bool = True, numeric_only: bool = False):
        """The label of the first row (in the frame's order) holding each group's largest value;
        a group whose values are all missing raises, as in pandas."""
        return self._labels_of("idxmax", skipna, numeric_only)

    def idxmin(self, axis=0, skipna: bool = True, numeric_only: bool = False):
        """The label of the first row holding each group's smallest value (see idxmax)."""
        return self._labels_of("idxmin", skipna, numeric_only)

    def _labels_of(self, func: str, skipna: bool, numeric_only: bool):
        if not skipna:
            raise exceptions.UnsupportedError(f"groupby {func}(skipna=False) is not supported")
        columns = self._numeric_columns(f"groupby {func}") if numeric_only else self._columns()
        return self._run([(c, c, func) for c in columns], set())

    def _numeric_columns(self, what: str) -> list:
        """The selected columns numeric_only keeps: numbers and booleans, and decimals, which pandas
        keeps too and cormorant cannot compute `what` of (DTypeError naming the column)."""
        dtypes = dict(self._frame._core.dtypes)
        columns = [c for c in self._columns() if dtypes.get(c) in _MASKED or dtypes.get(c) == _convert.DECIMAL]
        _convert.refuse_decimals(dtypes, columns, what)
        return columns

    apply = _apply.apply
    corr = _pairwise.corr
    cov = _pairwise.cov

    def describe(self, percentiles=None, include=None, exclude=None):
        """pandas' description of each group: count, mean, std, min, the percentiles and max of
        numbers (Float64), timedeltas and datetimes, count, unique, top and freq of text, booleans
        and categoricals; include= / exclude= choose the columns as pandas' describe does (see
        groupby_describe)."""
        from cormorant import groupby_describe

        return groupby_describe.describe(self, percentiles, include, exclude)

    def filter(self, func, dropna: bool = True, *args, **kwargs):
        """pandas' GroupBy.filter: the rows of the groups for which func(group) is True, in the
        frame's order with their labels (dropna=False: the other rows kept, all missing). func is
        plain Python: it gets each group as a pandas DataFrame (a Series' groupby: Series),
        streamed group by group from the rows sorted by key, so one group at a time is in memory;
        the kept groups then filter the frame in the engine."""
        if self._every_category:
            _observed.refuse("filter")
        if self._own_keys:
            raise exceptions.UnsupportedError("groupby filter needs the keys to be columns of the frame")
        frame = self._frame
        keys = list(self._keys)
        kept = []
        for chunk in self._whole_groups():
            for key, group in chunk.groupby(keys, sort=False, dropna=False):
                picked = group[self._series_name] if self._series else (
                    group if self._selection is None else group[self._columns()])
                verdict = func(picked, *args, **kwargs)
                if not isinstance(verdict, (bool, np.bool_)):
                    raise exceptions.DTypeError(
                        f"filter function returned a {type(verdict).__name__}, but expected a scalar bool")
                if verdict:
                    kept.append(key)
        mask = self._rows_of(kept)
        out = self._picked(frame)
        if dropna:
            return out[mask]
        if self._series:
            return out.where(mask)
        out = out.copy()  # (setting columns below must not change the user's frame)
        for label in out.columns:
            out[label] = out[label].where(mask)
        return out

    def _whole_groups(self, batch_rows: int = 65536):
        """pandas frames of whole groups: the rows sorted by the keys (stably: a group keeps the
        frame's order), read in batches cut at group boundaries."""
        frame = self._frame.dropna(subset=list(self._keys)) if self._dropna else self._frame
        carry = None
        for batch in frame.sort_values(list(self._keys), kind="stable").to_pandas_batches(batch_rows):
            if carry is not None:
                batch = pd.concat([carry, batch])
            ids = batch.groupby(list(self._keys), sort=False, dropna=False).ngroup()
            last = ids.iloc[-1]
            yield batch[(ids != last).to_numpy()]
            carry = batch[(ids == last).to_numpy()]
        if carry is not None and len(carry):
            yield carry

    def _rows_of(self, groups):
        """A boolean Series on the frame's rows: True where the keys are one of `groups` (pandas
        group keys: a value, or a tuple of values for several keys; <NA> keys match <NA>)."""
        keys = list(self._keys)
        frame = self._frame
        if not groups:
            return frame[keys[0]].isna() & frame[keys[0]].notna()
        if len(keys) == 1:
            values = [g[0] if isinstance(g, tuple) else g for g in groups]
            present = [v for v in values if not pd.isna(v)]
            mask = frame[keys[0]].isin(present).fillna(False)
            return mask | frame[keys[0]].isna() if len(present) < len(values) else mask
        if len(groups) > 1000:
            raise exceptions.UnsupportedError(
                "groupby filter keeps more than 1,000 groups of several keys; group by one key (combine them first)")
        mask = None
        for group in groups:
            match = None
            for key, value in zip(keys, group):
                part = frame[key].isna() if pd.isna(value) else (frame[key] == value).fillna(False)
                match = part if match is None else match & part
            mask = match if mask is None else mask | match
        return mask

    def get_group(self, name):
        """The rows of the group whose key is `name` (a tuple for several keys), in the frame's
        order; LabelNotFoundError (pandas' KeyError) when there is none."""
        values = name if isinstance(name, tuple) else (name,)
        if len(values) != len(self._keys):
            raise exceptions.InvalidArgumentError(
                f"get_group: the groupby has {len(self._keys)} key(s); pass a tuple of as many values, got {name!r}"
            )
        mask = None
        for key, value in zip(self._keys, values):
            column = self._frame[key]
            if pd.isna(value):
                if self._dropna:
                    raise exceptions.LabelNotFoundError(repr(name))
                holds = column.isna()
            else:
                holds = (column == value).fillna(False)
            mask = holds if mask is None else mask & holds
        rows = self._frame[mask]
        if len(rows) == 0:
            raise exceptions.LabelNotFoundError(repr(name))
        return self._picked(rows)

    @property
    def groups(self) -> dict:
        """{key: pandas Index of the group's row labels}, as pandas' groups (reads the keys and
        the index)."""
        if self._every_category:
            _observed.refuse("groups")
        local = self._frame[list(self._keys)].to_pandas()
        keys = list(self._keys)
        return local.groupby(keys if len(keys) > 1 else keys[0], dropna=self._dropna, sort=self._sort).groups

    @property
    def ngroups(self) -> int:
        """The number of groups (one query; every category of a categorical key with observed=False)."""
        return len(self.size())

    def last(self, numeric_only: bool = False, min_count: int = -1, skipna: bool = True):
        """Each group's last value (skipna=False: the last row's, missing or not)."""
        return self._reduction("last", numeric_only, skipna, min_count)

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
    ffill = window.group_ffill
    bfill = window.group_bfill
    rolling = window.group_rolling
    ewm = window.ewm
    expanding = window.group_expanding


# DataFrame.agg's functions (pandas' DataFrame reductions; first and last are groupby-only).
_FRAME_FUNCS = ("sum", "mean", "min", "max", "count", "std", "var", "median", "nunique", "prod", "skew", "kurt")


def frame_agg(frame, func):
    """DataFrame.agg: a function name gives what the reduction method gives (a pandas Series);
    a list of names gives a pandas DataFrame indexed by function with one column per column,
    every value computed in one query (a groupby of all rows)."""
    from cormorant.frame import DataFrame
    from cormorant.summaries import reduction_result

    if isinstance(func, dict):
        raise exceptions.UnsupportedError("DataFrame.agg with a dict is not supported; use df[cols].agg([...])")
    names = [_func_name(f) for f in _as_list(func)]
    for name in names:
        if name not in _FRAME_FUNCS:
            raise exceptions.UnsupportedError(
                f"DataFrame.agg({name!r}) is not supported; use one of {', '.join(_FRAME_FUNCS)}"
            )
    if not isinstance(func, (list, tuple)):
        return getattr(frame, names[0])()
    if not names:
        raise exceptions.UnsupportedError("agg needs at least one function: df.agg(['sum', 'mean'])")
    if len(set(names)) < len(names):
        raise exceptions.InvalidArgumentError("Function names must be unique if there is no new column names assigned")
    dtypes = list(frame._core.dtypes)
    specs = [(f"__agg_{i}_{j}__", label, name) for i, (label, _) in enumerate(dtypes) for j, name in enumerate(names)]
    key = "__agg_all__"
    while key in frame._core.columns:
        key = "_" + key
    assigned = frame._core.assign_value(key, 1)
    # (the label it lands under: ('__agg_all__', '') among MultiIndex columns, as pandas' would)
    grouped = assigned.groupby([list(assigned.columns)[-1]], True, False, True)
    row = DataFrame(grouped.agg(_core_specs(specs))).to_pandas()
    columns = {}
    empty = {}  # no rows, no group: each reduction of the empty frame (all its columns in one query)
    for i, (label, dtype) in enumerate(dtypes):
        pieces = []
        for j, name in enumerate(names):
            if len(row):
                value = row[f"__agg_{i}_{j}__"].iloc[0]
            else:
                if name not in empty:
                    empty[name] = frame._reduce(name, True, False)
                value = empty[name].iloc[i]
            value = None if value is pd.NA or value is None else value
            piece = reduction_result(name, [(label, value, dtype)])
            pieces.append(pd.Series(piece.array, index=[name]))
        columns[label] = pd.concat(pieces)
    return pd.DataFrame(columns, index=pd.Index(names), columns=pd.Index([label for label, _ in dtypes]))


take_pandas_arguments(DataFrameGroupBy, lambda g: "SeriesGroupBy" if g._series else "DataFrameGroupBy",
                      lambda g: pd.core.groupby.SeriesGroupBy if g._series else pd.core.groupby.DataFrameGroupBy)
