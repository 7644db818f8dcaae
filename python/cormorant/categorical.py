"""pandas' Series.cat accessor: a thin binding of the core's (cormorant::cat, api/categorical.cpp)."""

from __future__ import annotations

from collections.abc import Mapping

from cormorant import _convert, exceptions
from cormorant._lazy import pd


def _as_list(x) -> list:
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _values(xs) -> list:
    if isinstance(xs, (str, bytes)) or not hasattr(xs, "__iter__"):
        xs = [xs]
    if any(isinstance(x, pd.Interval) for x in xs):
        raise exceptions.UnsupportedError(
            "intervals as new categories are not supported yet; convert the Series with astype(str) first")
    return [_convert.scalar(x) for x in xs]


def merge_keys_as_values(left, right, on: list, left_on, right_on):
    """(left, right) for a merge on `on` (or left_on/right_on, or the columns both have): pandas
    merges a categorical key with one of other categories (or not categorical) by their values,
    and the key becomes a column of the values; such keys of one label on both sides, whose
    values share a dtype, become their values here (others are left to the core, which refuses
    keys of different dtypes)."""
    left_keys = on or ([] if left_on is None else _as_list(left_on))
    right_keys = on or ([] if right_on is None else _as_list(right_on))
    if not left_keys and not right_keys:
        left_keys = right_keys = [c for c in left._core.columns if c in right._core.columns]
    ldtypes, rdtypes = dict(left._core.dtypes), dict(right._core.dtypes)
    for lkey, rkey in zip(left_keys, right_keys):
        l, r = ldtypes.get(lkey), rdtypes.get(rkey)
        if lkey != rkey or "category" not in (l, r):
            continue
        lvalues = left._core.categories_of(lkey)[1] if l == "category" else l
        rvalues = right._core.categories_of(rkey)[1] if r == "category" else r
        same = l == r and left[lkey].dtype == right[rkey].dtype
        if same or lvalues != rvalues:
            continue
        left = left.assign(**{lkey: left[lkey].astype(lvalues)}) if l == "category" else left
        right = right.assign(**{rkey: right[rkey].astype(rvalues)}) if r == "category" else right
    return left, right


class CategoricalMethods:
    """s.cat: the codes, categories and order of a categorical Series, and Series with other
    categories (renaming, adding and ordering keep the codes; removing and setting recode)."""

    def __init__(self, series):
        if series._core.dtype != "category":
            raise exceptions.DTypeError("Can only use .cat accessor with a 'category' dtype")
        self._series = series

    def _wrap(self, core):
        from cormorant.series import Series

        return Series(core)

    def __getattr__(self, name):
        from cormorant._accessor import accessor_attribute

        return accessor_attribute(self, "Series.cat", pd.Series.cat, name)

    @property
    def codes(self):
        """The codes, -1 for a missing value, unnamed, in pandas' dtype: the smallest signed
        integer dtype that holds one more code than there are categories (int8 below 127 of
        them, int16 below 32767, ...); the engine computes them as Int64."""
        from cormorant.counted import _counted

        n = len(self.categories)
        dtype = "int8" if n < 127 else "int16" if n < 32767 else "int32" if n < 2147483647 else "int64"
        return _counted(self._wrap(self._series._core.cat_codes()).rename(None), set(), dtype)

    @property
    def categories(self) -> pd.Index:
        return self._series.dtype.categories

    @property
    def ordered(self) -> bool:
        return bool(self._series.dtype.ordered)

    def rename_categories(self, new_categories):
        old = list(self.categories)
        if isinstance(new_categories, Mapping):
            new_categories = [new_categories.get(c, c) for c in old]
        elif callable(new_categories):
            new_categories = [new_categories(c) for c in old]
        return self._wrap(self._series._core.cat_rename_categories(_values(new_categories)))

    def add_categories(self, new_categories):
        return self._wrap(self._series._core.cat_add_categories(_values(new_categories)))

    def remove_categories(self, removals):
        return self._wrap(self._series._core.cat_remove_categories(_values(removals)))

    def set_categories(self, new_categories, ordered=None, rename: bool = False):
        if rename:
            raise exceptions.UnsupportedError("set_categories(rename=True) is not supported; use rename_categories")
        return self._wrap(self._series._core.cat_set_categories(_values(new_categories), ordered))

    def reorder_categories(self, new_categories, ordered=None):
        return self._wrap(self._series._core.cat_reorder_categories(_values(new_categories), ordered))

    def remove_unused_categories(self):
        """The categories no value has, removed (one query finds the codes in use); the others
        keep their order, as pandas'."""
        used = {int(c) for c in self.codes.unique() if c is not pd.NA and c >= 0}
        kept = self.categories[[i in used for i in range(len(self.categories))]]  # (their dtype kept, as pandas)
        return self._series.astype(pd.CategoricalDtype(kept, ordered=self.ordered))

    def as_ordered(self):
        return self._wrap(self._series._core.cat_set_ordered(True))

    def as_unordered(self):
        return self._wrap(self._series._core.cat_set_ordered(False))
