"""A function worker: runs stored routines on batches sent by cormorant's C++ worker pool
(cpp/src/functions/worker_pool.cpp), one process per worker, started as
``python -m cormorant._worker`` with a socket on its stdin and stdout.

Framing, little-endian. A request is ``op: u8, length: u64, payload``:
- ``L``: load a routine; payload is JSON {routine_id, source, entry_point, code_hash,
  row_input, row_names, row_names_literal (the names are Python literals), result_type, max_batching_rows (0: no bound), key}. The code is checked against code_hash, then run once.
- ``C``: call; payload is ``key_length: u32, key, context_length: u32, context, batch`` (the
  key names a loaded routine; the context is the request's userDefinedContext as a JSON
  object, empty for none, read by the function with cormorant.remote.user_defined_context()).
A reply is ``status: u8 ('O' or 'E'), length: u64, payload``: a batch of one column, or JSON
{message, traceback, row, retire} when the function failed (retire: it ran out of memory, and
the pool replaces this worker).
A batch is an Arrow IPC stream (a schema message, one record batch, the end-of-stream marker;
cpp/include/cormorant/functions/wire.hpp names its Arrow types), read and written with
pyarrow.ipc.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import struct
import sys
import traceback

import pyarrow as pa

from cormorant import _core, exceptions, udf

_ARROW_OF_DTYPE = {"boolean": pa.bool_(), "Int64": pa.int64(), "Float64": pa.float64(), "string": pa.large_string(),
                   "date32[day][pyarrow]": pa.date32(), "datetime64[us]": pa.timestamp("us"),
                   "datetime64[us, UTC]": pa.timestamp("us", tz="UTC"), "binary[pyarrow]": pa.large_binary(),
                   "decimal128(38, 9)[pyarrow]": pa.decimal128(38, 9)}
_LIST_PREFIX, _LIST_SUFFIX = "list<item: ", ">[pyarrow]"
_ITEM_DTYPES = {"bool": "boolean", "int64": "Int64", "double": "Float64", "string": "string",
                "date32[day]": "date32[day][pyarrow]", "timestamp[us]": "datetime64[us]",
                "timestamp[us, tz=UTC]": "datetime64[us, UTC]", "binary": "binary[pyarrow]",
                "decimal128(38, 9)": "decimal128(38, 9)[pyarrow]"}
_END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"


def _arrow_type(dtype: str) -> pa.DataType:
    """The Arrow type of a batch column of a core dtype name (wire.hpp)."""
    if dtype.startswith(_LIST_PREFIX) and dtype.endswith(_LIST_SUFFIX):
        return pa.large_list(_arrow_type(_ITEM_DTYPES[dtype[len(_LIST_PREFIX):-len(_LIST_SUFFIX)]]))
    return _ARROW_OF_DTYPE[dtype]


def _read_exact(fd: int, n: int) -> bytes:
    chunks, left = [], n
    while left:
        b = os.read(fd, min(left, 1 << 20))
        if not b:
            raise EOFError
        chunks.append(b)
        left -= len(b)
    return b"".join(chunks)


def _read_batch(routine: dict, stream: memoryview) -> pa.RecordBatch:
    """The record batch of an IPC stream of one (its schema message first). A routine's calls
    all have the schema of its arguments, which is read once."""
    buf = pa.py_buffer(stream)
    schema = routine.get("arg_schema")
    if schema is None:
        schema = routine["arg_schema"] = pa.ipc.read_schema(buf)
    schema_end = 8 + struct.unpack_from("<i", stream, 4)[0]  # continuation marker, metadata size
    return pa.ipc.read_record_batch(buf.slice(schema_end), schema)


class _Capsules:
    """A record batch exported through the Arrow C data interface (see _core.arrow_result)."""

    def __init__(self, capsules):
        self._capsules = capsules

    def __arrow_c_array__(self, requested_schema=None):
        return self._capsules


def _write_batch(routine: dict, batch: pa.RecordBatch) -> bytes:
    """`batch` as an IPC stream: the routine's result schema, the batch, end of stream."""
    return routine["schema_message"] + batch.serialize().to_pybytes() + _END_OF_STREAM


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
    arrow_type = _arrow_type(spec["result_type"])
    return {"func": func, "arrow_type": arrow_type, "routine_id": spec["routine_id"],
            "schema_message": pa.schema([pa.field("r", arrow_type)]).serialize().to_pybytes(),
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


def compute(routine: dict, batch: pa.RecordBatch) -> pa.Array:
    """A loaded routine (_load) over the rows of `batch` (one column per argument): its results
    as an Arrow array of its result type. Raises UdfExecutionError naming the routine and the
    input row. Also what the Spark engine's executors run (cormorant._spark_functions)."""
    # The common dtypes convert in C++ (cormorant._core.arrow_lists / arrow_result); the
    # others, and results that need the careful conversion, through pyarrow.
    columns = _core.arrow_lists(batch.__arrow_c_array__())
    if columns is None:
        columns = [c.to_pylist() for c in batch.columns]
    values = udf.call_batches(routine["func"], columns, routine["routine_id"], routine["max_batching_rows"])
    capsules = _core.arrow_result(values, routine["result_type"])
    if capsules is not None:
        return pa.record_batch(_Capsules(capsules)).column(0)
    arr = udf.result_array(values, columns, routine["routine_id"], routine["result_type"])
    return arr.cast(routine["arrow_type"]) if arr.type != routine["arrow_type"] else arr


def _run(routine: dict, stream: memoryview) -> tuple[bytes, bytes]:
    try:
        out = pa.record_batch([compute(routine, _read_batch(routine, stream))], names=["r"])
    except exceptions.UdfExecutionError as e:
        return _error(str(e), e.python_traceback, e.input_row, isinstance(e.__cause__, MemoryError))
    return b"O", _write_batch(routine, out)


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
