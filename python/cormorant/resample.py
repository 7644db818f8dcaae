"""resample: pandas' time bins, as the keys of a groupby that runs in the engine.

The bins' labels come from pandas itself, computed from the first and last timestamps (one small
query), so that every option pandas takes (origin, offset, closed, label) gives pandas' edges;
each row's bin is then an expression in the engine: for fixed frequencies (h, min, s, ms, us and
whole days of naive or UTC values) the grid through the first edge, for calendar frequencies
(W-<weekday>, MS/ME, QS/QE, YS/YE and their multiples) the date rolled to its anchor, then to
every n-th period's label; for every other rule (B, SME/SMS, QE-NOV, YS-JUL, BME, BQE, ..., days
of a zone, calendar rules with closed=, label=, offset=) pandas' own bin edges, each row's bin
the number of edges below its time. Empty bins are there, as in
pandas: counts and sums 0, products 1, the other aggregates missing.
"""

from __future__ import annotations

import warnings

from cormorant._lazy import pd
from cormorant import _convert, exceptions, levels, summaries

# Aggregates whose value for an empty bin is a number, not missing (pandas' min_count=0).
_EMPTY_VALUE = {"sum": 0, "count": 0, "size": 0, "nunique": 0, "prod": 1}

# Calendar offsets: pandas' class name -> (unit of dt_anchor, anchored at the period's end).
_CALENDAR = {"Week": ("week", True), "MonthEnd": ("month", True), "MonthBegin": ("month", False),
             "QuarterEnd": ("quarter", True), "QuarterBegin": ("quarter", False),
             "YearEnd": ("year", True), "YearBegin": ("year", False)}
# The most bin edges rows are compared with (one comparison each, in the engine).
_MOST_EDGES = 5001
# The anchor month of calendar quarters and years (QE-DEC, QS-JAN, YE-DEC, YS-JAN).
_DEFAULT_MONTH = {"QuarterEnd": 12, "QuarterBegin": 1, "YearEnd": 12, "YearBegin": 1}


def _offset(rule):
    from pandas.tseries.frequencies import to_offset

    try:
        return to_offset(rule)
    except (ValueError, TypeError) as e:
        raise exceptions.InvalidArgumentError(f"resample: {rule!r} is not a frequency ({e})") from None


def _is_datetime(dtype) -> bool:
    return isinstance(dtype, pd.DatetimeTZDtype) or (hasattr(dtype, "kind") and dtype.kind == "M") or str(
        dtype).startswith("timestamp")


class Resampler:
    """The bins of a resample; its methods aggregate each bin as GroupBy's do."""

    def __init__(self, obj, rule, closed=None, label=None, on=None, level=None, origin="start_day", offset=None):
        from cormorant.series import Series

        self._is_series = isinstance(obj, Series)
        self._series_name = obj.name if self._is_series else None
        frame = obj.to_frame() if self._is_series else obj
        self._on = on
        self._from_selection = on is not None or level is not None  # (pandas upsamples neither)
        if on is not None and level is not None:
            raise exceptions.InvalidArgumentError("resample: give either on= or level=, not both")
        if on is not None:
            if self._is_series:
                raise exceptions.InvalidArgumentError("Series.resample takes no on=; resample on its index")
            self._source, self._key_label, self._drop = frame, on, [on]
            self._name = on
        else:
            names = list(frame._core.index_names)
            if not names:
                raise exceptions.NullIndexError(
                    "resample needs a datetime index or on=; this object has a NULL index "
                    "(ordering_mode=\"partial\"), resample on a column with on= instead")
            position = 0
            if level is not None:
                try:
                    position = levels.positions(frame, level)[0]
                except (exceptions.LabelNotFoundError, exceptions.IndexOutOfBoundsError):
                    raise exceptions.InvalidArgumentError(f"resample: level {level!r} is not an index level") from None
            elif len(names) != 1:
                raise exceptions.UnsupportedError("resample of a MultiIndex needs level=")
            levels.require_flat_columns(frame, "resample")
            flat, keys = levels.flattened(frame)
            self._source, self._key_label, self._drop = flat, keys[position], keys
            self._name = names[position]
        # (the selected columns: a label gives Series aggregates; None all of them)
        self._selection = frame.columns[0] if self._is_series else None
        key, self._values = self._split(ordered=False)
        if not _is_datetime(key.dtype):
            raise exceptions.DTypeError(
                f"resample needs datetimes; {'the index' if on is None else repr(on)} has dtype '{key.dtype}'")
        self._key = key
        self._known = None  # (see _bounds)
        tz = getattr(key.dtype, "tz", None)
        self._zone = None if tz is None or str(tz) == "UTC" else str(tz)  # a zone other than UTC
        self._rule, self._closed, self._label, self._origin, self._offset = rule, closed, label, origin, offset
        self._freq = _offset(rule)
        self._check_rule()

    def _check_rule(self):
        """Chooses how rows find their bins: `_by_edges` (pandas' own bin edges, for every rule
        but the fixed frequencies of naive or UTC values and the plain calendar ones)."""
        kind = type(self._freq).__name__
        self._by_edges = False
        if isinstance(self._freq, pd.offsets.Tick) or (kind == "Day" and self._zone is None):
            return
        options = self._closed is not None or self._label is not None or self._offset is not None
        if kind == "Day" and self._freq.n == 1 and not options and self._origin == "start_day":
            return  # a calendar day in the zone
        month = getattr(self._freq, "startingMonth", getattr(self._freq, "month", None))
        if kind not in _CALENDAR or (kind in _DEFAULT_MONTH and month != _DEFAULT_MONTH[kind]) or (
                kind == "Week" and self._freq.weekday is None):
            self._by_edges = True
            return
        # (origin='end'/'end_day' closes the bins on the right, which a period's start does not
        # give; it changes nothing for rules anchored at the periods' ends)
        backward = self._origin in ("end", "end_day") and not _CALENDAR[kind][1]
        self._by_edges = options or backward

    def __getitem__(self, key):
        """The same bins over a column (a Series resampler) or a list of columns."""
        if self._is_series:
            raise exceptions.InvalidArgumentError("a Series resampler has no columns to select")
        import copy

        out = copy.copy(self)
        out._selection = key
        out._is_series, out._series_name = not isinstance(key, list), None if isinstance(key, list) else key
        out._key, out._values = out._split(ordered=False)
        return out

    def __getattr__(self, name):
        """r.column: the same bins over that column, as pandas' attribute access; pandas'
        Resampler methods cormorant lacks raise UnsupportedError."""
        if name.startswith("_") or self._is_series or name in self._drop or name not in self._source._core.columns:
            if not name.startswith("_") and hasattr(pd.core.resample.Resampler, name):
                raise exceptions.UnsupportedError(
                    f"resample(...).{name} is not supported; aggregate with one of sum, mean, min, max, count, size, "
                    "first, last, median, std, var, nunique, prod, agg, or upsample with asfreq, ffill, bfill, "
                    "nearest, interpolate")
            raise AttributeError(f"'Resampler' object has no attribute {name!r}")
        return self[name]

    def _split(self, ordered: bool):
        """(the key, the values) of the source rows; `ordered` sorts them by time first (stably,
        as pandas does before it bins: first/last are the earliest and latest of a bin)."""
        source = self._source.sort_values(self._key_label, kind="stable") if ordered else self._source
        values = source.drop(columns=self._drop)
        if self._selection is not None:
            values = values[self._selection]
            if self._is_series:  # grouped as a Series: its aggregates are Series
                values = values.rename(self._series_name)
        return source[self._key_label], values

    # -- the bins ---------------------------------------------------------------------
    def _labels(self, first, last) -> pd.DatetimeIndex:
        """pandas' labels of every bin from `first` to `last` (pandas resamples two points)."""
        points = pd.Series([0, 0], index=pd.DatetimeIndex([first, last]))
        try:
            return points.resample(self._rule, closed=self._closed, label=self._label, origin=self._origin,
                                   offset=self._offset).sum().index
        except (ValueError, TypeError) as e:
            raise exceptions.InvalidArgumentError(f"resample: {e}") from None

    def _edges(self, first, last):
        """pandas' own bin edges for the times from `first` to `last` (UTC microseconds, as
        TimeGrouper._get_time_bins computes them), and whether bins close on the right."""
        from pandas.core.resample import TimeGrouper, _get_timestamp_range_edges

        ax = pd.DatetimeIndex([first, last]).as_unit("us")
        try:
            with warnings.catch_warnings():  # (pandas' own, which _labels gave once)
                warnings.simplefilter("ignore")
                grouper = TimeGrouper(freq=self._rule, closed=self._closed, label=self._label, origin=self._origin,
                                      offset=self._offset)
            start, end = _get_timestamp_range_edges(ax.min(), ax.max(), grouper.freq, unit=ax.unit,
                                                    closed=grouper.closed, origin=grouper.origin,
                                                    offset=grouper.offset)
            binner = pd.date_range(freq=grouper.freq, start=start, end=end, tz=ax.tz, ambiguous=True,
                                   nonexistent="shift_forward", unit=ax.unit)
            _, edges = grouper._adjust_bin_edges(binner, ax.asi8)
        except (ValueError, TypeError) as e:
            raise exceptions.InvalidArgumentError(f"resample: {e}") from None
        return [int(e) for e in edges], grouper.closed == "right"

    def _bin_by_edges(self, labels: pd.DatetimeIndex, key):
        """Each row's label by pandas' bin edges: the number of edges past the first at or below
        its time (below it when bins close on the right), as pandas' generate_bins counts."""
        from cormorant.series import Series

        edges, right = self._edges(self._first, self._last)
        if len(edges) > _MOST_EDGES:
            raise exceptions.UnsupportedError(
                f"resample({self._rule!r}) over this time range makes {len(edges) - 1} bins; cormorant bins by "
                f"pandas' edges at most {_MOST_EDGES - 1} (resample a shorter range, or a coarser rule)")
        epoch = pd.Timestamp(0, tz="UTC") if getattr(self._key.dtype, "tz", None) is not None else pd.Timestamp(0)
        micros = (key - epoch) // pd.Timedelta(microseconds=1)
        codes = Series(micros._core.cut([float(e) for e in edges], right, True, None))
        return codes.map(dict(enumerate(labels)))

    def _bin_of_rows(self, labels: pd.DatetimeIndex, key):
        """Each row's label (of the timestamps `key`), as an expression."""
        freq = self._freq
        kind = type(freq).__name__
        if self._by_edges:
            return self._bin_by_edges(labels, key)
        if kind in _CALENDAR:
            unit, forward = _CALENDAR[kind]
            weekday = freq.weekday if kind == "Week" else 0
            if freq.n == 1:
                return key.dt._call("dt_anchor", unit, int(weekday), bool(forward))
            # every n periods from the first label (its wall time: the anchors are the zone's dates)
            first = labels[0].tz_localize(None) if labels[0].tz is not None else labels[0]
            return key.dt._call("dt_anchor", unit, int(weekday), bool(forward), int(freq.n), first.isoformat())
        if kind == "Day" and self._zone is not None:
            return key.dt.floor("D")  # a calendar day in the zone (pandas 3)
        step = pd.Timedelta(freq)
        step_us = step // pd.Timedelta(microseconds=1)
        if step_us <= 0 or step % pd.Timedelta(microseconds=1):
            raise exceptions.UnsupportedError(f"resample({self._rule!r}): frequencies below a microsecond are not supported")
        # (fixed frequencies close and label bins on the left unless told otherwise, or on the
        # right when the bins run back from the end: pandas' origin='end' / 'end_day')
        side = "right" if self._origin in ("end", "end_day") else "left"
        right_label, right_closed = (self._label or side) == "right", (self._closed or side) == "right"
        first_edge = labels[0] - step if right_label else labels[0]
        epoch = pd.Timestamp(0, tz=first_edge.tz) if first_edge.tz is not None else pd.Timestamp(0)
        shift = pd.Timedelta(microseconds=((first_edge - epoch) // pd.Timedelta(microseconds=1)) % step_us)
        grid = f"{step_us}us"
        values = key.dt.tz_convert("UTC") if self._zone else key
        moved = values - shift
        edge = (moved.dt.ceil(grid) - step if right_closed else moved.dt.floor(grid)) + shift
        if right_label:
            edge = edge + step
        edge = edge.dt.tz_convert(self._zone) if self._zone else edge
        # pandas counts a time on the first edge into the first bin even when bins close on the
        # right (it bins times below each right edge, not above each left one): there, and only
        # there, the grid's bin (one step earlier) is not one of pandas' bins
        first = labels[0].as_unit("us")
        return edge.mask((edge < first).fillna(False), first)

    def _bounds(self) -> tuple:
        """(first time, last time, rows, rows with a time) of the key, in one query, kept for the
        resampler's later aggregates (and its copies', which bin the same key)."""
        if self._known is None:
            found = summaries.at_once(self._key, ["min", "max", "size", "count"])  # (None: no rows)
            self._known = (pd.NaT, pd.NaT, 0, 0) if found is None else (
                found["min"], found["max"], int(found["size"]), int(found["count"]))
        return self._known

    def _groups(self, ordered: bool):
        """(the grouped values, every bin's label), or (None, None) without timestamps; the rows
        in time order when `ordered`."""
        first, last, self._rows, present = self._bounds()
        self._nat = present < self._rows
        if pd.isna(first):
            return None, None
        self._first, self._last = first, last
        labels = self._labels(first, last)
        key, values = self._split(ordered) if ordered else (self._key, self._values)
        bins = self._bin_of_rows(labels, key).rename(self._name)
        return values.groupby(bins), labels.as_unit("us")

    def _aggregate(self, func, *args, **kwargs):
        """The groupby's aggregate `func` (a name; for a Series also a list of names; for a frame
        also a dict of column -> name) of every bin, empty bins included."""
        from cormorant.frame import DataFrame
        from cormorant.counted import _Counted, _counted

        names = [func] if isinstance(func, str) else list(func.values() if isinstance(func, dict) else func)
        ordered = bool({"first", "last"} & set(names))
        if ordered and not self._source._core.ordered:
            raise exceptions.OrderRequiredError(
                "resample first()/last() needs a row order for rows of equal times, and this object has none "
                "(ordering_mode=\"partial\"); sort it first with sort_values()")
        grouped, labels = self._groups(ordered)
        if grouped is None:  # no timestamps: no bins
            grouped = self._values.groupby(self._key.rename(self._name))
        out = getattr(grouped, func)(*args, **kwargs) if isinstance(func, str) else grouped.agg(func)
        # (counts that pandas types int64: kept through the empty bins' reindex and fill)
        counted = (out._counts, out._dtype) if isinstance(out, _Counted) else None
        if self._rows == 0 and self._on is None and isinstance(func, str):
            # pandas' resample of no rows on the index returns them as they are (the input's
            # dtypes), count and size as int64; on a column (on=) the aggregates keep their dtypes
            if func in ("size", "count"):
                counted = (frozenset(out.columns) if isinstance(out, DataFrame) else frozenset(), "int64")
            else:
                out = out.astype(self._values.dtype if self._is_series else self._values.dtypes.to_dict())
                counted = None
        if labels is not None:
            out = out.reindex(list(labels))
            # (sum and prod with min_count=1 or more, pandas' second argument: an empty bin is missing)
            if not kwargs.get("min_count", args[1] if len(args) > 1 and func in ("sum", "prod") else 0):
                out = _fill_empty(out, func)
        out = out if counted is None else _counted(out, *counted)
        # (pandas' index has no freq after times and NaT, nor after only NaT binned by W, ME, QE
        # or YE into a DataFrame; a Series keeps it there)
        end_anchored = _CALENDAR.get(type(self._freq).__name__, (None, False))[1]
        if self._nat and (labels is not None or (end_anchored and isinstance(out, DataFrame))):
            return _convert.with_index_freq(out, None)
        return _convert.with_index_freq(out, self._freq if labels is None else labels.freq)

    # -- upsampling: the rows at pandas' bin labels -----------------------------------------
    def _by_time(self):
        """(the rows sorted by time with the time as a column, its label, pandas' labels of the
        bins as upsampling gives them)."""
        if self._from_selection:
            raise exceptions.InvalidArgumentError(
                "Upsampling from level= or on= selection is not supported, use .set_index(...) to explicitly set "
                "index to datetime-like")
        first, last, _, _ = self._bounds()
        key, values = self._split(ordered=True)
        flat = (values.to_frame() if self._is_series else values).assign(**{self._key_label: key})
        if pd.isna(first):
            return flat, pd.DatetimeIndex([], dtype=key.dtype, name=self._name, freq=self._freq)
        points = pd.Series(0, index=pd.DatetimeIndex([first] if first == last else [first, last]))
        try:
            target = points.resample(self._rule, closed=self._closed, label=self._label, origin=self._origin,
                                     offset=self._offset).asfreq().index
        except (ValueError, TypeError) as e:
            raise exceptions.InvalidArgumentError(f"resample: {e}") from None
        return flat, target.as_unit("us").rename(self._name)

    def _indexed(self, flat):
        """`flat` indexed by its time column, a Series for a Series resampler."""
        out = flat.set_index(self._key_label).rename_axis(self._name)
        return out[out.columns[0]] if self._is_series else out

    def _at_labels(self, method=None, limit=None, fill_value=None):
        """pandas' Resampler._upsample: the rows (sorted by time) reindexed to the bins' labels,
        by `method` (None: exact times only, "ffill", "bfill", "nearest") and `limit`."""
        flat, target = self._by_time()
        out = self._indexed(flat).reindex(target, method=method, limit=limit, fill_value=fill_value)
        return _convert.with_index_freq(out, target.freq)

    def asfreq(self, fill_value=None):
        """pandas' Resampler.asfreq: the rows at exactly each bin's label (<NA>, or `fill_value`,
        where there is none)."""
        return self._at_labels(fill_value=fill_value)

    def ffill(self, limit=None):
        """pandas' Resampler.ffill: each bin's label takes the last row at or before it."""
        return self._at_labels("ffill", limit)

    def bfill(self, limit=None):
        """pandas' Resampler.bfill: each bin's label takes the first row at or after it."""
        return self._at_labels("bfill", limit)

    def nearest(self, limit=None):
        """pandas' Resampler.nearest: each bin's label takes the row nearest to it."""
        return self._at_labels("nearest", limit)

    def interpolate(self, method="linear", *, axis=0, limit=None, inplace=False, limit_direction="forward",
                    limit_area=None, **kwargs):
        """pandas' Resampler.interpolate: the rows at the labels with the rows between them, each
        column interpolated (DataFrame.interpolate's methods and arguments), then the labels' rows."""
        from cormorant.concatenation import concat

        if inplace:
            raise exceptions.InvalidArgumentError("resample(...).interpolate: inplace=True is not possible here")
        flat, target = self._by_time()
        at_labels = self._indexed(flat).reindex(target)
        between = self._indexed(flat[~flat[self._key_label].isin(list(target))])
        both = concat([at_labels, between]).sort_index(kind="stable")
        out = both.interpolate(method=method, axis=axis, limit=limit, limit_direction=limit_direction,
                               limit_area=limit_area, **kwargs)
        return _convert.with_index_freq(out.reindex(target), target.freq)

    def pipe(self, func, *args, **kwargs):
        """pandas' Resampler.pipe: func(self, *args, **kwargs)."""
        return func(self, *args, **kwargs)

    def __dir__(self):
        return sorted(set(super().__dir__()) | set(self._source._core.columns))

    def agg(self, func):
        """pandas' Resampler.agg: a name; for a Series a list of names; for a DataFrame a dict of
        column -> name."""
        if isinstance(func, str):
            return self._aggregate(func)
        if self._is_series and isinstance(func, (list, tuple)) and all(isinstance(f, str) for f in func):
            return self._aggregate(list(func))
        if not self._is_series and isinstance(func, dict) and all(isinstance(f, str) for f in func.values()):
            return self._aggregate(dict(func))
        raise exceptions.UnsupportedError(
            "resample(...).agg takes a function name, a list of names (Series) or a dict of column -> name (DataFrame)")

    aggregate = agg


def _fill_empty(out, func):
    """The empty bins' values of the aggregates that have one (0 for sum and counts, 1 for prod)."""
    from cormorant.series import Series

    if isinstance(out, Series) or isinstance(func, str):
        value = _EMPTY_VALUE.get(func if isinstance(func, str) else None)
        return out if value is None else out.fillna(value)
    names = func if isinstance(func, dict) else dict(zip(out.columns, func))
    fills = {c: _EMPTY_VALUE[f] for c, f in names.items() if f in _EMPTY_VALUE and c in out.columns}
    return out.fillna(fills) if fills else out


def _method(name: str):
    def aggregate(self, *args, **kwargs):
        return self._aggregate(name, *args, **kwargs)

    aggregate.__name__ = name
    aggregate.__doc__ = f"pandas' Resampler.{name}: each bin's {name}, every bin from the first to the last."
    return aggregate


for _name in ("sum", "mean", "min", "max", "count", "size", "first", "last", "median", "std", "var", "nunique",
              "prod"):
    setattr(Resampler, _name, _method(_name))


def resample(obj, rule, axis=None, closed=None, label=None, convention=None, on=None, level=None,
             origin="start_day", offset=None, group_keys=False):
    """pandas' DataFrame.resample / Series.resample (see Resampler)."""
    if axis not in (None, 0, "index"):
        raise exceptions.UnsupportedError("resample along the columns is not supported")
    return Resampler(obj, rule, closed=closed, label=label, on=on, level=level, origin=origin, offset=offset)
