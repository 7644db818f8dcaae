"""pandas data into the core: a DataFrame as an Arrow stream of the core's canonical types
(read_pandas), with typed errors naming the column Arrow or the core cannot hold."""

from __future__ import annotations

import datetime
import decimal

from cormorant._lazy import np, pa, pd
from cormorant import exceptions
from cormorant._convert import categorical_spec, column_levels, label, zone_name


def _canonical_arrow_type(what: str, t: pa.DataType, int64_only: bool = False) -> pa.DataType:
    """The core's type of an Arrow type; `what` names the column (or index) in errors. Integers
    keep their width and signedness but where `int64_only`: a list's items, a struct's fields and
    the index (joins and alignment take Int64 keys) are int64."""
    if pa.types.is_boolean(t):
        return pa.bool_()
    if pa.types.is_integer(t):
        return pa.int64() if int64_only else t
    if pa.types.is_floating(t):
        return pa.float64()
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.large_string()
    if pa.types.is_null(t):
        raise exceptions.DTypeError(
            f"{what} has no values to infer a dtype from; give it a dtype with astype() first"
        )
    if pa.types.is_date32(t):
        return t
    if pa.types.is_time(t) and not int64_only:  # (not in lists, structs or the index yet)
        return pa.time64("us")
    if pa.types.is_duration(t):
        return pa.duration("us")
    if pa.types.is_timestamp(t):
        # Aware values keep their zone (the values are UTC instants either way).
        return pa.timestamp("us", tz=zone_name(t.tz)) if t.tz else pa.timestamp("us")
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t) or pa.types.is_fixed_size_binary(t):
        return pa.large_binary()
    if pa.types.is_decimal(t) and t.scale <= 9 and t.precision - t.scale <= 29 and t.scale >= 0:
        return pa.decimal128(38, 9)  # exact: every value of t fits
    if pa.types.is_struct(t):
        return _canonical_struct_type(what, t)
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_fixed_size_list(t):
        item = t.value_type
        if pa.types.is_null(item):
            raise exceptions.DTypeError(f"{what} holds lists with no items to infer their type from; give it a dtype")
        if not (pa.types.is_list(item) or pa.types.is_large_list(item) or pa.types.is_struct(item)):
            canonical = _canonical_arrow_type(what, item, int64_only=True)
            if not (pa.types.is_timestamp(canonical) and canonical.tz not in (None, "UTC")):
                return pa.list_(canonical)
    raise exceptions.DTypeError(
        f"{what} has dtype {t}, which cormorant does not support yet; convert it to Int64, Float64, "
        "boolean, string, datetime64, timedelta64, binary, decimal128(38, 9), a list of these or a struct first"
    )


def _canonical_struct_type(what: str, t: pa.DataType) -> pa.DataType:
    """The core's type of a struct type: each field's canonical type (numbers, booleans, text,
    bytes, decimals, dates, naive or UTC timestamps, lists of those and structs). The names must
    be pandas dtype names that read back unambiguously, and differ beyond case (the engine's
    STRUCT compares names ignoring case)."""
    if t.num_fields == 0:
        raise exceptions.DTypeError(f"{what} holds structs without fields, which cormorant does not support")
    seen = {}
    fields = []
    for f in t:
        if not f.name or any(bad in f.name for bad in (", ", ": ", "<", ">", "[", "]", "(", ")")):
            raise exceptions.DTypeError(
                f"{what} has a struct field named {f.name!r}, which cormorant does not support; name fields "
                "without ', ', ': ' and brackets (the dtype's name would be ambiguous)")
        if f.name.lower() in seen:
            raise exceptions.DTypeError(
                f"{what} has struct fields {seen[f.name.lower()]!r} and {f.name!r}, which differ only in case "
                "(or not at all); the engine cannot tell them apart: rename one")
        seen[f.name.lower()] = f.name
        field_what = f"{what} (struct field {f.name!r})"
        if pa.types.is_duration(f.type) or pa.types.is_dictionary(f.type):
            raise exceptions.DTypeError(f"{field_what} has dtype {f.type}, which a struct field cannot have yet")
        canonical = _canonical_arrow_type(field_what, f.type, int64_only=True)
        if pa.types.is_timestamp(canonical) and canonical.tz not in (None, "UTC"):
            raise exceptions.DTypeError(
                f"{field_what} holds times in zone {canonical.tz}; a struct field's times are naive or UTC: "
                "convert them to UTC first")
        fields.append(pa.field(f.name, canonical))
    return pa.struct(fields)


def _object_types(values: pd.Series) -> list:
    """The names of the Python types among the values of an object column that are not missing."""
    present = values[~pd.isna(values)] if len(values) else values
    return sorted({type(v).__name__ for v in present})


# The Python types of an object column's values that make one dtype together; a column holding
# any other mix has no dtype in cormorant (pandas keeps it as objects).
_NUMBER_KINDS = ({"int", "float"}, {"int", "decimal"})


def _value_kind(v) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "bool"
    if isinstance(v, (int, np.integer)):
        return "int"
    if isinstance(v, (float, np.floating)):
        return "float"
    if isinstance(v, decimal.Decimal):
        return "decimal"
    if isinstance(v, datetime.datetime):
        return "datetime"
    if isinstance(v, (list, tuple, np.ndarray)):
        return "list"
    return type(v).__name__  # str and bytes apart (Arrow would make the str bytes), date, dict, ...


def _check_object_column(what: str, values: pd.Series):
    """Refuses an object column whose values are of Python types no one dtype holds (say int and
    str, or str and bytes), naming the column and the types; Arrow would fail with the generated
    column name, or make the str values bytes."""
    inferred = pd.api.types.infer_dtype(values, skipna=True)
    if inferred == "time" and any(v.tzinfo is not None for v in values[~pd.isna(values)]):
        raise exceptions.DTypeError(f"{what} holds times of day with a time zone (datetime.time with tzinfo), which "
                                    "cormorant does not support: give naive times")
    if not inferred.startswith("mixed") or inferred == "mixed-integer-float":
        return
    present = values[~pd.isna(values)]
    kinds = {_value_kind(v) for v in present}
    if len(kinds) <= 1 or kinds in _NUMBER_KINDS:
        return
    raise exceptions.DTypeError(
        f"{what} is an object column mixing Python types {', '.join(_object_types(values))}; a cormorant "
        "column holds one dtype: convert the values to one type first (e.g. astype(str))"
    )


def _inexact_cast(t: pa.DataType) -> str:
    """Why values of Arrow type `t` do not fit the core's type of it (the values, never cut)."""
    if pa.types.is_duration(t):
        return ("holds timedeltas that are not whole microseconds; cormorant's timedelta64[us] cannot hold "
                "them: round them first (e.g. s.dt.round('us'))")
    if pa.types.is_time(t):
        return ("holds times of day that are not whole microseconds; cormorant's time cannot hold them: "
                "round them first")
    if pa.types.is_timestamp(t):
        return ("holds times that are not whole microseconds; cormorant's datetime64[us] cannot hold them: "
                "round them first (e.g. s.dt.round('us'))")
    if pa.types.is_integer(t):
        return f"holds {t} values beyond Int64's range (2**63 - 1 at most), which an index, a list or a struct holds"
    return f"holds {t} values that cormorant's dtype of it cannot hold exactly"


def is_default_index(index) -> bool:
    """Whether `index` is pandas' default 0..n-1 RangeIndex, which cormorant makes itself."""
    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def pandas_to_arrow_stream(df: pd.DataFrame):
    """An Arrow C stream of `df` with the core's canonical types, and how its index travels.

    Returns (stream, index_columns, index_names, labels, levels, categoricals): a default
    RangeIndex stays out of the stream (cormorant makes its own), any other index travels as
    leading columns; `labels` are the value columns' pandas labels, `levels` the columns axis'
    (see column_levels); a categorical column travels as its codes, with (column, categories,
    their dtype, ordered) in `categoricals`.
    """
    labels = [label(c) for c in df.columns]
    levels = column_levels(df.columns)
    if len(set(labels)) != len(labels):
        raise exceptions.InvalidArgumentError("column labels must be unique; rename the duplicates")
    # Columns travel under generated names; their labels go beside the stream (an Arrow field
    # name cannot hold a NUL, an integer or a tuple).
    df = df.copy(deep=False)
    df.columns = [f"c{i}" for i in range(len(labels))]
    index = df.index
    # (With no columns the index travels all the same: a stream of no columns has no rows.)
    default = is_default_index(index) and (len(labels) or not len(df))
    index_columns, index_names = [], []
    if not default:
        index_names = [label(n) for n in index.names]
        index_columns = [f"__index_level_{i}__" for i in range(index.nlevels)]
        df.index = index.set_names(index_columns)
        df = df.reset_index()
    shown = {f"c{i}": f"column {lab!r}" for i, lab in enumerate(labels)}
    shown.update({c: "the index" if len(index_columns) == 1 else f"index level {i} ({index_names[i]!r})"
                  for i, c in enumerate(index_columns)})
    categoricals = []
    for name in df.columns:
        if isinstance(df[name].dtype, pd.CategoricalDtype):
            categoricals.append(categorical_spec(shown[name], name, df[name].dtype))
            codes = df[name].cat.codes.to_numpy()
            df[name] = pd.arrays.IntegerArray(codes.astype("int64"), codes < 0)  # -1 is missing
    for name in df.columns:
        if df[name].dtype == object:
            _check_object_column(shown[name], df[name])
    try:
        table = pa.Table.from_pandas(df, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError) as e:
        for name in df.columns:  # name the column Arrow could not convert
            try:
                pa.array(df[name], from_pandas=True)
            except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
                kinds = ", ".join(_object_types(df[name])) or str(df[name].dtype)
                raise exceptions.DTypeError(
                    f"{shown[name]} cannot be read: it holds {kinds} values that no cormorant dtype "
                    "holds together (or integers beyond int64); convert them to one dtype first"
                ) from e
        raise exceptions.DTypeError(f"cannot convert the DataFrame to Arrow: {e}; give mixed columns one dtype") from e
    schema = pa.schema([pa.field(f.name, _canonical_arrow_type(shown[f.name], f.type, f.name in index_columns))
                        for f in table.schema])
    columns = []
    for field, canonical in zip(table.schema, schema):
        column = table.column(field.name)
        if field.type != canonical.type:
            try:
                column = column.cast(canonical.type)
            except pa.ArrowInvalid:
                raise exceptions.DTypeError(f"{shown[field.name]} {_inexact_cast(field.type)}") from None
        columns.append(column)
    table = pa.Table.from_arrays(columns, schema=schema)
    # The engine takes batches of at most 2048 rows; send at least one so the schema is known.
    batches = table.to_batches(max_chunksize=2048) or [pa.RecordBatch.from_pylist([], schema=schema)]
    return pa.RecordBatchReader.from_batches(schema, batches), index_columns, index_names, labels, levels, categoricals
