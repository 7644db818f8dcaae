"""Series.hist / DataFrame.hist / plot.hist: every bar (position, width, height) and title
against pandas' own hist (matplotlib over numpy.histogram) of the same data; bins as a number or
edges, range, density, cumulative; missing values, one value, no rows, filters, both modes."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column

PRELUDE = ["import matplotlib", "matplotlib.use('Agg')", "import matplotlib.pyplot as plt", "plt.close('all')"]
BARS = "[(p.get_x(), p.get_width(), p.get_height()) for p in {ax}.patches]"


def generate(rng):
    n = rng.choice([0, 1, 2, 5, 9, 30])
    a = pd.DataFrame({"i": column(rng, n, "Int64", 0.2, small=False), "f": column(rng, n, "Float64", 0.2),
                      "g": column(rng, n, "float64", 0.2)})
    a["f"] = pd.array([None if v is pd.NA else v * rng.choice([1, 3.25, -0.1]) if v != 1e300 else 1e6
                       for v in a["f"]], dtype="Float64")
    kw = rng.choice(["", "bins=1", "bins=3", "bins=7", "bins=[-5, 0, 1.5, 10, 60]", "bins=4, range=(-3, 3)",
                     "density=True", "cumulative=True, bins=5", "bins=[0, 1]"])
    form = rng.choice(["series", "series", "frame", "plot"])
    pre = rng.choice(["", "", "a = a[a['i'] > 0]", "a = a.head(4)"]) if form != "plot" or True else ""
    code = list(PRELUDE) + ([pre] if pre else [])
    if form == "series":
        col = rng.choice(list(a.columns))
        code += [f"ax = a[{col!r}].hist({kw})", "r = pd.DataFrame(" + BARS.format(ax="ax") + ", dtype=float)"]
    elif form == "plot":
        col = rng.choice(list(a.columns))
        code += [f"ax = a[{col!r}].plot.hist({kw})", "r = pd.DataFrame(" + BARS.format(ax="ax") + ", dtype=float)"]
    else:
        cols = rng.choice(["", "column='f', ", "column=['i', 'g'], "])
        code += [f"axes = a.hist({cols}{kw})",
                 "r = pd.DataFrame([(ax.get_title(), p.get_x(), p.get_width(), p.get_height()) "
                 "for ax in axes.ravel() for p in ax.patches], columns=['t', 'x', 'w', 'h'])"]
    mode = "partial" if "head" not in pre and rng.random() < 0.2 else "strict"
    return Case({"a": a}, code, mode=mode, parquet=mode == "partial")
