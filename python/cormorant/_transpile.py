"""Simple UDFs as plan expressions: a function whose body is an arithmetic, comparison or
string expression that the engine computes with exactly Python's result becomes cormorant
Series operations (so SQL, no Python call at run time; ``df.sql`` shows it).

Only what is certain is translated; anything else keeps the Python call:
- missing values: a parameter may be used only after a guard that returns None when it is
  None (``if x is None: return None``, ``None if x is None else ...``, or the ``is not None``
  forms): Python would raise on None where SQL gives NULL;
- int: ``+ - *`` and unary ``-`` (a result past Int64 fails the query in both: Python's result
  does not fit the declared type, the engine raises OverflowError); ``//`` and ``%`` only by a
  non-zero int constant (floor semantics, as Python; a zero divisor would have to raise
  ZeroDivisionError); comparisons of two ints;
- str: ``+`` of two strings, ``len(s)``, comparisons of two strings (code point order);
- bool: ``and``, ``or``, ``not`` of bools;
- refused: float operands (NaN, infinities and mixed int/float comparisons), true division,
  ``**``, int/bool mixing, string methods (Unicode case rules), calls other than ``len``,
  constants None elsewhere than in guards, and statements other than guards and one return.
"""

from __future__ import annotations

import ast
import operator

# Python type of each argument dtype the translator knows.
_KIND = {"Int64": int, "string": str, "boolean": bool}
_ARITH = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
          ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod}
_COMPARE = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
            ast.Gt: operator.gt, ast.GtE: operator.ge}


class Refused(Exception):
    """The function is not translated; the message says why."""


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _const_int(node) -> int:
    """The value of an int constant (``5``, ``-5``), else 0."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_const_int(node.operand)
    return node.value if isinstance(node, ast.Constant) and type(node.value) is int else 0


def _none_test(node, params: list[str], negated: bool) -> set[str]:
    """The parameters a test checks for None: ``x is None or y is None`` (or, negated,
    ``x is not None and y is not None``)."""
    joiner, op = (ast.And, ast.IsNot) if negated else (ast.Or, ast.Is)
    if isinstance(node, ast.BoolOp) and isinstance(node.op, joiner):
        out: set[str] = set()
        for v in node.values:
            out |= _none_test(v, params, negated)
        return out
    if (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], op)
            and isinstance(node.left, ast.Name) and node.left.id in params and _is_none(node.comparators[0])):
        return {node.left.id}
    raise Refused("its None checks are not of the form `x is None [or y is None]`")


class Translation:
    """A function translated once, at definition: `build(args)` gives the Series of its result
    for argument Series `args` (None when the types do not fit the translation)."""

    def __init__(self, source: str, entry_point: str, arg_dtypes: list[str], output_dtype: str):
        tree = ast.parse(source)
        fn = next((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == entry_point), None)
        if fn is None:
            raise Refused("its definition was not found")
        a = fn.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs or a.defaults or fn.decorator_list:
            raise Refused("it takes arguments other than plain positional ones")
        self.params = [p.arg for p in a.args]
        if len(self.params) != len(arg_dtypes) or any(d not in _KIND for d in arg_dtypes):
            raise Refused(f"its argument types ({', '.join(arg_dtypes)}) are not all Int64, string or boolean")
        self.kinds = {p: _KIND[d] for p, d in zip(self.params, arg_dtypes)}
        body = list(fn.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]  # docstring
        guarded: set[str] = set()
        for stmt in body[:-1]:
            if not (isinstance(stmt, ast.If) and not stmt.orelse and len(stmt.body) == 1
                    and isinstance(stmt.body[0], ast.Return) and _is_none(stmt.body[0].value)):
                raise Refused("its body has statements other than `if x is None: return None` and one return")
            guarded |= _none_test(stmt.test, self.params, negated=False)
        if not body or not isinstance(body[-1], ast.Return) or body[-1].value is None:
            raise Refused("it does not end with a return of an expression")
        expr = body[-1].value
        if isinstance(expr, ast.IfExp):
            if _is_none(expr.body):
                guarded |= _none_test(expr.test, self.params, negated=False)
                expr = expr.orelse
            elif _is_none(expr.orelse):
                guarded |= _none_test(expr.test, self.params, negated=True)
                expr = expr.body
        self.guarded = guarded
        self.strict = True  # every operation gives NULL for a NULL operand
        self.expr = expr
        kind = self._kind(expr)
        if not any(isinstance(n, ast.Name) and n.id in self.kinds for n in ast.walk(expr)):
            raise Refused("its result does not depend on its arguments")
        if {int: "Int64", str: "string", bool: "boolean"}[kind] != output_dtype:
            raise Refused(f"its result is a {kind.__name__}, not the declared {output_dtype}")

    # -- checking, once -------------------------------------------------------------------
    def _kind(self, node) -> type:
        """The Python type of `node`'s values, or Refused."""
        if isinstance(node, ast.Name):
            if node.id not in self.kinds:
                raise Refused(f"it uses {node.id!r}")
            if node.id not in self.guarded:
                raise Refused(f"it uses {node.id!r} without returning None when it is None first")
            return self.kinds[node.id]
        if isinstance(node, ast.Constant):
            if type(node.value) not in (int, str, bool) or type(node.value) is int and not -2**63 <= node.value < 2**63:
                raise Refused(f"it uses the constant {node.value!r}")
            return type(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) not in _ARITH:
            raise Refused(f"it uses {type(node.op).__name__} (only + - * and // % by a constant are exact)")
        if isinstance(node, ast.BinOp):
            left, right = self._kind(node.left), self._kind(node.right)
            if isinstance(node.op, ast.Add) and left is str and right is str:
                return str
            if left is not int or right is not int:
                raise Refused(f"it applies {type(node.op).__name__} to {left.__name__} and {right.__name__}")
            if isinstance(node.op, (ast.FloorDiv, ast.Mod)) and not _const_int(node.right):
                raise Refused("it divides by a value that is not a non-zero int constant")
            return int
        if isinstance(node, ast.UnaryOp):
            k = self._kind(node.operand)
            if isinstance(node.op, (ast.USub, ast.UAdd)) and k is int:
                return int
            if isinstance(node.op, ast.Not) and k is bool:
                return bool
            raise Refused(f"it applies {type(node.op).__name__} to a {k.__name__}")
        if isinstance(node, ast.Compare):
            if len(node.ops) != 1 or type(node.ops[0]) not in _COMPARE:
                raise Refused("it chains comparisons or compares identities")
            left, right = self._kind(node.left), self._kind(node.comparators[0])
            if left is not right or left is bool:
                raise Refused(f"it compares {left.__name__} with {right.__name__}")
            return bool
        if isinstance(node, ast.BoolOp):
            if any(self._kind(v) is not bool for v in node.values):
                raise Refused("it applies and/or to values that are not bools")
            self.strict = False  # False and NULL is False in the engine
            return bool
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "len"
                and "len" not in self.kinds and len(node.args) == 1 and not node.keywords):
            if self._kind(node.args[0]) is not str:
                raise Refused("it takes len of something that is not a str")
            return int
        raise Refused(f"it uses a {type(node).__name__} expression")

    # -- building, per call ---------------------------------------------------------------
    def build(self, args: list):
        """The result as a Series over argument Series `args`: missing where a guarded
        argument is missing, as the guard returns None there."""
        env = dict(zip(self.params, args))
        out = self._build(self.expr, env)
        if not self.strict:
            mask = None
            for p in sorted(self.guarded):
                m = env[p].notna()
                mask = m if mask is None else mask & m
            out = out.where(mask)
        return out

    def _build(self, node, env):
        if isinstance(node, ast.Name):
            return env[node.id]
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.BinOp):
            return _ARITH[type(node.op)](self._build(node.left, env), self._build(node.right, env))
        if isinstance(node, ast.UnaryOp):
            v = self._build(node.operand, env)
            if isinstance(node.op, ast.Not):
                return (not v) if isinstance(v, bool) else ~v
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.Compare):
            return _COMPARE[type(node.ops[0])](self._build(node.left, env), self._build(node.comparators[0], env))
        if isinstance(node, ast.BoolOp):
            values = [self._build(v, env) for v in node.values]
            out = values[0]
            for v in values[1:]:
                out = (out & v) if isinstance(node.op, ast.And) else (out | v)
            return out
        if isinstance(node, ast.Call):  # len(s)
            v = self._build(node.args[0], env)
            return len(v) if isinstance(v, str) else v.str.len()
        raise AssertionError("checked in _kind")


def translate(source: str, entry_point: str, arg_dtypes: list[str], output_dtype: str):
    """(Translation, None) when the function has an exact SQL form, else (None, why not)."""
    try:
        return Translation(source, entry_point, arg_dtypes, output_dtype), None
    except Refused as e:
        return None, str(e)
    except SyntaxError as e:
        return None, f"its source does not parse: {e}"
