"""A UDF's source is read from its file when the UDF is defined (inspect.getsource): a file
edited after the module was imported gave other lines, so the routine stored them (or the
self-containment check named a line of the new text). cormorant now compiles the lines it read
and compares them with the function's code: a changed file raises UdfDefinitionError."""

from __future__ import annotations

import importlib.util
import linecache
import sys

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

MODULE = '''
from __future__ import annotations


def scale(x: int) -> int:
    """Ten times x."""
    return None if x is None else x * 10


def nested_helper(x: int) -> int:
    def inner(v: int) -> int:
        return v + 1
    return None if x is None else inner(x)
'''


def _import(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def module(tmp_path, request):
    name = f"udf_source_{request.node.name.replace('[', '_').replace(']', '_').replace('-', '_')}"
    path = tmp_path / f"{name}.py"
    path.write_text(MODULE)
    yield _import(path, name), path
    sys.modules.pop(name, None)
    linecache.checkcache(str(path))


def test_unchanged_file_defines_the_udf(module):
    m, _ = module
    p = pd.Series([1, None, 3], dtype="Int64")
    for func in (m.scale, m.nested_helper):
        u = cpd.udf(transpile=False)(func)
        got = cpd.read_pandas(p.to_frame("x"))["x"].apply(u).to_pandas()
        want = p.astype(object).where(p.notna(), None).apply(func).astype("Int64")
        pd.testing.assert_series_equal(got, want, check_names=False)


@pytest.mark.parametrize("edit", [
    lambda text: text.replace("x * 10", "x * 11"),                 # the body changed
    lambda text: text.replace("def scale", "def other(x):\n    return x\n\n\ndef scale"),  # getsource reads other lines
    lambda text: text.replace("def scale(x: int) -> int:", "def scale(x: int) -> int:  # note\n    y = 1"),
])
def test_edited_file_is_refused(module, edit):
    m, path = module
    path.write_text(edit(MODULE))
    with pytest.raises(exceptions.UdfDefinitionError, match="changed since the function was defined"):
        cpd.udf(transpile=False)(m.scale)


def test_comment_only_edit_inside_the_lines_is_accepted(module):
    """Comments do not change the code: the same function is defined from the new text."""
    m, path = module
    path.write_text(MODULE.replace('return None if x is None else x * 10', 'return None if x is None else x * 10  # ten'))
    u = cpd.udf(transpile=False)(m.scale)
    p = pd.Series([2, None], dtype="Int64")
    got = cpd.read_pandas(p.to_frame("x"))["x"].apply(u).to_pandas()
    want = p.astype(object).where(p.notna(), None).apply(m.scale).astype("Int64")
    pd.testing.assert_series_equal(got, want, check_names=False)


def test_udf_defined_inside_a_function_with_nested_code():
    """Nested code (a comprehension, an inner def) has a longer qualified name when its function
    is itself defined inside another: not a change."""

    def spread(x: int) -> int:
        def twice(v: int) -> int:
            return 2 * v

        return None if x is None else sum([twice(i) for i in range(x)])

    u = cpd.udf(transpile=False)(spread)
    p = pd.Series([3, None, 0], dtype="Int64")
    got = cpd.read_pandas(p.to_frame("x"))["x"].apply(u).to_pandas()
    want = p.astype(object).where(p.notna(), None).apply(spread).astype("Int64")
    pd.testing.assert_series_equal(got, want, check_names=False)
