"""Struct columns (``struct<name: T, ...>[pyarrow]``): pandas' ``Series.struct`` accessor
(StructAccessor: field, explode, dtypes), each field read by the core's struct_field."""

from __future__ import annotations

import numbers

from cormorant._lazy import pa, pd
from cormorant import _convert, exceptions


def is_struct(series) -> bool:
    return str(series._core.dtype).startswith("struct<")


class StructAccessor:
    """pandas' ``Series.struct``: a field of each struct (``<NA>`` where the struct is missing),
    all fields as a DataFrame, and the fields' dtypes."""

    def __init__(self, series):
        if not is_struct(series):
            raise exceptions.DTypeError(
                f"Can only use the '.struct' accessor with 'struct[pyarrow]' dtype, not {series._core.dtype}.")
        self._series = series

    def _type(self):
        return _convert.pandas_dtype(self._series._core.dtype).pyarrow_dtype

    @property
    def dtypes(self) -> pd.Series:
        """The ArrowDtype of each field, indexed by the field names, as pandas gives them."""
        t = self._type()
        return pd.Series([pd.ArrowDtype(f.type) for f in t], index=pd.Index([f.name for f in t]))

    def field(self, name_or_index):
        """The field `name_or_index` (a name, a position, or a list of them naming a nested field,
        as pandas takes them) of each struct, named after the field. The values have cormorant's
        dtype of the field (Int64 for int64[pyarrow], ...; README)."""
        from cormorant.series import Series

        path = name_or_index if isinstance(name_or_index, list) else [name_or_index]
        if not path:
            raise exceptions.InvalidArgumentError("struct.field() needs a field name or position")
        series, t = self._series, self._type()
        for key in path:
            if not pa.types.is_struct(t):
                raise exceptions.InvalidArgumentError(f"struct.field({name_or_index!r}): {t} has no fields")
            name = _field_name(t, key, name_or_index)
            series = Series(series._core.call("struct_field", None, [name])).rename(name)
            t = t.field(name).type
        return series

    def explode(self):
        """A DataFrame of every field (columns named after them), on the Series' index."""
        from cormorant.strings import _frame_of

        return _frame_of([(f.name, self.field(f.name)) for f in self._type()])

    def __iter__(self):
        raise TypeError("'StructAccessor' object is not iterable")


def _field_name(t, key, asked) -> str:
    """The name of field `key` (a name or a position) of struct type `t`; pandas' errors as
    cormorant's (an unknown name or a position out of range)."""
    names = [f.name for f in t]
    if isinstance(key, str):
        if key not in names:
            raise exceptions.InvalidArgumentError(f"struct.field({asked!r}): no field {key!r} in {t}")
        return key
    if isinstance(key, numbers.Integral) and not isinstance(key, bool):
        if not 0 <= int(key) < len(names):
            raise exceptions.InvalidArgumentError(
                f"struct.field({asked!r}): position {key} is out of range for a struct of {len(names)} fields")
        return names[int(key)]
    raise exceptions.UnsupportedError(
        f"struct.field({asked!r}): give field names (str) or positions (int); bytes names and pyarrow "
        "expressions are not supported")
