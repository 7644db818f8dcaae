"""A UDF's source is read from its file when the UDF is defined (inspect): a file edited after
the module was imported gave other lines than the function that runs in-process, and the
routine stored them. cormorant compiles the whole file as its loader did and compares the code
object at the function's qualified name and first line with the function's own: an edited
file raises UdfDefinitionError naming the function and the file; every unchanged function
(local imports, nested defs, comprehensions, closures' factories, decorators, __future__
annotations) is accepted, whatever the file's other contents."""

from __future__ import annotations

import importlib.util
import linecache
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

MODULE = '''
from __future__ import annotations

import functools

import cormorant.pandas as cpd
import math


def scale(x: int) -> int:
    """Ten times x."""
    return None if x is None else x * 10


def nested_helper(x: int) -> int:
    def inner(v: int) -> int:
        return v + 1
    return None if x is None else inner(x)


def local_imports(x: int) -> int:
    import math
    import os.path as osp
    from collections import Counter
    if x is None:
        return None
    return math.floor(x / 2) + len(osp.basename("a/bc")) + sum(Counter([x]).values())


def comprehension(x: int) -> int:
    return None if x is None else sum([i * i for i in range(x)]) + len({i % 3 for i in range(x)})


@cpd.udf(transpile=False)
def decorated(x: int) -> int:
    import math
    return None if x is None else math.gcd(x, 6)


def _logged(f):
    @functools.wraps(f)
    def call(*args):
        return f(*args)
    return call


@_logged
def wrapped(x: int) -> int:
    return None if x is None else x - 1


def factory():
    def made(x: int) -> int:
        import math
        return None if x is None else math.isqrt(x * x)
    return made


class Holder:
    @staticmethod
    def method(x: int) -> int:
        return None if x is None else x * 3
'''

UNCHANGED = ["scale", "nested_helper", "local_imports", "comprehension", "wrapped", "made", "method"]


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


def _function(m, name):
    return {"made": m.factory(), "method": m.Holder.method}.get(name) or getattr(m, name)


def _check(func, u):
    p = pd.Series([1, None, 3, 12], dtype="Int64")
    got = cpd.read_pandas(p.to_frame("x"))["x"].apply(u).to_pandas()
    want = p.astype(object).where(p.notna(), None).apply(func).astype("Int64")
    pd.testing.assert_series_equal(got, want, check_names=False)


@pytest.mark.parametrize("name", UNCHANGED)
def test_unchanged_file_defines_the_udf(module, name):
    m, _ = module
    func = _function(m, name)
    _check(func, cpd.udf(transpile=False)(func))


def test_decorated_at_import(module):
    m, _ = module
    import math

    _check(lambda x: None if x is None else math.gcd(x, 6), m.decorated)


EDITS = {
    "body": lambda text: text.replace("x * 10", "x * 11"),
    "def inserted above": lambda text: text.replace("def scale", "def other(x):\n    return x\n\n\ndef scale"),
    "line inserted": lambda text: text.replace("def scale(x: int) -> int:", "def scale(x: int) -> int:  # note\n    y = 1"),
    "same size": lambda text: text.replace("x * 10", "x + 10"),
    "no longer parses": lambda text: text.replace("def scale(x: int) -> int:", "def scale(x: int) -> int"),
    "edited elsewhere, lines moved": lambda text: text.replace("import math\n\n\n", "import math\nimport os\n\n\n", 1),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_edited_file_is_refused(module, edit):
    m, path = module
    path.write_text(EDITS[edit](MODULE))
    with pytest.raises(exceptions.UdfDefinitionError, match="changed since the function was defined") as e:
        cpd.udf(transpile=False)(m.scale)
    assert "scale" in str(e.value) and str(path) in str(e.value)


@pytest.mark.parametrize("name", ["local_imports", "made", "method"])
def test_edit_inside_a_nested_or_imported_function_is_refused(module, name):
    m, path = module
    func = _function(m, name)
    text = {"local_imports": MODULE.replace("math.floor(x / 2)", "math.ceil(x / 2)"),
            "made": MODULE.replace("math.isqrt(x * x)", "math.isqrt(x * x + 1)"),
            "method": MODULE.replace("x * 3", "x * 4")}[name]
    path.write_text(text)
    with pytest.raises(exceptions.UdfDefinitionError, match="changed since the function was defined"):
        cpd.udf(transpile=False)(func)


def test_edit_of_another_function_keeps_this_one(module):
    """Only the function's own code counts: an edit that leaves its lines and code alone."""
    m, path = module
    path.write_text(MODULE.replace("x * 3", "x * 4"))
    _check(m.scale, cpd.udf(transpile=False)(m.scale))


def test_comment_only_edit_inside_the_lines_is_accepted(module):
    """A comment does not change the code: the same function is defined from the new text."""
    m, path = module
    path.write_text(MODULE.replace("return None if x is None else x * 10", "return None if x is None else x * 10  # ten"))
    _check(m.scale, cpd.udf(transpile=False)(m.scale))


def test_closure_is_refused_as_not_self_contained(module):
    """A closure compiles alike in the whole file: what refuses it is the self-containment check."""
    m, path = module
    path.write_text(MODULE + "\n\ndef outer(k):\n    def add(x: int) -> int:\n        return x + k\n    return add\n")
    m2 = _import(path, m.__name__ + "_closure")
    with pytest.raises(exceptions.UdfDefinitionError, match="'k'.*defined outside"):
        cpd.udf(transpile=False)(m2.outer(1))


SCRIPT = textwrap.dedent('''
    import pandas as pd
    import cormorant.pandas as cpd

    def outer(x: int) -> int:
        import pandas as pd
        import cormorant.pandas as cpd

        def inner(v: int) -> int:
            return v * 2

        return None if x is None else x + len([inner(i) for i in range(x)])

    u = cpd.udf(outer, transpile=False)
    p = pd.Series([1, None, 4], dtype="Int64")
    got = cpd.read_pandas(p.to_frame("x"))["x"].apply(u).to_pandas()
    want = p.astype(object).where(p.notna(), None).apply(outer).astype("Int64")
    pd.testing.assert_series_equal(got, want, check_names=False)
    open(__file__, "a").write("\\n# edited\\nx = 1\\n")
    try:
        cpd.udf(outer, transpile=False, name="again")
    except Exception as e:
        print("OK" if "changed since" not in str(e) else "FALSE REFUSAL " + str(e))
    else:
        print("OK")
    text = open(__file__).read()
    with open(__file__, "w") as f:
        f.write(text.replace("x + len", "x - len"))
    try:
        cpd.udf(outer, transpile=False)
    except Exception as e:
        print("REFUSED" if "changed since" in str(e) else "OTHER " + str(e))
''')


def test_script_with_local_imports(tmp_path):
    """A script (__main__): unchanged, and edited below the function (accepted), then its body edited (refused)."""
    script = tmp_path / "scenario.py"
    script.write_text(SCRIPT)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.split() == ["OK", "REFUSED"], proc.stdout + proc.stderr[-3000:]
