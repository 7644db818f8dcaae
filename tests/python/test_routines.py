"""UDFs as persistent routines: the catalog entry, reuse by meaning, read_function in another
process, self-containment checks and cleanup."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import engine_prelude


def _define(tmp_path: Path, code: str, name: str = "f"):
    """Defines a function from source in a module file (so its source can be inspected)."""
    path = tmp_path / f"mod_{abs(hash(code))}.py"
    path.write_text(textwrap.dedent(code))
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


@pytest.fixture
def session(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    yield s
    s.close()


def test_catalog_entry_records_what_the_issue_names(session, tmp_path):
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x * 3
    ''')
    u = session.udf(f, dataset="fns", name="triple")
    assert u.routine_id == "fns.triple" and u.created
    info = session.describe_routine("fns.triple")
    assert info["source"].startswith("def f(x: int) -> int:")
    assert info["arg_types"] == ["Int64"] and info["result_type"] == "Int64"
    assert info["python_version"] == f"{sys.version_info.major}.{sys.version_info.minor}"
    assert info["creator_session"] == session.session_id and info["created"]
    assert len(info["code_hash"]) == 64 and len(info["identity"]) == 64
    assert session.list_routines("fns") == ["triple"]
    path = Path(session.warehouse) / "catalog" / "fns" / "routines" / "triple.json"
    assert json.loads(path.read_text())["entry_point"] == "f"


def test_rename_comment_reformat_reuse_the_routine(session, tmp_path):
    a = _define(tmp_path, '''
        def f(x: int) -> int:
            y = x + 1
            return y * 2
    ''')
    b = _define(tmp_path, '''
        def g(value: int) -> int:
            """Doubles the successor."""
            # a comment
            successor = (value
                         + 1)
            return successor*2
    ''', "g")
    first = session.udf(a, dataset="fns", name="succ2")
    path = Path(session.warehouse) / "catalog" / "fns" / "routines" / "succ2.json"
    stamp = path.stat().st_mtime_ns
    second = session.udf(b, dataset="fns", name="succ2")
    assert first.created and not second.created
    assert second.identity == first.identity
    assert path.stat().st_mtime_ns == stamp  # nothing written


def test_behaviour_change_creates_a_new_version(session, tmp_path):
    a = _define(tmp_path, '''
        def f(x: int) -> int:
            return x + 1
    ''')
    b = _define(tmp_path, '''
        def f(x: int) -> int:
            return x + 2
    ''')
    s = session.read_pandas(pd.DataFrame({"x": pd.array([1, 2, None], dtype="Int64")}))["x"]
    old = session.udf(a, dataset="fns", name="inc")
    before = s.apply(old)  # planned on the old version
    new = session.udf(b, dataset="fns", name="inc")
    assert new.created and new.identity != old.identity
    assert session.describe_routine("fns.inc")["identity"] == new.identity
    with pytest.raises(exceptions.UdfExecutionError):
        before.to_pandas()  # x + 1 on None raises TypeError inside the function
    got = s.fillna(0).apply(new).to_pandas()
    pd.testing.assert_series_equal(got, (s.fillna(0).to_pandas() + 2))
    got_old = s.fillna(0).apply(old).to_pandas()
    pd.testing.assert_series_equal(got_old, (s.fillna(0).to_pandas() + 1))


def test_types_packages_and_workers_settings_decide_reuse(session, tmp_path):
    f = _define(tmp_path, '''
        def f(x):
            return x
    ''')
    base = session.udf(f, input_types=[int], output_type=int, dataset="fns", name="ident")
    # Another type or package list is another meaning: the named routine is replaced.
    as_float = session.udf(f, input_types=[float], output_type=float, dataset="fns", name="ident")
    assert as_float.created and as_float.identity != base.identity
    with_pandas = session.udf(f, input_types=[float], output_type=float, dataset="fns", name="ident",
                              packages=["pandas"])
    assert with_pandas.created and with_pandas.identity not in (base.identity, as_float.identity)
    assert session.describe_routine("fns.ident")["packages"] == {"pandas": pd.__version__}
    # A declared type written as its dtype is the same type; the batch size and workers are
    # how it runs, not what it means.
    same = session.udf(f, input_types=["Float64"], output_type="Float64", dataset="fns", name="ident",
                       packages=["pandas"], max_batching_rows=10, workers=1)
    assert not same.created and same.identity == with_pandas.identity
    # The catalog holds the identity the definition computed, over the normalized code.
    assert session.describe_routine("fns.ident")["identity"] == with_pandas.identity


def test_in_memory_session_names_routines_without_storing_them(tmp_path):
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return None if x is None else x + 1
    ''')
    s = cpd.Session(":memory:")
    u = s.udf(f)
    assert u.created and u.routine_id == f"_session_{s.session_id}.cormorant_{u.identity[:16]}"
    x = pd.Series(pd.array([1, None, 3], dtype="Int64"), name="x")
    pd.testing.assert_series_equal(s.read_pandas(x.to_frame())["x"].apply(u).to_pandas(), x + 1)
    s.close()


def test_read_function_in_another_process(session, tmp_path):
    f = _define(tmp_path, '''
        def f(s: str) -> str:
            import unicodedata
            return None if s is None else unicodedata.normalize("NFKC", s).upper()
    ''')
    session.udf(f, dataset="fns", name="norm_upper")
    values = ["ﬁne", None, "straße", "ａｂｃ"]
    script = textwrap.dedent(f'''
        import json, sys
        import pandas as pd
        import cormorant.pandas as cpd
        s = cpd.Session({str(Path(session.warehouse))!r})
        f = s.read_function("fns.norm_upper")
        out = s.read_pandas(pd.DataFrame({{"v": pd.array({values!r}, dtype="string")}}))["v"].apply(f).to_pandas()
        print(json.dumps([None if pd.isna(v) else v for v in out]))
        s.close()
    ''')
    r = subprocess.run([sys.executable, "-c", engine_prelude() + script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    want = [None if v is None else f(v) for v in values]
    assert json.loads(r.stdout) == want


def test_read_function_refuses_code_changed_behind_the_catalog(session, tmp_path):
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x
    ''')
    session.udf(f, dataset="fns", name="ident")
    path = Path(session.warehouse) / "catalog" / "fns" / "routines" / "ident.json"
    entry = json.loads(path.read_text())
    entry["source"] = entry["source"].replace("return x", "return x + 1000")
    path.write_text(json.dumps(entry))
    with pytest.raises(exceptions.UdfDefinitionError, match="does not match its recorded hash"):
        session.read_function("fns.ident")


def test_delete_routine_and_not_found(session, tmp_path):
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x
    ''')
    session.udf(f, dataset="fns", name="gone")
    session.delete_routine("fns.gone")
    assert session.list_routines("fns") == []
    with pytest.raises(exceptions.NotFoundError, match="fns.gone"):
        session.describe_routine("fns.gone")
    with pytest.raises(exceptions.NotFoundError):
        session.delete_routine("fns.gone")


def test_anonymous_routines_go_away_with_close(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x
    ''')
    u = s.udf(f)
    dataset, name = u.routine_id.split(".")
    assert name.startswith("cormorant_") and dataset not in s.list_datasets()
    assert s.list_routines(dataset) == [name]
    s.close()
    assert not (tmp_path / "wh" / "catalog" / dataset).exists()


def test_anonymous_routines_go_away_with_close_session(tmp_path):
    from cormorant.session import get_global_session

    cpd.close_session()  # a global session of its own: earlier tests may have left routines in theirs
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x - 1
    ''')
    u = cpd.udf(f)
    warehouse = Path(get_global_session().warehouse)
    dataset, name = u.routine_id.split(".")
    assert name.startswith("cormorant_") and cpd.list_routines(dataset) == [name]
    assert cpd.describe_routine(u.routine_id)["routine_id"] == u.routine_id
    cpd.close_session()
    assert not (warehouse / "catalog" / dataset).exists()


def test_anonymous_routines_removed_by_clean_up_by_session_id(tmp_path):
    wh = tmp_path / "wh"
    (tmp_path / "m.py").write_text("def f(x: int) -> int:\n    return x\n")
    script = textwrap.dedent(f'''
        import os, sys
        sys.path.insert(0, {str(tmp_path)!r})
        import cormorant.pandas as cpd
        from m import f
        s = cpd.Session({str(wh)!r})
        u = s.udf(f)
        print(s.session_id, u.routine_id, flush=True)
        os._exit(0)  # a crash: no close
    ''')
    r = subprocess.run([sys.executable, "-c", engine_prelude() + script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    sid, routine_id = r.stdout.split()
    dataset = routine_id.split(".")[0]
    assert (wh / "catalog" / dataset / "routines").is_dir()
    other = cpd.Session(wh)
    other.clean_up_by_session_id(sid)
    assert not (wh / "catalog" / dataset).exists()
    other.close()


@pytest.mark.parametrize(
    "code, name, line",
    [
        ("import math\ndef f(x: float) -> float:\n    return math.sqrt(x)\n", "math", 3),
        ("K = 2\ndef f(x: int) -> int:\n    y = x\n    return y * K\n", "K", 4),
        ("def outer():\n    z = 1\n    def f(x: int) -> int:\n        return x + z\n    return f\nf = outer()\n", "z", 4),
    ],
)
def test_not_self_contained_is_refused_naming_name_and_line(tmp_path, code, name, line):
    path = tmp_path / f"bad_{name}.py"
    path.write_text(code)
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(exceptions.UdfDefinitionError, match=rf"'{name}' \(line {line}\)"):
        cpd.udf(module.f)


def test_imports_inside_builtins_and_recursion_are_fine(tmp_path):
    f = _define(tmp_path, '''
        def f(n: int) -> int:
            import math
            def fact(k):
                return 1 if k <= 1 else k * fact(k - 1)
            return int(math.log2(fact(n) + 1)) + len(str(n)) + (f(n - 1) if n > 5 else 0)
    ''')
    u = cpd.udf(f)
    s = cpd.read_pandas(pd.DataFrame({"n": pd.array([1, 4, 7], dtype="Int64")}))["n"]
    assert s.apply(u).to_pandas().tolist() == [f(1), f(4), f(7)]


def test_uninspectable_functions_are_refused(tmp_path):
    with pytest.raises(exceptions.UdfDefinitionError, match="not a Python function"):
        cpd.udf(len, input_types=[str], output_type=int)
    with pytest.raises(exceptions.UdfDefinitionError, match="not a Python function"):
        cpd.udf(np.negative, input_types=[int], output_type=int)  # a numpy ufunc (C)
    with pytest.raises(exceptions.UdfDefinitionError, match="source of <lambda> cannot be read"):
        cpd.udf(eval("lambda x: x"), input_types=[int], output_type=int)  # as typed in a REPL
    # A lambda with source (in a file) is still not its own def statement.
    f = _define(tmp_path, "double = lambda x: x * 2\n", "double")
    with pytest.raises(exceptions.UdfDefinitionError, match="lambda"):
        cpd.udf(f, input_types=[int], output_type=int)


def test_missing_packages_are_named(tmp_path):
    f = _define(tmp_path, '''
        def f(x: int) -> int:
            return x
    ''')
    with pytest.raises(exceptions.UdfDefinitionError, match="no_such_package_xyz"):
        cpd.udf(f, packages=["pandas", "no_such_package_xyz"])
    u = cpd.udf(f, packages=["pandas"])
    assert u.packages == {"pandas": pd.__version__}


def test_unsupported_types_are_refused(tmp_path):
    f = _define(tmp_path, '''
        def f(x: complex) -> int:
            return 1
    ''')
    with pytest.raises(exceptions.UdfDefinitionError, match="complex"):
        cpd.udf(f)
