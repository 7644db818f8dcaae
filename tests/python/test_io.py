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
    with pytest.raises(exceptions.UnsupportedError, match="lines=True"):
        cpd.read_json(tmp_path / "x.json")
    with pytest.raises(exceptions.SourceNotFoundError):
        cpd.read_json(tmp_path / "missing.jsonl", lines=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="batch size"):
        next(cpd_penguins.to_pandas_batches(0))
    with pytest.raises(exceptions.CormorantError):
        cpd_penguins.to_csv(tmp_path / "no" / "such" / "folder.csv")
