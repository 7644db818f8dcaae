"""DataFrame.merge and DataFrame.join: database-style joins on columns or on the index, with
pandas' row order (the core's DataFrame::merge); categorical keys are joined by their values
(cormorant.categorical); merge(indicator=) gives pandas' categorical indicator column."""

from __future__ import annotations

from cormorant import categorical, exceptions


def merge(
    self,
    right,
    how: str = "inner",
    on=None,
    left_on=None,
    right_on=None,
    left_index: bool = False,
    right_index: bool = False,
    sort: bool = False,
    suffixes=("_x", "_y"),
    indicator: bool = False,
    validate=None,
    _sort_outer: bool = True,
):
    """Database-style join on columns, with pandas' row order and a new default index; `validate`
    checks that the keys are unique on the sides it names (a query per side), as pandas."""
    from cormorant.frame import DataFrame, _as_list
    from cormorant.counted import _Counted

    if isinstance(right, _Counted) and isinstance(right, DataFrame):  # a result with counts: pandas' int64 stays
        counted = right.merge_counts(self, suffixes[1])
        return counted(DataFrame.merge(self, right._obj, how, on, left_on, right_on, left_index, right_index, sort,
                                       suffixes, indicator, validate, _sort_outer))
    if not isinstance(right, DataFrame):
        raise exceptions.UnsupportedError("merge with a cormorant DataFrame (bring pandas data in with read_pandas)")
    if left_index or right_index:
        if not (left_index and right_index) or on is not None or left_on is not None or right_on is not None:
            raise exceptions.UnsupportedError(
                "merge on the index needs left_index=True and right_index=True together; "
                "otherwise reset_index() first"
            )
        return self.join(right, how=how, lsuffix=suffixes[0], rsuffix=suffixes[1], sort=sort, validate=validate)
    keys = _as_list(on) if on is not None else []
    if validate is not None and how != "cross":
        common = [c for c in self._core.columns if c in right._core.columns]
        lefts = keys or (_as_list(left_on) if left_on is not None else common)
        check_unique_keys(self[lefts], right[keys or (_as_list(right_on) if right_on is not None else common)],
                          validate)
    if not isinstance(indicator, (bool, str)):
        raise exceptions.InvalidArgumentError("indicator option can only accept boolean or string arguments")
    flag = "_merge" if indicator is True else indicator
    if flag and (flag in self._core.columns or flag in right._core.columns):
        raise exceptions.InvalidArgumentError("Cannot use name of an existing column for indicator column")
    if how != "cross":  # categorical keys of other categories: by their values (cormorant.categorical)
        self, right = categorical.merge_keys_as_values(self, right, keys, left_on, right_on)  # pylint: disable=W0642
    out = DataFrame(
        self._core.merge(
            right._core,
            how,
            keys,
            _as_list(left_on) if left_on is not None else [],
            _as_list(right_on) if right_on is not None else [],
            tuple(suffixes),
            bool(indicator),
            _sort_outer,
        )
    )
    if sort:
        by = keys or (_as_list(left_on) if left_on is not None else [])
        if not by and how != "cross":  # on the columns both frames have, as pandas
            by = [c for c in self._core.columns if c in right._core.columns]
        out = out.sort_values(by, ignore_index=True) if by else out
    if flag and flag != "_merge":
        out = out.rename(columns={"_merge": flag})
    return out


def join(self, other, *, on=None, how: str = "left", lsuffix: str = "", rsuffix: str = "", sort: bool = False,
         validate=None, suffixes=None, _sort_outer: bool = True):
    """Joins on the index (pandas' DataFrame.join): rows in pandas' order for `how`; `suffixes`
    (pandas 3.1's) is (lsuffix, rsuffix); `validate` as merge's."""
    from cormorant.frame import DataFrame

    if suffixes is not None:
        if lsuffix or rsuffix:
            raise exceptions.InvalidArgumentError("Cannot pass both 'suffixes' and 'lsuffix'/'rsuffix'")
        lsuffix, rsuffix = suffixes

    if on is not None:
        raise exceptions.UnsupportedError("join(on=...) is not supported; use merge(left_on=..., right_index=...)")
    if not isinstance(other, DataFrame):
        raise exceptions.UnsupportedError("join with a cormorant DataFrame")
    names = self._core.index_names
    if len(names) != len(other._core.index_names):
        raise exceptions.InvalidArgumentError("cannot join indexes with different numbers of levels")
    overlap = set(self._core.columns) & set(other._core.columns)
    if overlap and not (lsuffix or rsuffix):
        raise exceptions.InvalidArgumentError(f"columns overlap but no suffix specified: {sorted(overlap)}")
    keys = [f"__join_key_{i}__" for i in range(len(names))]
    left = DataFrame(self._core.rename_axis(keys)).reset_index()
    right = DataFrame(other._core.rename_axis(keys)).reset_index()
    left_types, right_types = left.dtypes, right.dtypes
    restore = {}  # key: the dtype pandas gives it back (a left or right join keeps that side's)
    for i, key in enumerate(keys):  # merge would name the hidden key columns
        if left_types[key] == right_types[key]:
            continue
        if {str(left_types[key]), str(right_types[key])} == {"Int64", "Float64"}:
            # pandas joins numbers of both dtypes in their common one (Index.join)
            left, right = left.astype({key: "Float64"}), right.astype({key: "Float64"})
            kept = {"left": left_types[key], "right": right_types[key]}.get(how)
            if kept is not None and str(kept) == "Int64":
                restore[key] = "Int64"
            continue
        raise exceptions.DTypeError(
            f"cannot align indexes of dtypes '{left_types[key]}' and '{right_types[key]}' (join, concat along "
            f"columns){f' at level {i}' if len(keys) > 1 else ''}; convert one with astype(), or reset_index()")
    out = left.merge(right, how=how, on=keys, suffixes=(lsuffix, rsuffix), sort=sort, validate=validate,
                     _sort_outer=_sort_outer)
    if restore:
        out = out.astype(restore)
    return DataFrame(out.set_index(keys)._core.rename_axis(list(names)))


# pandas' merge(validate=...): whether the left and the right keys must be unique, and its name.
_VALIDATE = {"one_to_one": (True, True, "one-to-one"), "1:1": (True, True, "one-to-one"),
             "one_to_many": (True, False, "one-to-many"), "1:m": (True, False, "one-to-many"),
             "many_to_one": (False, True, "many-to-one"), "m:1": (False, True, "many-to-one"),
             "many_to_many": (False, False, ""), "m:m": (False, False, "")}


def check_unique_keys(left_keys, right_keys, validate) -> None:
    """pandas' merge(validate=...): InvalidArgumentError (pandas' MergeError, a ValueError) with
    pandas' message and the repeated keys when the keys `validate` wants unique repeat (missing
    keys count as equal). `left_keys` and `right_keys` are frames of the key columns; each side
    checked is a query."""
    if validate not in _VALIDATE:
        raise exceptions.InvalidArgumentError(
            f'"{validate}" is not a valid argument. Valid arguments are:\n- "1:1"\n- "1:m"\n- "m:1"\n- "m:m"\n'
            '- "one_to_one"\n- "one_to_many"\n- "many_to_one"\n- "many_to_many"')
    from cormorant.missing import repeated_values

    left_unique, right_unique, kind = _VALIDATE[validate]
    repeats = {side: repeated_values(keys) for side, keys, check in (("left", left_keys, left_unique),
                                                                       ("right", right_keys, right_unique)) if check}
    repeats = {side: values for side, values in repeats.items() if values}
    if not repeats:
        return
    side = "either left or right" if len(repeats) == 2 else next(iter(repeats))
    listed = "".join(f"\nDuplicates in {s}: {values}" for s, values in repeats.items())
    raise exceptions.InvalidArgumentError(f"Merge keys are not unique in {side} dataset; not a {kind} merge.{listed}")
