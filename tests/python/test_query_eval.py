"""DataFrame.query and DataFrame.eval, compared with pandas 3.1 on the same expressions:
comparisons (chained), and/or/not and & | ~ (pandas' precedence), arithmetic, `in` lists,
@variables, backtick-quoted labels, missing values, zoned timestamps, assignments; errors are
typed and name the expression's parts."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": pd.array([1, 5, None, 3, 7, 3], dtype="Int64"),
            "b": pd.array(["x", "y", "x", None, "z", "é"], dtype="string"),
            "c d": pd.array([0.5, 1.5, 2.5, None, 4.5, -1.0], dtype="Float64"),
            "t": pd.to_datetime(["2024-11-03 01:30", "2024-11-03 01:30", None, "2024-03-10 03:00", "2020-01-01 00:00",
                                 "2030-01-01 00:00"]).tz_localize("America/New_York", ambiguous=[True, False, False,
                                                                                                   False, False, False]),
        },
        index=[10, 11, 12, 10, 14, 15],
    )


LIMIT = 2
NAMES = ["x", "z"]
WHEN = pd.Timestamp("2024-11-03 05:30", tz="UTC")  # 01:30 EST, the second of the two

EXPRESSIONS = [
    "a > 2", "a > @LIMIT & b == 'x'", "a > 1 and b in @NAMES", "1 < a <= 5", "b not in ['x'] or `c d` > 4",
    "not (a > 2)", "~(a > 2) | (a + 1) * 2 > 9", "a % 2 == 1", "a == a", "`c d` * 2 >= a", "t > @WHEN",
    "t == @WHEN or a ** 2 < 10", "b == 'é'", "a != 3 & a != 5",
    # pandas rewrites == / != with a string or a list on one side to in / not in: a missing b
    # is != 'x' there (it was dropped), and a == [..] is isin
    "b != 'x'", "not (b == 'y')", "'x' != b", "a == [1, 3]", "a != [3] and b != 'z'", "b != @NAMES",
    "t != '2024-03-10 03:00'",
]


@pytest.mark.parametrize("expr", EXPRESSIONS)
def test_query_like_pandas(expr):
    p = _frame()
    c = cpd.read_pandas(p)
    expected = p.query(expr)
    for _ in range(2):  # runs again
        assert_same(c.query(expr), expected)


@pytest.mark.parametrize("expr", ["a * 2 + `c d`", "a > 2", "-a", "(a + 1) // 2", "2 < a", "`c d` != 1.5",
                                  "b == 'x'", "b != 'x'", "a == [1, 7]", "b > 'x'"])
def test_eval_like_pandas(expr):
    p = _frame()
    assert_same(cpd.read_pandas(p).eval(expr), p.eval(expr))


def test_eval_assignments():
    p = _frame()
    c = cpd.read_pandas(p)
    expr = "e = a + 1\nf = e * `c d`"
    assert_same(c.eval(expr), p.eval(expr))
    assert_same(c, p)  # the frame itself is unchanged
    c.eval("g = a - 1", inplace=True)
    p.eval("g = a - 1", inplace=True)
    assert_same(c, p)
    # a quoted label as the target: pandas names the column BACKTICK_QUOTED_STRING_g_h (a pandas bug)
    assert_same(c.eval("`g h` = `c d` + 1")["g h"], (p["c d"] + 1).rename("g h"))


def test_variables_from_dicts_and_inplace():
    p = _frame()
    c = cpd.read_pandas(p)
    assert_same(c.query("a > @k", local_dict={"k": 4}), p.query("a > @k", local_dict={"k": 4}))
    c.query("a >= 3", inplace=True)
    p.query("a >= 3", inplace=True)
    assert_same(c, p)


def test_errors_are_typed():
    c = cpd.read_pandas(_frame())
    with pytest.raises(ex.ColumnNotFoundError, match="'nope'.*@nope"):
        c.query("nope > 1")
    with pytest.raises(ex.InvalidArgumentError, match="'missing' is not defined"):
        c.query("a > @missing")
    with pytest.raises(ex.InvalidArgumentError, match="cannot parse"):
        c.query("a >")
    with pytest.raises(ex.UnsupportedError, match="Call"):
        c.query("a.abs() > 1")
    with pytest.raises(ex.DTypeError, match="not booleans"):
        c.query("a + 1")
    with pytest.raises(ex.InvalidArgumentError, match="non-empty"):
        c.query("  ")


def test_variables_of_the_calling_function_past_cormorants_wrappers():
    """@name is the caller's variable, not one of cormorant's wrappers' own locals (method, args,
    kwargs, key...: the arguments wrapper once stood between them and broke @LIMIT)."""
    p = pd.DataFrame({"a": pd.array([1, 5, 9], dtype="Int64")})
    c = cpd.read_pandas(p)
    method, kwargs, key, limit = 4, 6, 8, 2
    for expr in ("a > @method", "a < @kwargs", "a != @key", "a > @limit"):
        assert_same(c.query(expr), p.query(expr))
        assert_same(c.eval(expr), p.eval(expr))
