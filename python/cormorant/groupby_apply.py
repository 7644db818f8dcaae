"""GroupBy.apply (cormorant.groupby): a plain Python function of each group, as pandas runs it.

The groups are streamed to pandas whole, one batch of groups at a time (the rows sorted by the
keys), and the function runs on each. Putting the results together is left to pandas itself so
that every rule it has (a scalar per group, a Series per group with the same or other labels,
frames like or unlike their group, group_keys, as_index, None results) holds exactly: pandas
applies a function that hands back the saved results to a stand-in frame of the keys, the index
and empty value columns (one byte a row each), whose groups have the labels of the real ones.
Only that stand-in and one batch of groups are in memory at a time, not the frame.
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions

_MISSING = object()  # a missing group key, as a dictionary key (NaN is not equal to itself)


def _normal(key) -> tuple:
    """A group key as a tuple that compares equal for equal keys, missing values included."""
    values = key if isinstance(key, tuple) else (key,)
    return tuple(_MISSING if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v) else v
                 for v in values)


def apply(self, func, *args, include_groups: bool = False, **kwargs):
    """pandas' GroupBy.apply: func(group) for each group, put together as pandas does (see the
    module's doc). func gets each group as a pandas DataFrame without the key columns (a
    Series' groupby: a Series), with its labels and `group.name` set to its key; it is plain
    Python, run in this process. The result is a cormorant object in the frame's session."""
    if include_groups:
        raise exceptions.InvalidArgumentError("include_groups=True is no longer allowed.")
    if self._every_category:
        from cormorant.groupby_observed import refuse

        refuse("apply")
    if isinstance(func, str):
        if not hasattr(self, func):
            raise exceptions.InvalidArgumentError(f"apply func should be callable, not '{func}'")
        return getattr(self, func)(*args, **kwargs)
    if not callable(func):
        raise exceptions.InvalidArgumentError(f"apply func should be callable, got {type(func).__name__}")
    frame = self._frame
    if not frame._core.index_names:
        raise exceptions.NullIndexError(
            "groupby apply passes each group with its row labels, and this frame has a NULL index "
            "(ordering_mode=\"partial\" or index_col=DefaultIndexKind.NULL); set one with set_index() first")
    keys = list(self._keys)
    single = len(keys) == 1
    results = {}
    for chunk in self._whole_groups():
        for key, rows in chunk.groupby(keys, sort=False, dropna=False):
            group = _group_view(self, rows)
            name = key[0] if single and isinstance(key, tuple) else key
            object.__setattr__(group, "name", name)
            results[_normal(key)] = func(group, *args, **kwargs)
    return _assembled(self, results)


def _group_view(self, rows):
    """The group as pandas' apply passes it: the selected columns, or the Series."""
    if self._series:
        return rows[self._series_name].rename(self._result_name)
    if self._selection is not None:
        return rows[list(self._selection)]
    return rows.drop(columns=list(self._keys))


def _stand_in_groupby(self, pandas_frame):
    """The pandas groupby of `pandas_frame` with this groupby's keys, selection and options."""
    gb = pandas_frame.groupby(list(self._keys), as_index=self._as_index, dropna=self._dropna, sort=self._sort,
                              group_keys=self._group_keys)
    if self._series:
        return gb[self._series_name]
    return gb if self._selection is None else gb[list(self._selection)]


def _assembled(self, results):
    """pandas' own assembly of the saved per-group results (see the module's doc)."""
    from cormorant.session import read_pandas_into

    frame = self._frame
    keys = list(self._keys)
    values = [self._series_name] if self._series else ([] if self._selection is None else list(self._selection))
    values = [v for v in values if v not in keys]
    if not results:  # no group: pandas' empty result, from the empty real frame
        out = _stand_in_groupby(self, frame.head(0).to_pandas()).apply(lambda g: None)
    elif not self._series and all(r is None for r in results.values()):
        # pandas: an empty frame with the real columns and dtypes (the stand-in has other columns)
        view = _group_view(self, frame.head(0).to_pandas())
        out = pd.DataFrame(columns=view.columns).astype(view.dtypes)
    else:
        stand_in = frame[keys].to_pandas()
        for v in values:
            stand_in[v] = np.zeros(len(stand_in), dtype=bool)
        out = _stand_in_groupby(self, stand_in).apply(lambda g: results[_normal(g.name)])
    if self._index_names is not None and isinstance(out, (pd.Series, pd.DataFrame)):
        names = list(out.index.names)
        if names[:len(keys)] == keys:  # the keys made for grouping, named as pandas names them
            out.index = out.index.set_names(list(self._index_names) + names[len(keys):])
    if self._series and isinstance(out, pd.Series):
        out = out.rename(self._result_name)
    if not isinstance(out, (pd.Series, pd.DataFrame)):
        return out
    return read_pandas_into(frame._core.session, out)


def aggregate(self, func, *args, **kwargs):
    """GroupBy.agg of a plain Python function (not an aggregation's name): func(values, *args,
    **kwargs) of each group's column, a pandas Series, gives that group's value, as pandas'
    agg calls it; run as apply() runs functions (see the module's doc)."""
    import copy

    from cormorant.concatenation import concat

    one = lambda values: func(values, *args, **kwargs)  # noqa: E731
    if self._series:
        return apply(self, one)
    # column by column (pandas types each column's results apart: an Int64 column stays Int64)
    keyed = copy.copy(self)
    keyed._as_index = True
    out = concat([apply(keyed[label], one).rename(label) for label in self._columns()], axis=1)
    return out if self._as_index else out.reset_index()


def callable_name(func) -> str:
    """pandas' label of an aggregation: a name is itself, a function its __name__ (a partial its
    function's, another callable its type's), as pandas' get_callable_name."""
    import functools

    if isinstance(func, str):
        return func
    while isinstance(func, functools.partial) and not hasattr(func, "__name__"):
        func = func.func
    return getattr(func, "__name__", type(func).__name__)


def labels(funcs) -> list:
    """pandas' labels of a GroupBy.agg list of aggregations (callable_name); of two or more,
    lambdas are numbered "<lambda_0>", "<lambda_1>"... (pandas' maybe_mangle_lambdas)."""
    names = [callable_name(f) for f in funcs]
    if len(names) > 1:
        lambdas = iter(range(len(names)))
        names = [f"<lambda_{next(lambdas)}>" if n == "<lambda>" else n for n in names]
    return names


def aggregate_items(self, items):
    """GroupBy.agg of (label, column, function, args, kwargs) items, some functions plain
    Python: those by name in one query (as agg runs them), each other one as `aggregate` runs
    a function, column by column; the results side by side in the items' order, labelled as
    the items."""
    import copy

    from cormorant.concatenation import concat

    keyed = copy.copy(self)
    keyed._as_index = True
    by_name = [(label, column, f) for label, column, f, _, _ in items if isinstance(f, str)]
    parts = {}
    if by_name:
        from cormorant.counted import _counted
        from cormorant.frame import DataFrame

        out = keyed._named(DataFrame(keyed._aggregate(by_name)))
        counts = keyed._int64_counts(by_name, ("size", "nunique"))
        out = _counted(out, counts) if counts else out
        parts.update({label: out[[label]] for label, _, _ in by_name})
    for label, column, func, args, kwargs in items:
        if not isinstance(func, str):
            one = (lambda f, a, k: lambda values: f(values, *a, **k))(func, args, kwargs)
            selected = keyed if keyed._series else keyed[column]
            parts[label] = apply(selected, one).to_frame("__value__").set_axis([label], axis=1)
    out = concat([parts[label] for label, *_ in items], axis=1)
    return out if self._as_index else out.reset_index()
