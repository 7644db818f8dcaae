"""A function worker: runs stored routines on batches sent by cormorant's C++ worker pool
(cpp/src/functions/worker_pool.cpp), one process per worker, started as
``python -m cormorant._worker`` with a socket on its stdin and stdout.

Wire format, little-endian. A request is ``op: u8, length: u64, payload``:
- ``L``: load a routine; payload is JSON {routine_id, source, entry_point, code_hash,
  row_input, row_names, row_names_literal (the names are Python literals), result_type, max_batching_rows (0: no bound), key}. The code is checked against code_hash, then run once.
- ``C``: call; payload is ``key_length: u32, key, context_length: u32, context, batch`` (the
  key names a loaded routine; the context is the request's userDefinedContext as a JSON
  object, empty for none, read by the function with cormorant.remote.user_defined_context()).
A reply is ``status: u8 ('O' or 'E'), length: u64, payload``: a batch of one column, or JSON
{message, traceback, row} when the function failed.
A batch is ``ncols: u32, nrows: u64`` then per column ``tag: u8``, nrows validity bytes
(1 = present) and the values: bool as nrows bytes; Int64, Float64 and timestamps (µs) as
nrows 8-byte values; dates as nrows 4-byte day numbers; strings as nrows+1 u64 offsets
followed by the UTF-8 bytes; bytes like strings; decimals (38, 9) as nrows 16-byte
little-endian integers; a list as nrows+1 u64 offsets followed by its items as a column of
their own (tag, validity, values). Tags: 0 bool, 1 Int64, 2 Float64, 3 string, 4 date,
5 timestamp, 6 timestamp (UTC), 7 bytes, 8 decimal, 9 list.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import struct
import sys
import traceback

import numpy as np
import pyarrow as pa

from cormorant import _core, exceptions, udf

_ARROW = {0: pa.bool_(), 1: pa.int64(), 2: pa.float64(), 3: pa.large_string(), 4: pa.date32(),
          5: pa.timestamp("us"), 6: pa.timestamp("us", tz="UTC"), 7: pa.large_binary(), 8: pa.decimal128(38, 9)}
_WIDTH = {1: 8, 2: 8, 4: 4, 5: 8, 6: 8, 8: 16}
_LIST_PREFIX, _LIST_SUFFIX = "list<item: ", ">[pyarrow]"
_ITEM_DTYPES = {"bool": "boolean", "int64": "Int64", "double": "Float64", "string": "string",
                "date32[day]": "date32[day][pyarrow]", "timestamp[us]": "datetime64[us]",
                "timestamp[us, tz=UTC]": "datetime64[us, UTC]", "binary": "binary[pyarrow]",
                "decimal128(38, 9)": "decimal128(38, 9)[pyarrow]"}
_TAG_OF_DTYPE = {"boolean": 0, "Int64": 1, "Float64": 2, "string": 3, "date32[day][pyarrow]": 4,
                 "datetime64[us]": 5, "datetime64[us, UTC]": 6, "binary[pyarrow]": 7,
                 "decimal128(38, 9)[pyarrow]": 8}


def _wire_type(dtype: str):
    """The wire type of a core dtype name: a tag, or (9, item type) for a list."""
    if dtype.startswith(_LIST_PREFIX) and dtype.endswith(_LIST_SUFFIX):
        return (9, _wire_type(_ITEM_DTYPES[dtype[len(_LIST_PREFIX):-len(_LIST_SUFFIX)]]))
    return _TAG_OF_DTYPE[dtype]


def _arrow_type(wire) -> pa.DataType:
    return pa.large_list(_arrow_type(wire[1])) if isinstance(wire, tuple) else _ARROW[wire]


def _read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        b = os.read(fd, min(left, 1 << 20))
        if not b:
            raise EOFError
        chunks.append(b)
        left -= len(b)
    return b"".join(chunks)


def _decode_column(buf: memoryview, pos: int, n: int) -> tuple[pa.Array, int]:
    """One column of `n` rows at `pos` as an Arrow array, and the position after it."""
    tag = buf[pos]
    pos += 1
    valid = np.frombuffer(buf, np.uint8, n, pos).astype(bool)
    pos += n
    bitmap = pa.py_buffer(np.packbits(valid, bitorder="little").tobytes())
    if tag == 0:
        values = pa.py_buffer(np.packbits(np.frombuffer(buf, np.uint8, n, pos).astype(bool), bitorder="little").tobytes())
        return pa.Array.from_buffers(_ARROW[tag], n, [bitmap, values]), pos + n
    if tag in (3, 7, 9):
        offsets = np.frombuffer(buf, np.int64, n + 1, pos)
        pos += 8 * (n + 1)
        size = int(offsets[-1]) if n else 0
        if tag == 9:
            items, pos = _decode_column(buf, pos, size)
            return pa.Array.from_buffers(pa.large_list(items.type), n, [bitmap, pa.py_buffer(offsets.tobytes())],
                                         children=[items]), pos
        data = pa.py_buffer(bytes(buf[pos:pos + size]))
        return pa.Array.from_buffers(_ARROW[tag], n, [bitmap, pa.py_buffer(offsets.tobytes()), data]), pos + size
    width = _WIDTH[tag]
    return pa.Array.from_buffers(_ARROW[tag], n, [bitmap, pa.py_buffer(bytes(buf[pos:pos + width * n]))]), pos + width * n


def _decode(buf: memoryview) -> list[list]:
    """The columns of a batch as Python lists (None for missing values)."""
    ncols, n = struct.unpack_from("<IQ", buf, 0)
    pos = 12
    columns = []
    for _ in range(ncols):
        arr, pos = _decode_column(buf, pos, n)
        columns.append(arr.to_pylist())
    return columns


def _encode_column(arr: pa.Array, out: list) -> None:
    """Appends `arr` (of a wire type) in the wire format."""
    n = len(arr)
    t = arr.type
    tag = 9 if pa.types.is_large_list(t) else next(k for k, v in _ARROW.items() if v == t)
    valid = np.ones(n, np.uint8) if arr.null_count == 0 else np.asarray(arr.is_valid(), dtype=np.uint8)
    out += [struct.pack("<B", tag), valid.tobytes()]
    if tag == 0:
        out.append(np.asarray(arr.fill_null(False), dtype=np.uint8).tobytes())
    elif tag in (3, 7, 9):
        buffers = arr.buffers()
        offsets = np.frombuffer(buffers[1], np.int64, n + 1, 8 * arr.offset) if n else np.zeros(1, np.int64)
        out.append((offsets - offsets[0]).tobytes())
        if tag == 9:
            _encode_column(arr.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0])), out)
        else:
            out.append(buffers[2].to_pybytes()[int(offsets[0]): int(offsets[-1])] if n and buffers[2] is not None else b"")
    else:
        width = _WIDTH[tag]
        out.append(arr.buffers()[1].to_pybytes()[width * arr.offset: width * (arr.offset + n)] if n else b"")


def _encode(arr: pa.Array, wire) -> bytes:
    if arr.type != _arrow_type(wire):
        arr = arr.cast(_arrow_type(wire))
    out = [struct.pack("<IQ", 1, len(arr))]
    _encode_column(arr, out)
    return b"".join(out)


def _load(spec: dict) -> dict:
    if hashlib.sha256(spec["source"].encode()).hexdigest() != spec["code_hash"]:
        raise ValueError(f"the code of routine {spec['routine_id']} does not match its recorded hash")
    namespace = {"__builtins__": __builtins__, "__name__": "cormorant_routine"}
    exec(compile(spec["source"], f"<routine {spec['routine_id']}>", "exec"), namespace)
    func = namespace[spec["entry_point"]]
    if spec["row_input"]:
        names = spec["row_names"]
        if spec.get("row_names_literal"):  # labels as Python literals, as bigframes sends them
            names = [_label(n) for n in names]
        func = udf.row_caller(func, names)
    return {"func": func, "tag": _wire_type(spec["result_type"]), "routine_id": spec["routine_id"],
            "result_type": spec["result_type"], "max_batching_rows": spec.get("max_batching_rows") or None}


def _label(literal: str):
    try:
        return ast.literal_eval(literal)
    except (ValueError, SyntaxError) as e:
        raise ValueError(f"the row's name {literal!r} is not a Python literal of a label") from e


def _jsonable(v):
    return v if isinstance(v, (int, float, str, bool, type(None))) else repr(v)


def _error(message: str, tb: str, row, out_of_memory: bool = False) -> tuple[bytes, bytes]:
    # "retire": the function ran out of memory, and the pool replaces this worker.
    return b"E", json.dumps({"message": message, "traceback": tb, "retire": out_of_memory,
                             "row": None if row is None else [_jsonable(v) for v in row]}).encode()


def _run(routine: dict, batch: memoryview) -> tuple[bytes, bytes]:
    # The common dtypes convert in C++ (cormorant._core.wire_columns / wire_column); the
    # others, and results that need the careful conversion, through pyarrow.
    columns = _core.wire_columns(batch)
    if columns is None:
        columns = _decode(batch)
    try:
        values = udf.call_batches(routine["func"], columns, routine["routine_id"], routine["max_batching_rows"])
        out = _core.wire_column(values, routine["result_type"])
        if out is None:
            out = _encode(udf.result_array(values, columns, routine["routine_id"], routine["result_type"]), routine["tag"])
    except exceptions.UdfExecutionError as e:
        return _error(str(e), e.python_traceback, e.input_row, isinstance(e.__cause__, MemoryError))
    return b"O", out


def main() -> None:
    # The protocol owns the socket; the function's own prints go to stderr.
    rfd, wfd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    routines: dict[str, dict] = {}
    while True:
        try:
            op, size = struct.unpack("<cQ", _read_exact(rfd, 9))
            payload = memoryview(_read_exact(rfd, size))
        except EOFError:
            return
        if op == b"L":
            spec = json.loads(bytes(payload))
            try:
                routines[spec["key"]] = _load(spec)
            except Exception as e:
                routines[spec["key"]] = {
                    "error": f"routine {spec['routine_id']} could not be loaded: {type(e).__name__}: {e}",
                    "traceback": traceback.format_exc(),
                }
            continue
        (klen,) = struct.unpack_from("<I", payload, 0)
        key = bytes(payload[4:4 + klen]).decode()
        (clen,) = struct.unpack_from("<I", payload, 4 + klen)
        context = bytes(payload[8 + klen:8 + klen + clen])
        batch = payload[8 + klen + clen:]
        udf._request_context = json.loads(context) if clen else None
        routine = routines[key]
        if "error" in routine:
            status, body = b"E", json.dumps({"message": routine["error"], "traceback": routine["traceback"], "row": None}).encode()
        else:
            try:
                status, body = _run(routine, batch)
            except Exception as e:
                status, body = _error(f"UDF {routine['routine_id']} failed: {type(e).__name__}: {e}",
                                      traceback.format_exc(), None, isinstance(e, MemoryError))
        os.write(wfd, status + struct.pack("<Q", len(body)) + body) if len(body) < (1 << 16) else _write_all(wfd, status + struct.pack("<Q", len(body)) + body)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


if __name__ == "__main__":
    main()
