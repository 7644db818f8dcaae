#pragma once
/// How a window call (plan/window.hpp) is written in SQL.
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/window.hpp"

namespace cormorant::compile {

/// The SQL of `call`, given its argument already lowered (null for CumCount), its partition
/// columns and the input's ordering keys.
SqlExprPtr window_sql(const plan::WindowCall& call, const SqlExprPtr& arg, const std::vector<SqlExprPtr>& partition,
                      const std::vector<SqlOrderKey>& order);

}  // namespace cormorant::compile
