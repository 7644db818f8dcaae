"""Issue 13's pandas surface, mechanically: every DataFrame, Series and GroupBy name the issue
lists is cormorant's, and every argument of pandas 3.1's signature of those methods (and of the
everyday methods below) is taken, or refused only with UnsupportedError naming the argument and
the value (cormorant.arguments). REFUSED is the exact list of arguments not taken yet: a test
fails when one is added or closed without updating it (and the README's list)."""

from __future__ import annotations

import inspect

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant.arguments import accepted_arguments
from cormorant.groupby import DataFrameGroupBy

# The names issue 13 lists ("Names to add").
ISSUE_DATAFRAME = """T abs add add_prefix add_suffix align all any apply at axes combine combine_first copy corrwith div
divide dot droplevel eq equals eval filter first_valid_index floordiv from_dict from_records ge get gt hist iat idxmax
idxmin info insert interpolate isin items iterrows itertuples keys kurt kurtosis le lt map mask memory_usage mod mul
multiply ne pipe plot pow prod product query radd rdiv reindex reindex_like reorder_levels replace resample rfloordiv
rmod rmul round rpow rsub rtruediv sample select_dtypes skew stack sub subtract swaplevel take to_dict to_excel to_html
to_json to_markdown to_numpy to_pickle to_records to_string transpose truediv unstack update value_counts values
where""".split()
ISSUE_SERIES = """T add_prefix add_suffix agg aggregate all any apply argmax argmin at autocorr case_when combine
combine_first copy corr cov divide divmod dot drop droplevel dtypes empty equals filter get groupby hasnans hist iat
idxmax idxmin interpolate is_monotonic_decreasing is_monotonic_increasing item items keys kurt kurtosis list mode
multiply ndim pipe plot prod product radd rdiv rdivmod reindex reindex_like rename_axis reorder_levels resample
rfloordiv rmod rmul rpow rsub rtruediv sample skew struct subtract swaplevel take to_csv to_dict to_json to_list
to_markdown to_numpy to_string tolist transpose unstack update values""".split()
ISSUE_GROUPBY = "apply corr cov describe kurt prod quantile skew groups filter get_group".split()

# Everyday methods whose arguments the issue names ("Arguments pandas users pass"), and pandas
# names bigframes lacks but users call.
EVERYDAY_DATAFRAME = """sort_values sort_index quantile value_counts pivot_table corr cov join merge set_index
reset_index dropna fillna rename rename_axis drop nlargest nsmallest cumsum cumprod cummin cummax sum mean median min
max count std var nunique describe shift diff pct_change rank rolling expanding ewm agg groupby head tail
drop_duplicates duplicated astype assign explode melt pivot clip mode transform xs sem tz_convert
tz_localize""".split()
EVERYDAY_SERIES = """sort_values sort_index quantile value_counts map fillna dropna rename nlargest nsmallest cumsum
std var sum mean describe round shift diff rank rolling ewm unique nunique isin between where mask replace astype
explode drop_duplicates duplicated to_frame reset_index abs clip argsort repeat searchsorted factorize sem
transform tz_convert tz_localize""".split()
EVERYDAY_GROUPBY = """agg aggregate transform sum mean median min max count size std var nunique first last head
tail cumsum cumprod cummin cummax rank shift diff pct_change ffill bfill rolling expanding value_counts idxmax idxmin
any all sem""".split()

# Names (of the lists above) cormorant does not have yet: pandas' name raises UnsupportedError.
MISSING = {
    "DataFrame": set(),
    "Series": set(),
    "GroupBy": set(),
}

# pandas 3.1 arguments each method does not take yet: a value other than pandas' default raises
# UnsupportedError naming it (README, "Arguments not taken yet").
REFUSED = {
    "DataFrame": {},
    "Series": {},
    "GroupBy": {},
}

PANDAS = {
    "DataFrame": (pd.DataFrame, cpd.DataFrame),
    "Series": (pd.Series, cpd.Series),
    "GroupBy": ((pd.core.groupby.DataFrameGroupBy, pd.core.groupby.SeriesGroupBy), DataFrameGroupBy),
}
NAMES = {
    "DataFrame": sorted(set(ISSUE_DATAFRAME + EVERYDAY_DATAFRAME)),
    "Series": sorted(set(ISSUE_SERIES + EVERYDAY_SERIES)),
    "GroupBy": sorted(set(ISSUE_GROUPBY + EVERYDAY_GROUPBY)),
}


def _has(cls, name: str) -> bool:
    try:
        inspect.getattr_static(cls, name)
        return True
    except AttributeError:
        return False


def _pandas_arguments(pandas_classes, name: str) -> dict:
    """pandas' keyword arguments of `name` (of any of the classes) -> their default."""
    out = {}
    for cls in pandas_classes if isinstance(pandas_classes, tuple) else (pandas_classes,):
        method = getattr(cls, name, None)
        if not callable(method) or isinstance(inspect.getattr_static(cls, name, None), property):
            continue
        for p in inspect.signature(method).parameters.values():
            if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY):
                out.setdefault(p.name, p.default)
    return out


def _refused(kind: str) -> dict:
    pandas_cls, ours = PANDAS[kind]
    out = {}
    for name in NAMES[kind]:
        if not _has(ours, name) or isinstance(inspect.getattr_static(ours, name), property):
            continue
        method = getattr(ours, name)
        if not inspect.isfunction(method):
            continue
        taken, takes_any = accepted_arguments(method)
        if takes_any:
            continue
        missing = {a for a in _pandas_arguments(pandas_cls, name) if a not in taken and a != "copy"}
        if missing:
            out[name] = missing
    return out


@pytest.mark.parametrize("kind", list(PANDAS))
def test_every_listed_name_is_cormorants(kind):
    pandas_cls, ours = PANDAS[kind]
    missing = {name for name in NAMES[kind] if not _has(ours, name)}
    assert missing == MISSING[kind]
    for name in NAMES[kind]:  # the lists hold pandas' names
        assert any(_has(c, name) for c in (pandas_cls if isinstance(pandas_cls, tuple) else (pandas_cls,))), name


@pytest.mark.parametrize("kind", list(PANDAS))
def test_refused_arguments_are_the_listed_ones(kind):
    expected = {name: set(args.split()) for name, args in REFUSED.get(kind, {}).items()}
    assert _refused(kind) == expected


def _frame():
    return pd.DataFrame({"a": pd.array([3, None, 1], dtype="Int64"), "f": pd.array([1.5, None, -2.0], dtype="Float64")})


def test_pandas_default_is_taken_other_values_refused_by_name():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    # pandas' default of an argument cormorant does not take: the same result as without it
    pd.testing.assert_series_equal(cdf.quantile(0.5, method="single"), pdf.quantile(0.5, method="single"))
    pd.testing.assert_frame_equal(cdf.dropna(axis="index").to_pandas(), pdf.dropna(axis="index"))
    with pytest.raises(exceptions.UnsupportedError, match=r"DataFrame.quantile\(method='table'\)"):
        cdf.quantile(0.5, method="table")
    # copy= is pandas 3's no-op: taken with any value
    pd.testing.assert_frame_equal(cdf.rename(columns={"a": "b"}, copy=True).to_pandas(),
                                  pdf.rename(columns={"a": "b"}), check_dtype=False)
    # a name pandas does not have either stays Python's TypeError
    with pytest.raises(TypeError, match="no_such_argument"):
        cdf.dropna(no_such_argument=1)
    # (GroupBy quantile takes interpolation since session 20: compared with pandas)
    pd.testing.assert_series_equal(cdf.groupby("a")["f"].quantile(0.5, interpolation="nearest").to_pandas(),
                                   pdf.groupby("a")["f"].quantile(0.5, interpolation="nearest"))
