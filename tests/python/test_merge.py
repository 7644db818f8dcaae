"""merge against pandas: every how, keys by name or pair, NA keys, duplicates, suffixes, order."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _frames(seed: int, n: int):
    rng = np.random.default_rng(seed)
    keys = pd.array(rng.integers(0, 4, n), dtype="Int64")
    keys[rng.random(n) < 0.2] = pd.NA
    left = pd.DataFrame({
        "k": keys,
        "a": pd.array([f"a{i}" for i in range(n)], dtype="string"),
        "v": pd.array(rng.normal(size=n), dtype="Float64"),
    })
    rkeys = pd.array(rng.integers(0, 5, n + 1), dtype="Int64")
    rkeys[rng.random(n + 1) < 0.2] = pd.NA
    right = pd.DataFrame({
        "k": rkeys,
        "b": pd.array(rng.integers(0, 100, n + 1), dtype="Int64"),
        "v": pd.array(rng.normal(size=n + 1), dtype="Float64"),
    })
    return left, right


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("how", ["inner", "left", "right", "outer", "cross"])
def test_merge_how(how, seed):
    left, right = _frames(seed, 7)
    kw = {} if how == "cross" else {"on": "k"}
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how=how, **kw)
    assert_same(got, left.merge(right, how=how, **kw))


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_left_on_right_on(how):
    left, right = _frames(3, 6)
    right = right.rename(columns={"k": "rk"})
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how=how, left_on="k", right_on="rk")
    assert_same(got, left.merge(right, how=how, left_on="k", right_on="rk"))


def test_merge_common_columns_suffixes_and_module_function():
    left, right = _frames(4, 5)
    got = cpd.merge(cpd.read_pandas(left), cpd.read_pandas(right), on="k", suffixes=("_l", "_r"))
    assert_same(got, pd.merge(left, right, on="k", suffixes=("_l", "_r")))
    left2, right2 = left.drop(columns="v"), right.drop(columns="v")
    assert_same(cpd.read_pandas(left2).merge(cpd.read_pandas(right2)), left2.merge(right2))


def test_merge_sort_and_penguins(pd_penguins, cpd_penguins):
    stats = pd.DataFrame({"species": pd.array(["Gentoo", "Adelie"], dtype="string"),
                          "w": pd.array([2, 1], dtype="Int64")})
    got = cpd_penguins.merge(cpd.read_pandas(stats), on="species", how="left")
    assert_same(got, pd_penguins.merge(stats, on="species", how="left"))
    got = cpd_penguins.merge(cpd.read_pandas(stats), on="species", sort=True)
    assert_same(got, pd_penguins.merge(stats, on="species", sort=True))


def test_merge_after_filter_and_same_source(pd_penguins, cpd_penguins):
    a = cpd_penguins[cpd_penguins.year == 2007][["species", "island"]]
    b = cpd_penguins[cpd_penguins.body_mass_g > 5500][["species", "body_mass_g"]]
    pa = pd_penguins[pd_penguins.year == 2007][["species", "island"]]
    pb = pd_penguins[pd_penguins.body_mass_g > 5500][["species", "body_mass_g"]]
    assert_same(a.merge(b, on="species"), pa.merge(pb, on="species"))


def test_merge_errors():
    left, right = _frames(5, 4)
    l, r = cpd.read_pandas(left), cpd.read_pandas(right)
    with pytest.raises(exceptions.ColumnNotFoundError):
        l.merge(r, on="nope")
    with pytest.raises(exceptions.InvalidArgumentError, match="how must be one of"):
        l.merge(r, on="k", how="sideways")
    with pytest.raises(exceptions.DTypeError, match="different dtypes"):
        l.merge(r.astype({"k": "string"}), on="k")  # Int64 with Float64 merges as numbers (test_temporal_operands)
    with pytest.raises(exceptions.InvalidArgumentError, match="cross"):
        l.merge(r, on="k", how="cross")


# -- indicator: pandas' Categorical "_merge" column ------------------------------------------


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
@pytest.mark.parametrize("indicator", [True, "source"])
def test_merge_indicator(how, seed, indicator):
    left, right = _frames(seed, 7)
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how=how, on="k", indicator=indicator)
    want = left.merge(right, how=how, on="k", indicator=indicator)
    assert_same(got, want)
    pd.testing.assert_series_equal(got.dtypes, want.dtypes)
    assert repr(got) == repr(want)
    assert_same(got, want)
    batches = list(got.to_pandas_batches(batch_size=3))
    pd.testing.assert_frame_equal(pd.concat(batches) if batches else got.to_pandas().head(0), got.to_pandas())


def test_merge_indicator_penguins(pd_penguins, cpd_penguins):
    stats = pd.DataFrame({"species": pd.array(["Gentoo", "Adelie", "Emperor"], dtype="string"),
                          "w": pd.array([2, 1, 3], dtype="Int64")})
    for kwargs in ({"how": "outer"}, {"how": "left", "sort": True}, {"how": "right", "left_on": "species", "right_on": "species"}):
        got = cpd_penguins.merge(cpd.read_pandas(stats), indicator=True, **kwargs)
        assert_same(got, pd_penguins.merge(stats, indicator=True, **kwargs))


@pytest.mark.parametrize("how", ["left", "outer"])
def test_merge_indicator_in_derived_objects(how):
    """The indicator stays pandas' categorical in selections and counts: groupby orders by its
    categories (left_only, right_only, both), not alphabetically."""
    left, right = _frames(3, 6)
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how=how, on="k", indicator=True)
    want = left.merge(right, how=how, on="k", indicator=True)
    assert_same(got[["k", "_merge"]], want[["k", "_merge"]])
    assert_same(got["_merge"], want["_merge"])
    pd.testing.assert_series_equal(got.groupby("_merge", observed=False).size().to_pandas(),
                                   want.groupby("_merge", observed=False).size())  # (pandas' int64 counts)
    assert_same(got.groupby("_merge", observed=True)["k"].count(), want.groupby("_merge", observed=True)["k"].count())
    assert_same(got[got["_merge"] == "both"], want[want["_merge"] == "both"])
    pd.testing.assert_series_equal(got["_merge"].value_counts().to_pandas(), want["_merge"].value_counts())


def test_merge_indicator_replaced_column():
    """Assigning to the indicator column makes it an ordinary column again."""
    left, right = _frames(2, 5)
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how="outer", on="k", indicator=True)
    want = left.merge(right, how="outer", on="k", indicator=True)
    got["_merge"] = got["_merge"].str.upper()
    want["_merge"] = want["_merge"].astype("string").str.upper()
    assert_same(got, want)


def test_merge_indicator_errors():
    left, right = _frames(5, 4)
    l, r = cpd.read_pandas(left), cpd.read_pandas(right)
    for fn in (lambda a, b: a.merge(b, on="k", indicator="a"), lambda a, b: a.merge(b.rename(columns={"b": "_merge"}), on="k", indicator=True),
               lambda a, b: a.merge(b, on="k", indicator=1)):
        with pytest.raises(exceptions.InvalidArgumentError, match="indicator") as info:
            fn(l, r)
        assert isinstance(info.value, ValueError)
        with pytest.raises(ValueError, match="indicator"):
            fn(left, right)


def test_merge_indicator_derived():
    """value_counts of the indicator counts every category, as pandas (a strict xfail before the
    indicator was a categorical in the core)."""
    left, right = _frames(0, 7)
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how="inner", on="k", indicator=True)
    want = left.merge(right, how="inner", on="k", indicator=True)
    pd.testing.assert_series_equal(got["_merge"].value_counts().to_pandas(), want["_merge"].value_counts())


def _indexed():
    left = pd.DataFrame({"a": pd.array([1, 2, 3, None], dtype="Int64")}, index=pd.Index([3, 1, 2, 7], name="k"))
    right = pd.DataFrame({"b": pd.array([10, 20, 40], dtype="Int64")}, index=pd.Index([1, 2, 4], name="k"))
    return left, right


@pytest.mark.parametrize("how", ["left", "right", "inner", "outer"])
def test_join_on_index(how):
    left, right = _indexed()
    assert_same(cpd.read_pandas(left).join(cpd.read_pandas(right), how=how), left.join(right, how=how))
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), how=how, left_index=True, right_index=True)
    assert_same(got, left.merge(right, how=how, left_index=True, right_index=True))


def test_join_suffixes_and_overlap_error():
    left, right = _indexed()
    right = right.rename(columns={"b": "a"})
    got = cpd.read_pandas(left).join(cpd.read_pandas(right), lsuffix="_l", rsuffix="_r")
    assert_same(got, left.join(right, lsuffix="_l", rsuffix="_r"))
    with pytest.raises(exceptions.InvalidArgumentError, match="overlap"):
        cpd.read_pandas(left).join(cpd.read_pandas(right))


def test_concat_columns():
    left, right = _indexed()
    assert_same(cpd.concat([cpd.read_pandas(left), cpd.read_pandas(right)], axis=1), pd.concat([left, right], axis=1))


def test_groupby_head_and_value_counts(pd_penguins, cpd_penguins):
    assert_same(cpd_penguins.groupby("species").head(3), pd_penguins.groupby("species").head(3))
    assert_same(cpd_penguins.groupby(["island", "sex"]).head(1), pd_penguins.groupby(["island", "sex"]).head(1))
    assert_same(cpd_penguins.groupby("species")["island"].value_counts(),
                pd_penguins.groupby("species")["island"].value_counts())


@pytest.mark.parametrize("name", ["asfreq"])
def test_unsupported_methods_name_an_alternative(cpd_penguins, name):
    with pytest.raises(exceptions.UnsupportedError, match=f"DataFrame.{name} is not supported.*alternative"):
        getattr(cpd_penguins, name)
    with pytest.raises(NotImplementedError, match=f"Series.{name} is not supported"):
        getattr(cpd_penguins.body_mass_g, name)


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
@pytest.mark.parametrize("func", ["nunique", "count", "size"])
def test_merge_with_groupby_counts(how, func):
    # A groupby result with count columns merges like a DataFrame on either side (it was
    # refused as "not a DataFrame"); the counts stay int64 as in pandas, or become float64
    # where the merge leaves a row without a count.
    left, right = _frames(3, 9)

    def counts(frame):
        grouped = frame.groupby("k", as_index=False)
        return grouped.size() if func == "size" else grouped.agg(n=("b", func))

    cpd_left, cpd_counts, pd_counts = cpd.read_pandas(left), counts(cpd.read_pandas(right)), counts(right)
    cases = [
        (cpd_left.merge(cpd_counts, on="k", how=how), left.merge(pd_counts, on="k", how=how)),
        (cpd_counts.merge(cpd_left, on="k", how=how), pd_counts.merge(left, on="k", how=how)),
        (cpd_counts.merge(cpd_counts, on="k", how=how), pd_counts.merge(pd_counts, on="k", how=how)),
    ]
    for got, want in cases:
        got = got.to_pandas()
        pd.testing.assert_frame_equal(got, want)
