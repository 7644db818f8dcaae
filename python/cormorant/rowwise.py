"""Window operations and reductions along each row (axis=1) as column expressions of the row,
in one projection (no transpose): cumsum/cumprod/cummax/cummin, shift, diff, pct_change, rank,
ffill/bfill, nunique and quantile.

pandas computes them on the transposed frame, in the columns' common dtype; where that is object
(Int64 beside Float64) cormorant computes in Float64, which holds the same values (README).
shift moves whole columns, as pandas does for a frame of several dtypes; diff and pct_change are
pandas' own `frame - frame.shift(axis=1)` and `frame / frame.shift(axis=1) - 1`. The
comparisons of rank, nunique and quantile grow with the square of the number of columns."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions

_NUMERIC = ("Int64", "Float64")


def _frame(frame, columns: dict):
    """A frame of `frame`'s rows with `columns` (label -> Series), in the frame's column order."""
    from cormorant.frame import DataFrame

    out = frame
    for label, series in columns.items():
        out = DataFrame(out._assigned(label, series))
    return out


def _common(frame, what: str, numeric: bool = True) -> list:
    """[(label, column in the columns' common dtype)]; numeric ops take Int64 and Float64
    columns only (DTypeError naming a column of another dtype)."""
    dtypes = list(frame._core.dtypes)
    kinds = {d for _, d in dtypes}
    for label, dtype in dtypes:
        if dtype in _convert.NARROW_INTEGERS:
            raise exceptions.DTypeError(
                f"{what}(axis=1): column {label!r} is {dtype}; convert it with astype('Int64') first")
        if numeric and dtype not in _NUMERIC:
            raise exceptions.DTypeError(f"{what}(axis=1) needs numeric columns; column {label!r} is {dtype}")
    if not numeric and len(kinds) > 1 and not kinds <= set(_NUMERIC):
        raise exceptions.DTypeError(
            f"{what}(axis=1) of columns of several dtypes ({', '.join(sorted(kinds))}) is not supported: pandas makes "
            "them one object column per row, which cormorant does not have")
    common = "Float64" if "Float64" in kinds and kinds <= set(_NUMERIC) else None
    return [(label, frame[label] if common is None or dtype == common else frame[label].astype(common))
            for label, dtype in dtypes]


def _count(conditions):
    """The number of the boolean Series `conditions` that hold (<NA> counts as false), Int64."""
    terms = [c.fillna(False).astype("Int64") for c in conditions]
    total = terms[0]
    for term in terms[1:]:
        total = total + term
    return total


_RUNNING = {"cumsum": "sum", "cumprod": "prod", "cummax": "max", "cummin": "min"}


def cumulative(frame, op: str, skipna: bool):
    """cumsum/cumprod/cummax/cummin(axis=1): each column's value is the core's row reduction of
    the columns up to it (summed left to right, as pandas' running sum), missing values skipped
    (kept missing), or with skipna=False missing from the first missing value on. (A running
    expression would repeat the previous one in each column's: exponential SQL.)"""
    from cormorant.series import Series

    columns = _common(frame, op)
    labels = [label for label, _ in columns]
    out, seen = {}, None
    for j, (label, v) in enumerate(columns):
        running = Series(frame[labels[:j + 1]]._core.call_rows(f"row_{_RUNNING[op]}"))
        if v.dtype != running.dtype:
            running = running.astype(v.dtype)
        missing = v.isna()
        seen = missing if seen is None else seen | missing
        out[label] = running.mask(missing if skipna else seen)
    return _frame(frame, out)


def shift(frame, periods: int, fill_value):
    """shift(periods, axis=1): each column takes the column `periods` before it; those shifted
    in are missing, of the first column's dtype (the last's for periods < 0), as pandas, or
    `fill_value`."""
    labels = [label for label, _ in frame._core.dtypes]
    n = len(labels)
    if periods == 0 or n == 0:
        return frame
    edge = frame[labels[0] if periods > 0 else labels[-1]]
    out = {}
    for j, label in enumerate(labels):
        source = j - periods
        if 0 <= source < n:
            out[label] = frame[labels[source]]
        elif fill_value is None:
            out[label] = edge.mask(edge.notna())
        else:
            out[label] = fill_value
    return _frame(frame, out)


def rank(frame, method: str, ascending: bool, pct: bool, na_option: str, numeric_only: bool):
    """rank(axis=1): each value's rank among its row's values (missing ones keep <NA>), by
    counting the row's values below and equal to it; Float64 as pandas' float64."""
    from cormorant.summaries import numeric_labels

    if na_option != "keep":
        raise exceptions.UnsupportedError(f"rank(axis=1, na_option={na_option!r}) is not supported; na_option='keep'")
    if numeric_only:
        frame = frame[numeric_labels(frame, booleans=False)]
    columns = _common(frame, "rank", numeric=False)
    values = [v for _, v in columns]
    if not values:
        return frame
    first = [None] * len(values)  # whether a value is the first of its kind in the row (dense)
    for i, v in enumerate(values):
        earlier = [(values[k] == v).fillna(False) for k in range(i)]
        first[i] = v.notna() & ~(_any(earlier)) if earlier else v.notna()
    count = _count([v.notna() for v in values])
    out = {}
    for j, (label, v) in enumerate(columns):
        before = [(w < v) if ascending else (w > v) for w in values]
        if method == "dense":
            r = _count([b & f for b, f in zip(before, first)]) + 1
            top = _count(first)
        else:
            less = _count(before)
            ties = _count([(w == v) for w in values])
            if method == "min":
                r = less + 1
            elif method == "max":
                r = less + ties
            elif method == "first":  # ties in column order
                r = less + (_count([(values[i] == v) for i in range(j)]) if j else 0) + 1
            else:
                r = less.astype("Float64") + (ties.astype("Float64") + 1) / 2
            top = count
        r = r.astype("Float64")
        if pct:
            r = r / top.astype("Float64")
        out[label] = r.mask(v.isna())
    return _frame(frame, out)


def _any(conditions):
    total = conditions[0]
    for c in conditions[1:]:
        total = total | c
    return total


def fill(frame, op: str, limit):
    """ffill/bfill(axis=1): each missing value takes the nearest value before (after) it in the
    row, at most `limit` missing values in a row."""
    columns = _common(frame, op, numeric=False)
    order = columns if op == "ffill" else columns[::-1]
    out, filled = {}, []
    for j, (label, v) in enumerate(order):
        if limit is None:
            value = v if j == 0 else v.fillna(out[order[j - 1][0]])
        else:
            value = v
            for k in range(j - 1, max(j - 1 - limit, -1), -1):
                value = value.fillna(order[k][1])
        out[label] = value
    return _frame(frame, out)


def nunique(frame, dropna: bool):
    """nunique(axis=1): the number of distinct values of each row (values of other kinds never
    equal; numbers and booleans compare as numbers, True == 1 as in Python), <NA> counting once
    with dropna=False; Int64."""
    dtypes = list(frame._core.dtypes)
    if not dtypes:
        raise exceptions.UnsupportedError("nunique(axis=1) of a frame without columns is not supported")
    kind = {label: ("number" if d in (*_NUMERIC, "boolean") else d) for label, d in dtypes}
    column = {label: frame[label].astype("Int64") if d == "boolean" else frame[label] for label, d in dtypes}
    firsts = []
    for i, (label, _) in enumerate(dtypes):
        v = column[label]
        earlier = [(column[other] == v).fillna(False) for other, _ in dtypes[:i] if kind[other] == kind[label]]
        firsts.append(v.notna() & ~_any(earlier) if earlier else v.notna())
    out = _count(firsts)
    if not dropna:
        out = out + _any([frame[label].isna() for label, _ in dtypes]).astype("Int64")
    return out.rename(None)


def quantile(frame, q, interpolation: str):
    """quantile(q, axis=1): the q quantile of each row's values (numpy's interpolations, over
    the values present), the k-th smallest value picked by counting, a Series named q."""
    from cormorant.quantiles import check_interpolation

    check_interpolation(interpolation)
    if pd.api.types.is_list_like(q):
        raise exceptions.UnsupportedError(
            "quantile(a list, axis=1) is not supported (its rows would be the frame's columns); pass one q")
    q = float(q)
    if not 0 <= q <= 1:
        raise exceptions.InvalidArgumentError("percentiles should all be in the interval [0, 1].")
    columns = _common(frame, "quantile")
    values = [v for _, v in columns]
    if not values:
        raise exceptions.UnsupportedError("quantile(axis=1) of a frame without numeric columns is not supported")
    count = _count([v.notna() for v in values])
    # each value's position in the row's sorted values (ties in column order)
    positions = [_count([w < v for w in values] + [values[i] == v for i in range(j)]) for j, v in enumerate(values)]
    h = (count - 1).astype("Float64") * q
    lo, hi = np.floor(h), np.ceil(h)  # (positions compare with them as numbers; no casts: smaller SQL)

    def weighted(weights):
        """The sum of each value times its weight (a Series of its position), missing ones left out."""
        total = None
        for v, p in zip(values, positions):
            term = (v * weights(p)).fillna(0)
            total = term if total is None else total + term
        return total

    def at(k):
        return lambda p: (p == k).fillna(False).astype(values[0].dtype)

    if interpolation == "lower":
        out = weighted(at(lo))
    elif interpolation == "higher":
        out = weighted(at(hi))
    elif interpolation == "nearest":
        out = weighted(at(h.round(0)))  # numpy's around: half to even
    else:  # the two values around the quantile, then numpy's lerp (its midpoint is the lerp at 0.5)
        parts = _frame(frame[[]], {"a": weighted(at(lo)).astype("Float64"), "b": weighted(at(hi)).astype("Float64"),
                                   "t": h - lo, "n": count})
        # a filter between them keeps the engine from expanding a and b in each of their uses
        parts = parts[parts["n"] >= 0]
        a, b, t = parts["a"], parts["b"], parts["t"] if interpolation == "linear" else 0.5
        out = (a + (b - a) * t).where(parts["t"] < 0.5 if interpolation == "linear" else parts["n"] < 0,
                                      b - (b - a) * (1 - t))
        count = parts["n"]
    return out.where(count > 0).rename(q)
