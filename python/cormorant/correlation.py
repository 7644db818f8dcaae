"""DataFrame.corr and DataFrame.cov as pandas 3.1 computes them: each pair of numeric columns
over the rows where both are present (the core's exact pairwise aggregates, one query), with
`method` (Pearson, Spearman: Pearson of the average ranks within those rows, or Kendall's tau-b:
cormorant.kendall), `min_periods`
(a pair with fewer such rows is NaN) and `numeric_only`."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions


def _labels(frame, func: str, numeric_only: bool) -> list:
    """The numeric (and boolean) columns; with numeric_only=False another column raises, as
    pandas raises converting it to floats (datetimes, which pandas turns into numbers, too)."""
    from cormorant.summaries import numeric_labels

    labels = numeric_labels(frame, decimals_for=func)
    if not numeric_only:
        other = [(label, dtype) for label, dtype in frame._core.dtypes if label not in labels]
        if other:
            label, dtype = other[0]
            raise exceptions.DTypeError(
                f"DataFrame.{func}: column {label!r} has dtype {dtype}, which cormorant does not convert to floats; "
                f"pass numeric_only=True to leave it out")
    return labels


def _min_periods(min_periods, default: int) -> int:
    if min_periods is None:
        return default
    if isinstance(min_periods, bool) or not isinstance(min_periods, (int, np.integer)):
        raise exceptions.DTypeError(f"min_periods must be an integer, got {min_periods!r}")
    return int(min_periods)


def _matrix(labels, values) -> pd.DataFrame:
    n = len(labels)
    rows = [[np.nan if v is None else v for v in values[i * n:(i + 1) * n]] for i in range(n)]
    # pandas gives plain float64 matrices, also for nullable columns
    return pd.DataFrame(rows, index=pd.Index(labels), columns=pd.Index(labels), dtype="float64")


def _pair_counts(frame, labels) -> np.ndarray:
    """The number of rows where both columns of each pair have a value (one query)."""
    from cormorant.columnwise import _with_columns

    present = {label: frame[label].notna() for label in labels}
    pairs = {f"__pair_{i}_{j}__": (present[a] & present[b]).astype("Int64")
             for i, a in enumerate(labels) for j, b in enumerate(labels) if i <= j}
    counts = _with_columns(frame[[]], pairs).sum() if pairs else pd.Series([], dtype="int64")
    out = np.zeros((len(labels), len(labels)))
    for i in range(len(labels)):
        for j in range(i, len(labels)):
            out[i, j] = out[j, i] = counts[f"__pair_{i}_{j}__"]
    return out


def _spearman(frame, labels) -> pd.DataFrame:
    """pandas' Spearman correlation: for each pair, Pearson's of the two columns' average ranks
    among the rows where both are present (ranked once for every column when none is missing);
    one query counts the rows and each column's values."""
    from cormorant.columnwise import _with_columns
    from cormorant.summaries import specs_at_once

    counts = specs_at_once(frame._core, [("__rows__", labels[0], "size"),
                                         *((f"__n{i}__", a, "count") for i, a in enumerate(labels))]) if labels else None
    if counts is None or all(counts[f"__n{i}__"] == counts["__rows__"] for i in range(len(labels))):
        ranked = _with_columns(frame[labels], {label: frame[label].rank() for label in labels})
        return _matrix(labels, ranked._core.pairwise("corr", labels))
    values = [[np.nan] * len(labels) for _ in labels]
    for i, a in enumerate(labels):  # (a query each: on Spark one query of every pair's ranks is slower)
        for j in range(i, len(labels)):
            b = labels[j]
            pair = frame[[a, b]] if i < j else frame[[a]]
            both = frame[a].notna() & frame[b].notna()
            ranked = _with_columns(pair, {c: pair[c].where(both) for c in pair._core.columns}).rank()
            value = ranked._core.pairwise("corr", list(pair._core.columns))[1 if i < j else 0]
            values[i][j] = values[j][i] = np.nan if value is None else value
    return pd.DataFrame(values, index=pd.Index(labels), columns=pd.Index(labels), dtype="float64")


def frame_corr(frame, method="pearson", min_periods=1, numeric_only: bool = False):
    """pandas' DataFrame.corr: Pearson's or Spearman's correlation of each pair of columns over
    the rows where both are present; NaN for a pair with fewer than `min_periods` such rows.
    Kendall's tau-b: cormorant.kendall (a self-join, O(n²)). Callables are refused."""
    if method not in ("pearson", "spearman", "kendall"):
        raise exceptions.UnsupportedError(
            f"DataFrame.corr(method={method!r}) is not supported; cormorant computes 'pearson', 'spearman' and "
            "'kendall'")
    labels = _labels(frame, "corr", numeric_only)
    minimum = _min_periods(min_periods, 1)
    if method == "kendall":
        from cormorant import kendall

        return kendall.matrix(frame, labels, minimum)
    out = _spearman(frame, labels) if method == "spearman" else _matrix(labels, frame._core.pairwise("corr", labels))
    if minimum > 1 and labels:
        out = out.mask(_pair_counts(frame, labels) < minimum)
    return out


def with_ddof(matrix, n: int, ddof) -> np.ndarray:
    """Covariances with ddof 1 of `n` complete rows as NumPy's cov(ddof=ddof) gives them: the
    sums of products over n - ddof, itself 0 where it is not positive (inf or NaN, as NumPy)."""
    sums = np.zeros_like(matrix) if n == 1 else matrix * (n - 1)
    fact = float(n - ddof)
    with np.errstate(divide="ignore", invalid="ignore"):
        return sums / (fact if fact > 0 else 0.0)


def frame_cov(frame, min_periods=None, ddof: int = 1, numeric_only: bool = False):
    """pandas' DataFrame.cov: the sample covariance of each pair of columns over the rows where
    both are present; NaN for a pair with fewer than `min_periods` such rows. pandas divides by
    n - ddof only when no value is missing (NumPy's cov of the whole matrix); else by n - 1,
    whatever ddof (one query tells which)."""
    labels = _labels(frame, "cov", numeric_only)
    minimum = _min_periods(min_periods, 1)
    out = _matrix(labels, frame._core.pairwise("cov", labels))
    if ddof is not None and ddof != 1 and labels:
        n = len(frame)
        if not bool(frame[labels].isna().any().any()):
            if min_periods is not None and int(min_periods) > n:
                return out * float("nan")
            return pd.DataFrame(with_ddof(out.to_numpy(), n, ddof), index=out.index, columns=out.columns)
    if minimum > 1 and labels:
        out = out.mask(_pair_counts(frame, labels) < minimum)
    return out
