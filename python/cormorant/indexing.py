"""The iloc and loc indexers of DataFrame and Series."""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from cormorant import _convert, exceptions


def _is_int(x) -> bool:
    return isinstance(x, (numbers.Integral, np.integer)) and not isinstance(x, (bool, np.bool_))


def _split(key):
    """(row key, column key or None) of df.iloc[...] / df.loc[...]."""
    if isinstance(key, tuple):
        if len(key) != 2:
            raise exceptions.IndexOutOfBoundsError("Too many indexers")
        return key
    return key, None


def _frame_rows_iloc(core, key):
    """(core DataFrame of the rows an iloc row key selects, whether the key was one int)."""
    if _is_int(key):
        try:
            return core.take([int(key)]), True
        except exceptions.IndexOutOfBoundsError:
            raise exceptions.IndexOutOfBoundsError("single positional indexer is out-of-bounds") from None
    if isinstance(key, slice):
        for part in (key.start, key.stop, key.step):
            if part is not None and not _is_int(part):
                raise exceptions.DTypeError(f"cannot do positional slicing with {type(part).__name__} bounds")
        return core.iloc(key.start, key.stop, 1 if key.step is None else int(key.step)), False
    if isinstance(key, (list, np.ndarray, pd.Index)) and all(_is_int(k) for k in key):
        return core.take([int(k) for k in key]), False
    raise exceptions.UnsupportedError(
        f"iloc[{type(key).__name__}] is not supported; use an int, a slice or a list of ints"
    )


class _ILocIndexer:
    def __init__(self, obj):
        self._obj = obj

    def __getitem__(self, key):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        obj = self._obj
        if isinstance(obj, Series):
            rows, single = _frame_rows_iloc(obj._frame()._core, key)
            if single:
                return _convert.result_to_pandas(rows.to_arrow()).iloc[0, 0]
            return Series._from_frame(DataFrame(rows), obj.name)
        rows_key, cols_key = _split(key)
        if cols_key is not None:
            labels = list(obj.columns)
            if _is_int(cols_key):
                return self.__getitem__(rows_key)[labels[cols_key]] if not _is_int(rows_key) else \
                    obj.iloc[rows_key][labels[cols_key]]
            picked = labels[cols_key] if isinstance(cols_key, slice) else [labels[i] for i in cols_key]
            obj = obj[picked]
        rows, single = _frame_rows_iloc(obj._core, rows_key)
        if single:
            return _convert.result_to_pandas(rows.to_arrow()).iloc[0]
        return DataFrame(rows)


def _labels(key):
    return [_convert.scalar(k) for k in key]


class _LocIndexer:
    def __init__(self, obj):
        self._obj = obj

    def _rows(self, core, key):
        """(core DataFrame, single label?) for a loc row key."""
        from cormorant.series import Series

        if isinstance(key, Series):
            return core.filter(key._core), False
        if isinstance(key, slice):
            if key.step not in (None, 1):
                raise exceptions.UnsupportedError("loc slices with a step are not supported; use iloc")
            return core.loc_slice(_convert.scalar(key.start), _convert.scalar(key.stop)), False
        if isinstance(key, (list, np.ndarray, pd.Index)):
            if len(key) and all(isinstance(k, (bool, np.bool_)) for k in key):
                raise exceptions.UnsupportedError("loc with a list of booleans: use a boolean cormorant Series")
            return core.loc(_labels(key)), False
        if isinstance(key, (pd.Series, pd.DataFrame)):
            raise exceptions.UnsupportedError("bring pandas masks in with cpd.read_pandas() first")
        try:
            return core.loc([_convert.scalar(key)]), True
        except exceptions.LabelNotFoundError:
            raise exceptions.LabelNotFoundError(repr(key)) from None

    def __getitem__(self, key):
        from cormorant.frame import DataFrame
        from cormorant.series import Series

        obj = self._obj
        if isinstance(obj, Series):
            frame = obj._frame()
            rows, single = self._rows(frame._core, key)
            if single:
                got = _convert.result_to_pandas(rows.to_arrow()).iloc[:, 0]
                if len(got) == 1:
                    return got.iloc[0]
                return Series._from_frame(DataFrame(rows), obj.name)
            return Series._from_frame(DataFrame(rows), obj.name)
        rows_key, cols_key = _split(key)
        if cols_key is not None and not (isinstance(cols_key, slice) and cols_key == slice(None)):
            if isinstance(cols_key, str):
                column = obj[cols_key]
                return _LocIndexer(column)[rows_key]
            obj = obj[list(cols_key)]
        if isinstance(rows_key, slice) and rows_key == slice(None):
            return obj
        rows, single = self._rows(obj._core, rows_key)
        if single:
            got = _convert.result_to_pandas(rows.to_arrow())
            return got.iloc[0] if len(got) == 1 else DataFrame(rows)
        return DataFrame(rows)
