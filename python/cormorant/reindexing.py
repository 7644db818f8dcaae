"""pandas' reindex and reindex_like of frames and Series: one row per label asked for (<NA>, or
`fill_value`, for labels the object lacks), and for frames one column per column label.

With `method` ("pad"/"ffill", "backfill"/"bfill", "nearest"), `limit` or `tolerance`, a label the
object lacks takes the row (column) of a nearby label. Which one is pandas' own
`Index.get_indexer` on the object's labels, so its rules hold exactly (a unique, monotonic index;
limits, numeric, Timedelta or list-like tolerances; its errors, typed here): the index labels are
read (one query of the index), and the rows are then taken by label in the plan.
"""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions


def _no_fill(fill_value) -> bool:
    from cormorant.elementwise import _is_missing

    return fill_value is None or _is_missing(fill_value)


def _label_list(labels) -> list:
    from cormorant import _convert

    if isinstance(labels, (str, bytes)) or not pd.api.types.is_list_like(labels):
        raise exceptions.DTypeError(f"Index(...) must be called with a collection of some kind, {labels!r} was passed")
    return [_convert.scalar(v) for v in labels]


def _nearby(labels: pd.Index, target, method, limit, tolerance, axis: str):
    """pandas' Index.reindex of the object's `labels` by `method`: (the result's labels, the
    position in `labels` of each one's row, -1 for none)."""
    if isinstance(labels, pd.MultiIndex):
        raise exceptions.UnsupportedError(
            f"reindex(method=/limit=/tolerance=) along a MultiIndex ({axis}) is not supported")
    if isinstance(target, (str, bytes)) or not pd.api.types.is_list_like(target):
        raise exceptions.DTypeError(f"Index(...) must be called with a collection of some kind, {target!r} was passed")
    if isinstance(labels.dtype, pd.api.extensions.ExtensionDtype) and labels.dtype.kind in "iuf":
        # pandas' index of numbers is NumPy's (a masked one takes other, partial paths)
        labels = labels.astype("float64" if labels.hasnans else labels.dtype.numpy_dtype)
    try:
        new, positions = labels.reindex(target, method=method, limit=limit, tolerance=tolerance)
    except NotImplementedError as error:
        raise exceptions.UnsupportedError(f"reindex ({axis}): {error}") from None
    except TypeError as error:
        raise exceptions.DTypeError(f"reindex ({axis}): {error}") from None
    except (ValueError, KeyError, pd.errors.InvalidIndexError) as error:
        raise exceptions.InvalidArgumentError(f"reindex ({axis}): {error}") from None
    return new, range(len(new)) if positions is None else positions  # (None: the same labels)


def _by_method(method, limit, tolerance) -> bool:
    return method is not None or limit is not None or tolerance is not None


def _rows(obj, target, fill, method, limit, tolerance, columns=None):
    """obj's core reindexed to the row labels `target` (and a frame's to the column labels
    `columns`); by `method` etc.: the matched labels' rows, relabelled with pandas' labels."""
    from cormorant import _convert
    from cormorant.frame import DataFrame

    def reindexed(rows):
        return obj._core.reindex(rows, columns, fill) if isinstance(obj, DataFrame) else obj._core.reindex(rows, fill)

    if not _by_method(method, limit, tolerance):
        return reindexed(None if target is None else _label_list(target))
    labels = obj.index  # (one query)
    new, positions = _nearby(labels, target, method, limit, tolerance, "rows")
    out = type(obj)(reindexed([None if i < 0 else _convert.scalar(labels[i]) for i in positions]))
    out.index = new
    return out._core


def _columns(frame, target, fill, method, limit, tolerance):
    """frame's columns by `method` etc.: each label's matched column (or fill), as pandas."""
    from cormorant.frame import DataFrame

    new, positions = _nearby(frame.columns, target, method, limit, tolerance, "columns")
    taken = {str(label) for label in frame._core.columns}
    names = [f"__reindex_{i}__" for i in range(len(frame._core.columns) + len(positions))]
    names = [n if n not in taken else "_" + n + str(len(taken)) for n in names]
    work = frame.set_axis(names[:len(frame._core.columns)], axis=1)
    wanted = names[len(frame._core.columns):]
    work = work.assign(**{name: work[names[i]] for name, i in zip(wanted, positions) if i >= 0})
    return DataFrame(work._core.reindex(None, wanted, fill)).set_axis(new, axis=1)


def frame_reindex(frame, labels=None, *, index=None, columns=None, axis=None, method=None, copy=None, level=None,
                  fill_value=None, limit=None, tolerance=None):
    """pandas' DataFrame.reindex with labels for the rows (`labels`/`index`) and/or `columns`;
    labels the frame lacks give <NA> rows or columns, or `fill_value`, or with `method` the row
    or column of a nearby label (see the module's doc)."""
    from cormorant import _convert

    if level is not None:
        raise exceptions.UnsupportedError("reindex(level=...) is not supported")
    if labels is not None:
        if axis in (1, "columns"):
            if columns is not None:
                raise exceptions.DTypeError("Cannot specify both 'axis' and any of 'index' or 'columns'")
            columns = labels
        else:
            if index is not None:
                raise exceptions.DTypeError("Cannot specify both 'labels' and 'index'")
            index = labels
    fill = None if _no_fill(fill_value) else _convert.scalar(fill_value)
    by_method = _by_method(method, limit, tolerance)
    out = frame
    if columns is not None and by_method:
        out = _columns(frame, columns, fill, method, limit, tolerance)
        columns = None
    elif columns is not None:
        columns = _convert.labels(list(columns))
    if out is not frame and index is None:
        return out
    return type(frame)(_rows(out, index, fill, method, limit, tolerance, columns))


def series_reindex(series, index=None, *, axis=None, method=None, copy=None, level=None, fill_value=None,
                   limit=None, tolerance=None):
    """pandas' Series.reindex: one value per label, <NA> (or `fill_value`) for labels it lacks,
    or with `method` the value of a nearby label (see the module's doc)."""
    from cormorant import _convert

    if level is not None:
        raise exceptions.UnsupportedError("reindex(level=...) is not supported")
    if index is None:
        return series
    fill = None if _no_fill(fill_value) else _convert.scalar(fill_value)
    return type(series)(_rows(series, index, fill, method, limit, tolerance))


def reindex_like(obj, other, method=None, copy=None, limit=None, tolerance=None):
    """pandas' reindex_like: obj reindexed to other's index (and columns, for frames), with
    `method`, `limit` and `tolerance` as reindex; reads other's index labels."""
    from cormorant.frame import DataFrame

    if not isinstance(other, (DataFrame, type(obj), pd.Series, pd.DataFrame)):
        raise exceptions.DTypeError(f"reindex_like takes a DataFrame or a Series, got {type(other).__name__}")
    options = dict(method=method, limit=limit, tolerance=tolerance)
    if isinstance(obj, DataFrame):
        columns = list(other.columns) if isinstance(other, (DataFrame, pd.DataFrame)) else None
        return frame_reindex(obj, index=list(other.index), columns=columns, **options)
    return series_reindex(obj, list(other.index), **options)
