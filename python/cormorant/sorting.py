"""pandas' sort_index with every argument (level=, ascending lists, sort_remaining=, key=,
na_position=), for frames and Series: the index levels become columns sorted by the core's
stable sort_values, then the index again (one query; the plan stays lazy). Along the columns
(axis=1) the labels are known here, so pandas itself orders them."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions, levels


def _bool(value) -> bool:
    """pandas' validate_bool_kwarg for `ascending`."""
    from cormorant._lazy import np

    if not isinstance(value, (bool, np.bool_)):
        raise exceptions.InvalidArgumentError(
            f'For argument "ascending" expected type bool, received type {type(value).__name__}.')
    return bool(value)


def sort_index(frame, axis=0, level=None, ascending=True, na_position: str = "last", sort_remaining: bool = True,
               ignore_index: bool = False, key=None):
    """pandas' DataFrame.sort_index: stable (equal labels keep their order), as pandas' kind='stable'."""
    from cormorant.frame import DataFrame

    if na_position not in ("first", "last"):
        raise exceptions.InvalidArgumentError(f"invalid na_position: {na_position!r}")
    if isinstance(ascending, (list, tuple)):
        ascending = [_bool(a) for a in ascending]
    else:
        ascending = _bool(ascending)
    if axis in (1, "columns"):
        out = _sort_columns(frame, level, ascending, na_position, sort_remaining, key)
    elif axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
    elif level is None and key is None and isinstance(ascending, bool):
        out = DataFrame(frame._core.sort_index(ascending, na_position == "last"))
    else:
        out = _sort_levels(frame, level, ascending, na_position, sort_remaining, key)
    return out.reset_index(drop=True) if ignore_index else out


def _sort_columns(frame, level, ascending, na_position, sort_remaining, key):
    """The columns in pandas' order of their labels (pandas sorts an empty frame of the same
    labels, whose one row holds the column positions, so repeated labels stay apart)."""
    labels = frame.columns
    probe = pd.DataFrame([list(range(len(labels)))], columns=labels)
    try:
        order = probe.sort_index(axis=1, level=level, ascending=ascending, na_position=na_position,
                                 sort_remaining=sort_remaining, key=key)
    except TypeError as e:
        raise exceptions.DTypeError(f"sort_index(axis=1): the column labels do not order: {e}") from None
    except (ValueError, KeyError, IndexError) as e:
        raise exceptions.InvalidArgumentError(f"sort_index(axis=1): {e}") from None
    return frame.iloc[:, [int(p) for p in order.iloc[0]]]


def _sort_levels(frame, level, ascending, na_position, sort_remaining, key):
    """Sorted by the index levels `level` (all when None), then, with sort_remaining and a
    single `ascending`, by the other levels in order (pandas' MultiIndex.sortlevel; with a list
    of `ascending` it sorts by the named levels only). `key` maps each sorted level first."""
    names = levels._names(frame)
    levels.require_flat_columns(frame, "sort_index(level=, key=, ascending=[...])")
    if len(names) == 1:
        # pandas' Index.sortlevel does not look at `level`; a list `ascending` takes its one
        # value there, and pandas' nargsort reads a list without level= as true (ascending).
        if isinstance(ascending, list):
            if level is None:
                ascending = bool(ascending)
            elif len(ascending) != 1:
                raise exceptions.InvalidArgumentError("ascending must be a list of bool values of length 1")
            else:
                ascending = ascending[0]
        chosen = [0]
    else:
        chosen = list(range(len(names))) if level is None else levels.positions(frame, level)
    if isinstance(ascending, list):
        if len(ascending) != len(chosen):
            raise exceptions.InvalidArgumentError("level must have same length as ascending")
        by, orders = chosen, ascending
    else:
        by = chosen + [i for i in range(len(names)) if i not in chosen] if sort_remaining or level is None else chosen
        orders = [ascending] * len(by)
    flat, keys = levels.flattened(frame)
    columns, added = [], []
    for i in by:
        if key is None or i not in chosen:
            columns.append(keys[i])
            continue
        mapped = _mapped(key, flat[keys[i]].rename(names[i]), names[i])
        name = f"__sort_key_{i}__"
        flat = flat.assign(**{name: mapped})
        columns.append(name)
        added.append(name)
    out = flat.sort_values(columns, ascending=orders, na_position=na_position)
    if added:
        out = out.drop(columns=added)
    return levels._indexed(out, keys, names)


def _mapped(key, values, name):
    """key(values) of one index level, which must be a cormorant Series of the same rows."""
    from cormorant.series import Series

    if not callable(key):
        raise exceptions.InvalidArgumentError(f"key must be a function of the index, got {type(key).__name__}")
    out = key(values)
    if not isinstance(out, Series):
        raise exceptions.InvalidArgumentError(
            f"key of index level {name!r} gave a {type(out).__name__}; it must give a cormorant Series of the "
            "same rows (it is given the level as a cormorant Series: use its methods, such as .str.lower() or .map())")
    return out


def sort_values_columns(frame, by, ascending, kind, na_position, ignore_index, key):
    """pandas' sort_values(by=<row label(s)>, axis=1): the columns in the order of their values
    in the rows `by`. Those rows are read (one query) and pandas itself orders them, with
    column positions as labels so repeated labels stay apart; `key` gets each row as pandas
    gives it (a pandas Series). pandas' errors: a label not in the index, a repeated one, values
    that do not order."""
    by = by if isinstance(by, list) else [by]
    if not by:
        return frame
    rows = frame.loc[by].to_pandas()
    rows.columns = range(rows.shape[1])
    try:
        order = rows.sort_values(by, axis=1, ascending=ascending, kind=kind or "quicksort",
                                 na_position=na_position, key=key).columns
    except TypeError as e:
        raise exceptions.DTypeError(f"sort_values(axis=1): the values of rows {by!r} do not order: {e}") from None
    except (ValueError, KeyError, IndexError) as e:
        raise exceptions.InvalidArgumentError(f"sort_values(axis=1): {e}") from None
    out = frame.iloc[:, [int(p) for p in order]]
    if ignore_index:
        out.columns = list(range(len(order)))
    return out
