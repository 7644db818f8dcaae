"""Plots as pandas draws them (matplotlib), from results computed in the engine.

Histograms (`hist`, `plot.hist`) are counted in the engine: the bin edges come from the
columns' minimum and maximum (one small query) exactly as NumPy derives them, and the counts
from one aggregate query; matplotlib then draws the bars from the counts (as weights of the
bins' left edges), so the bars are pandas' own on any number of rows. Every other kind draws a
pandas object: the whole result when it has at most `sampling_n` rows (the plot is then
exactly pandas'), else `sampling_n` rows drawn uniformly at random and kept in the result's
order (in partial mode, which has no order: any `sampling_n` rows), with a
cormorant.exceptions.PlotSamplingWarning saying so, as bigframes does.
"""

from __future__ import annotations

import warnings

from cormorant._lazy import np, pd
from cormorant import exceptions, selection

# Rows a sampled plot draws by default (bigframes' default too).
DEFAULT_SAMPLING_N = 1000


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:  # as pandas: plotting needs matplotlib, which is optional
        raise ImportError("plotting needs matplotlib: pip install matplotlib") from e
    return plt


def _numeric_labels(obj, what: str) -> list:
    """The labels of a frame's numeric (not boolean) columns, as pandas' hist selects them;
    datetime columns, which pandas also draws, are refused."""
    labels = []
    for label, dtype in obj.dtypes.items():
        if pd.api.types.is_bool_dtype(dtype):
            continue
        if pd.api.types.is_numeric_dtype(dtype):
            labels.append(label)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            raise exceptions.UnsupportedError(
                f"{what} of the datetime column {label!r} is not supported; select the numeric columns")
    if not labels:
        raise exceptions.InvalidArgumentError(
            f"{what} method requires numerical or datetime columns, nothing to plot.")
    return labels


def _edges(lo, hi, bins, range_):
    """NumPy's bin edges for data whose minimum is lo and maximum hi (int bins need nothing
    else), or the given edges."""
    if np.ndim(bins) == 1:
        return np.asarray(bins, dtype=float)
    if range_ is None:
        if pd.isna(lo):  # no values: NumPy's edges of an empty array
            return np.histogram_bin_edges(np.array([], dtype=float), bins=bins)
        return np.histogram_bin_edges(np.array([lo, hi], dtype=float), bins=bins)
    return np.histogram_bin_edges(np.array([], dtype=float), bins=bins, range=range_)


def _counts(frame, labels, edges_of) -> dict:
    """Per label, the number of values in each bin of its edges (NumPy's rule: [e_k, e_k+1),
    the last bin closed), from one aggregate query of comparisons with the edges."""
    parts, keys = {}, {}
    for i, label in enumerate(labels):
        col, edges = frame[label], edges_of[label]
        names = []
        for k, edge in enumerate(edges):
            names.append(f"__lt{i}_{k}")
            parts[names[-1]] = col < float(edge)
        names.append(f"__le{i}")
        parts[names[-1]] = col <= float(edges[-1])
        keys[label] = names
    sums = frame.assign(**parts)[list(parts)].sum()  # a pandas Series (reductions are eager)
    out = {}
    for label, names in keys.items():
        below = sums[names].to_numpy(dtype="int64")
        lt, le_last = below[:-1], below[-1]  # lt[k]: values < e_k; le_last: values <= the last edge
        upper = lt[1:].copy()
        upper[-1] = le_last
        out[label] = (upper - lt[:-1]).astype(float)
    return out


def _min_max(frame, labels):
    if not labels:
        return {}
    stats = frame[labels].agg(["min", "max"])  # eager, as pandas
    return {label: (stats.loc["min", label], stats.loc["max", label]) for label in labels}


def binned(obj, bins=10, range_=None, shared: bool = False):
    """(labels, edges per label, counts per label) of a Series or a frame's numeric columns.
    `shared` gives every column the same edges, from the minimum and maximum of them all
    (pandas' plot.hist of a frame)."""
    from cormorant.series import Series

    frame = obj.to_frame() if isinstance(obj, Series) else obj
    labels = _numeric_labels(frame, "hist")
    if isinstance(bins, str):  # NumPy's rule of each column's values (hist_bins)
        if shared:
            raise exceptions.UnsupportedError(
                f"plot.hist(bins={bins!r}) is not supported (pandas' own fails on nullable integers); use hist(bins=...)"
                " or a number of bins")
        from cormorant.hist_bins import rule_bins

        counted = {label: rule_bins(frame[label], bins, range_) for label in labels}
        extremes = _min_max(frame, labels) if range_ is None else {label: (None, None) for label in labels}
        edges = {label: _edges(*extremes[label], counted[label], range_) for label in labels}
        return labels, edges, _counts(frame, labels, edges)
    needs_range = np.ndim(bins) == 0 and range_ is None
    extremes = _min_max(frame, labels) if needs_range else {label: (None, None) for label in labels}
    if shared:
        los = [lo for lo, _ in extremes.values() if not pd.isna(lo)]
        his = [hi for _, hi in extremes.values() if not pd.isna(hi)]
        both = (min(los), max(his)) if los else (np.nan, np.nan)
        extremes = {label: both for label in labels}
    edges = {label: _edges(*extremes[label], bins, range_) for label in labels}
    return labels, edges, _counts(frame, labels, edges)


def _check_hist(legend: bool, kwds):
    """The arguments hist refuses, as pandas does."""
    if legend and "label" in kwds:
        raise exceptions.InvalidArgumentError("Cannot use both legend and label")


def hist_series(self, by=None, ax=None, grid: bool = True, xlabelsize=None, xrot=None, ylabelsize=None,
                yrot=None, figsize=None, bins=10, legend: bool = False, **kwds):
    """pandas' Series.hist, counted in the engine (see the module)."""
    from pandas.plotting._matplotlib.tools import set_ticks_props

    plt = _pyplot()
    _check_hist(legend, kwds)
    if by is not None:
        if "figure" in kwds:
            raise exceptions.InvalidArgumentError(
                "Cannot pass 'figure' when using the 'by' argument, since a new 'Figure' instance will be created")
        from cormorant.hist_groups import grouped_hist

        axes = grouped_hist(self, None, by, ax=ax, grid=grid, figsize=figsize, bins=bins, xlabelsize=xlabelsize,
                            xrot=xrot, ylabelsize=ylabelsize, yrot=yrot, legend=legend, **kwds)
        return axes[0] if getattr(axes, "ndim", 0) == 1 and len(axes) == 1 else axes
    if kwds.get("layout") is not None:
        raise exceptions.InvalidArgumentError("The 'layout' keyword is not supported when 'by' is None")
    kwds.pop("layout", None)
    _, edges, counts = binned(self, bins, kwds.pop("range", None))
    (label,) = edges
    fig = kwds.pop("figure", plt.gcf() if plt.get_fignums() else plt.figure(figsize=figsize))
    if figsize is not None and tuple(figsize) != tuple(fig.get_size_inches()):
        fig.set_size_inches(*figsize, forward=True)
    if ax is None:
        ax = fig.gca()
    elif ax.get_figure() != fig:
        raise exceptions.InvalidArgumentError("passed axis not bound to passed figure")
    if legend:
        kwds["label"] = self.name
    ax.hist(edges[label][:-1], bins=edges[label], weights=counts[label], **kwds)
    if legend:
        ax.legend()
    ax.grid(grid)
    set_ticks_props(np.array([ax]), xlabelsize=xlabelsize, xrot=xrot, ylabelsize=ylabelsize, yrot=yrot)
    return ax


def hist_frame(self, column=None, by=None, grid: bool = True, xlabelsize=None, xrot=None, ylabelsize=None,
               yrot=None, ax=None, sharex: bool = False, sharey: bool = False, figsize=None, layout=None,
               bins=10, legend: bool = False, **kwds):
    """pandas' DataFrame.hist (one axes per numeric column), counted in the engine."""
    from pandas.plotting._matplotlib.tools import (create_subplots, flatten_axes, maybe_adjust_figure,
                                                   set_ticks_props)

    _pyplot()
    _check_hist(legend, kwds)
    if by is not None:
        from cormorant.hist_groups import grouped_hist

        return grouped_hist(self, column, by, ax=ax, grid=grid, figsize=figsize, sharex=sharex, sharey=sharey,
                            layout=layout, bins=bins, xlabelsize=xlabelsize, xrot=xrot, ylabelsize=ylabelsize,
                            yrot=yrot, legend=legend, **kwds)
    frame = self
    if column is not None:
        frame = self[list(column) if isinstance(column, (list, tuple, np.ndarray, pd.Index)) else [column]]
    labels, edges, counts = binned(frame, bins, kwds.pop("range", None))
    fig, axes = create_subplots(naxes=len(labels), ax=ax, squeeze=False, sharex=sharex, sharey=sharey,
                                figsize=figsize, layout=layout)
    for axis, label in zip(flatten_axes(axes), labels, strict=False):
        if legend and "label" not in kwds:
            axis.hist(edges[label][:-1], bins=edges[label], weights=counts[label], label=label, **kwds)
        else:
            axis.hist(edges[label][:-1], bins=edges[label], weights=counts[label], **kwds)
        axis.set_title(label)
        axis.grid(grid)
        if legend:
            axis.legend()
    set_ticks_props(axes, xlabelsize=xlabelsize, xrot=xrot, ylabelsize=ylabelsize, yrot=yrot)
    maybe_adjust_figure(fig, wspace=0.3, hspace=0.3)
    return axes


def sampled(obj, n: int, random_state):
    """obj as pandas: all of it when it has at most n rows, else n rows drawn uniformly and kept
    in the result's order (without an order, partial mode: any n rows), with a
    PlotSamplingWarning."""
    rows = len(obj)
    if rows <= n:
        return obj.to_pandas()
    frame = obj._frame() if hasattr(obj, "_frame") else obj
    if frame._core.ordered:
        positions = np.sort(np.random.RandomState(random_state).choice(rows, size=n, replace=False))
        out = selection.take(obj, [int(p) for p in positions]).to_pandas()
        how = f"sampled uniformly (sampling_n={n}, sampling_random_state={random_state})"
    else:
        out = frame.peek(n)
        out = out if frame is obj else out.iloc[:, 0].rename(obj.name)
        how = f"any {n} rows: the object has no order (ordering_mode='partial'), sampling_n={n}"
    warnings.warn(f"the plot draws {n:,} of {rows:,} rows, {how}", exceptions.PlotSamplingWarning, stacklevel=3)
    return out


class PlotAccessor:
    """`obj.plot(...)` and `obj.plot.<kind>(...)` as in pandas. `sampling_n` (default 1000) bounds
    the rows drawn by the kinds that draw rows; `sampling_random_state` (default 0) picks them."""

    _kinds = ("line", "bar", "barh", "box", "kde", "density", "area", "pie", "scatter", "hexbin")

    def __init__(self, obj):
        self._obj = obj

    def __call__(self, *args, kind: str = "line", sampling_n: int = DEFAULT_SAMPLING_N,
                 sampling_random_state=0, **kwargs):
        if kind == "hist":
            return self.hist(*args, **kwargs)
        if kind not in self._kinds:
            raise exceptions.InvalidArgumentError(f"{kind} is not a valid plot kind; valid kinds: "
                                                  f"{', '.join(('hist',) + self._kinds)}")
        _pyplot()
        data = sampled(self._obj, sampling_n, sampling_random_state)
        return data.plot(*args, kind=kind, **kwargs)

    def hist(self, by=None, bins=10, **kwargs):
        """All numeric columns on one axes over shared bins (pandas' plot.hist), counted in the engine."""
        from cormorant.series import Series

        _pyplot()
        if by is not None:
            raise exceptions.UnsupportedError("plot.hist(by=...) is not supported; filter per group")
        if "weights" in kwargs:
            raise exceptions.UnsupportedError("plot.hist(weights=...) is not supported")
        labels, edges, counts = binned(self._obj, bins, kwargs.pop("range", None), shared=True)
        left = edges[labels[0]][:-1]
        if isinstance(self._obj, Series):
            stand_in = pd.Series(left, name=self._obj.name)
            weights = counts[labels[0]]
        else:
            stand_in = pd.DataFrame({label: left for label in labels}, columns=pd.Index(labels))
            weights = np.column_stack([counts[label] for label in labels])
        return stand_in.plot.hist(bins=edges[labels[0]], weights=weights, **kwargs)

    def line(self, x=None, y=None, **kwargs):
        return self(kind="line", x=x, y=y, **kwargs)

    def bar(self, x=None, y=None, **kwargs):
        return self(kind="bar", x=x, y=y, **kwargs)

    def barh(self, x=None, y=None, **kwargs):
        return self(kind="barh", x=x, y=y, **kwargs)

    def box(self, by=None, **kwargs):
        return self(kind="box", by=by, **kwargs)

    def kde(self, bw_method=None, ind=None, **kwargs):
        return self(kind="kde", bw_method=bw_method, ind=ind, **kwargs)

    density = kde

    def area(self, x=None, y=None, stacked: bool = True, **kwargs):
        return self(kind="area", x=x, y=y, stacked=stacked, **kwargs)

    def pie(self, y=None, **kwargs):
        if y is not None:
            kwargs["y"] = y
        return self(kind="pie", **kwargs)

    def scatter(self, x, y, s=None, c=None, **kwargs):
        return self(kind="scatter", x=x, y=y, s=s, c=c, **kwargs)

    def hexbin(self, x, y, C=None, reduce_C_function=None, gridsize=None, **kwargs):
        return self(kind="hexbin", x=x, y=y, C=C, reduce_C_function=reduce_C_function, gridsize=gridsize,
                    **kwargs)


def plot(self) -> PlotAccessor:
    """The plot accessor (pandas' `.plot`): call it, or use `.plot.<kind>(...)`."""
    return PlotAccessor(self)
