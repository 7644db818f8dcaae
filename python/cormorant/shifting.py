"""shift with a list of periods (pandas 3): the object shifted once by each period, the blocks
side by side (pandas' concat(axis=1)), each column labeled "{label}{suffix}_{period}" ("{label}_
{period}" without a suffix) as pandas' add_suffix writes it. A Series is shifted as its
to_frame(), and a GroupBy's blocks are its own shifts within each group. All lazy, except
DataFrame and Series' check for no rows (one query): pandas returns such an object unchanged,
without the suffixed columns."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import _convert, exceptions


def periods_list(periods, suffix, along_columns: bool = False):
    """The periods of a list-like `periods`, checked as pandas checks them, or None for one
    period (where pandas refuses a suffix)."""
    if not pd.api.types.is_list_like(periods):
        if suffix:
            raise exceptions.InvalidArgumentError("Cannot specify `suffix` if `periods` is an int.")
        return None
    periods = list(periods)
    if along_columns:
        raise exceptions.InvalidArgumentError("If `periods` contains multiple shifts, `axis` cannot be 1.")
    if not periods:
        raise exceptions.InvalidArgumentError("If `periods` is an iterable, it cannot be empty.")
    for period in periods:
        if not _convert.is_int(period):
            raise exceptions.DTypeError(f"Periods must be integer, but {period} is {type(period)}.")
    return periods


def _side_by_side(blocks: list, periods: list, suffix):
    from cormorant.concatenation import concat

    named = [block.add_suffix(f"{suffix}_{period}" if suffix else f"_{period}") for block, period in
             zip(blocks, periods)]
    return named[0] if len(named) == 1 else concat(named, axis=1, sort=False)


def frame_shift(frame, periods: list, freq, fill_value, suffix):
    """DataFrame.shift(periods=[...]) (and Series', as its to_frame())."""
    if len(frame._core.columns) == 0 or len(frame) == 0:
        return frame
    blocks = [frame.shift(period, freq=freq, fill_value=fill_value) for period in periods]
    return _side_by_side(blocks, periods, suffix)


def group_shift(groupby, periods: list, freq, fill_value, suffix):
    """GroupBy.shift(periods=[...]): a DataFrame, also of a SeriesGroupBy (its blocks are the
    Series as a frame) and of a single period in a list."""
    from cormorant.series import Series

    blocks = []
    for period in periods:
        block = groupby.shift(period, freq=freq, fill_value=fill_value)
        blocks.append(block.to_frame() if isinstance(block, Series) else block)
    return _side_by_side(blocks, periods, suffix)
