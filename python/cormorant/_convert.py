"""Conversions between pandas/pyarrow and the core: dtypes, scalars, Arrow streams."""

from __future__ import annotations

import datetime
import decimal
import functools

from cormorant._lazy import np, pa, pd
from cormorant import exceptions


TIMEDELTA = "timedelta64[us]"  # the core's name of its timedelta dtype (pandas' own name)
DECIMAL = "decimal128(38, 9)[pyarrow]"  # the core's decimal dtype (bigframes' NUMERIC)
TIME = "time"  # the core's time of day: pandas' object column of datetime.time (NaT for missing)
BINARY = "binary[pyarrow]"  # the core's bytes dtype
# The core's integer dtypes besides Int64 (pandas' nullable ones; NumPy's int8.. are read as them).
NARROW_INTEGERS = ("Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64")
# The core's dtypes pandas holds as masked arrays: numbers and booleans (<NA> for missing).
MASKED = ("Int64", "Float64", "boolean", *NARROW_INTEGERS)


@functools.cache
def _pandas_dtypes() -> dict:
    """The pandas dtype of each dtype name the core reports (made on first use: pandas is
    imported only when needed)."""
    dtypes = {
        "boolean": pd.BooleanDtype(),
        "Int64": pd.Int64Dtype(),
        "Float64": pd.Float64Dtype(),
        "string": pd.StringDtype(na_value=pd.NA),
        "date32[day][pyarrow]": pd.ArrowDtype(pa.date32()),
        "datetime64[us]": np.dtype("datetime64[us]"),
        "datetime64[us, UTC]": pd.DatetimeTZDtype("us", "UTC"),
        "binary[pyarrow]": pd.ArrowDtype(pa.binary()),
        "decimal128(38, 9)[pyarrow]": pd.ArrowDtype(pa.decimal128(38, 9)),
        TIMEDELTA: np.dtype("timedelta64[us]"),
        TIME: np.dtype(object),
    }
    for name in NARROW_INTEGERS:  # Int8..UInt64
        dtypes[name] = pd.api.types.pandas_dtype(name)
    # The item types a list column may have (the core's list<item: T>[pyarrow]).
    for item in [pa.bool_(), pa.int64(), pa.float64(), pa.string(), pa.binary(), pa.decimal128(38, 9), pa.date32(),
                 pa.timestamp("us"), pa.timestamp("us", tz="UTC")]:
        dtypes[f"list<item: {item}>[pyarrow]"] = pd.ArrowDtype(pa.list_(item))
    return dtypes


@functools.cache
def _arrow_to_pandas() -> dict:
    """The pandas dtype of each Arrow type whose result columns do not take pyarrow's default."""
    dtypes = _pandas_dtypes()
    return {
        pa.bool_(): dtypes["boolean"],
        pa.int64(): dtypes["Int64"],
        pa.float64(): dtypes["Float64"],
        pa.string(): dtypes["string"],
        pa.large_string(): dtypes["string"],
        pa.date32(): dtypes["date32[day][pyarrow]"],
        **{getattr(pa, name.lower())(): dtypes[name] for name in NARROW_INTEGERS},
    }


INT64_MAX = 2**63 - 1


def refuse_decimals(dtypes: dict, labels, what: str) -> None:
    """Raises DTypeError naming the first decimal column among `labels`: pandas counts decimals as
    numbers (numeric_only keeps them) and computes `what` of them in floats or raises, where
    cormorant does neither; leaving them out would silently give fewer columns than pandas."""
    for label_ in labels:
        if dtypes.get(label_) == DECIMAL:
            raise exceptions.DTypeError(
                f"{what} of the decimal column {label_!r} is not supported; convert it with "
                "astype('Float64') first, or select the other columns"
            )


def is_int(x) -> bool:
    """An integer argument: a Python or numpy int, not a bool."""
    import numbers

    return isinstance(x, (numbers.Integral, np.integer)) and not isinstance(x, (bool, np.bool_))


def count(n, what: str = "n") -> int:
    """A count or position argument (rows, periods, bounds), checked like pandas checks it, as
    an int the core takes. Values past +-(2**63 - 1) become that bound: no frame or string
    is that long, so the result is the same (head(-2**70) is empty, head(2**70) everything)."""
    if not is_int(n):
        raise exceptions.DTypeError(f"{what} must be an int, not {type(n).__name__}")
    return max(-INT64_MAX, min(INT64_MAX, int(n)))


def int64(n, what: str = "n") -> int:
    """An integer argument pandas itself only takes within 64 bits (shift periods, a slice
    step, a window): IntegerOverflowError past that range, as pandas' OverflowError."""
    if not is_int(n):
        raise exceptions.DTypeError(f"{what} must be an int, not {type(n).__name__}")
    n = int(n)
    if not -INT64_MAX - 1 <= n <= INT64_MAX:
        raise exceptions.IntegerOverflowError(f"{what}={n} does not fit in 64 bits")
    return n


def _pandas_type_of_arrow(t: pa.DataType):
    """The pandas dtype a result column of Arrow type `t` becomes (None: pyarrow's default, e.g.
    timedelta64[us] for duration[us])."""
    found = _arrow_to_pandas().get(t)
    if found is None and (pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t)):
        return _pandas_dtypes()["binary[pyarrow]"]
    if found is None and pa.types.is_decimal(t):
        return pd.ArrowDtype(t)
    if found is None and (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t)
                          or pa.types.is_struct(t)):
        return pd.ArrowDtype(_nested_result_type(t))
    if found is None and pa.types.is_timestamp(t) and t.tz is not None:
        # The engine names UTC "Etc/UTC"; pandas calls it "UTC".
        return pd.DatetimeTZDtype("us", "UTC" if t.tz in ("UTC", "Etc/UTC") else t.tz)
    return found


def _nested_result_type(t: pa.DataType) -> pa.DataType:
    """The Arrow type pandas holds for a result's list or struct of Arrow type `t`, or for one of
    their items or fields: the engine's large strings and bytes as pyarrow's default ones (as
    pandas builds them from Python values), its "Etc/UTC" as "UTC"."""
    if pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return pa.binary()
    if pa.types.is_timestamp(t) and t.tz in ("UTC", "Etc/UTC"):
        return pa.timestamp("us", tz="UTC")
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t):
        return pa.list_(_nested_result_type(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _nested_result_type(f.type)) for f in t])
    return t


# pyarrow's factory of each simple type the core names (by name: importing cormorant loads no pyarrow)
_ARROW_NAMES = {"bool": "bool_", "int64": "int64", "double": "float64", "string": "string",
                "binary": "binary", "date32[day]": "date32"}


def _arrow_type_of_name(name: str) -> pa.DataType:
    """The Arrow type pyarrow names `name` (the core's names of list items and struct fields)."""
    if name in _ARROW_NAMES:
        return getattr(pa, _ARROW_NAMES[name])()
    if name == "decimal128(38, 9)":
        return pa.decimal128(38, 9)
    if name == "timestamp[us]":
        return pa.timestamp("us")
    if name.startswith("timestamp[us, tz="):
        return pa.timestamp("us", tz=name[len("timestamp[us, tz="):-1])
    if name.startswith("list<item: "):
        return pa.list_(_arrow_type_of_name(name[len("list<item: "):-1]))
    if name.startswith("struct<"):
        body, parts, depth, start = name[len("struct<"):-1], [], 0, 0
        for i, c in enumerate(body):  # split at ", " outside brackets (field names hold neither)
            if c in "<[(":
                depth += 1
            elif c in ">])":
                depth -= 1
            elif depth == 0 and body.startswith(", ", i):
                parts.append(body[start:i])
                start = i + 2
        parts.append(body[start:])
        return pa.struct([pa.field(field, _arrow_type_of_name(type_name))
                          for field, _, type_name in (part.partition(": ") for part in parts)])
    raise exceptions.InternalError(f"no Arrow type is named {name!r}")


_AWARE_PREFIX = "datetime64[us, "


def engine_scalar(value, dtype: str):
    """A scalar the engine gave for a value of core dtype `dtype`, as pandas gives it: dates and
    timestamps come as ISO text (an aware timestamp's text is its UTC instant)."""
    if dtype == "date32[day][pyarrow]" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if dtype == TIME and isinstance(value, str):
        return datetime.time.fromisoformat(value)
    if dtype == TIMEDELTA and isinstance(value, str):  # its microseconds
        return pd.Timedelta(int(value), unit="us")
    if dtype == DECIMAL and isinstance(value, str):  # its text, scale 9 (pandas' Decimal)
        return decimal.Decimal(value)
    if dtype.startswith("datetime64") and isinstance(value, str):
        zone = time_zone(dtype)
        return pd.Timestamp(value) if zone is None else pd.Timestamp(value, tz="UTC").tz_convert(zone)
    return value


def pandas_dtype(name: str):
    """The pandas dtype object for a core dtype name ("datetime64[us, <zone>]" keeps its zone)."""
    if name.startswith(_AWARE_PREFIX):
        return pd.DatetimeTZDtype("us", name[len(_AWARE_PREFIX) : -1])
    if name.startswith("struct<"):
        return pd.ArrowDtype(_arrow_type_of_name(name[: -len("[pyarrow]")]))
    return _pandas_dtypes()[name]


def time_zone(name: str):
    """The zone of a core dtype name ("US/Eastern"), None for a naive or non-datetime one."""
    return name[len(_AWARE_PREFIX) : -1] if name.startswith(_AWARE_PREFIX) else None


def zone_name(tz) -> str:
    """The IANA name of a time zone as pandas users give it (a name, a zoneinfo/pytz zone,
    datetime.timezone.utc); raises InvalidArgumentError for an unknown zone and for fixed
    offsets, which the engine cannot read as a zone."""
    import datetime

    if tz is datetime.timezone.utc:
        return "UTC"
    try:
        resolved = pd.DatetimeTZDtype("us", tz).tz
    except Exception as e:  # pandas raises ZoneInfoNotFoundError, TypeError, ValueError...
        raise exceptions.InvalidArgumentError(f"unknown time zone {tz!r}; give an IANA name such as 'US/Eastern'") from e
    name = getattr(resolved, "key", None) or getattr(resolved, "zone", None) or str(resolved)
    if name in ("UTC", "Etc/UTC", "utc") or resolved is datetime.timezone.utc:
        return "UTC"
    if isinstance(resolved, datetime.timezone) or "/" not in name and not name.isalpha():
        raise exceptions.UnsupportedError(
            f"time zone {tz!r} is a fixed UTC offset, which cormorant does not support; use an IANA zone or 'UTC'"
        )
    return name


def dtype_name(dtype) -> str:
    """The core's name for a dtype given the ways pandas users spell it."""
    if dtype in (int, "int"):
        return "Int64"
    if dtype in (float, "float"):
        return "Float64"
    if dtype in (bool, "bool"):
        return "boolean"
    if dtype in (str, "str"):
        return "string"
    if isinstance(dtype, str):
        return dtype
    try:
        resolved = pd.api.types.pandas_dtype(dtype)
    except TypeError as e:
        raise exceptions.DTypeError(f"{dtype!r} is not a dtype; use e.g. 'Int64', 'Float64', 'boolean' or 'string'") from e
    if isinstance(resolved, pd.StringDtype):
        return "string"
    return str(resolved)


def scalar(value):
    """A Python scalar the core accepts: numpy scalars unwrapped, pandas' missing values as None,
    dates and timestamps (datetime.date, datetime.datetime, pd.Timestamp, numpy.datetime64) as
    the core's typed Moment, so the core compares them with columns by pandas' rules."""
    import datetime

    from cormorant import _core

    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, decimal.Decimal):
        return _core.Moment(DECIMAL, decimal_text(value))
    if isinstance(value, (datetime.timedelta, np.timedelta64)):  # pd.Timedelta is a datetime.timedelta
        if isinstance(value, np.timedelta64) and np.isnat(value):
            return None
        return _core.Moment(TIMEDELTA, str(timedelta_micros(value)))
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        value = pd.Timestamp(value)
    if isinstance(value, datetime.datetime):
        ts = pd.Timestamp(value).floor("us") if pd.Timestamp(value).nanosecond else pd.Timestamp(value)
        if ts.tzinfo is None:
            return _core.Moment("datetime64[us]", ts.isoformat(sep=" "))
        utc = ts.tz_convert("UTC").tz_localize(None).isoformat(sep=" ") + "+00:00"
        return _core.Moment(f"datetime64[us, {zone_name(ts.tz)}]", utc)
    if isinstance(value, datetime.date):
        return _core.Moment("date32[day][pyarrow]", value.isoformat())
    if isinstance(value, datetime.time):
        if value.tzinfo is not None:
            raise exceptions.UnsupportedError(f"a time of day with a time zone ({value!r}) is not supported; "
                                              "give a naive datetime.time")
        return _core.Moment(TIME, value.isoformat())
    if isinstance(value, np.generic):
        return value.item()
    return value


_NANO = decimal.Decimal("1e-9")
_EXACT = decimal.Context(prec=80)


def decimal_text(value: decimal.Decimal) -> str:
    """A Decimal constant's text at scale 9 ("1.500000000"); UnsupportedError for one that
    decimal128(38, 9) cannot hold exactly (finer than 1e-9, 10**29 or more, NaN, infinite)."""
    if value.is_finite():
        scaled = value.quantize(_NANO, context=_EXACT)
        if scaled == value and scaled.copy_abs() < 10**29:  # (copy_abs: exact; abs() rounds to 28 digits)
            return format(scaled, "f")
    raise exceptions.UnsupportedError(
        f"Decimal({str(value)!r}) does not fit decimal128(38, 9) exactly (at most 29 digits before the point and 9 "
        "after); round it first")


def timedelta_micros(value) -> int:
    """The whole microseconds of a pd.Timedelta / datetime.timedelta / np.timedelta64;
    InvalidArgumentError for a value finer than that (timedelta64[us] cannot hold it)."""
    nanos = pd.Timedelta(value).value
    if nanos % 1000:
        raise exceptions.InvalidArgumentError(
            f"{value!r} is not a whole number of microseconds; timedelta64[us] and datetime64[us] values cannot hold it"
        )
    return nanos // 1000


def label(x):
    """A column label as the core takes it: numpy scalars unwrapped; refuses what pandas
    itself never makes a label of (cormorant carries str, int, float, bool, None, Timestamps,
    Timedeltas, dates and tuples of these)."""
    if x is None or type(x) in (str, int, float, bool):  # (the common labels: no NumPy or pandas loaded)
        return _plain_label(x)
    if isinstance(x, tuple):
        return tuple(label(item) for item in x)
    if isinstance(x, np.generic):
        return label(x.item())
    if x is pd.NaT:  # (a missing Timestamp of an index T makes labels of: None, which pandas reads as NaT there)
        return None
    if isinstance(x, (str, int, float)):
        return _plain_label(x)
    from cormorant import temporal_labels

    if temporal_labels.parts(x) is not None:  # (raises for one the core cannot carry)
        return x
    raise exceptions.UnsupportedError(
        f"column label {x!r} of type {type(x).__name__} is not supported; use strings, numbers, booleans, None, "
        "Timestamps, Timedeltas, dates or tuples of these (e.g. df.columns = df.columns.astype(str))"
    )


def _plain_label(x):
    """A label of str, int, float, bool or None as it is, an int past int64 refused."""
    if isinstance(x, int) and not isinstance(x, bool) and not -(2**63) <= x < 2**63:
        raise exceptions.UnsupportedError(f"column label {x!r} does not fit in int64; use a smaller number or a string")
    return x


def labels(xs) -> list:
    """Column labels as the core takes them (see label)."""
    return [label(x) for x in xs]


def columns_index(labels, levels=()) -> pd.Index:
    """pandas' columns of these labels: a MultiIndex when every label is a tuple of one length
    (two or more), else an Index (pandas' own inference: int64 for integers, str for strings,
    object for a mix). `levels` are the core's (name, dtype name or None) of each level of the
    columns axis, one per level or none: pandas' df.columns.names, and the dtype a level keeps
    (pivot's labels keep the dtype of the pivoted column)."""
    labels = list(labels)
    levels = list(levels)

    def level(values, i):
        name, dtype = levels[i] if i < len(levels) else (None, None)
        if dtype is not None and all(v is not None for v in values):
            try:  # (labels changed since, add_suffix's text of times: pandas infers their dtype)
                return pd.Index(values, dtype=pandas_dtype(dtype), name=name, tupleize_cols=False)
            except (TypeError, ValueError, pa.ArrowInvalid):
                pass
        return pd.Index(values, dtype=None if values else object, name=name, tupleize_cols=False)

    if not labels and len(levels) > 1:  # no columns left on a MultiIndex axis: pandas keeps its levels
        return pd.MultiIndex.from_arrays([level([], i) for i in range(len(levels))])
    width = len(labels[0]) if labels and isinstance(labels[0], tuple) else 0
    if width >= 2 and all(isinstance(x, tuple) and len(x) == width for x in labels):
        arrays = [level([x[i] for x in labels], i) for i in range(width)]
        return pd.MultiIndex.from_arrays(arrays)
    return level(labels, 0)


def column_levels(columns: pd.Index) -> list:
    """The (name, dtype name or None) of each level of pandas columns, as the core keeps them:
    a dtype for a level of one of the core's nullable or temporal dtypes (else pandas infers it)."""
    index_levels = [columns.get_level_values(i) for i in range(columns.nlevels)]
    out = []
    for values, name in zip(index_levels, columns.names):
        dtype = None
        if isinstance(values.dtype, (pd.Int64Dtype, pd.Float64Dtype, pd.BooleanDtype)):
            dtype = str(values.dtype)
        elif isinstance(values.dtype, pd.StringDtype) and values.dtype.na_value is pd.NA:
            dtype = "string"
        elif values.dtype.kind in "mM" or str(values.dtype) == "date32[day][pyarrow]":  # (T of such an index)
            core = dtype_name(values.dtype)
            dtype = core if core in _pandas_dtypes() or core.startswith(_AWARE_PREFIX) else None
        out.append((label(name), dtype))
    return out if any(n is not None or d is not None for n, d in out) else []


def result_to_pandas(result) -> pd.DataFrame:
    """A pandas DataFrame from a core Result: its leading columns become the index. The frame
    is put together from its columns' arrays as they are (pandas' create_dataframe_from_blocks:
    no inference, no copy), which is a third of the cost of pandas' constructor on a small
    result."""
    from pandas.api.internals import create_dataframe_from_blocks

    table = pa.table(result)
    levels = len(result.index_names)
    # Arrow names are placeholders: labels may repeat, hold a NUL, or not be strings at all.
    blocks = [(_block_array(_result_array(table, levels + i)), np.array([i])) for i in range(table.num_columns - levels)]
    return create_dataframe_from_blocks(blocks, index=_result_index(result, table, levels),
                                        columns=_columns_of(result.labels, result.column_levels))


# pandas' freq of an index, by the id of its one level's column (unique in the process): the
# objects computed from a resample result, or from a frame read with read_pandas, that still
# hold rows of that index (column selections, arithmetic, shift, fillna, slices, masks) keep it.
_FREQ_OF_INDEX: dict = {}


def with_index_freq(obj, freq):
    """`obj` (a DataFrame or Series), whose DatetimeIndex comes to pandas with `freq` (pandas'
    freq of a resample result, or of a date_range read by read_pandas), as do the objects
    computed from it that keep rows of that index (see with_freq_of)."""
    obj._index_freq = (obj._core, freq)
    ids = _index_ids(obj)
    if freq is not None and len(ids) == 1:
        _FREQ_OF_INDEX[ids[0]] = freq
    elif len(ids) == 1:  # (an earlier result of the same index's column, e.g. another resample rule, had one)
        _FREQ_OF_INDEX.pop(ids[0], None)
    return obj


def _index_ids(obj) -> list:
    core = obj._core
    return list((core if hasattr(core, "index_ids") else core.to_frame()).index_ids)


def has_index_freq(obj) -> bool:
    """Whether `obj`'s index is one a freq was given to (with_index_freq)."""
    ids = _index_ids(obj)
    return len(ids) == 1 and ids[0] in _FREQ_OF_INDEX


def _freq_of_rows(index, freq):
    """pandas' freq of `index`, rows of an index of freq `freq` (unique, regular): pandas keeps
    it where the rows are a slice of that index (step 1 or -1 here: `freq` or `-freq`), and
    gives None elsewhere."""
    if len(index) <= 1:
        return freq
    for candidate in (freq, -freq):
        try:
            return pd.DatetimeIndex(index, freq=candidate).freq
        except ValueError:  # (the labels do not follow it)
            continue
    return None


def with_freq_of(obj, out):
    """`out` (obj's pandas result, or its index) with pandas' freq of obj's index: the one
    with_index_freq gave obj, or the one of the index obj's rows are of."""
    kept = getattr(obj, "_index_freq", None)
    index = out if isinstance(out, pd.Index) else out.index
    if not isinstance(index, pd.DatetimeIndex):
        return out
    if kept is not None and kept[0] is obj._core:
        freq = kept[1]
        if freq is None:
            return out
        try:
            index = pd.DatetimeIndex(index, freq=freq)
        except ValueError:  # (the labels do not follow it)
            return out
    else:
        ids = _index_ids(obj)
        freq = _FREQ_OF_INDEX.get(ids[0]) if len(ids) == 1 else None
        freq = None if freq is None else _freq_of_rows(index, freq)
        if freq is None:
            return out
        index = pd.DatetimeIndex(index, freq=freq)
    if isinstance(out, pd.Index):
        return index
    out.index = index
    return out


def _result_index(result, table: pa.Table, levels: int) -> pd.Index:
    """The index of a result whose first `levels` columns hold it."""
    n = table.num_rows
    if levels == 0:
        return pd.RangeIndex(n)
    if result.default_index:
        # The sequential default index: int64 like pandas', a RangeIndex while unbroken.
        labels = table.column(0).to_numpy()
        # n strictly increasing integers from 0 to n - 1 are 0..n-1 (no arange of n to compare with).
        unbroken = n == 0 or (labels[0] == 0 and labels[-1] == n - 1 and bool((labels[1:] > labels[:-1]).all()))
        return pd.RangeIndex(n) if unbroken else pd.Index(labels, dtype="int64")
    arrays = [_result_array(table, i) for i in range(levels)]
    if levels == 1:
        return pd.Index(arrays[0], name=result.index_names[0])
    return pd.MultiIndex.from_arrays(arrays, names=list(result.index_names))


def _block_array(array):
    """A column's array as a block of pandas' frame holds it: an extension array as it is, a
    numpy array as one row of a 2-D block."""
    if isinstance(array, pd.arrays.NumpyExtensionArray):
        array = array.to_numpy()
    return array.reshape(1, -1) if isinstance(array, np.ndarray) else array


def _label_key(x):
    """A key that tells labels apart as pandas does: 0, 0.0 and False are equal in Python, not
    as labels (they make an int64, a float64 or an object Index)."""
    return (tuple, tuple(_label_key(v) for v in x)) if isinstance(x, tuple) else (type(x), x)


_COLUMNS: dict = {}  # the columns Index of each (labels, levels) seen lately (see _columns_of)


def _columns_of(labels, levels) -> pd.Index:
    """columns_index(labels, levels), remembered: a query's result has the same labels each
    time it runs. Each frame gets its own view of the Index (pandas lets a user rename it)."""
    key = (tuple(_label_key(x) for x in labels), tuple((_label_key(n), d) for n, d in levels))
    columns = _COLUMNS.get(key)
    if columns is None:
        if len(_COLUMNS) >= 256:
            _COLUMNS.clear()
        columns = _COLUMNS[key] = columns_index(labels, levels)
    return columns.view()


def _result_array(table: pa.Table, i: int):
    """Column i of a result as pandas holds it: a categorical whose categories pandas holds in
    another dtype than the Arrow dictionary's (Int64, string, intervals) says so in its field's
    metadata (the core's Categories::pandas), and gets them."""
    array = _pandas_array(table.column(i))
    metadata = table.schema.field(i).metadata
    held_as = metadata.get(b"cormorant.categories") if metadata else None
    if held_as is None:
        return array
    values = array.categories
    categories = categories_index(list(values), "", held_as.decode())
    return pd.Categorical.from_codes(array.codes, dtype=pd.CategoricalDtype(categories, ordered=array.ordered))


def _pandas_array(column: pa.ChunkedArray):
    """A result column as the array pandas holds: what pyarrow's to_pandas with
    _pandas_type_of_arrow makes of it (the extension dtype's __from_arrow__, as pyarrow calls
    it), without building a whole frame through pyarrow (a third of a millisecond a query)."""
    t = column.type
    if column.num_chunks == 1 and (t == pa.int64() or t == pa.float64()):
        return _masked_numbers(column.chunk(0), t == pa.int64())
    if pa.types.is_time(t):  # pandas' dt.time: datetime.time objects, NaT for missing
        values = column.to_numpy(zero_copy_only=False).astype(object)
        values[column.is_null().to_numpy(zero_copy_only=False)] = pd.NaT
        return values
    dtype = _pandas_type_of_arrow(t)
    if dtype is not None and hasattr(dtype, "__from_arrow__"):
        return dtype.__from_arrow__(column)
    return column.to_pandas(types_mapper=_pandas_type_of_arrow).array


def _masked_numbers(chunk: pa.Array, integers: bool):
    """An Int64 or Float64 array of one Arrow chunk of int64 or double, as pandas'
    __from_arrow__ makes it (its own copy of the values, missing where Arrow has nulls, and
    where a double is NaN unless pandas' future.distinguish_nan_and_na is set) in a third of
    its time."""
    from pandas._config import is_nan_na  # (the option's own reader: pd.get_option costs 5 us)

    n = len(chunk)
    dtype = np.int64 if integers else np.float64
    values = np.frombuffer(chunk.buffers()[1], dtype=dtype, count=n, offset=chunk.offset * 8).copy() if n else np.empty(0, dtype)
    mask = chunk.is_null().to_numpy(zero_copy_only=False) if chunk.null_count else np.zeros(n, dtype=bool)
    if not integers and is_nan_na():
        mask |= np.isnan(values)
    return (pd.arrays.IntegerArray if integers else pd.arrays.FloatingArray)(values, mask)


def core_dtype(dtype):
    """A dtype as the core's astype takes it: a categorical with its categories as
    (categories, their dtype name, ordered), any other dtype by its core name (see dtype_name)."""
    if isinstance(dtype, pd.CategoricalDtype) and dtype.categories is not None:
        return categorical_spec("the dtype", None, dtype)[1:]
    if isinstance(dtype, pd.CategoricalDtype):
        return "category"
    return dtype_name(dtype)


def categorical_dtype(spec) -> pd.CategoricalDtype:
    """pandas' CategoricalDtype of the core's (categories, their dtype name, ordered, their
    pandas dtype where the dtype name does not say it)."""
    values, dtype, ordered, held_as = spec
    return pd.CategoricalDtype(categories_index(values, dtype, held_as), ordered=ordered)


def categories_index(values, dtype: str, held_as: str) -> pd.Index:
    """pandas' categories of the core's: `values` of the core's `dtype` ("Int64", "Float64",
    "string"), in pandas' nullable dtype `held_as` names, or intervals held as their text
    ("interval[float64, right]"), or else in pandas' default dtype (int64, float64, str)."""
    if held_as.startswith("interval["):
        interval = pd.api.types.pandas_dtype(held_as)
        bounds = [text[1:-1].split(", ") for text in values]
        convert = int if interval.subtype.kind in "iu" else float
        return pd.IntervalIndex.from_tuples([(convert(a), convert(b)) for a, b in bounds], closed=interval.closed,
                                            dtype=interval)
    if held_as:
        return pd.Index(values, dtype=held_as)
    return pd.Index(values, dtype={"Int64": "int64", "Float64": "float64"}.get(dtype))  # text: str


def categorical_spec(what: str, name, dtype) -> tuple:
    """(name, categories, their core dtype name, ordered, their pandas dtype where the core
    name does not say it: see categories_index) of a pandas CategoricalDtype; `what` names
    the column in errors (categories must be integers, floats, strings or intervals of numbers)."""
    categories = dtype.categories
    held_as = ""
    if isinstance(categories.dtype, (pd.Int64Dtype, pd.Float64Dtype)):
        held_as = str(categories.dtype)  # pandas' nullable Int64, Float64
    elif isinstance(categories.dtype, pd.StringDtype) and categories.dtype.na_value is pd.NA:
        held_as = "string"  # (pandas' default text dtype, str, has NaN for missing)
    if isinstance(categories, pd.IntervalIndex) and categories.dtype.subtype.kind in "iuf":
        return (name, [str(c) for c in categories], "string", bool(dtype.ordered), str(categories.dtype))
    if pd.api.types.is_integer_dtype(categories.dtype) and not pd.api.types.is_bool_dtype(categories.dtype):
        values = "Int64"
    elif pd.api.types.is_float_dtype(categories.dtype):
        values = "Float64"
    elif pd.api.types.is_string_dtype(categories.dtype) and all(isinstance(c, str) for c in categories):
        values = "string"
    else:
        raise exceptions.DTypeError(
            f"{what} is categorical with categories of dtype {categories.dtype}; cormorant's categories may be "
            "integers, floats, strings or intervals of numbers so far: convert it with astype() first"
        )
    if held_as and values != held_as:  # (UInt64, ...: pandas' default dtype of the core's)
        held_as = ""
    return (name, [scalar(c) for c in categories], values, bool(dtype.ordered), held_as)


def shown_rows(obj):
    """The pandas object pandas would display for a cormorant DataFrame or Series, fetching only
    the rows pandas shows, and the real row count. With more than display.max_rows rows: the
    first and last min_rows/2 around stand-in rows, so that pandas lays out and truncates it
    as it would the whole result (the caller corrects the row count pandas prints). Without
    an order (partial mode): any 2 * (min_rows/2) rows."""
    max_rows = pd.get_option("display.max_rows")
    rows = len(obj)
    if max_rows is None or rows <= max_rows:
        return obj.to_pandas(), rows
    half = max(1, (pd.get_option("display.min_rows") or 10) // 2)
    frame = obj._frame() if hasattr(obj, "_frame") else obj
    if not frame._core.ordered:
        shown = result_to_pandas(frame._core.peek(2 * half).to_arrow())
        return (shown if frame is obj else shown.iloc[:, 0].rename(obj.name)), rows
    head, tail = obj.head(half).to_pandas(), obj.tail(half).to_pandas()
    if not frame._core.index_names:  # a NULL index prints as positions, as pandas' RangeIndex would
        head.index, tail.index = pd.RangeIndex(len(head)), pd.RangeIndex(rows - len(tail), rows)
    return pd.concat([head, head.iloc[[0] * (max_rows + 1 - 2 * half)], tail]), rows


def pandas_repr(obj, footer: str) -> str:
    """repr of a cormorant DataFrame or Series exactly as pandas prints it, fetching only the
    rows pandas shows (see shown_rows); `footer` (e.g. "[{} rows x" or "Length: {},") formatted
    with the stand-in's row count is corrected to the real one."""
    shown, rows = shown_rows(obj)
    frame = obj._frame() if hasattr(obj, "_frame") else obj
    if len(shown) == rows:
        return repr(shown)
    if not frame._core.ordered:
        # No order (partial mode): any rows, said so, rather than a first and last that do not exist.
        return f"{shown!r}\n\n[{rows} rows; {len(shown)} arbitrary rows shown: the object has no order, sort_values() gives one]"
    return repr(shown).replace(footer.format(len(shown)), footer.format(rows))


def query_stats_series(stats) -> pd.Series:
    """Query stats (a dry run's estimate or a finished query's measurement) as a pandas Series."""
    return pd.Series(
        {
            "bytes_processed": stats.bytes_processed,
            "files_scanned": stats.files_scanned,
            "files_total": stats.files_total,
            "row_groups_scanned": stats.row_groups_scanned,
            "row_groups_total": stats.row_groups_total,
            "pushed_down": list(stats.pushed_down),
            "sql": stats.sql,
        },
        dtype=object,
    )
