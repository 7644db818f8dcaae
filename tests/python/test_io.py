"""Output and input files against pandas: to_csv, to_parquet, to_pandas_batches, read_json."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _pair(pd_penguins, cpd_penguins):
    return cpd_penguins[cpd_penguins.body_mass_g > 4000], pd_penguins[pd_penguins.body_mass_g > 4000]


@pytest.mark.parametrize("kwargs", [{}, {"index": False}, {"sep": ";"}, {"header": False}, {"index": False, "sep": "\t"}])
def test_to_csv_text_equals_pandas(pd_penguins, cpd_penguins, kwargs):
    c, p = _pair(pd_penguins, cpd_penguins)
    assert c.to_csv(**kwargs) == p.to_csv(**kwargs)


def test_to_csv_booleans_named_index_and_quoting(tmp_path, pd_penguins, cpd_penguins):
    c, p = _pair(pd_penguins, cpd_penguins)
    c = c.assign(heavy=c.body_mass_g > 5000, note=c.species + ", " + c.island).set_index("species")
    p = p.assign(heavy=p.body_mass_g > 5000, note=p.species + ", " + p.island).set_index("species")
    c.to_csv(tmp_path / "c.csv")
    p.to_csv(tmp_path / "p.csv")
    assert (tmp_path / "c.csv").read_text() == (tmp_path / "p.csv").read_text()


def test_to_parquet_round_trip(tmp_path, pd_penguins, cpd_penguins):
    c, p = _pair(pd_penguins, cpd_penguins)
    c.to_parquet(tmp_path / "x.parquet", index=False)
    assert_same(cpd.read_parquet(tmp_path / "x.parquet"), p.reset_index(drop=True))
    expected = pd.read_parquet(tmp_path / "x.parquet", dtype_backend="numpy_nullable")
    pd.testing.assert_frame_equal(expected, p.reset_index(drop=True))


@pytest.mark.parametrize("size", [1, 100, 2048, 5000])
def test_to_pandas_batches(pd_penguins, cpd_penguins, size):
    batches = list(cpd_penguins.sort_values("body_mass_g").to_pandas_batches(size))
    assert all(len(b) > 0 for b in batches)
    pd.testing.assert_frame_equal(pd.concat(batches), pd_penguins.sort_values("body_mass_g", kind="stable"))


def test_read_json_lines(tmp_path, pd_penguins):
    path = tmp_path / "x.jsonl"
    pd_penguins.head(30).to_json(path, orient="records", lines=True)
    assert_same(cpd.read_json(path, lines=True), pd.read_json(path, lines=True, dtype_backend="numpy_nullable"))


def test_io_errors(tmp_path, cpd_penguins):
    with pytest.raises(exceptions.SourceNotFoundError):
        cpd.read_json(tmp_path / "x.json")
    with pytest.raises(exceptions.SourceNotFoundError):
        cpd.read_json(tmp_path / "missing.jsonl", lines=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="batch size"):
        next(cpd_penguins.to_pandas_batches(0))
    with pytest.raises(exceptions.CormorantError):
        cpd_penguins.to_csv(tmp_path / "no" / "such" / "folder.csv")


def test_parquet_columns_named_like_the_engines_position_columns(tmp_path):
    """Strict order reads a Parquet file's row numbers through the engine's file_row_number
    (and, over several files, filename) columns, which a file's own column of that name hides:
    a typed refusal naming it, where the engine refused with its own words; partial mode and
    one file's 'filename' read as pandas does."""
    one = pd.DataFrame({"file_row_number": [5, 6, 7], "filename": ["a", "b", "c"], "x": [1.5, 2.5, None]})
    one.to_parquet(tmp_path / "one.parquet")
    with pytest.raises(exceptions.UnsupportedError, match="'file_row_number'.*partial") as info:
        cpd.read_parquet(tmp_path / "one.parquet").to_pandas()
    assert "Failed to read" not in str(info.value)
    with pytest.raises(exceptions.UnsupportedError, match="'file_row_number'"):
        cpd.read_parquet(tmp_path / "one.parquet")[["x"]].head(2).to_pandas()
    partial = cpd.Session(ordering_mode="partial")
    got = partial.read_parquet(tmp_path / "one.parquet").to_pandas().sort_values("file_row_number")
    assert_same(cpd.read_pandas(got.reset_index(drop=True)), one)
    folder = tmp_path / "parts"
    folder.mkdir()
    names = pd.DataFrame({"filename": ["p", "q"], "x": [1, 2]})
    names.to_parquet(folder / "a.parquet")
    assert_same(cpd.read_parquet(folder / "a.parquet"), names)  # one file: no file name is read
    names.iloc[::-1].to_parquet(folder / "b.parquet")
    with pytest.raises(exceptions.UnsupportedError, match="'filename'"):
        cpd.read_parquet(str(folder / "*.parquet")).to_pandas()


def test_warehouse_table_with_a_file_row_number_column(tmp_path, monkeypatch):
    """The same for a managed table (its data is Parquet): the write commits, the strict read
    is refused by name, a partial read gives the rows."""
    monkeypatch.setenv("CORMORANT_WAREHOUSE", str(tmp_path / "warehouse"))
    s = cpd.Session()
    data = pd.DataFrame({"file_row_number": pd.array([3, 1, 2], dtype="Int64"), "y": pd.array(["a", "b", None], dtype="string")})
    s.read_pandas(data).to_table("d.rows")
    with pytest.raises(exceptions.UnsupportedError, match="'file_row_number'"):
        s.read_table("d.rows").to_pandas()
    got = cpd.Session(ordering_mode="partial").read_table("d.rows").to_pandas().sort_values("file_row_number")
    expected = data.sort_values("file_row_number")
    assert got["file_row_number"].tolist() == expected["file_row_number"].tolist()
    assert got["y"].tolist() == expected["y"].tolist()
    s.close()


def test_read_table_takes_no_ordering_mode(tmp_path, monkeypatch):
    """read_table accepted ordering_mode= and ignored it (the session's mode applied): now a
    TypeError, as for any argument it does not have; the session's mode is the way."""
    monkeypatch.setenv("CORMORANT_WAREHOUSE", str(tmp_path / "warehouse"))
    s = cpd.Session()
    s.read_pandas(pd.DataFrame({"a": [1]})).to_table("d.t")
    with pytest.raises(TypeError, match="ordering_mode"):
        s.read_table("d.t", ordering_mode="partial")
    s.close()
