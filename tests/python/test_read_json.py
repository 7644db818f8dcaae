"""read_json(lines=True) against pandas' read_json(lines=True, dtype_backend="numpy_nullable")
(pandas' reader with the nullable dtypes cormorant always gives): the dtype of each key from its
values (the engine's reader typed a key of mixed kinds as JSON text and ISO-looking text as dates),
keys named like dates (pandas' convert_dates / keep_default_dates), nested arrays and objects,
missing keys and nulls. What pandas can only hold as an object column of Python values raises
UnsupportedError naming the key, never JSON text."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from conftest import assert_same


def _write(tmp_path, lines):
    path = tmp_path / "data.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def _pandas(path, **kwargs):
    return pd.read_json(path, lines=True, dtype_backend="numpy_nullable", **kwargs)


SAME = {
    "int_float": ['{"a": 1}', '{"a": 2.5}'],
    "whole_floats": ['{"a": 1.0}', '{"a": 2.0}'],
    "int_and_whole_float": ['{"a": 1}', '{"a": 2.0}', '{"a": null}'],
    "negative_and_floats": ['{"a": -3}', '{"a": 0.5}'],
    "int_null": ['{"a": 1}', '{"a": null}'],
    "bool_null": ['{"a": true}', '{"a": null}'],
    "text_null": ['{"a": "x"}', '{"a": null}'],
    "number_text": ['{"a": "1"}', '{"a": "2"}'],
    "missing_keys": ['{"a": 1, "b": "x"}', '{"b": "y"}', '{"c": true}'],
    "iso_text_kept": ['{"t": "2024-01-01T10:00:00", "d": "2024-01-02", "tm": "10:00:00"}'],
    "uuid_text_kept": ['{"u": "123e4567-e89b-12d3-a456-426614174000"}'],
    "zone_text_kept": ['{"z": "2024-01-01T10:00:00Z"}'],
    "date_named_iso": [
        '{"created_at": "2024-01-01T10:00:00", "date": "2024-01-02", "x_time": "2024-01-01 10:00:00.5", '
        '"timestamp_x": "2024-01-01", "Modified": "2024-01-01T00:00"}',
        '{"created_at": "2024-03-01T10:00:00.123456", "date": null, "x_time": "2024-01-01", '
        '"timestamp_x": "2024-02-01T01:02:03", "Modified": "2024-01-01"}',
    ],
    "date_named_epoch_seconds": ['{"date": 1700000000}', '{"date": null}'],
    "date_named_epoch_millis": ['{"updated_at": 1700000000123}'],
    "date_named_epoch_micros": ['{"updated_at": 1700000000123456}'],
    "date_named_small_numbers": ['{"date": 1000}', '{"date": 1700000000}'],
    "date_named_booleans": ['{"date": true}'],
    "date_named_small_int": ['{"name_at": 5}'],
    "big_unsigned": ['{"a": 9223372036854775808}', '{"a": 1}'],
    "arrays": ['{"a": [1, 2]}', '{"a": [3]}', '{"a": null}'],
    "arrays_of_text": ['{"a": ["x", "y"]}', '{"a": []}'],
    "objects_same_keys": ['{"a": {"b": 1, "c": "x"}}', '{"a": {"c": "y", "b": 2}}'],
}


def _check(got: cpd.DataFrame, want: pd.DataFrame):
    """Plain columns exactly (assert_same); list and struct columns by their Python values, as
    pandas holds them as object columns of lists and dicts."""
    nested = [c for c in want.columns if want[c].dtype == object]
    plain = [c for c in want.columns if c not in nested]
    assert list(got.columns) == list(want.columns)
    if plain:
        assert_same(got[plain], want[plain])
    result = got.to_pandas()
    for c in nested:
        values = [v.tolist() if hasattr(v, "tolist") else None if v is pd.NA else v for v in result[c]]
        assert values == [None if v is None or v is pd.NA else v for v in want[c]], c


@pytest.mark.parametrize("lines", list(SAME.values()), ids=list(SAME))
def test_read_json_dtypes_as_pandas(tmp_path, lines):
    path = _write(tmp_path, lines)
    _check(cpd.read_json(path, lines=True), _pandas(path))


@pytest.mark.parametrize("kwargs", [{"convert_dates": False}, {"keep_default_dates": False}])
def test_read_json_dates_kept_as_written(tmp_path, kwargs):
    path = _write(tmp_path, SAME["date_named_iso"] + ['{"date": "n/a", "x_time": "noon"}'])
    _check(cpd.read_json(path, lines=True, **kwargs), _pandas(path, **kwargs))


def test_read_json_keys_of_no_values(tmp_path):
    """A key that is null (or absent) on every line: pandas' float64 of NaN (Float64 of <NA>
    here; pandas' nullable backend gives object), and NaT for a key named like a date (pandas'
    datetime64[s]: cormorant's datetimes are datetime64[us], the one difference)."""
    path = _write(tmp_path, ['{"datetime": null, "a": null}', '{"datetime": null, "a": null, "b": 1}'])
    want = pd.read_json(path, lines=True)
    assert str(want["a"].dtype) == "float64" and str(want["datetime"].dtype) == "datetime64[s]"
    got = cpd.read_json(path, lines=True).to_pandas()
    assert_same(cpd.read_pandas(got[["a", "b"]]), want[["a", "b"]].astype({"b": "Int64"}))
    assert str(got["datetime"].dtype) == "datetime64[us]" and got["datetime"].isna().all()
    pd.testing.assert_series_equal(got["datetime"], want["datetime"].astype("datetime64[us]"))


REFUSED = {
    "int_text": (['{"a": 1}', '{"a": "x"}'], "'a'.*several JSON kinds"),
    "float_text": (['{"a": 1.5}', '{"k": 1, "a": "x"}'], "'a'.*several JSON kinds"),
    "bool_int": (['{"a": true}', '{"a": 1}'], "'a'.*several JSON kinds"),
    "object_int": (['{"a": {"b": 1}}', '{"a": 2}'], "'a'.*several JSON kinds"),
    "array_text": (['{"a": [1]}', '{"a": "x"}'], "'a'.*several JSON kinds"),
    "array_of_mixed": (['{"a": [1, "x"]}'], "'a'.*arrays"),
    "objects_different_keys": (['{"a": {"k1": 1, "k2": 2}}', '{"a": {"k3": 1}}'], "'a'.*objects"),
    "object_of_mixed": (['{"a": {"b": 1}}', '{"a": {"b": "x"}}'], "'a'.*objects"),
    "object_of_dates": (['{"a": {"b": "2024-01-01"}}'], "'a'.*objects"),
    "nested_objects": (['{"a": {"b": {"c": 1}}}'], "'a'.*objects"),
    "date_named_text": (['{"date": "hello"}'], "'date'.*convert_dates=False"),
    "date_named_zone": (['{"created_at": "2024-01-01T10:00:00Z"}'], "'created_at'.*convert_dates=False"),
    "date_named_floats": (['{"date": 1.5e9}'], "'date'.*convert_dates=False"),
    "date_named_nanos": (['{"date": 1700000000000000000}'], "'date'.*nanoseconds"),
}


@pytest.mark.parametrize("case", list(REFUSED.values()), ids=list(REFUSED))
def test_read_json_refuses_what_pandas_holds_as_objects(tmp_path, case):
    lines, message = case
    path = _write(tmp_path, lines)
    with pytest.raises(ex.UnsupportedError, match=message) as info:
        cpd.read_json(path, lines=True)
    assert str(tmp_path) in str(info.value)


def test_read_json_issue_reproduction(tmp_path):
    """The session-22 reproduction: values of two kinds came back as JSON text ['1', '"x"']."""
    path = _write(tmp_path, ['{"a": 1}', '{"a": "x"}'])
    assert pd.read_json(path, lines=True)["a"].tolist() == [1, "x"]  # an object column in pandas
    with pytest.raises(ex.UnsupportedError, match="column 'a'"):
        cpd.read_json(path, lines=True)


def test_read_json_not_json(tmp_path):
    bad = _write(tmp_path, ['{"a": 1', '{"a": 2}'])
    with pytest.raises(ex.ParserError):
        cpd.read_json(bad, lines=True)


def test_read_json_convert_dates_list_refused(tmp_path):
    path = _write(tmp_path, ['{"a": 1}'])
    with pytest.raises(ex.UnsupportedError, match="convert_dates"):
        cpd.read_json(path, lines=True, convert_dates=["a"])


def test_read_json_keys_differing_in_case_or_repeated(tmp_path):
    """The engine's reader folds keys that differ only in case into one column and gave the
    other an empty column ('A_1' of <NA>), silently; pandas reads 'a' and 'A'. A key repeated in
    one object (pandas keeps the last value) was the engine's own error text."""
    path = _write(tmp_path, ['{"a": 1, "A": 2}', '{"a": 3, "A": 4}'])
    assert pd.read_json(path, lines=True).columns.tolist() == ["a", "A"]
    with pytest.raises(ex.UnsupportedError, match="differ only in case"):
        cpd.read_json(path, lines=True)
    path = _write(tmp_path, ['{"a": 1, "a": 2}'])
    assert pd.read_json(path, lines=True)["a"].tolist() == [2]
    with pytest.raises(ex.UnsupportedError, match="repeats a key"):
        cpd.read_json(path, lines=True)


@pytest.mark.parametrize("text", ["", "\n", "\n  \n\t\n"], ids=["empty", "newline", "blank_lines"])
def test_read_json_of_no_lines_is_empty_as_pandas(tmp_path, text):
    """pandas reads a file of no (or only blank) lines as a frame of no rows and no columns;
    cormorant raised ParserError ("holds no JSON objects")."""
    path = tmp_path / "empty.jsonl"
    path.write_text(text)
    got = cpd.read_json(path, lines=True).to_pandas()
    want = _pandas(path)
    assert got.shape == want.shape and list(got.columns) == list(want.columns)  # (pandas' columns: a RangeIndex)
    pd.testing.assert_index_equal(got.index, want.index)
