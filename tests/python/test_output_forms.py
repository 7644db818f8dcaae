"""Results in pandas' other forms (dicts, lists, numpy, JSON, text, HTML, pickles, iteration)
and the attributes that go with them, compared with pandas 3.1 on the same data: missing
values, an empty result, duplicate index labels, an aware non-UTC column, a sorted and a
filtered frame, results past display.max_rows, partial ordering mode and re-execution."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
import cormorant.exceptions as ex


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "i": pd.array([3, None, 2, 5, 4], dtype="Int64"),
            "f": pd.array([0.5, 1.5, None, -2.0, 3.25], dtype="Float64"),
            "s": pd.array(["e", None, "c", "b", "a"], dtype="string"),
            "b": pd.array([True, None, False, True, False], dtype="boolean"),
            "t": pd.to_datetime(["2024-03-31 01:30", None, "2024-10-27 02:30", "2024-01-01 00:00", "2024-06-30 12:00"])
            .tz_localize("UTC").tz_convert("Europe/Paris").as_unit("us"),
        },
        index=pd.Index([10, 20, 20, 30, 40], dtype="Int64", name="k"),  # a duplicate label
    )


SHAPES = {
    "as_read": lambda d: d,
    "sorted": lambda d: d.sort_values("s"),
    "filtered": lambda d: d[d["f"] > 0],
    "empty": lambda d: d[d["f"] > 100],
}

FRAME_FORMS = {
    "to_dict": lambda d: d.to_dict(),
    "to_dict_records": lambda d: d.to_dict(orient="records"),
    "to_dict_list": lambda d: d.to_dict("list"),
    "to_json": lambda d: d.drop(columns="t").to_json(),
    "to_json_records": lambda d: d.to_json(orient="records", date_format="iso"),
    "to_string": lambda d: d.to_string(),
    "to_html": lambda d: d.to_html(),
    "repr_html": lambda d: d._repr_html_(),
    "keys": lambda d: list(d.keys()),
    "iter": lambda d: list(d),
    "iterrows": lambda d: [(k, r.to_dict()) for k, r in d.iterrows()],
    "itertuples": lambda d: list(d.itertuples()),
    "itertuples_plain": lambda d: list(d.itertuples(index=False, name=None)),
    "empty": lambda d: d.empty,
    "ndim": lambda d: d.ndim,
    "pipe": lambda d: d.pipe(lambda x, n: len(x) + n, 2),
    "pipe_tuple": lambda d: d.pipe((lambda n, data: len(data) * n, "data"), 3),
    "to_latex": lambda d: d.to_latex(),  # pandas needs jinja2: without it both raise its ImportError
    "to_xarray": lambda d: d.to_xarray(),
    "to_markdown": lambda d: d.to_markdown(),
    "to_markdown_grid": lambda d: d.to_markdown(tablefmt="grid", index=False),
}


def _same(got, want):
    if isinstance(want, np.ndarray):
        assert got.dtype == want.dtype
        assert repr(got.tolist()) == repr(want.tolist())
    else:
        assert repr(got) == repr(want)


def _same_outcome(form, pandas_object, cormorant_object):
    """form() of both gives the same value, or raises the same exception type and message."""
    try:
        want = form(pandas_object)
    except Exception as e:
        with pytest.raises(type(e), match=str(e)[:40].replace("(", ".").replace(")", ".")):
            form(cormorant_object)
        return
    _same(form(cormorant_object), want)


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("form", list(FRAME_FORMS))
def test_frame_forms(shape, form):
    _same_outcome(FRAME_FORMS[form], SHAPES[shape](frame()), SHAPES[shape](cpd.read_pandas(frame())))


SERIES_FORMS = {
    "to_dict": lambda s: s.to_dict(),
    "to_list": lambda s: s.to_list(),
    "tolist": lambda s: s.tolist(),
    "to_json": lambda s: s.to_json(date_format="iso"),
    "to_string": lambda s: s.to_string(),
    "to_numpy": lambda s: s.to_numpy(),
    "to_numpy_object": lambda s: s.to_numpy(dtype=object),
    "values": lambda s: list(s.values),
    "iter": lambda s: list(s),
    "items": lambda s: list(s.items()),
    "keys": lambda s: list(s.keys()),
    "empty": lambda s: s.empty,
    "ndim": lambda s: s.ndim,
    "hasnans": lambda s: s.hasnans,
    "dtypes": lambda s: s.dtypes,
    "is_unique": lambda s: s.is_unique,
    "to_latex": lambda s: s.to_latex(),
    "to_xarray": lambda s: s.to_xarray(),
    "to_markdown": lambda s: s.to_markdown(),
}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("column", ["i", "f", "s", "b", "t"])
@pytest.mark.parametrize("form", list(SERIES_FORMS))
def test_series_forms(shape, column, form):
    if form == "to_numpy" and column == "t":
        pytest.skip("covered by to_numpy_object: numpy has no aware datetime dtype")
    _same_outcome(SERIES_FORMS[form], SHAPES[shape](frame())[column], SHAPES[shape](cpd.read_pandas(frame()))[column])


def test_frame_to_numpy_and_values():
    pdf = frame()[["i", "f"]]
    df = cpd.read_pandas(frame())[["i", "f"]]
    _same(df.to_numpy(), pdf.to_numpy())
    _same(df.to_numpy(dtype="float64", na_value=np.nan), pdf.to_numpy(dtype="float64", na_value=np.nan))
    _same(df.to_numpy(dtype=object, na_value=None), pdf.to_numpy(dtype=object, na_value=None))
    _same(df["i"].to_numpy(dtype=object, na_value=None), pdf["i"].to_numpy(dtype=object, na_value=None))
    _same(df.values, pdf.values)
    _same(df.to_records(), pdf.to_records())


def test_to_pickle_round_trips(tmp_path):
    pdf, df = frame(), cpd.read_pandas(frame())
    df.to_pickle(tmp_path / "f.pkl")
    df["s"].to_pickle(tmp_path / "s.pkl")
    pd.testing.assert_frame_equal(pd.read_pickle(tmp_path / "f.pkl"), pdf)
    pd.testing.assert_series_equal(pd.read_pickle(tmp_path / "s.pkl"), pdf["s"])


@pytest.mark.parametrize("shape", list(SHAPES))
def test_to_excel_round_trips(tmp_path, shape):
    """to_excel writes what pandas writes: both files read back alike (openpyxl); a zoned column raises
    pandas' own error, as Excel has no time zones."""
    pdf, df = SHAPES[shape](frame()), SHAPES[shape](cpd.read_pandas(frame()))
    _same_outcome(lambda d: d.to_excel(tmp_path / "zoned.xlsx"), pdf, df)
    pdf["t"], df["t"] = pdf["t"].dt.tz_localize(None), df["t"].dt.tz_localize(None)
    pdf.to_excel(tmp_path / "want.xlsx", sheet_name="rows")
    df.to_excel(tmp_path / "got.xlsx", sheet_name="rows")
    df["s"].to_excel(tmp_path / "got_s.xlsx")
    pdf["s"].to_excel(tmp_path / "want_s.xlsx")
    for name in ("", "_s"):
        _same_sheets(tmp_path / f"got{name}.xlsx", tmp_path / f"want{name}.xlsx")


def _same_sheets(got, want):
    """Two Excel files hold the same sheets with the same cells (as pandas reads them)."""
    got, want = pd.read_excel(got, sheet_name=None), pd.read_excel(want, sheet_name=None)
    assert list(got) == list(want)
    for sheet in want:
        pd.testing.assert_frame_equal(got[sheet], want[sheet])


def test_item():
    pdf, df = frame(), cpd.read_pandas(frame())
    assert df[df["s"] == "c"]["f"].item() is pdf[pdf["s"] == "c"]["f"].item()
    assert df[df["s"] == "e"]["i"].item() == pdf[pdf["s"] == "e"]["i"].item() == 3
    for empty_or_many in (df["i"], df[df["f"] > 100]["i"]):
        with pytest.raises(ValueError, match="size 1"):
            empty_or_many.item()
    with pytest.raises(ex.InvalidArgumentError):
        df["i"].item()


def test_copy_is_independent():
    df = cpd.read_pandas(frame())
    other = df.copy()
    other["n"] = other["i"] + 1
    assert list(df.columns) == list(frame().columns)
    assert list(other.columns) == [*frame().columns, "n"]


def test_pipe_refuses_target_also_given():
    df = cpd.read_pandas(frame())
    with pytest.raises(ex.InvalidArgumentError, match="data"):
        df.pipe((lambda data: data, "data"), data=1)


def test_items_gives_lazy_columns_even_with_duplicate_labels():
    pdf = pd.DataFrame({"a": [1, 2], "b": [3, 4]}).astype("Int64")
    df = cpd.read_pandas(pdf)
    got = [(k, v.to_pandas()) for k, v in df.items()]
    assert all(isinstance(v, cpd.Series) for _, v in df.items())
    for (gk, gv), (wk, wv) in zip(got, pdf.items(), strict=True):
        assert gk == wk
        pd.testing.assert_series_equal(gv, wv)


@pytest.mark.parametrize("rows", [59, 60, 61, 1000])
def test_repr_html_past_max_rows_fetches_only_what_it_shows(rows):
    pdf = pd.DataFrame({"x": pd.array(range(rows), dtype="Int64"), "y": [f"v{i}" for i in range(rows)]})
    pdf["y"] = pdf["y"].astype("string")
    df = cpd.read_pandas(pdf)
    assert df._repr_html_() == pdf._repr_html_()
    assert df.sort_values("x", ascending=False)._repr_html_() == pdf.sort_values("x", ascending=False)._repr_html_()
    if rows > 60:
        assert df.query_job.rows <= 5  # the last query fetched the tail only, not every row


def test_series_repr_html_is_a_one_column_table():
    pdf = pd.DataFrame({"x": pd.array(range(100), dtype="Int64")})
    got = cpd.read_pandas(pdf)["x"]._repr_html_()
    want = pdf._repr_html_()
    assert got == want


def test_repr_html_unordered_says_the_row_count():
    session = cpd.Session(ordering_mode="partial")
    pdf = pd.DataFrame({"x": pd.array(range(100), dtype="Int64")})
    html = session.read_pandas(pdf)._repr_html_()
    assert "<p>100 rows × 1 columns</p>" in html
    assert html.count("<tr") == 11  # a header and 10 rows
    session.close()


def test_iteration_streams_in_batches(monkeypatch):
    from cormorant import output

    monkeypatch.setattr(output, "ITER_BATCH_ROWS", 2)
    pdf = frame()
    df = cpd.read_pandas(pdf).sort_values("s")
    assert list(df.itertuples()) == list(pdf.sort_values("s").itertuples())
    assert list(df["f"]) == list(pdf.sort_values("s")["f"])
    assert list(df["f"].items()) == list(pdf.sort_values("s")["f"].items())


def test_reexecution_gives_the_same():
    df = cpd.read_pandas(frame()).sort_values("s")
    assert df.to_dict() == df.to_dict()
    assert df.to_json(orient="records", date_format="iso") == df.to_json(orient="records", date_format="iso")
    assert list(df.itertuples()) == list(df.itertuples())
    assert repr(df.to_numpy()) == repr(df.to_numpy())


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("column", ["i", "s", "t"])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_series_batches_peek_and_query_job(shape, column, mode):
    """Series.to_pandas_batches gives the whole result (in order, in strict mode; batches of
    about the size asked, as the engine produces them); peek gives
    some of its values; query_job tells the last query, as DataFrame's do."""
    want = SHAPES[shape](frame())[column]
    session = cpd.Session(ordering_mode=mode)
    got = SHAPES[shape](session.read_pandas(frame()))[column]
    batches = list(got.to_pandas_batches(2))
    assert all(isinstance(b, pd.Series) and b.name == column for b in batches)
    values = sorted(pd.concat(batches).dropna().astype(str)) if batches else []
    assert values == sorted(want.dropna().astype(str))
    if mode == "strict" and batches:
        pd.testing.assert_series_equal(pd.concat(batches), got.to_pandas())
        pd.testing.assert_series_equal(got.to_pandas().reset_index(drop=True), want.reset_index(drop=True))
    peeked = got.peek(2)
    assert isinstance(peeked, pd.Series) and peeked.name == column and len(peeked) == min(2, len(want))
    assert set(peeked.dropna().astype(str)) <= set(want.dropna().astype(str))
    assert got.query_job.rows == len(peeked) and got.query_job.sql == got._frame().query_job.sql


@pytest.mark.parametrize("values", [[1, 2, 3], [1, 2, 1], [1, None], [None, None], [], [1.5, float("nan"), None]])
def test_is_unique_counts_missing_values_once(values):
    want = pd.Series(values, dtype="float64" if any(isinstance(v, float) for v in values) else "Int64")
    assert cpd.read_pandas(want).is_unique == want.is_unique


def test_frame_to_arrow_and_to_orc(tmp_path):
    """bigframes' to_arrow: the pyarrow Table of the result (pandas' index kept as pyarrow keeps
    it); to_orc writes the file pandas writes."""
    for shape in SHAPES.values():
        want = shape(frame())
        got = shape(cpd.read_pandas(frame()))
        assert got.to_arrow().equals(pa.Table.from_pandas(want))
        plain = ["i", "f", "s", "b"]  # ORC holds no zone, nor an index
        got[plain].reset_index(drop=True).to_orc(tmp_path / "got.orc")
        want[plain].reset_index(drop=True).to_orc(tmp_path / "want.orc")
        pd.testing.assert_frame_equal(pd.read_orc(tmp_path / "got.orc"), pd.read_orc(tmp_path / "want.orc"))
