"""GroupBy.corr and GroupBy.cov (cormorant.groupby): the core aggregates each pair of columns
per group (AggFunc::Corr/Cov); a frame's groupby lays the matrices out as pandas does."""

from __future__ import annotations

from cormorant import _convert, exceptions


def corr(self, other=None, method="pearson", min_periods=1, numeric_only: bool = False):
    """pandas' GroupBy.corr (Pearson, pairwise complete rows). A Series' groupby: each group's
    correlation with `other` (a cormorant Series, aligned on the index). A frame's: each
    group's correlation matrix of its numeric columns, rows labelled (keys..., column)."""
    if method != "pearson":
        raise exceptions.UnsupportedError(f"groupby corr(method={method!r}) is not supported; use 'pearson'")
    if min_periods not in (None, 1):
        raise exceptions.UnsupportedError("groupby corr(min_periods=...) other than 1 is not supported")
    return _pairwise(self, "corr", other, numeric_only)


def cov(self, other=None, min_periods=None, ddof=1, numeric_only: bool = False):
    """pandas' GroupBy.cov (sample covariance, ddof=1, pairwise complete rows); laid out as corr."""
    if ddof != 1:
        raise exceptions.UnsupportedError("groupby cov(ddof=...) other than 1 is not supported")
    if min_periods not in (None, 1):
        raise exceptions.UnsupportedError("groupby cov(min_periods=...) other than 1 is not supported")
    return _pairwise(self, "cov", other, numeric_only)


def _pairwise(self, func: str, other, numeric_only: bool):
    """corr/cov of a groupby: one core aggregate per unordered pair of columns."""
    if self._every_category:
        from cormorant.groupby_observed import refuse

        refuse(func)
    from cormorant.frame import DataFrame
    from cormorant.groupby import _MASKED
    from cormorant.series import Series

    if self._series:
        if not isinstance(other, Series):
            raise exceptions.UnsupportedError(
                f"SeriesGroupBy.{func} takes another cormorant Series, got {type(other).__name__}")
        (column,) = self._selection
        work = self._frame.assign(__cormorant_other=other)  # lined up on the index
        grouped = type(self)(work, self._keys, self._as_index, self._dropna, self._sort, [column],
                                   self._series_name, self._index_names, self._result_name)
        return grouped._run([(column, column, func, 0.5, "__cormorant_other")], set())
    if other is not None:
        raise exceptions.InvalidArgumentError(f"DataFrameGroupBy.{func} takes no other")
    dtypes = dict(self._frame._core.dtypes)
    _convert.refuse_decimals(dtypes, self._columns(), f"groupby {func}")  # pandas keeps them, as numbers
    columns = []
    for c in self._columns():
        if dtypes.get(c) in _MASKED:
            columns.append(c)
        elif not numeric_only:
            raise exceptions.DTypeError(f"groupby {func}: column {c!r} has dtype {dtypes.get(c)}; pass numeric_only=True")
    work = self._frame.astype({c: "Float64" for c in columns if dtypes[c] == "boolean"}) if columns else self._frame
    grouped = type(self)(work, self._keys, True, self._dropna, self._sort, columns,
                               index_names=self._index_names)
    pair, specs = {}, []  # one aggregate per unordered pair: both are symmetric
    for i, a in enumerate(columns):
        for b in columns[i:]:
            pair[(a, b)] = pair[(b, a)] = name = f"__cormorant_{len(specs)}"
            specs.append((name, a, func, 0.5, b))
    stats = DataFrame(grouped._aggregate(specs)).reset_index()
    # the groups' order (sorted keys, or first seen) as a column of positions
    stats = stats.rename_axis("__cormorant_group").reset_index()
    keys = [c for c in stats.columns if c not in set(pair.values()) | {"__cormorant_group"}]
    pieces = []
    for i, a in enumerate(columns):
        piece = stats[keys + ["__cormorant_group"] + [pair[(a, b)] for b in columns]]
        piece = piece.rename(columns={pair[(a, b)]: b for b in columns})
        pieces.append(piece.assign(__cormorant_column=a, __cormorant_position=i))
    from cormorant.concatenation import concat

    out = concat(pieces, ignore_index=True).sort_values(["__cormorant_group", "__cormorant_position"])
    out = out.set_index(keys + ["__cormorant_column"])[columns]
    names = list(self._index_names) if self._index_names is not None else list(self._keys)
    return out.rename_axis(names + [None])
