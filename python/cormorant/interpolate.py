"""pandas' interpolate of a Series or a DataFrame, as pandas 3.1 computes it. Along the rows
(axis=0), the methods it computes without SciPy are windows in the engine: "linear" (by row
position), "index"/"values" (by the index's values) and "time" (by a DatetimeIndex), with
`limit`, `limit_direction` and `limit_area`. SciPy's methods ("nearest", "spline", "pchip", ...)
and axis=1 are pandas' own interpolate of the frame read into Python (_by_pandas).

pandas fills every missing value with NumPy's `interp` of the present points (x: the row's
position, or its index value; a value before the first point takes the first one's, after the
last the last one's), then puts back the missing values its limits keep (`_interp_limit`): counted
by position, with `limit` the values more than `limit` rows after (forward), before (backward)
or both away from a present value, and always those before the first present value (forward) or
after the last (backward); limit_area="inside" keeps those outside the present values too,
"outside" those between them. Both parts are windows here, one query: the limits over the row
order, the points over the order of x (ties of x by row order: NumPy's interp takes the last of
equal points, whose y is then exact).

Numbers come out Float64; dates, times with a zone and durations are interpolated on their
microseconds and truncated toward zero, as pandas' int64 view is.
"""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions, pandas_errors

# pandas' methods (core.missing): NumPy's, and those it passes to SciPy.
NUMPY_METHODS = ("linear", "time", "index", "values")
SCIPY_METHODS = ("nearest", "zero", "slinear", "quadratic", "cubic", "barycentric", "krogh", "spline", "polynomial",
                 "from_derivatives", "piecewise_polynomial", "pchip", "akima", "cubicspline")
_FILL_METHODS = ("pad", "ffill", "backfill", "bfill")
_DIRECTIONS = ("forward", "backward", "both")
_AREAS = ("inside", "outside")


def series_interpolate(series, method="linear", *, axis=0, limit=None, limit_direction=None, limit_area=None,
                       **kwargs):
    """pandas' Series.interpolate (see the module's doc)."""
    from cormorant.series import Series

    if axis not in (0, "index", "rows"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
    frame = series._frame()
    out = _interpolate(frame, method, limit, limit_direction, limit_area, kwargs)
    return Series(out._core.column(out._core.columns[0])).rename(series.name)


def frame_interpolate(frame, method="linear", *, axis=0, limit=None, limit_direction=None, limit_area=None,
                      **kwargs):
    """pandas' DataFrame.interpolate along the rows (see the module's doc); every column must be
    of numbers, dates or durations, as pandas'."""
    if axis in (1, "columns"):
        options = dict(method=method, axis=1, limit=limit, limit_direction=limit_direction, limit_area=limit_area)
        labels = pd.Index(list(frame.columns))
        if method in SCIPY_METHODS + ("index", "values") and not _numbers_or_dates(labels.dtype):
            raise exceptions.DTypeError(
                f"interpolate(axis=1, method={method!r}) takes the column labels as x: they must be numbers or dates, "
                f"not {labels.dtype}")
        return _by_pandas(frame, {**options, **kwargs})
    if axis not in (0, "index", "rows"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
    return _interpolate(frame, method, limit, limit_direction, limit_area, kwargs)


def _check(frame, method, limit, limit_direction, limit_area, kwargs):
    """pandas' checks, in its order; the (lower-cased) direction and area."""
    if not isinstance(method, str):
        raise exceptions.InvalidArgumentError("'method' should be a string, not None.")
    if len(frame._core.index_names) > 1 and method != "linear":
        raise exceptions.InvalidArgumentError("Only `method=linear` interpolation is supported on MultiIndexes.")
    if limit_direction is None:
        limit_direction = "backward" if method in ("backfill", "bfill") else "forward"
    elif method in ("pad", "ffill") and limit_direction != "forward":
        raise exceptions.InvalidArgumentError(f"`limit_direction` must be 'forward' for method `{method}`")
    elif method in ("backfill", "bfill") and limit_direction != "backward":
        raise exceptions.InvalidArgumentError(f"`limit_direction` must be 'backward' for method `{method}`")
    if method not in NUMPY_METHODS + SCIPY_METHODS:
        hint = f"; fill with {method}() instead" if method in _FILL_METHODS else ""
        raise exceptions.InvalidArgumentError(f"Can not interpolate with method={method}.{hint}")
    if method in ("spline", "polynomial") and kwargs.get("order") is None:
        raise exceptions.InvalidArgumentError("You must specify the order of the spline or polynomial.")
    direction = str(limit_direction).lower()
    if direction not in _DIRECTIONS:
        raise exceptions.InvalidArgumentError(
            f"Invalid limit_direction: expecting one of {list(_DIRECTIONS)}, got '{direction}'.")
    area = None if limit_area is None else str(limit_area).lower()
    if area is not None and area not in _AREAS:
        raise exceptions.InvalidArgumentError(f"Invalid limit_area: expecting one of {list(_AREAS)}, got {area}.")
    if limit is not None:
        if isinstance(limit, bool) or not isinstance(limit, int) and not hasattr(limit, "__index__"):
            raise exceptions.InvalidArgumentError("Limit must be an integer")
        if limit < 1:
            raise exceptions.InvalidArgumentError("Limit must be greater than 0")
    return direction, area


def _kind(label, dtype: str, method: str) -> str:
    """'number', 'datetime' or 'timedelta' of a column interpolate takes; pandas' error otherwise."""
    if dtype.startswith(("Int", "UInt", "Float")):
        return "number"
    if dtype.startswith(("datetime64", "timedelta64")):
        if method != "linear":  # pandas' DatetimeLikeArrayMixin.interpolate
            raise exceptions.UnsupportedError(
                f"interpolate(method={method!r}) of column {label!r} ({dtype}): pandas interpolates dates and "
                "durations only with method='linear'")
        return "datetime" if dtype.startswith("datetime64") else "timedelta"
    if dtype == "boolean":
        raise exceptions.UnsupportedError(f"interpolate is not implemented for dtype=boolean (column {label!r})")
    raise exceptions.DTypeError(f"Cannot interpolate with {dtype} dtype (column {label!r})")


def _as_float(values, kind: str, dtype: str):
    """The column's numbers (dates and durations as microseconds) as Float64."""
    if kind == "datetime":
        values = values - (pd.Timestamp(0, tz="UTC") if "," in dtype else pd.Timestamp(0))
    if kind != "number":
        values = values.astype("Int64")  # a duration's microseconds
    return values.astype("Float64")


def _from_float(values, kind: str, dtype: str):
    """Float64 microseconds back to the column's dates or durations, truncated toward zero (as
    pandas' float-to-int64 assignment, and astype)."""
    from cormorant.timedeltas import to_timedelta

    if kind == "number":
        return values
    out = to_timedelta(values.astype("Int64"), unit="us")
    if kind == "timedelta":
        return out
    if "," not in dtype:
        return out + pd.Timestamp(0)
    zone = dtype[dtype.index(",") + 1:-1].strip()
    return (out + pd.Timestamp(0, tz="UTC")).dt.tz_convert(zone)


def _kept(present, position, limit, direction, area):
    """Whether pandas keeps a missing value missing (True) by its limits, counted by position."""
    known = position.where(present)
    before, after = known.ffill(), known.bfill()
    start, end = before.isna(), after.isna()
    if limit is not None:
        far_before = start | ((position - before) > limit).fillna(False)
        far_after = end | ((after - position) > limit).fillna(False)
    if direction == "forward":
        kept = far_before if limit is not None else start
    elif direction == "backward":
        kept = far_after if limit is not None else end
    else:
        kept = (far_before & far_after) if limit is not None else (start & ~start)
    if area == "inside":
        kept = kept | start | end
    elif area == "outside":
        kept = kept | ~(start | end)
    return kept


def _points(y, x, exact=None):
    """NumPy's interp of each missing y from the present (x, y) points around it, the rows being
    in the order of x: the straight line between the previous and the next point (slope * (x -
    x0) + y0, NumPy's expression), the first point's y before it, the last one's after it, and
    `exact` (the last y of the same x) where there is one."""
    present = y.notna()
    x_known = x.where(present)
    x0, x1 = x_known.ffill(), x_known.bfill()
    y0, y1 = y.ffill(), y.bfill()
    line = (y1 - y0) / (x1 - x0) * (x - x0) + y0
    value = line.fillna(y0).fillna(y1)
    return value if exact is None else exact.fillna(value)


def _temporary(frame, stem: str, count: int) -> list:
    taken = {str(label) for label in frame._core.columns}
    names = []
    for i in range(count):
        name = f"__interpolate_{stem}{i}__"
        while name in taken:
            name = "_" + name
        names.append(name)
    return names


def _interpolate(frame, method, limit, limit_direction, limit_area, kwargs):
    from cormorant.frame import DataFrame

    direction, area = _check(frame, method, limit, limit_direction, limit_area, kwargs)
    by_index = method != "linear" and not frame._core.default_index
    if method == "time" or by_index:
        index_dtype = _index_dtypes(frame)[0]
        if method == "time" and not index_dtype.startswith(("datetime64", "timedelta64")):
            raise exceptions.InvalidArgumentError(
                "time-weighted interpolation only works on Series or DataFrames with a DatetimeIndex")
    dtypes = [dtype for _, dtype in frame._core.dtypes]
    labels = frame.columns
    kinds = [_kind(label, dtype, method) for label, dtype in zip(labels, dtypes)]
    if method in SCIPY_METHODS:
        index_dtype = _index_dtypes(frame)[0]
        if not index_dtype.startswith(("Int", "UInt", "Float", "datetime64", "timedelta64")):
            raise exceptions.DTypeError(
                f"interpolate(method={method!r}) takes the index's values as x: it must be of numbers, dates or "
                f"durations, not {index_dtype}")
        options = dict(method=method, limit=limit, limit_direction=limit_direction, limit_area=limit_area)
        return _by_pandas(frame, {**options, **kwargs})
    if not kinds:
        return frame.copy()
    names = _temporary(frame, "c", len(kinds))
    helpers = _temporary(frame, "h", 3 + len(kinds))
    (x_name, position_name, y_name), kept = helpers[:3], helpers[3:]
    work = frame.set_axis(names, axis=1)
    if by_index:
        level_names = list(frame._core.index_names)
        levels = _temporary(frame, "level", 1)
        work = DataFrame(work._core.rename_axis(levels)).reset_index()
        x = _index_numbers(work[levels[0]], index_dtype, method)
    position = (work[names[0]].isna() | True).astype("Int64").cumsum().astype("Float64") - 1
    work = work.assign(**{x_name: x if by_index else position, position_name: position})
    for name, keep in zip(names, kept):
        work = work.assign(**{keep: _kept(work[name].notna(), work[position_name], limit, direction, area)})
    if by_index:
        work = work.sort_values([x_name, position_name])
    for name, kind, dtype, keep in zip(names, kinds, dtypes, kept):
        values = work[name]
        y = _as_float(values, kind, dtype)
        exact = None
        if by_index:  # NumPy's interp takes the last of the points with the same x
            exact = work.assign(**{y_name: y}).groupby(x_name)[y_name].transform("last")
        filled = _from_float(_points(y, work[x_name], exact), kind, dtype)
        base = y if kind == "number" else values
        work = work.assign(**{name: base.where(values.notna() | work[keep], filled)})
    if by_index:
        work = work.sort_values(position_name).set_index(levels)
        work = DataFrame(work._core.rename_axis(level_names))
    return work[names].set_axis(labels, axis=1)


def _numbers_or_dates(dtype) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype) or dtype.kind in "mM" or \
        isinstance(dtype, pd.DatetimeTZDtype)


def _by_pandas(frame, options: dict):
    """pandas' own interpolate (SciPy's methods, and axis=1) of the frame read into Python: along
    each column the whole frame, its index once (SciPy fits every column's points at once); along
    each row (axis=1) a batch of rows at a time, each row's interpolation being its own. The
    result is a new frame of the session, with the index; pandas' errors come typed."""
    from cormorant.session import read_pandas_into

    with pandas_errors.typed("interpolate"):
        if options.get("axis") == 1:
            parts = [batch.interpolate(**options) for batch in frame.to_pandas_batches()]
            out = pd.concat(parts) if parts else frame.head(0).to_pandas().interpolate(**options)
        else:
            out = frame.to_pandas().interpolate(**options)
    if frame._core.default_index:
        out = out.reset_index(drop=True)
    return read_pandas_into(frame._core.session, out)


def _index_dtypes(frame) -> list:
    """The index levels' dtypes (without reading rows)."""
    from cormorant.frame import DataFrame

    levels = _temporary(frame, "level", len(frame._core.index_names))
    flat = DataFrame(frame._core.select([]).rename_axis(levels)).reset_index()
    return [dtype for _, dtype in flat._core.dtypes]


def _index_numbers(index, dtype: str, method: str):
    """The index values as Float64 numbers (dates and durations as microseconds); pandas'
    errors for an index of other values or with missing ones (this one runs a query)."""
    if dtype.startswith(("datetime64", "timedelta64")):
        x = _as_float(index, "datetime" if dtype.startswith("datetime64") else "timedelta", dtype)
    elif dtype.startswith(("Int", "UInt", "Float")) or dtype == "boolean":
        x = index.astype("Float64")
    else:
        raise exceptions.DTypeError(
            f"interpolate(method={method!r}) takes the index's values as x: it must be of numbers, dates or "
            f"durations, not {dtype}")
    if bool(index.isna().any()):
        raise exceptions.UnsupportedError(
            "Interpolation with NaNs in the index has not been implemented. Try filling those NaNs before "
            "interpolating.")
    return x
