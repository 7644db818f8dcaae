"""groupby(observed=False) by categorical keys: every category is a group, those no row has too,
with pandas' values of an empty group (count, size, nunique and sum 0, prod 1, any False, all
True, the others missing). The engine aggregates the groups that have rows; their key
combinations (one per group, in the engine's order: sorted, or by first appearance) are
then laid out by pandas' own groupby(observed=False) of those keys alone, which gives the
groups pandas would give the whole frame (the product of the categories, in its order), as
value_counts of a categorical lays out its counts. The engine keeps the groups of missing keys
for this (pandas' layout counts them; dropna drops them after). The result has a row per group, so it is
put together locally and read back into the session."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions

# pandas' value of an aggregation over an empty group (absent: missing).
_EMPTY = {"sum": 0, "count": 0, "size": 0, "nunique": 0, "prod": 1, "any": False, "all": True}


def every_category(frame, keys, observed: bool) -> bool:
    """Whether groupby(observed=False) adds groups: some key is categorical (pandas ignores
    observed otherwise)."""
    if observed:
        return False
    dtypes = dict(frame._core.dtypes)
    return any(dtypes.get(key) == "category" for key in keys)


def refuse(name: str) -> None:
    """UnsupportedError for a groupby method that does not give the unobserved groups yet."""
    raise exceptions.UnsupportedError(
        f"groupby(observed=False).{name} by a categorical key is not supported yet; use observed=True (pandas 3's "
        "default) or an aggregation (agg, sum, size, ...)")


def aggregate(groupby, specs):
    """The core frame of groupby's aggregation `specs` ((label, column, function, ...) as
    DataFrameGroupBy._aggregate takes them) with every group of categorical keys: indexed by
    the keys when groupby.as_index, else with them as the first columns."""
    from cormorant.frame import DataFrame
    from cormorant.groupby import _core_specs

    # the groups of missing keys too: pandas lays out each key's values over every row, so a value
    # whose rows all miss another key is a key of groups (empty ones), and with sort=False the
    # groups' order counts those rows; the layout drops them again when dropna
    core = groupby._frame._core.groupby(groupby._keys, True, False, groupby._sort)
    funcs = [spec[2] for spec in specs]
    # an unobserved group's sum or product is 0 or 1 only without min_count (pandas: <NA>)
    counted = [len(spec) < 7 or spec[6] <= 0 for spec in specs]
    if funcs == ["size"]:
        observed = DataFrame(core.size()).to_pandas()
    else:
        observed = DataFrame(core.agg(_core_specs(specs))).to_pandas()
    return _laid_out(groupby, observed, funcs, counted)


def _laid_out(groupby, observed: pd.DataFrame, funcs: list, filled: list | None = None):
    """`observed` (the aggregates of the groups that have rows, indexed by the keys) with a row
    for every group pandas gives, read back into the session."""
    from cormorant.session import read_pandas_into

    keys = observed.index.to_frame(index=False)
    layout = keys.groupby(list(keys.columns), observed=False, dropna=groupby._dropna, sort=groupby._sort).size().index
    positions = observed.index.get_indexer(layout)
    out = observed.reindex(layout)
    added = positions < 0
    for i, func in enumerate(funcs):
        if not added.any():
            break
        if func in ("idxmax", "idxmin"):
            raise exceptions.InvalidArgumentError(
                f"Can't get {func} of an empty group due to unobserved categories. Specify observed=True in groupby "
                "instead.")
        if func in _EMPTY and (filled is None or filled[i]):
            out.iloc[added, i] = _EMPTY[func]
    if not groupby._as_index:
        out = out.reset_index()
    session = groupby._frame._core.session
    result = read_pandas_into(session, out)
    if session.ordering_mode == "partial" and groupby._sort:  # (read unordered: the keys' order again)
        result = result.sort_index() if groupby._as_index else result.sort_values(list(out.columns[:keys.shape[1]]))
    return result._core


def value_counts(groupby, columns: list, normalize: bool, sort: bool, ascending: bool, dropna: bool):
    """groupby value_counts by categorical keys with observed=False, or of categorical columns
    (pandas counts every category of those, 0 where a group lacks it). The engine counts each
    combination of keys and values that occurs (missing ones too), in order of first
    appearance; pandas' own value_counts of those combinations, one row each, lays out the
    groups and values pandas gives the whole frame, in its order before sorting (which only
    the order of first appearance decides); the counts go in their places (0 elsewhere), then
    are sorted and normalized as pandas' groupby _value_counts does. Read back; a Series."""
    from cormorant.groupby import DataFrameGroupBy
    from cormorant.session import read_pandas_into

    if not groupby._dropna:
        raise exceptions.UnsupportedError(
            "groupby(dropna=False).value_counts by categorical keys with observed=False or of categorical columns is "
            "not supported: pandas 3.1 counts missing values there as the last category; use dropna=True")
    keys = list(groupby._keys)
    counts = DataFrameGroupBy(groupby._frame, keys + columns, True, False, False).size()._obj.to_pandas()
    combos = counts.index.to_frame(index=False)
    # (pandas' key groupings keep the groupby's sort; the values' are in order of appearance)
    by = combos.groupby(keys if len(keys) > 1 else keys[0], observed=groupby._observed, dropna=True,
                        sort=groupby._sort)
    layout = (by[columns[0]] if groupby._series else by[columns]).value_counts(sort=False, dropna=dropna).index
    positions = counts.index.get_indexer(layout)
    values = counts.to_numpy(dtype="int64", na_value=0)
    taken = values[np.maximum(positions, 0)] if len(values) else np.zeros(len(positions), dtype="int64")
    out = pd.Series(np.where(positions < 0, 0, taken), index=layout, dtype="int64",
                    name="proportion" if normalize else "count")
    if sort:
        out = out.sort_values(ascending=ascending, kind="stable")
    levels = list(range(len(keys)))
    names = out.index.names
    if groupby._sort:
        out.index.names = range(len(names))
        out = out.sort_index(level=levels, sort_remaining=False)
        out.index.names = names
    if normalize:
        totals = out.groupby(out.index.droplevel(list(range(len(keys), out.index.nlevels))), sort=groupby._sort,
                             dropna=True, observed=False).transform("sum")
        out = (out / totals).fillna(0.0)
    names = list(out.index.names)  # pandas' names of the levels: the grouping's and the Series' own
    if groupby._index_names is not None:
        names[:len(keys)] = groupby._index_names
    if groupby._series:
        names[len(keys)] = groupby._result_name
    out.index.names = names
    session = groupby._frame._core.session
    return read_pandas_into(session, out)
