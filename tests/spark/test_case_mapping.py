"""str.upper / str.lower on Spark against Python's (pandas') on every code point.

Spark's upper/lower (ICU, a later Unicode than Python's) agree with Python's but on letters a
later Unicode gave case mappings to or made cased or case-ignorable (which decides whether a
capital sigma is final). The Spark dialect refuses a value holding one of them
(UnsupportedError) and runs Spark's function on every other value. The oracle of which letters
differ is Spark SQL run directly against Python's str methods; cormorant's results are compared
with Python's.
"""

from __future__ import annotations

import random
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

#: Every code point of the planes Unicode 16 assigns characters in (0-3 and 14; planes 4-13 are
#: unassigned, 15-16 private use without case), surrogates left out.
EVERY_CHAR = [chr(cp) for cp in [*range(0x40000), *range(0xE0000, 0xF0000)] if not 0xD800 <= cp <= 0xDFFF]
#: A final or inner capital sigma beside each character (lower's only context rule).
SIGMA_SHAPES = ("ΑΣ{}Α", "Α{}Σ")


@pytest.fixture(scope="module")
def session(spark_remote):
    s = cpd.Session(":memory:", engine="spark", spark_remote=spark_remote)
    yield s
    s.close()


def _spark_differs(spark, values: list[str], function: str, python) -> set[str]:
    """The values whose Spark SQL `function` (run directly) differs from Python's."""
    table = pa.table({"i": pa.array(range(len(values)), pa.int64()), "s": pa.array(values, pa.string())})
    spark.createDataFrame(table).createOrReplaceTempView("cormorant_case_values")
    got = spark.sql(f"SELECT {function}(s) AS r FROM cormorant_case_values ORDER BY i").toArrow()["r"].to_pylist()
    return {v for v, r in zip(values, got) if r != python(v)}


def _check(session, values: list[str], differs: set[str], method: str):
    """cormorant on Spark gives Python's result for the values Spark does not differ on (those
    Python maps to something else, and a fixed sample of the others: all of them take Spark
    minutes on the loopback cluster), and refuses (UnsupportedError) the ones it does,
    each on its own (a few) and all together."""
    python = getattr(str, method)
    others = [v for v in values if v not in differs]
    kept = [v for v in others if python(v) != v] + random.Random(14).sample(others, 3000)
    frame = pd.DataFrame({"s": pd.array(kept, dtype="string")})
    got = getattr(session.read_pandas(frame)["s"].str, method)().to_pandas()
    wrong = [(v, g) for v, g in zip(kept, got.tolist()) if g != python(v)]
    assert not wrong, f"{len(wrong)} values differ from Python's {method}, e.g. {wrong[:5]}"
    assert differs, "Spark and Python agree everywhere now: the dialect's refusal sets can go"
    ordered = sorted(differs)
    for sample in (ordered, ordered[:1], ordered[-1:], ["ok " + ordered[len(ordered) // 2] + " ok"]):
        series = session.read_pandas(pd.DataFrame({"s": pd.array(sample, dtype="string")}))["s"]
        with pytest.raises(exceptions.UnsupportedError, match=f"str.{method} of the value .* not yet on the Spark engine"):
            getattr(series.str, method)().to_pandas()


@pytest.mark.parametrize("method", ["upper", "lower"])
def test_every_code_point(spark, session, method):
    differs = _spark_differs(spark, EVERY_CHAR, method, getattr(str, method))
    _check(session, EVERY_CHAR, differs, method)


@pytest.mark.parametrize("shape", SIGMA_SHAPES)
def test_lower_of_sigma_beside_every_code_point(spark, session, shape):
    values = [shape.format(c) for c in EVERY_CHAR if ord(c) > 0x7F]
    differs = _spark_differs(spark, values, "lower", str.lower)
    _check(session, values, differs, "lower")


def test_edges_and_missing_values(session):
    values = ["Ärger", "straße", " \u3000pad\u00a0", None, "ΣΑΣ x", "", "ﬁ İ ŉ", "ΑΣ.", "Σ"]
    frame = pd.DataFrame({"s": pd.array(values, dtype="string")})
    s = session.read_pandas(frame)["s"]
    for method in ("upper", "lower"):
        got = getattr(s.str, method)().to_pandas().tolist()
        want = [None if v is None else getattr(v, method)() for v in values]
        assert [None if pd.isna(g) else g for g in got] == want, method
