"""Missing data and repeated rows: dropna, fillna, isna, duplicated, drop_duplicates,
value_counts, unique, nunique, nlargest, nsmallest. Built from the core's operations, so each
compiles to one plan."""

from __future__ import annotations

import operator

from cormorant._lazy import pd
from cormorant import _convert, exceptions


def _keep(keep) -> str:
    if keep is False:
        return "none"
    if keep in ("first", "last"):
        return keep
    raise exceptions.InvalidArgumentError(f"keep must be 'first', 'last' or False, got {keep!r}")


def _labels(frame, subset):
    if subset is None:
        return list(frame._core.columns)
    return list(subset) if isinstance(subset, (list, tuple, pd.Index)) else [subset]


def _balanced(op, items):
    """items[0] op items[1] op ... as a balanced tree, so one term per column of a wide frame
    nests log2(columns) levels deep instead of one per column."""
    while len(items) > 1:
        items = [op(items[i], items[i + 1]) if i + 1 < len(items) else items[i] for i in range(0, len(items), 2)]
    return items[0]


def frame_dropna(frame, *, axis=0, how="any", subset=None, thresh=None, ignore_index=False):
    """Rows with enough values (pandas' DataFrame.dropna along rows), or with axis=1 the columns
    with enough values (one query counts each column's values)."""
    from cormorant.frame import DataFrame

    if how not in ("any", "all"):
        raise exceptions.InvalidArgumentError(f"invalid how option: {how!r}")
    if axis in (1, "columns"):
        return _dropna_columns(frame, how, subset, thresh, ignore_index)
    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
    present = [frame[c].notna() for c in _labels(frame, subset)]
    if not present:
        return frame
    if thresh is not None:
        counts = _balanced(operator.add, [p.astype("Int64") for p in present])
        keep = counts >= int(thresh)
    elif how == "any":
        keep = _balanced(operator.and_, present)
    else:
        keep = _balanced(operator.or_, present)
    out = frame[keep]
    return out.reset_index(drop=True) if ignore_index else out


def _dropna_columns(frame, how: str, subset, thresh, ignore_index: bool):
    """dropna(axis=1): the columns with no missing value (how="any"), some value (how="all") or
    at least `thresh` values, from each column's count and the number of rows."""
    if subset is not None:
        raise exceptions.UnsupportedError("dropna(axis=1, subset=...) (rows to look at) is not supported; "
                                          "select the rows first, then dropna(axis=1)")
    labels = list(frame._core.columns)
    if not labels:
        return frame
    counts = frame.count()
    rows = len(frame)
    if thresh is not None:
        keep = [label for label, n in zip(labels, counts) if n >= int(thresh)]
    elif how == "any":
        keep = [label for label, n in zip(labels, counts) if n == rows]
    else:
        keep = [label for label, n in zip(labels, counts) if n > 0]
    out = frame[keep]
    return out.reset_index(drop=True) if ignore_index else out


def frame_fillna(frame, value, axis=None, limit=None):
    """Fills missing values with a scalar, or per column with a dict (see Series.fillna; `limit`:
    the first `limit` missing values of each column)."""
    from cormorant.columnwise import _with_columns

    if axis in (1, "columns"):  # a scalar fills the same cells along either axis
        if isinstance(value, dict):
            raise exceptions.UnsupportedError("fillna(dict, axis=1) (values by row label) is not supported; "
                                              "fillna(dict) fills by column")
        if limit is not None:
            raise exceptions.UnsupportedError("fillna(axis=1, limit=...) (the first values of each row) is not "
                                              "supported; fillna(limit=...) counts along each column")
    elif axis not in (None, 0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
    values = value if isinstance(value, dict) else {c: value for c in frame._core.columns}
    return _with_columns(frame, {label: frame[label].fillna(fill, limit=limit) for label, fill in values.items()})


def frame_isna(frame, positive: bool):
    from cormorant.columnwise import _with_columns

    columns = {label: frame[label] for label in frame._core.columns}
    return _with_columns(frame, {k: c.notna() if positive else c.isna() for k, c in columns.items()})


def frame_duplicated(frame, subset=None, keep="first"):
    from cormorant.series import Series

    return Series(frame._core.duplicated(_labels(frame, subset) if subset is not None else [], _keep(keep)))


def repeated_values(frame, limit: int = 10) -> list:
    """Up to `limit` distinct rows of `frame` that occur more than once (missing values equal,
    as pandas' duplicated), in order of their first repeat: values of a one-column frame, else
    tuples. One query."""
    repeated = frame[frame.duplicated()].drop_duplicates().head(limit).to_pandas()
    if len(repeated.columns) == 1:
        return repeated.iloc[:, 0].tolist()
    return list(repeated.itertuples(index=False, name=None))


def frame_drop_duplicates(frame, subset=None, *, keep="first", ignore_index=False):
    from cormorant.frame import DataFrame

    out = DataFrame(frame._core.drop_duplicates(_labels(frame, subset) if subset is not None else [], _keep(keep)))
    return out.reset_index(drop=True) if ignore_index else out


def series_value_counts(series, *, normalize=False, sort=True, ascending=False, dropna=True):
    """How often each value occurs, most frequent first (ties in order of first appearance)."""
    from cormorant.frame import DataFrame
    from cormorant.counted import _counted
    from cormorant.series import Series

    if series._core.dtype == "category":
        return _categorical_value_counts(series, normalize, sort, ascending, dropna)
    key = series.name if series.name is not None else "__value__"
    grouped = series.rename(key).to_frame().groupby(key, dropna=dropna, sort=False).size()._obj
    if not dropna and series._core.dtype in _convert.MASKED:
        # pandas counts a nullable number or boolean's missing values after all the others (its
        # groupby, ours, puts them where they first appear); the sort below is stable
        n, last = ("__n__", "__last__") if key in ("__count__", "__missing__") else ("__count__", "__missing__")
        pairs = grouped.rename(n).reset_index()
        grouped = pairs.assign(**{last: pairs[key].isna()}).sort_values(last).set_index(key)[n]
    # name the index after the data, as pandas does (None for an unnamed Series)
    counts = Series._from_frame(DataFrame(grouped.to_frame()._core.rename_axis([series.name])), None)
    if sort:
        counts = counts.sort_values(ascending=ascending)
    # pandas counts a string Series into pyarrow dtypes, a nullable one into Int64 / Float64
    text = series._core.dtype == "string"
    if normalize:
        share = (counts / counts.sum()).rename("proportion")
        return _counted(share, {"proportion"}, "double[pyarrow]") if text else share
    return _counted(counts.rename("count"), {"count"}, "int64[pyarrow]") if text else counts.rename("count")


def _categorical_value_counts(series, normalize, sort, ascending, dropna):
    """value_counts of a categorical: every category (unused ones count 0), as pandas counts
    them. The engine counts the codes; the result has one row per category (plus missing), so
    it is laid out from those few counts, in category order, then sorted stably as pandas."""
    from cormorant.counted import _counted
    from cormorant.session import read_pandas_into

    codes = series.cat.codes.rename("__code__")
    counted = codes.to_frame().groupby("__code__").size().to_pandas()
    dtype = series.dtype
    n = [int(counted.get(code, 0)) for code in range(len(dtype.categories))]
    index = pd.CategoricalIndex(dtype.categories, dtype=dtype, name=series.name)
    if not dropna and counted.get(-1, 0):
        n.append(int(counted.get(-1)))
        index = pd.CategoricalIndex(list(dtype.categories) + [None], dtype=dtype, name=series.name)
    local = pd.Series(n, index=index, name="count", dtype="Int64")
    if normalize:
        # no rows: pandas' shares of the (unused) categories are 0 / 0, missing
        total = local.sum()
        local = (local / total if total else pd.Series(pd.NA, index=index, dtype="Float64")).rename("proportion")
    if sort:
        local = local.sort_values(ascending=ascending, kind="stable")
    # pandas counts a categorical into int64 (shares: float64)
    out = read_pandas_into(series._frame()._core.session, local)
    return _counted(out, {local.name}, "float64" if normalize else "int64")


def series_unique(series):
    """The distinct values in order of first appearance (runs a query), as pandas' array."""
    out = frame_drop_duplicates(series.rename("__value__").to_frame())
    return out.to_pandas()["__value__"].array


def frame_nlargest(frame, n, keys, keep="first", largest=True, names=None):
    """pandas' nlargest / nsmallest: the n rows with the largest (smallest) values of `keys`; none
    for n <= 0. Ties keep the earlier rows ("first"), the later ones ("last", listed last row
    first), or all rows tied with the n-th ("all"). As in pandas 3, rows whose key is missing
    fill the places the others leave, in their order (all of them with "all"). `names`: the
    user's labels of renamed keys, for messages."""
    if keep not in ("first", "last", "all"):
        raise exceptions.InvalidArgumentError('keep must be either "first", "last" or "all"')
    if not _convert.is_int(n):
        raise exceptions.DTypeError(f"'{type(n).__name__}' object cannot be interpreted as an integer")
    n = _convert.count(n)
    if n <= 0:
        return frame.head(0)
    if n >= len(frame):  # pandas sorts everything then, missing values (last) included
        return frame.sort_values(keys, ascending=not largest)
    # pandas cannot choose among decimals ("No matching signature found"): refused, not computed
    names = names or {}
    dtypes = {names.get(k, k): dtype for k, dtype in frame._core.dtypes}
    _convert.refuse_decimals(dtypes, [names.get(k, k) for k in keys], "nlargest" if largest else "nsmallest")
    if len(keys) != 1:
        return _nlargest_by_keys(frame, n, keys, keep, largest)
    present = frame[frame[keys[0]].notna()]
    missing = frame[frame[keys[0]].isna()]
    rows = present.iloc[::-1] if keep == "last" else present
    ordered = rows.sort_values(keys, ascending=not largest)
    if keep != "all":
        chosen = ordered.head(n)
        short = n - len(chosen)
        return chosen if short <= 0 else _concat([chosen, missing.head(short)])
    first = ordered.head(n)[keys[0]]
    if len(first) < n:  # every present value, then every missing one
        return _concat([ordered, missing])
    cut = first.min() if largest else first.max()
    return ordered[ordered[keys[0]] >= cut] if largest else ordered[ordered[keys[0]] <= cut]


def _nlargest_by_keys(frame, n, keys, keep, largest):
    """pandas' nlargest over several keys: key by key, the rows sure to be among the n are kept
    and the rows tied with the n-th value go on to the next key (the last key breaks ties by
    `keep`); the chosen rows are then sorted by all the keys, stably."""
    chosen = []  # pandas' indexer: newly chosen rows go first for nlargest, last for nsmallest
    count = 0
    current, wanted = frame, n
    for i, key in enumerate(keys):
        last = i == len(keys) - 1
        values = frame_nlargest(current, wanted, [key], keep if last else "all", largest) if wanted > 0 else frame.head(0)
        size = len(values)
        if last or size <= wanted:
            chosen = [values] + chosen if largest else chosen + [values]
            break
        border = values[key].iloc[-1]
        if pd.isna(border):  # every row chosen so far is kept, the missing ones too
            safe, current = values, frame.head(0)
        else:
            safe, current = values[values[key] != border], current[current[key] == border]
        chosen = [safe] + chosen if largest else chosen + [safe]
        count += len(safe)
        wanted = n - count
    return _concat(chosen).sort_values(keys, ascending=not largest)


def _concat(parts):
    from cormorant.concatenation import concat

    return concat(parts)


def series_nlargest(series, n=5, largest=True, keep="first"):
    from cormorant.series import Series

    out = frame_nlargest(series.rename("__value__")._frame(), n, ["__value__"], keep, largest, {"__value__": series.name})
    return Series._from_frame(out, series.name)


def frame_value_counts(frame, subset=None, normalize=False, sort=True, ascending=False, dropna=True):
    """pandas' DataFrame.value_counts: how often each distinct row of `subset` (default: every
    column) occurs, indexed by the rows' values, most frequent first (a stable sort: ties in
    order of first appearance, as pandas gives them)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    columns = list(frame.columns) if subset is None else ([subset] if not isinstance(subset, (list, tuple)) else list(subset))
    # every combination of categories, unused ones 0, as pandas counts them (its groupby(observed=False))
    counts = frame.groupby(columns, dropna=dropna, sort=False, observed=False).size()
    counts = Series(getattr(counts, "_obj", counts)._core)
    if sort:
        counts = counts.sort_values(ascending=ascending)
    if normalize:
        return (counts / counts.sum()).rename("proportion")
    return counts.rename("count")
