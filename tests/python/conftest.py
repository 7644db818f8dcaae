"""Shared fixtures and comparison helpers for cormorant's Python tests.

pandas is the oracle: every expectation is computed by running the same operation in
pandas on the same data, never written out by hand.

The engine: DuckDB by default. With CORMORANT_TEST_ENGINE=spark every session the tests open
without naming an engine (the global one, ``cpd.Session(...)``) runs on Spark, through
``cpd.options.session.engine`` / ``spark_remote``: the URL is $CORMORANT_SPARK_REMOTE, else the
cluster ``bash scripts/spark.sh start`` runs for this worktree. The same test files then compare
Spark's results with pandas; spark_gaps.py lists what is known not to run there yet (each a
strict xfail that must raise UnsupportedError, or a test of DuckDB itself, skipped).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd

REPO_ROOT = Path(__file__).resolve().parents[2]

#: The engine the suite runs on: "duckdb" (default) or "spark" (CORMORANT_TEST_ENGINE).
ENGINE = os.environ.get("CORMORANT_TEST_ENGINE", "duckdb")


def _spark_remote() -> str:
    """The Spark Connect URL of the suite's cluster ($CORMORANT_SPARK_REMOTE, else the running
    cluster of this worktree's scripts/spark.sh)."""
    if os.environ.get("CORMORANT_SPARK_REMOTE"):
        return os.environ["CORMORANT_SPARK_REMOTE"]
    url = Path(os.environ.get("CORMORANT_SPARK_DIR", REPO_ROOT / ".spark")) / "connect_url"
    if not url.is_file():
        raise pytest.UsageError(f"CORMORANT_TEST_ENGINE=spark needs a cluster: no {url}; run bash scripts/spark.sh start "
                                "or set CORMORANT_SPARK_REMOTE")
    return url.read_text().strip()


def pytest_configure(config):
    if ENGINE not in ("duckdb", "spark"):
        raise pytest.UsageError(f'CORMORANT_TEST_ENGINE must be "duckdb" or "spark", got {ENGINE!r}')
    if ENGINE == "spark":
        cpd.options.session.engine = "spark"
        cpd.options.session.spark_remote = _spark_remote()


def engine_prelude() -> str:
    """Python lines that put a child process on the suite's engine (its sessions' default), for
    tests whose children check cormorant's behaviour: none on DuckDB."""
    if ENGINE != "spark":
        return ""
    return ("import cormorant.pandas as _cpd\n_cpd.options.session.engine = 'spark'\n"
            f"_cpd.options.session.spark_remote = {cpd.options.session.spark_remote!r}\n")


def pytest_report_header(config):
    return f"cormorant engine: {ENGINE}" + (f" at {cpd.options.session.spark_remote}" if ENGINE == "spark" else "")


def pytest_collection_modifyitems(config, items):
    if ENGINE == "spark":
        import spark_gaps

        spark_gaps.mark(items)


def _penguins_csv() -> Path:
    candidates = [
        REPO_ROOT / ".deps" / "data" / "penguins.csv",
        REPO_ROOT.parent / "shared" / "data" / "penguins.csv",
    ]
    for path in candidates:
        if path.is_file():
            return path
    pytest.fail(f"penguins.csv not found; looked in {', '.join(map(str, candidates))}")


# -- session isolation ----------------------------------------------------------------


@pytest.fixture(scope="session", autouse=True)
def _isolated_warehouse(tmp_path_factory):
    """Points every session at a temporary warehouse so no test writes to the home directory."""
    mp = pytest.MonkeyPatch()
    mp.setenv("CORMORANT_WAREHOUSE", str(tmp_path_factory.mktemp("warehouse")))
    cpd.close_session()  # a global session opened before this fixture would use the old warehouse
    yield
    cpd.close_session()
    mp.undo()


# -- data -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def penguins_path() -> Path:
    return _penguins_csv()


@pytest.fixture
def pd_penguins(penguins_path) -> pd.DataFrame:
    return pd.read_csv(penguins_path, dtype_backend="numpy_nullable")


@pytest.fixture(scope="module")
def penguins(penguins_path):
    """(cormorant, pandas) penguins, read once per module (operations return new objects)."""
    return cpd.read_csv(penguins_path), pd.read_csv(penguins_path, dtype_backend="numpy_nullable")


@pytest.fixture
def cpd_penguins(penguins_path):
    return cpd.read_csv(penguins_path)


@pytest.fixture
def frames(cpd_penguins, pd_penguins):
    """(cormorant, pandas) penguins, for tests that apply one function to both."""
    return cpd_penguins, pd_penguins


# -- comparison helpers -------------------------------------------------------------------


# Floats are compared to this relative tolerance (DuckDB and numpy may round the last bit of
# pow or division differently); integers, strings and booleans exactly.
RTOL = 1e-9


def assert_same(cormorant_obj, pandas_obj) -> None:
    """cormorant's result equals pandas', values, index labels, row order and exact dtypes included.

    cormorant always returns pandas' nullable dtypes (Int64, Float64, boolean, string). pandas
    gives other dtypes of the same kind in places (int64 for a scalar column, numpy bool
    from isna(), bool[pyarrow] from comparing pyarrow-backed strings, 'str' from
    astype(str)); `nullable()` maps only those to their nullable counterpart before the exact
    comparison, so a wrong kind of dtype (Int64 for Float64, string for Float64...) still fails.

    Index levels are compared the same way on both sides (see `nullable_index`): an index
    brought in with read_pandas or made by set_index has cormorant's nullable dtypes (Int64,
    string) where pandas keeps int64 or 'str', and pandas cannot tell such an index from the
    sequential default index (int64) once rows are filtered. Tests that care whether an index
    is the default one check `.index` exactly.
    """
    expected = nullable(pandas_obj).copy(deep=False)
    expected.index = nullable_index(expected.index)
    if isinstance(pandas_obj, pd.DataFrame):
        assert isinstance(cormorant_obj, cpd.DataFrame), f"expected a cormorant DataFrame, got {type(cormorant_obj)}"
        got = cormorant_obj.to_pandas()
        got.index = nullable_index(got.index)
        pd.testing.assert_frame_equal(got, expected, check_dtype=True, rtol=RTOL)
    elif isinstance(pandas_obj, pd.Series):
        assert isinstance(cormorant_obj, cpd.Series), f"expected a cormorant Series, got {type(cormorant_obj)}"
        got = cormorant_obj.to_pandas()
        got.index = nullable_index(got.index)
        pd.testing.assert_series_equal(got, expected, check_dtype=True, rtol=RTOL)
    else:
        raise TypeError(f"assert_same compares DataFrames or Series, got {type(pandas_obj)}")


def assert_same_scalar(got, want) -> None:
    """A reduction's scalar equals pandas': both missing, floats within 1e-12, or equal values
    of a Python or NumPy scalar type."""
    if pd.isna(want):
        assert pd.isna(got), (got, want)
    elif isinstance(want, (float, np.floating)):
        assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12), (got, want)
    else:
        assert got == want and isinstance(got, (bool, int, float, np.generic, type(want))), (got, want)


_NULLABLE = {"i": "Int64", "u": "Int64", "f": "Float64", "b": "boolean"}
_STRING = pd.StringDtype(na_value=pd.NA)


def _nullable_dtype(dtype):
    """The nullable dtype cormorant uses for a pandas dtype of the same kind, or None to keep it."""
    if isinstance(dtype, pd.StringDtype):
        return _STRING
    if isinstance(dtype, pd.ArrowDtype):
        t = dtype.pyarrow_dtype
        if pa.types.is_boolean(t):
            return "boolean"
        if pa.types.is_integer(t):
            return "Int64"
        if pa.types.is_floating(t):
            return "Float64"
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return _STRING
        return None
    if isinstance(dtype, pd.api.extensions.ExtensionDtype):
        return None
    if dtype == object:
        return _STRING
    return _NULLABLE.get(dtype.kind)


def nullable(pandas_obj):
    """pandas' result with its dtypes mapped to the nullable dtypes cormorant always returns.

    int64/int32 -> Int64, float64 -> Float64 (NaN becomes <NA>), bool and bool[pyarrow] ->
    boolean, 'str'/object strings/string[python] -> string (pyarrow storage, <NA>). Nullable
    dtypes are left alone.
    """

    def convert(s: pd.Series) -> pd.Series:
        target = _nullable_dtype(s.dtype)
        return s if target is None or s.dtype == target else s.astype(target)

    if isinstance(pandas_obj, pd.Series):
        return convert(pandas_obj)
    out = pandas_obj.copy()
    for i in range(out.shape[1]):
        out.isetitem(i, convert(out.iloc[:, i]))
    return out


def nullable_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with its NumPy int8..uint64 columns as the nullable Int8..UInt64 that read_pandas
    reads them as (nullable() maps every integer to Int64: the dtype of cormorant's own integer
    results where pandas gives int32, e.g. date parts)."""
    return frame.astype({c: frame[c].dtype.name.capitalize().replace("Uint", "UInt")
                         for c in frame.columns if frame[c].dtype.kind in "iu" and frame[c].dtype.name != "int64"})


def nullable_index(index: pd.Index) -> pd.Index:
    """`index` with each level's dtype mapped as `nullable()` maps column dtypes (int64 and
    RangeIndex -> Int64, 'str' -> string, ...); datetimes and nullable dtypes are kept.
    assert_same applies it to both sides."""
    if isinstance(index, pd.MultiIndex):
        levels = [nullable_index(index.get_level_values(i)) for i in range(index.nlevels)]
        return pd.MultiIndex.from_arrays(levels, names=index.names)
    target = _nullable_dtype(index.dtype)
    if target is None or index.dtype == target:
        return index
    return index.astype(target)


def check_raises(cormorant_cls, builtin, match, cormorant_call, pandas_call):
    """cormorant raises cormorant_cls (a `builtin`) matching `match`; pandas raises `builtin`."""
    with pytest.raises(cormorant_cls, match=match) as info:
        cormorant_call()
    assert isinstance(info.value, builtin), f"{type(info.value).__name__} is not a {builtin.__name__}"
    with pytest.raises(builtin):
        pandas_call()


def id_frame(values, dtype="string") -> pd.DataFrame:
    """A pandas frame of `values` (column "s", of `dtype`) beside their positions (column "id"),
    so results of either ordering mode can be put back in order (see in_order)."""
    return pd.DataFrame({"id": range(len(values)), "s": pd.array(values, dtype=dtype)})


def in_order(cdf, result, mode: str) -> pd.Series:
    """A cormorant Series computed from `cdf` (an id_frame read into cormorant), run beside the
    frame's "id" and named "r"; in partial ordering mode its rows sorted by id, as pandas has them."""
    out = cdf[["id"]].assign(r=result).to_pandas()
    if mode == "partial":
        out = out.sort_values("id", ignore_index=True)
    return out["r"]
