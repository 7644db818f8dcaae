"""Matrix forms: DataFrame.dot / Series.dot / @ with Series, frames, lists and arrays (labels in
another order, misaligned labels, missing values, repeated labels), T / transpose (then more
operations), and DataFrame.map with a cpd.udf (na_action)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column

LABELS = ("a", "b", "c", "d")


def _numbers(rng, n, missing):
    dtype = rng.choice(["Int64", "Float64", "float64", "Int64"])
    vals = column(rng, n, dtype, missing)
    if dtype == "Float64":  # 1e300 products overflow in an order of their own
        vals = pd.array([None if v is pd.NA else (2.0 if v == 1e300 else v) for v in vals], dtype="Float64")
    return vals


def generate(rng):
    n = rng.randint(0, 5)
    missing = rng.choice([0.0, 0.0, 0.2])
    cols = rng.sample(LABELS, rng.randint(1, 4))
    idx = rng.choice([pd.RangeIndex(n), pd.Index(rng.sample(["x", "y", "z", "w", "v"], n), dtype="str"),
                      pd.Index(rng.sample(range(10), n), dtype="int64")])
    a = pd.DataFrame({c: _numbers(rng, n, missing) for c in cols}, index=idx)
    m = rng.randint(1, 3)
    # the right side: rows labelled by a's columns (in another order, sometimes misaligned)
    rows = rng.sample(cols, len(cols))
    if rng.random() < 0.15:
        rows = rows[:-1] + [rng.choice(["q"] + list(LABELS))]
    b = pd.DataFrame({f"w{j}": _numbers(rng, len(rows), missing) for j in range(m)},
                     index=pd.Index(rows, dtype="str"))
    form = rng.choice(["frame_frame", "frame_series", "frame_list", "matmul", "series_series", "series_frame",
                       "series_list", "transpose", "transpose_more", "map"])
    if len(rows) == 1 and form in ("frame_frame", "frame_series", "matmul", "series_frame") and \
            (b == 0).fillna(False).to_numpy().any() and a.isna().to_numpy().any():
        # README, differences: a product of one term with a weight of 0 is 0 in pandas where the
        # other factor is NaN (OpenBLAS' gemv), NaN in cormorant (and in pandas with two terms)
        return None
    code = []
    if rng.random() < 0.3:
        code.append(rng.choice(["a = a.iloc[::-1]", f"a = a[a[{cols[0]!r}].notna()]",
                                f"a = a.sort_values({cols[-1]!r}, kind='stable')"]))
    if form == "frame_frame":
        code.append("r = a.dot(b)")
    elif form == "frame_series":
        code.append("r = a.dot(b['w0'])")
    elif form == "frame_list":
        code.append(f"r = a.dot({[rng.choice([1, -2, 0.5, 3]) for _ in cols]})")
    elif form == "matmul":
        code.append(rng.choice(["r = a @ b", "r = a @ b['w0']"]))
    elif form == "series_series":
        other = rng.choice(["a.iloc[::-1]", "a", "a.sort_index()", "a.head(2)"])
        code.append(f"r = a[{cols[0]!r}].dot({other}[{cols[-1]!r}])" if rng.random() < 0.5 else
                    f"r = a[{cols[0]!r}] @ {other}[{cols[-1]!r}]")
        code.append("r = float(r)")
    elif form == "series_frame":
        code.append("r = b['w0'].dot(a.T)" if rng.random() < 0.3 else "r = b['w0'] @ b.rename(columns={'w0': 'x'})")
    elif form == "series_list":
        code.append(f"r = a[{cols[0]!r}].dot({[rng.choice([1, -2, 0.5]) for _ in range(n)]})")
        code.append("r = float(r)")
    elif form == "transpose":
        code.append(rng.choice(["r = a.T", "r = a.transpose()", "r = a.T.T"]))
    elif form == "transpose_more":
        code.append(rng.choice(["r = a.T.sum()", "r = a.T.max(axis=1)", "r = a.T.sort_index()",
                                "r = a.T.reset_index()", "r = (a.T * 2).T"]))
    else:
        na = rng.choice(["None", "'ignore'"])
        code += ["from tests.fuzz import udfs", f"f = udfs.get('half', {rng.random() < 0.5})",
                 "a = a.astype('float64')" if rng.random() < 0.5 else "a = a.astype('Float64')",
                 "g = (lambda v: None if pd.isna(v) else v / 2) if lib is pd else f",
                 f"r = a.map(g, na_action={na})", "r = r.astype('Float64') if lib is pd else r"]
    # README, differences: T and dot of Int64 and float columns together are Float64 (pandas: object)
    code.append("if lib is pd and isinstance(r, pd.DataFrame): "
                "r = r.astype({c: 'Float64' for c, d in zip(r.columns, r.dtypes) if d == object})")
    code.append("if lib is pd and isinstance(r, pd.Series) and r.dtype == object: r = r.astype('Float64')")
    own = form.startswith("transpose") and rng.random() < 0.5  # T lands in the frame's own session
    if own and rng.random() < 0.5:
        code.insert(-2, "r = r + a.T.T.T if isinstance(r, type(a)) and r.shape == a.T.shape else r")
    return Case({"a": a, "b": b}, code, tol=(1e-9, 1e-9), own_session=own)
