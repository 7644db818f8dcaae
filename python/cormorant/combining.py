"""pandas' combine_first, align, update, equals and DataFrame.replace; the work is the core's
(cpp/src/api/combine.cpp, cpp/src/api/assign.cpp)."""

from __future__ import annotations

from collections.abc import Mapping

from cormorant._lazy import pd
from cormorant import exceptions
from cormorant.elementwise import _NO_DEFAULT, replace_pairs


def _same_kind(obj, other, what: str):
    """`other` as a cormorant object of obj's kind (a DataFrame, or a Series); pandas objects
    are refused with a hint."""
    if isinstance(other, type(obj)):
        return other
    if isinstance(other, (pd.Series, pd.DataFrame)):
        raise exceptions.UnsupportedError(
            f"{what} with a pandas object is not supported; bring it in with cpd.read_pandas() first")
    raise exceptions.DTypeError(f"{what} takes a {type(obj).__name__}, got {type(other).__name__}")


def combine_first(obj, other):
    """pandas' combine_first: obj's values, or other's where obj's are missing or absent, over
    the union of both indexes (and, for frames, of the columns)."""
    other = _same_kind(obj, other, "combine_first")
    return type(obj)(obj._core.combine_first(other._core))


_JOINS = ("outer", "inner", "left", "right")
_AXES = {None: None, 0: "index", "index": "index", "rows": "index", 1: "columns", "columns": "columns"}


def align(obj, other, join="outer", axis=None, level=None, copy=None, fill_value=None):
    """pandas' align: (obj, other) over the same rows (and, for two frames, columns), joined by
    `join`; what a side lacks is <NA>, or fill_value (cpp: DataFrame::align). A Series aligns
    with a frame's rows (axis=0)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if join not in _JOINS:
        raise exceptions.InvalidArgumentError(f"align: join must be one of {', '.join(_JOINS)}, got {join!r}")
    if axis not in _AXES:
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type {type(obj).__name__}")
    if not isinstance(other, (DataFrame, Series)):
        _same_kind(obj, other, "align")
    fill = None if fill_value is None or (isinstance(fill_value, float) and fill_value != fill_value) else fill_value
    axis = _AXES[axis]
    if level is not None:
        if axis == "columns":
            raise exceptions.UnsupportedError("align(level=..., axis=1) is not supported")
        from cormorant import by_level

        return by_level.align(obj, other, join, level, fill)
    series_sides = [isinstance(x, Series) for x in (obj, other)]
    if any(series_sides):
        if axis == "columns":
            raise exceptions.UnsupportedError("align of a Series along a frame's columns (axis=1) is not supported")
        axis = "index"  # a Series has only rows
    left = obj.to_frame() if series_sides[0] else obj
    right = other.to_frame() if series_sides[1] else other
    # With a Series, pandas fills every missing value of both results, not only the new ones.
    a, b = left._core.align(right._core, join, axis, None if any(series_sides) else fill)
    out = []
    for core, was_series, original in ((a, series_sides[0], obj), (b, series_sides[1], other)):
        frame = DataFrame(core)
        aligned = frame.iloc[:, 0].rename(original.name) if was_series else frame
        out.append(aligned.fillna(fill) if any(series_sides) and fill is not None else aligned)
    return tuple(out)


def frame_combine(frame, other, func, fill_value=None, overwrite=True):
    """pandas' DataFrame.combine: both frames aligned (outer, both axes), then per column
    func(this column, other column) as cormorant Series, after filling every missing value
    with fill_value and casting both to their common dtype; func returns a Series (or a
    scalar for the whole column), in pandas' column order (this frame's, then the other's new
    ones). Runs small queries where pandas looks at the data: whether either side is empty,
    and, with overwrite=False, whether the other column is all missing."""
    from pandas.core.dtypes.cast import find_common_type

    from cormorant.series import Series

    other = _same_kind(frame, other, "combine")
    if not callable(func):
        raise exceptions.DTypeError(f"combine takes a function of two Series, got {type(func).__name__}")
    this, that = align(frame, other)
    if that.empty and len(this) == len(frame):  # (pandas looks at the aligned other here)
        return frame.copy()
    if frame.empty and len(that) == len(other):
        return that.copy()
    own = set(frame.columns)
    order = list(frame.columns) + [label for label in other.columns if label not in own]
    out = {}
    for label in order:
        series, other_series = this[label], that[label]
        if not overwrite and other_series.isna().all():
            out[label] = series
            continue
        if fill_value is not None:
            series, other_series = series.fillna(fill_value), other_series.fillna(fill_value)
        if label in own:
            common = find_common_type([series.dtype, other_series.dtype])
            if common == object:
                raise exceptions.DTypeError(
                    f"combine: column {label!r} has dtypes {series.dtype} and {other_series.dtype}, which have no "
                    "common dtype; convert one with astype()")
            series, other_series = series.astype(common), other_series.astype(common)
        else:
            try:
                series = series.astype(other_series.dtype)
            except (exceptions.DTypeError, exceptions.InvalidArgumentError):
                pass
        result = func(series, other_series)
        if not isinstance(result, Series) and not pd.api.types.is_scalar(result):
            raise exceptions.UnsupportedError(
                f"combine: func must return a cormorant Series or a scalar for column {label!r}, "
                f"got {type(result).__name__}")
        out[label] = result
    combined = this[order]
    for label, value in out.items():
        combined[label] = value  # replaces the whole column (its dtype too), as pandas builds it anew
    return combined


def frame_update(frame, other, join="left", overwrite=True, filter_func=None, errors="ignore"):
    """pandas' DataFrame.update, in place: the columns frame shares with `other` (a DataFrame,
    or a named Series) take its non-missing values, aligned on the index."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if join != "left":
        raise exceptions.UnsupportedError("Only left join is supported")
    if errors not in ("ignore", "raise"):
        raise exceptions.InvalidArgumentError("The parameter errors must be either 'ignore' or 'raise'")
    if filter_func is not None or errors == "raise":
        raise exceptions.UnsupportedError("update() with filter_func or errors='raise' is not supported")
    if isinstance(other, Series):
        other = other.to_frame()
    other = _same_kind(frame, other, "update") if not isinstance(other, DataFrame) else other
    frame._core = frame._core.update(other._core, bool(overwrite))


def series_update(series, other):
    """pandas' Series.update, in place: other's non-missing values, aligned on the index."""
    other = _same_kind(series, other, "update")
    series._core = series._core.update(other._core)


def equals(obj, other) -> bool:
    """pandas' equals: same labels and dtypes, and equal values and index labels in order
    (missing values in the same places). Objects of another kind are not equal."""
    if not isinstance(other, type(obj)):
        return False
    return bool(obj._core.equals(other._core))


def frame_replace(frame, to_replace=None, value=_NO_DEFAULT, *, inplace=False, limit=None, regex=False):
    """pandas' DataFrame.replace: a scalar or list (to a value or a list), a dict {old: new}, a
    dict {column: old} with `value`, or a dict of dicts {column: {old: new}}; with a regex, see
    cormorant.replacing."""
    if limit is not None:
        raise exceptions.UnsupportedError("replace(limit=...) is not supported")
    if regex is not False:
        from cormorant import replacing

        out = replacing.replace_frame(frame, to_replace, value, regex)
        if inplace:
            frame._core = out._core
            return None
        return out
    core = frame._core
    labels = set(core.columns)
    if isinstance(to_replace, Mapping) and to_replace and all(isinstance(v, Mapping) for v in to_replace.values()):
        if value is not _NO_DEFAULT and value is not None:
            raise exceptions.InvalidArgumentError("value must be None when to_replace is a dict of dicts")
        for column, mapping in to_replace.items():
            if column in labels:  # pandas ignores labels the frame lacks
                core = core.replace(replace_pairs(mapping), [column])
    elif isinstance(to_replace, Mapping) and value is not _NO_DEFAULT and value is not None:
        for column, old in to_replace.items():
            if column not in labels:
                continue  # pandas ignores labels the frame lacks
            core = core.replace(replace_pairs(old, value), [column])
    else:
        core = core.replace(replace_pairs(to_replace, value), [])
    if inplace:
        frame._core = core
        return None
    return type(frame)(core)
