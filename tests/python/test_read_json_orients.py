"""read_json of a whole document in pandas' orients ('records', 'columns' (the default), 'index',
'split', 'values') and of lines that are arrays or scalars (pandas' columns 0, 1, ...), against
pandas 3.1's read_json(..., dtype_backend="numpy_nullable"): missing keys, nulls, nested values,
dates by key name, integer index labels in any order, empty documents; what cormorant does not
read (text index labels, repeated keys, a document that is not the orient's shape) raises a
typed error naming the file. (Before: lines=False was refused, lines of arrays or scalars
raised ParserError.)"""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from test_read_json import _check

DOCS = {
    "records": ('[{"a": 1, "b": "x"}, {"a": 2}, {"b": "z", "c": true}]', "records"),
    "records_default_orient": ('[{"a": 1.5, "b": "x"}, {"a": null, "b": null}]', None),
    "records_dates": ('[{"created_at": "2024-01-01T10:00:00", "date": 1700000000, "n": 1}, {"created_at": null, "date": null, "n": 2}]', "records"),
    "records_nested": ('[{"a": [1, 2], "o": {"k": 1}}, {"a": null, "o": {"k": 2}}, {"a": [], "o": null}]', "records"),
    "records_big": ('[{"a": 9223372036854775808}, {"a": 1}]', "records"),
    "columns_default_index": ('{"a": {"0": 1, "1": 2}, "b": {"1": "x", "0": "y"}}', None),
    "columns_labels_unordered": ('{"a": {"3": 1, "1": 2}, "b": {"7": 2.5}}', "columns"),
    "columns_gaps": ('{"a": {"0": 1}, "b": {"1": 2}, "c": {"0": 3}}', "columns"),
    "columns_negative_labels": ('{"a": {"-1": 1, "5": null}}', "columns"),
    "index": ('{"0": {"a": 1, "b": "x"}, "1": {"a": 2}}', "index"),
    "index_unordered": ('{"1": {"b": 1, "a": 3}, "0": {"a": 2}}', "index"),
    "split": ('{"columns": ["a", "b"], "index": [0, 1], "data": [[1, "x"], [2, null]]}', "split"),
    "split_labels": ('{"columns": ["a", "b"], "index": [5, 1], "data": [[1, "x"], [2, null]]}', "split"),
    "split_no_index": ('{"columns": ["a", "b"], "data": [[1, "x"], [2, null]]}', "split"),
    "values": ('[[1, "x", true], [2, null, false]]', "values"),
    "values_default_orient": ('[[1.5, "x"], [2, "y"]]', None),
    "scalars_default_orient": ("[1, 2, null]", None),
}


def _read(tmp_path, text, **kwargs):
    path = tmp_path / "doc.json"
    path.write_text(text, encoding="utf-8")
    want = pd.read_json(path, dtype_backend="numpy_nullable", **kwargs)
    return path, want



@pytest.mark.parametrize("case", list(DOCS.values()), ids=list(DOCS))
def test_orients_as_pandas(tmp_path, case):
    text, orient = case
    kwargs = {} if orient is None else {"orient": orient}
    path, want = _read(tmp_path, text, **kwargs)
    _check(cpd.read_json(path, **kwargs), want)


LINES = {
    "scalars": ["1", "2", "null"],
    "arrays": ["[1, 2]", "[3]", "[null, 4]"],
    "arrays_mixed_columns": ['[1, "x"]', '[3, "y"]'],
    "text_scalars": ['"a"', '"b"'],
}


@pytest.mark.parametrize("lines", list(LINES.values()), ids=list(LINES))
def test_lines_of_arrays_or_scalars(tmp_path, lines):
    path = tmp_path / "data.jsonl"
    path.write_text("".join(line + "\n" for line in lines))
    _check(cpd.read_json(path, lines=True), pd.read_json(path, lines=True, dtype_backend="numpy_nullable"))


@pytest.mark.parametrize("text, orient", [("[]", "records"), ("[]", None), ("{}", None), ("", "records")])
def test_empty_documents(tmp_path, text, orient):
    path = tmp_path / "doc.json"
    path.write_text(text)
    kwargs = {} if orient is None else {"orient": orient}
    got = cpd.read_json(path, **kwargs).to_pandas()
    want = pd.read_json(path, **kwargs) if text else pd.DataFrame()  # (pandas raises on an empty document)
    assert got.shape == want.shape == (0, 0)


REFUSED = {
    "text_labels": ('{"a": {"x": 1, "y": 2}}', None, ex.UnsupportedError, "index label 'x'"),
    "repeated_key": ('[{"a": 1, "a": 2}]', "records", ex.UnsupportedError, "repeats a key"),
    "mixed_kinds": ('[{"a": 1}, {"a": "x"}]', "records", ex.UnsupportedError, "column 'a'.*several JSON kinds"),
    "wrong_shape": ('{"a": 1}', "records", ex.UnsupportedError, "not what that orient reads"),
    "records_of_arrays": ("[[1, 2]]", "records", ex.UnsupportedError, "not what that orient reads"),
    "not_json": ('[{"a": 1}', "records", ex.ParserError, "could not read"),
    "bad_orient": ("[]", "table", ex.UnsupportedError, "orient='table'"),
}


@pytest.mark.parametrize("case", list(REFUSED.values()), ids=list(REFUSED))
def test_refused_typed_naming_the_file(tmp_path, case):
    text, orient, error, message = case
    path = tmp_path / "doc.json"
    path.write_text(text)
    with pytest.raises(error, match=message) as info:
        cpd.read_json(path, orient=orient)
    assert "doc.json" in str(info.value)


def test_lines_with_another_orient_is_refused(tmp_path):
    path = tmp_path / "data.jsonl"
    path.write_text('{"a": 1}\n')
    with pytest.raises(ex.UnsupportedError, match="lines=True"):
        cpd.read_json(path, lines=True, orient="columns")
