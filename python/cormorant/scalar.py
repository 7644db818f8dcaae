"""Scalar: a reduction of a Series not run yet (Series.reduction), for another Series'
arithmetic or comparison in the same query.

pandas' reductions (s.sum(), s.max(), ...) return numbers, and so do cormorant's: a filter on
such a number runs two queries, the reduction and then the filter, which reads its sources
again. `s.reduction("sum")` is the same value kept in the plan: `out[out["value"] >
j["value"].reduction("sum") * k]` is one query holding the sum as a scalar subquery.
"""

from __future__ import annotations

from cormorant import _convert, exceptions

_OPS = {"add": "add", "sub": "sub", "mul": "mul", "truediv": "truediv", "floordiv": "floordiv", "mod": "mod",
        "pow": "pow"}


class Scalar:
    """A reduction of a Series, not run until value() (or float(), int()) asks for it; an
    operand of cormorant Series' operators (+ - * / // % ** and comparisons) and of arithmetic
    with numbers, which stays lazy."""

    __slots__ = ("_core",)

    def __init__(self, core):
        self._core = core

    @property
    def dtype(self):
        """The pandas dtype of the value ("Int64", "Float64")."""
        return _convert.pandas_dtype(self._core.dtype)

    def value(self):
        """Runs the reduction: the number the eager reduction (Series.sum(), ...) gives, or pd.NA."""
        from cormorant._lazy import pd

        value = self._core.value()
        return pd.NA if value is None else _convert.engine_scalar(value, self._core.dtype)

    def __float__(self):
        return float(self.value())

    def __int__(self):
        return int(self.value())

    def __bool__(self):
        raise exceptions.UnsupportedError(
            "the truth value of a reduction not run yet is ambiguous: call value() to run it")

    def __repr__(self):
        return f"<cormorant Scalar of dtype {self.dtype} (not run; value() runs it)>"

    def _arith(self, op, other, reflected):
        from cormorant.series import Series

        if isinstance(other, (Series, Scalar)):
            return NotImplemented  # a Series takes the Scalar itself; two Scalars: not supported
        if isinstance(other, bool) or not isinstance(other, (int, float)):
            raise exceptions.UnsupportedError(
                f"a reduction not run yet takes arithmetic with an int or a float, got {type(other).__name__}")
        return Scalar(self._core.binary(op, _convert.scalar(other), reflected))


def _method(op, reflected):
    def method(self, other):
        return self._arith(op, other, reflected)

    method.__name__ = f"__{'r' if reflected else ''}{op}__"
    return method


for _op in _OPS:
    setattr(Scalar, f"__{_op}__", _method(_op, False))
    setattr(Scalar, f"__r{_op}__", _method(_op, True))
