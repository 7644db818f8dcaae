#pragma once
/// Float aggregates whose results do not depend on the order rows arrive in (common/exact_sum.hpp),
/// registered on every connection, so that a query holding them can run on every thread and
/// still give the same bits every run:
///   cormorant_sum_exact(DOUBLE)  -> DOUBLE  the exact sum rounded once; 0.0 over no values (a
///                                           mean is this sum / count)
///   cormorant_var_exact(DOUBLE)  -> DOUBLE  the sample variance from exact sums; NULL under two values
///   cormorant_std_exact(DOUBLE)  -> DOUBLE  its square root
///   cormorant_cov_exact(DOUBLE, DOUBLE)  -> DOUBLE  the sample covariance; NULL under two pairs
///   cormorant_corr_exact(DOUBLE, DOUBLE) -> DOUBLE  the Pearson correlation; NULL under two pairs
///   cormorant_skew(DOUBLE), cormorant_kurt(DOUBLE) -> DOUBLE  pandas' skew and kurt from central
///                                           moments (stable; NULL under 3 / 4 values, with no
///                                           spread, or where a moment overflows); not exact
/// Missing values (pairs with a missing side) are skipped; NaN and infinities follow pandas (ExactSum).
#include <duckdb.h>

namespace cormorant::engine_detail {

/// Registers the functions on `conn`; throws ExecutionError when the engine refuses one.
void register_exact_aggregates(duckdb_connection conn);

}  // namespace cormorant::engine_detail
