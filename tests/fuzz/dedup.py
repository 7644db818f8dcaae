"""Duplicates and order: drop_duplicates, duplicated, value_counts, nunique, unique, sort_values
over several keys with na_position, nlargest/nsmallest; every dtype with missing values."""

from __future__ import annotations

import pandas as pd

from .runner import DTYPES, Case, column, index


def generate(rng):
    n = rng.randint(0, 12)
    kinds = [rng.choice(DTYPES) for _ in range(3)]
    tz = rng.choice([None, "America/New_York"])
    a = pd.DataFrame({c: column(rng, n, k, 0.25, tz=tz) for c, k in zip("pqr", kinds)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    cols = rng.sample(list("pqr"), rng.randint(1, 3))
    c = cols[0]
    keep = rng.choice(["'first'", "'last'", "False"])
    asc = [rng.random() < 0.5 for _ in cols]
    na = rng.choice(["first", "last"])
    num = [x for x, k in zip("pqr", kinds) if k in ("Int64", "Float64")]
    ops = [
        f"r = a.drop_duplicates({cols}, keep={keep})", f"r = a.duplicated({cols}, keep={keep})",
        f"r = a[{c!r}].drop_duplicates(keep={keep})", f"r = a[{c!r}].value_counts()",
        f"r = a[{c!r}].value_counts(dropna=False, normalize={rng.random() < 0.5})",
        # (of two or three columns: README, differences, one column has a plain index here)
        f"r = a.value_counts({cols if len(cols) > 1 else ['p', 'q']}, dropna={rng.random() < 0.5})",
        f"r = a[{c!r}].nunique(dropna={rng.random() < 0.5})",
        f"r = a.nunique()", f"r = a[{c!r}].unique()",
        f"r = a.sort_values({cols}, ascending={asc}, na_position={na!r}, kind='stable')",
        f"r = a.sort_values({cols}, ascending={asc[0]}, na_position={na!r}, kind='stable').head(3)",
        f"r = a[{c!r}].sort_values(ascending={asc[0]}, na_position={na!r}, kind='stable')",
        f"r = a.sort_index(ascending={asc[0]}, kind='stable')",
    ]
    if num:
        k = rng.choice(num)
        ops += [f"r = a.nlargest({rng.randint(0, 5)}, {k!r}, keep={rng.choice(['first', 'last', 'all'])!r})",
                f"r = a[{k!r}].nsmallest({rng.randint(0, 5)}, keep={rng.choice(['first', 'last'])!r})"]
    op = rng.choice(ops)
    if ".unique()" in op:  # an array, not a Series: compare as one
        op += "; r = pd.Series(r.to_pandas() if hasattr(r, 'to_pandas') else r)"
    return Case({"a": a}, [op], ordered=True)
