"""A groupby's sum, prod, cumsum, cumprod and transform('sum'/'prod') of Int8..UInt32 columns
(issue 13), whose dtype in pandas 3.1 depends on the values: pandas computes them in int64
(uint64 for unsigned columns) and gives the column's own dtype back when every result fits it,
else Int64 (UInt64). The core refuses them, since a plan's dtypes are known before it runs: here
the columns are summed as Int64, one query finds whether every result fits the column's dtype,
and the result takes it (astype), or UInt64 for an unsigned column, or stays Int64. A UInt64
column (pandas wraps its sums around at 2**64) stays refused by the core."""

from __future__ import annotations

import copy

from cormorant._lazy import np
from cormorant import _convert, exceptions

# pandas' groupby functions of this kind, and the dtypes they are computed here for
WIDENED = ("sum", "prod")
SUMMED = tuple(d for d in _convert.NARROW_INTEGERS if d != "UInt64")


def narrow_dtypes(group, columns, what: str) -> dict:
    """{column: dtype} of the `columns` of `group`'s frame that are Int8..UInt32, to be summed or
    multiplied (`what`: the method); a UInt64 one raises DTypeError naming it."""
    dtypes = dict(group._frame._core.dtypes)
    for c in columns:
        if dtypes.get(c) == "UInt64":
            raise exceptions.DTypeError(f"groupby {what} of column {c!r} of dtype UInt64 is not supported: pandas "
                                        "wraps it around at 2**64; convert it with astype('Float64') first")
    return {c: dtypes[c] for c in columns if dtypes.get(c) in SUMMED}


def widened(group, columns: dict):
    """A copy of the groupby `group` whose frame has `columns` ({label: new label}) as Int64
    copies: new labels beside the originals, or the originals replaced (new label the same)."""
    out = copy.copy(group)
    from cormorant.frame import DataFrame

    frame = group._frame
    for label, new in columns.items():
        frame = DataFrame(frame._assigned(new, frame[label].astype("Int64")))
    out._frame = frame
    return out


def narrowed(result, dtypes: dict):
    """`result` (a cormorant DataFrame or Series of Int64 sums) with each column of `dtypes`
    ({label: the summed column's dtype}; a Series: its one label) in pandas' dtype: that dtype
    when every value fits it, else UInt64 for an unsigned one, else Int64 (one query)."""
    from cormorant.series import Series

    if not dtypes:
        return result
    series = isinstance(result, Series)
    frame = result.to_frame("c0") if series else result[list(dtypes)]
    ends = frame.agg(["min", "max"])  # (one query; pandas' frame of them)
    ends = ends.to_pandas() if hasattr(ends, "to_pandas") else ends
    wanted = {}
    for i, (label, dtype) in enumerate(dtypes.items()):
        info = np.iinfo(dtype.lower())
        low, high = ends.iloc[0, i], ends.iloc[1, i]
        if _missing(low) or (int(info.min) <= int(low) and int(high) <= int(info.max)):
            wanted[label] = dtype
        elif dtype.startswith("U"):
            wanted[label] = "UInt64"
    if series:
        return result.astype(next(iter(wanted.values()))) if wanted else result
    return result.astype(wanted) if wanted else result


def _missing(v) -> bool:
    from cormorant._lazy import pd

    return bool(pd.isna(v))
