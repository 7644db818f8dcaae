"""Deep chains of operations never crash the process (issue 9, item 11).

Each chain runs in a subprocess, so a crash (a stack overflow is a SIGSEGV) fails the test
instead of killing pytest. At 7,000 and 100,000 steps the result must equal pandas' (the same
loop run in pandas) or cormorant must raise its typed PlanTooDeepError, which says to
materialize an intermediate result with cache().
"""

import json
import subprocess
import sys
import textwrap

import pytest

from conftest import engine_prelude

SCRIPT = textwrap.dedent(
    """
    import json, sys
    import pandas as pd
    import cormorant.pandas as cpd
    from cormorant import exceptions

    kind, n = sys.argv[1], int(sys.argv[2])
    base = pd.DataFrame({"a": [1, 2, 3], "b": [1.5, None, 2.0]})

    def steps(lib, df, count):
        keys = lib_frame(lib, pd.DataFrame({"a": [1, 2, 3]}))
        s, m = df["a"], df["a"] > 0
        for i in range(count):
            if kind == "arith":
                s = s + 1
            elif kind == "filter":
                df = df[df["a"] > -i]
            elif kind == "assign":
                df["a"] = df["a"] + 1
            elif kind == "rename":
                df = df.rename(columns={"a": "x"}).rename(columns={"x": "a"})
            elif kind == "where_fillna":
                s = df["b"].where(df["b"] > -i).fillna(i)
                df["b"] = s
            elif kind == "mask_and":
                m = m & (df["a"] > -i)
            elif kind == "concat":
                df = lib.concat([df.head(1), df.tail(2)], ignore_index=True)
            elif kind == "merge":
                df = df[["a", "b"]].merge(keys, on="a")
            elif kind == "sort_values":
                df = df.sort_values("a", ascending=bool(i % 2))
        if kind == "arith":
            return s.to_frame()
        if kind == "mask_and":
            return df[m]
        return df

    def lib_frame(lib, pdf):
        return pdf if lib is pd else cpd.read_pandas(pdf)

    def pandas_of(x):
        return x.to_pandas() if hasattr(x, "to_pandas") else x

    out = {"kind": kind, "n": n}
    try:
        got = pandas_of(steps(cpd, cpd.read_pandas(base), n))
    except exceptions.PlanTooDeepError as e:
        out.update(outcome="PlanTooDeepError", message=str(e))
    except exceptions.CormorantError as e:
        out.update(outcome=type(e).__name__, message=str(e))
    else:
        # A double rename is the identity: pandas' result is the same for any count, and its
        # rename is slow (about 1 ms), so its loop runs 200 times.
        want = steps(pd, base.copy(), 200 if kind == "rename" else n)
        pd.testing.assert_frame_equal(
            got.reset_index(drop=True), want.reset_index(drop=True).convert_dtypes(), check_dtype=False
        )
        out.update(outcome="equal")
    print(json.dumps(out))
    """
)

KINDS = ["arith", "filter", "assign", "rename", "where_fillna", "mask_and", "concat", "merge", "sort_values"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [7000, 100000])
def test_deep_chain_gives_pandas_result_or_typed_error(kind, n):
    p = subprocess.run([sys.executable, "-c", engine_prelude() + SCRIPT, kind, str(n)], capture_output=True, text=True,
                       timeout=300)
    assert p.returncode == 0, f"{kind} x{n} ended with exit code {p.returncode}: {p.stderr[-2000:]}"
    out = json.loads(p.stdout.strip().splitlines()[-1])
    assert out["outcome"] in ("equal", "PlanTooDeepError"), out
    if out["outcome"] == "PlanTooDeepError":
        assert "cache()" in out["message"]


def test_deep_chain_continues_after_cache():
    """The way out the error names works: cache every few hundred steps."""
    import pandas as pd

    import cormorant.pandas as cpd

    base = pd.DataFrame({"a": [1, 2, 3]})
    s, want = cpd.read_pandas(base)["a"], base["a"]
    for i in range(1200):
        s, want = s + 1, want + 1
        if i % 100 == 99:
            s = s.cache()
    pd.testing.assert_series_equal(s.to_pandas(), want, check_dtype=False)


def test_wide_row_conditions_are_not_deep():
    """dropna and duplicated over many columns combine per-column conditions: no depth error."""
    import numpy as np
    import pandas as pd

    import cormorant.pandas as cpd

    pdf = pd.DataFrame(np.arange(3 * 1200, dtype=float).reshape(3, 1200), columns=[f"c{i}" for i in range(1200)])
    pdf.iloc[1, 700] = np.nan
    df = cpd.read_pandas(pdf)
    pd.testing.assert_frame_equal(df.dropna().to_pandas(), pdf.dropna().convert_dtypes(), check_dtype=False)
