"""The number of histogram bins NumPy's named rules give ("auto", "fd", "doane", "scott", "rice",
"sturges", "sqrt"), from statistics of the values computed in the engine (their count, minimum,
maximum, mean, standard deviation and skewness in one query; the quartiles, for "fd" and "auto",
in another), by NumPy's own formulas (numpy.lib._histograms_impl), so a histogram of any number
of rows gets NumPy's edges without reading the values. "stone" (a cross-validation over the
values) is refused."""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import exceptions

RULES = ("auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt")


def rule_bins(series, rule: str, range_=None) -> int:
    """How many equal bins NumPy's `rule` gives the values of the cormorant Series `series`
    (as np.histogram_bin_edges(values, rule, range_) does: the values outside `range_` left out,
    an integer column's bins at least 1 wide)."""
    if rule not in RULES:
        raise exceptions.InvalidArgumentError(f"{rule!r} is not a valid estimator for `bins`")
    if rule == "stone":
        raise exceptions.UnsupportedError(
            "bins='stone' is not supported: NumPy's rule cross-validates over every value; pass another rule "
            "('auto', 'fd', 'doane', 'scott', 'rice', 'sturges', 'sqrt'), a number of bins or the edges")
    integer = str(series._core.dtype).startswith(("Int", "UInt"))
    values = series
    if range_ is not None:
        first, last = (float(v) for v in range_)
        if first > last:
            raise exceptions.InvalidArgumentError("max must be larger than min in range parameter.")
        values = series[(series >= first) & (series <= last)]
    stats = values.to_frame("v").agg(["count", "min", "max", "mean", "std", "skew"])["v"]
    n = int(stats["count"])
    if n == 0:
        return 1
    lo, hi = stats["min"], stats["max"]
    if range_ is None:
        first, last = lo, hi
    if first == last:
        first, last = first - 0.5, last + 0.5
    ptp = hi - lo
    width = _width(rule, values, n, ptp, stats)
    if not width:
        return 1
    if integer and width < 1:
        width = 1
    return int(np.ceil((last - first) / width))


def _width(rule: str, values, n: int, ptp, stats) -> float:
    """NumPy's bin width of `rule` (_hist_bin_<rule>) from the statistics."""
    if rule == "sqrt":
        return ptp / np.sqrt(n)
    if rule == "sturges":
        return ptp / (np.log2(n) + 1.0)
    if rule == "rice":
        return ptp / (2.0 * n ** (1.0 / 3))
    # NumPy's std divides by n; the engine's std (ddof=1) by n - 1
    sigma = 0.0 if n < 2 or pd.isna(stats["std"]) else float(stats["std"]) * np.sqrt((n - 1) / n)
    if rule == "scott":
        return (24.0 * np.pi ** 0.5 / n) ** (1.0 / 3.0) * sigma
    if rule == "doane":
        if n > 2 and sigma > 0.0:
            sg1 = np.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)))
            g1 = float(stats["skew"]) * (n - 2) / np.sqrt(n * (n - 1))  # the sample skewness as NumPy's mean of z**3
            return ptp / (1.0 + np.log2(n) + np.log2(1.0 + np.absolute(g1) / sg1))
        return 0.0
    quartiles = values.quantile([0.75, 0.25])
    quartiles = quartiles.to_pandas() if hasattr(quartiles, "to_pandas") else quartiles
    fd = 2.0 * float(quartiles.iloc[0] - quartiles.iloc[1]) * n ** (-1.0 / 3.0)
    if rule == "fd":
        return fd
    sturges = ptp / (np.log2(n) + 1.0)  # "auto"
    return min(fd, sturges) if fd else sturges
