"""A UDF's source: the self-containment check and the normalized form its identity hashes.

A routine is stored as source text and run in other processes, so the function may use only
its parameters, names it defines or imports inside its body, and builtins. ``check`` refuses
anything else at definition time, naming the name and its line. ``normalized`` is the code
without comments, docstrings and formatting, with local names renamed canonically: two
definitions that differ only in those ways have the same normalized form, so the routine is
reused instead of re-created.
"""

from __future__ import annotations

import ast
import builtins
import importlib.machinery
import inspect
import linecache
import symtable
import textwrap
from dataclasses import dataclass

from cormorant import exceptions


@dataclass(frozen=True)
class RoutineSource:
    """The inspected definition of a function."""

    source: str        #: the function's own text, dedented, without decorators
    entry_point: str   #: the function's name
    normalized: str    #: the canonical form its identity hashes


def _source_of(func) -> str:
    if not inspect.isfunction(func):
        raise exceptions.UdfDefinitionError(
            f"{func!r} is not a Python function defined with def (builtins, C functions, methods "
            "and callable objects cannot be stored as routines); wrap it in a def that calls it"
        )
    target = inspect.unwrap(func)  # (what inspect reads the source of)
    try:
        # getsource's own steps, keeping the whole file's lines for _check_unchanged.
        lines, start = inspect.findsource(target)
        block = inspect.getblock(lines[start:])
    except (OSError, TypeError, IndexError) as e:
        raise exceptions.UdfDefinitionError(
            f"the source of {func.__qualname__} cannot be read ({e}); define it with def in a file "
            "or a notebook cell so cormorant can store its code"
        ) from None
    _check_unchanged(func, target, lines)
    return textwrap.dedent("".join(block))


def _check_unchanged(func, target, lines: list[str]) -> None:
    """Refuses a function whose source file changed since its module was loaded: inspect reads
    the lines from the file as it is now, so an edited file would give other lines than the
    code that runs in-process. The whole file is compiled as its loader compiled it (the same
    text gives the same code: nesting, closures, class bodies and __future__ imports alike) and
    the code object at the function's qualified name and first line must equal its own.

    Only modules loaded by importlib's source loader (and scripts) are compared: lines that
    linecache holds without a file stamp (notebook cells) cannot be edited, and an import hook
    that rewrites the code (pytest's assertion rewriting) compiles other code from the same
    text, so such functions are let through rather than refused."""
    code = target.__code__
    filename = code.co_filename
    entry = linecache.cache.get(filename)
    if entry is not None and len(entry) == 4 and entry[1] is None:
        return  # registered by the compiler that ran it (IPython), not read from a file
    if type(target.__globals__.get("__loader__")) is not importlib.machinery.SourceFileLoader:
        return
    text = "".join(lines)
    try:
        module = compile(text, filename, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        module = None
    if module is None or not any(c == code for c in _codes_at(module, code.co_qualname, code.co_firstlineno)):
        raise exceptions.UdfDefinitionError(
            f"the source file of {func.__qualname__} ({filename}) changed since the function was defined: "
            "its lines there no longer compile to the function's code, so cormorant cannot store the code that "
            "runs; reload the module (or re-run the script or cell) that defines it"
        )


def _codes_at(code, qualname: str, firstlineno: int):
    """The code objects nested in ``code`` with this qualified name and first line."""
    for const in code.co_consts:
        if inspect.iscode(const):
            if const.co_qualname == qualname and const.co_firstlineno == firstlineno:
                yield const
            yield from _codes_at(const, qualname, firstlineno)


def _function_node(tree: ast.Module, func) -> ast.FunctionDef:
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            if isinstance(node, ast.AsyncFunctionDef):
                raise exceptions.UdfDefinitionError(f"{func.__qualname__} is async; a UDF must be a plain function")
            return node
    raise exceptions.UdfDefinitionError(
        f"{func.__qualname__} is a lambda or not defined by its own def statement; "
        "define it with def so cormorant can store its code"
    )


def _parse(func) -> tuple[str, ast.FunctionDef]:
    text = _source_of(func)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        raise exceptions.UdfDefinitionError(
            f"the source of {func.__qualname__} cannot be parsed on its own (a lambda inside an "
            "expression?); define it with def"
        ) from None
    node = _function_node(tree, func)
    node.decorator_list = []
    lines = text.splitlines()
    start = node.lineno - 1
    # The def line itself, not the decorators above it.
    source = "\n".join(lines[start : node.end_lineno]) + "\n"
    return source, node


def _scopes(table: symtable.SymbolTable):
    yield table
    for child in table.get_children():
        yield from _scopes(child)


def _first_use(node: ast.AST, name: str) -> int:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name) and sub.id == name:
            return sub.lineno
    return getattr(node, "lineno", 1)


def check(func) -> RoutineSource:
    """Inspects ``func``; raises UdfDefinitionError when it is not self-contained."""
    source, node = _parse(func)
    module = symtable.symtable(source, "<udf>", "exec")
    top = module.get_children()[0]
    builtin_names = set(dir(builtins))
    for scope in _scopes(top):
        for sym in scope.get_symbols():
            name = sym.get_name()
            if sym.is_free():
                outside = scope is top or not _bound_in_enclosing(top, scope, name)
            elif sym.is_declared_global():
                outside = True
            else:
                outside = sym.is_global() and name not in builtin_names and name != node.name
            if outside:
                line = func.__code__.co_firstlineno + _first_use(node, name) - 1
                raise exceptions.UdfDefinitionError(
                    f"{func.__qualname__} uses {name!r} (line {line}), which is defined outside the "
                    "function; a UDF must be self-contained: import modules and define helpers and "
                    "constants inside its body"
                )
    return RoutineSource(source=source, entry_point=node.name, normalized=_normalize(node, top))


def _bound_in_enclosing(top: symtable.SymbolTable, scope: symtable.SymbolTable, name: str) -> bool:
    """A free name of a nested scope is fine when a scope inside the UDF binds it."""
    for s in _scopes(top):
        if s is scope:
            continue
        try:
            sym = s.lookup(name)
        except KeyError:
            continue
        if sym.is_local() or sym.is_parameter():
            return True
    return False


class _Renamer(ast.NodeTransformer):
    """Renames the function's local names and parameters to _v0, _v1, ... in order of appearance."""

    def __init__(self, local_names: set[str]):
        self.local_names = local_names
        self.mapping: dict[str, str] = {}

    def _new(self, name: str) -> str:
        if name not in self.local_names:
            return name
        if name not in self.mapping:
            self.mapping[name] = f"_v{len(self.mapping)}"
        return self.mapping[name]

    def visit_Name(self, node: ast.Name):
        node.id = self._new(node.id)
        return node

    def visit_arg(self, node: ast.arg):
        node.arg = self._new(node.arg)
        node.annotation = None
        return node

    def visit_alias(self, node: ast.alias):
        bound = node.asname or node.name.split(".")[0]
        if bound in self.local_names and "." not in node.name:
            node.asname = self._new(bound)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef):
        node.name = self._new(node.name)
        node.returns = None
        self.generic_visit(node)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler):
        if node.name:
            node.name = self._new(node.name)
        self.generic_visit(node)
        return node


def _strip_docstrings(tree: ast.AST) -> None:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]


def _normalize(node: ast.FunctionDef, top: symtable.SymbolTable) -> str:
    local_names: set[str] = set()
    for scope in _scopes(top):
        for sym in scope.get_symbols():
            if sym.is_local() or sym.is_parameter():
                local_names.add(sym.get_name())
    # `import a.b` binds `a` but cannot take an alias without changing meaning: keep such names.
    for sub in ast.walk(node):
        if isinstance(sub, ast.Import):
            for alias in sub.names:
                if "." in alias.name and alias.asname is None:
                    local_names.discard(alias.name.split(".")[0])
    tree = ast.parse(ast.unparse(node))
    _strip_docstrings(tree)
    # The entry point's name is not part of its meaning (a recursive call uses it too).
    renamer = _Renamer(local_names | {node.name})
    renamer.mapping[node.name] = "_udf"
    renamer.visit(tree)
    return ast.dump(tree, annotate_fields=False, include_attributes=False)
