"""Setting an object's axes as pandas 3 does (copy-on-write: only the object assigned to
changes): `df.columns = labels`, `df.index = labels` / `s.index = labels`, `s.name = name`,
`del df[label]`, `df.pop(label)` and `set_axis`."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import _convert, exceptions

_LEVEL = "__cormorant_label_{}"


def _length_mismatch(expected: int, given: int):
    return exceptions.InvalidArgumentError(
        f"Length mismatch: Expected axis has {expected} elements, new values have {given} elements"
    )


def column_labels(frame, labels):
    """The core of `frame` with its columns relabelled, in order, by `labels` (as long as the
    columns; unique, as cormorant's column labels are)."""
    old = list(frame.columns)
    new = list(labels)
    if len(new) != len(old):
        raise _length_mismatch(len(old), len(new))
    keys = [_convert.label(label) for label in new]
    if len(set(keys)) != len(keys):
        raise exceptions.UnsupportedError(f"column labels must be unique in cormorant, got {new!r}")
    core = frame.rename(columns=dict(zip(old, new)))._core
    if isinstance(labels, pd.Index):  # its level names (and the dtypes of nullable levels), as pandas keeps them
        return core.with_column_levels(_convert.column_levels(labels))
    return core.with_column_levels([])


def index_labels(obj, labels):
    """The core frame of `obj` (a DataFrame, or a Series' one-column frame) with its rows, in
    order, labelled by `labels`: a list-like as long as obj, or a pandas Index (its name and
    levels kept). The labels are copied into the session and joined by position."""
    from cormorant.session import read_pandas_into

    frame = obj if hasattr(obj, "columns") else obj._frame()
    if isinstance(labels, (pd.Series, pd.DataFrame)) or hasattr(labels, "_core"):
        index = pd.Index(labels.to_pandas() if hasattr(labels, "_core") else labels)
    else:
        index = labels if isinstance(labels, pd.Index) else pd.Index(labels)
    if not frame._core.index_names:
        raise exceptions.NullIndexError("this object has a NULL index and no order: its rows have no positions to label")
    rows = len(frame)
    if len(index) != rows:
        raise _length_mismatch(rows, len(index))
    keys = [_LEVEL.format(i) for i in range(index.nlevels)]
    local = pd.DataFrame({key: _typed(index.get_level_values(i)) for i, key in enumerate(keys)})
    by_position = frame.reset_index(drop=True)
    copied = read_pandas_into(frame._core.session, local)
    for key in keys:
        by_position[key] = copied[key]  # both have the default index: aligned by position
    return by_position.set_index(keys).rename_axis(list(index.names))._core


def _typed(level: pd.Index) -> pd.Index:
    """An empty level of no dtype (pandas' object dtype of an empty list) as Int64: cormorant
    has no object dtype."""
    return level.astype("Int64") if len(level) == 0 and level.dtype == object else level


def delete_column(frame, label) -> None:
    """del df[label]: the column leaves `frame` (KeyError when there is none)."""
    if _convert.label(label) not in frame._core.columns:
        raise exceptions.ColumnNotFoundError(f"{label!r}")
    frame._core = frame.drop(columns=[label])._core


def pop(frame, item):
    """pandas' DataFrame.pop: the column `item` as a Series, taken out of `frame`."""
    column = frame[item]
    delete_column(frame, item)
    return column


def set_axis(obj, labels, *, axis=0, copy=None):
    """pandas' set_axis: a new object with `labels` on the index (axis 0) or the columns (1)."""
    out = obj.copy()
    if axis in (1, "columns") and hasattr(obj, "columns"):
        out.columns = labels
    elif axis in (0, "index", "rows"):
        out.index = labels
    else:
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type {type(obj).__name__}")
    return out
