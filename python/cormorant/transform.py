"""DataFrame.transform and Series.transform, as pandas 3.1: a method name, a function (of each
column for a frame, as DataFrame.apply calls it; of each value for a Series, as Series.apply;
a NumPy ufunc of the whole column), a list of them (columns labelled by their names, under each
column's label for a frame) or a dict of column -> them. The result keeps the object's rows: an
aggregate ('sum', a function giving a scalar) is pandas' "Function did not transform".
"""

from __future__ import annotations

from cormorant._lazy import np
from cormorant import exceptions


def _name(func) -> str:
    """pandas' label for a function in a list (its name; '<lambda>' for a lambda)."""
    return func if isinstance(func, str) else getattr(func, "__name__", type(func).__name__)


def _did_not_transform():
    return exceptions.InvalidArgumentError("Function did not transform")


def series_transform(series, func, args=(), kwargs=None):
    """pandas' Series.transform (see the module's doc)."""
    from cormorant.frame import DataFrame
    from cormorant.series import Series

    kwargs = kwargs or {}
    if isinstance(func, dict):
        parts = [series_transform(series, f, args, kwargs).rename(label) for label, f in func.items()]
        return _columns(parts, [label for label in func])
    if isinstance(func, (list, tuple)):
        parts = [series_transform(series, f, args, kwargs) for f in func]
        return _columns(parts, [_name(f) for f in func])
    if isinstance(func, str):
        method = getattr(series, func, None)
        if method is None or not callable(method):
            raise exceptions.InvalidArgumentError(f"{func!r} is not a valid function for 'Series' object")
        out = method(*args, **kwargs)
    elif isinstance(func, np.ufunc):
        out = func(series, *args, **kwargs)
    elif callable(func):
        out = series.apply(func, args=args, **kwargs)
    else:
        raise exceptions.InvalidArgumentError(f"transform takes a function, a name, a list or a dict; got {func!r}")
    if isinstance(out, DataFrame) or not isinstance(out, Series):
        raise _did_not_transform()
    return out


def columns_of(parts, labels):
    """A DataFrame of the Series `parts` (results computed from one object's rows) labelled
    `labels`: each set as a column of the first, so rows pair as they came (not a join on the
    index, which repeated labels would multiply)."""
    out = parts[0].rename(labels[0]).to_frame()
    for part, label in zip(parts[1:], labels[1:]):
        out[label] = part
    return out


def _columns(parts, labels):
    from cormorant.series import Series

    if not parts:
        raise exceptions.InvalidArgumentError("No transform functions were provided")
    if len(set(map(repr, labels))) != len(labels):
        raise exceptions.InvalidArgumentError(f"Function names must be unique, found multiple named {labels}")
    if not all(isinstance(p, Series) for p in parts):
        raise _did_not_transform()
    return columns_of(parts, labels)


def frame_transform(frame, func, axis=0, args=(), kwargs=None):
    """pandas' DataFrame.transform (see the module's doc); axis=1 is refused."""
    from cormorant.frame import DataFrame

    kwargs = kwargs or {}
    if axis not in (0, "index"):
        raise exceptions.UnsupportedError("DataFrame.transform(axis=1) is not supported; transform the columns")
    if isinstance(func, dict) or isinstance(func, (list, tuple)):
        chosen = func if isinstance(func, dict) else {label: func for label in frame.columns}
        parts, labels = [], []
        for label, f in chosen.items():
            out = series_transform(frame[label], f, args, kwargs)
            if isinstance(out, DataFrame):  # a list of functions: (column, function) labels
                parts.extend(out[c] for c in out.columns)
                labels.extend((label, name) for name in out.columns)
            else:
                parts.append(out)
                labels.append(label)
        return columns_of(parts, labels)
    if isinstance(func, str):
        method = getattr(frame, func, None)
        if method is None or not callable(method):
            raise exceptions.InvalidArgumentError(f"{func!r} is not a valid function for 'DataFrame' object")
        out = method(*args, **kwargs)
    elif callable(func):
        out = frame.apply(func, args=args, **kwargs)  # (a function of each column, as pandas)
    else:
        raise exceptions.InvalidArgumentError(f"transform takes a function, a name, a list or a dict; got {func!r}")
    if not isinstance(out, DataFrame):
        raise _did_not_transform()
    return out
