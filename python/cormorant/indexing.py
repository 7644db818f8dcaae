"""The iloc and loc indexers of DataFrame and Series."""

from __future__ import annotations

import numbers

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions, multiloc


def _is_int(x) -> bool:
    return isinstance(x, (numbers.Integral, np.integer)) and not isinstance(x, (bool, np.bool_))


def _bool_mask(key):
    """The key as a list of bools when it is a boolean mask by position (a list of bools, or
    a numpy array, pandas array or Index of boolean dtype; pandas' <NA> counts as False),
    else None. A pandas Series is not one: it aligns on labels (see _aligned_mask)."""
    if isinstance(key, pd.Series):
        return None
    if isinstance(key, (np.ndarray, pd.Index, pd.api.extensions.ExtensionArray)):
        if not pd.api.types.is_bool_dtype(key.dtype):
            return None
        return [v is True or v is np.True_ or (v is not pd.NA and bool(v)) for v in key.tolist()]
    if isinstance(key, list) and key and all(isinstance(k, (bool, np.bool_)) for k in key):
        return [bool(k) for k in key]
    return None


def _aligned_mask(key: pd.Series, labels: pd.Index):
    """A pandas boolean Series as a mask over `labels`, aligned on them as pandas does (an
    IndexingError when it lacks any of them); None for a Series of another dtype."""
    if not pd.api.types.is_bool_dtype(key.dtype):
        return None
    if not key.index.equals(labels):
        if not labels.isin(key.index).all() or key.index.has_duplicates:
            raise exceptions.UnalignableError(
                "Unalignable boolean Series provided as indexer (index of the boolean Series and of the indexed "
                "object do not match).")
        key = key.reindex(labels)
    return [v is True or v is np.True_ or (v is not pd.NA and bool(v)) for v in key.tolist()]


def _check_length(mask, n: int):
    if len(mask) != n:
        raise exceptions.IndexOutOfBoundsError(f"Boolean index has wrong length: {len(mask)} instead of {n}")


def _row_mask(obj, key):
    """A row key as a positional boolean mask (list of bools), or None when it is not one."""
    if isinstance(key, pd.Series):
        return _aligned_mask(key, obj.index)
    return _bool_mask(key)


def _columns_by_mask(labels, key):
    """The column labels a boolean column key picks, or None when it is not one."""
    if isinstance(key, pd.Series):
        mask = _aligned_mask(key, pd.Index(labels))
    else:
        mask = _bool_mask(key)
    if mask is None:
        return None
    _check_length(mask, len(labels))
    return [label for label, keep in zip(labels, mask) if keep]


def _split(key):
    """(row key, column key or None) of df.iloc[...] / df.loc[...]."""
    if isinstance(key, tuple):
        if len(key) != 2:
            raise exceptions.IndexOutOfBoundsError("Too many indexers")
        return key
    return key, None


def _frame_rows_iloc(obj, key):
    """(core DataFrame of the rows an iloc row key selects, whether the key was one int)."""
    core = obj._core
    mask = _row_mask(obj, key)
    if mask is not None:
        return core.take_mask(mask), False
    if isinstance(key, (bool, np.bool_)):
        raise exceptions.DTypeError("Cannot index by location index with a non-integer key")
    if _is_int(key):
        try:  # (a position past 64 bits is past the end: saturated, it stays out of bounds)
            return core.take([_convert.count(key)]), True
        except exceptions.IndexOutOfBoundsError:
            raise exceptions.IndexOutOfBoundsError("single positional indexer is out-of-bounds") from None
    if isinstance(key, slice):
        for part in (key.start, key.stop, key.step):
            if part is not None and not _is_int(part):
                raise exceptions.DTypeError(f"cannot do positional slicing with {type(part).__name__} bounds")
        start = None if key.start is None else _convert.count(key.start)
        stop = None if key.stop is None else _convert.count(key.stop)
        step = 1 if key.step is None else _convert.int64(key.step, "slice step")
        if start is None and stop is None and step == 1:
            return core, False  # every row, as they are: no position is observed (partial mode too)
        return core.iloc(start, stop, step), False
    if isinstance(key, (list, np.ndarray, pd.Index)) and all(_is_int(k) for k in key):
        if any(_convert.INT64_MAX < k < 2**64 for k in key):  # as pandas (numpy's uint64): out of bounds
            raise exceptions.IndexOutOfBoundsError("positional indexers are out-of-bounds")
        return core.take([_convert.int64(k, "position") for k in key]), False
    if not pd.api.types.is_list_like(key):
        raise exceptions.DTypeError("Cannot index by location index with a non-integer key")
    raise exceptions.UnsupportedError(
        f"iloc[{type(key).__name__}] is not supported; use an int, a slice or a list of ints"
    )


def _iloc_columns(labels, key):
    """The column labels an iloc column key (a slice or a list of ints) picks."""
    if isinstance(key, slice):
        for part in (key.start, key.stop, key.step):
            if part is not None and not _is_int(part):
                raise exceptions.DTypeError(f"cannot do positional slicing with {type(part).__name__} bounds")
        return labels[key]
    if isinstance(key, (list, np.ndarray, pd.Index)) and all(_is_int(k) for k in key):
        if any(not -len(labels) <= k < len(labels) for k in key):
            raise exceptions.IndexOutOfBoundsError("positional indexers are out-of-bounds")
        return [labels[k] for k in key]
    raise exceptions.InvalidArgumentError(
        "Location based indexing can only have [integer, integer slice (START point is INCLUDED, END point is "
        "EXCLUDED), listlike of integers, boolean array] types")


def if_callable(value, obj):
    """`value` as pandas' apply_if_callable reads it: a callable of `obj` is called with it, and a
    pandas 3 column expression (pd.col / cpd.col) is evaluated against it; anything else is
    itself."""
    if callable(value) and type(value).__name__ == "Expression" and hasattr(value, "_eval_expression"):
        return value._eval_expression(obj)
    return value(obj) if callable(value) else value


def _key_of(key, obj):
    """An indexer key with callables resolved, part by part in a (rows, columns) tuple."""
    if isinstance(key, tuple):
        return tuple(if_callable(k, obj) for k in key)
    return if_callable(key, obj)


class _ILocIndexer:
    def __init__(self, obj):
        self._obj = obj

    def __setitem__(self, key, value):
        set_cells(self._obj, _key_of(key, self._obj), value, positional=True)

    def _by_labels(self, key) -> bool:
        """Whether a row key picks by labels (not a boolean mask, which needs no index)."""
        from cormorant.series import Series

        return not isinstance(key, Series) and _row_mask(self._obj, key) is None

    def __getitem__(self, key):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        obj = self._obj
        key = _key_of(key, obj)
        if isinstance(obj, Series):
            rows, single = _frame_rows_iloc(obj._frame(), key)
            if single:
                return _convert.result_to_pandas(rows.to_arrow()).iloc[0, 0]
            return Series._from_frame(DataFrame(rows), obj.name)
        rows_key, cols_key = _split(key)
        if cols_key is not None:
            labels = list(obj.columns)
            if _is_int(cols_key):
                if not -len(labels) <= cols_key < len(labels):
                    raise exceptions.IndexOutOfBoundsError("single positional indexer is out-of-bounds")
                return self.__getitem__(rows_key)[labels[cols_key]] if not _is_int(rows_key) else \
                    obj.iloc[rows_key][labels[cols_key]]
            picked = _columns_by_mask(labels, cols_key)
            if picked is None:
                picked = _iloc_columns(labels, cols_key)
            obj = obj[picked]
        rows, single = _frame_rows_iloc(obj, rows_key)
        if single:
            return _convert.result_to_pandas(rows.to_arrow()).iloc[0]
        return DataFrame(rows)


def _labels(key):
    return [_convert.scalar(k) for k in key]


# -- setting cells: df.loc[rows, cols] = v, df.iloc[rows, cols] = v, s.loc[rows] = v, s[rows] = v --


def _positions_of(mask) -> list:
    return [i for i, keep in enumerate(mask) if keep]


def _rows_to_set(frame, key, positional: bool):
    """The rows a loc/iloc key sets, as a boolean core Series on `frame`'s rows (None: all)."""
    from cormorant.series import Series

    core = frame._core
    if isinstance(key, slice) and key == slice(None):
        return None
    if isinstance(key, Series):
        if positional:
            raise exceptions.InvalidArgumentError(
                "iLocation based boolean indexing cannot use an indexable as a mask; use loc, or a list of bools")
        return key._core  # aligned on the index in the core (which checks its dtype)
    mask = _row_mask(frame, key)
    if mask is not None:
        _check_length(mask, len(frame))
        return core.position_mask(_positions_of(mask))
    if positional:
        if isinstance(key, (bool, np.bool_)):
            raise exceptions.DTypeError("Cannot index by location index with a non-integer key")
        if _is_int(key):
            return core.position_mask([_convert.int64(key, "position")])
        if isinstance(key, slice):
            for part in (key.start, key.stop, key.step):
                if part is not None and not _is_int(part):
                    raise exceptions.DTypeError(f"cannot do positional slicing with {type(part).__name__} bounds")
            start = None if key.start is None else _convert.int64(key.start, "slice start")
            stop = None if key.stop is None else _convert.int64(key.stop, "slice stop")
            step = 1 if key.step is None else _convert.int64(key.step, "slice step")
            return core.slice_mask(start, stop, step)
        if isinstance(key, (list, np.ndarray, pd.Index)) and all(_is_int(k) for k in key):
            return core.position_mask([_convert.int64(k, "position") for k in key])
        raise exceptions.UnsupportedError(
            f"iloc[{type(key).__name__}] = ... is not supported; use an int, a slice, a list of ints or of bools")
    dated = _date_string_rows_to_set(frame, key)
    if dated is not None:
        return dated
    if isinstance(key, slice):
        raise exceptions.UnsupportedError(
            "setting through a loc label slice is not supported (but for date strings on a datetime index); "
            "use a boolean mask such as (df.index >= a) & (df.index <= b), or iloc")
    if isinstance(key, (pd.Series, pd.DataFrame)):
        raise exceptions.UnsupportedError(
            "loc with a pandas object of labels is not supported; pass a list of labels, or a boolean mask")
    if isinstance(key, (list, np.ndarray, pd.Index)):
        return core.label_mask(_labels(key))
    try:
        return core.label_mask([_convert.scalar(key)])
    except exceptions.LabelNotFoundError:
        raise exceptions.LabelNotFoundError(
            f"{key!r}: cormorant does not add rows by setting an absent label (pandas' setting with enlargement); "
            "concat the new rows instead") from None


def _columns_to_set(frame, key, positional: bool) -> list:
    """The column labels a loc/iloc column key sets (all columns for None or `:`); loc may
    name new columns."""
    labels = list(frame._core.columns)
    if key is None or (isinstance(key, slice) and key == slice(None)):
        return labels
    picked = _columns_by_mask(labels, key)
    if picked is not None:
        return picked
    if positional:
        if _is_int(key):
            if not -len(labels) <= key < len(labels):
                raise exceptions.IndexOutOfBoundsError("single positional indexer is out-of-bounds")
            return [labels[key]]
        return list(_iloc_columns(labels, key))
    if isinstance(key, slice):
        raise exceptions.UnsupportedError("setting through a loc column slice is not supported; list the columns")
    if isinstance(key, (list, pd.Index, np.ndarray)):
        return _convert.labels(key)
    return [_convert.label(key)]


def _set_value(value):
    """The value to set: a cormorant Series' core or a scalar."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if isinstance(value, Series):
        return value._core
    if isinstance(value, DataFrame):
        raise exceptions.UnsupportedError("setting cells from a DataFrame is not supported; set one column at a time")
    if isinstance(value, (pd.Series, pd.DataFrame, list, tuple, np.ndarray, pd.Index, dict, set)):
        raise exceptions.UnsupportedError(
            "set a scalar or a cormorant Series; bring pandas data in with cpd.read_pandas() first")
    return _convert.scalar(value)


def set_cells(obj, key, value, positional: bool, by_position: bool | None = None) -> None:
    """obj.loc[key] = value (iloc when `positional`) for a DataFrame or a Series, in place
    (pandas 3: only `obj` changes; the plan stays lazy). `by_position`: pandas pairs a Series
    value with the rows in order (iloc, s[i:j], s[[labels]]), not by label (default: positional)."""
    from cormorant.series import Series

    value = _set_value(value)
    by_position = positional if by_position is None else by_position
    if isinstance(obj, Series):
        rows = _rows_to_set(obj._frame(), key, positional)
        obj._core = obj._core.set_cells(rows, value, by_position=by_position)
        return
    rows_key, cols_key = _split(key)
    labels = _columns_to_set(obj, cols_key, positional)
    rows = _rows_to_set(obj, rows_key, positional)
    obj._core = obj._core.set_cells(rows, labels, value, by_position=by_position)


def is_label_slice(key) -> bool:
    """Whether df[key] / s[key] with a slice selects by labels (bounds other than ints), as pandas."""
    return isinstance(key, slice) and any(b is not None and not _is_int(b) for b in (key.start, key.stop))


def _datetime_level(obj):
    """(the frame flattened, its index levels' placeholder labels, the index's dtype) when `obj`
    (a frame or Series) has one index level of dtype datetime64, else None."""
    from cormorant import levels

    frame = obj if hasattr(obj, "columns") else obj._frame()
    if len(frame._core.index_names) != 1 or any(isinstance(label, tuple) for label in frame._core.columns):
        return None
    flat, keys = levels.flattened(frame)
    dtype = dict(flat._core.dtypes)[keys[0]]
    return (flat, keys, dtype) if dtype.startswith("datetime64") else None


def _datetime_string_bounds(obj, key: slice) -> slice:
    """A label slice's text bounds on a datetime index read as pandas reads them: a partial date
    ("2013-01", "20130102", "2013-01-02 10:00") stands for its whole period, the start from its
    first instant, the stop to its last, in the index's zone."""
    if not any(isinstance(b, str) for b in (key.start, key.stop)):
        return key
    level = _datetime_level(obj)
    if level is None:
        return key
    dtype = level[2]
    zone = pd.DatetimeTZDtype.construct_from_string(dtype).tz if "," in dtype else None

    def bound(text, end: bool):
        if not isinstance(text, str):
            return text
        try:
            period = pd.Period(text)
        except (ValueError, TypeError):
            raise exceptions.InvalidArgumentError(f"{text!r} is not a date or time the index can be sliced by") from None
        instant = period.end_time if end else period.start_time
        return instant.tz_localize(zone) if zone is not None else instant

    return slice(bound(key.start, False), bound(key.stop, True), key.step)


def _finer_than(values, reso) -> bool:
    """Whether some of the datetimes `values` (a cormorant Series) need a finer resolution than
    `reso` (pandas' Resolution of a date string): a part below it is not zero, in local time."""
    resolution = type(reso)
    if reso <= resolution.RESO_US:  # (cormorant holds microseconds)
        return False
    if reso > resolution.RESO_DAY:  # every value is at most a day's resolution (pandas' coarsest)
        return True
    dt = values.dt
    if reso == resolution.RESO_MS:
        parts = [dt.microsecond % 1000]
    else:
        below = {resolution.RESO_SEC: 1, resolution.RESO_MIN: 2, resolution.RESO_HR: 3, resolution.RESO_DAY: 4}[reso]
        parts = [dt.microsecond, dt.second, dt.minute, dt.hour][:below]
    nonzero = parts[0] != 0
    for part in parts[1:]:
        nonzero = nonzero | (part != 0)
    return bool(nonzero.any())


def _date_period(obj, key: str):
    """pandas' reading of a date string on `obj`'s datetime index (partial string indexing):
    (the index's values as a column of the flattened frame, that frame, its placeholder labels,
    the parsed text, the period's first and last instants in the index's zone, and whether the
    text is as fine as the index's own resolution, no value having a finer part, so that it
    names one label exactly); None when `obj`'s index is not one datetime level."""
    level = _datetime_level(obj)
    if level is None:
        return None
    flat, keys, dtype = level
    empty = pd.DatetimeIndex([], dtype=dtype)  # (pandas' parser, at the index's zone and unit)
    try:
        parsed, reso = empty._parse_with_reso(key)
        start, end = empty._parsed_string_to_bounds(reso, parsed)
    except (ValueError, TypeError, OverflowError):
        raise exceptions.LabelNotFoundError(repr(key)) from None
    values = flat[keys[0]]
    return values, flat, keys, parsed, start, end, not _finer_than(values, reso)


def _out_of_range(values, start, end) -> bool:
    """pandas' KeyError for a period a sorted index (either way) ends before or starts after."""
    bounds = values.agg(["min", "max"])
    first, last = bounds["min"], bounds["max"]
    if pd.isna(first) or not (end < first or start > last):
        return False
    return values.is_monotonic_increasing or values.is_monotonic_decreasing


def _date_string_rows_to_set(frame, key):
    """The rows `frame.loc[key] = v` sets for a date string or a slice of date strings on a
    datetime index, as pandas 3.1: a boolean core Series on the frame's rows (a label mask
    where the text names one label exactly); None for any other key or index. A period a
    sorted index lies outside of, or an absent exact label, would add a row in pandas:
    LabelNotFoundError. A slice over an unsorted index needs both bounds' instants in it
    (pandas' KeyError)."""
    if isinstance(key, str):
        period = _date_period(frame, key)
        if period is None:
            return None
        values, flat, keys, parsed, start, end, exact = period
        if not exact and not _out_of_range(values, start, end):
            return _within(frame, flat, keys, start, end)
        try:
            return frame._core.label_mask([_convert.scalar(parsed)])
        except exceptions.LabelNotFoundError:
            raise exceptions.LabelNotFoundError(
                f"{key!r}: cormorant does not add rows by setting an absent label (pandas' setting with "
                "enlargement); concat the new rows instead") from None
    if not isinstance(key, slice) or key.step not in (None, 1):
        return None
    bounds = (key.start, key.stop)
    if not any(isinstance(b, str) for b in bounds) or not all(b is None or isinstance(b, str) for b in bounds):
        return None
    level = _datetime_level(frame)
    if level is None:
        return None
    flat, keys, _ = level
    values = flat[keys[0]]
    start = _date_period(frame, key.start)[4] if key.start is not None else None
    end = _date_period(frame, key.stop)[5] if key.stop is not None else None
    if not values.is_monotonic_increasing:
        for bound in (start, end):
            if bound is not None and not bool((values == bound).any()):
                raise exceptions.LabelNotFoundError(
                    "Value based partial slicing on non-monotonic DatetimeIndexes with non-existing keys is not "
                    f"allowed: {bound} is not in the index")
    return _within(frame, flat, keys, start, end)


def _within(frame, flat, keys, start, end):
    """A boolean core Series on `frame`'s rows (`flat`: it flattened, the index in column
    keys[0]): whether the index lies within [start, end] (None: open); NaT never does."""
    from cormorant import levels

    values = flat[keys[0]]
    inside = values == values
    if start is not None:
        inside = inside & (values >= start)
    if end is not None:
        inside = inside & (values <= end)
    marker = "__cormorant_rows__"
    marked = flat[keys].assign(**{marker: inside})
    return levels._indexed(marked, keys, list(frame._core.index_names))[marker]._core


def _date_string_rows(obj, core, key: str):
    """pandas' loc of a date string on a datetime index (partial string indexing): the rows of
    the period the text names ("2024-03", "2024-03-10", "2024-03-10 09h"), in the index's zone,
    as (core DataFrame, False); or, when the text is as fine as the index's own resolution (no
    index value has a finer part), the label it names exactly, as (core DataFrame, True). None
    when `obj`'s index is not one datetime level."""
    period = _date_period(obj, key)
    if period is None:
        return None
    values, flat, keys, parsed, start, end, exact = period
    if exact:
        try:
            return core.loc([_convert.scalar(parsed)]), True
        except exceptions.LabelNotFoundError:
            raise exceptions.LabelNotFoundError(repr(key)) from None
    if _out_of_range(values, start, end):  # pandas: a KeyError
        raise exceptions.LabelNotFoundError(repr(key))
    from cormorant import levels

    names = list((obj if hasattr(obj, "columns") else obj._frame())._core.index_names)
    rows = flat[(values >= start) & (values <= end)]
    return levels._indexed(rows, keys, names)._core, False


class _LocIndexer:
    def __init__(self, obj):
        self._obj = obj

    def __setitem__(self, key, value):
        set_cells(self._obj, _key_of(key, self._obj), value, positional=False)

    def _rows(self, core, key, obj=None):
        """(core DataFrame, single label?) for a loc row key of `obj` (default: the indexed
        object), whose core is `core`."""
        from cormorant.series import Series

        if isinstance(key, Series):
            return core.filter(key._core), False
        mask = _row_mask(self._obj, key)
        if mask is not None:
            return core.take_mask(mask), False
        if isinstance(key, slice):
            if key.step not in (None, 1):
                raise exceptions.UnsupportedError("loc slices with a step are not supported; use iloc")
            key = _datetime_string_bounds(self._obj, key)
            return core.loc_slice(_convert.scalar(key.start), _convert.scalar(key.stop)), False
        if isinstance(key, (list, np.ndarray, pd.Index)):
            return core.loc(_labels(key)), False
        if isinstance(key, (pd.Series, pd.DataFrame)):
            raise exceptions.UnsupportedError(
                "loc with a pandas object of labels is not supported; pass a list of labels, or a boolean mask")
        if isinstance(key, str):
            found = _date_string_rows(self._obj if obj is None else obj, core, key)
            if found is not None:
                return found
        try:
            return core.loc([_convert.scalar(key)]), True
        except exceptions.LabelNotFoundError:
            raise exceptions.LabelNotFoundError(repr(key)) from None

    def _by_labels(self, key) -> bool:
        """Whether a row key picks by labels (not a boolean mask, which needs no index)."""
        from cormorant.series import Series

        return not isinstance(key, Series) and _row_mask(self._obj, key) is None

    def __getitem__(self, key):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        obj = self._obj
        key = _key_of(key, obj)
        if isinstance(obj, Series):
            frame = obj._frame()
            if multiloc.is_multi(frame) and self._by_labels(key):
                return multiloc.loc_rows(obj, key)
            rows, single = self._rows(frame._core, key)
            if single:
                got = _convert.result_to_pandas(rows.to_arrow()).iloc[:, 0]
                if len(got) == 1:
                    return got.iloc[0]
                return Series._from_frame(DataFrame(rows), obj.name)
            return Series._from_frame(DataFrame(rows), obj.name)
        if multiloc.is_multi(obj):
            rows_key, cols_key = multiloc.split_key(obj, key)
            if self._by_labels(rows_key) and not (isinstance(rows_key, slice) and rows_key == slice(None)):
                # the rows as a frame's (pandas keeps its levels where a Series' would go), then the columns
                rows = multiloc.loc_rows(obj, rows_key)
                return rows if cols_key is None else (rows.loc[cols_key] if isinstance(rows, pd.Series)
                                                      else _LocIndexer(rows)[slice(None), cols_key])
        else:
            rows_key, cols_key = _split(key)
        if cols_key is not None and not (isinstance(cols_key, slice) and cols_key == slice(None)):
            one_label = isinstance(cols_key, tuple) and cols_key in list(obj.columns)  # (MultiIndex columns)
            if one_label or isinstance(cols_key, str) or (pd.api.types.is_scalar(cols_key) and not isinstance(cols_key, slice)):
                column = obj[cols_key]  # one column label (a str, an int, ...): a Series
                return _LocIndexer(column)[rows_key]
            picked = _columns_by_mask(list(obj.columns), cols_key)
            obj = obj[picked if picked is not None else list(cols_key)]
        if isinstance(rows_key, slice) and rows_key == slice(None):
            return obj
        rows, single = self._rows(obj._core, rows_key, obj)
        if single:
            got = _convert.result_to_pandas(rows.to_arrow())
            return got.iloc[0] if len(got) == 1 else DataFrame(rows)
        return DataFrame(rows)


class _ScalarIndexer:
    """pandas' at / iat: loc / iloc restricted to one row and one column (one label or
    position on each axis; a Series takes one key), to read or set a single cell."""

    def __init__(self, obj, positional: bool):
        self._obj = obj
        self._positional = positional

    def _key(self, key):
        from cormorant.series import Series

        name = "iat" if self._positional else "at"
        keys = key if isinstance(key, tuple) and not isinstance(self._obj, Series) else (key,)
        wanted = 1 if isinstance(self._obj, Series) else 2
        if len(keys) != wanted or not all(pd.api.types.is_scalar(k) for k in keys):
            what = "position" if self._positional else "label"
            takes = f"one {what}" if wanted == 1 else f"a row {what} and a column {what}"
            raise exceptions.InvalidArgumentError(f"{name}[...] takes {takes}, got {key!r}")
        if self._positional and not all(_convert.is_int(k) for k in keys):
            raise exceptions.InvalidArgumentError(f"iat[...] takes integer positions, got {key!r}")
        return key

    def __getitem__(self, key):
        key = self._key(key)
        return (_ILocIndexer if self._positional else _LocIndexer)(self._obj)[key]

    def __setitem__(self, key, value):
        key = self._key(key)
        (_ILocIndexer if self._positional else _LocIndexer)(self._obj)[key] = value


class CellAccess:
    """at / iat, which DataFrame and Series share."""

    @property
    def at(self):
        """One cell by label (row and column for a DataFrame), to read or set: loc for one cell."""
        return _ScalarIndexer(self, positional=False)

    @property
    def iat(self):
        """One cell by position (row and column for a DataFrame), to read or set: iloc for one cell."""
        return _ScalarIndexer(self, positional=True)
