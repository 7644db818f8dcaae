#include "cormorant/rewrite/order.hpp"

#include <algorithm>
#include <unordered_map>

#include "cormorant/plan/expr.hpp"
#include "bottom_up.hpp"

namespace cormorant::rewrite {

using plan::NodeKind;
using plan::NodePtr;

namespace {

/// True when `e` reads column `id`.
bool reads(const plan::ExprPtr& e, const std::string& id) {
  std::vector<std::string> refs;
  plan::referenced_columns(e, refs);
  return std::find(refs.begin(), refs.end(), id) != refs.end();
}

/// A limit over a numbering (ROW_NUMBER over the whole input in its order) numbers rows it
/// then drops: `Limit(n, k)` of `RowNumber(x)` is `RowNumber(Limit(n, k) of x)` plus k. The
/// projections and selections between them go back on top when they do not read the numbers.
NodePtr limit_first(const plan::LimitNode& limit) {
  std::vector<NodePtr> between;  // top first
  NodePtr n = limit.inputs()[0];
  while (n->kind() == NodeKind::Project || n->kind() == NodeKind::Select) {
    between.push_back(n);
    n = n->inputs()[0];
  }
  if (n->kind() != NodeKind::RowNumber) return nullptr;
  const auto& numbered = static_cast<const plan::RowNumberNode&>(*n);
  if (!numbered.partition().empty()) return nullptr;
  for (const auto& b : between) {
    if (b->kind() != NodeKind::Project) continue;
    for (const auto& e : static_cast<const plan::ProjectNode&>(*b).exprs()) {
      if (reads(e.expr, numbered.id())) return nullptr;
    }
  }
  NodePtr out = std::make_shared<plan::LimitNode>(numbered.inputs()[0], limit.limit(), limit.offset());
  if (limit.offset() == 0) {
    out = std::make_shared<plan::RowNumberNode>(out, numbered.id());
  } else {
    std::string local = plan::new_column_id();
    out = std::make_shared<plan::RowNumberNode>(out, local);
    auto position = plan::make_binary(plan::BinaryOp::Add, plan::make_column(local, DType::Int64),
                                      plan::make_literal(limit.offset(), DType::Int64));
    out = std::make_shared<plan::ProjectNode>(out, std::vector<plan::NamedExpr>{{numbered.id(), position}});
  }
  for (auto it = between.rbegin(); it != between.rend(); ++it) out = plan::with_inputs(*it, {out});
  return out;
}

}  // namespace

NodePtr resolve_order(const NodePtr& root) {
  return detail::bottom_up(root, [](const NodePtr&, NodePtr out) {
    if (out->kind() == NodeKind::Limit) {
      if (NodePtr moved = limit_first(static_cast<const plan::LimitNode&>(*out))) return moved;
    }
    return out;
  });
}

}  // namespace cormorant::rewrite
