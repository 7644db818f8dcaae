"""Comparisons of datetime64 columns where a value is missing: pandas keeps datetimes in numpy
form with NaT, and a comparison with NaT is False (!= is True), never <NA>; so ~(t < x) keeps
the NaT rows. Dates (date32[pyarrow]) and numbers are nullable: <NA> there."""

from __future__ import annotations

import datetime
import operator

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

OPS = [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]


def _frame(zone):
    s = pd.Series(pd.array([pd.Timestamp("2024-03-10 01:30"), None, pd.Timestamp("2024-03-11 09:00"), None],
                           dtype="datetime64[us]"))
    u = pd.Series(pd.array([pd.Timestamp("2024-03-10 01:30"), pd.Timestamp("2024-03-09"), None, None],
                           dtype="datetime64[us]"))
    if zone:
        s, u = s.dt.tz_localize("UTC").dt.tz_convert(zone), u.dt.tz_localize("UTC").dt.tz_convert(zone)
    p = pd.DataFrame({"s": s, "u": u, "n": pd.array([1, 2, 3, 4], dtype="Int64")})
    return p, cpd.read_pandas(p)


def _values(obj):
    return [bool(v) for v in (obj.to_pandas() if hasattr(obj, "to_pandas") else obj).tolist()]


@pytest.mark.parametrize("zone", [None, "UTC", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("op", OPS, ids=lambda o: o.__name__)
def test_comparison_with_nat_is_false(zone, op):
    p, c = _frame(zone)
    x = pd.Timestamp("2024-03-10 12:00", tz=zone)
    assert _values(op(c.s, x)) == op(p.s, x).tolist()
    assert _values(op(c.s, c.u)) == op(p.s, p.u).tolist()
    assert _values(~op(c.s, x)) == (~op(p.s, x)).tolist()
    # masks keep the same rows, negated ones too, and counts agree (a NaT is != everything)
    pd.testing.assert_frame_equal(c[op(c.s, x)].to_pandas(), p[op(p.s, x)], check_index_type=False)
    pd.testing.assert_frame_equal(c[op(c.s, c.u)].to_pandas(), p[op(p.s, p.u)], check_index_type=False)
    pd.testing.assert_frame_equal(c[~op(c.s, x)].to_pandas(), p[~op(p.s, x)], check_index_type=False)
    assert int(op(c.s, c.u).sum()) == int(op(p.s, p.u).sum())


@pytest.mark.parametrize("zone", [None, "Europe/Berlin"])
def test_between_and_nat_literal(zone):
    p, c = _frame(zone)
    lo, hi = pd.Timestamp("2024-03-01", tz=zone), pd.Timestamp("2024-03-31", tz=zone)
    assert _values(c.s.between(lo, hi)) == p.s.between(lo, hi).tolist()
    assert _values(~c.s.between(lo, hi)) == (~p.s.between(lo, hi)).tolist()


def test_filters_still_reach_the_scan(tmp_path):
    """The False-for-NaT form is for values; a filter's condition stays a plain comparison."""
    p, c = _frame(None)
    x = pd.Timestamp("2024-03-10 12:00")
    assert "coalesce" not in c[c.s < x].sql.lower()
    assert "coalesce" in c.assign(b=c.s < x).sql.lower()


def test_dates_stay_nullable():
    d = pd.Series(pd.array([datetime.date(2024, 1, 1), None], dtype="date32[pyarrow]"))
    c = cpd.read_pandas(pd.DataFrame({"d": d}))
    got = (c.d > datetime.date(2023, 1, 1)).to_pandas()
    expected = d > datetime.date(2023, 1, 1)
    assert got.tolist()[0] == expected.tolist()[0] and got.isna().tolist() == expected.isna().tolist()


def _compared_like_pandas(expr: str, p, c, match="Invalid comparison"):
    """`expr` over x = pandas frame `p` and x = cormorant frame `c`: the same values (missing
    ones included), or a DTypeError where pandas raises TypeError."""
    import numpy as np

    env = {"pd": pd, "np": np}
    try:
        expected = eval(expr, {**env, "x": p})  # noqa: S307 — our own expressions
    except TypeError:
        with pytest.raises(exceptions.DTypeError, match=match):
            eval(expr, {**env, "x": c})  # noqa: S307
        return
    got = eval(expr, {**env, "x": c}).to_pandas()  # noqa: S307
    assert repr(got.astype(object).values.tolist()) == repr(expected.astype(object).values.tolist())


@pytest.mark.parametrize("missing", ["None", "pd.NA", "np.nan", "pd.NaT"])
@pytest.mark.parametrize("column", ["i", "f", "b", "t"])
@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">=", ".eq", ".ne", ".lt", "r=="])
def test_comparison_with_a_missing_scalar(missing, column, op):
    """A number or boolean Series compared with None or NaT is compared as with NaN, as pandas
    does: == False, != True, <NA> kept where the value is missing (they gave <NA> on every row),
    and with NaN itself nothing is ordered (x < NaN was True: the engine orders NaN above every
    number); pd.NA gives <NA>; where pandas raises (an ordering against None), a DTypeError."""
    import numpy as np

    p = pd.DataFrame({"i": pd.array([1, None, -2], dtype="Int64"), "f": pd.array([1.0, None, np.inf], dtype="Float64"),
                      "b": pd.array([True, None, False], dtype="boolean"),
                      "t": pd.to_datetime(["2024-01-01", None, "2024-01-02"]).tz_localize("Asia/Kolkata")})
    c = cpd.read_pandas(p)
    expr = (f"x[{column!r}]{op}({missing})" if op.startswith(".") else f"({missing}) == x[{column!r}]" if op == "r=="
            else f"x[{column!r}] {op} {missing}")
    _compared_like_pandas(expr, p, c)


@pytest.mark.parametrize("missing", ["None", "pd.NA", "pd.NaT"])
@pytest.mark.parametrize("op", ["==", "!=", ".eq", ".ne", "<", ".ge"])
@pytest.mark.parametrize("columns", [["i", "s", "t"], ["s"], ["t", "s"]])
def test_frame_comparison_with_a_missing_scalar(missing, op, columns):
    """A DataFrame compared with None, pd.NA or NaT: each column by its own dtype's rule, as the
    Series do (== None was <NA> in every number column; pandas: False there)."""
    p = pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "s": pd.array(["a", None], dtype="string"),
                      "t": pd.to_datetime(["2024-01-01", None]).tz_localize("UTC")})
    c = cpd.read_pandas(p)
    expr = f"x[{columns}]{op}({missing})" if op.startswith(".") else f"x[{columns}] {op} {missing}"
    _compared_like_pandas(expr, p, c)


@pytest.mark.parametrize("missing", ["None", "np.nan"])
@pytest.mark.parametrize("column", ["i", "f", "b", "s", "t", "numbers", "strings"])
@pytest.mark.parametrize("op", ["+", "-", "*", "/", "//", "%", "**", "&", "|", "^", "r+", "r&", "==", "<", "r>="])
def test_operators_with_none_or_nan(missing, column, op):
    """Arithmetic and logic with None raise for numbers and booleans, as in pandas (they gave
    <NA>; `b | None` gave True); a string column meets NaN as a missing string (it raised,
    pandas gives <NA>), in comparisons and +; Series and frames alike."""
    p = pd.DataFrame({"i": pd.array([1, None, -2], dtype="Int64"), "f": pd.array([1.5, None, 0.0], dtype="Float64"),
                      "b": pd.array([True, None, False], dtype="boolean"), "s": pd.array(["a", None, ""], dtype="string"),
                      "t": pd.to_datetime(["2024-01-01", None, "2024-01-02"])})
    c = cpd.read_pandas(p)
    x = {"numbers": "x[['i', 'f']]", "strings": "x[['s']]"}.get(column, f"x[{column!r}]")
    expr = f"({missing}) {op[1:]} {x}" if op.startswith("r") else f"{x} {op} ({missing})"
    _compared_like_pandas(expr, p, c, match="unsupported operand|Invalid comparison|cannot|not supported")
