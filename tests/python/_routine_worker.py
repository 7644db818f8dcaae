"""A routine writer process for test_routine_concurrency.py (as _warehouse_worker.py is for tables).

Run as ``python _routine_worker.py WAREHOUSE MODE WRITER COUNT``. Version k of writer w is the
UDF ``x + offset(w, k)`` (None stays None) (function_source); MODE is
- ``create``: defines fns.r_<w>_<k> for k < COUNT,
- ``replace``: defines fns.shared as version k, for k < COUNT,
- ``churn``: defines fns.c_<w>_<k>, and deletes it again when k is odd.
It prints ``committed w k`` after each definition returns and ``deleted w k`` after each
deletion, so that the test knows which writes were acknowledged.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path


def offset(writer: int, k: int) -> int:
    return writer * 1000 + k


def function_source(writer: int, k: int) -> str:
    return f"def f(x: int) -> int:\n    return None if x is None else x + {offset(writer, k)}\n"


def define(session, modules: Path, dataset: str, name: str, writer: int, k: int):
    """Defines version k of writer `writer` as routine dataset.name (from a module file, so
    that its source can be inspected)."""
    path = modules / f"m_{writer}_{k}_{name}.py"
    path.write_text(function_source(writer, k))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return session.udf(module.f, dataset=dataset, name=name)


def run(warehouse: str, mode: str, writer: int, count: int, out=print) -> None:
    import cormorant.pandas as cpd

    session = cpd.Session(warehouse)
    out("session", session.session_id)
    with tempfile.TemporaryDirectory() as modules:
        for k in range(count):
            name = {"create": f"r_{writer}_{k}", "replace": "shared", "churn": f"c_{writer}_{k}"}[mode]
            define(session, Path(modules), "fns", name, writer, k)
            out("committed", writer, k)
            if mode == "churn" and k % 2:
                session.delete_routine(f"fns.{name}")
                out("deleted", writer, k)
    session.close()


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), out=lambda *a: print(*a, flush=True))
