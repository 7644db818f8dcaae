"""Series methods about row positions, as pandas 3.1 has them: argsort and factorize (whose
results are as long as the Series, so its values come to Python and pandas computes them),
searchsorted (counts of smaller values, computed in the engine) and repeat (each row repeated,
in the plan)."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions


def argsort(series, axis=0, kind="quicksort", order=None, stable=None):
    """pandas' Series.argsort: the positions that sort the values (missing ones last), labelled
    by the Series' index; stable, as cormorant's sorts are (pandas' default quicksort may order
    equal values otherwise). Reads the values."""
    from cormorant.session import read_pandas_into

    if axis not in (0, "index") or order is not None:
        raise exceptions.UnsupportedError("Series.argsort takes neither axis other than 0 nor order")
    return read_pandas_into(series._frame()._core.session, series.to_pandas().argsort(kind="stable"))


def factorize(series, sort: bool = False, use_na_sentinel: bool = True):
    """pandas' Series.factorize: (codes, uniques), a NumPy array of each value's code (-1 for a
    missing value unless use_na_sentinel=False) and the distinct values as a pandas Index, in
    order of appearance or sorted. Reads the values (the codes are as long as the Series)."""
    return series.to_pandas().factorize(sort=sort, use_na_sentinel=use_na_sentinel)


def searchsorted(series, value, side="left", sorter=None):
    """pandas' Series.searchsorted of a Series sorted ascending: where `value` (a scalar, or a
    list of them) would be inserted to keep the order, counted in the engine as the number of
    values smaller than it (side="left") or not larger (side="right"); one query. As pandas,
    a Series holding a missing value raises."""
    from cormorant.columnwise import _with_columns
    from cormorant.elementwise import _scalar

    if sorter is not None:
        raise exceptions.UnsupportedError("Series.searchsorted(sorter=...) is not supported; sort the Series first")
    if side not in ("left", "right"):
        raise exceptions.InvalidArgumentError(f"side must be 'left' or 'right', got {side!r}")
    scalar = not pd.api.types.is_list_like(value)
    values = [value] if scalar else list(value)
    for v in values:
        _scalar(v, "searchsorted's value")
    column = series.rename("__value__")
    counted = {f"__below_{i}__": (column < v if side == "left" else column <= v).astype("Int64")
               for i, v in enumerate(values)}
    counted["__missing__"] = column.isna().astype("Int64")
    sums = _with_columns(column.to_frame()[[]], counted).sum()
    if sums["__missing__"]:
        raise exceptions.InvalidArgumentError(
            "searchsorted requires array to be sorted, which is impossible with NAs present.")
    found = np.array([int(sums[f"__below_{i}__"]) for i in range(len(values))], dtype=np.intp)
    return found[0] if scalar else found


def repeat(series, repeats, axis=None):
    """pandas' Series.repeat with one number of repeats: each row `repeats` times in a row (its
    index label too), in the plan (copies of the rows ordered by their position)."""
    from cormorant import _convert
    from cormorant.concatenation import concat

    if axis not in (None, 0, "index"):
        raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type Series")
    if not _convert.is_int(repeats):
        raise exceptions.UnsupportedError("Series.repeat with a number of repeats per row is not supported; "
                                          "pass one int")
    if repeats < 0:
        raise exceptions.InvalidArgumentError("negative dimensions are not allowed")
    frame = series.rename("__value__").to_frame()
    names = list(frame._core.index_names)
    if not names:
        raise exceptions.NullIndexError("Series.repeat needs an index and a row order; this Series has a NULL index")
    levels = [f"__level_{i}__" for i in range(len(names))]
    flat = frame.rename_axis(levels).reset_index().reset_index(names="__position__")
    copies = concat([flat] * int(repeats)) if repeats else flat.head(0)
    out = copies.sort_values("__position__").set_index(levels).rename_axis(names)["__value__"]
    return out.rename(series.name)
