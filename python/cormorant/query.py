"""pandas' DataFrame.query and DataFrame.eval: an expression over the columns, parsed here
(Python's ast) and built from cormorant's column operators, so it runs in the plan like the
same code written with df["a"] > 1.

As in pandas' eval: names are columns (backticks quote labels that are not identifiers),
`@name` is a variable of the caller, `and`/`or`/`not` and `&`/`|`/`~` are elementwise with
the precedence of `and`/`or` (below comparisons), `x in [...]` is isin (and so is `x == "s"`
or `x == [...]`, as pandas rewrites it: a missing x is then != "s"), and comparisons chain.
An assignment (`"c = a + b"`, one per line) makes a new column in a copy of the frame.
"""

from __future__ import annotations

import ast
import io
import keyword
import operator
import re
import tokenize

from cormorant import exceptions

_BINARY = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv, ast.Mod: operator.mod, ast.Pow: operator.pow,
    ast.BitAnd: operator.and_, ast.BitOr: operator.or_, ast.BitXor: operator.xor,
}
_COMPARE = {
    ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
    ast.Gt: operator.gt, ast.GtE: operator.ge,
}
_LOCAL = "__cormorant_local_"
_QUOTED = "__cormorant_quoted_"


def _rewrite(expr: str, quoted: dict) -> str:
    """The expression as Python source: `label` -> a placeholder name (kept in `quoted`),
    @name -> a placeholder name, & and | -> and / or (pandas' precedence)."""

    def quote(match):
        name = f"{_QUOTED}{len(quoted)}"
        quoted[name] = match.group(1)
        return name

    expr = re.sub(r"`([^`]*)`", quote, expr)
    out = []
    tokens = list(tokenize.generate_tokens(io.StringIO(expr).readline))
    at = False
    for tok in tokens:
        if tok.type == tokenize.OP and tok.string == "@":
            at = True
            continue
        if at:
            if tok.type != tokenize.NAME:
                raise exceptions.InvalidArgumentError(f"'@' must be followed by a variable name in {expr!r}")
            tok = tok._replace(string=_LOCAL + tok.string)
            at = False
        elif tok.type == tokenize.OP and tok.string in ("&", "|"):
            tok = tok._replace(type=tokenize.NAME, string=" and " if tok.string == "&" else " or ")
        out.append((tok.type, tok.string))
    return tokenize.untokenize(out)


class _Evaluator:
    def __init__(self, frame, variables: dict, quoted: dict, expr: str):
        self.frame = frame
        self.variables = variables
        self.quoted = quoted
        self.expr = expr
        self.columns = list(frame.columns)

    def fail(self, what: str):
        raise exceptions.UnsupportedError(f"{what} in the expression {self.expr!r} is not supported")

    def name(self, node: ast.Name):
        name = node.id
        if name in self.quoted:
            name = self.quoted[name]
        elif name.startswith(_LOCAL):
            local = name[len(_LOCAL):]
            if local not in self.variables:
                raise exceptions.InvalidArgumentError(f"local variable '{local}' is not defined")
            return self.variables[local]
        if name in self.columns:
            return self.frame[name]
        raise exceptions.ColumnNotFoundError(
            f"name '{name}' is not a column (columns: {self.columns}); refer to a variable as @{name}"
        )

    def visit(self, node):
        if isinstance(node, ast.Expression):
            return self.visit(node.body)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, (ast.List, ast.Tuple)):
            return [self.visit(e) for e in node.elts]
        if isinstance(node, ast.BoolOp):
            values = [self.visit(v) for v in node.values]
            combine = operator.and_ if isinstance(node.op, ast.And) else operator.or_
            out = values[0]
            for v in values[1:]:
                out = combine(out, v)
            return out
        if isinstance(node, ast.UnaryOp):
            value = self.visit(node.operand)
            if isinstance(node.op, (ast.Not, ast.Invert)):
                return ~value
            return -value if isinstance(node.op, ast.USub) else +value
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](self.visit(node.left), self.visit(node.right))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        return self.fail(type(node).__name__)

    def compare(self, node: ast.Compare):
        out = None
        left = self.visit(node.left)
        for op, right_node in zip(node.ops, node.comparators):
            right = self.visit(right_node)
            if isinstance(op, (ast.In, ast.NotIn)):
                if not isinstance(right, (list, tuple, set)) or not hasattr(left, "isin"):
                    self.fail("'in' other than a column in a list")
                one = left.isin(list(right))
                one = ~one if isinstance(op, ast.NotIn) else one
            elif isinstance(op, (ast.Eq, ast.NotEq)) and _membership(left, right):
                # pandas' eval rewrites == / != with a string or a list on one side to in / not
                # in: a missing value is then != the string (not <NA>), and == a list is isin
                column, values = (left, right) if hasattr(left, "isin") else (right, left)
                one = column.isin([values] if isinstance(values, str) else list(values))
                one = ~one if isinstance(op, ast.NotEq) else one
            elif type(op) in _COMPARE:
                one = _COMPARE[type(op)](left, right)
            else:
                return self.fail(type(op).__name__)
            out = one if out is None else out & one
            left = right
        return out


def _membership(left, right) -> bool:
    """True for pandas' eval rewrite of == / != to in / not in: one side a column, the other
    a string or a list (or tuple) of values."""
    for column, values in ((left, right), (right, left)):
        if hasattr(column, "isin") and isinstance(values, (str, list, tuple)):
            return True
    return False


def _parse(frame, expr: str, variables: dict):
    if not isinstance(expr, str) or not expr.strip():
        raise exceptions.InvalidArgumentError(f"expr must be a non-empty string, got {expr!r}")
    quoted: dict = {}
    try:
        source = _rewrite(expr, quoted)
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, tokenize.TokenError) as e:
        raise exceptions.InvalidArgumentError(f"cannot parse the expression {expr!r}: {e.msg if hasattr(e, 'msg') else e}") \
            from None
    return _Evaluator(frame, variables, quoted, expr).visit(tree)


def evaluate(frame, expr: str, variables: dict, inplace: bool = False):
    """pandas' DataFrame.eval: the expression's value (a Series or a scalar), or, for lines
    `name = expression`, a copy of the frame with those columns set (in order)."""
    lines = [line for line in re.split(r"[\n;]", expr) if line.strip()] if isinstance(expr, str) else [expr]
    assignments = [re.match(r"^\s*(`[^`]*`|[^\W\d]\w*)\s*=(?!=)(.*)$", line) for line in lines]
    if not any(assignments):
        if len(lines) > 1:
            raise exceptions.InvalidArgumentError("multi-line expressions are only valid if all lines are assignments")
        if inplace:
            raise exceptions.InvalidArgumentError("Cannot operate inplace if there is no assignment")
        return _parse(frame, expr, variables)
    if not all(assignments):
        raise exceptions.InvalidArgumentError("multi-line expressions are only valid if all lines are assignments")
    out = frame if inplace else frame.copy()
    for match in assignments:
        target = match.group(1).strip("`")
        if keyword.iskeyword(target):
            raise exceptions.InvalidArgumentError(f"cannot assign to {target!r}")
        out[target] = _parse(out, match.group(2), variables)
    return None if inplace else out


def query(frame, expr: str, variables: dict, inplace: bool = False):
    """pandas' DataFrame.query: the rows where the boolean expression holds (a missing value
    counts as False), in order."""
    mask = _parse(frame, expr, variables)
    from cormorant.series import Series

    if not isinstance(mask, Series):
        raise exceptions.DTypeError(f"the expression {expr!r} does not give a boolean column")
    if mask._core.dtype != "boolean":
        raise exceptions.DTypeError(f"the expression {expr!r} gives {mask._core.dtype} values, not booleans")
    out = frame[mask.fillna(False)]
    if inplace:
        frame._core = out._core
        return None
    return out
