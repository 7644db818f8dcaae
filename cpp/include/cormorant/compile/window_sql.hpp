#pragma once
/// How a window call (plan/window.hpp) is written in SQL.
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/window.hpp"

namespace cormorant::compile {

/// A rolling window's per-row bounds (WindowCall::start_column, end_column), lowered; null
/// for every other window.
struct WindowBounds {
  SqlExprPtr start, end;
  SqlExprPtr order;  ///< WindowCall::order_column, lowered (null: none)
};

/// The SQL of `call`, given its argument already lowered (null for CumCount), its partition
/// columns, the input's ordering keys and its bounds.
SqlExprPtr window_sql(const plan::WindowCall& call, const SqlExprPtr& arg, const std::vector<SqlExprPtr>& partition,
                      const std::vector<SqlOrderKey>& order, const WindowBounds& bounds = {});

}  // namespace cormorant::compile
