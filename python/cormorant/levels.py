"""Index levels: reset_index(level=), droplevel, swaplevel and reorder_levels of frames and
Series, composed of the core's reset_index, set_index and rename_axis (the plan stays lazy and
the row order is kept)."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import _convert, exceptions, pandas_errors


def _names(frame) -> list:
    names = list(frame._core.index_names)
    if not names:
        raise exceptions.NullIndexError(
            "this object has a NULL index (ordering_mode=\"partial\"); set one with set_index() first")
    return names


def positions(frame, level) -> list:
    """The index level positions `level` names (a name, a position, or a list of them), as
    pandas resolves them (a name first, then a position)."""
    names = _names(frame)
    out = []
    for lev in level if isinstance(level, (list, tuple)) else [level]:
        if lev in names:
            out.append(names.index(lev))
        elif isinstance(lev, int) and not isinstance(lev, bool):
            if not -len(names) <= lev < len(names):
                raise exceptions.IndexOutOfBoundsError(
                    f"Too many levels: Index has only {len(names)} level(s), not {lev + 1 if lev >= 0 else lev}")
            out.append(lev % len(names))
        else:
            raise exceptions.LabelNotFoundError(f"Level {lev!r} not found")
    return out


def require_flat_columns(frame, what: str) -> None:
    """UnsupportedError for `what` on a frame with MultiIndex columns, for the operations on
    flattened frames that name their own columns by strings, not yet by padded labels."""
    if any(isinstance(label, tuple) for label in frame._core.columns):
        raise exceptions.UnsupportedError(
            f"{what} of a frame with MultiIndex columns is not supported; select or flatten the columns first")


def placeholder(frame, name: str):
    """The label a column `name` added to `frame` gets: `name`, or of MultiIndex columns the
    tuple ("name", "", ...) of their width, as pandas (and the core's assign) pads it."""
    labels = frame._core.columns
    width = len(labels[0]) if labels and isinstance(labels[0], tuple) else 0
    if width < 2 or not all(isinstance(x, tuple) and len(x) == width for x in labels):
        return name
    return (name,) + ("",) * (width - 1)


def flattened(frame):
    """(the frame with its index levels as leading columns of placeholder labels, those labels:
    "__level_<i>__", padded as `placeholder` pads them for MultiIndex columns)."""
    names = _names(frame)
    flat = frame.rename_axis([f"__level_{i}__" for i in range(len(names))]).reset_index()
    return flat, list(flat._core.columns[:len(names)])


def _indexed(flat, keys, names):
    """`flat` with the placeholder columns `keys` as its index, named `names`."""
    return flat.set_index(keys).rename_axis(names)


def rename_labels(frame, mapper, level=None, errors: str = "ignore"):
    """pandas' rename(index=...) by a dict (or a pandas Series) of labels: the labels it names
    replaced in every index level, or in `level`, the others kept (replace of each level's
    column, so a new label must fit the level's dtype: DTypeError). errors="raise": a key no
    label of those levels equals is LabelNotFoundError (one query finds the labels present)."""
    if callable(mapper) and not isinstance(mapper, (dict, pd.Series)):
        raise exceptions.UnsupportedError("rename(index=<function>) is not supported; pass a dict of labels")
    mapping = dict(mapper.items()) if isinstance(mapper, pd.Series) else dict(mapper)
    names = _names(frame)
    chosen = sorted(set(range(len(names)) if level is None else positions(frame, level)))
    flat, keys = flattened(frame)
    if errors == "raise":
        found = set()
        for i in chosen:
            column = flat[keys[i]]
            found.update(column[column.isin(list(mapping))].unique().tolist())
        missing = [k for k in mapping if k not in found]
        if missing:
            raise exceptions.LabelNotFoundError(f"{missing} not found in axis")
    if not mapping:
        return frame
    dtypes = dict(flat._core.dtypes)
    for i in chosen:
        pairs = {k: v for k, v in mapping.items() if _may_rename(dtypes[keys[i]], k)}
        if pairs:
            flat[keys[i]] = flat[keys[i]].replace(pairs)
    return _indexed(flat, keys, names)


def _may_equal(dtype: str, label) -> bool:
    """Whether a label can equal a value of a level of `dtype` (pandas looks every key up in
    every level; one of another kind matches nothing there)."""
    import numbers

    if dtype == "string":
        return isinstance(label, str)
    if dtype == "boolean":
        return isinstance(label, bool)
    if dtype in ("Int64", "Float64") or dtype.startswith(("Int", "UInt")):
        return isinstance(label, numbers.Number) and not isinstance(label, bool)
    return True


def _may_rename(dtype: str, label) -> bool:
    """Whether rename's key `label` can be a label of a level of `dtype`: pandas looks it up as
    it is, so only a time matches a level of times (text or a number does not)."""
    import datetime

    if dtype.startswith("datetime64"):
        return isinstance(label, datetime.datetime)
    if dtype.startswith("timedelta64"):
        return isinstance(label, datetime.timedelta)
    if dtype.startswith("date32"):
        return isinstance(label, datetime.date) and not isinstance(label, datetime.datetime)
    return _may_equal(dtype, label)


def reset_index(frame, level=None, drop: bool = False, names=None):
    """pandas' reset_index: all levels, or those `level` names, become columns (at the front, in
    level order; an unnamed one is 'index' or 'level_<i>', or `names`' label for its level),
    or are dropped with `drop`."""
    if names is not None and not drop:
        if isinstance(names, (int, str)):
            names = [names]
        if not isinstance(names, list):
            raise exceptions.InvalidArgumentError("Index names must be str or 1-dimensional list")
        if len(names) != len(_names(frame)):
            raise exceptions.InvalidArgumentError(
                f"reset_index(names=...) takes a name for each of the {len(_names(frame))} index levels, got {len(names)}")
        original = _names(frame)
        chosen = list(range(len(original))) if level is None else sorted(set(positions(frame, level)))
        out = reset_index(frame.rename_axis(names), chosen)
        kept = [n for i, n in enumerate(original) if i not in chosen]
        return out.rename_axis(kept) if kept else out  # (names label the new columns only)
    if level is None:
        return frame._reset_all(drop)
    names = _names(frame)
    chosen = sorted(set(positions(frame, level)))
    if len(chosen) == len(names):
        return frame._reset_all(drop)
    flat, keys = flattened(frame)
    kept = [i for i in range(len(names)) if i not in chosen]
    out = _indexed(flat, [keys[i] for i in kept], [names[i] for i in kept])
    if drop:
        return out.drop(columns=[keys[i] for i in chosen])
    labels = {keys[i]: placeholder(frame, names[i] if names[i] is not None else
                                   ("index" if len(names) == 1 else f"level_{i}")) for i in chosen}
    return out.rename(columns=labels)


def droplevel(frame, level, axis=0):
    """pandas' droplevel of index levels (axis 0) or of column levels (axis 1)."""
    if axis in (1, "columns"):
        columns = frame.columns
        if columns.nlevels < 2:
            raise exceptions.InvalidArgumentError(
                "Cannot remove 1 levels from an index with 1 levels: at least one level must be left.")
        with pandas_errors.typed("droplevel(axis=1)"):
            dropped = set(columns._get_level_number(x) for x in (level if isinstance(level, (list, tuple)) else [level]))
            kept = columns.droplevel(level)
        return column_levels_kept(frame, list(kept), [i for i in range(columns.nlevels) if i not in dropped])
    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r}")
    if len(set(positions(frame, level))) >= len(_names(frame)):
        raise exceptions.InvalidArgumentError(
            f"Cannot remove {len(set(positions(frame, level)))} levels from an index with {len(_names(frame))} levels: "
            "at least one level must be left.")
    return reset_index(frame, level, drop=True)


def column_levels_kept(frame, labels, kept):
    """`frame` with its columns relabelled by `labels` (in order) and its columns axis' levels
    (names and dtypes, the core's) those at positions `kept` of its levels now."""
    from cormorant.frame import DataFrame

    levels = list(frame._core.column_levels)
    out = frame.set_axis(labels, axis=1)
    return DataFrame(out._core.with_column_levels([levels[i] for i in kept] if levels else []))


def reorder_levels(frame, order, axis=0):
    """pandas' reorder_levels: the index levels in `order` (names or positions, each once)."""
    if axis not in (0, "index"):
        raise exceptions.UnsupportedError("reorder_levels of column levels is not supported")
    names = _names(frame)
    if len(names) < 2:
        raise exceptions.DTypeError("Can only reorder levels on a hierarchical axis.")
    new = positions(frame, list(order))
    if len(new) != len(names):
        raise exceptions.InvalidArgumentError(
            f"Length of order must be same as number of levels ({len(names)}), got {len(new)}")
    flat, keys = flattened(frame)
    return _indexed(flat, [keys[i] for i in new], [names[i] for i in new])


def swaplevel(frame, i=-2, j=-1, axis=0):
    """pandas' swaplevel: index levels i and j exchanged."""
    names = _names(frame)
    if len(names) < 2:
        raise exceptions.DTypeError("Can only swap levels on a hierarchical axis.")
    a, b = positions(frame, [i, j])
    order = list(range(len(names)))
    order[a], order[b] = order[b], order[a]
    return reorder_levels(frame, order, axis)


_NO_DEFAULT = object()  # pandas' lib.no_default: an argument not given


def rename_axis(frame, mapper=_NO_DEFAULT, index=_NO_DEFAULT, columns=_NO_DEFAULT, axis=0):
    """pandas' rename_axis: the level names of the index (`index`, or `mapper` with axis 0) or of
    the columns axis (`columns`, or `mapper` with axis 1) set to a name, or a list of one per
    level; `index`/`columns` may also be a dict {old name: new name} or a function of each name
    mapping them (`mapper`, when given, wins, as in pandas)."""
    if axis not in (0, 1, "index", "columns"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r}")
    if mapper is not _NO_DEFAULT:  # pandas then ignores index and columns
        if pd.api.types.is_dict_like(mapper) or callable(mapper):
            raise exceptions.InvalidArgumentError("Use `.rename` to alter labels with a mapper.")
        return _named_levels(frame, mapper, axis in (1, "columns"))
    out = frame
    for names, on_columns in ((index, False), (columns, True)):
        if names is _NO_DEFAULT:
            continue
        if pd.api.types.is_dict_like(names) or callable(names):
            rename = (lambda name, m=names: m[name] if name in m else name) if pd.api.types.is_dict_like(names) else names
            names = [rename(name) for name in _axis_names(out, on_columns)]
        out = _named_levels(out, names, on_columns)
    return out


def _axis_names(frame, on_columns: bool) -> list:
    return list(frame.columns.names) if on_columns else _names(frame)


def _named_levels(frame, names, on_columns: bool = False):
    from cormorant.frame import DataFrame

    count = len(_axis_names(frame, on_columns))
    if isinstance(names, (list, tuple, pd.Index)):
        names = list(names)
        if len(names) != count:
            raise exceptions.InvalidArgumentError(
                f"Length of names must match number of levels in MultiIndex: {len(names)} names for {count} levels")
    elif count > 1:
        raise exceptions.DTypeError("Must pass list-like as `names`.")
    else:
        names = [names]
    if not on_columns:
        return DataFrame(frame._core.rename_axis(names))
    dtypes = [d for _, d in frame._core.column_levels] or [None] * count
    return DataFrame(frame._core.with_column_levels([(_convert.label(n), d) for n, d in zip(names, dtypes)]))


def verify_integrity(frame) -> None:
    """pandas' set_index(verify_integrity=True): InvalidArgumentError (pandas' ValueError) naming
    the index labels that repeat (up to ten; one query)."""
    from cormorant.missing import repeated_values

    flat, keys = flattened(frame)
    labels = repeated_values(flat[keys])
    if labels:
        raise exceptions.InvalidArgumentError(f"Index has duplicate keys: {labels}")


def index_tz(frame, method: str, tz, axis=0, level=None, **options):
    """DataFrame.tz_convert / tz_localize (`method`): the datetime index level `level` (or the
    only one) converted or localized as Series.dt does it, in the plan."""
    if axis not in (0, "index"):
        raise exceptions.UnsupportedError(f"{method}(axis={axis!r}): the columns are no datetimes")
    names = _names(frame)
    if level is None and len(names) > 1:
        raise exceptions.DTypeError("index is not a valid DatetimeIndex or PeriodIndex")
    position = 0 if level is None else positions(frame, level)[0]
    flat, keys = flattened(frame)
    column = flat[keys[position]]
    if not column._core.dtype.startswith("datetime64"):
        raise exceptions.DTypeError(f"index is not a valid DatetimeIndex or PeriodIndex (level {names[position]!r} "
                                    f"has dtype {column._core.dtype})")
    flat[keys[position]] = getattr(column.dt, method)(tz, **options)
    return _indexed(flat, keys, names)
