"""Results become pandas objects through cormorant's own short path (_convert.result_to_pandas);
pandas' own conversion of the same Arrow data is the oracle, for every kind of chunk the engine
may hand over (offsets, nulls, NaN, no rows) and both settings of pandas' NaN option."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import _convert

ARRAYS = {
    "int_nulls": pa.array([1, None, 3]),
    "int_bounds": pa.array([2**63 - 1, -(2**63), 0]),
    "int_offset": pa.array([1, 2, None, 4, 5]).slice(2),
    "float_nan_null": pa.array([1.5, None, float("nan"), -0.0, float("inf")]),
    "float_offset": pa.array([1.0, None, 3.0, float("nan")]).slice(1, 3),
    "int_empty": pa.array([], pa.int64()),
    "float_empty": pa.array([], pa.float64()),
    "float_all_null": pa.array([None, None], pa.float64()),
    "two_chunks": pa.chunked_array([pa.array([1.0, float("nan")]), pa.array([None, 2.0])]),
}


@pytest.mark.parametrize("distinguish", [False, True])
@pytest.mark.parametrize("name", ARRAYS)
def test_numbers_convert_as_pandas_converts_them(name, distinguish):
    column = ARRAYS[name]
    column = column if isinstance(column, pa.ChunkedArray) else pa.chunked_array([column])
    with pd.option_context("future.distinguish_nan_and_na", distinguish):
        expected = _convert._pandas_type_of_arrow(column.type).__from_arrow__(column)
        got = _convert._pandas_array(column)
    pd.testing.assert_extension_array_equal(got, expected)
    assert np.array_equal(np.signbit(got._data[~got._mask]), np.signbit(expected._data[~expected._mask]))
    got[0:0] = 1  # pandas' own copy: writable, not the engine's buffer
    assert got._data.flags.writeable and got._mask.flags.writeable


@pytest.mark.parametrize("ordering_mode", ["strict", "partial"])
def test_results_equal_pandas_own_conversion(ordering_mode):
    """A frame of every common dtype, with missing values and NaN, equals pandas' conversion
    of the same result (pyarrow's to_pandas with cormorant's dtypes), run twice."""
    pdf = pd.DataFrame({
        "i": pd.array([1, None, 3, 4], dtype="Int64"),
        "f": pd.array([1.5, None, -0.0, 2.5], dtype="Float64"),
        "s": pd.array(["a", None, "c", "d"], dtype="string"),
        "b": pd.array([True, None, False, True], dtype="boolean"),
        "t": pd.to_datetime(["2020-01-01", None, "2021-03-04 05:06:07", "2022-01-01"], format="ISO8601").as_unit("us"),
        "z": pd.to_datetime(["2020-01-01", None, "2021-03-04", "2022-01-01"]).as_unit("us").tz_localize("US/Eastern"),
        "d": pd.to_timedelta(["1s", None, "2h", "3D"]).as_unit("us"),
    })
    session = cpd.Session(warehouse=":memory:", ordering_mode=ordering_mode)
    try:
        df = session.read_pandas(pdf)
        df = df.assign(q=df["f"] / 0.0)  # NaN and infinities computed in the engine
        for _ in range(2):
            core = df._core.to_arrow()
            names, labels = list(core.index_names), list(core.labels)
            table = pa.table(core)
            oracle = table.to_pandas(types_mapper=_convert._pandas_type_of_arrow).iloc[:, len(names):]
            oracle.columns = labels
            got = _convert.result_to_pandas(df._core.to_arrow())
            if ordering_mode == "partial":
                got = got.reset_index(drop=True)
            pd.testing.assert_frame_equal(got.reset_index(drop=True), oracle.reset_index(drop=True))
    finally:
        session.close()
