"""pandas' DataFrame(...) and Series(...) constructors over Python data and cormorant objects.

Python data (dicts, lists, NumPy arrays, pandas objects) is built by pandas' own constructor,
so every argument means what it means in pandas, and then copied into the session through
Arrow (Session.read_pandas), as bigframes does. cormorant objects stay lazy: `index` reindexes,
`columns` selects (absent labels become missing columns), `dtype` casts and `name` renames.
"""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import exceptions


def _session(session):
    from cormorant.session import get_global_session

    return session if session is not None else get_global_session()


def _cormorant_types():
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    return DataFrame, Series


def _frame_of_dict(data: dict):
    """A frame from a dict whose values are cormorant Series (and scalars, broadcast): the
    Series are aligned on the union of their indexes as pandas aligns them (kept when all are
    equal, else sorted), the columns in the dict's order."""
    DataFrame, Series = _cormorant_types()
    series = {k: v for k, v in data.items() if isinstance(v, Series)}
    for key, value in data.items():
        if not isinstance(value, Series) and not pd.api.types.is_scalar(value):
            raise exceptions.UnsupportedError(
                f"DataFrame(dict): column {key!r} is a {type(value).__name__} beside cormorant Series; "
                "pass cormorant Series or scalars only (or build the whole frame in pandas first)"
            )
    frame = None
    for key, value in series.items():
        part = value.to_frame(name=key)
        frame = part if frame is None else frame.combine_first(part)
    for key, value in data.items():
        if key not in series:
            frame[key] = value
    return frame[list(data)]


def frame_core(data, index, columns, dtype, copy, session):
    """The core frame that DataFrame(data, index=, columns=, dtype=, copy=) holds."""
    DataFrame, Series = _cormorant_types()
    if isinstance(data, dict) and data and any(isinstance(v, (Series, DataFrame)) for v in data.values()):
        if any(isinstance(v, DataFrame) for v in data.values()):
            raise exceptions.UnsupportedError("DataFrame(dict): a column cannot be a DataFrame; pass Series")
        data = _frame_of_dict(data)
    if isinstance(data, (DataFrame, Series)):
        frame = data if isinstance(data, DataFrame) else data.to_frame()
        if columns is not None:
            frame = frame.reindex(columns=list(columns))
        if index is not None:
            frame = frame.reindex(index)
        if dtype is not None:
            frame = frame.astype(dtype)
        return frame._core
    try:
        local = pd.DataFrame(data, index=index, columns=columns, dtype=dtype, copy=copy)
    except (TypeError, ValueError) as e:
        raise exceptions.DTypeError(f"DataFrame(...) cannot build a frame from this data: {e}") from None
    return _read(local, session)


def _read(local, session):
    """The core object of a pandas object copied into the session; an empty object column (no
    values to infer a dtype from, as pandas' DataFrame() and Series() make) asks for dtype=."""
    empty = [c for c, t in (local.dtypes.items() if isinstance(local, pd.DataFrame) else [(local.name, local.dtype)])
             if t == object and len(local) == 0]
    if empty:
        what = "Series" if isinstance(local, pd.Series) else f"column {empty[0]!r}"
        raise exceptions.DTypeError(f"{what} has no values to infer a dtype from; pass dtype=")
    return _session(session).read_pandas(local)._core


def series_core(data, index, dtype, name, copy, session):
    """The core Series that Series(data, index=, dtype=, name=, copy=) holds."""
    DataFrame, Series = _cormorant_types()
    if isinstance(data, DataFrame):
        raise exceptions.DTypeError("Series(...) cannot be built from a DataFrame; select one column")
    if isinstance(data, Series):
        series = data
        if index is not None:
            series = series.reindex(index)
        if dtype is not None:
            series = series.astype(dtype)
        if name is not None:
            series = series.rename(name)
        return series._core
    try:
        local = pd.Series(data, index=index, dtype=dtype, name=name, copy=copy)
    except (TypeError, ValueError) as e:
        raise exceptions.DTypeError(f"Series(...) cannot build a Series from this data: {e}") from None
    return _read(local, session)
