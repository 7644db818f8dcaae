"""Categorical columns in managed tables (issue 13): to_table / read_table keep the categories,
their order, `ordered` and the categories' dtype; appends unite the categories as pandas' read
of a Parquet dataset does (pandas itself is the oracle: the same frames written with
to_parquet into one folder and read back); partitioning and clustering by a categorical, with
filters and masks that must never drop a row pandas keeps. Both ordering modes, twice."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _frame(n: int = 40) -> pd.DataFrame:
    """Categoricals of every kind cormorant holds: text categories in an order of their own
    with an unused one, ordered ones, integer categories (int64), pandas' nullable Int64,
    Float64 and string categories (astype("category") of such columns), missing values in each."""
    letters = [None if i % 7 == 3 else "cab"[i % 3] for i in range(n)]
    return pd.DataFrame(
        {
            "k": pd.Categorical(letters, categories=["c", "b", "a", "z"]),
            "o": pd.Categorical([None if i % 5 == 1 else ["lo", "mid", "hi"][i % 3] for i in range(n)],
                                categories=["lo", "mid", "hi"], ordered=True),
            "i": pd.Categorical([None if i % 6 == 0 else (i % 4) * 10 for i in range(n)], categories=[30, 20, 10, 0, 99]),
            "m": pd.Series([None if i % 9 == 2 else i % 3 for i in range(n)], dtype="Int64").astype("category"),
            "f": pd.Series([None if i % 4 == 0 else (i % 3) / 4 for i in range(n)], dtype="Float64").astype("category"),
            "s": pd.Series(letters, dtype="string").astype("category"),
            "n": pd.array(range(n), dtype="Int64"),
        }
    )


@pytest.fixture
def session(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    yield s
    s.close()


def _rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in an order of their own (partial mode has none): by the Int64 row number n."""
    return frame.sort_values("n", ignore_index=True)


def _same_dtypes(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    for c in expected.columns:
        assert got[c].dtype == expected[c].dtype, (c, got[c].dtype, expected[c].dtype)
        if isinstance(expected[c].dtype, pd.CategoricalDtype):  # the categories' own dtype too
            assert got[c].cat.categories.dtype == expected[c].cat.categories.dtype, c


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_round_trip_keeps_categories(session, mode, rows):
    pdf = _frame()
    pdf = {"all": pdf, "none": pdf.head(0), "missing": pdf[pdf["k"].isna()].reset_index(drop=True)}[rows]
    with cpd.option_context("session.ordering_mode", mode):
        session.read_pandas(pdf).to_table("ds.t", if_exists="replace")
        for _ in range(2):  # re-execution
            got = session.read_table("ds.t")
            if mode == "strict":
                assert_same(got, pdf)
            else:
                pd.testing.assert_frame_equal(_rows(got.to_pandas()), pdf, check_index_type=False)
            _same_dtypes(got.to_pandas(), pdf)
        # what the categories give: codes, sorts by the categories' order, < of ordered ones
        got = session.read_table("ds.t")
        checks = [lambda d: d["k"].cat.codes, lambda d: d["o"] < "hi", lambda d: d["i"] == 10,
                  lambda d: d["k"].isin(["a", "z"]), lambda d: d["m"].astype("Int64")]
        for check in checks:
            want = check(pdf)
            out = check(got).to_pandas()
            if mode == "partial":
                out, want = out.sort_index(), want.sort_index()
            pd.testing.assert_series_equal(out.astype(want.dtype), want, check_index_type=False, check_index=mode == "strict")
        if mode == "strict":
            assert_same(got.sort_values(["o", "n"])[["o", "n"]], pdf.sort_values(["o", "n"])[["o", "n"]])


def test_categorical_index_is_written_as_a_column(session):
    pdf = _frame().set_index("k")
    session.read_pandas(pdf).to_table("ds.t")
    assert_same(session.read_table("ds.t", index_col="k"), pdf)


def _dataset(tmp_path, frames) -> pd.DataFrame:
    """pandas' read of a Parquet dataset whose files are `frames` (the oracle of appends)."""
    folder = tmp_path / "pandas_dataset"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for i, f in enumerate(frames):
        f.to_parquet(folder / f"part{i:02d}.parquet", index=False)
    return pd.read_parquet(folder)


@pytest.mark.parametrize("first_ordered,second_ordered", [(False, False), (True, False), (False, True), (True, True)])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_appends_unite_categories_as_pandas_reads_a_dataset(session, tmp_path, first_ordered, second_ordered, mode):
    """Appends whose categories differ: the table's categories, then the new ones in the order
    they come, and the first write's `ordered`, as pandas reads a Parquet folder of the same
    frames (pyarrow unites the files' dictionaries so)."""
    frames = [
        pd.DataFrame({"k": pd.Categorical(["x", "y", None], categories=["y", "x"], ordered=first_ordered),
                      "n": pd.array([0, 1, 2], dtype="Int64")}),
        pd.DataFrame({"k": pd.Categorical(["z", "x", None, "w"], categories=["z", "x", "w", "v"], ordered=second_ordered),
                      "n": pd.array([3, 4, 5, 6], dtype="Int64")}),
        pd.DataFrame({"k": pd.Categorical([], categories=["q"], ordered=second_ordered), "n": pd.array([], dtype="Int64")}),
        pd.DataFrame({"k": pd.Categorical(["y"], categories=["y", "x"], ordered=first_ordered),
                      "n": pd.array([7], dtype="Int64")}),
    ]
    with cpd.option_context("session.ordering_mode", mode):
        for i, f in enumerate(frames):
            session.read_pandas(f).to_table("ds.t", if_exists="append")
            want = _dataset(tmp_path, frames[: i + 1])
            # A file without rows has no dictionary for pandas' read to see; the table keeps
            # every write's categories (the empty third frame's "q" too), united in order.
            united = list(dict.fromkeys(c for f in frames[: i + 1] for c in f["k"].cat.categories))
            assert [c for c in united if c in set(want["k"].cat.categories)] == list(want["k"].cat.categories)
            want["k"] = want["k"].cat.set_categories(pd.Index(united, dtype="str"))
            for _ in range(2):
                got = session.read_table("ds.t")
                if mode == "strict":
                    assert_same(got, want)
                else:
                    pd.testing.assert_frame_equal(_rows(got.to_pandas()), _rows(want), check_index_type=False)
        # comparisons and sorts follow the united categories
        got = session.read_table("ds.t")
        if want["k"].cat.ordered and mode == "strict":
            assert_same(got["k"] > "x", want["k"] > "x")
            assert_same(got.sort_values(["k", "n"]), want.sort_values(["k", "n"]))
        assert list(got["k"].value_counts().to_pandas().sort_index().items()) == \
            list(want["k"].value_counts().sort_index().items())


def test_appends_of_other_categories_dtypes_are_refused(session, tmp_path):
    """Categories of another dtype cannot be united (pyarrow refuses such a dataset); the table
    is left as it was."""
    first = pd.DataFrame({"k": pd.Categorical([1, 2])})
    session.read_pandas(first).to_table("ds.t")
    for other in [pd.DataFrame({"k": pd.Categorical(["a"])}),
                  pd.DataFrame({"k": pd.Categorical([1.5])}),
                  pd.DataFrame({"k": pd.Series([1], dtype="Int64").astype("category")}),
                  pd.DataFrame({"k": pd.array([1], dtype="Int64")})]:
        with pytest.raises(exceptions.DTypeError, match="'ds.t'"):
            session.read_pandas(other).to_table("ds.t", if_exists="append")
    # pandas' own read of such a dataset fails too
    with pytest.raises(Exception):  # noqa: B017 - pyarrow's ArrowInvalid
        _dataset(tmp_path, [first, pd.DataFrame({"k": pd.Categorical(["a"])})])
    assert_same(session.read_table("ds.t"), first)


def _stored(pdf: pd.DataFrame, partition: str | None, cluster: list) -> pd.DataFrame:
    """A table's row order: the partition's text (missing last), the clustering columns'
    values (as the files hold them), then the frame's order."""
    keys = {}
    if partition:
        keys["_p"] = pdf[partition].astype(object).map(lambda v: None if pd.isna(v) else str(v))
    for c in cluster:
        kind = getattr(pdf[c].cat.categories.dtype, "kind", "O")
        keys[f"_c{c}"] = pdf[c].astype({"i": "Int64", "f": "Float64"}.get(kind, "string"))
    if not keys:
        return pdf
    return pdf.assign(**keys).sort_values(list(keys), kind="stable", na_position="last", ignore_index=True)[pdf.columns]


MASKS = [
    ("==", lambda c: c == "a"), ("!=", lambda c: c != "a"), ("isin", lambda c: c.isin(["b", "z"])),
    ("~isin", lambda c: ~c.isin(["b"])), ("isna", lambda c: c.isna()), ("notna", lambda c: c.notna()),
    ("== absent", lambda c: c == "nope"),
]


@pytest.mark.parametrize("partition,cluster", [("k", []), (None, ["k"]), ("i", ["o"]), ("s", ["k", "i"])])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_partition_and_cluster_by_categoricals(session, partition, cluster, mode):
    """Partitioned and clustered by categoricals (one row per row group, so pruning has
    something to skip), then filtered on them: masks after reading and read_table's filters
    keep every row pandas keeps."""
    pdf = _frame()
    session.read_pandas(pdf).to_table("ds.t", partition_by=partition, cluster_by=cluster, row_group_size=1)
    stored = _stored(pdf, partition, cluster)
    column = partition or cluster[0]
    values = {"k": "a", "s": "a", "i": 10}
    with cpd.option_context("session.ordering_mode", mode), warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        got = session.read_table("ds.t")
        if mode == "strict":
            assert_same(got, stored)
        for name, mask in MASKS + [("< ordered", lambda c: c < "hi")] * (column == "o"):
            if column in ("i",) and name != "isna" and name != "notna":
                mask = {"==": lambda c: c == 10, "!=": lambda c: c != 10, "isin": lambda c: c.isin([0, 99]),
                        "~isin": lambda c: ~c.isin([20]), "== absent": lambda c: c == 7}[name]
            want = stored[mask(stored[column])]
            for _ in range(2):
                out = got[mask(got[column])]
                if mode == "strict":
                    assert_same(out, want)
                else:
                    pd.testing.assert_frame_equal(_rows(out.to_pandas()), _rows(want), check_index_type=False)
        # read_table's filters compare the values, as for a column of the categories' dtype:
        # != drops missing values (<NA> != v is <NA>), "not in" is ~isin (keeps them)
        value = values.get(column, "mid")
        for op, keep in [("==", lambda c: c == value), ("!=", lambda c: (c != value) & c.notna()),
                         ("in", lambda c: c.isin([value])), ("not in", lambda c: ~c.isin([value]))]:
            out = session.read_table("ds.t", filters=[(column, op, [value] if "in" in op else value)]).to_pandas()
            want = stored[keep(stored[column])]
            if mode == "partial":
                out, want = _rows(out), _rows(want)
            pd.testing.assert_frame_equal(out.reset_index(drop=True), want.reset_index(drop=True), check_index_type=False)


def test_float_categories_cannot_partition(session):
    pdf = _frame()
    with pytest.raises(exceptions.InvalidArgumentError, match="'f'"):
        session.read_pandas(pdf).to_table("ds.t", partition_by="f")


@pytest.mark.parametrize("first_ordered", [False, True])
def test_read_parquet_of_several_pandas_files(tmp_path, first_ordered):
    """A glob of pandas' files whose categories differ: united in order, the first file's
    `ordered` (it was True when any file's was), as pandas reads the folder."""
    frames = [pd.DataFrame({"k": pd.Categorical(["x", None], categories=["y", "x"], ordered=first_ordered)}),
              pd.DataFrame({"k": pd.Categorical(["z"], categories=["z", "x"], ordered=not first_ordered)})]
    want = _dataset(tmp_path, frames)
    got = cpd.read_parquet(str(tmp_path / "pandas_dataset" / "*.parquet")).to_pandas()
    assert got["k"].dtype == want["k"].dtype
    pd.testing.assert_frame_equal(got, want, check_index_type=False)


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_cut_bins_in_a_table(session, mode):
    """cut's interval categories (held as their text, pandas' interval dtype in the manifest)
    round-trip, partition a table, and unite on append, as pandas' Categorical of Intervals."""
    pdf = pd.DataFrame({"x": pd.array([0.5, 1.5, None, 2.5, 3.9, 2.0], dtype="Float64"),
                        "n": pd.array(range(6), dtype="Int64")})
    want = pdf.assign(b=pd.cut(pdf["x"], bins=[0, 1, 2, 4]))
    with cpd.option_context("session.ordering_mode", mode), warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        df = session.read_pandas(pdf)
        df = df.assign(b=cpd.cut(df["x"], bins=[0, 1, 2, 4]))
        df.to_table("ds.cut")
        df.to_table("ds.by_bin", partition_by="b")
        df.to_table("ds.cut", if_exists="append")
        for table, expected in [("ds.by_bin", _stored(want, "b", [])),
                                ("ds.cut", pd.concat([want, want], ignore_index=True))]:
            for _ in range(2):
                got = session.read_table(table).to_pandas()
                if mode == "partial":
                    got, expected = _rows(got), _rows(expected).reset_index(drop=True)
                pd.testing.assert_frame_equal(got, expected, check_index_type=False)
        got = session.read_table("ds.by_bin")
        out = got[got["x"] > 1].sort_values("n").to_pandas().reset_index(drop=True)
        pd.testing.assert_frame_equal(out, want[want["x"] > 1].sort_values("n", ignore_index=True), check_index_type=False)


def test_awkward_categories(session):
    """Infinite and huge float categories (the manifest holds the infinities as text), text
    categories that are empty, non-ASCII, hold a newline, a slash or '%2F', partitioning by them."""
    pdf = pd.DataFrame({
        "f": pd.Categorical([np.inf, 1.5, None, -np.inf, 0.1], categories=[0.1, np.inf, -np.inf, 1.5, 1e300]),
        "s": pd.Categorical(["é", "a\nb", None, "", "x/y"], categories=["", "é", "a\nb", "x/y", "%2F"]),
    })
    df = session.read_pandas(pdf)
    df.to_table("ds.t")
    df.to_table("ds.p", partition_by="s")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        assert_same(session.read_table("ds.t"), pdf)
        assert_same(session.read_table("ds.p"), _stored(pdf, "s", []))
