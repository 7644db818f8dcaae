"""GroupBy.quantile as pandas 3.1: one q or a list of them (pandas' result then has the q as a
last index level, each group's rows in the list's order), and every `interpolation`.

"linear" is the engine's quantile aggregate. The others pick order statistics as NumPy's
quantile does (cormorant.quantiles): each value's position among its group's values (a rank by
value, ties by row order) and the group's count are windows, the values at the positions
(n - 1) * q rounds to are kept and one aggregate per (column, q) takes them, all in one query;
"midpoint" is NumPy's lerp of the two around it. lower/higher/nearest keep the column's dtype,
as pandas does."""

from __future__ import annotations

import copy

from cormorant._lazy import pd
from cormorant import exceptions
from cormorant.quantiles import check_interpolation

_NUMBERS = ("Int", "UInt", "Float")


def quantile(self, q=0.5, interpolation="linear", numeric_only=False):
    """pandas' GroupBy.quantile (see the module's doc)."""
    check_interpolation(interpolation)
    many = pd.api.types.is_list_like(q)
    qs = list(q) if many else [q]
    for value in qs:
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise exceptions.DTypeError(f"groupby quantile takes numbers as q, got {value!r}")
        if not 0 <= value <= 1:
            raise exceptions.InvalidArgumentError("percentiles should all be in the interval [0, 1]")
    qs = [float(value) for value in qs]
    columns = self._numeric_columns("groupby quantile") if numeric_only else self._columns()
    if interpolation != "linear":
        dtypes = dict(self._frame._core.dtypes)
        for column in columns:
            if not str(dtypes.get(column)).startswith(_NUMBERS):
                raise exceptions.DTypeError(
                    f"groupby quantile(interpolation={interpolation!r}) takes numbers; column {column!r} is "
                    f"{dtypes.get(column)}")
    if not many:
        return _one(self, columns, qs[0], interpolation)
    return _stacked(self, columns, qs, interpolation)


def _one(self, columns, q, interpolation):
    if interpolation == "linear":
        return self._run([(c, c, "quantile", q) for c in columns], set())
    return _shaped(self, _picked(self, columns, [q], interpolation, lambda c, _: c))


def _shaped(self, out):
    """A result by the keys as the groupby gives it: a Series' groupby a Series, as_index=False
    the keys as columns."""
    from cormorant.series import Series

    if self._series and self._as_index:
        return self._series_named(Series(out._core.column(out._core.columns[0])))
    return out if self._as_index else out.reset_index()


def _stacked(self, columns, qs, interpolation):
    """A list of q: each group's rows, one per q in the list's order, under the index (keys...,
    q), as pandas."""
    from cormorant.concatenation import concat

    label = lambda c, j: f"__quantile_q{j}_{columns.index(c)}__"  # noqa: E731
    if interpolation == "linear":
        work = copy.copy(self)
        work._series, work._as_index = False, True
        out = work._named(_frame_of(work._aggregate(
            [(label(c, j), c, "quantile", q) for j, q in enumerate(qs) for c in columns])))
    else:
        out = _picked(self, columns, qs, interpolation, label)
    if not columns:
        raise exceptions.UnsupportedError("groupby quantile of a list of q needs a column to compute")
    names = list(out._core.index_names)
    order = "__quantile_group__"
    out = out.assign(**{order: (out[label(columns[0], 0)].isna() | True).astype("Int64").cumsum()})
    parts = []
    for j, q in enumerate(qs):
        part = out[[order] + [label(c, j) for c in columns]].set_axis([order] + list(columns), axis=1)
        parts.append(part.assign(__quantile_q__=q, __quantile_at__=j).set_index("__quantile_q__", append=True))
    stacked = concat(parts).sort_values([order, "__quantile_at__"]).drop(columns=[order, "__quantile_at__"])
    return _shaped(self, _frame_of(stacked._core.rename_axis(names + [None])))


def _picked(self, columns, qs, interpolation, label):
    """The q-quantiles by order statistics, a column labelled label(column, j) per (column, q)."""
    frame = self._frame
    taken = {str(c) for c in frame._core.columns}
    helper = iter(range(10 ** 6))

    def name():
        while True:
            out = f"__quantile_{next(helper)}__"
            if out not in taken:
                return out

    grouped = frame.groupby(list(self._keys), dropna=self._dropna, sort=self._sort)
    assigned, specs = {}, []
    for column in columns:
        values = frame[column]
        position = grouped[column].rank(method="first") - 1  # among the group's values, by value
        last = grouped[column].transform("count").astype("Float64") - 1
        for j, q in enumerate(qs):
            virtual = last * q
            low = virtual // 1
            if interpolation == "lower":
                picks = [(low, True)]
            elif interpolation == "higher":
                picks = [(-((-virtual) // 1), True)]
            elif interpolation == "nearest":
                picks = [(virtual.round(), True)]  # halves to even, as NumPy's around
            else:  # midpoint: the next value too, unless the position is whole
                picks = [(low, True), (low + 1, virtual != low)]
            names = []
            for at, wanted in picks:
                names.append(name())
                assigned[names[-1]] = values.where((position == at) & wanted if wanted is not True else position == at)
            specs.append((label(column, j), names))
    work = copy.copy(self)
    work._frame = frame.assign(**assigned)
    work._series, work._as_index = False, True
    flat = [(n, n, "max") for _, names in specs for n in names]
    out = work._named(_frame_of(work._aggregate(flat)))
    result = {}
    for out_label, names in specs:
        if len(names) == 1:
            result[out_label] = out[names[0]]
        else:  # midpoint: NumPy's _lerp(a, b, 0.5), or a where the position is whole
            a, b = out[names[0]].astype("Float64"), out[names[1]].astype("Float64")
            result[out_label] = a.where(b.isna(), b - (b - a) * 0.5)
    from cormorant.columnwise import _with_columns

    return _with_columns(out[[]], result) if result else out[[]]


def _frame_of(core):
    from cormorant.frame import DataFrame

    return DataFrame(core)
