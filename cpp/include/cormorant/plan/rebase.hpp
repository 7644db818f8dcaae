#pragma once
/// Row-preserving rebasing: a Project keeps its input's rows one for one, so expressions over
/// a chain of Projects can be rewritten as expressions over the chain's input. This is how
/// columns of objects derived from the same relation combine without a join.
#include <optional>
#include <vector>

#include "cormorant/plan/node.hpp"

namespace cormorant::plan {

/// Expressions, each over its own relation.
struct Bound {
  NodePtr relation;
  ExprPtr expr;
};

/// The same expressions, all over one relation.
struct Rebased {
  NodePtr relation;
  std::vector<ExprPtr> exprs;
};

/// Rewrites every expression over the nearest relation that all the given relations reach
/// through Projects alone; nullopt when there is none (their rows may differ).
std::optional<Rebased> rebase_common(const std::vector<Bound>& inputs);

/// Column references to every column of `relation`, in order.
std::vector<ExprPtr> column_exprs(const NodePtr& relation);

}  // namespace cormorant::plan
