"""astype('Int64') of hex text ('0x1A') against pandas 3.1 on both engines: pandas (pyarrow's
parser) reads at most 16 hex digits, from 0x8000000000000000 up as two's complement
(0xFFFFFFFFFFFFFFFF is -1), and refuses a sign, 17 digits or more (leading zeros too) and
anything else; cormorant reads them in SQL of both engines (DuckDB's cast refused values past
2**63 and read 17 digits; Spark's cast reads no hex: InvalidArgumentError where pandas gives 26).
The narrower integers likewise: at most two digits a byte ('0x0001' is no Int8), two's complement
for the signed ones ('0xff' is -1 as Int8; DuckDB's cast refused it and read '0x0001')."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

READ = ["0x1A", "0X1a", "0xabcdef", "0x0", "0x7fffffffffffffff", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF",
        "0xfffffffffffffffe", "0x00000000000001", "0x0123456789ABCDEF", "0xFEDCBA9876543210", "0x80000000", "0xffffffff"]
REFUSED = ["-0x1A", "0x", "0x00000000000000001", "0x10000000000000000", "0xG1", "0x 1", " 0x1", "0x1A ", "+0x1", "x1A",
           "0b101", "0o17"]


NARROW = ["0x1", "0X1", "0x01", "0xf", "0x7f", "0x80", "0xff", "0XFF", "0x001", "0x0ff", "0x100", "0x7fff", "0x8000",
          "0xffff", "0x0001", "0x00ff0", "0x0ffff", "0x10000", "0x7fffffff", "0x80000000", "0xffffffff", "0x00000001",
          "0x100000000", "0x8000000000000000", "0xffffffffffffffff", "0x0000000000000001", "0x00000000000000001",
          "-0x1", "+0x1", "0x", "0xg", "-1", "255", "256"]


def _pandas(texts, dtype="Int64"):
    try:
        return pd.Series(pd.array(texts, dtype="string")).astype(dtype)
    except (ValueError, TypeError, OverflowError):
        return None


def test_hex_column_as_pandas():
    texts = READ + [None, "12", "-5"]
    want = _pandas(texts)
    assert want is not None
    s = cpd.read_pandas(pd.DataFrame({"t": pd.array(texts, dtype="string")}))["t"]
    for _ in range(2):
        pd.testing.assert_series_equal(s.astype("Int64").to_pandas(), want.rename("t"))


@pytest.mark.parametrize("text", REFUSED)
def test_refused_as_pandas(text):
    assert _pandas([text]) is None  # the oracle refuses it
    s = cpd.read_pandas(pd.DataFrame({"t": pd.array(["0x1", text, None], dtype="string")}))["t"]
    with pytest.raises(exceptions.InvalidArgumentError, match=r"'t'"):
        s.astype("Int64").to_pandas()


@pytest.mark.parametrize("dtype", ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64"])
def test_narrow_hex_as_pandas(dtype):
    """Each text of NARROW read as pandas reads it as `dtype` (all in one column) or refused
    where pandas refuses it (typed, naming the column)."""
    read = [t for t in NARROW if _pandas([t], dtype) is not None]
    refused = [t for t in NARROW if t not in read]
    assert len(read) >= 8 and len(refused) >= 5  # (the table tries both sides for every width)
    texts = read + [None]
    s = cpd.read_pandas(pd.DataFrame({"t": pd.array(texts, dtype="string")}))["t"]
    pd.testing.assert_series_equal(s.astype(dtype).to_pandas(), _pandas(texts, dtype).rename("t"))
    for text in refused:
        s = cpd.read_pandas(pd.DataFrame({"t": pd.array(["0x1", text, None], dtype="string")}))["t"]
        with pytest.raises(exceptions.InvalidArgumentError, match=r"'t'"):
            s.astype(dtype).to_pandas()
