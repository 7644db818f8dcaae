"""Reshaping: melt, pivot, pivot_table, get_dummies, explode, stack and unstack, compiled to SQL by the core.

The core labels the columns as pandas does: pivoted columns by the values themselves (integer
labels for an Int64 column), under (value column, value) tuples when values is a list or left
out (MultiIndex columns), with the columns axis named after `columns`.
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions
from cormorant import _core, pandas_errors

_PIVOT_FUNCS = ("sum", "mean", "min", "max", "count")


def _labels(x, what: str) -> list:
    """A label or list of labels as a list of labels (a tuple is a list here, as pandas reads
    index=, columns= and values= of pivot_table)."""
    if x is None:
        return []
    items = list(x) if isinstance(x, (list, tuple, pd.Index)) else [x]
    return _convert.labels(items)


def _value_level(values) -> bool:
    """Whether pandas keeps the value columns as the first level of the result's columns:
    when values is a list (even of one) or left out."""
    return values is None or isinstance(values, (list, tuple, pd.Index))


def _frame_of(obj, what: str):
    from cormorant.frame import DataFrame

    if not isinstance(obj, DataFrame):
        raise exceptions.UnsupportedError(f"{what} takes a cormorant DataFrame (bring pandas data in with read_pandas)")
    return obj


def melt(frame, id_vars=None, value_vars=None, var_name=None, value_name="value", col_level=None, ignore_index=True):
    """pandas' melt: one row per (row, value column), all rows of the first value column first."""
    from cormorant.frame import DataFrame

    frame = _frame_of(frame, "melt")
    if col_level is not None:
        raise exceptions.UnsupportedError("melt(col_level=...) needs MultiIndex columns, which cormorant does not have")
    if not ignore_index:
        raise exceptions.UnsupportedError("melt(ignore_index=False) is not supported yet; the result has a new default index")
    var_name = "variable" if var_name is None else var_name
    return DataFrame(
        _core.melt(
            frame._core,
            _labels(id_vars, "id_vars"),
            _labels(value_vars, "value_vars"),
            _convert.label(var_name),
            _convert.label(value_name),
        )
    )


def _aggfunc(aggfunc) -> str:
    name = aggfunc if isinstance(aggfunc, str) else getattr(aggfunc, "__name__", None)
    if name not in _PIVOT_FUNCS:
        raise exceptions.UnsupportedError(
            f"pivot_table(aggfunc={aggfunc!r}) is not supported; use one of {', '.join(_PIVOT_FUNCS)} (by name)"
        )
    return name


def pivot_table(
    data,
    values=None,
    index=None,
    columns=None,
    aggfunc="mean",
    fill_value=None,
    margins=False,
    dropna=True,
    margins_name="All",
    observed=True,
    sort=True,
):
    """pandas' pivot_table with one `columns` column: the distinct values of `columns` are read
    first, then each cell is a conditional aggregate over a groupby of `index`."""
    from cormorant.frame import DataFrame

    data = _frame_of(data, "pivot_table")
    if margins:
        table = pivot_table(data, values, index, columns, aggfunc, fill_value, False, dropna, margins_name, observed, sort)
        return _with_margins(data, table, values, index, columns, _aggfunc(aggfunc), fill_value, margins_name)
    if not dropna:
        raise exceptions.UnsupportedError("pivot_table(dropna=False) is not supported yet")
    if not sort:
        raise exceptions.UnsupportedError("pivot_table(sort=False) is not supported yet")
    cols = _labels(columns, "columns")
    if len(cols) > 1:
        raise exceptions.UnsupportedError("pivot_table takes at most one `columns` column (MultiIndex columns are not supported)")
    keys = _labels(index, "index")
    if not keys:
        raise exceptions.UnsupportedError("pivot_table without index is not supported; pass index=")
    func = _aggfunc(aggfunc)
    dtypes = dict(data._core.dtypes)
    categorical = [k for k in keys + cols if dtypes.get(k) == "category"]
    if not cols or (categorical and (not observed or dtypes.get(cols[0]) == "category")):
        return _local_pivot_table(data, values, keys, cols, func, fill_value, observed)
    return DataFrame(
        _core.pivot_table(
            data._core,
            keys,
            cols[0],
            _labels(values, "values"),
            func,
            _convert.scalar(fill_value),
            True,
            _value_level(values),
        )
    )


def _local_pivot_table(data, values, keys, cols, func, fill_value, observed):
    """pivot_table without `columns` or by categorical keys (observed=False: every category, or
    categorical `columns`): the engine aggregates the groups (groupby(observed=...), which lays
    out the unobserved ones with pandas' values of an empty group); the table has a cell per
    group, so it is reshaped locally, as pandas' pivot_table reshapes its groupby result, and
    read back."""
    from cormorant.session import read_pandas_into

    named = _labels(values, "values")
    missing = [v for v in named if v not in data._core.columns]
    if missing:
        raise exceptions.ColumnNotFoundError(f"Column not found: {missing[0]!r}")
    taken = set(keys + cols)
    value_columns = named or [c for c in data.columns if c not in taken]
    grouped = data.groupby(keys + cols, observed=observed, dropna=True, sort=True)[value_columns]
    agged = grouped.agg(func).to_pandas()
    # pandas' steps after its groupby (pandas.core.reshape.pivot.__internal_pivot_table)
    if len(agged.columns):
        agged = agged.dropna(how="all")
    table = agged
    if table.index.nlevels > 1:
        table = agged.unstack(list(range(len(keys), len(keys) + len(cols))), fill_value=fill_value)
    table = table.sort_index(axis=1)
    if fill_value is not None:
        table = table.fillna(fill_value)
    if not _value_level(values) and table.columns.nlevels > 1:
        table.columns = table.columns.droplevel(0)
    table = table.dropna(how="all", axis=1)
    return read_pandas_into(data._core.session, table)


def _with_margins(data, table, values, index, columns, func, fill_value, margins_name):
    """pivot_table(margins=True) of value columns (a label or a list) by index keys of text and
    one columns key: `table` with pandas' margins, each an aggregate the engine computes over
    the rows that miss none of the keys and values (as pandas computes them): a column
    `margins_name` per row (per value), a row `margins_name` (padded with '' for further index
    keys) per column and their grand values; put together locally as pandas' _add_margins
    does, and read back. Keys that are not text would give pandas an object index (its label
    beside theirs): UnsupportedError."""
    from cormorant.session import read_pandas_into

    keys, cols = _labels(index, "index"), _labels(columns, "columns")
    dtypes = dict(data._core.dtypes)
    if values is None or len(cols) != 1 or any(dtypes.get(k) != "string" for k in keys) \
            or dtypes.get(cols[0]) == "category":
        raise exceptions.UnsupportedError(
            "pivot_table(margins=True) is supported for values= (a label or a list), index keys of text (the margin's "
            "label beside them would make pandas' index object) and one columns key that is not categorical")
    if not isinstance(margins_name, str):
        raise exceptions.InvalidArgumentError("margins_name argument must be a string")
    named = _labels(values, "values")
    kept = data[keys + cols + named].dropna()
    row_margin = kept.groupby(keys)[named].agg(func).to_pandas()
    column_margin = kept.groupby(cols[0])[named].agg(func).to_pandas()
    grand = kept[named].agg([func]).iloc[0]
    out = table.to_pandas()
    if len(out) == 0:  # no groups: pandas adds no margins either
        return table
    first_level = out.index.get_level_values(0) if len(keys) > 1 else out.index
    if margins_name in set(first_level):
        raise exceptions.InvalidArgumentError(f'Conflicting name "{margins_name}" in margins')
    layered = _value_level(values)
    order, margin_row = [], {}
    in_table = list(dict.fromkeys(c[0] for c in out.columns)) if layered else named  # (pandas sorts them)
    for value in in_table + [v for v in named if v not in in_table]:
        mine = [c for c in out.columns if c[0] == value] if layered else list(out.columns)
        margin = (value, margins_name) if layered else margins_name
        out[margin] = row_margin[value].reindex(out.index) if len(out.index) else row_margin[value]
        order += mine + [margin]
        for column in mine:
            margin_row[column] = column_margin[value].get(column[1] if layered else column, fill_value)
        margin_row[margin] = grand[value]
    out = out[order]
    label = (margins_name,) + ("",) * (len(keys) - 1) if len(keys) > 1 else margins_name
    row = pd.Series(margin_row).reindex(out.columns, fill_value=fill_value)
    dummy = pd.DataFrame([list(row)], columns=out.columns,
                         index=pd.MultiIndex.from_tuples([label], names=keys) if len(keys) > 1 else [label])
    for column, dtype in out.dtypes.items():
        dummy[column] = dummy[column].astype(dtype)
    out = pd.concat([out, dummy])
    out.index.names = keys
    return read_pandas_into(data._core.session, out.dropna(how="all", axis=1))


def pivot(data, *, columns, index=None, values=None):
    """pandas' pivot: reshapes without aggregating; a repeated (index, columns) pair is a ValueError."""
    from cormorant.frame import DataFrame

    data = _frame_of(data, "pivot")
    cols = _labels(columns, "columns")
    if len(cols) != 1:
        raise exceptions.UnsupportedError("pivot needs exactly one `columns` column (MultiIndex columns are not supported)")
    return DataFrame(
        _core.pivot_table(
            data._core, _labels(index, "index"), cols[0], _labels(values, "values"), "max", None, False, _value_level(values)
        )
    )


def _dummy_dtype(dtype) -> str:
    if dtype is None:
        return "boolean"
    resolved = pd.api.types.pandas_dtype(dtype)
    kind = getattr(resolved, "kind", None)
    if kind == "b":
        return "boolean"
    if kind in ("i", "u"):
        return "Int64"
    if kind == "f":
        return "Float64"
    raise exceptions.DTypeError(f"get_dummies(dtype={dtype!r}) is not supported; use bool, int or float")


def get_dummies(data, prefix=None, prefix_sep="_", dummy_na=False, columns=None, sparse=False, drop_first=False, dtype=None):
    """pandas' get_dummies: one boolean column per distinct value (sorted, missing left out)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if dummy_na:
        raise exceptions.UnsupportedError("get_dummies(dummy_na=True) is not supported yet")
    if sparse:
        raise exceptions.UnsupportedError("get_dummies(sparse=True) is not supported")
    if not isinstance(prefix_sep, str):
        raise exceptions.UnsupportedError("prefix_sep must be a string")
    if isinstance(data, Series):
        name = "__series__"
        frame = data.rename(name).to_frame()
        if prefix is not None and not isinstance(prefix, str):
            raise exceptions.UnsupportedError("the prefix of a Series' dummies is one string")
        return DataFrame(_core.get_dummies(frame._core, [name], [prefix], prefix_sep, _dummy_dtype(dtype), bool(drop_first)))
    frame = _frame_of(data, "get_dummies")
    if columns is None:
        encoded = [c for c, d in frame._core.dtypes if d == "string"]
    else:
        encoded = _labels(columns, "columns")
    if prefix is None:
        prefixes = list(encoded)
    elif isinstance(prefix, str):
        prefixes = [prefix] * len(encoded)
    elif isinstance(prefix, dict):
        prefixes = [prefix.get(c, c) for c in encoded]
    else:
        prefixes = list(prefix)
    prefixes = [p if p is None else str(p) for p in prefixes]  # pandas writes f"{prefix}{sep}{value}"
    return DataFrame(_core.get_dummies(frame._core, encoded, prefixes, prefix_sep, _dummy_dtype(dtype), bool(drop_first)))


def explode(obj, column=None, ignore_index: bool = False):
    """pandas' explode of a cormorant Series or DataFrame: a list column gives one row per item
    (cormorant.lists.explode; one column of a frame at a time). Values that are not lists stay
    as they are, as in pandas: the same rows (a new default index with ignore_index)."""
    from cormorant import lists
    from cormorant.frame import DataFrame

    if isinstance(obj, DataFrame):
        columns = _labels(column, "column")
        if not columns:
            raise exceptions.InvalidArgumentError("column must be nonempty")
        if len(set(columns)) < len(columns):
            raise exceptions.InvalidArgumentError("column must be unique")
        missing = [c for c in columns if c not in obj._core.columns]
        if missing:
            raise exceptions.ColumnNotFoundError(f"Column not found: {missing[0]!r}")
        listed = [c for c in columns if lists.is_list(obj[c])]
        if len(listed) > 1:
            raise exceptions.UnsupportedError(
                f"explode of several list columns ({listed!r}) is not supported; explode one column")
        if listed:
            return lists.explode(obj, listed[0], ignore_index=ignore_index)
    elif column is not None:
        raise exceptions.InvalidArgumentError("Series.explode takes no column")
    elif lists.is_list(obj):
        return lists.explode(obj, ignore_index=ignore_index)
    return obj.reset_index(drop=True) if ignore_index else obj


def crosstab(index, columns, values=None, rownames=None, colnames=None, aggfunc=None, margins=False,
             margins_name="All", dropna=True, normalize=False):
    """pandas' crosstab of two cormorant Series (aligned on the index): how often each pair of
    values occurs (0 where a pair never does), or `aggfunc` of `values` per pair, through
    pivot_table; rows and columns are named after the Series (row_0 / col_0 when unnamed).
    Counts with `margins` or `normalize`: see _crosstab_counts; `aggfunc` of `values` with
    margins: pivot_table's."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if not dropna:
        raise exceptions.UnsupportedError("crosstab(dropna=False) is not supported")
    if normalize not in (False, True, 0, 1, "all", "index", "columns") or isinstance(normalize, float):
        raise exceptions.InvalidArgumentError(f"Not a valid normalize argument: {normalize!r}")
    if margins and not isinstance(margins_name, str):
        raise exceptions.InvalidArgumentError("margins_name argument must be a string")
    if normalize is not False and values is not None:
        raise exceptions.UnsupportedError("crosstab(normalize=...) of values with aggfunc is not supported; counts are")
    if not isinstance(index, Series) or not isinstance(columns, Series):
        raise exceptions.UnsupportedError("crosstab takes one cormorant Series as index and one as columns")
    if (values is None) != (aggfunc is None):
        raise exceptions.InvalidArgumentError("aggfunc cannot be used without values, nor values without aggfunc")
    row = rownames[0] if rownames else (index.name if index.name is not None else "row_0")
    col = colnames[0] if colnames else (columns.name if columns.name is not None else "col_0")
    if row == col:
        raise exceptions.InvalidArgumentError(f"crosstab: the rows and the columns are both named {row!r}; pass rownames=/colnames=")
    parts = {row: index, col: columns}
    value = "__value__"
    parts[value] = values if values is not None else index.notna()  # counted: every row of a pair
    frame = DataFrame(parts)
    if values is None and (margins or normalize is not False):
        return _crosstab_counts(frame[[row, col]], row, col, margins, margins_name, normalize)
    if values is None:
        return pivot_table(frame, values=value, index=row, columns=col, aggfunc="count", fill_value=0)
    return pivot_table(frame, values=value, index=row, columns=col, aggfunc=aggfunc, margins=margins,
                       margins_name=margins_name)


def _crosstab_counts(frame, row, col, margins, margins_name, normalize):
    """crosstab's counts with margins or normalized: the engine counts each pair of values that
    occurs (a row per pair), and pandas' own crosstab of those counts (values summed: the
    counts of the rows, their margins and their shares) lays out the table; read back. With margins, an index key of text only
    (its label would make an object index of other values; column labels may mix kinds), and
    not categorical."""
    from cormorant.session import read_pandas_into

    dtypes = dict(frame._core.dtypes)
    if "category" in (dtypes[row], dtypes[col]):
        raise exceptions.UnsupportedError("crosstab(margins=/normalize=) of categorical keys is not supported yet")
    if margins and dtypes[row] != "string":
        raise exceptions.UnsupportedError(
            "crosstab(margins=True) is supported for an index key of text (the columns key may be of any dtype): the "
            f"margins' label would make an object index of {dtypes[row]} values; convert it with astype('string')")
    counted = "__cormorant_count__"
    counts = frame.groupby([row, col], dropna=True).size().to_pandas().rename(counted).reset_index()
    if len(counts) == 0:  # no table, no margins (pandas fails on no rows with margins and normalize)
        margins, normalize = False, False
    table = pd.crosstab(counts[row], counts[col], values=counts[counted], aggfunc="sum", margins=margins,
                        margins_name=margins_name, normalize=normalize)
    if normalize is False:  # pandas counts: 0 where a pair never occurs
        table = table.fillna(0).astype("int64")
    return read_pandas_into(frame._core.session, table)


def unstack(obj, level=-1, fill_value=None, sort: bool = True):
    """pandas' unstack: the index level `level` (default the last) becomes the columns, sorted;
    the other levels stay the (sorted) index. A Series gives one column per value, a frame
    (column, value) pairs. The level's distinct values are read first (pivot)."""
    from cormorant import levels as _levels
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if not sort:
        raise exceptions.UnsupportedError("unstack(sort=False) is not supported")
    is_series = isinstance(obj, Series)
    frame = obj.to_frame(name="__cormorant_values") if is_series else obj
    try:
        (position,) = _levels.positions(frame, level)
    except (exceptions.LabelNotFoundError, exceptions.IndexOutOfBoundsError) as e:
        raise exceptions.InvalidArgumentError(f"unstack: {e}") from None
    names = list(frame._core.index_names)
    if len(names) < 2:
        raise exceptions.InvalidArgumentError(
            "index must be a MultiIndex to unstack; this object has one index level (use pivot, or T)")
    values = ["__cormorant_values"] if is_series else list(obj.columns)
    if names[position] in values:
        raise exceptions.UnsupportedError(f"unstack: the level {names[position]!r} has the name of a column; rename one")
    _levels.require_flat_columns(frame, "unstack")
    flat, temp = _levels.flattened(frame)
    # the pivoted level under its own name (None included): pivot names the columns axis after it
    flat = flat.rename(columns={temp[position]: names[position]})
    rows = [t for i, t in enumerate(temp) if i != position]
    if fill_value is not None and not is_series:
        raise exceptions.UnsupportedError("DataFrame.unstack(fill_value=...) is not supported; unstack each column")

    def pivoted(columns):
        return DataFrame(_core.pivot_table(flat._core, rows, _convert.label(names[position]), _convert.labels(columns),
                                           "max", None, False, not is_series))

    out = pivoted(values)
    if fill_value is not None:
        # pandas fills only the cells no row gives, not the missing values rows hold: a second
        # pivot of a mark of the rows tells them apart
        flat = flat.assign(__cormorant_present=True)
        out = out.where(pivoted(["__cormorant_present"]).notna(), fill_value)
    if not is_series and len(values) > 1:  # pandas keeps the frame's columns in their order, the level's sorted
        rank = {v: i for i, v in enumerate(values)}
        out = out[sorted(out.columns, key=lambda pair: rank[pair[0]])]
    outer, now = list(frame._core.column_levels), list(out._core.column_levels)
    if not is_series and len(outer) == 1 and len(now) == 2:  # the frame's columns axis name stays the outer level's
        out = DataFrame(out._core.with_column_levels([outer[0], now[1]]))
    return out.rename_axis([n for i, n in enumerate(names) if i != position])


_UNSET = object()  # pandas' no_default: dropna and sort must not be given to pandas 3's stack


def stack(frame, level=-1, dropna=_UNSET, sort=_UNSET, future_stack: bool = True):
    """pandas 3's DataFrame.stack: the column levels `level` (default the last; names or
    numbers, a list of them) become new innermost index levels, row by row in order, their
    labels in the order the columns show them. Stacking every level gives a Series, else a
    frame of the remaining column labels (missing where a stacked label has no such column).

    Which input column gives each output cell is pandas' own stack of a one-row stand-in of the
    column labels (its rules and errors); the rows are pieces in the plan, one per stacked label,
    put together (concat: pandas' common dtypes) and ordered row by row. The columns must have
    one common dtype where they meet: pandas makes object columns of mixes (DTypeError)."""
    from cormorant import levels as _levels
    from cormorant.concatenation import concat
    from cormorant.frame import DataFrame

    if not future_stack:
        raise exceptions.UnsupportedError(
            "stack(future_stack=False) (pandas' deprecated implementation) is not supported; cormorant stacks as "
            "pandas 3 does")
    if dropna is not _UNSET:
        raise exceptions.InvalidArgumentError(
            "dropna must be unspecified as the new implementation does not introduce rows of NA values. This "
            "argument will be removed in a future version of pandas.")
    if sort is not _UNSET:
        raise exceptions.InvalidArgumentError(
            "Cannot specify sort, this argument will be removed in a future version of pandas. Sort the result "
            "using .sort_index instead.")
    columns = frame.columns
    stand_in = pd.DataFrame([np.arange(len(columns))], columns=columns)
    with pandas_errors.typed("stack"):
        shape = stand_in.stack(level)
    series = isinstance(shape, pd.Series)
    if len(columns) == 0 or len(shape) == 0:
        raise exceptions.UnsupportedError("stack of a frame without columns is not supported")
    sources = shape.to_frame(0) if series else shape
    new_levels = shape.index.nlevels - 1  # (the stand-in's index is one level)
    level_names = list(shape.index.names[1:])
    dtypes = dict(frame._core.dtypes)
    result_labels = list(sources.columns)
    # pandas' dtypes of the result: its stack of a one-row stand-in of missing values of these dtypes
    typed = pd.DataFrame({i: pd.Series([None], dtype=d) for i, d in enumerate(frame.dtypes)})
    typed.columns = columns
    typed = typed.stack(level)
    wanted = [typed.dtype] if series else list(typed.dtypes)
    for label, dtype in zip(result_labels, wanted):  # pandas makes object columns of some mixes
        met = [columns[int(p)] for p in sources[label] if not pd.isna(p)]
        if dtype == object and len({dtypes[c] for c in met}) > 1:
            raise exceptions.DTypeError(
                "stack: the columns have dtypes " + ", ".join(f"{c!r} {dtypes[c]}" for c in met)
                + ", which pandas stacks into an object column; convert them to one dtype with astype() first")
    names = list(frame._core.index_names)
    work = frame.set_axis([f"__cormorant_c{i}" for i in range(len(columns))], axis=1)
    flat, temp = _levels.flattened(work)
    rows = flat.rename_axis("__cormorant_row").reset_index()
    values = [f"__cormorant_v{k}" for k in range(len(result_labels))]
    new = [f"__cormorant_l{m}" for m in range(new_levels)]
    pieces = []
    for j, (key, cells) in enumerate(sources.iterrows()):
        picked = {f"__cormorant_c{int(p)}": v for p, v in zip(cells, values) if not pd.isna(p)}
        piece = rows[["__cormorant_row"] + temp + list(picked)].rename(columns=picked)
        labels = key[1:]
        piece = piece.assign(**{n: labels[m] for m, n in enumerate(new)}, __cormorant_position=j)
        pieces.append(piece[["__cormorant_row", "__cormorant_position"] + temp + new + [v for v in values if v in
                                                                                          piece.columns]])
    out = concat(pieces, ignore_index=True).sort_values(["__cormorant_row", "__cormorant_position"])
    out = out.set_index(temp + new)[values].rename_axis(names + level_names)
    common = {v: d for v, d, label in zip(values, wanted, result_labels) if str(d) in ("Float64", "Int64")}
    if common:  # (Int64 meeting Float64 is Float64 in pandas' concat, and so here; cast to be sure)
        out = out.astype(common)
    if series:
        return out[values[0]].rename(None)
    stacked = {columns._get_level_number(lev) for lev in (level if isinstance(level, (list, tuple)) else [level])}
    kept = [i for i in range(columns.nlevels) if i not in stacked]
    out = out.set_axis(result_labels, axis=1)
    if columns.nlevels == 1:
        return out
    levels = list(frame._core.column_levels)
    return DataFrame(out._core.with_column_levels([levels[i] for i in kept]))
