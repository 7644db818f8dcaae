"""DataFrame: a lazy table with an index."""

from __future__ import annotations

import datetime

from cormorant._lazy import np, pa, pd
from cormorant import _convert, columnwise, combining, elementwise, exceptions, frameops, merging, missing, output
from cormorant import _core
from cormorant._accessor import unsupported_message
from cormorant._inplace import inplace_method
from cormorant.arguments import take_pandas_arguments
from cormorant import query as _query
from cormorant import info as _info, levels, matrix, multiloc, plotting, relabel, reshape, resample as _resample, selection, summaries
from cormorant import by_level, sorting, window
from cormorant import interpolate as interpolate_, reindexing
from cormorant.indexing import CellAccess, _ILocIndexer, _LocIndexer, _aligned_mask, _bool_mask, if_callable, is_label_slice
from cormorant.series import Series
from cormorant.frame_reductions import FrameReductions


def _count(n) -> int:
    """A row count argument, checked like pandas checks it (see _convert.count)."""
    if not _convert.is_int(n):
        raise exceptions.DTypeError(f"cannot use a {type(n).__name__} as a number of rows; pass an int")
    return _convert.count(n)


def _in_cormorant(frame) -> bool:
    name = frame.f_globals.get("__name__", "")
    return name == "cormorant" or name.startswith("cormorant.")


def _variables(local_dict, global_dict, kwargs) -> dict:
    """The variables @name may refer to in query/eval: the caller's (the first frame outside
    cormorant: the user's code calling DataFrame.query, past any of cormorant's wrappers), or
    the dicts given, as pandas resolves them."""
    import sys

    for key in kwargs:
        if key not in ("parser", "engine", "level", "resolvers", "target"):
            raise exceptions.InvalidArgumentError(f"unexpected keyword argument {key!r}")
    caller = sys._getframe(1)
    while caller.f_back is not None and _in_cormorant(caller):
        caller = caller.f_back
    variables = dict(caller.f_globals if global_dict is None else global_dict)
    variables.update(caller.f_locals if local_dict is None else local_dict)
    return variables


def _as_list(x):
    return list(x) if isinstance(x, (list, tuple, pd.Index)) else [x]


def _astype_errors(errors) -> None:
    """astype's errors: "raise" (values that do not convert fail the query); pandas' "ignore"
    gives the object unchanged when any fails, which a lazy plan cannot know."""
    if errors not in ("raise", "ignore"):
        raise exceptions.InvalidArgumentError(
            f"Expected value of kwarg 'errors' to be one of ['raise', 'ignore']. Supplied value is '{errors}'")
    if errors == "ignore":
        raise exceptions.UnsupportedError("astype(errors='ignore') is not supported; values that do not convert "
                                          "fail the query (errors='raise'), or use to_numeric(errors='coerce')")


def _label_list(x) -> list:
    """Column labels given as one label or a list of them (a tuple is one label, as in pandas)."""
    return _convert.labels(x) if isinstance(x, (list, pd.Index)) else [_convert.label(x)]


class DataFrame(FrameReductions, output.ResultForms, CellAccess):
    """A lazy table of labelled, typed columns with an index; nothing runs until results are asked for."""

    def __init__(self, data=None, index=None, columns=None, dtype=None, copy=None, *, session=None):
        """pandas' DataFrame(data, index=, columns=, dtype=): Python data is copied into the
        session (the global one unless `session` is given); a cormorant DataFrame or Series stays
        lazy (see cormorant.construct)."""
        if isinstance(data, _core.DataFrame) and index is None and columns is None and dtype is None:
            self._core = data
        else:
            from cormorant.construct import frame_core

            self._core = frame_core(data, index, columns, dtype, copy, session)

    @classmethod
    def from_dict(cls, data, orient="columns", dtype=None, columns=None, *, session=None):
        """pandas' DataFrame.from_dict, copied into the session."""
        return cls(pd.DataFrame.from_dict(data, orient=orient, dtype=dtype, columns=columns), session=session)

    @classmethod
    def from_records(cls, data, index=None, exclude=None, columns=None, coerce_float=False, nrows=None, *,
                     session=None):
        """pandas' DataFrame.from_records, copied into the session."""
        local = pd.DataFrame.from_records(data, index=index, exclude=exclude, columns=columns,
                                          coerce_float=coerce_float, nrows=nrows)
        return cls(local, session=session)

    # -- attributes --------------------------------------------------------------------
    @property
    def columns(self) -> pd.Index:
        return _convert.columns_index(self._core.columns, self._core.column_levels)

    @columns.setter
    def columns(self, labels):
        """df.columns = labels: the columns relabelled in order (see cormorant.relabel)."""
        self._core = relabel.column_labels(self, labels)

    @property
    def dtypes(self) -> pd.Series:
        index = _convert.columns_index([n for n, _ in self._core.dtypes], self._core.column_levels)
        dtypes = [_convert.categorical_dtype(self._core.categories_of(label)) if d == "category" else _convert.pandas_dtype(d)
                  for label, d in self._core.dtypes]
        return pd.Series(dtypes, index=index, dtype=object)

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(self._core.shape)

    def __len__(self) -> int:
        return self._core.shape[0]

    @property
    def size(self) -> int:
        rows, cols = self._core.shape
        return rows * cols

    @property
    def ndim(self) -> int:
        return 2

    @property
    def empty(self) -> bool:
        rows, cols = self.shape
        return rows == 0 or cols == 0

    @property
    def index(self) -> pd.Index:
        """The index labels (runs a query)."""
        if not self._core.index_names:
            raise exceptions.NullIndexError(
                "this DataFrame has a NULL index (ordering_mode=\"partial\" or "
                "index_col=DefaultIndexKind.NULL); set one with set_index() first"
            )
        return _convert.with_freq_of(self, _convert.result_to_pandas(self._core.select([]).to_arrow()).index)

    @index.setter
    def index(self, labels):
        """df.index = labels: the rows labelled in order (see cormorant.relabel)."""
        self._core = relabel.index_labels(self, labels)

    def __delitem__(self, label):
        relabel.delete_column(self, label)

    pop = relabel.pop
    set_axis = relabel.set_axis

    @property
    def sql(self) -> str:
        """The SQL this DataFrame compiles to."""
        return self._core.sql

    @property
    def iloc(self):
        """Selection by position: ints, slices (with steps, negative bounds) and lists."""
        return _ILocIndexer(self)

    @property
    def loc(self):
        """Selection by label: labels, lists of labels, label slices (both ends included),
        boolean Series, and a column selection after a comma."""
        return _LocIndexer(self)

    # -- selection ---------------------------------------------------------------------
    def _column(self, key):
        """df[label]: the column labelled `key`, or with MultiIndex columns the columns under
        `key` on their first level (a DataFrame labelled by the other levels)."""
        key = _convert.label(key)
        try:
            return Series(self._core.column(key))
        except exceptions.ColumnNotFoundError:
            if isinstance(key, tuple) or not any(isinstance(c, tuple) for c in self._core.columns):
                raise
            return DataFrame(self._core.column_level(key))

    def __getitem__(self, key):
        key = if_callable(key, self)
        if isinstance(key, (str, int, float, tuple, np.generic, datetime.date, datetime.timedelta)) or key is None:
            return self._column(key)  # (Timestamps, Timedeltas and dates label the columns of T)
        if isinstance(key, Series):
            if key._core.dtype != "boolean":
                # pandas reads a non-boolean Series key as column labels
                raise exceptions.ColumnNotFoundError(
                    f"a Series of dtype {key._core.dtype} used as a key selects columns by label, and "
                    "cormorant selects columns by name only; filter rows with a boolean Series"
                )
            return DataFrame(self._core.filter(key._core))
        if isinstance(key, slice):  # positions, or labels for bounds other than ints (as pandas)
            return self.loc[key] if is_label_slice(key) else self.iloc[key]
        if isinstance(key, DataFrame):  # pandas' df[df > 0]: the values where the mask is true
            return self.where(key)
        mask = _bool_mask(key) if not isinstance(key, pd.Series) else _aligned_mask(key, self.index)
        if mask is not None:  # rows by a boolean mask, as pandas' df[[True, False, ...]]
            rows = len(self)
            if len(mask) != rows:
                raise exceptions.InvalidArgumentError(f"Item wrong length {len(mask)} instead of {rows}.")
            return DataFrame(self._core.take_mask(mask))
        if isinstance(key, (list, pd.Index)):
            return DataFrame(self._core.select(_convert.labels(key)))
        raise exceptions.UnsupportedError(
            f"DataFrame[{type(key).__name__}] is not supported yet; use a column label, a list of labels "
            "or a boolean Series"
        )

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self._core.columns:
            return Series(self._core.column(name))
        if hasattr(pd.DataFrame, name):
            raise exceptions.UnsupportedError(unsupported_message("DataFrame", name))
        raise AttributeError(f"'DataFrame' object has no attribute {name!r}")

    def __setitem__(self, key, value):
        """df[label] = value (a new or replaced column, aligned on the index); df[mask] = value
        and df[slice] = value set every column on those rows, df[[labels]] = value those columns
        (see indexing.set_cells)."""
        from cormorant.indexing import set_cells

        key = if_callable(key, self)
        if isinstance(key, Series) or _bool_mask(key) is not None:
            return set_cells(self, (key, slice(None)), value, positional=False)
        if isinstance(key, slice):
            return set_cells(self, (key, slice(None)), value, positional=True)
        if isinstance(key, (list, pd.Index)):
            if value is None or value is pd.NA:  # pandas replaces them with object columns of None
                raise exceptions.DTypeError(
                    f"df[{list(key)!r}] = {value!r} makes object columns in pandas, and cormorant has no object "
                    f"dtype; df.loc[:, {list(key)!r}] = {value!r} keeps the columns' dtypes (all <NA>), or assign "
                    "a typed Series"
                )
            if not isinstance(value, (Series, DataFrame, pd.Series, pd.DataFrame, list, tuple, np.ndarray)):
                for label in key:  # pandas replaces each column by one of the scalar (its own dtype)
                    self._core = self._assigned(_convert.label(label), value)
                return None
            return set_cells(self, (slice(None), key), value, positional=False)
        self._core = self._assigned(_convert.label(key), value)

    def _assigned(self, key: str, value):
        if isinstance(value, Series):
            return self._core.assign_series(key, value._core)
        if isinstance(value, (pd.Series, pd.DataFrame, list, tuple)):
            raise exceptions.UnsupportedError(
                "assign a cormorant Series or a scalar; bring pandas data in with cpd.read_pandas() first"
            )
        return self._core.assign_value(key, _convert.scalar(value))

    def assign(self, **kwargs):
        """A copy with new or replaced columns; values are Series, scalars or callables of the frame."""
        out = self
        for key, value in kwargs.items():
            out = DataFrame(out._assigned(key, if_callable(value, out)))
        return out

    def apply(self, func, axis=0, raw=False, result_type=None, args=(), **kwargs):
        """pandas' DataFrame.apply(f, axis=1) with a UDF declared ``input_types=cpd.Series`` or a
        plain Python function of the row: each row reaches it as a pandas Series, in the engine."""
        if raw or result_type is not None:
            raise exceptions.UnsupportedError("DataFrame.apply takes neither raw=True nor result_type")
        from cormorant import udf

        return udf.frame_apply(self, func, axis, args, kwargs)

    def transform(self, func, axis=0, *args, **kwargs):
        """pandas' DataFrame.transform: a name, a function of each column, a list or a dict of them."""
        from cormorant import transform

        return transform.frame_transform(self, func, axis, args, kwargs)

    def astype(self, dtype, copy=None, errors="raise"):
        """pandas' astype: one dtype for every column, or a dict of column -> dtype; timedeltas to
        str give pandas' text (cormorant.timedeltas.as_text)."""
        _astype_errors(errors)
        one = None if isinstance(dtype, dict) else _convert.core_dtype(dtype)
        targets = (dict.fromkeys(self._core.columns, one) if one is not None
                   else {_convert.label(k): _convert.core_dtype(v) for k, v in dtype.items()})
        out = self
        for label, d in self._core.dtypes:
            if d == _convert.TIMEDELTA and targets.get(label) == "string":
                from cormorant.timedeltas import as_text

                out = DataFrame(out._assigned(label, as_text(out._column(label))))
        return DataFrame(out._core.astype(one) if one is not None else out._core.astype_columns(targets))

    @inplace_method
    def rename(self, mapper=None, *, index=None, columns=None, axis=None, copy=None, level=None, errors="ignore"):
        """pandas' rename: column labels (columns=, or mapper with axis=1) by a dict or a function,
        index labels (index=, or mapper) by a dict (see levels.rename_labels), of every level or
        `level`; errors="raise": a key that is no label is LabelNotFoundError (pandas' KeyError)."""
        if mapper is not None:
            if index is not None or columns is not None:
                raise exceptions.InvalidArgumentError("Cannot specify both 'mapper' and any of 'index' or 'columns'")
            if axis in (None, 0, "index"):
                index = mapper
            elif axis in (1, "columns"):
                columns = mapper
            else:
                raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type DataFrame")
        elif axis is not None:
            raise exceptions.InvalidArgumentError("Cannot specify both 'axis' and any of 'index' or 'columns'")
        if index is None and columns is None:
            raise exceptions.DTypeError("must pass an index to rename")
        if errors not in ("ignore", "raise"):
            raise exceptions.InvalidArgumentError(f"errors must be 'ignore' or 'raise', got {errors!r}")
        out = self
        if columns is not None:
            if level is not None:
                raise exceptions.UnsupportedError("rename(columns=..., level=...) is not supported")
            labels = list(self._core.columns)
            if callable(columns):
                columns = {c: columns(c) for c in labels}
            columns = dict(columns)
            missing = [k for k in columns if k not in labels]
            if errors == "raise" and missing:
                raise exceptions.LabelNotFoundError(f"{missing} not found in axis")
            out = DataFrame(out._core.rename({_convert.label(k): _convert.label(v) for k, v in columns.items()}))
        if index is not None:
            out = levels.rename_labels(out, index, level, errors)
        return out

    @inplace_method
    def drop(self, labels=None, *, axis=0, index=None, columns=None, level=None, errors="raise"):
        """pandas' drop: columns (columns=, or labels with axis=1) and rows by index label
        (index=, or labels with axis=0); absent labels raise, as in pandas."""
        if labels is not None and axis in (1, "columns"):
            columns = labels
        elif labels is not None:
            index = labels
        if level is not None:  # see cormorant.by_level
            out = self if columns is None else by_level.drop(self, columns, level, "columns", errors)
            return out if index is None else by_level.drop(out, index, level, "index", errors)
        out = self if columns is None else DataFrame(self._core.drop(_label_list(columns)))
        return out if index is None else selection.drop_rows(out, index, errors)

    def query(self, expr: str, *, inplace: bool = False, local_dict=None, global_dict=None, **kwargs):
        """pandas' query: the rows where `expr` over the columns holds (see cormorant.query);
        @name refers to the caller's variables (or local_dict / global_dict)."""
        return _query.query(self, expr, _variables(local_dict, global_dict, kwargs), inplace)

    def eval(self, expr: str, *, inplace: bool = False, local_dict=None, global_dict=None, **kwargs):
        """pandas' eval: the value of `expr` over the columns, or a copy with the columns that
        `name = expr` lines set (see cormorant.query)."""
        return _query.evaluate(self, expr, _variables(local_dict, global_dict, kwargs), inplace)

    take = selection.take
    sample = selection.sample
    filter = selection.filter_labels
    interpolate = inplace_method(interpolate_.frame_interpolate, returns_self=True)

    def value_counts(self, subset=None, normalize=False, sort=True, ascending=False, dropna=True):
        from cormorant import missing

        return missing.frame_value_counts(self, subset, normalize, sort, ascending, dropna)
    corrwith = summaries.by_columns(summaries.corrwith)

    # -- order and position ------------------------------------------------------------
    def head(self, n: int = 5):
        return DataFrame(self._core.head(_convert.INT64_MAX if n is None else _count(n)))  # head(None): all

    def tail(self, n: int = 5):
        return DataFrame(self._core.tail(_count(n)))

    @inplace_method
    def sort_values(self, by, *, axis=0, ascending=True, na_position: str = "last", kind=None,
                    ignore_index: bool = False, key=None):
        """Sorts by columns; stable (ties keep their order), as pandas' kind='stable'. `key`, as
        pandas': a function of each `by` column (a cormorant Series) giving the Series to sort
        by in its place, computed in the same query. axis=1 orders the columns by the values of
        the rows `by` (cormorant.sorting.sort_values_columns)."""
        if na_position not in ("first", "last"):
            raise exceptions.InvalidArgumentError(f"invalid na_position: {na_position!r}")
        if isinstance(ascending, (list, tuple)) and len(ascending) != len(_as_list(by)):
            raise exceptions.InvalidArgumentError(
                f"Length of ascending ({len(ascending)}) != length of by ({len(_as_list(by))})"
            )
        if axis in (1, "columns"):
            return sorting.sort_values_columns(self, by, ascending, kind, na_position, ignore_index, key)
        if axis not in (0, "index", "rows"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type DataFrame")
        labels = _label_list(by)
        if key is not None:
            return self._sorted_by_key(labels, ascending, na_position, ignore_index, key)
        out = DataFrame(self._core.sort_values(labels, [bool(a) for a in _as_list(ascending)], na_position == "last"))
        return out.reset_index(drop=True) if ignore_index else out

    def _sorted_by_key(self, labels, ascending, na_position, ignore_index, key):
        """sort_values(key=...): the keys become columns of their own, sorted by, then dropped."""
        from cormorant.series import Series

        if not callable(key):
            raise exceptions.InvalidArgumentError(f"key must be a function of a Series, got {type(key).__name__}")
        taken = {str(label) for label in self.columns}
        keyed = self
        names = []
        for i, label in enumerate(labels):
            value = key(self[label])
            if not isinstance(value, Series):
                raise exceptions.InvalidArgumentError(
                    f"key of column {label!r} gave a {type(value).__name__}; it must give a cormorant Series "
                    "of the same rows (use the Series' own methods, such as .str.lower() or .abs())")
            name = f"__sort_key_{i}__"
            while name in taken:
                name = "_" + name
            taken.add(name)
            names.append(name)
            keyed = keyed.assign(**{name: value})
        out = keyed.sort_values(names, ascending=ascending, na_position=na_position).drop(columns=names)
        return out.reset_index(drop=True) if ignore_index else out

    @inplace_method
    def sort_index(self, *, axis=0, level=None, ascending=True, kind=None, na_position: str = "last",
                   sort_remaining: bool = True, ignore_index: bool = False, key=None):
        """Sorts by the index labels (or `level`s; see cormorant.sorting); stable (equal labels keep
        their order), as pandas' kind='stable'."""
        return sorting.sort_index(self, axis, level, ascending, na_position, sort_remaining, ignore_index, key)

    @inplace_method
    def set_index(self, keys, *, drop: bool = True, append: bool = False, verify_integrity: bool = False):
        """The columns `keys` as the index (after the index with `append`); verify_integrity=True
        checks that no label repeats (one query), as pandas."""
        labels = _label_list(keys)  # (a tuple is one label, as pandas)
        out = DataFrame(self._core.set_index(labels, drop, append))
        if _convert.has_index_freq(out):
            # a former index with a freq back as the index (reset_index, then set_index): pandas'
            # new index has none, so it takes a copy of the column (a column of its own)
            copied = DataFrame(self._core)
            for label in labels:
                if isinstance(copied[label].dtype, pd.DatetimeTZDtype) or str(copied[label].dtype).startswith("datetime"):
                    copied[label] = copied[label] + pd.Timedelta(0)
            out = DataFrame(copied._core.set_index(labels, drop, append))
        if verify_integrity:
            levels.verify_integrity(out)
        return out

    @inplace_method
    def reset_index(self, level=None, *, drop: bool = False, col_level=0, col_fill="", allow_duplicates=False,
                    names=None):
        """pandas' reset_index: all index levels, or those `level` names, become columns (or are
        dropped; `names` labels them); see cormorant.levels."""
        if col_level != 0 or col_fill != "" or allow_duplicates:
            raise exceptions.UnsupportedError("reset_index supports neither col_level, col_fill nor allow_duplicates")
        return levels.reset_index(self, level, drop, names)

    def _reset_all(self, drop: bool):
        return DataFrame(self._core.reset_index(drop))

    def tz_convert(self, tz, axis=0, level=None):
        """The datetime index (or its `level`) read in `tz` (see levels.index_tz)."""
        return levels.index_tz(self, "tz_convert", tz, axis, level)

    def tz_localize(self, tz, axis=0, level=None, ambiguous="raise", nonexistent="raise"):
        """The naive datetime index (or its `level`) localized to `tz` (see levels.index_tz)."""
        return levels.index_tz(self, "tz_localize", tz, axis, level, ambiguous=ambiguous, nonexistent=nonexistent)

    droplevel = levels.droplevel
    xs = multiloc.xs
    swaplevel = levels.swaplevel
    reorder_levels = levels.reorder_levels

    merge = merging.merge

    @inplace_method
    def dropna(self, *, axis=0, how="any", subset=None, thresh=None, ignore_index=False):
        """Rows (or with axis=1 columns) with enough values; see cormorant.missing."""
        return missing.frame_dropna(self, axis=axis, how=how, subset=subset, thresh=thresh, ignore_index=ignore_index)

    combine_first = combining.combine_first
    align = combining.align
    stack = reshape.stack
    unstack = reshape.unstack
    combine = combining.frame_combine
    update = combining.frame_update
    equals = combining.equals
    replace = inplace_method(combining.frame_replace, returns_self=True)
    reindex = reindexing.frame_reindex
    reindex_like = reindexing.reindex_like

    @inplace_method(returns_self=True)
    def fillna(self, value, *, axis=None, limit=None):
        return missing.frame_fillna(self, value, axis, limit)

    def isna(self):
        return missing.frame_isna(self, positive=False)

    def isin(self, values):
        """Whether each value is in `values` (a list-like, or a dict of list-likes per column)."""
        return elementwise.frame_isin(self, values)

    isnull = isna

    def notna(self):
        return missing.frame_isna(self, positive=True)

    notnull = notna

    def duplicated(self, subset=None, keep="first"):
        return missing.frame_duplicated(self, subset, keep)

    @inplace_method
    def drop_duplicates(self, subset=None, *, keep="first", ignore_index=False):
        return missing.frame_drop_duplicates(self, subset, keep=keep, ignore_index=ignore_index)

    def nunique(self, axis=0, dropna: bool = True):
        """The number of distinct values of each column (of each row with axis=1: see
        cormorant.rowwise); with dropna=False a missing value counts as one more, as pandas."""
        if axis in (1, "columns"):
            from cormorant import rowwise

            return rowwise.nunique(self, dropna)
        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
        counts = self._reduce("nunique", True, False)
        if dropna:
            return counts
        return counts + self.isna().any().astype("int64")

    def nlargest(self, n, columns, keep="first"):
        """The n rows with the largest values of `columns` (none for n <= 0), as pandas."""
        return missing.frame_nlargest(self, n, _as_list(columns), keep, largest=True)

    def nsmallest(self, n, columns, keep="first"):
        """The n rows with the smallest values of `columns` (none for n <= 0), as pandas."""
        return missing.frame_nlargest(self, n, _as_list(columns), keep, largest=False)

    @inplace_method
    def rename_axis(self, mapper=levels._NO_DEFAULT, *, index=levels._NO_DEFAULT, columns=levels._NO_DEFAULT, axis=0):
        """pandas' rename_axis of the index level names (see levels.rename_axis)."""
        return levels.rename_axis(self, mapper, index, columns, axis)

    join = merging.join

    def groupby(self, by=None, *, level=None, as_index: bool = True, dropna: bool = True, sort: bool = True,
                group_keys: bool = True, observed: bool = True):
        """Groups rows by the values of columns, of cormorant Series (aligned on the index), of a
        function or a mapping of the index labels, of arrays of keys in row order (`df.index.month`,
        a NumPy array), or of index `level`s (a list may mix them);
        aggregations run in the engine. Categorical keys give the categories seen (observed=True,
        pandas 3's default), or every category (observed=False: see groupby_observed)."""
        from cormorant.groupby import DataFrameGroupBy
        from cormorant.grouping import by_labels, grouping, own_columns_as_labels

        by = own_columns_as_labels(self, by)
        if level is None and by_labels(self, by):
            return DataFrameGroupBy(self, _label_list(by), as_index, dropna, sort, group_keys=group_keys,
                                    observed=observed)
        if not as_index:
            raise exceptions.UnsupportedError(
                "groupby(as_index=False) by a Series, a function, a mapping or a level is not supported; "
                "assign the keys as columns first, or use as_index=True and reset_index()")
        frame, keys, names = grouping(self, by, level)
        return DataFrameGroupBy(frame, keys, as_index, dropna, sort, index_names=names, group_keys=group_keys,
                                observed=observed)

    resample = _resample.resample

    # -- reshaping (see cormorant.reshape) ------------------------------------------------
    melt = reshape.melt
    pivot = reshape.pivot
    pivot_table = reshape.pivot_table
    explode = reshape.explode

    # -- results -----------------------------------------------------------------------
    def to_pandas(self, *, dry_run: bool = False):
        """Runs the plan and returns a pandas DataFrame with nullable dtypes and the same index
        (a NULL index comes back as a RangeIndex). With dry_run=True nothing runs: a Series of
        the estimated cost (see dry_run())."""
        if dry_run:
            return self.dry_run()
        return _convert.with_freq_of(self, _convert.result_to_pandas(self._core.to_arrow()))

    def peek(self, n: int = 5) -> pd.DataFrame:
        """Any n rows, without ordering, reading as little as possible (runs a query)."""
        return _convert.result_to_pandas(self._core.peek(int(n)).to_arrow())

    def dry_run(self) -> pd.Series:
        """The estimated cost of running this DataFrame, from Parquet metadata after
        partition and row-group pruning; nothing runs."""
        return _convert.query_stats_series(self._core.dry_run())

    def explain(self) -> str:
        """The SQL, what each scan gets pushed down and prunes, and what orders the rows."""
        return self._core.explain()

    @property
    def query_job(self):
        """The stats of the last query run in this DataFrame's session: bytes_processed,
        files_scanned/files_total, row_groups_scanned/row_groups_total, rows,
        elapsed_seconds, sql."""
        return self._core.last_query

    to_table = output.to_table

    def cache(self):
        """Runs the plan once into a session table; the returned DataFrame (same labels, index
        and order) reads that table, so later work starts from the result."""
        return DataFrame(self._core.cache())

    def to_pandas_batches(self, batch_size: int = 65536):
        """Runs the plan once and yields pandas DataFrames of about batch_size rows as the
        engine produces them, without materializing the whole result."""
        reader = self._core.to_batches(int(batch_size))
        while (batch := reader.next()) is not None:
            yield _convert.result_to_pandas(batch)

    to_parquet = output.frame_to_parquet
    to_csv = output.frame_to_csv

    def _is_default_index(self) -> bool:
        return self._core.index_names == [None] and self._core.default_index

    def __repr__(self) -> str:
        return _convert.pandas_repr(self, "[{} rows x")

    def __array__(self, dtype=None, copy=None):
        return self.to_pandas().to_numpy(dtype=dtype)

    # -- window operations (see cormorant.window) -----------------------------------------
    cumsum = window._frame_cumulative("cumsum")
    cumprod = window._frame_cumulative("cumprod")
    cummin = window._frame_cumulative("cummin")
    cummax = window._frame_cumulative("cummax")
    shift = window.frame_shift
    diff = window.frame_diff
    pct_change = window.frame_pct_change
    rank = window.frame_rank
    rolling = window.rolling
    ewm = window.ewm
    ffill = window.ffill
    bfill = window.bfill
    expanding = window.expanding

    # -- results in other forms (see cormorant.output; ResultForms has the shared ones) --------
    to_records = output.delegate("to_records", "The rows as a numpy record array, as pandas' to_records (runs the query).")
    to_html = output.delegate("to_html", "The rows as an HTML table, as pandas' DataFrame.to_html (runs the query).")
    to_orc = output.delegate("to_orc", "Writes an ORC file, as pandas' DataFrame.to_orc (runs the query).")

    def to_arrow(self):
        """The result as a pyarrow Table, as pyarrow holds the pandas DataFrame (index included),
        as bigframes' to_arrow (runs the query)."""
        return pa.Table.from_pandas(self.to_pandas())
    iterrows = output.iterrows
    itertuples = output.itertuples
    items = output.frame_items
    keys = output.frame_keys

    def __iter__(self):
        """The column labels, as pandas iterates a DataFrame."""
        return iter(self.columns)

    # -- made of column operations (see cormorant.columnwise) ------------------------------
    abs = columnwise.frame_abs

    # -- arithmetic and comparison (see cormorant.frameops) ------------------------------
    __add__, __radd__ = frameops.operator("add"), frameops.operator("add", True)
    __sub__, __rsub__ = frameops.operator("sub"), frameops.operator("sub", True)
    __mul__, __rmul__ = frameops.operator("mul"), frameops.operator("mul", True)
    __truediv__, __rtruediv__ = frameops.operator("truediv"), frameops.operator("truediv", True)
    __floordiv__, __rfloordiv__ = frameops.operator("floordiv"), frameops.operator("floordiv", True)
    __mod__, __rmod__ = frameops.operator("mod"), frameops.operator("mod", True)
    __pow__, __rpow__ = frameops.operator("pow"), frameops.operator("pow", True)
    __and__, __rand__ = frameops.operator("and"), frameops.operator("and", True)
    __or__, __ror__ = frameops.operator("or"), frameops.operator("or", True)
    __xor__, __rxor__ = frameops.operator("xor"), frameops.operator("xor", True)
    __eq__ = frameops.operator("eq")  # type: ignore[assignment]
    __ne__ = frameops.operator("ne")  # type: ignore[assignment]
    __lt__, __le__ = frameops.operator("lt"), frameops.operator("le")
    __gt__, __ge__ = frameops.operator("gt"), frameops.operator("ge")
    __hash__ = None  # type: ignore[assignment]
    __neg__ = frameops.negative
    __pos__ = frameops.positive
    __invert__ = frameops.invert
    __abs__ = columnwise.frame_abs
    add, radd = frameops.flex("add"), frameops.flex("add", True)
    sub, rsub = frameops.flex("sub"), frameops.flex("sub", True)
    subtract = frameops.flex("sub", name="subtract")
    mul, rmul = frameops.flex("mul"), frameops.flex("mul", True)
    multiply = frameops.flex("mul", name="multiply")
    truediv, rtruediv = frameops.flex("truediv"), frameops.flex("truediv", True)
    div, divide = frameops.flex("truediv", name="div"), frameops.flex("truediv", name="divide")
    rdiv = frameops.flex("truediv", True, name="rdiv")
    floordiv, rfloordiv = frameops.flex("floordiv"), frameops.flex("floordiv", True)
    mod, rmod = frameops.flex("mod"), frameops.flex("mod", True)
    pow, rpow = frameops.flex("pow"), frameops.flex("pow", True)
    eq, ne = frameops.comparison("eq"), frameops.comparison("ne")
    lt, le = frameops.comparison("lt"), frameops.comparison("le")
    gt, ge = frameops.comparison("gt"), frameops.comparison("ge")

    def where(self, cond, other=None, *, inplace=False, axis=None, level=None):
        return frameops.where(self, cond, other, inplace=inplace, axis=axis, level=level)

    def mask(self, cond, other=None, *, inplace=False, axis=None, level=None):
        return frameops.where(self, cond, other, inplace=inplace, axis=axis, level=level, mask=True)

    round = columnwise.frame_round
    clip = inplace_method(columnwise.frame_clip, returns_self=True)
    map = columnwise.frame_map
    info = _info.info
    memory_usage = _info.memory_usage
    plot = property(plotting.plot)
    hist = plotting.hist_frame
    dot = matrix.frame_dot
    __matmul__ = matrix.frame_dot
    T = property(matrix.transpose)
    transpose = matrix.transpose
    select_dtypes = columnwise.select_dtypes
    add_prefix = columnwise.add_prefix
    add_suffix = columnwise.add_suffix
    get = columnwise.get
    insert = columnwise.insert
    first_valid_index = columnwise.first_valid_index
    last_valid_index = columnwise.last_valid_index
    axes = property(columnwise.axes)


take_pandas_arguments(DataFrame, "DataFrame", lambda _: pd.DataFrame)
