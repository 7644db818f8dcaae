"""hist(by=...) of a Series or a DataFrame as pandas draws it (pandas.plotting's _grouped_hist):
one axes per group, in the order of the sorted keys, titled with the key, laid out by pandas'
own create_subplots; each group's histogram is counted in the engine as plotting.binned counts
a whole column (its own edges from the group's values; the columns drawn together on one axes
share edges over their values, after the rows missing any of them are left out, as pandas'
group.dropna())."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions, pandas_errors


def grouped_hist(obj, column, by, ax=None, grid: bool = True, figsize=None, sharex: bool = False,
                 sharey: bool = False, layout=None, bins=10, xlabelsize=None, xrot=None, ylabelsize=None, yrot=None,
                 legend: bool = False, rot: float = 90, **kwargs):
    """pandas' _grouped_hist of `obj` (a cormorant Series or DataFrame) grouped by `by` (column
    labels of the frame, or a cormorant Series aligned on the index), `column` choosing the
    columns drawn (a frame's numeric columns by default, keys included, as pandas)."""
    from pandas.io.formats.printing import pprint_thing
    from pandas.plotting._matplotlib.tools import (create_subplots, flatten_axes, maybe_adjust_figure,
                                                   set_ticks_props)

    from cormorant.plotting import binned
    from cormorant.series import Series

    if figsize == "default":
        raise exceptions.InvalidArgumentError(
            "figsize='default' is no longer supported. Specify figure size by tuple instead")
    frame, keys, drawn, one = _grouping(obj, column, by)
    if isinstance(bins, str) and not one:
        raise exceptions.UnsupportedError(
            f"hist(by=..., bins={bins!r}) of several columns on one axes is not supported; select one column "
            "(column=...) or pass a number of bins")
    if legend:
        if "label" in kwargs:
            raise exceptions.InvalidArgumentError("Cannot use both legend and label")
        kwargs["label"] = obj.name if isinstance(obj, Series) else (
            list(obj.columns) if column is None else column)
    range_ = kwargs.pop("range", None)
    groups = frame.groupby(keys).size().to_pandas().index  # sorted, missing keys left out, as pandas
    with pandas_errors.typed("hist(by=...)"):  # pandas' checks of layout
        fig, axes = create_subplots(naxes=len(groups), figsize=figsize, sharex=sharex, sharey=sharey, ax=ax,
                                    layout=layout)
    for axis, key in zip(flatten_axes(axes), groups, strict=False):
        group = frame
        for k, value in zip(keys, key if len(keys) > 1 else (key,)):
            group = group[group[k] == value]
        group = group[drawn].dropna()
        labels, edges, counts = binned(group, bins, range_, shared=not one)
        left = edges[labels[0]][:-1]
        if one:
            axis.hist(left, bins=edges[labels[0]], weights=counts[labels[0]], **kwargs)
        else:  # several datasets on one axes, as matplotlib draws a 2-D array's columns
            axis.hist(np.column_stack([left] * len(labels)), bins=edges[labels[0]],
                      weights=np.column_stack([counts[label] for label in labels]), **kwargs)
        if legend:
            axis.legend()
        # (pandas' keys of a list of keys are tuples, of one key too)
        axis.set_title(pprint_thing((key,) if isinstance(by, list) and len(keys) == 1 else key))
        axis.grid(grid)
    set_ticks_props(axes, xlabelsize=xlabelsize, xrot=rot if xrot is None else xrot, ylabelsize=ylabelsize, yrot=yrot)
    maybe_adjust_figure(fig, bottom=0.15, top=0.9, left=0.1, right=0.9, hspace=0.5, wspace=0.3)
    return axes


def _grouping(obj, column, by):
    """(frame, key labels, labels drawn, whether one column is drawn) of hist(by=...)."""
    from cormorant.series import Series

    by_series = isinstance(by, Series)
    if isinstance(obj, Series):
        if not by_series:
            raise exceptions.UnsupportedError(
                "Series.hist(by=...) takes a cormorant Series of the keys (aligned on the index)")
        frame = obj.rename("__hist_values__").to_frame().assign(__hist_key__=by)
        return frame, ["__hist_key__"], ["__hist_values__"], True
    if by_series:
        frame, keys = obj.assign(__hist_key__=by), ["__hist_key__"]
    else:
        keys = list(by) if isinstance(by, (list, tuple)) else [by]
        missing = [k for k in keys if k not in obj._core.columns]
        if missing:
            raise exceptions.ColumnNotFoundError(
                f"hist(by=...) takes column labels or a cormorant Series; no column {missing[0]!r}")
        frame = obj
    if column is not None and not isinstance(column, (list, np.ndarray, pd.Index)):
        return frame, keys, [column], True
    drawn = list(column) if column is not None else list(obj.columns)
    dtypes = obj.dtypes
    numeric = []
    for label in drawn:
        dtype = dtypes[label]
        if pd.api.types.is_bool_dtype(dtype):
            raise exceptions.UnsupportedError(
                f"hist(by=...) of the boolean column {label!r} is not supported (pandas draws it as numbers); "
                "select the numeric columns (column=...)")
        if pd.api.types.is_numeric_dtype(dtype):
            numeric.append(label)
    if not numeric:
        raise exceptions.InvalidArgumentError("hist method requires numerical or datetime columns, nothing to plot.")
    return frame, keys, numeric, len(numeric) == 1
