"""Results that pandas types differently from cormorant's nullable columns: counts that are
int64 (or int64[pyarrow], float64) in pandas, kept as labels of a DataFrame or Series whose
to_pandas() converts them (cormorant.groupby, value_counts, resample, merge)."""

from __future__ import annotations

from cormorant._lazy import np, pd


class _Counted:
    """A result that pandas types differently from what cormorant's nullable columns give: a
    cormorant DataFrame (_CountedFrame) or Series (_CountedSeries) whose to_pandas() converts
    the count columns (by label) that pandas gives another dtype than nullable Int64 (int64, or
    int64[pyarrow] for value_counts of strings). Everything else is the DataFrame's or Series'
    own: operators and methods give plain DataFrames and Series (cormorant's Int64). Labels,
    MultiIndex columns included, come from the core. Made with _counted()."""

    _counts = frozenset()
    _dtype = "int64"

    @property
    def _obj(self):
        """The same result as a plain DataFrame or Series."""
        from cormorant.frame import DataFrame

        out = (DataFrame if isinstance(self, DataFrame) else _series_type())(self._core)
        if getattr(self, "_index_freq", None) is not None:
            out._index_freq = self._index_freq  # (a resample result's freq: the same plan)
        return out

    def _dtype_of(self, values):
        # A merge that leaves some rows without a count: pandas' int64 becomes float64 (NaN).
        return "float64" if self._dtype == "int64" and values.hasnans else self._dtype

    def to_pandas(self, *args, **kwargs):
        out = super().to_pandas(*args, **kwargs)
        if isinstance(out, pd.Series):
            return out.astype(self._dtype_of(out))
        return out.astype({c: self._dtype_of(out[c]) for c in self._counts if c in out.columns})

    def __repr__(self):
        return repr(self.to_pandas())


def _series_type():
    from cormorant.series import Series

    return Series


def _counted(obj, counts, dtype="int64"):
    """`obj` (a DataFrame or Series) whose `counts` labels convert to `dtype` in to_pandas()."""
    from cormorant.frame import DataFrame

    frame_type, series_type = _counted_types()
    out = (frame_type if isinstance(obj, DataFrame) else series_type)(obj._core)
    out._counts = frozenset(counts)
    out._dtype = dtype
    return out


_COUNTED_TYPES = []


def _counted_types():
    """(_CountedFrame, _CountedSeries), made on first use (frame.py imports this module)."""
    if not _COUNTED_TYPES:
        _COUNTED_TYPES.extend(_make_counted_types())
    return _COUNTED_TYPES


def _make_counted_types():
    from cormorant.frame import DataFrame

    class _CountedSeries(_Counted, _series_type()):
        @property
        def dtype(self):
            # known before running for the narrow codes' dtypes (int8..int32: never missing);
            # int64 counts may become float64 once computed, so those stay the core's
            return np.dtype(self._dtype) if self._dtype in ("int8", "int16", "int32") else super().dtype

        def __getitem__(self, key):
            out = super().__getitem__(key)
            return _counted(out, self._counts, self._dtype) if isinstance(out, _series_type()) else out

        def _reduce(self, func, skipna, *args, **kwargs):
            # pandas' reductions of int64 counts are NaN where they have no value (no rows, the
            # std of one); of int64[pyarrow] ones <NA>, as cormorant's Int64
            value = super()._reduce(func, skipna, *args, **kwargs)
            return np.nan if value is pd.NA and self._dtype == "int64" else value

    def _numpy_nan_comparison(op):
        def compare(self, other):
            # a NumPy count compared with NaN: equal to nothing, ordered with nothing (a nullable
            # column would give <NA> and a filter would drop every row)
            if isinstance(other, (float, np.floating)) and other != other:
                everything = self.isna() | self.notna()
                return everything if op == "__ne__" else ~everything
            return getattr(super(_CountedSeries, self), op)(other)
        return compare

    for op in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
        setattr(_CountedSeries, op, _numpy_nan_comparison(op))

    class _CountedFrame(_Counted, DataFrame):
        def __getitem__(self, key):
            out = super().__getitem__(key)
            if isinstance(out, _series_type()):
                return _counted(out, {key}, self._dtype) if _hashable(key) and key in self._counts else out
            if isinstance(key, (list, pd.Index)):
                sub = {c for c in self._counts if c in key}
            elif isinstance(out, DataFrame) and not isinstance(key, _series_type()):
                # the first level of MultiIndex columns: labelled by the other levels
                sub = {c[1] if len(c) == 2 else c[1:] for c in self._counts if isinstance(c, tuple) and c[0] == key}
            else:  # a mask: the same columns
                sub = set(self._counts)
            return _counted(out, sub, self._dtype) if sub and isinstance(out, DataFrame) else out

        def merge_counts(self, other, suffix):
            """A function wrapping the merge of this result with the DataFrame `other` so that
            its count columns keep pandas' dtype there (a label `other` also has gets `suffix`)."""
            labels = {f"{c}{suffix}" if c in other._core.columns and suffix is not None else c for c in self._counts}

            def wrap(out):
                present = {c for c in labels if c in out._core.columns}
                if isinstance(out, _Counted):
                    return _counted(out, set(out._counts) | present, self._dtype)
                return _counted(out, present, self._dtype) if present else out

            return wrap

        def merge(self, right, how="inner", **kwargs):
            """DataFrame.merge with this result on the left (see merge_counts)."""
            wrap = self.merge_counts(right, kwargs.get("suffixes", ("_x", "_y"))[0])
            return wrap(DataFrame.merge(self, right, how, **kwargs))

    return _CountedFrame, _CountedSeries


def _hashable(key) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True
