#pragma once
/// Order and positions resolved before compiling. The api states orders as keys (OrderBy
/// nodes carry the keys a result is ordered by; merges carry both sides' keys) and numbers
/// rows (RowNumber) where a position or a default index may be observed. This pass moves the
/// numbering to where it costs least without changing any result: rows cut by a limit are
/// numbered after the limit (a head of a large merge numbers its n rows, not the merge). An
/// order that nothing observes costs nothing already: the compiler reads ordering keys only
/// for a limit, a window, first/last and the final ORDER BY, and computes a RowNumber only
/// when its column is read.
#include "cormorant/plan/node.hpp"

namespace cormorant::rewrite {

/// `root` with every limit over a row numbering (through projections and column selections
/// that do not read the numbers) moved below the numbering, which then counts from the
/// limit's offset. Shared subplans stay shared; an unchanged plan is returned as it is.
plan::NodePtr resolve_order(const plan::NodePtr& root);

/// True when column `id` of `root` numbers its rows 0..n-1 in the order `root` puts them in
/// (its ordering): a ROW_NUMBER over all rows in an order the final one repeats, with only
/// projections, sorts, windows and limits from the start above it. A result's default index
/// made so is then a RangeIndex that needs no column (and no window) in the query.
bool holds_positions(const plan::NodePtr& root, const std::string& id);

}  // namespace cormorant::rewrite
