"""Series: a lazy column."""

from __future__ import annotations

import inspect

from cormorant._lazy import np, pd
from cormorant import _convert, columnwise, combining, elementwise, exceptions, output
from cormorant import levels, plotting, positions, relabel, selection, summaries, window
from cormorant.indexing import CellAccess
from cormorant import _core
from cormorant._accessor import unsupported_message
from cormorant._inplace import inplace_method
from cormorant.arguments import take_pandas_arguments
from cormorant import sem as _sem
from cormorant import interpolate as interpolate_, reindexing
from cormorant.seriesops import binary, flex, reflected_binary


_NO_NAME = object()  # to_frame's default: keep the Series' own name


class Series(output.ResultForms, CellAccess):
    """A lazy, named column; operations build a plan and nothing runs until results are asked for."""

    def __init__(self, data=None, index=None, dtype=None, name=None, copy=None, *, session=None):
        """pandas' Series(data, index=, dtype=, name=): Python data is copied into the session
        (the global one unless `session` is given); a cormorant Series stays lazy (see
        cormorant.construct)."""
        if isinstance(data, _core.Series) and index is None and dtype is None and name is None:
            self._core = data
        else:
            from cormorant.construct import series_core

            self._core = series_core(data, index, dtype, name, copy, session)

    @classmethod
    def _from_frame(cls, frame, name):
        """The single column of a one-column DataFrame, named `name`."""
        return cls(frame._core.column(frame._core.columns[0]).rename(name))

    def cache(self):
        """Runs the Series once into a session table; the returned Series (same name, index
        and order) reads that table, so later work starts from the result."""
        return Series(self._core.cache())

    def _frame(self):
        """This Series as a one-column DataFrame (column "0" when unnamed)."""
        from cormorant.frame import DataFrame

        return DataFrame(self._core.to_frame())

    def _via_frame(self, method, *args, **kwargs):
        """Applies a DataFrame method to this Series' frame and returns the Series again."""
        out = getattr(self._frame(), method)(*args, **kwargs)
        return Series._from_frame(out, self.name)

    # -- attributes --------------------------------------------------------------------
    @property
    def name(self):
        return self._core.name

    @name.setter
    def name(self, name):
        """s.name = name: this Series renamed (others made from it keep their name)."""
        self._core = self.rename(name)._core

    @property
    def dtype(self):
        if self._core.dtype == "category":
            return _convert.categorical_dtype(self._core.categories)
        return _convert.pandas_dtype(self._core.dtype)

    @property
    def shape(self) -> tuple[int]:
        return (self._core.size,)

    @property
    def size(self) -> int:
        return self._core.size

    def __len__(self) -> int:
        return self._core.size

    @property
    def sql(self) -> str:
        """The SQL this Series compiles to."""
        return self._core.sql

    # -- operators ---------------------------------------------------------------------
    __add__ = binary("add")
    __sub__ = binary("sub")
    __mul__ = binary("mul")
    __truediv__ = binary("truediv")
    __floordiv__ = binary("floordiv")
    __mod__ = binary("mod")
    __pow__ = binary("pow")
    __eq__ = binary("eq")  # type: ignore[assignment]
    __ne__ = binary("ne")  # type: ignore[assignment]
    __lt__ = binary("lt")
    __le__ = binary("le")
    __gt__ = binary("gt")
    __ge__ = binary("ge")
    __and__ = binary("and")
    __or__ = binary("or")
    __xor__ = binary("xor")
    __radd__ = reflected_binary("add")
    __rsub__ = reflected_binary("sub")
    __rmul__ = reflected_binary("mul")
    __rtruediv__ = reflected_binary("truediv")
    __rfloordiv__ = reflected_binary("floordiv")
    __rmod__ = reflected_binary("mod")
    __rpow__ = reflected_binary("pow")
    __rand__ = reflected_binary("and")
    __ror__ = reflected_binary("or")
    __rxor__ = reflected_binary("xor")

    add = flex("add")
    sub = subtract = flex("sub")
    mul = multiply = flex("mul")
    truediv = div = divide = flex("truediv")
    floordiv = flex("floordiv")
    mod = flex("mod")
    pow = flex("pow")
    radd = flex("add", True)
    rsub = flex("sub", True)
    rmul = flex("mul", True)
    rtruediv = rdiv = flex("truediv", True)
    rfloordiv = flex("floordiv", True)
    rmod = flex("mod", True)
    rpow = flex("pow", True)
    eq = flex("eq")
    ne = flex("ne")
    lt = flex("lt")
    le = flex("le")
    gt = flex("gt")
    ge = flex("ge")
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self):
        return Series(self._core.unary("neg"))

    def __pos__(self):
        return Series(self._core.positive())

    def __invert__(self):
        return Series(self._core.unary("invert"))

    def __abs__(self):
        return Series(self._core.unary("abs"))

    def abs(self):
        return Series(self._core.unary("abs"))

    def __getattr__(self, name):
        if hasattr(type(self), name):  # our own attribute raised AttributeError: raise that again
            return object.__getattribute__(self, name)
        if not name.startswith("_") and hasattr(pd.Series, name):
            raise exceptions.UnsupportedError(unsupported_message("Series", name))
        raise AttributeError(f"'Series' object has no attribute {name!r}")

    def __bool__(self):
        raise ValueError(
            "The truth value of a Series is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all()."
        )

    # -- methods -----------------------------------------------------------------------
    def isna(self):
        return Series(self._core.unary("isna"))

    isnull = isna

    def notna(self):
        return Series(self._core.unary("notna"))

    notnull = notna

    def astype(self, dtype, copy=None, errors="raise"):
        from cormorant.frame import _astype_errors

        _astype_errors(errors)
        target = _convert.core_dtype(dtype)
        if target == "string" and self._core.dtype == _convert.TIMEDELTA:  # pandas' text (cormorant.timedeltas)
            from cormorant.timedeltas import as_text

            return as_text(self)
        return Series(self._core.astype(target))

    def rename(self, index=None, *, axis=None, inplace=False, level=None, errors="ignore"):
        """pandas' Series.rename: a new name (a scalar), or with a dict (or pandas Series) the
        index labels it names replaced (of every level, or `level`; see levels.rename_labels).
        In place, pandas 3.1 returns the Series for a new name, None for new labels."""
        from cormorant._inplace import _validated, adopt

        if axis not in (None, 0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
        relabel = callable(index) or pd.api.types.is_dict_like(index)
        out = self._via_frame("rename", index=index, level=level, errors=errors) if relabel else Series(
            self._core.rename(index))
        if not _validated(inplace):
            return out
        adopt(self, out, "rename")
        return None if relabel else self

    def head(self, n: int = 5):
        return self._via_frame("head", n)

    def tail(self, n: int = 5):
        return self._via_frame("tail", n)

    @inplace_method
    def sort_values(self, *, axis=0, ascending: bool = True, na_position: str = "last", kind=None,
                    ignore_index=False, key=None):
        _series_axis(axis, none=False)
        frame = self._frame()
        out = frame.sort_values(frame._core.columns[0], ascending=ascending, na_position=na_position,
                                ignore_index=ignore_index,
                                key=None if key is None else (lambda column: key(column.rename(self.name))))
        return Series._from_frame(out, self.name)

    @inplace_method
    def sort_index(self, *, axis=0, level=None, ascending=True, kind=None, na_position: str = "last",
                   sort_remaining: bool = True, ignore_index: bool = False, key=None):
        """Sorts by the index labels (or `level`s; see cormorant.sorting); stable (equal labels keep
        their order), as pandas' kind='stable'."""
        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
        return self._via_frame("sort_index", level=level, ascending=ascending, na_position=na_position,
                               sort_remaining=sort_remaining, ignore_index=ignore_index, key=key)

    @inplace_method
    def rename_axis(self, mapper=levels._NO_DEFAULT, *, index=levels._NO_DEFAULT, axis=0):
        """The same Series with its index levels named `mapper` or `index` (a name, one per level,
        or with `index` a dict or function of the names; see levels.rename_axis)."""
        return self._via_frame("rename_axis", mapper, index=index, axis=axis)

    def info(self, verbose=None, buf=None, max_cols=None, memory_usage=None, show_counts=None):
        """pandas' Series.info (see cormorant.info)."""
        from cormorant.info import info

        return info(self, verbose, buf, max_cols, memory_usage, show_counts)

    def memory_usage(self, index=True, deep=False):
        """pandas' Series.memory_usage (see cormorant.info)."""
        from cormorant.info import memory_usage

        return memory_usage(self, index, deep)

    def dot(self, other):
        """pandas' Series.dot (see cormorant.matrix)."""
        from cormorant.matrix import series_dot

        return series_dot(self, other)

    __matmul__ = dot

    def resample(self, rule, **kwargs):
        """pandas' Series.resample on a datetime index (see cormorant.resample)."""
        from cormorant.resample import resample

        return resample(self, rule, **kwargs)

    def groupby(self, by=None, level=None, as_index: bool = True, sort: bool = True, group_keys=True,
                observed=True, dropna: bool = True):
        """pandas' Series.groupby: by a cormorant Series (aligned on the index), a function of the
        index labels, a dict or pandas Series mapping them to keys, a list of these, or index
        `level`s; the aggregations of DataFrame.groupby(...)[column] run in the engine."""
        from cormorant.groupby import DataFrameGroupBy
        from cormorant.grouping import grouping

        if not as_index:
            raise exceptions.DTypeError("as_index=False only valid with DataFrame")
        value = "__groupby_value__"
        frame, keys, names = grouping(self.rename(value)._frame(), by, level)
        return DataFrameGroupBy(frame, keys, True, dropna, sort, [value], value,
                                index_names=names if names is not None else list(keys), result_name=self.name,
                                group_keys=group_keys, observed=observed)

    @inplace_method
    def reset_index(self, level=None, *, drop: bool = False, name=None, allow_duplicates=False):
        """pandas' Series.reset_index: a frame with the index levels (or those `level` names) as
        columns (the values' column labelled `name`), or with `drop` the Series on the remaining
        levels."""
        if allow_duplicates:
            raise exceptions.UnsupportedError("reset_index(allow_duplicates=True) is not supported")
        if not drop:
            return (self if name is None else self.rename(name))._frame().reset_index(level)
        return self._via_frame("reset_index", level, drop=True)

    def droplevel(self, level, axis=0):
        return self._via_frame("droplevel", level, axis)

    def xs(self, key, axis=0, level=None, drop_level=True):
        """pandas' Series.xs: the values whose index levels equal `key` (see multiloc.xs)."""
        from cormorant import multiloc

        return multiloc.xs(self, key, axis, level, drop_level)

    def swaplevel(self, i=-2, j=-1):
        return self._via_frame("swaplevel", i, j)

    def reorder_levels(self, order):
        return self._via_frame("reorder_levels", order)

    @property
    def str(self):
        """pandas' string methods (see cormorant.strings); of a list column, its indexing and
        len (cormorant.lists.ListStrMethods)."""
        from cormorant import lists
        from cormorant.strings import StringMethods

        return lists.ListStrMethods(self) if lists.is_list(self) else StringMethods(self)

    @property
    def list(self):
        """pandas' list accessor of a list column: len(), [i], [start:stop], flatten()."""
        from cormorant.lists import ListAccessor

        return ListAccessor(self)

    @property
    def struct(self):
        """pandas' struct accessor of a struct column: field(), explode(), dtypes."""
        from cormorant.structs import StructAccessor

        return StructAccessor(self)

    @property
    def cat(self):
        """pandas' categorical properties and methods (see cormorant.categorical)."""
        from cormorant.categorical import CategoricalMethods

        return CategoricalMethods(self)

    @property
    def dt(self):
        """pandas' datetime properties and methods (see cormorant.datetimes), or a timedelta's
        (see cormorant.timedeltas)."""
        from cormorant.datetimes import DatetimeMethods

        if self._core.dtype == _convert.TIMEDELTA:
            from cormorant.timedeltas import TimedeltaMethods

            return TimedeltaMethods(self)
        return DatetimeMethods(self)

    @property
    def index(self) -> pd.Index:
        return _convert.with_freq_of(self, self._frame().index)

    @index.setter
    def index(self, labels):
        """s.index = labels: the values labelled in order (see cormorant.relabel)."""
        frame = self._frame()
        frame.index = labels
        self._core = Series._from_frame(frame, self.name)._core

    set_axis = relabel.set_axis

    def __setitem__(self, key, value):
        """s[mask] = value, s[label] = value, s[i:j] = value (positions), in place as pandas 3
        does (only this Series changes; see indexing.set_cells)."""
        from cormorant.indexing import set_cells

        positional = isinstance(key, slice) and key != slice(None) and all(
            part is None or isinstance(part, int) for part in (key.start, key.stop, key.step))
        # pandas pairs a Series value by position for a slice (':' too) and a list of labels,
        # by label for a mask.
        listed = isinstance(key, (list, np.ndarray, pd.Index)) and not all(isinstance(k, (bool, np.bool_)) for k in key)
        set_cells(self, key, value, positional=positional, by_position=isinstance(key, slice) or listed)

    @property
    def iloc(self):
        from cormorant.indexing import _ILocIndexer

        return _ILocIndexer(self)

    @property
    def loc(self):
        from cormorant.indexing import _LocIndexer

        return _LocIndexer(self)

    def __getitem__(self, key):
        from cormorant.indexing import if_callable

        key = if_callable(key, self)
        if isinstance(key, Series):
            return Series(self._core.filter(key._core))
        from cormorant.indexing import _bool_mask, is_label_slice

        if isinstance(key, slice):  # positions, or labels for bounds other than ints (as pandas)
            return self.loc[key] if is_label_slice(key) else self.iloc[key]

        if _bool_mask(key) is not None:  # a boolean mask by position, as pandas' s[[True, False, ...]]
            return self.iloc[key]
        return self.loc[key]

    # -- reductions --------------------------------------------------------------------
    def _reduce(self, func: str, skipna: bool, axis=None, numeric_only: bool = False, *, min_count: int = 0,
                ddof: int = 1):
        """pandas' reduction `func`; axis is the index's (0, "index" or None); numeric_only is
        taken and, as pandas 3.1 does for a Series, changes nothing."""
        summaries.check_reduce_arguments(f"Series.{func}", skipna, min_count, ddof)
        if axis not in (None, 0, "index", "rows"):
            raise ValueError(f"No axis named {axis} for object type Series")
        dtype = self._core.dtype
        if dtype.startswith("binary") and func in ("min", "max"):
            return self._bytes_extreme(func, skipna)
        value = self._core.aggregate(func, skipna, min_count, ddof)
        if value is None:  # pandas: NaT for a datetime64 or timedelta64 Series, NaN for a categorical, <NA> else
            if dtype == "category" and func not in ("count", "nunique"):
                return np.nan
            nat = dtype.startswith(("datetime64", "timedelta64"))
            return pd.NaT if nat and func not in ("count", "nunique") else pd.NA
        return _convert.engine_scalar(value, dtype)

    def _bytes_extreme(self, func: str, skipna: bool):
        """min or max of bytes (ordered by their bytes, as Python's): the first value of the
        sorted values, as bytes (a scalar reduction would carry them as text)."""
        if not skipna and bool(self.isna().any()):
            return pd.NA
        first = self.dropna().sort_values(ascending=func == "min").head(1).to_pandas()
        return first.iloc[0] if len(first) else pd.NA

    def idxmax(self, axis=0, skipna: bool = True, *args, **kwargs):
        """The label of the first row holding the largest value (see DataFrame.idxmax)."""
        return self._frame().idxmax(axis, skipna).iloc[0]

    def idxmin(self, axis=0, skipna: bool = True, *args, **kwargs):
        """The label of the first row holding the smallest value (see DataFrame.idxmax)."""
        return self._frame().idxmin(axis, skipna).iloc[0]

    def argmax(self, axis=None, skipna: bool = True, *args, **kwargs):
        """The position of the first row holding the largest value."""
        return self._position("idxmax", skipna)

    def argmin(self, axis=None, skipna: bool = True, *args, **kwargs):
        """The position of the first row holding the smallest value."""
        return self._position("idxmin", skipna)

    def _position(self, func: str, skipna: bool) -> int:
        try:
            return int(getattr(self.reset_index(drop=True), func)(skipna=skipna))
        except exceptions.NullIndexError:
            raise exceptions.OrderRequiredError(
                f"arg{func[3:]} gives a position, which needs a row order; this Series has none (partial "
                "ordering mode): sort it first, or use idx" + func[3:] + " over an index"
            ) from None

    def reduction(self, func: str):
        """The reduction `func` ("sum", "mean", "min", "max", "count", "median", "std", "var";
        skipping missing values) not run yet: a cormorant.scalar.Scalar of the value `func`
        gives, for another Series' comparison or arithmetic, which then computes it in its own
        query (`s[s > s.reduction("mean")]` is one query, `s[s > s.mean()]` two)."""
        from cormorant.scalar import Scalar

        return Scalar(self._core.reduction(func))

    def sum(self, axis=None, skipna: bool = True, numeric_only: bool = False, min_count: int = 0):
        """The sum (0 for no values; <NA> under `min_count` present values)."""
        return self._reduce("sum", skipna, axis, numeric_only, min_count=min_count)

    def mean(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("mean", skipna, axis, numeric_only)

    def min(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("min", skipna, axis, numeric_only)

    def max(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("max", skipna, axis, numeric_only)

    def count(self):
        return self._reduce("count", True)

    def median(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("median", skipna, axis, numeric_only)

    def std(self, axis=None, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
        """The standard deviation, divided by n - ddof (NumPy's rule, as pandas' nullable
        Series: inf or <NA> where n <= ddof)."""
        return self._reduce("std", skipna, axis, numeric_only, ddof=ddof)

    def var(self, axis=None, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
        """The variance, divided by n - ddof (see std)."""
        return self._reduce("var", skipna, axis, numeric_only, ddof=ddof)

    def prod(self, axis=None, skipna: bool = True, numeric_only: bool = False, min_count: int = 0):
        """The product (1 for no values; <NA> under `min_count` present values); an Int64
        product past 2**53 raises ArithmeticOverflowError."""
        return self._reduce("prod", skipna, axis, numeric_only, min_count=min_count)

    product = prod

    def skew(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        """The sample skewness (adjusted Fisher-Pearson), as pandas' skew."""
        return self._reduce("skew", skipna, axis, numeric_only)

    def kurt(self, axis=None, skipna: bool = True, numeric_only: bool = False):
        """The sample excess kurtosis (Fisher, bias-corrected), as pandas' kurt."""
        return self._reduce("kurt", skipna, axis, numeric_only)

    kurtosis = kurt
    sem = _sem.series_sem

    def any(self, *, axis=0, bool_only: bool = False, skipna: bool = True):
        """Whether some value is true (non-zero); with skipna=False a missing value makes it
        <NA> unless a true value decides it, as pandas' nullable any. `bool_only` changes
        nothing, as for pandas' Series of these (extension) dtypes."""
        _series_axis(axis)
        return self._reduce("any", skipna)

    def all(self, *, axis=0, bool_only: bool = False, skipna: bool = True):
        """Whether every value is true (non-zero); with skipna=False a missing value makes it
        <NA> unless a false value decides it, as pandas' nullable all (`bool_only` as any's)."""
        _series_axis(axis)
        return self._reduce("all", skipna)

    def quantile(self, q=0.5, interpolation: str = "linear"):
        """The q quantile (<NA> skipped; linear interpolation in one query, pandas' other
        interpolations by cormorant.quantiles); a list of q gives a pandas Series indexed by q."""
        from cormorant import quantiles

        quantiles.check_interpolation(interpolation)
        if interpolation != "linear":
            return quantiles.series_quantile(self, q, interpolation)
        dtype = self._core.dtype
        if dtype.startswith(("datetime64", "timedelta64")):  # Timestamps or Timedeltas (NaT for none)
            qs = [float(v) for v in q] if pd.api.types.is_list_like(q) else [float(q)]
            found = self._frame()._core.quantiles(qs)
            values = [pd.NaT if v is None else _convert.engine_scalar(v, dtype) for v in found[0][1]]
            if not pd.api.types.is_list_like(q):
                return values[0]
            return pd.Series(values, index=pd.Index(qs, dtype="float64"), dtype=_convert.pandas_dtype(dtype),
                             name=self.name)
        if pd.api.types.is_list_like(q):
            from cormorant.summaries import quantile_table

            out = quantile_table(self.rename("__value__")._frame(), q)
            if out.shape[1] == 0:
                raise exceptions.DTypeError(f"quantile of dtype {self._core.dtype!r} is not supported; use a numeric Series")
            return out.iloc[:, 0].rename(self.name)
        value = dict(self._frame()._core.quantile(float(q)))
        result = next(iter(value.values()), None)
        return pd.NA if result is None else result

    def describe(self, percentiles=None, include=None, exclude=None) -> pd.Series:
        """pandas' Series.describe (see summaries.describe_1d); include and exclude have no
        effect on a Series, as in pandas."""
        from cormorant.summaries import _describe_percentiles, describe_1d

        return describe_1d(self, _describe_percentiles(percentiles))

    def nunique(self, dropna: bool = True):
        """The number of distinct values; with dropna=False a missing value counts as one more."""
        count = self._reduce("nunique", True)
        return count if dropna else count + int(bool(self.isna().any()))

    # -- elementwise methods (see cormorant.elementwise) ---------------------------------
    round = elementwise.round_
    clip = inplace_method(elementwise.clip, returns_self=True)
    between = elementwise.between
    isin = elementwise.isin
    where = inplace_method(elementwise.where, returns_self=True)
    mask = inplace_method(elementwise.mask, returns_self=True)
    fillna = inplace_method(elementwise.fillna, returns_self=True)
    replace = inplace_method(elementwise.replace, returns_self=True)
    combine_first = combining.combine_first
    align = combining.align
    update = combining.series_update
    equals = combining.equals
    reindex = reindexing.series_reindex
    reindex_like = reindexing.reindex_like
    map = elementwise.map_

    def apply(self, func, convert_dtype=None, args=(), *, by_row="compat", **kwargs):
        """pandas' Series.apply with a UDF (``@cpd.udf``) or a plain Python function (run as an
        unnamed session function: cormorant.session_functions): in the engine, value by value."""
        from cormorant import udf

        if isinstance(func, str):  # pandas: the method of that name
            return getattr(self, func)(*args, **kwargs)
        if (by_row is False or isinstance(func, np.ufunc)) and not isinstance(func, udf.Udf):
            return func(self, *args, **kwargs)  # pandas: the function of the whole Series
        return udf.series_apply(self, func, "Series.apply", None, args, kwargs)

    def transform(self, func, axis=0, *args, **kwargs):
        """pandas' Series.transform: a name, a function of each value, a list or a dict of them."""
        from cormorant import transform

        if axis not in (0, "index", "rows"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type Series")
        return transform.series_transform(self, func, args, kwargs)

    def combine(self, other, func, fill_value=None):
        """pandas' Series.combine with a UDF of two arguments or a plain Python function, aligned
        on the index."""
        if fill_value is not None:
            raise exceptions.UnsupportedError("Series.combine with a UDF does not take fill_value; use fillna() first")
        from cormorant import udf

        return udf.series_combine(self, other, func)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return elementwise.array_ufunc(self, ufunc, method, *inputs, **kwargs)

    # -- missing data and repeated values (see cormorant.missing) ------------------------
    @inplace_method
    def dropna(self, *, axis=0, how=None, ignore_index: bool = False):
        """The values that are not missing (`how` is unused, as in pandas)."""
        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
        out = self[self.notna()]
        return out.reset_index(drop=True) if ignore_index else out

    def duplicated(self, keep="first"):
        from cormorant import missing

        return missing.frame_duplicated(self.rename("__value__").to_frame(), keep=keep).rename(self.name)

    @inplace_method
    def drop_duplicates(self, *, keep="first", ignore_index: bool = False):
        from cormorant import missing

        out = missing.frame_drop_duplicates(self._frame(), keep=keep, ignore_index=ignore_index)
        return Series._from_frame(out, self.name)

    def value_counts(self, normalize=False, sort=True, ascending=False, bins=None, dropna=True):
        """How often each value occurs (see missing.series_value_counts); with `bins`, how many
        values fall in each bin, as a pandas Series indexed by the intervals (see
        binning.value_counts_by_bins)."""
        from cormorant import missing

        if bins is not None:
            from cormorant.binning import value_counts_by_bins

            return value_counts_by_bins(self, bins, normalize, sort, ascending, dropna)

        return missing.series_value_counts(self, normalize=normalize, sort=sort, ascending=ascending, dropna=dropna)

    def unique(self):
        from cormorant import missing

        return missing.series_unique(self)

    def nlargest(self, n=5, keep="first"):
        from cormorant import missing

        return missing.series_nlargest(self, n, largest=True, keep=keep)

    def nsmallest(self, n=5, keep="first"):
        from cormorant import missing

        return missing.series_nlargest(self, n, largest=False, keep=keep)

    def explode(self, *args, **kwargs):
        from cormorant import reshape

        return reshape.explode(self, *args, **kwargs)

    def to_frame(self, name=_NO_NAME):
        """pandas' to_frame: a one-column DataFrame labelled `name` (default: the Series' name,
        or 0 when it has none)."""
        return self._frame() if name is _NO_NAME else self.rename(name)._frame()

    def to_pandas(self) -> pd.Series:
        """Runs the plan and returns a pandas Series with nullable dtypes and the same index."""
        out = _convert.result_to_pandas(self._core.to_frame().to_arrow()).iloc[:, 0]
        out.name = self.name
        return _convert.with_freq_of(self, out)

    def peek(self, n: int = 5) -> pd.Series:
        """Any n values, without ordering, reading as little as possible (runs a query)."""
        return self._frame().peek(n).iloc[:, 0].rename(self.name)

    def to_pandas_batches(self, batch_size: int = 65536):
        """Runs the plan once and yields pandas Series of about batch_size values as the engine
        produces them, without materializing the whole result."""
        return output.batches(self, batch_size)

    @property
    def query_job(self):
        """The stats of the last query run in this Series' session (see DataFrame.query_job)."""
        return self._frame().query_job

    @property
    def is_unique(self) -> bool:
        """Whether no value repeats (missing values count as one value), as pandas' is_unique
        (runs a query)."""
        return not self.duplicated().any()

    def __repr__(self) -> str:
        return _convert.pandas_repr(self, "Length: {},")

    def __array__(self, dtype=None, copy=None):
        return self.to_pandas().to_numpy(dtype=dtype)

    # -- window operations (see cormorant.window) -----------------------------------------
    cumsum = window._series_cumulative("cumsum")
    cumprod = window._series_cumulative("cumprod")
    cummin = window._series_cumulative("cummin")
    cummax = window._series_cumulative("cummax")
    shift = window.series_shift

    # -- summaries and picks (cormorant.summaries, cormorant.selection) ---------------------
    mode = summaries.mode
    def tz_convert(self, tz, axis=0, level=None):
        """The datetime index (or its `level`) read in `tz` (see levels.index_tz)."""
        return self._via_frame("tz_convert", tz, axis, level)

    def tz_localize(self, tz, axis=0, level=None, ambiguous="raise", nonexistent="raise"):
        """The naive datetime index (or its `level`) localized to `tz` (see levels.index_tz)."""
        return self._via_frame("tz_localize", tz, axis, level, ambiguous=ambiguous, nonexistent=nonexistent)

    argsort = positions.argsort
    factorize = positions.factorize
    searchsorted = positions.searchsorted
    repeat = positions.repeat
    agg = aggregate = summaries.agg
    corr = summaries.corr
    cov = summaries.cov
    autocorr = summaries.autocorr
    case_when = summaries.case_when
    divmod = __divmod__ = summaries.divmod_
    rdivmod = __rdivmod__ = summaries.rdivmod
    take = selection.take
    sample = selection.sample
    def unstack(self, level=-1, fill_value=None, sort: bool = True):
        from cormorant import reshape

        return reshape.unstack(self, level, fill_value, sort)

    add_prefix = columnwise.series_add_prefix
    add_suffix = columnwise.series_add_suffix

    def to_csv(self, path_or_buf=None, **kwargs):
        """Writes CSV as pandas does, the Series as its to_frame(), with pandas' arguments (see
        DataFrame.to_csv); returns the text when no path is given."""
        return self.to_frame().to_csv(path_or_buf, **kwargs)

    to_csv.__signature__ = inspect.signature(output.frame_to_csv)
    filter = selection.filter_labels

    @property
    def is_monotonic_increasing(self) -> bool:
        return summaries.is_monotonic(self, increasing=True)

    @property
    def is_monotonic_decreasing(self) -> bool:
        return summaries.is_monotonic(self, increasing=False)

    @property
    def T(self):
        """The Series itself, as pandas' transpose of a Series."""
        return self

    def transpose(self, *args, **kwargs):
        return self

    @inplace_method
    def drop(self, labels=None, *, axis=0, index=None, columns=None, level=None, errors="raise"):
        """pandas' Series.drop: the rows whose index label is not one of `labels` (or `index`)."""
        if level is not None:
            from cormorant import by_level

            return by_level.drop(self, index if labels is None else labels, level, "index", errors)
        return selection.drop_rows(self, index if labels is None else labels, errors)
    diff = window.series_diff
    pct_change = window.series_pct_change
    rank = window.series_rank
    rolling = window.rolling
    ewm = window.ewm
    ffill = inplace_method(window.ffill, returns_self=True)
    bfill = inplace_method(window.bfill, returns_self=True)
    interpolate = inplace_method(interpolate_.series_interpolate, returns_self=True)
    plot = property(plotting.plot)
    hist = plotting.hist_series
    expanding = window.expanding

    # -- results in other forms (see cormorant.output; ResultForms has the shared ones) --------
    to_list = output.delegate("to_list", "The elements as a list of Python scalars (runs the query).")
    tolist = to_list
    items = output.series_items
    __iter__ = output.series_iter
    keys = output.series_keys
    empty = property(output.series_empty)
    item = output.item
    hasnans = property(output.hasnans)
    ndim = 1

    @property
    def dtypes(self):
        """The dtype (pandas' Series.dtypes)."""
        return self.dtype

    get = columnwise.get
    first_valid_index = columnwise.first_valid_index
    last_valid_index = columnwise.last_valid_index


def _series_axis(axis, none: bool = True) -> None:
    """A Series method's `axis`: pandas' only one (0, "index", "rows", and None where `none`)."""
    if (axis is None and none) or (axis is not None and axis in (0, "index", "rows")):
        return
    raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type Series")


take_pandas_arguments(Series, "Series", lambda _: pd.Series)
