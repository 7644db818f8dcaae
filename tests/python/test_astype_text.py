"""astype('Int64') of text reads what pandas 3.1 reads (digits with an optional '-', or 0x and
hex digits) and refuses the rest naming the value; the engine alone would round '1.5' to 2 and
read '1e3', ' 7', '+7' and '1_000'. pandas is the oracle."""

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

TEXTS = ["7", "-7", "007", "-0", "0x1A", "0X1a", "-9223372036854775808",
         "1.5", " 7", "+7", "1e3", "7.0", "1_000", "-0x1A", "0x", "", "٣", "9223372036854775808", "abc"]


@pytest.mark.parametrize("text", TEXTS)
def test_astype_int64_of_text_as_pandas(text):
    values = pd.array([text, None, "3"], dtype="string")
    try:
        want = pd.Series(values).astype("Int64")
    except (ValueError, TypeError):
        want = None
    s = cpd.read_pandas(pd.DataFrame({"t": values}))["t"]
    if want is None:
        with pytest.raises(exceptions.CormorantError, match=r"'t'"):
            s.astype("Int64").to_pandas()
    else:
        for _ in range(2):
            pd.testing.assert_series_equal(s.astype("Int64").to_pandas(), want.rename("t"))
