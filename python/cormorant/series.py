"""Series: a lazy column."""

from __future__ import annotations

import pandas as pd

from cormorant import _convert, exceptions
from cormorant import _core


def _operand(other):
    if isinstance(other, Series):
        return other._core
    if isinstance(other, (pd.Series, pd.DataFrame)):
        raise exceptions.UnsupportedError(
            "operations between cormorant and pandas objects are not supported; "
            "bring the pandas object in with cpd.read_pandas() first"
        )
    return _convert.scalar(other)


def _binary(op: str):
    def method(self, other):
        return Series(self._core.binary(op, _operand(other)))

    method.__name__ = f"__{op}__"
    return method


def _reflected(op: str):
    def method(self, other):
        return Series(self._core.rbinary(op, _operand(other)))

    method.__name__ = f"__r{op}__"
    return method


class Series:
    """A lazy, named column; operations build a plan and nothing runs until results are asked for."""

    def __init__(self, core: _core.Series):
        self._core = core

    # -- attributes --------------------------------------------------------------------
    @property
    def name(self):
        return self._core.name

    @property
    def dtype(self):
        return _convert.pandas_dtype(self._core.dtype)

    @property
    def shape(self) -> tuple[int]:
        return (self._core.size,)

    @property
    def size(self) -> int:
        return self._core.size

    def __len__(self) -> int:
        return self._core.size

    @property
    def sql(self) -> str:
        """The SQL this Series compiles to."""
        return self._core.sql

    # -- operators ---------------------------------------------------------------------
    __add__ = _binary("add")
    __sub__ = _binary("sub")
    __mul__ = _binary("mul")
    __truediv__ = _binary("truediv")
    __floordiv__ = _binary("floordiv")
    __mod__ = _binary("mod")
    __pow__ = _binary("pow")
    __eq__ = _binary("eq")  # type: ignore[assignment]
    __ne__ = _binary("ne")  # type: ignore[assignment]
    __lt__ = _binary("lt")
    __le__ = _binary("le")
    __gt__ = _binary("gt")
    __ge__ = _binary("ge")
    __and__ = _binary("and")
    __or__ = _binary("or")
    __xor__ = _binary("xor")
    __radd__ = _reflected("add")
    __rsub__ = _reflected("sub")
    __rmul__ = _reflected("mul")
    __rtruediv__ = _reflected("truediv")
    __rfloordiv__ = _reflected("floordiv")
    __rmod__ = _reflected("mod")
    __rpow__ = _reflected("pow")
    __rand__ = _reflected("and")
    __ror__ = _reflected("or")
    __rxor__ = _reflected("xor")

    add = __add__
    sub = __sub__
    mul = __mul__
    truediv = div = __truediv__
    floordiv = __floordiv__
    mod = __mod__
    pow = __pow__
    eq = __eq__
    ne = __ne__
    lt = __lt__
    le = __le__
    gt = __gt__
    ge = __ge__
    __hash__ = None  # type: ignore[assignment]

    def __neg__(self):
        return Series(self._core.unary("neg"))

    def __invert__(self):
        return Series(self._core.unary("invert"))

    def __abs__(self):
        return Series(self._core.unary("abs"))

    def abs(self):
        return Series(self._core.unary("abs"))

    def __bool__(self):
        raise ValueError(
            "The truth value of a Series is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all()."
        )

    # -- methods -----------------------------------------------------------------------
    def isna(self):
        return Series(self._core.unary("isna"))

    isnull = isna

    def notna(self):
        return Series(self._core.unary("notna"))

    notnull = notna

    def astype(self, dtype):
        return Series(self._core.astype(_convert.dtype_name(dtype)))

    def rename(self, name):
        return Series(self._core.rename(name))

    def head(self, n: int = 5):
        return Series(self._core.head(n))

    def __getitem__(self, key):
        if isinstance(key, Series):
            return Series(self._core.filter(key._core))
        raise exceptions.UnsupportedError(
            f"Series[{type(key).__name__}] is not supported yet; filter with a boolean Series"
        )

    def to_frame(self):
        from cormorant.frame import DataFrame

        return DataFrame(self._core.to_frame())

    def to_pandas(self) -> pd.Series:
        """Runs the plan and returns a pandas Series with nullable dtypes."""
        frame = _convert.arrow_to_pandas(self._core.to_frame().to_arrow())
        out = frame.iloc[:, 0]
        out.name = self.name
        return out

    def __repr__(self) -> str:
        return repr(self.to_pandas())

    def __array__(self, dtype=None, copy=None):
        return self.to_pandas().to_numpy(dtype=dtype)
