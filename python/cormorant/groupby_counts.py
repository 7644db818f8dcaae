"""GroupBy.value_counts' `subset` (a DataFrameGroupBy's columns to count) and `bins` (a
SeriesGroupBy's values counted in intervals), as pandas 3.1 takes them."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions


def subset_columns(groupby, subset) -> list:
    """The selected columns to count: those in `subset`, in the selection's order, with pandas'
    errors for a key or a label not selected."""
    if groupby._series:
        raise exceptions.DTypeError("SeriesGroupBy.value_counts() got an unexpected keyword argument 'subset'")
    subset = set(subset)
    clashing = subset & {k for k in groupby._keys if not groupby._own_keys}
    if clashing:
        raise exceptions.InvalidArgumentError(f"Keys {clashing} in subset cannot be in the groupby column keys.")
    columns = groupby._columns()
    missing = subset - set(columns)
    if missing:
        raise exceptions.InvalidArgumentError(f"Keys {missing} in subset do not exist in the DataFrame.")
    return [c for c in columns if c in subset]


def by_bins(groupby, bins, normalize: bool, sort: bool, ascending: bool, dropna: bool):
    """SeriesGroupBy.value_counts(bins=...): a pandas Series (or DataFrame with as_index=False)
    indexed by the keys and intervals, which cormorant does not hold as an index. The keys and
    the values are read in row order (one query) and pandas' own value_counts bins and counts
    them: pandas cuts each group on its own for a number of bins, and all groups at the same
    edges for a list of them, keeping the bins a group lacks with 0."""
    if not groupby._series:
        raise exceptions.DTypeError("DataFrameGroupBy.value_counts() got an unexpected keyword argument 'bins'")
    keys, column = list(groupby._keys), groupby._series_name
    values = groupby._frame[keys + [column]].to_pandas().reset_index(drop=True)
    grouped = values.groupby(keys if len(keys) > 1 else keys[0], as_index=groupby._as_index, sort=groupby._sort,
                             dropna=groupby._dropna, observed=groupby._observed)[column]
    try:
        out = grouped.value_counts(normalize=normalize, sort=sort, ascending=ascending, bins=bins, dropna=dropna)
    except TypeError as e:
        raise exceptions.DTypeError(f"value_counts(bins=...) of {column!r}: {e}") from None
    except ValueError as e:
        raise exceptions.InvalidArgumentError(f"value_counts(bins=...) of {column!r}: {e}") from None
    if groupby._as_index and out.index.nlevels == len(keys) + 1:  # (pandas' names of made keys and the Series)
        names = list(out.index.names)
        if groupby._index_names is not None:
            names[:len(keys)] = groupby._index_names
        names[len(keys)] = groupby._result_name
        out.index.names = names
    return out
