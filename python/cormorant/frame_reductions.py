"""DataFrame's reductions (sum, mean, ..., agg, quantile, corr, describe, mode): a mixin of
cormorant.frame.DataFrame; each gives a pandas Series or DataFrame, computed in one query
(see cormorant.summaries)."""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import correlation, exceptions, summaries
from cormorant import sem as _sem
from cormorant.arguments import take_pandas_arguments


class FrameReductions:
    """The reductions of a DataFrame (its columns, or with axis=1 its rows)."""

    @summaries.by_columns
    def _reduce(self, func: str, skipna: bool, numeric_only: bool, *, min_count: int = 0, ddof: int = 1) -> pd.Series:
        summaries.check_reduce_arguments(f"DataFrame.{func}", skipna, min_count, ddof)
        pairs = self._core.aggregate(func, skipna, numeric_only, min_count, ddof)
        dtypes = dict(self._core.dtypes)
        return summaries.reduction_result(func, [(label, value, dtypes[label]) for label, value in pairs])

    @summaries.by_axis("sum")
    def sum(self, *, skipna: bool = True, numeric_only: bool = False, min_count: int = 0):
        """Each column's sum (0 for no values; <NA> under `min_count` present values)."""
        return self._reduce("sum", skipna, numeric_only, min_count=min_count)

    @summaries.by_axis("mean")
    def mean(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("mean", skipna, numeric_only)

    @summaries.by_axis("min")
    def min(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("min", skipna, numeric_only)

    @summaries.by_axis("max")
    def max(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("max", skipna, numeric_only)

    @summaries.by_columns
    def idxmax(self, axis=0, skipna: bool = True, numeric_only: bool = False):
        """pandas' idxmax: per column, the label of the first row (in row order) holding the
        largest value, all in one query; a column with no value to name raises, as in pandas."""
        return summaries.labels_of(self, "idxmax", axis, skipna, numeric_only)

    @summaries.by_columns
    def idxmin(self, axis=0, skipna: bool = True, numeric_only: bool = False):
        """pandas' idxmin (see idxmax)."""
        return summaries.labels_of(self, "idxmin", axis, skipna, numeric_only)

    @summaries.by_axis("count")
    def count(self, *, numeric_only: bool = False):
        return self._reduce("count", True, numeric_only)

    @summaries.by_axis("median")
    def median(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("median", skipna, numeric_only)

    @summaries.by_axis("std")
    def std(self, *, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
        """Each column's standard deviation, divided by n - ddof (see Series.std)."""
        return self._reduce("std", skipna, numeric_only, ddof=ddof)

    @summaries.by_axis("var")
    def var(self, *, skipna: bool = True, ddof: int = 1, numeric_only: bool = False):
        """Each column's variance, divided by n - ddof (see Series.std)."""
        return self._reduce("var", skipna, numeric_only, ddof=ddof)

    @summaries.by_axis("prod")
    def prod(self, *, skipna: bool = True, numeric_only: bool = False, min_count: int = 0):
        """Each column's product (1 for no values; <NA> under `min_count` present values)."""
        return self._reduce("prod", skipna, numeric_only, min_count=min_count)

    product = prod

    @summaries.by_axis("skew")
    def skew(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("skew", skipna, numeric_only)

    @summaries.by_axis("kurt")
    def kurt(self, *, skipna: bool = True, numeric_only: bool = False):
        return self._reduce("kurt", skipna, numeric_only)

    kurtosis = kurt
    sem = _sem.frame_sem

    @summaries.by_axis("any")
    def any(self, *, skipna: bool = True, bool_only: bool = False):
        """Whether some value of each column is true; bool_only=True takes boolean columns only."""
        return self._boolean_only(bool_only)._reduce("any", skipna, False)

    @summaries.by_axis("all")
    def all(self, *, skipna: bool = True, bool_only: bool = False):
        """Whether every value of each column is true; bool_only=True takes boolean columns only."""
        return self._boolean_only(bool_only)._reduce("all", skipna, False)

    def _boolean_only(self, bool_only: bool):
        if not bool_only:
            return self
        return self[[label for label, dtype in self._core.dtypes if dtype == "boolean"]]

    @summaries.by_columns
    def agg(self, func, axis=0, *args, **kwargs):
        """A reduction by name (as df.sum()), or a list of names: a pandas DataFrame indexed
        by function, computed in one query (see groupby.frame_agg); with axis=1 each row's
        (see summaries.agg_rows); a function of each column (a cormorant Series) as pandas'
        agg calls it (see DataFrame.apply); a dict of them by column, or a list holding
        functions: each column's Series.agg (see summaries.frame_agg_functions)."""
        from cormorant.groupby import frame_agg

        if callable(func) and not isinstance(func, (str, list, dict)):
            return self.apply(func, axis, args=args, **kwargs)
        if args or kwargs:
            raise exceptions.UnsupportedError("DataFrame.agg by name takes no extra arguments")
        if axis in (1, "columns"):
            return summaries.agg_rows(self, func)
        if axis not in (0, "index"):
            raise exceptions.InvalidArgumentError(f"No axis named {axis!r} for object type DataFrame")
        if isinstance(func, dict) or isinstance(func, (list, tuple)) and any(
                callable(f) and not isinstance(f, str) for f in func):
            return summaries.frame_agg_functions(self, func)
        return frame_agg(self, func)

    aggregate = agg
    quantile = summaries.by_columns(summaries.frame_quantile)
    corr = summaries.by_columns(correlation.frame_corr)
    cov = summaries.by_columns(correlation.frame_cov)
    describe = summaries.by_columns(summaries.frame_describe)
    mode = summaries.frame_mode


take_pandas_arguments(FrameReductions, "DataFrame", lambda _: pd.DataFrame)
