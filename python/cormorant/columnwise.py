"""DataFrame methods made of column operations: abs, round, select_dtypes, add_prefix and
add_suffix, get, insert, first/last_valid_index, axes. Each builds a plan from the columns' own
lazy operations (no query runs until the result is observed), and follows pandas' rules for
which columns take part."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import _convert, exceptions

_NUMERIC = ("Int64", "Float64")


def _labels_of(frame, dtypes) -> list:
    return [label for label, dtype in frame._core.dtypes if dtype in dtypes]


def _with_columns(frame, columns: dict):
    """`frame` with the columns of `columns` (label -> Series) replaced, in their places."""
    from cormorant.frame import DataFrame

    out = frame
    for label, series in columns.items():
        out = DataFrame(out._assigned(label, series))
    return out


def frame_abs(frame):
    """The absolute value of every column; pandas' TypeError (DTypeError) for a column that is
    not numeric."""
    for label, dtype in frame._core.dtypes:
        if dtype not in (*_NUMERIC, "boolean", _convert.DECIMAL):
            raise exceptions.DTypeError(f"bad operand type for abs(): column {label!r} has dtype {dtype}")
    return _with_columns(frame, {label: frame[label].abs() for label, _ in frame._core.dtypes})


def frame_round(frame, decimals=0, *args, **kwargs):
    """Each numeric column rounded half to even; `decimals` an int, or a dict / pandas Series
    of ints by column label (others are left alone). Non-numeric columns are left alone, as pandas does."""
    if args or kwargs:
        raise exceptions.UnsupportedError("DataFrame.round takes only decimals")
    numeric = _labels_of(frame, (*_NUMERIC, _convert.DECIMAL))  # decimals too, as pandas rounds them
    if isinstance(decimals, (dict, pd.Series)):
        per = {_convert.label(k): v for k, v in dict(decimals).items()}
    elif _convert.is_int(decimals):
        per = dict.fromkeys(numeric, decimals)
    else:
        raise exceptions.DTypeError("decimals must be an integer, a dict-like or a Series")
    for label, places in per.items():
        if not _convert.is_int(places):
            raise exceptions.DTypeError(f"Values in decimals must be integers; column {label!r} has {places!r}")
    return _with_columns(frame, {label: frame[label].round(int(places)) for label, places in per.items() if label in numeric})


def frame_map(frame, func, na_action=None, **kwargs):
    """pandas' DataFrame.map: `func` (a UDF of one value) applied to every cell, column by column
    (each column must fit the UDF's input type); `na_action="ignore"` keeps missing cells."""
    if kwargs:
        raise exceptions.UnsupportedError("DataFrame.map takes no extra arguments; bind them inside the UDF")
    if not callable(func) or isinstance(func, (dict, pd.Series)):
        raise exceptions.DTypeError(f"the first argument must be callable, got {type(func).__name__}")
    return _with_columns(frame, {label: frame[label].map(func, na_action=na_action) for label, _ in frame._core.dtypes})


def select_dtypes(frame, include=None, exclude=None):
    """The columns whose dtype pandas' select_dtypes(include, exclude) would pick for these
    dtypes ("number", "string", "boolean", "datetime", dtype objects, ...), in order."""
    stand_in = pd.DataFrame({label: pd.Series(dtype=dtype) for label, dtype in frame.dtypes.items()})
    try:
        picked = stand_in.select_dtypes(include=include, exclude=exclude).columns
    except (TypeError, ValueError) as e:
        raise exceptions.InvalidArgumentError(str(e)) from e
    return frame[list(picked)]


def add_prefix(frame, prefix: str, axis=None):
    """Column labels (or with axis=0 the index labels, as text) with `prefix` before them."""
    if axis in (0, "index"):
        return _relabel_frame_index(frame, "add_prefix", lambda labels: prefix + labels)
    return _relabel(frame, axis, "add_prefix", lambda label: f"{prefix}{label}")


def add_suffix(frame, suffix: str, axis=None):
    """Column labels (or with axis=0 the index labels, as text) with `suffix` after them."""
    if axis in (0, "index"):
        return _relabel_frame_index(frame, "add_suffix", lambda labels: labels + suffix)
    return _relabel(frame, axis, "add_suffix", lambda label: f"{label}{suffix}")


def _relabel(frame, axis, name: str, relabel):
    if axis not in (None, 1, "columns"):
        raise exceptions.InvalidArgumentError(f"DataFrame.{name}: no axis {axis!r}")
    return frame.rename(columns={label: relabel(label) for label in frame.columns})


def _relabel_frame_index(frame, name: str, relabel):
    """The frame with its index labels as text (pandas' str of each: times as Timestamp's str)
    relabeled by `relabel` (of a string Series)."""
    from cormorant import levels

    names = list(frame._core.index_names)
    if len(names) != 1:
        raise exceptions.UnsupportedError(f"DataFrame.{name}(axis=0) over a MultiIndex is not supported")
    flat, keys = levels.flattened(frame)
    flat[keys[0]] = relabel(label_text(flat[keys[0]]))
    return levels._indexed(flat, keys, names)


def label_text(labels):
    """Python's str() of each label (a cormorant Series), as pandas writes a label it prefixes:
    a datetime as its Timestamp's str ('2024-01-01 00:00:00', the microseconds only where there
    are some, the offset as '+01:00'), which astype(str) is not (it drops midnight times); NaT
    as 'NaT'; another missing label as 'nan' (float, str and category labels: str(NaN)), or
    '<NA>' for pandas' nullable dtypes (Int64, Float64, boolean, string: str(pd.NA))."""
    dtype = str(labels.dtype)
    if dtype.startswith("timedelta64"):
        return labels.astype("string").fillna("NaT")
    if not dtype.startswith("datetime64"):
        nullable = dtype[:1].isupper() or dtype in ("boolean", "string")
        return labels.astype("string").fillna("<NA>" if nullable else "nan")
    text = labels.dt.strftime("%Y-%m-%d %H:%M:%S")
    text = text.where(labels.dt.microsecond == 0, text + labels.dt.strftime(".%f"))
    if "," in dtype or getattr(labels.dtype, "tz", None) is not None:
        offset = labels.dt.strftime("%z")
        text = text + offset.str.slice(0, 3) + ":" + offset.str.slice(3)
    return text.fillna("NaT")


def get(obj, key, default=None):
    """obj[key], or `default` where the key is not a column (a DataFrame) or an index label (a Series)."""
    try:
        return obj[key]
    except (KeyError, IndexError):
        return default


def insert(frame, loc: int, column, value, allow_duplicates: bool = False) -> None:
    """Inserts `column` at position `loc`, in place (a Series or a scalar), as pandas does."""
    labels = list(frame.columns)
    if not _convert.is_int(loc) or not 0 <= loc <= len(labels):
        raise exceptions.IndexOutOfBoundsError(f"loc must be an int between 0 and {len(labels)}, got {loc!r}")
    column = _convert.label(column)
    if column in labels:
        if allow_duplicates:
            raise exceptions.UnsupportedError("insert(allow_duplicates=True) is not supported: column labels are unique")
        raise exceptions.InvalidArgumentError(f"cannot insert {column}, already exists")
    frame[column] = value
    labels.insert(int(loc), column)
    frame._core = frame[labels]._core


def first_valid_index(obj):
    """The index label of the first row with a value (any column of a DataFrame), or None."""
    return _valid_index(obj, last=False)


def last_valid_index(obj):
    """The index label of the last row with a value (any column of a DataFrame), or None."""
    return _valid_index(obj, last=True)


def _valid_index(obj, last: bool):
    present = obj.dropna(how="all") if hasattr(obj, "columns") else obj.dropna()
    row = (present.tail(1) if last else present.head(1)).index
    return row[0] if len(row) else None


def axes(frame) -> list:
    """[index, columns], as pandas' DataFrame.axes (the index runs a query)."""
    return [frame.index, frame.columns]


def series_add_prefix(series, prefix: str, axis=None):
    """pandas' Series.add_prefix: the index labels, as text, with `prefix` before them."""
    return _relabel_index(series, axis, "add_prefix", lambda labels: prefix + labels)


def series_add_suffix(series, suffix: str, axis=None):
    """pandas' Series.add_suffix: the index labels, as text, with `suffix` after them."""
    return _relabel_index(series, axis, "add_suffix", lambda labels: labels + suffix)


def _relabel_index(series, axis, name: str, relabel):
    if axis not in (None, 0, "index"):
        raise exceptions.InvalidArgumentError(f"Series.{name}: no axis {axis!r}")
    frame = series.to_frame(name="__value__").reset_index()
    levels = list(frame.columns[:-1])
    if len(levels) != 1:
        raise exceptions.UnsupportedError(f"Series.{name} over a MultiIndex is not supported")
    index_name = series._core.to_frame().index_names[0]
    frame[levels[0]] = relabel(label_text(frame[levels[0]]))
    out = frame.set_index(levels[0])["__value__"].rename(series.name)
    return out.rename_axis(index_name)


def frame_clip(frame, lower=None, upper=None, *, axis=None, **kwargs):
    """pandas' DataFrame.clip: each column clipped as Series.clip (its dtype kept; a bound it
    cannot hold raises DTypeError naming it). Bounds are scalars (a missing one is no bound; two
    are put in order, as pandas does), or with axis=1 a pandas Series of bounds by column label,
    or a list of one bound per column (a missing bound is no bound; they are not reordered)."""
    if kwargs:
        raise exceptions.UnsupportedError(f"DataFrame.clip takes lower, upper and axis; got {', '.join(kwargs)}")
    labels = list(frame._core.columns)
    per_column = [_column_bounds(frame, bound, axis, name) for bound, name in ((lower, "lower"), (upper, "upper"))]
    if all(p is None for p in per_column):  # scalar bounds: Series.clip orders them
        return _with_columns(frame, {label: frame[label].clip(lower, upper) for label in labels})
    lows, highs = (p if p is not None else dict.fromkeys(labels, b) for p, b in zip(per_column, (lower, upper)))
    return _with_columns(frame, {label: _clipped(frame[label], lows[label], highs[label]) for label in labels})


def _clipped(column, low, high):
    """`column` clipped below at `low`, then where its own value is above `high` set to `high`:
    pandas compares the original values with each bound, so crossed bounds (low > high) give
    `high` above high and `low` elsewhere."""
    from cormorant.elementwise import _is_missing

    out = column.clip(lower=low)
    if _is_missing(high):
        return out
    try:
        crossed = not _is_missing(low) and bool(low > high)
    except TypeError:
        crossed = False
    return out.mask((column > high).fillna(False), high) if crossed else out.clip(upper=high)


def _column_bounds(frame, bound, axis, name: str):
    """A list-like clip bound as {column label: scalar bound} (None: `bound` is a scalar)."""
    from cormorant.series import Series

    if isinstance(bound, Series):
        raise exceptions.UnsupportedError(
            f"DataFrame.clip with a cormorant Series as the {name} bound is not supported; clip each column "
            "with scalar bounds, or pass a pandas Series of bounds by column label with axis=1")
    if not pd.api.types.is_list_like(bound):
        return None
    if axis not in (1, "columns"):
        raise exceptions.UnsupportedError(
            f"DataFrame.clip({name}=<list-like>, axis={axis!r}) is not supported; pass bounds by column with axis=1")
    labels = list(frame._core.columns)
    if isinstance(bound, pd.Series):
        values = {_convert.label(k): v for k, v in bound.items()}
        absent = [label for label in labels if label not in values]
        if absent:  # pandas makes those columns all missing (the bound's NaN replaces every value)
            raise exceptions.UnsupportedError(
                f"DataFrame.clip: the {name} bounds have no label {absent!r}; give every column a bound "
                "(NaN for none)")
        return {label: values[label] for label in labels}
    if isinstance(bound, dict):
        raise exceptions.UnsupportedError(f"DataFrame.clip with a dict as the {name} bound is not supported; "
                                          "pass a pandas Series of bounds by column label")
    values = list(bound)
    if len(values) != len(labels):
        raise exceptions.InvalidArgumentError(
            f"Unable to coerce to Series, length must be {len(labels)}: given {len(values)}")
    return dict(zip(labels, values))
