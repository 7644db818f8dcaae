"""loc and xs on a MultiIndex of rows, as pandas 3.1: full and partial keys, tuples of
per-level keys (labels, lists of labels, slice(None) / pd.IndexSlice[:]), lists of keys, and
xs by level. Each level's key is a filter on that level's column (the plan stays lazy); a key
that names no row is pandas' KeyError (LabelNotFoundError), found with one small query; a full
key of exactly one row gives that row (a Series, or a Series' value), as pandas does.
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions, levels



def _is_list(key) -> bool:
    return isinstance(key, (list, np.ndarray, pd.Index))


def is_multi(frame) -> bool:
    """Whether `frame` (a DataFrame) has more than one index level."""
    return len(frame._core.index_names) > 1


def _is_label(key) -> bool:
    return not isinstance(key, (tuple, slice)) and not _is_list(key) and pd.api.types.is_scalar(key)


def _has_rows(frame) -> bool:
    """Whether the selection `frame` has a row (one small query): a key of none is a KeyError."""
    return len(frame.head(1).to_pandas()) > 0


def _missing(key):
    return exceptions.LabelNotFoundError(repr(key))


class _Selection:
    """The rows a key picks from a frame with a MultiIndex: the frame flattened (levels as
    placeholder columns), a filter on it and the order lists give, and the levels to drop."""

    def __init__(self, frame):
        self.names = levels._names(frame)
        self.flat, self.keys = levels.flattened(frame)
        self.dtypes = dict(self.flat._core.dtypes)
        self.mask = None
        self.order = []   # order columns (a list's positions), level by level
        self.drop = []    # positions of the levels a scalar key removes
        self.checked = True  # whether the labels' presence was checked (label() does not)

    def _where(self, condition):
        self.mask = condition if self.mask is None else self.mask & condition

    def label(self, i: int, key):
        """Level i equals `key`; a label that cannot be in the level is a KeyError at once."""
        if key is None or (not isinstance(key, str) and pd.isna(key)):
            raise _missing(key)
        if not levels._may_equal(self.dtypes[self.keys[i]], key):
            raise _missing(key)
        self._where(self.flat[self.keys[i]] == key)
        self.checked = False

    def labels(self, i: int, keys):
        """Level i is one of `keys`, rows in the list's order (pandas' order for a list)."""
        keys = list(keys)
        usable = [k for k in keys if levels._may_equal(self.dtypes[self.keys[i]], k) and not pd.isna(k)]
        column = self.flat[self.keys[i]]
        found = set(column[column.isin(usable)].unique().tolist()) if usable else set()
        absent = [k for k in keys if k not in found]
        if absent:
            raise exceptions.LabelNotFoundError(f"{absent} not in index")
        self._where(column.isin(usable))
        from cormorant.frame import DataFrame

        position = levels.placeholder(self.flat, f"__order_{i}__")
        self.flat = DataFrame(self.flat._assigned(position, column.map({k: p for p, k in enumerate(dict.fromkeys(keys))})))
        self.order.append(position)

    def per_level(self, key: tuple, series: bool):
        """A tuple of per-level keys: labels, lists of labels, slice(None)."""
        if len(key) > len(self.names):
            raise exceptions.IndexOutOfBoundsError("Too many indexers")
        sliced = False
        for i, part in enumerate(key):
            if isinstance(part, slice):
                if part != slice(None):
                    raise exceptions.UnsupportedError(
                        "loc on a MultiIndex takes slice(None) (pd.IndexSlice[:]) per level, not a label range; "
                        "use a boolean mask of the level (df.index.get_level_values) instead")
                sliced = True
            elif _is_list(part):
                self.labels(i, part)
            elif _is_label(part):
                self.labels(i, [part])  # (a label no row of the level has is a KeyError)
                self.drop.append(i)
            else:
                raise exceptions.InvalidArgumentError(f"loc: {part!r} is not a key of index level {self.names[i]!r}")
        if sliced and not series:
            self.drop = []  # pandas keeps every level of a frame when a level is sliced

    def frame(self):
        """The selected rows, indexed by the levels that are kept."""
        from cormorant.frame import DataFrame

        out = self.flat if self.mask is None else self.flat[self.mask]
        if self.order:
            out = out.sort_values(self.order, kind="stable").drop(columns=self.order)
        kept = [i for i in range(len(self.names)) if i not in self.drop]
        if not kept:  # (a full key's rows keep every level, as pandas' loc with duplicates)
            kept, self.drop = list(range(len(self.names))), []
        out = levels._indexed(out, [self.keys[i] for i in kept], [self.names[i] for i in kept])
        out = out.drop(columns=[self.keys[i] for i in self.drop]) if self.drop else out
        return DataFrame(out._core)


def _rows(frame, key, series: bool):
    """(rows of `frame` that a loc row key picks, whether the key is one full label)."""
    sel = _Selection(frame)
    if isinstance(key, tuple) and all(_is_label(k) for k in key):
        if len(key) > len(sel.names):
            raise exceptions.IndexOutOfBoundsError("Too many indexers")
        for i, part in enumerate(key):
            sel.label(i, part)
            sel.drop.append(i)
        return sel, len(key) == len(sel.names)
    if _is_label(key):
        sel.label(0, key)
        sel.drop.append(0)
        return sel, False
    if isinstance(key, tuple):
        sel.per_level(key, series)
        return sel, False
    if _is_list(key):
        items = list(key)
        if items and all(isinstance(k, tuple) for k in items):
            return _tuples(sel, items), False
        sel.labels(0, items)
        return sel, False
    if isinstance(key, slice):
        if key == slice(None):
            return sel, False
        raise exceptions.UnsupportedError(
            "loc on a MultiIndex takes labels, tuples, lists and slice(None), not a label range; use a boolean mask")
    raise exceptions.InvalidArgumentError(f"loc: {key!r} is not a key of a MultiIndex")


def _tuples(sel, items):
    """Rows whose leading levels equal one of the tuples, in the list's order (a KeyError names
    the tuples no row has)."""
    from cormorant.frame import DataFrame
    from cormorant.session import read_pandas_into

    levels.require_flat_columns(sel.flat, "loc with a list of tuples")
    width = len(items[0])
    if any(len(t) != width for t in items) or width > len(sel.names):
        raise exceptions.UnsupportedError("loc with a list of tuples takes tuples of one length, at most the levels'")
    usable = [p for p, t in enumerate(items)
              if all(_is_label(k) and not pd.isna(k) and levels._may_equal(sel.dtypes[sel.keys[i]], k)
                     for i, k in enumerate(t))]
    absent = [items[p] for p in range(len(items)) if p not in set(usable)]
    if absent:
        raise exceptions.LabelNotFoundError(f"{absent} not in index")
    wanted = pd.DataFrame({sel.keys[i]: [items[p][i] for p in usable] for i in range(width)})
    wanted["__order__"] = range(len(usable))
    keys = DataFrame(read_pandas_into(sel.flat._core.session, wanted)._core)
    joined = keys.merge(sel.flat, on=sel.keys[:width], how="left", indicator=True)
    absent = joined[joined["_merge"] == "left_only"]["__order__"].to_pandas().tolist()
    if absent:
        raise exceptions.LabelNotFoundError(f"{[items[usable[p]] for p in absent]} not in index")
    sel.flat = joined[list(sel.flat.columns) + ["__order__"]]
    sel.order.append("__order__")
    return sel


def loc_rows(obj, key):
    """pandas' loc[key] of the rows of a DataFrame or Series with a MultiIndex."""
    from cormorant.series import Series

    series = isinstance(obj, Series)
    sel, full = _rows(obj._frame() if series else obj, key, series)
    out = sel.frame()
    if full:
        got = out.head(2).to_pandas()
        if len(got) == 1:  # one row: pandas gives the row (a Series named by its labels), or a Series' value
            return got.iloc[0, 0] if series else got.iloc[0]
        if len(got) == 0:
            raise _missing(key)
    elif not sel.checked and not _has_rows(out):
        raise _missing(key)
    return Series._from_frame(out, obj.name) if series else out


def split_key(frame, key):
    """(row key, column key or None) of df.loc[key] on a MultiIndex: a tuple of labels is first the
    label of a row (pandas tries it whole), then (rows, columns)."""
    if not isinstance(key, tuple):
        return key, None
    if len(key) == 2 and not all(_is_label(k) for k in key):
        return key
    if len(key) == 2:
        sel = _Selection(frame)
        try:
            for i, part in enumerate(key):
                sel.label(i, part)
        except exceptions.LabelNotFoundError:
            return key
        if not _has_rows(sel.frame()):
            return key
    return key, None


def xs(obj, key, axis=0, level=None, drop_level: bool = True):
    """pandas' DataFrame.xs / Series.xs: the rows whose index levels equal `key` (levels `level`,
    else the leading ones), without those levels unless drop_level=False; axis=1 of a
    DataFrame picks a column."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    series = isinstance(obj, Series)
    if axis in (1, "columns"):
        if series:
            raise exceptions.InvalidArgumentError("No axis named 1 for object type Series")
        return _column_xs(obj, key, level, drop_level)
    if axis not in (0, "index", "rows"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r}")
    frame = obj._frame() if series else obj
    if not is_multi(frame):
        if level is not None and levels.positions(frame, level) != [0]:
            raise exceptions.IndexOutOfBoundsError(f"Too many levels: Index has only 1 level, not {level}")
        return obj.loc[key]
    if level is None:
        if not drop_level:
            sel, _ = _rows(frame, key if isinstance(key, tuple) else (key,), series)
            sel.drop = []
            out = sel.frame()
            if not _has_rows(out):
                raise _missing(key)
            return Series._from_frame(out, obj.name) if series else out
        return loc_rows(obj, key)
    chosen = levels.positions(frame, level)
    parts = key if isinstance(key, tuple) else (key,)
    if len(parts) != len(chosen):
        raise exceptions.InvalidArgumentError(f"xs: {len(chosen)} levels take {len(chosen)} keys, got {key!r}")
    sel = _Selection(frame)
    for i, part in zip(chosen, parts):
        sel.label(i, part)
    sel.drop = [] if not drop_level else sorted(set(chosen))
    if len(sel.drop) == len(sel.names):
        sel.drop = []
    out = sel.frame()
    if not _has_rows(out):
        raise _missing(key)
    return Series._from_frame(out, obj.name) if series else DataFrame(out._core)


def _column_xs(frame, key, level, drop_level: bool):
    """xs along the columns: the columns whose label equals `key` at `level` (MultiIndex
    columns; the leading levels without `level`), that level dropped unless drop_level=False."""
    columns = frame.columns
    if not isinstance(columns, pd.MultiIndex):
        if level not in (None, 0, columns.name):
            raise exceptions.IndexOutOfBoundsError(f"Too many levels: Index has only 1 level, not {level}")
        return frame[key]
    parts = key if isinstance(key, tuple) else (key,)
    if level is None and drop_level and any(label[:len(parts)] == parts for label in columns):
        return frame[key]  # (the leading levels: the frame's own selection, which keeps the levels' names)
    if level is None:
        chosen_levels = list(range(len(parts)))
    else:
        levels_ = level if isinstance(level, (list, tuple)) else [level]
        chosen_levels = [columns.names.index(x) if x in columns.names else x for x in levels_]
        if any(not isinstance(x, int) or not 0 <= x < columns.nlevels for x in chosen_levels) or len(parts) != len(chosen_levels):
            raise exceptions.LabelNotFoundError(f"Level {level!r} not found")
    picked = [label for label in columns if all(label[i] == part for i, part in zip(chosen_levels, parts))]
    if not picked:
        raise _missing(key)
    out = frame[picked]
    if not drop_level:
        return out
    kept = [i for i in range(columns.nlevels) if i not in chosen_levels]
    if not kept:
        return frame[picked[0]] if len(picked) == 1 else out
    from cormorant.levels import column_levels_kept

    labels = [label[kept[0]] if len(kept) == 1 else tuple(label[i] for i in kept) for label in picked]
    return column_levels_kept(out, labels, kept)
