"""Series: a lazy column."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, columnwise, combining, elementwise, exceptions, output
from cormorant import plotting, selection, summaries, window
from cormorant.indexing import CellAccess
from cormorant import _core


def reduction_result(func: str, cells):
    """pandas' result of a DataFrame reduction from (label, value, dtype name) per column.

    The engine computed every value; pandas itself reduces a one-row frame of them, so the
    result's dtype follows pandas' rules exactly (e.g. Int64 and Float64 columns give Float64).
    """
    labels = [label for label, _, _ in cells]
    index = pd.Index(labels, dtype=None if labels else object)
    if func in ("count", "nunique"):
        return pd.Series([value for _, value, _ in cells], index=index, dtype="int64")
    timedeltas = [dtype == _convert.TIMEDELTA for _, _, dtype in cells]
    if func in ("mean", "median", "std") and any(timedeltas):
        if not all(timedeltas):
            raise exceptions.UnsupportedError(
                f"DataFrame.{func} of timedelta columns with columns of other dtypes is not supported; "
                "select the timedelta columns (select_dtypes('timedelta')) or the numeric ones"
            )
        values = [_convert.engine_scalar(v, _convert.TIMEDELTA) if v is not None else pd.NaT for _, v, _ in cells]
        return pd.Series(values, index=index, dtype=_convert.pandas_dtype(_convert.TIMEDELTA))
    decimal_mean = func == "mean" and any(dtype == _convert.DECIMAL for _, _, dtype in cells)
    if func in ("mean", "median", "std", "var", "skew", "kurt") and not decimal_mean:
        return pd.Series([pd.NA if v is None else v for _, v, _ in cells], index=index, dtype="Float64")
    columns = {}
    for label, value, dtype in cells:
        if dtype in (_convert.TIMEDELTA, _convert.DECIMAL) and value is not None:
            value = _convert.engine_scalar(value, dtype)
        result_dtype = "Float64" if func in ("sum", "prod") and dtype == "Float64" else dtype
        if decimal_mean and dtype != _convert.DECIMAL:  # (a decimal's mean is a decimal, the others' Float64)
            result_dtype = "Float64"
        if func in ("sum", "prod") and dtype == "boolean":
            result_dtype = "Int64"
        columns[label] = pd.array([value], dtype=_convert.pandas_dtype(result_dtype))
    one_row = pd.DataFrame(columns, index=[0], columns=labels)
    return getattr(one_row, func)(skipna=False)


def _operand(other):
    if isinstance(other, Series):
        return other._core
    if isinstance(other, (pd.Series, pd.DataFrame)):
        raise exceptions.UnsupportedError(
            "operations between cormorant and pandas objects are not supported; "
            "bring the pandas object in with cpd.read_pandas() first"
        )
    return _convert.scalar(other)




def _is_frame(x) -> bool:
    """A cormorant DataFrame (its reflected operator takes a Series on the other side)."""
    from cormorant.frame import DataFrame

    return isinstance(x, DataFrame)


_COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")


_SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "truediv": "/", "floordiv": "//", "mod": "%", "pow": "**",
            "and": "&", "or": "|", "xor": "^"}


def none_compared(dtype: str, op: str, other):
    """The scalar a column of `dtype` meets for pandas' `column op other` when `other` is missing.

    Comparisons: pandas compares a number or boolean column with None (or NaT) as with NaN: ==
    is False, != True (<NA> stays <NA>), and <, <=, >, >= raise (pd.NA gives <NA> everywhere); a
    datetime column's <, <=, >, >= with None or pd.NA raise too (with NaT they are False).
    Arithmetic and logic: a number or boolean column with None raises, as in pandas (pd.NA and
    NaN give <NA>). A string column meets NaN as a missing string (pandas: <NA>)."""
    if dtype == "string" and isinstance(other, float) and other != other:
        return None
    if op not in _COMPARISONS:
        if other is None and dtype in ("Int64", "Float64", "boolean"):
            raise exceptions.DTypeError(
                f"unsupported operand type(s) for {_SYMBOLS.get(op, op)}: '{dtype}' and 'NoneType'; "
                "use pd.NA for a missing value")
        return other
    if not (other is None or other is pd.NaT or other is pd.NA):
        return other
    ordering = op not in ("eq", "ne")
    if ordering and (dtype.startswith(("datetime64", "timedelta64")) and other is not pd.NaT or
                     dtype in ("Int64", "Float64", "boolean") and other is not pd.NA):
        raise exceptions.DTypeError(f"Invalid comparison between dtype={dtype} and {type(other).__name__}")
    return float("nan") if dtype in ("Int64", "Float64", "boolean") and other is not pd.NA else other


def _missing_time_operand(dtype: str, op: str, value) -> bool:
    """Whether `column op value` is arithmetic of a datetime or timedelta column with a missing
    value pandas computes with: NaT (pandas' or NumPy's), or NaN with a timedelta column."""
    if op in _COMPARISONS or not dtype.startswith(("datetime64", "timedelta64")):
        return False
    if value is pd.NaT or isinstance(value, (np.datetime64, np.timedelta64)) and np.isnat(value):
        return True
    return dtype.startswith("timedelta64") and isinstance(value, float) and value != value


def missing_time_arithmetic(series, op: str, missing, reflected: bool):
    """`series op missing` (or `missing op series`; see _missing_time_operand) as pandas computes
    it: every value missing, in the dtype pandas gives. pandas takes NaT for a timedelta or a
    datetime by the operation (datetime + NaT is a datetime, datetime - NaT a timedelta; NumPy's
    NaT has its own kind, NaN is a number); the core, which cannot tell NaT from None, computes
    with a present stand-in of that kind and every row is then masked. An operation pandas
    refuses is a DTypeError."""
    dtype = _convert.pandas_dtype(series._core.dtype)
    name = f"__{'r' if reflected else ''}{op}__"
    empty = pd.Series([], dtype=dtype)
    where = f"{_SYMBOLS.get(op, op)} {missing!r}"
    try:
        want = getattr(empty, name)(missing)
        if want is NotImplemented:
            raise TypeError
    except TypeError:
        raise exceptions.DTypeError(f"Series {series.name!r}: unsupported operand for {dtype}: {where}") from None
    if isinstance(missing, float):
        stand_ins = (1.0,)
    else:
        timedelta, timestamp = pd.Timedelta(0), pd.Timestamp(0, tz=getattr(dtype, "tz", None))
        stand_ins = {np.timedelta64: (timedelta,), np.datetime64: (timestamp,)}.get(type(missing), (timedelta, timestamp))
    for stand_in in stand_ins:
        try:
            if getattr(empty, name)(stand_in).dtype.kind == want.dtype.kind:
                break
        except TypeError:
            continue
    else:
        raise exceptions.DTypeError(f"Series {series.name!r}: unsupported operand for {dtype}: {where}")
    stand_in = _convert.scalar(stand_in)
    result = Series(series._core.rbinary(op, stand_in) if reflected else series._core.binary(op, stand_in))
    return result.where(series.isna() & series.notna())  # never true: every row missing


def _binary(op: str):
    def method(self, other):
        if _is_frame(other):  # pandas: the Series lines up with the frame's columns
            return NotImplemented
        if _missing_time_operand(self._core.dtype, op, other):
            return missing_time_arithmetic(self, op, other, reflected=False)
        other = none_compared(self._core.dtype, op, other)
        return Series(self._core.binary(op, _operand(other)))

    method.__name__ = f"__{op}__"
    return method


def _reflected(op: str):
    def method(self, other):
        if _is_frame(other):
            return NotImplemented
        if _missing_time_operand(self._core.dtype, op, other):
            return missing_time_arithmetic(self, op, other, reflected=True)
        other = none_compared(self._core.dtype, op, other)
        return Series(self._core.rbinary(op, _operand(other)))

    method.__name__ = f"__r{op}__"
    return method


def _flex(op: str, reflected: bool = False):
    """pandas' flex method (s.add(other, fill_value=), s.lt(other), s.radd(other), ...): a cormorant
    Series aligns on the index, comparisons included (the operators refuse misaligned labels),
    and `fill_value` stands for a value only one side lacks; with a scalar, it fills this
    Series' missing values first."""
    operator = _reflected(op) if reflected else _binary(op)

    def method(self, other, level=None, fill_value=None, axis=0):
        if level is not None:
            raise exceptions.UnsupportedError(f"Series.{method.__name__}(level=...) is not supported")
        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for a Series")
        missing_fill = fill_value is None or (isinstance(fill_value, float) and fill_value != fill_value)
        if isinstance(other, Series):
            return Series(self._core.flex(op, other._core, None if missing_fill else fill_value, reflected))
        if not missing_fill and not _is_frame(other):
            if other is None or other is pd.NA or (isinstance(other, float) and other != other) or \
                    _missing_time_operand(self._core.dtype, op, other):
                return operator(self, fill_value)  # the other side is missing everywhere: filled
            self = self.fillna(fill_value)
        return operator(self, other)

    method.__name__ = ("r" if reflected else "") + op
    return method


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
    __add__ = _binary("add")
    __sub__ = _binary("sub")
    __mul__ = _binary("mul")
    __truediv__ = _binary("truediv")
    __floordiv__ = _binary("floordiv")
    __mod__ = _binary("mod")
    __pow__ = _binary("pow")
    __eq__ = _binary("eq")  # type: ignore[assignment]
    __ne__ = _binary("ne")  # type: ignore[assignment]
    __lt__ = _binary("lt")
    __le__ = _binary("le")
    __gt__ = _binary("gt")
    __ge__ = _binary("ge")
    __and__ = _binary("and")
    __or__ = _binary("or")
    __xor__ = _binary("xor")
    __radd__ = _reflected("add")
    __rsub__ = _reflected("sub")
    __rmul__ = _reflected("mul")
    __rtruediv__ = _reflected("truediv")
    __rfloordiv__ = _reflected("floordiv")
    __rmod__ = _reflected("mod")
    __rpow__ = _reflected("pow")
    __rand__ = _reflected("and")
    __ror__ = _reflected("or")
    __rxor__ = _reflected("xor")

    add = _flex("add")
    sub = subtract = _flex("sub")
    mul = multiply = _flex("mul")
    truediv = div = divide = _flex("truediv")
    floordiv = _flex("floordiv")
    mod = _flex("mod")
    pow = _flex("pow")
    radd = _flex("add", True)
    rsub = _flex("sub", True)
    rmul = _flex("mul", True)
    rtruediv = rdiv = _flex("truediv", True)
    rfloordiv = _flex("floordiv", True)
    rmod = _flex("mod", True)
    rpow = _flex("pow", True)
    eq = _flex("eq")
    ne = _flex("ne")
    lt = _flex("lt")
    le = _flex("le")
    gt = _flex("gt")
    ge = _flex("ge")
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
            from cormorant.frame import _unsupported

            raise exceptions.UnsupportedError(_unsupported("Series", name))
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

    def astype(self, dtype):
        return Series(self._core.astype(_convert.core_dtype(dtype)))

    def rename(self, name):
        return Series(self._core.rename(name))

    def head(self, n: int = 5):
        return self._via_frame("head", n)

    def tail(self, n: int = 5):
        return self._via_frame("tail", n)

    def sort_values(self, *, ascending: bool = True, na_position: str = "last", kind=None, ignore_index=False):
        frame = self._frame()
        out = frame.sort_values(frame._core.columns[0], ascending=ascending, na_position=na_position,
                                ignore_index=ignore_index)
        return Series._from_frame(out, self.name)

    def sort_index(self, *, ascending: bool = True, na_position: str = "last", kind=None):
        """Sorts by the index labels; stable (equal labels keep their order), as pandas' kind='stable'."""
        return self._via_frame("sort_index", ascending=ascending, na_position=na_position)

    def rename_axis(self, mapper):
        """The same Series with its index levels named `mapper` (a name, or one per level)."""
        return self._via_frame("rename_axis", mapper)

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
        from cormorant.groupby import DataFrameGroupBy, grouping

        if not as_index:
            raise exceptions.DTypeError("as_index=False only valid with DataFrame")
        value = "__groupby_value__"
        frame, keys, names = grouping(self.rename(value)._frame(), by, level)
        return DataFrameGroupBy(frame, keys, True, dropna, sort, [value], value,
                                index_names=names if names is not None else list(keys), result_name=self.name,
                                group_keys=group_keys, observed=observed)

    def reset_index(self, level=None, *, drop: bool = False):
        """pandas' Series.reset_index: a frame with the index levels (or those `level` names) as
        columns, or with `drop` the Series on the remaining levels."""
        if not drop:
            return self._frame().reset_index(level)
        return self._via_frame("reset_index", level, drop=True)

    def droplevel(self, level, axis=0):
        return self._via_frame("droplevel", level, axis)

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
        return self._frame().index

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
        if isinstance(key, slice):
            return self.iloc[key]
        from cormorant.indexing import _bool_mask

        if _bool_mask(key) is not None:  # a boolean mask by position, as pandas' s[[True, False, ...]]
            return self.iloc[key]
        return self.loc[key]

    # -- reductions --------------------------------------------------------------------
    def _reduce(self, func: str, skipna: bool):
        value = self._core.aggregate(func, skipna)
        dtype = self._core.dtype
        if value is None:  # pandas: NaT for a datetime64 or timedelta64 Series, NaN for a categorical, <NA> else
            if dtype == "category" and func not in ("count", "nunique"):
                return np.nan
            nat = dtype.startswith(("datetime64", "timedelta64"))
            return pd.NaT if nat and func not in ("count", "nunique") else pd.NA
        return _convert.engine_scalar(value, dtype)

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

    def sum(self, *, skipna: bool = True):
        return self._reduce("sum", skipna)

    def mean(self, *, skipna: bool = True):
        return self._reduce("mean", skipna)

    def min(self, *, skipna: bool = True):
        return self._reduce("min", skipna)

    def max(self, *, skipna: bool = True):
        return self._reduce("max", skipna)

    def count(self):
        return self._reduce("count", True)

    def median(self, *, skipna: bool = True):
        return self._reduce("median", skipna)

    def std(self, *, skipna: bool = True):
        return self._reduce("std", skipna)

    def var(self, *, skipna: bool = True):
        return self._reduce("var", skipna)

    def prod(self, *, skipna: bool = True):
        """The product (1 for no values); an Int64 product past 2**53 raises ArithmeticOverflowError."""
        return self._reduce("prod", skipna)

    product = prod

    def skew(self, *, skipna: bool = True):
        """The sample skewness (adjusted Fisher-Pearson), as pandas' skew."""
        return self._reduce("skew", skipna)

    def kurt(self, *, skipna: bool = True):
        """The sample excess kurtosis (Fisher, bias-corrected), as pandas' kurt."""
        return self._reduce("kurt", skipna)

    kurtosis = kurt

    def any(self, *, skipna: bool = True):
        """Whether some value is true (non-zero); with skipna=False a missing value makes it
        <NA> unless a true value decides it, as pandas' nullable any."""
        return self._reduce("any", skipna)

    def all(self, *, skipna: bool = True):
        """Whether every value is true (non-zero); with skipna=False a missing value makes it
        <NA> unless a false value decides it, as pandas' nullable all."""
        return self._reduce("all", skipna)

    def quantile(self, q=0.5):
        """The q quantile (linear interpolation, <NA> skipped); a list of q gives a pandas Series
        indexed by q, computed in one query."""
        if pd.api.types.is_list_like(q):
            from cormorant.summaries import quantile_table

            out = quantile_table(self.rename("__value__")._frame(), q)
            if out.shape[1] == 0:
                raise exceptions.DTypeError(f"quantile of dtype {self._core.dtype!r} is not supported; use a numeric Series")
            return out.iloc[:, 0].rename(self.name)
        value = dict(self._frame()._core.quantile(float(q)))
        result = next(iter(value.values()), None)
        return pd.NA if result is None else result

    def describe(self) -> pd.Series:
        out = self._frame().describe().iloc[:, 0]
        out.name = self.name
        return out

    def nunique(self, *, dropna: bool = True):
        if not dropna:
            raise exceptions.UnsupportedError("nunique(dropna=False) is not supported yet")
        return self._reduce("nunique", True)

    # -- elementwise methods (see cormorant.elementwise) ---------------------------------
    round = elementwise.round_
    clip = elementwise.clip
    between = elementwise.between
    isin = elementwise.isin
    where = elementwise.where
    mask = elementwise.mask
    fillna = elementwise.fillna
    replace = elementwise.replace
    combine_first = combining.combine_first
    align = combining.align
    update = combining.series_update
    equals = combining.equals
    reindex = combining.series_reindex
    reindex_like = combining.reindex_like
    map = elementwise.map_

    def apply(self, func, convert_dtype=None, args=(), *, by_row="compat", **kwargs):
        """pandas' Series.apply with a UDF (``@cpd.udf``): runs in the engine, row by row."""
        if args or kwargs:
            raise exceptions.UnsupportedError("Series.apply with a UDF takes no extra args; bind them inside the UDF")
        from cormorant import udf

        return udf.series_apply(self, func, "Series.apply")

    def combine(self, other, func, fill_value=None):
        """pandas' Series.combine with a UDF of two arguments, aligned on the index."""
        if fill_value is not None:
            raise exceptions.UnsupportedError("Series.combine with a UDF does not take fill_value; use fillna() first")
        from cormorant import udf

        return udf.series_combine(self, other, func)

    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        return elementwise.array_ufunc(self, ufunc, method, *inputs, **kwargs)

    # -- missing data and repeated values (see cormorant.missing) ------------------------
    def dropna(self, *, ignore_index: bool = False):
        out = self[self.notna()]
        return out.reset_index(drop=True) if ignore_index else out

    def duplicated(self, keep="first"):
        from cormorant import missing

        return missing.frame_duplicated(self.rename("__value__").to_frame(), keep=keep).rename(self.name)

    def drop_duplicates(self, *, keep="first", ignore_index: bool = False):
        from cormorant import missing

        out = missing.frame_drop_duplicates(self._frame(), keep=keep, ignore_index=ignore_index)
        return Series._from_frame(out, self.name)

    def value_counts(self, normalize=False, sort=True, ascending=False, dropna=True):
        from cormorant import missing

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
        return out

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

    def to_csv(self, path_or_buf=None, *, sep: str = ",", header: bool = True, index: bool = True):
        """Writes CSV as pandas does (the Series as one column); returns the text when no path
        is given."""
        return self._frame().to_csv(path_or_buf, sep=sep, header=header, index=index)
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

    def drop(self, labels=None, *, axis=0, index=None, columns=None, level=None, inplace=False, errors="raise"):
        """pandas' Series.drop: the rows whose index label is not one of `labels` (or `index`)."""
        if level is not None or inplace:
            raise exceptions.UnsupportedError("Series.drop supports neither level= nor inplace=True")
        return selection.drop_rows(self, index if labels is None else labels, errors)
    diff = window.series_diff
    pct_change = window.series_pct_change
    rank = window.series_rank
    rolling = window.rolling
    ffill = window.ffill
    bfill = window.bfill
    interpolate = window.series_interpolate
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
