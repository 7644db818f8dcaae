"""Kendall's tau-b, as pandas' corr(method="kendall") computes it with SciPy's kendalltau: over
the rows where both columns are present, the values as floats (pandas' to_numpy(dtype=float)).

The engine joins the rows with themselves (a cross join: n² pairs of rows, one query for every
pair of columns at once) and sums, for each pair of columns (a, b), sign(a_i - a_j) *
sign(b_i - b_j) over the ordered pairs of rows (i, j) where both have both values (twice
concordant minus discordant: i = j adds 0), and the pairs tied in a (or b) among those (twice
the ties, plus the n rows paired with themselves). These are exact integers; tau is then SciPy's
own expression of them, so the bits are SciPy's: (P - Q) / sqrt(n0 - ties of a) / sqrt(n0 -
ties of b), NaN when every pair ties in either, within [-1, 1]."""

from __future__ import annotations

from cormorant._lazy import np, pd


def _tau(p_minus_q: int, n: int, ties_a: int, ties_b: int) -> float:
    """SciPy's kendalltau statistic (variant 'b') from its integers."""
    total = n * (n - 1) // 2
    if n < 2 or ties_a == total or ties_b == total:
        return float("nan")
    tau = p_minus_q / np.sqrt(total - ties_a) / np.sqrt(total - ties_b)
    return float(np.minimum(1.0, max(-1.0, tau)))


def _crossed(frame, labels: list):
    """The frame's `labels` as Float64 columns l<i>, joined with every row of itself (r<i>)."""
    left = frame[labels].astype("Float64")
    left.columns = [f"l{i}" for i in range(len(labels))]
    right = left.copy()
    right.columns = [f"r{i}" for i in range(len(labels))]
    return left.merge(right, how="cross")


def matrix(frame, labels: list, min_periods: int, diagonal: bool = True) -> pd.DataFrame:
    """pandas' DataFrame.corr(method="kendall") of the columns `labels`: NaN for a pair with
    fewer than `min_periods` rows where both are present, else 1 on the diagonal (pandas does
    not compute it) and tau elsewhere. Two queries: the pair counts, then the sums."""
    from cormorant.columnwise import _with_columns
    from cormorant.correlation import _pair_counts

    k = len(labels)
    counts = _pair_counts(frame, labels) if k else np.zeros((0, 0))
    out = np.full((k, k), np.nan)
    pairs = [(a, b) for a in range(k) for b in range(a + 1, k) if counts[a, b] >= max(min_periods, 2)]
    if pairs:
        crossed = _crossed(frame, labels)
        signs = {}
        for i in {i for pair in pairs for i in pair}:
            left, right = crossed[f"l{i}"], crossed[f"r{i}"]
            signs[i] = (left > right).astype("Int64") - (left < right).astype("Int64")
        sums = {}
        for a, b in pairs:
            sums[f"pq_{a}_{b}"] = signs[a] * signs[b]
            sums[f"ta_{a}_{b}"] = ((signs[a] == 0) & signs[b].notna()).astype("Int64")
            sums[f"tb_{a}_{b}"] = ((signs[b] == 0) & signs[a].notna()).astype("Int64")
        totals = _with_columns(crossed[[]], sums).sum()
        for a, b in pairs:
            n = int(counts[a, b])
            out[a, b] = out[b, a] = _tau(int(totals[f"pq_{a}_{b}"]) // 2, n, (int(totals[f"ta_{a}_{b}"]) - n) // 2,
                                         (int(totals[f"tb_{a}_{b}"]) - n) // 2)
    if diagonal:
        for a in range(k):
            if counts[a, a] >= min_periods:
                out[a, a] = 1.0
    return pd.DataFrame(out, index=pd.Index(labels), columns=pd.Index(labels), dtype="float64")


def series_corr(pair, min_periods) -> float:
    """pandas' Series.corr(method="kendall") of the aligned pair frame (columns x and y): NaN
    with fewer than `min_periods` (default 1) rows where both are present, as nanops.nancorr."""
    from cormorant.correlation import _labels, _min_periods

    _labels(pair, "corr", False)  # (numbers and booleans only, as pandas' float conversion)
    return float(matrix(pair, ["x", "y"], _min_periods(min_periods, 1), diagonal=False).iloc[0, 1])
