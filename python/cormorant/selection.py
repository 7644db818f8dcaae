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


def filter_labels(obj, items=None, like=None, regex=None, axis=None):
    """pandas' filter over the column labels of a DataFrame: `items` (in their order, absent
    ones left out), `like` (a substring of the label's text) or `regex` (re.search). Along
    the index (a Series, or axis=0) it is not supported: use loc or isin."""
    from cormorant.series import Series

    if sum(x is not None for x in (items, like, regex)) != 1:
        raise exceptions.InvalidArgumentError("filter: pass exactly one of items, like or regex")
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
