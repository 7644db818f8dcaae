"""pandas' sem (standard error of the mean) of a Series, a DataFrame (each column, or each row
with axis=1) and a groupby: the standard deviation (divided by n - ddof) over the square root of
n, the number of values, and missing where n <= ddof, as pandas' nansem computes it."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions


def _check_ddof(ddof) -> None:
    if isinstance(ddof, bool) or not isinstance(ddof, (int, float, np.integer, np.floating)):
        raise exceptions.DTypeError(f"sem: ddof must be a number, got {type(ddof).__name__}")


def series_sem(series, axis=None, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
    """The Series' standard error of the mean (a float; <NA> where there are no more values than
    ddof, or a missing value with skipna=False, as pandas gives for the nullable dtypes every
    cormorant column has)."""
    _check_ddof(ddof)
    if axis not in (None, 0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis} for object type Series")
    std = series.std(skipna=skipna, ddof=ddof, numeric_only=numeric_only)
    n = series.count()
    if pd.isna(std) or n <= ddof:
        return pd.NA
    return float(np.float64(std) / np.sqrt(np.float64(n)))


def frame_sem(frame, axis=0, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
    """Each column's standard error of the mean (a pandas Series, as pandas' reductions give),
    or with axis=1 each row's (a lazy cormorant Series)."""
    _check_ddof(ddof)
    if axis in (1, "columns"):
        std = frame.std(axis=1, skipna=skipna, ddof=ddof, numeric_only=numeric_only)
        numbers = frame.select_dtypes(include=["number", "boolean"]) if numeric_only else frame
        n = numbers.count(axis=1)
        return (std / np.sqrt(n)).where(n > ddof)
    std = frame.std(axis=axis, skipna=skipna, ddof=ddof, numeric_only=numeric_only)
    n = frame[list(std.index)].count() if len(std.index) else pd.Series([], dtype="int64")
    out = std / np.sqrt(n.astype("float64"))
    return out.where(n > ddof)


def groupby_sem(groupby, ddof: int = 1, numeric_only: bool = False, skipna: bool = True):
    """Each group's standard error of the mean of every selected column (<NA> where the group
    has no more values than ddof, or a missing value with skipna=False): each column's std and count in one aggregation, as pandas
    divides its groupby std by the square root of its count."""
    from cormorant.columnwise import _with_columns
    from cormorant.frame import DataFrame
    from cormorant.series import Series
    from cormorant.summaries import NUMERIC

    _check_ddof(ddof)
    ddof = int(ddof)  # as the groupby's std truncates it (pandas' kernels take an int)
    if ddof < 0:
        raise exceptions.UnsupportedError(f"groupby sem(ddof={ddof}): a negative ddof is not supported")
    columns = groupby._columns()
    if numeric_only:
        dtypes = dict(groupby._frame._core.dtypes)
        columns = [c for c in columns if dtypes.get(c) in NUMERIC]
    taken = {str(c) for c in groupby._frame._core.columns}
    counts = []
    for i in range(len(columns)):
        label = f"__sem_count_{i}__"
        while label in taken:
            label = "_" + label
        counts.append(label)
    specs = [spec for c, n in zip(columns, counts)
             for spec in ((c, c, "std", 0.5, None, bool(skipna), ddof + 1, float(ddof)), (n, c, "count"))]
    out = DataFrame(groupby._aggregate(specs))
    out = _with_columns(out, {c: out[c] / np.sqrt(out[n]) for c, n in zip(columns, counts)}).drop(columns=counts)
    if groupby._series and groupby._as_index:
        out = Series(out._core.column(out._core.columns[0]))
    return groupby._named(out)
