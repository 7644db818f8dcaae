#pragma once
/// pandas' exponentially weighted windows (Series.ewm) as engine aggregates, registered on every
/// connection and used as running windows (OVER (... ROWS UNBOUNDED PRECEDING)):
///   cormorant_ewm_mean(x, com, adjust, ignore_na, min_periods) -> DOUBLE
///   cormorant_ewm_sum (x, com, adjust, ignore_na, min_periods) -> DOUBLE  (adjust only)
///   cormorant_ewm_var (x, com, adjust, ignore_na, min_periods) -> DOUBLE  (adjust only; bias=False)
///   cormorant_ewm_std (x, com, adjust, ignore_na, min_periods) -> DOUBLE  (its square root)
/// x DOUBLE (NULL: a missing value, which counts as a step unless ignore_na), com DOUBLE >= 0
/// (alpha = 1 / (1 + com), as pandas' kernel computes it), adjust and ignore_na BOOLEAN,
/// min_periods BIGINT (>= 1; NULL under that many values). Without adjust, pandas 3 weighs a
/// value after a gap of k steps by alpha against (1 - alpha)**k for the value so far, except
/// when com is 1, where it weighs it 1 - (1 - alpha)**k (its kernel's rule for irregular times).
///
/// A state describes a run of consecutive rows exactly (no powers of 1/(1 - alpha), so nothing
/// overflows on long series): with adjust, the weighted mean, the sum of the weights (relative to
/// the run's last value, weighted 1), the sum of their pairwise products and the weighted sum of
/// squared deviations; without adjust, the run as an affine map of the value coming into it. Two
/// runs combine in order (the engine's window segment tree combines an order-dependent
/// aggregate's states left to right, the earlier run as the target), so the result on each row is
/// pandas' recursion up to rounding: the mean to a few ulps; the variance's bias correction
/// (sum w)**2 / ((sum w)**2 - sum w**2) from the pairwise products, without pandas' cancellation.
#include <duckdb.h>

namespace cormorant::engine_detail {

/// Registers the functions on `conn`; throws ExecutionError when the engine refuses one.
void register_ewm_aggregates(duckdb_connection conn);

}  // namespace cormorant::engine_detail
