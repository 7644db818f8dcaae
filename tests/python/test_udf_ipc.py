"""Worker batches are Arrow IPC streams (issue 10, point 6): the C++ writer's streams read
back with pyarrow.ipc, streams written by pyarrow.ipc read by the C++ reader (as the worker
pool reads replies), for every supported type with missing values, sliced batches and
several record batches; a damaged stream is refused with a typed error, never a crash.
Every type crossing to worker processes and back, against pandas: test_udf_types.py."""

from __future__ import annotations

import datetime as dt
import decimal
import random

import numpy as np
import pyarrow as pa
import pytest

from cormorant import _core, exceptions

UTC = dt.timezone.utc
D = decimal.Decimal

# Each supported type: its core dtype name, the Arrow type of its batches, values with NULLs.
_SCALARS = [
    ("boolean", pa.bool_(), [True, None, False, True, True, None, False, False, True]),
    ("Int64", pa.int64(), [1, None, -(2**63), 2**63 - 1, 0, 7]),
    ("Float64", pa.float64(), [1.5, None, -0.0, float("inf"), float("-inf"), 1e-300]),
    ("string", pa.large_string(), ["a", None, "", "日本語 ß", "x" * 300]),
    ("binary[pyarrow]", pa.large_binary(), [b"\x00\xff", None, b"", b"abc"]),
    ("date32[day][pyarrow]", pa.date32(), [dt.date(2020, 2, 29), None, dt.date(1, 1, 1), dt.date(9999, 12, 31)]),
    ("datetime64[us]", pa.timestamp("us"), [dt.datetime(1999, 12, 31, 23, 59, 59, 999999), None,
                                            dt.datetime(1900, 1, 1)]),
    ("datetime64[us, UTC]", pa.timestamp("us", tz="UTC"), [dt.datetime(2024, 3, 10, 2, 30, tzinfo=UTC), None,
                                                           dt.datetime(1960, 5, 5, 1, tzinfo=UTC)]),
    ("decimal128(38, 9)[pyarrow]", pa.decimal128(38, 9), [D("-12.5"), None, D("12345678901234567890.123456789"),
                                                          D("0.000000001")]),
]
_ITEM_NAMES = {"boolean": "bool", "Int64": "int64", "Float64": "double", "string": "string",
               "binary[pyarrow]": "binary", "date32[day][pyarrow]": "date32[day]", "datetime64[us]": "timestamp[us]",
               "datetime64[us, UTC]": "timestamp[us, tz=UTC]", "decimal128(38, 9)[pyarrow]": "decimal128(38, 9)"}


def _list_case(dtype, arrow_type, values):
    items = [v for v in values if v is not None]
    lists = [items[:2], None, [], [None] + items[-1:], items]
    return f"list<item: {_ITEM_NAMES[dtype]}>[pyarrow]", pa.large_list(arrow_type), lists


_TYPES = _SCALARS + [_list_case(*case) for case in _SCALARS]
_IDS = [case[0] for case in _TYPES]


@pytest.mark.parametrize("dtype, arrow_type, values", _TYPES, ids=_IDS)
def test_cpp_streams_read_with_pyarrow_ipc(dtype, arrow_type, values):
    col = pa.array(values, arrow_type)
    other = pa.array(range(len(values)), pa.int64())
    batch = pa.record_batch([col, other], names=["v", "k"])
    for start, n in [(0, len(values)), (1, len(values) - 2), (len(values) - 1, 1), (2, 0)]:
        stream = _core._ipc_encode(batch.__arrow_c_array__(), [dtype, "Int64"], start, n)
        assert len(stream) % 8 == 0
        table = pa.ipc.open_stream(stream).read_all()
        assert table.schema.types == [arrow_type, pa.int64()]
        assert table.column(0).to_pylist() == values[start:start + n]
        assert table.column(1).to_pylist() == list(range(start, start + n))
        # The engine's own arrays use 32-bit offsets: the same stream from those.
        if _has_offsets(arrow_type):
            small = pa.record_batch([col.cast(_small(arrow_type)), other], names=["v", "k"])
            assert _core._ipc_encode(small.__arrow_c_array__(), [dtype, "Int64"], start, n) == stream


def _has_offsets(arrow_type) -> bool:
    return pa.types.is_large_string(arrow_type) or pa.types.is_large_binary(arrow_type) or \
        pa.types.is_large_list(arrow_type)


def _small(arrow_type):
    if pa.types.is_large_string(arrow_type):
        return pa.string()
    if pa.types.is_large_binary(arrow_type):
        return pa.binary()
    return pa.list_(arrow_type.value_type)


def _pyarrow_stream(arrays, arrow_type) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, pa.schema([pa.field("r", arrow_type)])) as writer:
        for a in arrays:
            writer.write_batch(pa.record_batch([a], names=["r"]))
    return sink.getvalue().to_pybytes()


def _read_with_cpp(stream: bytes, dtype: str, rows: int) -> pa.Array:
    return pa.record_batch(_Capsules(_core._ipc_decode(stream, dtype, rows))).column(0)


class _Capsules:
    def __init__(self, capsules):
        self._capsules = capsules

    def __arrow_c_array__(self, requested_schema=None):
        return self._capsules


@pytest.mark.parametrize("dtype, arrow_type, values", _TYPES, ids=_IDS)
def test_pyarrow_ipc_streams_read_by_cpp(dtype, arrow_type, values):
    col = pa.array(values, arrow_type)
    # One batch; several (sliced ones too: pyarrow writes their offsets from where they start);
    # none; and 32-bit offsets.
    cases = [[col], [col.slice(0, 2), col.slice(2, 1), col.slice(3)], []]
    if _has_offsets(arrow_type):
        cases.append([col.cast(_small(arrow_type))])
    for arrays in cases:
        t = arrays[0].type if arrays else arrow_type
        rows = sum(len(a) for a in arrays)
        got = _read_with_cpp(_pyarrow_stream(arrays, t), dtype, rows)
        assert got.type == arrow_type
        assert got.to_pylist() == (values if arrays else [])
    # The reader checks the row count and the type against what the pool expects.
    with pytest.raises(exceptions.InternalError, match="rows"):
        _read_with_cpp(_pyarrow_stream([col], arrow_type), dtype, len(values) + 1)
    wrong = "Int64" if dtype != "Int64" else "Float64"
    with pytest.raises(exceptions.InternalError, match="not of type"):
        _read_with_cpp(_pyarrow_stream([col], arrow_type), wrong, len(values))


def test_damaged_streams_are_refused_not_crashed():
    values = [["a", None], None, [], ["日本", "x"]]
    stream = _pyarrow_stream([pa.array(values, pa.large_list(pa.large_string()))],
                             pa.large_list(pa.large_string()))
    dtype = "list<item: string>[pyarrow]"
    assert _read_with_cpp(stream, dtype, 4).to_pylist() == values
    for cut in (0, 3, 7, 20, len(stream) // 2, len(stream) - 9):
        with pytest.raises(exceptions.InternalError):
            _read_with_cpp(stream[:cut] if cut else b"", dtype, 4)
    rng = random.Random(10)
    refused = 0
    for _ in range(3000):
        damaged = bytearray(stream)
        for _ in range(rng.randint(1, 4)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            got = _read_with_cpp(bytes(damaged), dtype, 4)
        except exceptions.InternalError:
            refused += 1
            continue
        # What is read is well formed: offsets and lengths in their buffers (a damaged value
        # byte may change a value, even into bytes that are not UTF-8, as the old format did).
        assert got.type == pa.large_list(pa.large_string()) and len(got) == 4
        got.validate(full=False)
        offsets = got.offsets.to_pylist()
        assert offsets == sorted(offsets) and offsets[-1] <= len(got.values)
        strings = got.values
        inner = np.frombuffer(strings.buffers()[1], np.int64, len(strings) + 1)
        data = strings.buffers()[2]
        assert (np.diff(inner) >= 0).all() and inner[-1] <= (data.size if data is not None else 0)
    assert refused > 0
