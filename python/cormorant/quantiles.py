"""quantile(interpolation=...) of Series and DataFrames other than pandas' default "linear"
(which the engine's quantile aggregate computes): "lower", "higher", "nearest" and "midpoint",
as NumPy's quantile, which pandas 3.1 calls, picks its order statistics. One query counts a
column's values, one fetches the few order statistics the q need (of the values sorted); the
result's dtype follows pandas' masked-array rules."""

from __future__ import annotations

import math

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions, summaries

INTERPOLATIONS = ("linear", "lower", "higher", "nearest", "midpoint")


def check_interpolation(interpolation) -> None:
    if interpolation not in INTERPOLATIONS:
        raise exceptions.InvalidArgumentError(
            f"interpolation must be one of {', '.join(map(repr, INTERPOLATIONS))}, got {interpolation!r}")


def _positions(n: int, q: float, interpolation: str) -> tuple[int, int, float]:
    """(lower position, upper position, weight of the upper) of NumPy's quantile method."""
    virtual = (n - 1) * q
    if interpolation == "lower":
        index = math.floor(virtual)
    elif interpolation == "higher":
        index = math.ceil(virtual)
    elif interpolation == "nearest":
        index = int(np.around(virtual))  # halves to even, as NumPy
    else:  # midpoint
        low = math.floor(virtual)
        return low, min(low + 1, n - 1), 0.0 if virtual == low else 0.5
    index = min(max(index, 0), n - 1)
    return index, index, 0.0


def _lerp(a, b, t: float):
    """NumPy's _lerp: a + (b - a) * t, or b - (b - a) * (1 - t) from t = 0.5."""
    a, b = np.float64(a), np.float64(b)
    return b - (b - a) * (1 - t) if t >= 0.5 else a + (b - a) * t


def column_quantiles(series, qs: list, interpolation: str, counts=None) -> pd.array:
    """The quantiles `qs` of a numeric cormorant Series by `interpolation` (not "linear"), as a
    pandas array of pandas' dtype (Int64 where NumPy keeps integers, or gives whole numbers of an
    Int64 column with missing values; else Float64). `counts`: (rows, values) if known."""
    dtype = series._core.dtype
    integer = dtype in ("Int64", *_convert.NARROW_INTEGERS)
    if counts is None:
        found = summaries.at_once(series, ["size", "count"])  # (None: no rows)
        counts = (0, 0) if found is None else (int(found["size"]), int(found["count"]))
    rows, n = counts
    if n == 0:  # pandas: all missing, in the integer dtype unless there are no rows
        return pd.array([None] * len(qs), dtype=dtype if integer and rows else "Float64")
    picks = [_positions(n, q, interpolation) for q in qs]
    wanted = sorted({p for low, high, _ in picks for p in (low, high)})
    # (the rows at those positions of the sorted values, by a filter: iloc would count the rows again)
    ordered = series.dropna().sort_values().rename("value").reset_index(drop=True).reset_index()
    picked = ordered[ordered["index"].isin(wanted)].to_pandas()
    found = dict(zip(picked["index"].tolist(), picked["value"].tolist()))
    values = [found[low] if t == 0.0 and interpolation != "midpoint" else _lerp(found[low], found[high], t)
              for low, high, t in picks]
    if interpolation != "midpoint":
        return pd.array(values, dtype=dtype)
    if integer and n < rows and all(float(v).is_integer() for v in values):
        return pd.array([int(v) for v in values], dtype=dtype)  # pandas casts whole results back
    return pd.array(values, dtype="Float64")


def series_quantile(series, q, interpolation: str):
    """Series.quantile(q, interpolation=...): a scalar, or a pandas Series indexed by the q."""
    _numeric(series)
    scalar = not pd.api.types.is_list_like(q)
    qs = [float(q)] if scalar else [float(v) for v in q]
    values = column_quantiles(series, qs, interpolation)
    if scalar:
        return values[0]
    return pd.Series(values, index=pd.Index(qs, dtype="float64"), name=series.name)


def frame_quantile(numeric, q, interpolation: str):
    """DataFrame.quantile(q, interpolation=...) of the numeric columns `numeric`: a pandas Series
    by column (named q) or a DataFrame by q, in pandas' common dtype of the columns' results."""
    scalar = not pd.api.types.is_list_like(q)
    qs = [float(q)] if scalar else [float(v) for v in q]
    labels = list(numeric._core.columns)
    counts = dict.fromkeys(labels)
    if labels and not numeric._core.column_levels:  # (every column's count in one query)
        found = summaries.specs_at_once(numeric._core, [("__rows__", labels[0], "size"),
                                                        *((f"__n{i}__", a, "count") for i, a in enumerate(labels))])
        counts = {a: (0, 0) if found is None else (int(found["__rows__"]), int(found[f"__n{i}__"]))
                  for i, a in enumerate(labels)}
    table = pd.DataFrame({label: column_quantiles(numeric[label], qs, interpolation, counts[label]) for label in labels},
                         index=pd.Index(qs, dtype="float64"), columns=pd.Index(labels, dtype=None if labels else object))
    if not scalar:
        return table
    return table.iloc[0] if labels else pd.Series([], index=pd.Index([], dtype=object), dtype="Float64", name=qs[0])


def _numeric(series) -> None:
    dtype = series._core.dtype
    if dtype not in ("Int64", "Float64", *_convert.NARROW_INTEGERS):
        raise exceptions.DTypeError(
            f"quantile(interpolation=...) of dtype {dtype!r} is not supported; only of numbers")
