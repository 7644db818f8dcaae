"""describe of every kind of column, as pandas 3.1 describes it: numbers (count, mean, std,
min, percentiles, max), text, booleans and categoricals (count, unique, top, freq), the rows
in pandas' order, with percentiles=, include= and exclude=; pandas is the oracle."""

import pandas as pd
import pandas.testing as tm
import pytest

import cormorant.pandas as cpd


def _frame(ties=True):
    """Text and a categorical whose most frequent values tie (pandas' top: the first seen), or
    not (partial mode has no order to say which is first)."""
    return pd.DataFrame({
        "x": pd.array([1.5, 2.0, None, 4.0, 2.0], dtype="Float64"),
        "b": pd.array([True, False, None, True, True], dtype="boolean"),
        "s": pd.array(["a", "b", "a", None, "b" if ties else "c"], dtype="string"),
        "i": pd.array([1, 2, 3, 4, None], dtype="Int64"),
        "c": pd.Categorical(["u", "v", "v", None, "u" if ties else "w"], categories=["w", "v", "u"]),
        "t": pd.array(["é", "ß", "é", "x", None], dtype="string"),
    }, index=[3, 1, 1, 7, 0])  # (a repeated label: describe does not look at the index)


CASES = {
    "default: numbers only": lambda d: d.describe(),
    "text and booleans only": lambda d: d[["s", "b", "t"]].describe(),
    "all": lambda d: d.describe(include="all"),
    "include string": lambda d: d.describe(include=["string"]),
    "include category": lambda d: d.describe(include=["category"]),
    "exclude numbers": lambda d: d.describe(exclude=["number"]),
    "percentiles": lambda d: d[["x", "i"]].describe(percentiles=[0.1, 1 / 3, 0.9]),
    "no percentiles": lambda d: d[["x"]].describe(percentiles=[]),
    "no rows": lambda d: d[d["i"] > 10].describe(include="all"),
    "Series of text": lambda d: d["s"].describe(),
    "Series of booleans": lambda d: d["b"].describe(),
    "Series of a categorical": lambda d: d["c"].describe(),
    "Series of numbers": lambda d: d["x"].describe(percentiles=[0.5, 0.05]),
    "empty Series of text": lambda d: d[d["i"] > 10]["s"].describe(),
    "all missing text": lambda d: d[d["s"].isna()]["s"].describe(),
}


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("case", list(CASES))
def test_describe_as_pandas(case, mode):
    pdf = _frame(ties=mode == "strict")
    session = cpd.Session(ordering_mode=mode)
    try:
        df = session.read_pandas(pdf)
        want = CASES[case](pdf)
        got = CASES[case](df)
        for _ in range(2):  # and again: the same description
            (tm.assert_frame_equal if isinstance(want, pd.DataFrame) else tm.assert_series_equal)(got, want)
            got = CASES[case](df)
    finally:
        session.close()


def test_describe_refusals_and_errors():
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    with pytest.raises(ValueError, match="duplicates"):
        df.describe(percentiles=[0.5, 0.5])
    with pytest.raises(ValueError, match="interval"):
        df.describe(percentiles=[1.5])
    with pytest.raises(ValueError, match="No columns match"):
        df[["x"]].describe(include=["string"])
    with pytest.raises(ValueError, match="exclude must be None"):
        df.describe(include="all", exclude=["number"])
    pdated = pd.DataFrame({"d": pd.to_datetime(["2024-01-01", None]).astype("datetime64[us]"),
                           "x": pd.array([1.0, 2.0], dtype="Float64")})
    dated = cpd.read_pandas(pdated)
    # pandas describes datetimes with their mean and quantiles (test_datetime_means has more)
    tm.assert_frame_equal(dated.describe(), pdated.describe())
    tm.assert_frame_equal(dated.describe(exclude=["datetime"]),
                          pd.DataFrame({"x": [1.0, 2.0]}).astype("Float64").describe())


def test_select_dtypes_of_categorical_and_zoned_columns():
    pdf = pd.DataFrame({"c": pd.Categorical(["u"]), "x": [1.0],
                        "z": pd.to_datetime(["2024-01-01"]).tz_localize("US/Eastern"),
                        "s": pd.array(["a"], dtype="string")})
    df = cpd.read_pandas(pdf)
    for include in (["number"], ["category"], ["datetimetz"], "datetime64[us, US/Eastern]", ["string"]):
        assert list(df.select_dtypes(include=include).columns) == list(pdf.select_dtypes(include=include).columns)
