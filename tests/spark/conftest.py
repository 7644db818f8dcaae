"""Fixtures of the Spark suite (issue 14): a loopback Spark cluster for the whole run.

``spark_remote`` is, in this order: $CORMORANT_SPARK_REMOTE; the URL of the cluster that
scripts/spark.sh already runs for this worktree; or a cluster this fixture starts through
scripts/spark.sh and stops when the run ends. The default test run (tests/python) never needs
Java or pyspark; this folder is run by `bash scripts/spark.sh test`.
"""

from __future__ import annotations

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "spark.sh"


def _state_dir() -> pathlib.Path:
    return pathlib.Path(os.environ.get("CORMORANT_SPARK_DIR", ROOT / ".spark"))


def _script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(SCRIPT), *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def spark_remote():
    """The Spark Connect URL of a running cluster (started here if none runs)."""
    if os.environ.get("CORMORANT_SPARK_REMOTE"):
        yield os.environ["CORMORANT_SPARK_REMOTE"]
        return
    try:
        import pyspark  # noqa: F401
    except ImportError:
        pytest.fail("the Spark suite needs pyspark: run bash scripts/spark.sh setup", pytrace=False)
    started = False
    if _script("status").returncode != 0:
        run = _script("start")
        if run.returncode != 0:
            pytest.fail(f"scripts/spark.sh start failed:\n{run.stdout}{run.stderr}", pytrace=False)
        started = True
    try:
        yield (_state_dir() / "connect_url").read_text().strip()
    finally:
        if started:
            _script("stop")


@pytest.fixture(scope="session")
def spark(spark_remote):
    """A pyspark Spark Connect session on the cluster (session time zone UTC)."""
    from cormorant import _spark

    session = _spark.connect(spark_remote)
    yield session
    session.stop()


def python_suite_module(name: str):
    """The module tests/python/NAME.py of the Python suite (its helpers: assert_same, the
    warehouse writers), loaded under its own name beside this suite's conftest."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"python_suite_{name}", ROOT / "tests" / "python" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


#: The Python suite's comparison with pandas (values, labels, order and exact dtypes).
assert_same = python_suite_module("conftest").assert_same


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """A warehouse folder for the module's sessions (a file may give its own)."""
    return tmp_path_factory.mktemp("warehouse")


@pytest.fixture(scope="module")
def sessions(spark_remote, warehouse):
    """One cormorant session per engine ("duckdb", "spark"; strict ordering) over `warehouse`,
    closed when the module ends."""
    import cormorant.pandas as cpd

    out = {"duckdb": cpd.Session(str(warehouse)),
           "spark": cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)}
    yield out
    for s in out.values():
        s.close()
