"""astype('Int64') of hex text ('0x1A') against pandas 3.1 on both engines: pandas (pyarrow's
parser) reads at most 16 hex digits, from 0x8000000000000000 up as two's complement
(0xFFFFFFFFFFFFFFFF is -1), and refuses a sign, 17 digits or more (leading zeros too) and
anything else; cormorant reads them in SQL of both engines (DuckDB's cast refused values past
2**63 and read 17 digits; Spark's cast reads no hex: InvalidArgumentError where pandas gives 26)."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

READ = ["0x1A", "0X1a", "0xabcdef", "0x0", "0x7fffffffffffffff", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF",
        "0xfffffffffffffffe", "0x00000000000001", "0x0123456789ABCDEF", "0xFEDCBA9876543210", "0x80000000", "0xffffffff"]
REFUSED = ["-0x1A", "0x", "0x00000000000000001", "0x10000000000000000", "0xG1", "0x 1", " 0x1", "0x1A ", "+0x1", "x1A",
           "0b101", "0o17"]


def _pandas(texts):
    try:
        return pd.Series(pd.array(texts, dtype="string")).astype("Int64")
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
