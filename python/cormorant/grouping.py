"""What rows are grouped by (DataFrame.groupby and Series.groupby): column labels, cormorant
Series, functions and mappings of the index labels, arrays of keys in row order, index levels,
made into key columns of the frame that the GroupBy aggregates."""

from __future__ import annotations

from collections.abc import Mapping

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions
from cormorant.groupby import _as_list
from cormorant.session import read_pandas_into


def _key_label(frame, i: int):
    """A label for the i-th grouping key that is no column of `frame`."""
    label = f"__groupby_key_{i}__"
    while label in frame._core.columns:
        label = "_" + label
    return label


def grouping(frame, by, level):
    """What pandas groups `frame` by, as key columns: `by` is a column label, a cormorant Series
    (aligned on the index), a function of the index labels, a dict or pandas Series mapping
    index labels to keys, an array of keys in row order (a NumPy array, a pandas Index such as
    `df.index.month`, a list of the frame's length that is not of its labels), or a list of
    these; `level` names or numbers index levels. Returns
    (frame with a column per key that is not a column label, the key labels, the names pandas
    gives the result's index levels, or None when they are the key labels)."""
    from cormorant.series import Series

    if (by is None) == (level is None):
        raise exceptions.InvalidArgumentError("You have to supply one of 'by' and 'level'")
    items = _as_list(by) if by is not None else []
    if isinstance(by, list) and _labels_or_row_keys(frame, by):
        items = [pd.Index(by)]  # pandas: a list of the frame's length, not of its labels, is one array of keys
    arrays = {i for i, item in enumerate(items) if _is_array_key(item)}
    keys, names, added = [], [], {}
    for i, item in enumerate(items):  # Series first: they align on the frame's own index
        if isinstance(item, Series):
            label = _key_label(frame, i)
            added[i] = label
            frame = frame.assign(**{label: item})
    index_names = list(frame._core.index_names)
    by_index = level is not None or bool(arrays) or any(
        callable(item) or isinstance(item, (Mapping, pd.Series)) for item in items if not isinstance(item, Series))
    if by_index:
        if not index_names:
            raise exceptions.NullIndexError(
                f"grouping by {'an array of keys' if arrays else 'the index'} needs an index; this object has a NULL "
                "index (ordering_mode=\"partial\"), set one with set_index() first")
        positions = [f"__groupby_level_{j}__" for j in range(len(index_names))]
        flat = frame.rename_axis(positions).reset_index()  # its default index is the rows' positions
    else:
        flat = frame
    rows = len(flat) if arrays else None
    for i, item in enumerate(items):
        if i in added:
            keys.append(added[i])
            names.append(item.name)
        elif i in arrays:
            if len(item) != rows:
                raise exceptions.InvalidArgumentError(
                    f"Grouper and axis must be same length: the array of keys has {len(item)} values, the object "
                    f"{rows} rows")
            label = _key_label(flat, i)
            values = pd.Series(pd.Series(item).array, name=None)  # indexed by position, as flat's rows
            flat = flat.assign(**{label: read_pandas_into(frame._core.session, values)})
            keys.append(label)
            names.append(getattr(item, "name", None))
        elif callable(item) or isinstance(item, (Mapping, pd.Series)):
            if len(index_names) != 1:
                raise exceptions.UnsupportedError("grouping by a function or a mapping of a MultiIndex is not supported")
            labels = flat[positions[0]]
            if callable(item):  # run once per distinct label, as pandas calls it per label
                distinct = frame.index.unique().tolist()
                mapping = {label: item(label) for label in distinct}
            else:
                mapping = dict(zip(item.index, item.array)) if isinstance(item, pd.Series) else dict(item)
            label = _key_label(flat, i)
            flat = flat.assign(**{label: labels.map(mapping)})
            keys.append(label)
            # pandas names the groups of a function or a dict after the index, of a Series after it
            names.append(item.name if isinstance(item, pd.Series) else index_names[0])
        else:
            label = _convert.label(item)
            if label not in flat._core.columns:
                raise exceptions.ColumnNotFoundError(repr(label))
            keys.append(label)
            names.append(label)
    for j, lev in enumerate(_as_list(level) if level is not None else []):
        if isinstance(lev, int) and not isinstance(lev, bool) and lev not in index_names:
            if not -len(index_names) <= lev < len(index_names):
                raise exceptions.IndexOutOfBoundsError(
                    f"Too many levels: Index has only {len(index_names)} level(s), not {lev + 1 if lev >= 0 else lev}")
            position = lev % len(index_names)
        elif lev in index_names:
            position = index_names.index(lev)
        else:
            raise exceptions.LabelNotFoundError(f"Level {lev} not found")
        label = _key_label(flat, len(items) + j)
        flat = flat.assign(**{label: flat[positions[position]]})
        keys.append(label)
        names.append(index_names[position])
    if by_index:
        flat = flat.set_index(positions).rename_axis(index_names)
    renamed = None if names == keys else names
    return flat, keys, renamed


def own_columns_as_labels(frame, by):
    """`by` with each cormorant Series that is `frame`'s own column (`df["k"]`, not computed,
    renamed or of other rows) replaced by its label: pandas leaves such a key out of the
    aggregated columns, as a key given by label."""
    from cormorant.series import Series

    def label(item):
        return item.name if isinstance(item, Series) and frame._core.is_own_column(item._core) else item

    return [label(item) for item in by] if isinstance(by, list) else label(by)


def _is_array_key(item) -> bool:
    """Whether a grouping key is an array of keys in row order (pandas' grouping by values)."""
    return isinstance(item, (np.ndarray, pd.Index, pd.api.extensions.ExtensionArray))


def by_labels(frame, by) -> bool:
    """Whether `by` is column labels only (one, or a list of them): groupby needs no key columns made."""
    from cormorant.series import Series

    items = by if isinstance(by, list) else [by]
    return by is not None and not any(
        callable(b) or isinstance(b, (Series, pd.Series, Mapping)) or _is_array_key(b) for b in items
    ) and not (isinstance(by, list) and _labels_or_row_keys(frame, by))


def _labels_or_row_keys(frame, by: list) -> bool:
    """Whether `by`, a list, is one array of keys (pandas' rule: no item is callable, a mapping or
    array-like, not every item is a column label or index name, and it has a key per row)."""
    from cormorant.series import Series

    if not by or any(callable(g) or isinstance(g, (Mapping, list, tuple, Series, pd.Series)) or _is_array_key(g)
                     for g in by):
        return False
    known = set(frame._core.columns) | set(frame._core.index_names)
    return not all(_convert.label(g) in known for g in by) and len(by) == len(frame)
