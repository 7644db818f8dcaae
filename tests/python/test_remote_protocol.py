"""BigQuery's remote-function protocol in depth, on one function service for the module:
userDefinedContext reaching deployed functions (raw HTTP, queries, create_remote_function),
functions of a row called with bigframes' row serialization (a JSON string argument), and
dates, naive and UTC timestamps, Decimal, bytes, lists and NULLs through remote functions
against pandas, with their JSON encoding as BigQuery's (dates "YYYY-MM-DD", bytes in base64,
NUMERIC as strings, ...)."""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import remote
from remote_helpers import post, request, session, token, warehouse  # noqa: F401 (module fixtures)
from test_udf_types import CASES, _pandas_apply, _python_values, _series


# -- userDefinedContext -------------------------------------------------------------------------


def tagged(x: int) -> str:
    from cormorant import remote

    context = remote.user_defined_context()
    return None if x is None else f"{context.get('tag', 'none')}:{context.get('n', '-')}:{x}"


def _tagged_with(context: dict):
    """tagged() as it runs under `context` (the oracle's function)."""
    def f(x):
        return None if x is None else f"{context.get('tag', 'none')}:{context.get('n', '-')}:{x}"

    return f


def test_user_defined_context_raw_http(session, warehouse):
    f = session.remote_function(tagged, max_instances=1)
    t = token(warehouse)
    calls = [[1], [None], [3]]
    for context in ({"tag": "a", "n": "7"}, {}, None):
        body = request(calls, userDefinedContext=context) if context is not None else {
            "requestId": "r", "calls": calls}
        status, answer = post(f.endpoint, body, t)
        assert status == 200
        assert answer["replies"] == [_tagged_with(context or {})(c[0]) for c in calls]
    for bad in ([1, 2], {"tag": 5}, "text"):
        status, answer = post(f.endpoint, request(calls, userDefinedContext=bad), t)
        assert status == 400 and "userDefinedContext" in answer["errorMessage"]
    # Outside a request there is none.
    assert remote.user_defined_context() == {}


def test_user_defined_context_from_queries(session):
    values = pd.Series(pd.array([1, None, 30], dtype="Int64"), name="x")
    df = session.read_pandas(values.to_frame())
    for context in ({"tag": "q1", "n": "1"}, {"tag": "q2"}):
        f = session.remote_function(tagged, user_defined_context=context, max_instances=1, dataset="ctx",
                                    name="tagged_" + context["tag"])
        assert json.loads(session.describe_routine(f.routine_id)["user_defined_context"]) == context
        got = df["x"].apply(f).to_pandas()
        want = _pandas_apply(values, _tagged_with(context)).astype("string")
        pd.testing.assert_series_equal(got, want, check_names=False)
    # A deployed function registered again with create_remote_function: the routine's own
    # user_defined_context goes with each request.
    ext = session.create_remote_function("ctx.external_tag", endpoint=f.endpoint, input_types=[int], output_type=str,
                                         user_defined_context={"tag": "ext", "n": "9"}, max_batching_rows=2)
    got = df["x"].apply(ext).to_pandas()
    pd.testing.assert_series_equal(got, _pandas_apply(values, _tagged_with({"tag": "ext", "n": "9"})).astype("string"),
                                   check_names=False)


# -- functions of a row: bigframes' serialization ------------------------------------------------


def row_text(row) -> str:
    return "|".join(f"{k}={row[k]!r}" for k in row.index)


def _bigframes_value(v, dtype: str):
    """A value as bigframes' row serialization writes it (SQL CAST AS STRING; bytes base64)."""
    if v is None or v is pd.NA:
        return None
    if dtype == "boolean":
        return "true" if v else "false"
    if dtype == "binary[pyarrow]":
        return base64.b64encode(v).decode()
    return str(v)


def _bigframes_rows(pdf: pd.DataFrame, with_index: bool) -> list[list[str]]:
    """The calls bigframes sends to a row processor for the rows of `pdf`."""
    calls = []
    for label, row in _python_values_frame(pdf).iterrows():
        names = [repr(c) for c in pdf.columns]
        types = [str(pdf[c].dtype) for c in pdf.columns]
        values = [_bigframes_value(row[c], types[i]) for i, c in enumerate(pdf.columns)]
        if with_index:
            names, types, values = ["None"] + names, ["Int64"] + types, [str(label)] + values
        calls.append([json.dumps({"names": names, "types": types, "values": values,
                                  "indexlength": 1 if with_index else 0, "dtype": "object"})])
    return calls


def _plain(s: pd.Series) -> pd.Series:
    """_python_values(s) with numpy scalars as Python ones (what a function receives)."""
    values = _python_values(s)
    return pd.Series([v.item() if isinstance(v, np.generic) else v for v in values], index=values.index, dtype=object,
                     name=s.name)


def _python_values_frame(pdf: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({c: _plain(pdf[c]) for c in pdf.columns}, index=pdf.index)


def test_row_functions_speak_bigframes_row_format(session, warehouse):
    f = session.remote_function(row_text, input_types=cpd.Series, output_type=str, max_instances=1)
    pdf = pd.DataFrame({
        "name": pd.array(["a", None, "c'q\"", "日本"], dtype="string"),
        "n": pd.array([1, None, -3, 2**40], dtype="Int64"),
        "x": pd.array([1.5, None, -0.25, 1e20], dtype="Float64"),
        "ok": pd.array([True, None, False, True], dtype="boolean"),
    })
    want = _python_values_frame(pdf).apply(row_text, axis=1).tolist()
    t = token(warehouse)
    for with_index in (False, True):
        status, answer = post(f.endpoint, request(_bigframes_rows(pdf, with_index)), t)
        assert status == 200, answer
        assert answer["replies"] == want
    # The engine sends the same format: the query equals pandas.
    got = session.read_pandas(pdf).apply(f, axis=1).to_pandas()
    pd.testing.assert_series_equal(got, pd.Series(want, dtype="string"), check_names=False)
    # A row function's call is one string; mixed rows and non-JSON are refused.
    rows = _bigframes_rows(pdf, False)
    other = json.loads(rows[1][0])
    other["names"][0] = repr("renamed")
    for calls, fragment in (([[1, 2]], "one string"), ([["{not json"]], "not JSON"),
                            ([rows[0], [json.dumps(other)]], "same names")):
        status, answer = post(f.endpoint, request(calls), t)
        assert status == 400 and fragment in answer["errorMessage"], answer


# -- types -----------------------------------------------------------------------------------------

# One identity function per case (each a function of its own, with its own worker).
TYPE_CASES = ["int", "float", "bool", "str", "bytes", "decimal", "date", "datetime", "utc",
              "list[int]", "list[date]", "list[decimal]"]


def _bigquery_json(v, case: str):
    """`v` (a Python value) in BigQuery's JSON encoding of remote-function arguments."""
    if v is None:
        return None
    if case.startswith("list["):
        return [_bigquery_json(x, case[5:-1]) for x in v]
    if case == "bytes":
        return base64.b64encode(v).decode()
    if case == "decimal":
        return format(v.normalize(), "f") if v != v.to_integral() else str(v.to_integral())
    if case == "date":
        return v.isoformat()
    if case == "datetime":
        return v.strftime("%Y-%m-%dT%H:%M:%S.%f")
    if case == "utc":
        return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return v


@pytest.mark.parametrize("case", TYPE_CASES)
def test_types_through_remote_functions_match_pandas(session, warehouse, case):
    declared, dtype, values = CASES[case]

    def identity(v):
        return v

    f = session.remote_function(identity, input_types=[declared], output_type=declared, max_instances=1,
                                dataset="types", name="identity_" + "".join(c for c in case if c.isalnum()))
    pdf = pd.DataFrame({"v": _series(dtype, values)})
    got = session.read_pandas(pdf)["v"].apply(f).to_pandas()
    pd.testing.assert_series_equal(got, _pandas_apply(pdf["v"], identity).astype(pdf["v"].dtype))
    pd.testing.assert_series_equal(got, pdf["v"])
    # On the wire: BigQuery's JSON encoding, both ways.
    encoded = [_bigquery_json(v, case) for v in _plain(pdf["v"])]
    status, answer = post(f.endpoint, request([[e] for e in encoded]), token(warehouse))
    assert status == 200 and answer["replies"] == encoded, answer


def shift(d: dt.date, amount: decimal.Decimal) -> str:
    import datetime

    return None if d is None or amount is None else f"{d + datetime.timedelta(days=1)}/{amount * 2}"


def typed_row(row) -> str:
    return "|".join(f"{k}={row[k]}" for k in row.index)


def test_typed_pairs_and_rows_match_pandas(session):
    pdf = pd.DataFrame({name: _series(CASES[name][1], CASES[name][2][:3])
                        for name in ("date", "decimal", "datetime", "utc", "bytes", "list[int]")})
    p = _python_values_frame(pdf)
    df = session.read_pandas(pdf)
    f = session.remote_function(shift, max_instances=1)
    want = pd.Series([shift(a, b) for a, b in zip(p["date"], p["decimal"])], dtype="string")
    pd.testing.assert_series_equal(df["date"].combine(df["decimal"], f).to_pandas(), want, check_names=False)
    g = session.remote_function(typed_row, input_types=cpd.Series, output_type=str, max_instances=1)
    want = p.apply(typed_row, axis=1).astype("string")
    pd.testing.assert_series_equal(df.apply(g, axis=1).to_pandas(), want, check_names=False)
