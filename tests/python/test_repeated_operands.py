"""Chained operations whose SQL repeats an operand stay small and equal pandas.

pandas' semantics often need an operand several times in SQL (float floor division reads its
dividend eight times: fmod, the quotient, signs, the zero divisor). Nested, the repetitions
multiplied: four chained `s // t` were 29 MB of SQL and six hung. The compiler now computes a
large repeated operand once, in a projection below (compile/shared_sql.cpp). Each case below
chains one operation six times: the SQL must grow by about the same amount at each step, and
the result must be pandas'."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

_HOUR = pd.Timedelta(hours=1)


def _frame():
    return pd.DataFrame({
        "f": pd.array([7.5, -3.0, None, 10.0, 0.0, -0.0, np.inf, 2.25, -np.inf, 1e300], dtype="Float64"),
        "g": pd.array([2.0, 0.0, 1.5, -4.0, 0.0, 3.0, 2.0, -0.5, 0.0, -7.0], dtype="Float64"),
        "i": pd.array([7, -3, None, 10, 0, -5, 9, 2, -8, 1], dtype="Int64"),
        "j": pd.array([2, 0, 3, -4, 0, 3, 2, -1, -3, 0], dtype="Int64"),
        "t": pd.to_timedelta([7, -3, None, 10, 0, -5, 9, 2, 1, 4], unit="h"),
        "u": pd.to_timedelta([2, 0, 3, -4, 0, 3, 2, -1, 5, 1], unit="h"),
        "d": pd.date_range("2024-03-30", periods=10, freq="37h", tz="Europe/Paris"),
        "s": pd.array(["ab", "Cd e", None, "x", "", " yy ", "Zz", "q", "éa", "mix Ed"], dtype="string"),
        "w": pd.array(list("0123456789"), dtype="string"),
    })


# name -> (column chained, other column, one step)
CASES = {
    "float floordiv": ("f", "g", lambda s, b: s // b),
    "float mod": ("f", "g", lambda s, b: s % b),
    "int floordiv": ("i", "j", lambda s, b: s // b),
    "int mod": ("i", "j", lambda s, b: s % b),
    "int floordiv float": ("i", "g", lambda s, b: s // b),
    "float floordiv int": ("f", "j", lambda s, b: s // b),
    "int mod float": ("i", "g", lambda s, b: s % b),
    "divmod quotient": ("f", "g", lambda s, b: divmod(s, b)[0]),
    "divmod remainder": ("i", "j", lambda s, b: divmod(s, b)[1]),
    "rfloordiv": ("f", "g", lambda s, b: b.rfloordiv(s) + 1),
    "round": ("f", "g", lambda s, b: (s * 1.37).round(1)),
    "clip": ("f", "g", lambda s, b: s.clip(-5, 5) - 1.5),
    "where": ("f", "g", lambda s, b: s.where(s > 1, -s + 1)),
    "mask": ("f", "g", lambda s, b: s.mask(s > 1, b)),
    "float pow": ("f", "g", lambda s, b: s ** b),
    "sqrt pow": ("f", "g", lambda s, b: s ** 0.5 + b),
    "int pow": ("i", "j", lambda s, b: s ** 2 % 1000),
    "fillna": ("f", "g", lambda s, b: s.fillna(b) + 1),
    "abs": ("i", "j", lambda s, b: (s - 3).abs()),
    "timedelta floordiv": ("t", "u", lambda s, b: _HOUR * (s // b)),
    "timedelta mod": ("t", "u", lambda s, b: s % b),
    "timedelta times float": ("t", "u", lambda s, b: s * 1.5),
    "datetime plus timedelta": ("d", "u", lambda s, b: s + b),
    "datetime floor": ("d", "u", lambda s, b: (s + b).dt.floor("h")),
    "str zfill": ("s", "w", lambda s, b: s.str.zfill(3).str.slice(0, 4)),
    "str center": ("s", "w", lambda s, b: s.str.center(5, "*").str.strip("*")),
    "str capitalize": ("s", "w", lambda s, b: s.str.capitalize().str.swapcase()),
    "str title": ("s", "w", lambda s, b: s.str.title() + "a b"),
    "str pad": ("s", "w", lambda s, b: s.str.pad(6, side="both", fillchar="-").str.slice(1, -1)),
    "str replace": ("s", "w", lambda s, b: s.str.replace("a", "aa").str.slice(-4)),
    "str get": ("s", "w", lambda s, b: s.str.get(0) + s.str.get(-1)),
    "str cat": ("s", "w", lambda s, b: s.str.cat(b, sep="-").str.slice(1)),
    # (an operand only in the branches: computed once for every row, as it cannot fail)
    "str in branches": ("s", "w", lambda s, b: (s + "ab").where(b > "4", s.str.slice(0, 3) + "-")),
    "extract in branches": ("s", "w", lambda s, b: s.str.extract("([a-z])", expand=False).fillna("q").where(
        b > "4", s.str.slice(0, 2) + "!")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_chained_six_times(name):
    column, other, step = CASES[name]
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    s, b, p, pb = df[column], df[other], pdf[column], pdf[other]
    sizes = []
    for _ in range(6):
        s, p = step(s, b), step(p, pb)
        sizes.append(len(s.sql))
    growth = [later - earlier for earlier, later in zip(sizes, sizes[1:])]
    # Linear: the last step adds about what the first did (repetition doubled it each step).
    assert growth[-1] <= 2 * growth[0] + 400, sizes
    pd.testing.assert_series_equal(s.to_pandas(), p, check_names=False)


def test_chained_floor_division_stays_small():
    # The brief's reproduction: 1.5 KB, 40 KB, 1 MB, 29 MB before.
    pdf = pd.DataFrame({"a": [7.5, -3.0, None, 10.0], "b": [2.0, 0.0, 1.5, -4.0]})
    df = cpd.read_pandas(pdf)
    s, p = df["a"], pdf["a"].astype("Float64")
    one_step = len((s // df["b"]).sql)  # (DuckDB 1.5 KB; Spark's float floor division 8.5 KB)
    for _ in range(40):
        s, p = s // df["b"], p // pdf["b"].astype("Float64")
    assert len(s.sql) < 2 * 40 * one_step  # linear in the steps, on each engine's SQL
    pd.testing.assert_series_equal(s.to_pandas(), p, check_names=False)


def test_filter_on_a_chain():
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    s, p = df["f"], pdf["f"]
    for _ in range(5):
        s, p = s // df["g"], p // pdf["g"]
    sql = df[s > 0].sql
    assert len(sql) < 2 * 5 * len(df[df["f"] // df["g"] > 0].sql)  # linear in the steps
    pd.testing.assert_frame_equal(df[s > 0].to_pandas(), pdf[p > 0])


def test_operand_also_a_result_column():
    # The repeated operand is one of the results too, and a column passed through unchanged.
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    q, pq = df["f"] // df["g"], pdf["f"] // pdf["g"]
    out = df[["i", "s"]].assign(q=q, r=(q // df["g"]) // df["g"], k=q % df["g"])
    expected = pdf[["i", "s"]].assign(q=pq, r=(pq // pdf["g"]) // pdf["g"], k=pq % pdf["g"])
    pd.testing.assert_frame_equal(out.to_pandas(), expected)
    pd.testing.assert_frame_equal(out.to_pandas(), expected)  # re-execution


