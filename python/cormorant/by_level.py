"""pandas' level= of drop, of the arithmetic and comparison methods and of align, on a
MultiIndex of rows (and of columns, whose labels are known here).

An object indexed by the labels of one level is broadcast onto the MultiIndex rows: each row
takes the value at its label of that level (<NA> where the object lacks it), so the rows and
their order stay the MultiIndex side's (pandas' level join changes the rows only with join
"inner" or "right", which keep the rows whose label the other side has). Composed of the core's
reset_index, a lookup (Series.map by a Series: a left join in the engine) and set_index: one
query, the plan stays lazy."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions, levels


def _one_level(frame, level) -> int:
    if isinstance(level, (list, tuple)):
        raise exceptions.DTypeError("level must be a single level name or position, not a list")
    return levels.positions(frame, level)[0]


def _multi(obj) -> bool:
    return len(levels._names(obj._frame() if hasattr(obj, "_frame") else obj)) > 1


def _frame_of(obj):
    from cormorant.series import Series

    return obj._frame() if isinstance(obj, Series) else obj


def _broadcast(frame, other, level):
    """(the frame's index levels as columns `keys` plus its values, keys, level names, `other`
    looked up by each row's label of `level`, a Series on the flat rows)."""
    from cormorant.series import Series

    if not isinstance(other, Series):
        raise exceptions.UnsupportedError(
            f"level= with a {type(other).__name__} is not supported; pass a cormorant Series indexed by the "
            "level's labels")
    if len(levels._names(other._frame())) != 1:
        raise exceptions.UnsupportedError("level= with an object of several index levels is not supported")
    names = levels._names(frame)
    levels.require_flat_columns(frame, "level=")
    i = _one_level(frame, level)
    flat, keys = levels.flattened(frame)
    return flat, keys, names, flat[keys[i]].map(other)


def _values(flat, keys):
    from cormorant.frame import DataFrame

    return DataFrame(flat._core.drop(keys))


def _reindexed(result, flat, keys, names):
    """`result` (on the flat rows) with the index levels of `flat` again."""
    from cormorant.frame import DataFrame

    for key in keys:
        result = DataFrame(result._assigned(key, flat[key]))
    return levels._indexed(result, keys, names)


# -- drop -----------------------------------------------------------------------------------


def drop(obj, labels, level, axis: str, errors: str = "raise"):
    """pandas' drop(labels, level=): the rows (axis "index") whose label of `level` is one of
    `labels` (<NA> drops the rows missing there); when no row has any of them,
    LabelNotFoundError unless errors="ignore". Columns: pandas' own drop of the known labels."""
    from cormorant.series import Series

    if errors not in ("raise", "ignore"):
        raise exceptions.InvalidArgumentError(f"errors must be 'raise' or 'ignore', got {errors!r}")
    wanted = list(labels) if pd.api.types.is_list_like(labels) and not isinstance(labels, tuple) else [labels]
    if axis == "columns":
        probe = pd.DataFrame(columns=obj.columns)
        try:
            kept = probe.drop(columns=wanted, level=level, errors=errors).columns
        except KeyError as e:
            raise exceptions.LabelNotFoundError(str(e).strip('"')) from None
        except (AssertionError, ValueError, IndexError) as e:
            raise exceptions.InvalidArgumentError(f"drop(columns=..., level=...): {e or 'axis must be a MultiIndex'}") from None
        return obj[list(kept)]
    frame = _frame_of(obj)
    names = levels._names(frame)
    if len(names) < 2:
        raise exceptions.InvalidArgumentError("drop(level=...): axis must be a MultiIndex")
    levels.require_flat_columns(frame, "drop(level=...)")
    i = _one_level(frame, level)
    flat, keys = levels.flattened(frame)
    column = flat[keys[i]]
    present = [x for x in wanted if not pd.isna(x)]
    missing = len(present) != len(wanted)
    if errors == "raise" and present and not missing:
        # pandas' rule for an index that repeats labels (of a unique one it checks each label
        # against the level's values, which keep those of rows filtered away: not known here)
        if not bool(column.isin(present).any()):
            raise exceptions.LabelNotFoundError(f"{wanted} not found in axis")
    dropped = column.isin(present).fillna(False) if present else None
    if missing:
        dropped = column.isna() if dropped is None else dropped | column.isna()
    if dropped is None:
        return obj
    out = levels._indexed(flat[~dropped], keys, names)
    return Series._from_frame(out, obj.name) if isinstance(obj, Series) else out


# -- arithmetic and comparison ----------------------------------------------------------------


def frame_binary(frame, op, other, axis: str, level, fill_value, reflected, name):
    """A DataFrame flex method with level=: `other` (a Series of the level's labels) broadcast
    onto the rows (axis "index") or onto the MultiIndex columns (axis "columns")."""
    from cormorant import frameops
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if isinstance(other, DataFrame):
        raise exceptions.UnsupportedError(
            f"DataFrame.{name}(level=...) with a DataFrame is not supported; pass a Series along one axis")
    if not isinstance(other, (Series, pd.Series)):
        return frameops.binary(frame, op, other, axis=axis, fill_value=fill_value, reflected=reflected, name=name)
    if axis == "columns":
        columns = frame.columns
        values = other.to_pandas() if isinstance(other, Series) else other
        if columns.nlevels == 1:
            return frameops.binary(frame, op, values, axis=axis, fill_value=fill_value, reflected=reflected, name=name)
        try:
            position = columns._get_level_number(level)
        except (KeyError, IndexError) as e:
            raise exceptions.LabelNotFoundError(f"Level {level!r} not found: {e}") from None
        spread = values.reindex([label[position] for label in columns])  # as pandas: NaN where it lacks one
        spread.index = pd.Index(list(columns), dtype=object)
        return frameops.binary(frame, op, spread, axis=axis, fill_value=fill_value, reflected=reflected, name=name)
    if not isinstance(other, Series):
        raise exceptions.UnsupportedError(
            f"DataFrame.{name} between cormorant and pandas objects is not supported; "
            "bring the pandas object in with cpd.read_pandas() first")
    if not _multi(frame):
        return frameops.binary(frame, op, other, axis=axis, fill_value=fill_value, reflected=reflected, name=name)
    flat, keys, names, mapped = _broadcast(frame, other, level)
    result = frameops.binary(_values(flat, keys), op, mapped, axis="index", fill_value=fill_value,
                             reflected=reflected, name=name)
    return _reindexed(result, flat, keys, names)


def series_binary(series, op, other, level, fill_value, reflected, name, apply=None):
    """A Series flex method with level=: the side with one index level broadcast onto the
    MultiIndex side's rows. `apply(left, right)` (default: the method `name` with fill_value)
    gives a Series or a tuple of them (divmod)."""
    from cormorant.series import Series

    apply = apply or (lambda left, right: getattr(left, name)(right, fill_value=fill_value))
    if not isinstance(other, Series):
        return apply(series, other)
    mine, theirs = _multi(series), _multi(other)
    if mine == theirs:
        if mine:
            raise exceptions.UnsupportedError(
                f"Series.{name}(level=...) of two MultiIndexes is not supported; reset_index() the other levels")
        return apply(series, other)
    multi, single = (series, other) if mine else (other, series)
    flat, keys, names, mapped = _broadcast(multi._frame(), single, level)
    values = flat[flat.columns[-1]]
    result = apply(values, mapped) if mine else apply(mapped, values)
    label = series.name if series.name == other.name else None
    parts = [_reindexed(part.to_frame("__value__"), flat, keys, names)["__value__"].rename(label)
             for part in (result if isinstance(result, tuple) else (result,))]
    return tuple(parts) if isinstance(result, tuple) else parts[0]


# -- align ------------------------------------------------------------------------------------


def align(obj, other, join: str, level, fill_value):
    """pandas' align(level=) of a frame or Series with a MultiIndex and a Series of one of its
    levels' labels (either way round), along the rows."""
    from cormorant.series import Series

    if not isinstance(obj, Series) and not isinstance(other, Series):
        raise exceptions.UnsupportedError("align(level=...) of two DataFrames is not supported")
    mine, theirs = _multi(obj), _multi(other)
    if mine == theirs:
        raise exceptions.UnsupportedError(
            "align(level=...) needs one side with a MultiIndex and a Series of one level's labels")
    if not mine:  # the single side first: its join is the mirror one
        mirrored = {"left": "right", "right": "left"}.get(join, join)
        right, left = align(other, obj, mirrored, level, fill_value)
        return left, right
    frame = _frame_of(obj)
    flat, keys, names, mapped = _broadcast(frame, other, level)
    if join in ("inner", "right"):
        other_flat, other_keys = levels.flattened(other._frame())
        found = flat[keys[_one_level(frame, level)]].isin(other_flat[other_keys[0]])
        flat, mapped = flat[found], mapped[found]
    left = levels._indexed(flat, keys, names)
    right = _reindexed(mapped.rename("__value__").to_frame(), flat, keys, names)["__value__"].rename(other.name)
    if isinstance(obj, Series):
        left = Series._from_frame(left, obj.name)
    if fill_value is not None:
        left, right = left.fillna(fill_value), right.fillna(fill_value)
    return left, right
