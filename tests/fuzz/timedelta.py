"""The timedelta64[us] dtype: datetime - datetime (naive and zoned across summer-time changes),
datetime +/- timedelta, timedelta + - * / // % with numbers and timedeltas, neg/abs, comparisons,
reductions (whole, frame and per group), timedelta group keys, sort, isna/fillna, diff/shift,
cumulative ops, the .dt parts, floor/ceil/round to fixed frequencies, astype(str) (pandas' text
depends on the whole column: days alone, the clock, six fraction digits), to_timedelta of numbers,
round trips; NaT, empty inputs, both ordering modes, Parquet."""

from __future__ import annotations

import pandas as pd

from .runner import ZONES, Case, column

STAMP = "pd.Timestamp('2024-03-10 03:00'{tz})"
ARITH = (
    "r = a['t'] - a['u']", "r = a['u'] - a['t']", "r = a['t'] - a['t'].shift()", "r = a['t'] + a['d']",
    "r = a['t'] - a['d']", "r = a['d'] + a['t']", "r = a['t'] - " + STAMP, "r = " + STAMP + " - a['t']",
    "r = a['t'] + pd.Timedelta(hours=25)", "r = a['t'] - pd.Timedelta(minutes=-90)",
    "r = a['d'] + a['e']", "r = a['d'] - a['e']", "r = a['d'] * a['n']", "r = a['n'] * a['d']", "r = a['d'] * 2",
    "r = a['d'] * -1.5", "r = a['d'] * a['f']", "r = a['d'] / 2", "r = a['d'] / 0", "r = a['d'] / a['n']",
    "r = a['d'] / a['f']", "r = a['d'] // 3", "r = a['d'] // -2", "r = a['d'] // a['n']", "r = a['d'] / a['e']",
    "r = a['d'] // a['e']", "r = a['d'] % a['e']", "r = a['d'] % pd.Timedelta(hours=1)",
    "r = a['d'] // pd.Timedelta(seconds=1)", "r = a['d'] / pd.Timedelta(milliseconds=1)", "r = -a['d']",
    "r = abs(a['d'])", "r = a['d'] + pd.Timedelta(days=1)", "r = pd.Timedelta(days=1) - a['d']", "r = 3 * a['d']",
    "r = (a['t'] - a['u']) / pd.Timedelta(hours=1)", "r = (a['t'] - a['u']).abs()",
    "r = a[['d', 'e']] * 2", "r = a[['d', 'e']] // 2", "r = -a[['d', 'e']]",
    "r = a['t'] - pd.NaT", "r = a['t'] + pd.NaT", "r = pd.NaT - a['t']", "r = a['d'] + pd.NaT", "r = pd.NaT - a['d']",
    "r = a['d'] / np.timedelta64('NaT', 'us')", "r = a['d'] * np.nan", "r = a['d'] // np.nan",
    "r = a['t'] + np.timedelta64('NaT')", "r = a['d'].add(pd.NaT, fill_value=pd.Timedelta(hours=1))",
    "r = a['d'].sub(a['e'], fill_value=pd.Timedelta(0))", "r = a['t'].sub(a['u'], fill_value=" + STAMP + ")",
)
COMPARE = (
    "r = a['d'] < a['e']", "r = a['d'] == a['e']", "r = a['d'] != a['e']", "r = a['d'] >= pd.Timedelta(0)",
    "r = a['d'] == pd.Timedelta(seconds=1)", "r = a['d'] > pd.Timedelta(microseconds=-1)",
    "r = a[a['d'] > pd.Timedelta(0)]", "r = a['d'].between(pd.Timedelta(0), pd.Timedelta(days=1))",
    "r = a['d'].isin([pd.Timedelta(0), pd.Timedelta(microseconds=7)])",
)
REDUCE = (
    "r = a['d'].sum()", "r = a['d'].mean()", "r = a['d'].min()", "r = a['d'].max()", "r = a['d'].median()",
    "r = a['d'].std()", "r = a['d'].count()", "r = a['d'].nunique()", "r = (a['t'] - a['u']).mean()",
    "r = a[['d', 'e']].sum()", "r = a[['d', 'e']].max()", "r = a[['d', 'e']].mean()", "r = a[['d', 'e']].min()",
    "r = a['d'].sum(skipna=False)", "r = a['d'].max(skipna=False)",
)
GROUP = (
    "r = a.groupby('g')['d'].{agg}()", "r = a.groupby('g', sort=False)['d'].{agg}()",
    "r = a.groupby('g')[['d', 'e']].{agg}()", "r = a.groupby('g', dropna=False)['d'].{agg}()",
    "r = a.groupby('g').agg(x=('d', '{agg}'), y=('e', 'max'))", "r = a.groupby('d').size()",
    "r = a.groupby('d', dropna=False)['n'].sum()", "r = a.groupby('g')['d'].transform('{agg}')",
)
AGGS = ("sum", "mean", "min", "max", "median", "std", "count", "first", "last")
ROWS = (
    "r = a.sort_values('d', kind='stable')", "r = a.sort_values('d', ascending=False, kind='stable')",
    "r = a.sort_values(['d', 'n'], na_position='first', kind='stable')", "r = a['d'].sort_values(kind='stable')",
    "r = a['d'].isna()", "r = a['d'].notna()", "r = a['d'].fillna(pd.Timedelta(0))",
    "r = a.fillna({'d': pd.Timedelta(seconds=1)})", "r = a.dropna(subset=['d'])", "r = a['t'].diff()",
    "r = a['t'].diff(-1)", "r = a['t'].diff(2)", "r = a['d'].diff()", "r = a['d'].shift()", "r = a['d'].shift(-1)",
    "r = a['t'].shift(2) - a['t']", "r = a['d'].cumsum()", "r = a['d'].cummin()", "r = a['d'].cummax()",
    "r = a", "r = a[['d', 'g']]", "r = a.head(2)", "r = a.iloc[::-1]", "r = a['d'].value_counts()",
    "r = a.drop_duplicates('d')", "r = a.set_index('d')", "r = a['d'].astype('Int64')",
)
PARTS = ("days", "seconds", "microseconds", "nanoseconds", "total_seconds()", "components")
FREQS = ("us", "ms", "s", "min", "h", "D", "2h", "15min", "250ms", "3s", "7D", "90s")
TEXT = (
    "r = a['d'].astype(str)", "r = a[['d', 'e']].astype(str)", "r = a.astype({'d': str})", "r = a['d'].astype('string')",
    "r = a['d'].dt.{rnd}('{freq}')", "r = a['e'].dt.{rnd}('{freq}')",
    "r = a['d'].dt.{rnd}('{freq}').astype(str)", "r = (a['t'] - a['u']).dt.{rnd}('{freq}')",
    "r = a['d'].dt.{rnd}('{freq}') == a['d']", "r = a['d'][a['d'].abs() < pd.Timedelta(days=1)].astype(str)",
    "r = a['d'].dt.{rnd}('{freq}').dt.total_seconds()",
)
CONVERT = (
    "r = lib.to_timedelta(a['n'], unit='{unit}')", "r = lib.to_timedelta(a['f'], unit='{unit}')",
    "r = a['t'] + lib.to_timedelta(a['n'], unit='{unit}')",
)
UNITS = ("s", "ms", "us", "m", "h", "D", "min", "W")


def generate(rng):
    n = rng.randint(0, 8)
    tz = rng.choice(ZONES)
    missing = rng.choice([0.0, 0.0, 0.2])
    a = pd.DataFrame({"t": column(rng, n, "datetime", missing, tz=tz), "u": column(rng, n, "datetime", missing, tz=tz),
                      "d": column(rng, n, "timedelta", missing), "e": column(rng, n, "timedelta", missing),
                      "n": column(rng, n, "Int64", missing), "f": column(rng, n, rng.choice(["Float64", "float64"]), missing),
                      "g": column(rng, n, "string", 0.1)})
    a["g"] = pd.array([None if v is pd.NA else (v[:1] or "z") for v in a["g"]], dtype="string")
    if rng.random() < 0.3:
        a["f"] = a["f"].replace(1e300, 2.0)  # a timedelta times 1e300 leaves pandas' range
    family = rng.choice(["arith", "arith", "compare", "reduce", "group", "rows", "rows", "parts", "convert", "text"])
    if family == "arith":
        op = rng.choice(ARITH).replace("{tz}", f", tz={tz!r}" if tz else "")
    elif family == "compare":
        op = rng.choice(COMPARE)
    elif family == "reduce":
        op = rng.choice(REDUCE)
    elif family == "group":
        op = rng.choice(GROUP).replace("{agg}", rng.choice(AGGS))
    elif family == "rows":
        op = rng.choice(ROWS)
    elif family == "parts":
        op = f"r = {rng.choice(['a', 'x'])}.dt.{rng.choice(PARTS)}".replace("r = a.", "r = a['d'].")
        op = op.replace("r = x.", "r = (a['t'] - a['u']).")
    elif family == "text":
        op = rng.choice(TEXT).replace("{rnd}", rng.choice(["floor", "ceil", "round"])).replace("{freq}", rng.choice(FREQS))
    else:
        op = rng.choice(CONVERT).replace("{unit}", rng.choice(UNITS))
        if "a['f'], unit='us'" in op:
            return None  # README, differences: to_timedelta of floats floors to the microsecond
    code = [op]
    if rng.random() < 0.3 and "sum()" not in op and "mean()" not in op:  # something after it, in the engine
        code.append(rng.choice(["r = r.iloc[::-1] if hasattr(r, 'iloc') else r",
                                "r = r.head(3) if hasattr(r, 'head') else r",
                                "r = r.sort_index(kind='stable') if hasattr(r, 'sort_index') else r"]))
    mode = "partial" if rng.random() < 0.15 and family in ("reduce", "group", "compare", "parts", "convert") else "strict"
    return Case({"a": a}, code, ordered=not op.startswith("r = a.groupby('d')"), mode=mode,
                parquet=rng.random() < 0.2)
