#pragma once
/// How an aggregate (plan/node.hpp, Aggregation) is written in SQL, with pandas' semantics.
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::compile {

/// The SQL of `a`, given its arguments already lowered (`x` null for CountAll, `x2` null but
/// for Corr and Cov) and, for First and Last, the input's ordering keys.
SqlExprPtr aggregate_sql(const plan::Aggregation& a, SqlExprPtr x, SqlExprPtr x2, std::vector<SqlOrderKey> order);

}  // namespace cormorant::compile
