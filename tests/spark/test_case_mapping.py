"""str.upper / str.lower / str.casefold on Spark against Python's (pandas') on every code point.

Spark's upper/lower (ICU, a later Unicode than Python's) agree with Python's but on letters a
later Unicode gave case mappings to or made cased or case-ignorable (which decides whether a
capital sigma is final); casefold starts from lower and differs from it on a few hundred
characters ("ß" -> "ss", Cherokee small letters -> capitals). The Spark dialect maps the
characters where Spark's function differs from Python's with Python's tables and leaves the rest
to Spark. The oracle of which characters differ is Spark SQL run directly against Python's str
methods; cormorant's results are compared with Python's on every code point, alone, in long
values (Spark's whole-value function) and beside a character that makes the dialect map the
value character by character.
"""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd

#: Every code point of the planes Unicode 16 assigns characters in (0-3 and 14; planes 4-13 are
#: unassigned, 15-16 private use without case), surrogates left out.
EVERY_CHAR = [chr(cp) for cp in [*range(0x40000), *range(0xE0000, 0xF0000)] if not 0xD800 <= cp <= 0xDFFF]
#: A final or inner capital sigma beside each character (lower's only context rule).
SIGMA_SHAPES = ("ΑΣ{}Α", "Α{}Σ")
#: Spark SQL's function each method starts from.
SPARK_FUNCTION = {"upper": "upper", "lower": "lower", "casefold": "lower"}
#: A character the dialect maps with Python's tables for each method (one Spark's Unicode maps
#: and Python's does not; for casefold one whose casefold is not its lower case): a value
#: holding it is mapped character by character.
FIXED = {"upper": "\u019b", "lower": "\u1c89", "casefold": "ß"}


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


def _chunks(values: list[str], size: int, sep: str = "") -> list[str]:
    return [sep.join(values[i:i + size]) for i in range(0, len(values), size)]


def _check(session, values: list[str], method: str):
    """cormorant on Spark gives Python's `method` of each of `values` (one query)."""
    python = getattr(str, method)
    frame = pd.DataFrame({"s": pd.array(values, dtype="string")})
    got = getattr(session.read_pandas(frame)["s"].str, method)().to_pandas()
    wrong = [(v, g, python(v)) for v, g in zip(values, got.tolist()) if g != python(v)]
    assert not wrong, f"{len(wrong)} values differ from Python's {method}, e.g. {wrong[:5]}"


@pytest.mark.parametrize("method", ["upper", "lower", "casefold"])
def test_every_code_point(spark, session, method):
    python = getattr(str, method)
    differs = _spark_differs(spark, EVERY_CHAR, SPARK_FUNCTION[method], python)
    assert differs, "Spark and Python agree everywhere now: the dialect's fixes can go"
    # each character Spark's function maps otherwise alone, then every code point in runs of
    # 256 (Spark's whole-value function where no run holds a fixed character), and again after
    # a fixed character (character by character)
    runs = _chunks(EVERY_CHAR, 256)
    _check(session, sorted(differs) + runs + [FIXED[method] + r for r in runs], method)


@pytest.mark.parametrize("shape", SIGMA_SHAPES)
def test_lower_of_sigma_beside_every_code_point(spark, session, shape):
    values = [shape.format(c) for c in EVERY_CHAR if ord(c) > 0x7F]
    assert _spark_differs(spark, values, "lower", str.lower), "Spark's final sigma is Python's now"
    _check(session, _chunks(values, 64, " "), "lower")


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_edges_and_missing_values(sessions, engine):
    values = ["Ärger", "straße", " \u3000pad\u00a0", None, "ΣΑΣ x", "", "ﬁ İ ŉ", "ΑΣ.", "Σ", "ΣΣ", "ꭰꭱ Ꭰ",
              "ok \ua7cd \u019b ok", "\U00010d50Σ", "ΑΣ\u1c89", "ǅ ς ϐ ẞ ß"]
    p = pd.Series(values, dtype=pd.StringDtype("python"), name="s", index=[0, 1, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9, 9, 9])
    s = sessions[engine].read_pandas(p.to_frame())["s"]
    for method in ("upper", "lower", "casefold"):
        got = getattr(s.str, method)().to_pandas()
        want = getattr(p.str, method)()
        assert got.index.tolist() == want.index.tolist(), method
        assert [None if pd.isna(g) else g for g in got] == [None if pd.isna(w) else w for w in want], method
        assert str(got.dtype) == "string", method
        empty = getattr(s.head(0).str, method)().to_pandas()
        assert len(empty) == 0 and str(empty.dtype) == "string", method
