"""combine_first, update, equals, DataFrame.replace / Series.replace, reindex and reindex_like on
frames misaligned on both axes, with missing values, repeated labels, empty sides and zones."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

DT = {"x": "Int64", "y": "Float64", "z": "boolean", "w": "string", "t": "datetime"}
OLD = {"x": ["0", "1", "-3", "None", "[0, 1]", "1.0"], "y": ["0.5", "-0.0", "0", "3.0", "np.nan", "[1.5, 3.0]"],
       "z": ["True", "False", "None"], "w": ["'a'", "''", "'é'", "['a', 'b']", "None"], "t": ["pd.NaT", "None"]}
NEW = {"x": ["7", "-1", "None", "2.0"], "y": ["9.5", "None", "np.nan", "-0.0", "1"], "z": ["False", "True"],  # None: pandas makes an object column
       "w": ["'q'", "None", "''"], "t": ["pd.NaT"]}


def _frame(rng, n, tz, kind=None):
    cols = rng.sample(list(DT), rng.randint(1, 4))
    return pd.DataFrame({c: column(rng, n, DT[c], 0.3, tz=tz) for c in cols},
                        index=index(rng, n, kind or rng.choice(["default", "ints", "ints", "dups"])))


def generate(rng):
    tz = rng.choice([None, "Europe/Berlin"])
    n, m = rng.randint(0, 6), rng.randint(0, 6)
    a, b = _frame(rng, n, tz), _frame(rng, m, tz)
    if rng.random() < 0.3:  # same labels, shuffled
        b = b.iloc[:0] if not n else _frame(rng, n, tz).set_axis(a.index).sample(frac=1.0, random_state=rng.randrange(99))
    ca, cb = list(a.columns), list(b.columns)
    form = rng.choice(["combine_first", "scombine_first", "update", "supdate", "equals", "sequals", "replace",
                       "sreplace", "reindex", "sreindex", "reindex_like"])
    if form in ("combine_first", "scombine_first") and not (n and m):
        return None  # README: combine_first with an empty side orders rows and columns otherwise
    if form == "combine_first":
        return Case({"a": a, "b": b}, [f"r = a.combine_first(b)"])
    if form == "scombine_first":
        return Case({"a": a, "b": b}, [f"r = a[{rng.choice(ca)!r}].combine_first(b[{rng.choice(cb)!r}])"])
    if form == "update":
        ow = rng.choice(["", ", overwrite=False"])
        return Case({"a": a, "b": b}, [f"a.update(b{ow})", "r = a"])
    if form == "supdate":
        return Case({"a": a, "b": b}, [f"s = a[{rng.choice(ca)!r}]", f"s.update(b[{rng.choice(cb)!r}])", "r = s"])
    if form == "equals":
        other = rng.choice(["b", "a", "a.copy()", "a.sort_index(kind='stable')", "a.iloc[::-1].iloc[::-1]",
                            "a.astype({c: 'Float64' for c in a.columns if str(a[c].dtype) == 'Int64'})"])
        return Case({"a": a, "b": b}, [f"r = a.equals({other})"])
    if form == "sequals":
        return Case({"a": a, "b": b}, [f"r = a[{rng.choice(ca)!r}].equals({rng.choice(['b', 'a'])}[{rng.choice(ca + cb)!r}])"])
    if form in ("replace", "sreplace"):
        col = rng.choice(ca)
        old, new = rng.choice(OLD[col]), rng.choice(NEW[col])
        if old.startswith("[") and rng.random() < 0.5:
            new = "[" + ", ".join(rng.choice(NEW[col]) for _ in range(old.count(",") + 1)) + "]"
        if form == "sreplace":
            args = rng.choice([f"{old}, {new}", f"{{{old if not old.startswith('[') else OLD[col][0]}: {new}}}"])
            if "None" in new and (args.startswith("{") or args.startswith("[")):
                return None  # README, differences: pandas makes an object column of None on a match
            return Case({"a": a}, [f"r = a[{col!r}].replace({args})"])
        args = rng.choice([f"{old}, {new}", f"{{{col!r}: {{{OLD[col][0]}: {new}}}}}", f"{{{col!r}: {OLD[col][0]}}}, {new}"])
        if "None" in new and (args.startswith("{") or args.startswith("[")):
            return None  # (as above)
        return Case({"a": a}, [f"r = a.replace({args})"])
    labels = sorted(set(rng.sample(range(-2, 9), rng.randint(0, 6))))
    fill = rng.choice(["", "", ", fill_value=0", ", fill_value=-1.5", ", fill_value=True", ", fill_value='k'"])
    if form == "reindex":
        what = rng.choice([f"{labels}", f"index={labels}", f"columns={rng.sample(list(DT) + ['q'], 2)}",
                           f"{labels}, columns={rng.sample(list(DT), 2)}", f"{labels}, axis=0"])
        return Case({"a": a}, [f"r = a.reindex({what}{fill})"])
    if form == "sreindex":
        return Case({"a": a}, [f"r = a[{rng.choice(ca)!r}].reindex({labels}{fill})"])
    return Case({"a": a, "b": b}, [f"r = a.reindex_like(b)" if rng.random() < 0.7 else f"r = a[{rng.choice(ca)!r}].reindex_like(b[{rng.choice(cb)!r}])"])
