"""Rows and columns picked by label, position or pattern: drop (rows), take, filter.

Rows go through the core's label and position masks (one filter in the plan); column picks
read only the frame's labels."""

from __future__ import annotations

import re

from cormorant._lazy import pd
from cormorant import _convert, exceptions


def _frame_of(obj):
    """A DataFrame and whether `obj` was a Series (given back as one)."""
    from cormorant.series import Series

    return (obj._frame(), True) if isinstance(obj, Series) else (obj, False)


def _back(frame, was_series: bool, like):
    return like._from_frame(frame, like.name) if was_series else frame


def _as_list(labels) -> list:
    return list(labels) if isinstance(labels, (list, tuple, pd.Index, set)) else [labels]


def drop_rows(obj, labels, errors: str = "raise"):
    """The rows whose index label is not one of `labels` (pandas' drop along the index).
    Absent labels raise LabelNotFoundError (pandas' KeyError); errors="ignore" is not supported."""
    if errors != "raise":
        raise exceptions.UnsupportedError("drop(errors='ignore') of rows is not supported; drop labels that exist")
    frame, was_series = _frame_of(obj)
    keep = frame._core.label_mask([_convert.scalar(x) for x in _as_list(labels)])
    from cormorant.frame import DataFrame

    return _back(DataFrame(frame._core.filter(keep.unary("invert"))), was_series, obj)


def take(obj, indices, axis=0):
    """pandas' take: rows at these positions in this order (negative counts from the end),
    or, for a DataFrame with axis=1, the columns at these positions."""
    from cormorant.frame import DataFrame

    positions = [int(i) for i in _as_list(indices)]
    frame, was_series = _frame_of(obj)
    if axis in (1, "columns") and not was_series:
        labels = list(frame.columns)
        try:
            return frame[[labels[i] for i in positions]]
        except IndexError:
            raise exceptions.IndexOutOfBoundsError(
                f"take: a column position is out of bounds for a frame of {len(labels)} columns"
            ) from None
    if axis not in (0, "index"):
        raise exceptions.InvalidArgumentError(f"take: no axis {axis!r}")
    return _back(DataFrame(frame._core.take(positions)), was_series, obj)


def filter_labels(obj, arg=None, /, like=None, regex=None, axis=None, *, items=None, cond=None, na=False):
    """pandas' filter: over the column labels of a DataFrame `items` (in their order, absent
    ones left out), `like` (a substring of the label's text) or `regex` (re.search); or, as
    pandas 3.1, the rows a boolean mask `cond` keeps (see filter_rows). A positional `arg` is
    `cond` when it is a callable or a column expression, else `items`. Labels along the index
    (a Series, or axis=0) are not supported: use loc or isin."""
    from cormorant.series import Series

    if arg is not None:
        if callable(arg) and not isinstance(arg, (list, tuple)):
            cond = arg if cond is None else _twice()
        else:
            items = arg if items is None else _twice()
    if sum(x is not None for x in (items, like, regex, cond)) != 1:
        raise exceptions.DTypeError("filter: pass exactly one of the positional argument, items, cond, like or regex")
    if cond is not None:
        return filter_rows(obj, cond, axis, na)
    if isinstance(obj, Series) or axis in (0, "index", "rows"):
        raise exceptions.UnsupportedError(
            "filter along the index is not supported; select rows with loc[...] or index.isin(...) instead"
        )
    if axis not in (None, 1, "columns"):
        raise exceptions.InvalidArgumentError(f"filter: no axis {axis!r}")
    labels = list(obj.columns)
    if items is not None:
        present = set(labels)
        return obj[[x for x in _as_list(items) if x in present]]
    if like is not None:
        return obj[[x for x in labels if like in str(x)]]
    pattern = re.compile(regex)
    return obj[[x for x in labels if pattern.search(str(x))]]


def _twice():
    raise exceptions.DTypeError("filter: pass exactly one of the positional argument, items, cond, like or regex")


def filter_rows(obj, cond, axis, na):
    """pandas 3.1's filter(cond=, na=): the rows (a frame's columns with axis=1) where the
    mask holds; `cond` a boolean cormorant Series (aligned on the index), a callable of the
    object or a column expression; missing mask values count as `na`, or with na="raise" a
    missing one raises InvalidArgumentError (one query)."""
    from cormorant.indexing import if_callable
    from cormorant.series import Series

    if na not in (True, False, "raise"):
        raise exceptions.InvalidArgumentError(f"na must be True, False or 'raise', got {na!r}")
    mask = if_callable(cond, obj)
    if axis in (1, "columns") and not isinstance(obj, Series):
        values = list(mask.to_pandas() if isinstance(mask, Series) else mask)
        if len(values) != len(obj.columns):
            raise exceptions.IndexOutOfBoundsError(
                f"filter: a mask of {len(values)} values for {len(obj.columns)} columns")
        if any(v is None or v is pd.NA or (isinstance(v, float) and v != v) for v in values):
            if na == "raise":
                raise exceptions.InvalidArgumentError("filter: the mask has missing values (na='raise')")
            values = [na if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v for v in values]
        return obj[[label for label, keep in zip(obj.columns, values) if bool(keep)]]
    if axis not in (None, 0, "index", "rows"):
        raise exceptions.InvalidArgumentError(f"filter: no axis {axis!r}")
    if not isinstance(mask, Series):
        raise exceptions.UnsupportedError(
            "filter(cond=...) along the rows takes a boolean cormorant Series (or a callable or column expression "
            "giving one); bring other masks in with cpd.read_pandas()")
    if str(mask.dtype) != "boolean":
        raise exceptions.DTypeError(f"filter: cond must be a boolean mask, got dtype {mask.dtype}")
    if na == "raise":
        if bool(mask.isna().any()):
            raise exceptions.InvalidArgumentError("filter: the mask has missing values (na='raise')")
    else:
        mask = mask.fillna(bool(na))
    return obj[mask]


def sample(obj, n=None, frac=None, replace: bool = False, weights=None, random_state=None, axis=None,
           ignore_index: bool = False):
    """pandas' sample: the positions are drawn as pandas draws them (NumPy's choice over the
    row count, from the same random state), so a given random_state picks the same rows as in
    pandas; then the rows are taken in the plan. Counts the rows first (one query)."""
    from cormorant._lazy import np

    if weights is not None or axis not in (None, 0, "index"):
        raise exceptions.UnsupportedError("sample supports neither weights nor axis=1")
    if n is not None and frac is not None:
        raise exceptions.InvalidArgumentError("Please enter a value for `frac` OR `n`, not both")
    if isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool):
        state = np.random.RandomState(random_state)
    elif random_state is None:
        state = np.random
    elif isinstance(random_state, (np.random.RandomState, np.random.Generator)):
        state = random_state
    else:
        raise exceptions.UnsupportedError("sample's random_state takes an int, a NumPy RandomState or Generator")
    rows = len(obj)
    if frac is not None:
        if frac < 0:
            raise exceptions.InvalidArgumentError("A negative number of rows requested. Please provide `frac` >= 0.")
        if frac > 1 and not replace:
            raise exceptions.InvalidArgumentError("Replace has to be set to `True` when upsampling the population `frac` > 1.")
        size = round(frac * rows)
    else:
        size = 1 if n is None else n
        if not _convert.is_int(size) or size < 0:
            raise exceptions.InvalidArgumentError("Only non-negative integers are accepted as `n` values")
    if size > rows and not replace:
        raise exceptions.InvalidArgumentError("Cannot take a larger sample than population when 'replace=False'")
    positions = state.choice(rows, size=size, replace=replace)
    out = take(obj, [int(p) for p in positions])
    return out.reset_index(drop=True) if ignore_index else out
