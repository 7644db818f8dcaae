#pragma once
/// How an aggregate (plan/node.hpp, Aggregation) is written in SQL, with pandas' semantics.
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::compile {

/// The engine's exact aggregate computing `f` over values of `in` whatever the order of the rows
/// (engine/exact_aggregates.hpp: float sum and mean (the sum, then divided by the count), std,
/// var, corr, cov), or null where there is none.
const char* exact_aggregate(plan::AggFunc f, DType in);

/// Whether `a` can give different bits when its rows are added in another order (float
/// aggregates the engine computes in doubles without an exact aggregate: skew, kurt, a float
/// product); such a query runs on one thread.
bool order_sensitive(const plan::Aggregation& a);

/// A number of 1e-9 units (an exact integer of at most 38 digits) as decimal128(38, 9), built
/// from its text rather than as a product: Spark's DECIMAL(38, 0) * 0.000000001 keeps only 6
/// decimals (its precision-loss rule). The decimal sums and means here and round() use it.
SqlExprPtr decimal_of_units(const SqlExprPtr& units);

/// The 1e-9 units of the fraction of a decimal128(38, 9) value (0 to 999999999 with the value's
/// sign, BIGINT), read from its text, which has all 9 decimals on both engines (Spark's trunc
/// is a double's: a decimal past 2**52 kept its fraction, and the CASE made every value a double).
SqlExprPtr decimal_fraction_units(const SqlExprPtr& x);

/// The SQL of `a`, given its arguments already lowered (`x` null for CountAll, `x2` null but
/// for Corr and Cov) and, for First and Last, the input's ordering keys.
SqlExprPtr aggregate_sql(const plan::Aggregation& a, SqlExprPtr x, SqlExprPtr x2, std::vector<SqlOrderKey> order);

/// The SQL of `a` (Prod, NUnique, Any, All, First or Last; Sum and Mean of integers, exact) over
/// each whole partition, on each of its rows (groupby transform): aggregate_sql's own
/// expression, its aggregates made windows.
SqlExprPtr aggregate_over_partition(const plan::Aggregation& a, SqlExprPtr x, std::vector<SqlExprPtr> partition,
                                    std::vector<SqlOrderKey> order);

}  // namespace cormorant::compile
