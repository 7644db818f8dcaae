"""Matrix forms of frames: dot (and @) and transpose (T).

dot keeps the left side lazy: a product with a Series, a list, a NumPy array or a DataFrame
whose rows line up with this frame's columns is, for each result column, a sum of this frame's
columns times constants, computed in the engine (the right side, one value per column of the
left, is read first). transpose turns rows into columns, so it reads the frame (at most
MAX_TRANSPOSE_ROWS rows) and gives a frame of its transposed values.
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions

# The most rows transpose makes into columns.
MAX_TRANSPOSE_ROWS = 10_000


def _not_aligned():
    return exceptions.InvalidArgumentError("matrices are not aligned")


def _weights(frame, other) -> pd.DataFrame:
    """`other` as a pandas frame with one row per column of `frame` (in its order), as pandas
    lines up the right side of a product: by label for Series and frames, by position for
    lists and arrays."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    labels = list(frame.columns)
    if isinstance(other, (Series, DataFrame)):
        other = other.to_pandas()
    if isinstance(other, (pd.Series, pd.DataFrame)):
        table = other.to_frame() if isinstance(other, pd.Series) else other
        if len(table.index.union(pd.Index(labels))) > len(labels) or len(table.index) != len(labels):
            raise _not_aligned()
        return table.reindex(labels)
    values = np.asarray(other)
    if values.ndim not in (1, 2) or values.shape[0] != len(labels):
        raise exceptions.InvalidArgumentError(
            f"Dot product shape mismatch, {(None, len(labels))} vs {values.shape}")
    return pd.DataFrame(values.reshape(len(labels), -1), index=labels)


def _weighted_sum(frame, weights: pd.Series):
    """Σ frame[c] * weights[c] over the columns, as a lazy Series."""
    total = None
    # A missing weight of nullable integers (or booleans) is <NA>, which keeps an integer column's
    # products Int64 as pandas' (a float weight's is NaN: Float64 products).
    masked = isinstance(weights.dtype, pd.api.extensions.ExtensionDtype) and (
        pd.api.types.is_integer_dtype(weights.dtype) or pd.api.types.is_bool_dtype(weights.dtype))
    for i, (label, weight) in enumerate(weights.items()):
        column = frame.iloc[:, i] if frame.columns.has_duplicates else frame[label]
        if pd.isna(weight):
            weight = pd.NA if masked else float("nan")
        term = column * (weight.item() if hasattr(weight, "item") else weight)
        total = term if total is None else total + term
    return total


def frame_dot(frame, other):
    """pandas' DataFrame.dot: a Series (or list, 1-d array) gives a Series; a DataFrame (or
    2-d array) gives a frame with its columns."""
    for label, dtype in frame._core.dtypes:
        if dtype not in ("Int64", "Float64", "boolean"):
            raise exceptions.DTypeError(f"dot needs numbers; column {label!r} has dtype {dtype}")
    weights = _weights(frame, other)
    if not len(frame.columns):
        raise exceptions.UnsupportedError("dot of a frame without columns is not supported")
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    sums = [(j, _weighted_sum(frame, weights[j])) for j in weights.columns]
    one_column = isinstance(other, (pd.Series, Series)) or (not isinstance(other, (pd.DataFrame, DataFrame))
                                                             and np.asarray(other).ndim == 1)
    if one_column:
        return sums[0][1].rename(None)
    result = sums[0][1].rename(sums[0][0]).to_frame()
    for label, column in sums[1:]:
        result = DataFrame(result._assigned(label, column))
    return result


def series_dot(series, other):
    """pandas' Series.dot: with a Series, the sum of products of the values with the same label
    (the labels must be the same set; NaN when one is missing); with a frame, a Series of one
    sum per column of the frame; with a list or array, by position."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    if isinstance(other, Series):
        n_left, n_right, n_both = len(series), len(other), len(series.index.union(other.index))
        if not (n_left == n_right == n_both):
            raise _not_aligned()
        value = (series * other).sum(skipna=False)
        return float("nan") if pd.isna(value) else value
    if isinstance(other, (DataFrame, pd.DataFrame, pd.Series)):
        other = other.to_pandas() if isinstance(other, DataFrame) else other
        left = series.to_pandas()
        return left.dot(other)
    values = np.asarray(other)
    left = series.to_pandas()
    if values.shape[0] != len(left):
        raise exceptions.InvalidArgumentError(f"Dot product shape mismatch, {left.shape} vs {values.shape}")
    return left.dot(values)


def _plain_labels(index: pd.Index) -> pd.Index:
    """Index labels as pandas holds column labels: plain Python values (int64, str, ...);
    Timestamps, Timedeltas and dates keep the index's dtype, as pandas' T keeps it."""
    if index.dtype.kind in "mM" or str(index.dtype) == "date32[day][pyarrow]":
        return index
    if len(index):
        return pd.Index(list(index), name=index.name)
    dtype = "str" if isinstance(index.dtype, pd.StringDtype) else getattr(index.dtype, "numpy_dtype", index.dtype)
    return pd.Index([], dtype=dtype, name=index.name)


def transpose(frame, *args, copy=None):
    """pandas' DataFrame.T: index labels become column labels and columns become rows. Reads
    the frame (DTypeError when its columns have no common dtype, UnsupportedError past
    MAX_TRANSPOSE_ROWS rows)."""
    if args:
        raise exceptions.UnsupportedError("transpose takes no positional arguments")
    n = len(frame)
    if n > MAX_TRANSPOSE_ROWS:
        raise exceptions.UnsupportedError(
            f"transpose makes a column of each row: this frame has {n} rows, more than cormorant's "
            f"limit of {MAX_TRANSPOSE_ROWS}; select fewer rows first")
    dtypes = {dtype for _, dtype in frame._core.dtypes}
    numeric = dtypes <= {"Int64", "Float64"}
    if len(dtypes) > 1 and not numeric:
        raise exceptions.DTypeError(
            "transpose needs columns of one dtype (or Int64 and Float64); this frame has "
            + ", ".join(f"{label!r}: {dtype}" for label, dtype in frame._core.dtypes))
    table = frame.to_pandas()
    if table.index.has_duplicates:
        raise exceptions.InvalidArgumentError(
            "transpose makes a column of each index label, and this frame's index repeats labels; "
            "cormorant's column labels must be unique: reset_index() or drop the duplicates first")
    table.index = _plain_labels(table.index)
    if not len(table.columns) and table.columns.dtype == object:
        table.columns = pd.RangeIndex(0)  # no labels to become the rows' (pandas: an empty object Index)
    if numeric and len(dtypes) > 1:
        table = table.astype("Float64")
    from cormorant.session import read_pandas_into

    return read_pandas_into(frame._core.session, table.T)  # (into the frame's own session)
