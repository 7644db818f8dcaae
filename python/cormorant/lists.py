"""List columns (``list<item: T>[pyarrow]``): the ``.list`` accessor (pandas' ListAccessor),
``.str`` indexing of lists as pandas allows it on lists, and ``explode``, computed by the core
(list_len, list_get, list_slice, list_at)."""

from __future__ import annotations

import numbers

from cormorant._lazy import pd
from cormorant import exceptions


def is_list(series) -> bool:
    return str(series._core.dtype).startswith("list<")


def _int(v, name: str) -> int:
    if isinstance(v, bool) or not isinstance(v, numbers.Integral):
        raise exceptions.InvalidArgumentError(f"{name} must be an int, got {v!r}")
    return int(v)


class ListAccessor:
    """pandas' ``Series.list``: len(), [i], [start:stop:step] and flatten() of a list column."""

    def __init__(self, series):
        if not is_list(series):
            raise exceptions.DTypeError(
                f"Can only use the '.list' accessor with 'list[pyarrow]' dtype, not {series._core.dtype}.")
        self._series = series

    def _call(self, function: str, *params, other=None):
        from cormorant.series import Series

        return Series(self._series._core.call(function, other._core if other is not None else None, list(params)))

    def len(self):
        """The number of items of each list (<NA> for a missing list), Int64."""
        return self._call("list_len")

    def __getitem__(self, key):
        """Item `key` of each list (negative from the end; <NA> where a list is shorter: pandas
        raises there), or the lists sliced by `key` (Python's slice, a positive step)."""
        if isinstance(key, slice):
            step = 1 if key.step is None else _int(key.step, "step")
            if step < 1:
                raise exceptions.UnsupportedError("list slicing supports a positive step only")
            bounds = [None if b is None else _int(b, "slice bound") for b in (key.start, key.stop)]
            return self._call("list_slice", *bounds, step)
        return self._call("list_get", _int(key, "index"))

    def get(self, i):
        return self[i]

    def flatten(self):
        """Every item of every list, one row each, with its list's index label (empty and
        missing lists give no row), as pandas' flatten."""
        return explode(self._series, keep_empty=False)

    def __iter__(self):
        raise TypeError("'ListAccessor' object is not iterable")


class ListStrMethods(ListAccessor):
    """``.str`` of a list column (as after str.split()): pandas indexes lists with .str[i],
    .str.get(i), counts them with .str.len() (<NA> past either end) and joins them with
    .str.join(sep)."""

    def __getitem__(self, key):
        if isinstance(key, slice):
            return super().__getitem__(key)
        return self.get(key)

    def get(self, i):
        return self._call("list_get", _int(i, "i"))

    def join(self, sep):
        """pandas' str.join of lists of strings: the items joined by `sep`; <NA> for a missing
        list and for a list holding a missing item (pandas: NaN for a list with a non-string)."""
        if not isinstance(sep, str):
            raise exceptions.DTypeError(f"sep must be a str, not {type(sep).__name__}")
        return self._call("list_join", sep)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        raise exceptions.AccessorError(
            f".str.{name} needs string values; this Series holds lists (use .str[i], .str.get(i), .str.len() "
            "or .list)")


def explode(obj, column=None, ignore_index: bool = False, keep_empty: bool = True):
    """One row per item of the list column (a Series, or `column` of a frame: its other
    columns repeat), in the rows' order then the items', each with its row's index label; a
    missing or empty list gives one <NA> row (`keep_empty`, pandas' explode) or none (flatten).
    See crossed_items for how the engine computes it."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    series_input = isinstance(obj, Series)
    frame = obj.rename("__value__").to_frame() if series_input else obj
    value_label = "__value__" if series_input else column
    values = Series(frame._core.column(value_label))
    names = list(frame._core.index_names)
    levels = [f"__index_{i}__" for i in range(len(names))]
    labels = list(frame._core.columns)
    crossed = crossed_items(frame, value_label)
    if crossed is None:  # (no row: the items' dtype)
        out = frame.assign(**{value_label: ListAccessor(values).get(0)})
    else:
        value, number = crossed[value_label], crossed["__item__"]
        count = ListAccessor(value).len()
        keep = number < count
        if keep_empty:
            keep = keep | ((number == 0) & count.fillna(0).eq(0))
        item = ListAccessor(value)._call("list_at", other=number)
        out = crossed.assign(**{value_label: item})[keep][levels + labels]
        out = DataFrame(out.set_index(levels)._core.rename_axis(names)) if names else out
    if ignore_index:
        out = out.reset_index(drop=True)
    if series_input:
        return out[value_label].rename(obj.name)
    return out


def crossed_items(frame, list_label):
    """`frame`'s rows crossed with the item numbers 0..k-1 ("__item__", Int64), k the most items
    of any list in column `list_label` (found by one query first), in the rows' order then the
    numbers'; the index levels are columns "__index_<i>__". None when the frame has no rows.
    Filtering the pairs past each list's length leaves one row per item, so the work grows with
    k times the rows (explode, str.extractall)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series
    from cormorant.concatenation import concat

    most = ListAccessor(Series(frame._core.column(list_label))).len().max()
    k = 1 if most is None or most is pd.NA or most < 1 else int(most)
    names = list(frame._core.index_names)
    levels = [f"__index_{i}__" for i in range(len(names))]
    base = DataFrame(frame._core.rename_axis(levels)).reset_index() if names else frame
    rows = len(base)
    if rows == 0:
        return None
    if base._core.index_names:  # the item numbers 0..k-1, made from the rows' positions (same session, no data from Python)
        numbers = DataFrame(base._core.rename_axis(["__item__"])).reset_index()[["__item__"]]
        if rows < k:
            numbers = concat([numbers.assign(__item__=numbers["__item__"] + i * rows) for i in range(-(-k // rows))])
        numbers = numbers.head(k)
    else:  # a NULL index (ordering_mode="partial", after reset_index): rows have no positions, the k numbers come from here
        from cormorant.session import read_pandas_into

        numbers = read_pandas_into(frame._core.session, pd.DataFrame({"__item__": pd.array(range(k), dtype="Int64")}))
    return base.merge(numbers, how="cross")
