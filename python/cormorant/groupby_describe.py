"""GroupBy.describe as pandas 3.1 gives it: each group's description of the selected columns
(pandas' DataFrame.describe per group, put side by side), with include= / exclude= choosing the
columns as pandas' select_dtypes does. The statistics are computed in the engine: count, mean,
std, min, the percentiles and max of numbers, timedeltas and datetimes in one aggregation, and
the most frequent value (top) and its count (freq) of text, booleans and categoricals in one
query per such column; pandas' layout (the rows of each kind of description, their order, the
dtypes) is built here from what pandas' describe gives each kind."""

from __future__ import annotations

import copy
import warnings

from cormorant._lazy import np, pd
from cormorant import exceptions, pandas_errors


def describe(groupby, percentiles=None, include=None, exclude=None):
    """pandas' GroupBy.describe(percentiles, include, exclude) of a frame or Series groupby."""
    from cormorant.frame import DataFrame
    from cormorant.summaries import _describe_percentiles, _percentile_names

    qs = [float(q) for q in _describe_percentiles(percentiles)]
    q_names = _percentile_names(qs)
    grouped = copy.copy(groupby)  # keys as the index; as_index=False puts them back at the end
    grouped._as_index = True
    columns = _described_columns(groupby, include, exclude)
    dtypes = groupby._frame.dtypes
    kinds = [_kind(dtypes[c]) for c in columns]
    stats = [_STATS[kind](q_names) for kind in kinds]
    if all(kind == "number" for kind in kinds):
        return _of_numbers(groupby, grouped, columns, qs, q_names)
    specs = []
    for i, (column, kind) in enumerate(zip(columns, kinds)):
        if kind == "top":
            specs += [(f"{i}:count", column, "count"), (f"{i}:unique", column, "nunique")]
            continue
        specs += [(f"{i}:{name}", column, name) for name in ("count", "mean", "std", "min") if name in stats[i]]
        specs += [(f"{i}:{name}", column, "quantile", q) for name, q in zip(q_names, qs)]
        specs.append((f"{i}:max", column, "max"))
    computed = grouped._named(DataFrame(grouped._aggregate(specs))).to_pandas()
    if len(computed) == 0:  # no groups: pandas' own result of the columns' dtypes (it has its quirks)
        return _of_no_groups(groupby, percentiles, include, exclude)
    for i, (column, kind) in enumerate(zip(columns, kinds)):
        if kind == "top":
            top, freq = _top_and_freq(grouped, column, dtypes[column], computed.index)
            computed[f"{i}:top"], computed[f"{i}:freq"] = top, freq
    names = _rows_in_pandas_order(stats)
    labels, parts = [], []
    for i, (column, kind) in enumerate(zip(columns, kinds)):
        for name in names:
            labels.append(name if groupby._series else (*column, name) if isinstance(column, tuple) else (column, name))
            parts.append(pd.Series(_values(computed, f"{i}:{name}", kind, len(computed)), index=computed.index,
                                   dtype="Float64" if kind == "number" else object))
    result = pd.concat(parts, axis=1, ignore_index=True)  # (object columns stay object)
    result.columns = pd.Index(labels) if groupby._series else pd.MultiIndex.from_tuples(labels)
    if groupby._as_index:
        return result
    keys = computed.index.to_frame(index=False)
    for position, key in enumerate(keys.columns):
        label = key if groupby._series else (key, "")
        result.insert(position, label, keys[key].array)
    return result.reset_index(drop=True)


def _of_numbers(groupby, grouped, columns, qs, q_names):
    """The description of numeric columns only: a cormorant DataFrame of Float64 statistics,
    one aggregation, lazy (the keys as its index, or as its first columns with as_index=False,
    labelled (key, "") as pandas labels them)."""
    from cormorant.frame import DataFrame

    names = [("count", "count", 0.5), ("mean", "mean", 0.5), ("std", "std", 0.5), ("min", "min", 0.5),
             *[(name, "quantile", q) for name, q in zip(q_names, qs)], ("max", "max", 0.5)]
    label = (lambda c, s: s) if groupby._series else (lambda c, s: (*c, s) if isinstance(c, tuple) else (c, s))
    specs = [(label(c, s), c, f, q) for c in columns for s, f, q in names]
    out = grouped._named(DataFrame(grouped._aggregate(specs))).astype("Float64")
    if groupby._as_index:
        return out
    keys = list(out.index.names)
    out = out.reset_index()
    if groupby._series:
        return out
    width = len(specs[0][0])
    return out.rename(columns={k: (k, *[""] * (width - 1)) for k in keys})


def _described_columns(groupby, include, exclude) -> list:
    """The columns pandas describes: a Series groupby's own (include/exclude have no effect, with
    pandas' warning); else numbers and naive datetimes by default (every column if there are
    none), every column with include="all", or select_dtypes(include, exclude)'s."""
    if groupby._series:
        if include is not None or exclude is not None:
            warnings.warn("The 'include' and 'exclude' arguments are deprecated for Series.describe and will be "
                          "removed in a future version. These arguments have no effect on Series and will be removed.",
                          pd.errors.Pandas4Warning, stacklevel=3)
        return [groupby._series_name]
    columns = groupby._columns()
    if not columns:
        raise exceptions.InvalidArgumentError("Cannot describe a DataFrame without columns")
    dtypes = groupby._frame.dtypes
    stand_in = pd.DataFrame({i: pd.Series(dtype=dtypes[c]) for i, c in enumerate(columns)})
    with pandas_errors.typed("groupby describe"):
        if include is None and exclude is None:
            picked = stand_in.select_dtypes(include=[np.number, "datetime"]).columns
            picked = picked if len(picked) else stand_in.columns
        elif isinstance(include, str) and include == "all":
            if exclude is not None:
                raise ValueError("exclude must be None when include is 'all'")
            picked = stand_in.columns
        else:
            picked = stand_in.select_dtypes(include=include, exclude=exclude).columns
            if len(picked) == 0:
                raise ValueError("No columns match the specified include or exclude data types")
    return [columns[i] for i in picked]


def _kind(dtype) -> str:
    """How pandas describes a column of `dtype` (select_describe_func): "number", "duration",
    "time" (datetimes: no std) or "top" (count, unique, top, freq: booleans, text, categoricals)."""
    if pd.api.types.is_bool_dtype(dtype):
        return "top"
    if pd.api.types.is_numeric_dtype(dtype):
        if isinstance(dtype, pd.ArrowDtype):  # decimals: pandas gives double[pyarrow] statistics
            raise exceptions.UnsupportedError(
                "groupby describe of a decimal column is not supported; describe it as float (astype('Float64'))")
        return "number"
    if dtype.kind == "M" or isinstance(dtype, pd.DatetimeTZDtype):
        return "time"
    return "duration" if dtype.kind == "m" else "top"


_STATS = {
    "number": lambda q: ["count", "mean", "std", "min", *q, "max"],
    "duration": lambda q: ["count", "mean", "std", "min", *q, "max"],
    "time": lambda q: ["count", "mean", "min", *q, "max"],
    "top": lambda q: ["count", "unique", "top", "freq"],
}


def _rows_in_pandas_order(stats) -> list:
    """pandas' rows of a description of several columns: the shortest descriptions' first."""
    names, seen = [], set()
    for some in sorted(stats, key=len):
        for name in some:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return names


def _values(computed, label: str, kind: str, n: int):
    """One column of the result: a "number" column's statistics are Float64 (<NA> for the rows
    of other kinds), the others' are Python objects as pandas' describe gives them (counts as
    integers, missing ones NaN)."""
    if kind == "number":
        if label not in computed:
            return pd.array([pd.NA] * n, dtype="Float64")
        return computed[label].astype("Float64").array
    if label not in computed:
        return np.array([np.nan] * n, dtype=object)
    values = computed[label]
    name = label.split(":", 1)[1]
    if name in ("count", "unique"):
        return np.array([int(v) for v in values], dtype=object)
    return np.array(values.astype(object).tolist(), dtype=object)


def _top_and_freq(grouped, column, dtype, index):
    """Each group's most frequent value of `column` and its count (NaN, NaN for a group of missing
    values only), as pandas' value_counts orders them: equal counts by first appearance, a
    categorical's by the order of its categories. One query: the counts of each (keys, value)
    pair and the first row of each, sorted, one row kept per group."""
    from cormorant.frame import DataFrame
    from cormorant.groupby import DataFrameGroupBy

    frame = grouped._frame
    if grouped._dropna:
        for key in grouped._keys:
            frame = frame[frame[key].notna()]
    frame = frame[frame[column].notna()][list(grouped._keys) + [column]].copy()
    # (plain labels of our own: the frame's may be tuples of MultiIndex columns)
    keys = [f"__key_{i}__" for i in range(len(grouped._keys))]
    value, order, freq = "__value__", "__order__", "__freq__"
    frame.columns = keys + [value]
    categorical = isinstance(dtype, pd.CategoricalDtype)
    if categorical:
        frame[value] = frame[value].cat.codes
    counts = DataFrameGroupBy(frame, keys + [value], True, False, False).size()._obj.rename(freq).to_frame()
    flat = DataFrame(counts.reset_index()._core.rename_axis([order])).reset_index()
    # (a categorical's ties go to the first category: its code, smallest first)
    tie = value if categorical else order
    best = flat.sort_values([freq, tie], ascending=[False, True]).drop_duplicates(subset=keys)
    read = best[keys + [value, freq]].to_pandas()
    read.index = pd.MultiIndex.from_frame(read[keys]) if len(keys) > 1 else pd.Index(read[keys[0]])
    read = read.reindex(pd.MultiIndex.from_tuples(list(index)) if len(keys) > 1 else pd.Index(list(index)))
    tops, freqs = [], []
    for v, f in zip(read[value].tolist(), read[freq].tolist()):
        if f is None or pd.isna(f):
            tops.append(np.nan)
            freqs.append(np.nan)
        else:
            tops.append(dtype.categories[int(v)] if categorical else v)
            freqs.append(int(f))
    return tops, freqs


def _of_no_groups(groupby, percentiles, include, exclude):
    """pandas' describe of a groupby without groups (no rows, or only missing keys): it depends
    only on the columns and their dtypes, so pandas computes it on a row of the frame, if any."""
    head = groupby._frame.head(1).to_pandas()
    keys = list(groupby._keys)
    grouped = head.groupby(keys, as_index=groupby._as_index, dropna=groupby._dropna, sort=groupby._sort)
    picked = grouped[groupby._series_name] if groupby._series else grouped[groupby._columns()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.Pandas4Warning)
        return picked.describe(percentiles=percentiles, include=include, exclude=exclude)
