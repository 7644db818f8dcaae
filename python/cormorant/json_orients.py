"""read_json of what the engine's reader does not read itself: a whole JSON document in one of
pandas' orients ('records', 'columns', 'index', 'split', 'values') and lines that are arrays or
scalars (pandas' columns 0, 1, ...). Each becomes newline-delimited JSON objects, which the
engine's reader types as pandas types them (the same per-column rules apply to every orient);
the index labels of 'columns', 'index' and 'split' travel as one more key and become the index.
"""

from __future__ import annotations

import json
import os

from cormorant import exceptions

ORIENTS = ("records", "columns", "index", "split", "values")


class Rows:
    """The rows of a document as objects: `objects` (dicts, keys in order), `index` (the labels,
    None for pandas' default index) and `positional` (keys "0", "1", ... that are pandas' int
    column labels)."""

    def __init__(self, objects: list[dict], index: list | None = None, positional: bool = False,
                 columns: list[str] | None = None):
        self.objects, self.index, self.positional = objects, index, positional
        self.columns = columns  #: the columns in pandas' order, when it is not their first appearance


def _pairs(path: str):
    def hook(pairs):
        keys = [k for k, _ in pairs]
        if len(set(keys)) != len(keys):
            raise exceptions.UnsupportedError(
                f"'{path}' has an object that repeats a key (pandas keeps its last value); cormorant reads "
                "objects whose keys differ: remove the repeats in the file")
        return dict(pairs)
    return hook


def _labels(path: str, keys: list[str], orient: str) -> list[int] | None:
    """The index labels pandas gives `keys` (convert_axes): integers; None when they are 0..n-1
    in order (pandas' labels equal the default index's). Other labels are refused."""
    labels = []
    for k in keys:
        try:
            labels.append(int(k))
        except (TypeError, ValueError):
            raise exceptions.UnsupportedError(
                f"read_json('{path}', orient={orient!r}): the index label {k!r} is not an integer; cormorant reads "
                "integer index labels only so far (pandas converts other labels to dates or keeps text)") from None
        if isinstance(k, float) or isinstance(k, bool):
            raise exceptions.UnsupportedError(f"read_json('{path}', orient={orient!r}): index label {k!r} is not an integer")
    return None if labels == list(range(len(labels))) else labels


def _positional(path: str, rows: list, what: str) -> Rows:
    objects = []
    for row in rows:
        if isinstance(row, dict):
            raise exceptions.UnsupportedError(f"'{path}' mixes objects with {what}; pandas cannot read it either")
        values = row if isinstance(row, list) else [row]
        objects.append({str(i): v for i, v in enumerate(values)})
    return Rows(objects, positional=True)


def document_rows(path: str, orient: str | None) -> Rows:
    """The rows of the JSON document at `path` read with pandas' `orient` (None: 'columns')."""
    orient = orient or "columns"
    if orient not in ORIENTS:
        raise exceptions.UnsupportedError(f"read_json('{path}'): orient={orient!r} is not one of {', '.join(ORIENTS)}")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.strip():
        return Rows([])
    try:
        doc = json.loads(text, object_pairs_hook=_pairs(path))
    except json.JSONDecodeError as e:
        raise exceptions.ParserError(f"could not read '{path}' as JSON: {e}") from None
    where = f"read_json('{path}', orient={orient!r})"
    if isinstance(doc, list) and orient in ("records", "columns", "values"):
        if not doc:
            return Rows([])
        if all(isinstance(r, dict) for r in doc) and orient != "values":
            return Rows(doc)
        if not any(isinstance(r, dict) for r in doc) and orient != "records":
            return _positional(path, doc, "arrays")
    elif isinstance(doc, dict) and orient in ("columns", "index") and all(isinstance(v, dict) for v in doc.values()):
        if orient == "index":
            return Rows(list(doc.values()), _labels(path, list(doc), orient))
        keys: dict[str, None] = {}
        for inner in doc.values():
            keys.update(dict.fromkeys(inner))
        rows = [{c: inner[k] for c, inner in doc.items() if k in inner} for k in keys]
        return Rows(rows, _labels(path, list(keys), orient), columns=list(doc))
    elif isinstance(doc, dict) and orient == "split" and set(doc) <= {"columns", "index", "data", "name"} and "data" in doc:
        columns, data = doc.get("columns"), doc["data"]
        if isinstance(columns, list) and all(isinstance(c, str) for c in columns) and isinstance(data, list) \
                and all(isinstance(r, list) and len(r) == len(columns) for r in data):
            index = doc.get("index")
            labels = None if index is None else _labels(path, index, orient)
            if index is not None and len(index) != len(data):
                raise exceptions.ParserError(f"{where}: 'index' has {len(index)} labels for {len(data)} rows")
            return Rows([dict(zip(columns, r)) for r in data], labels)
    raise exceptions.UnsupportedError(
        f"{where}: the document is not what that orient reads (records: a list of objects; columns: an object of "
        "objects or a list of objects; index: an object of objects; split: columns, index and data; values: a list "
        "of arrays) or holds what cormorant does not read yet")


def lines_rows(path: str) -> Rows | None:
    """The rows of a newline-delimited file whose first value is an array or a scalar (pandas'
    columns 0, 1, ...); None when its lines are objects (the engine's reader reads them)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                if line.lstrip().startswith("{"):
                    return None
                break
        else:
            return None
        f.seek(0)
        rows = []
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line, object_pairs_hook=_pairs(path)))
            except json.JSONDecodeError as e:
                raise exceptions.ParserError(f"could not read line {n} of '{path}' as JSON: {e}") from None
    return _positional(path, rows, "arrays or scalars")


def write_objects(rows: Rows, index_key: str | None) -> str:
    """A temporary newline-delimited file of `rows`' objects (with `index_key` holding each row's
    label when there are labels); the caller removes it."""
    import tempfile

    fd, out = tempfile.mkstemp(suffix=".jsonl", prefix="cormorant_json_")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        for i, obj in enumerate(rows.objects):
            if rows.index is not None:
                obj = {**obj, index_key: rows.index[i]}
            f.write(json.dumps(obj, allow_nan=False) + "\n")
    return out
