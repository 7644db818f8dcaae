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

/// `keys` without the keys whose column an earlier key already orders by (they never decide).
std::vector<plan::OrderingKey> deciding(const std::vector<plan::OrderingKey>& keys) {
  std::vector<plan::OrderingKey> out;
  for (const auto& k : keys) {
    if (std::none_of(out.begin(), out.end(), [&](const plan::OrderingKey& o) { return o.column == k.column; })) {
      out.push_back(k);
    }
  }
  return out;
}

/// True when ordering by `keys` puts rows in the order `numbered` numbers them (column `id`):
/// the numbers themselves ascending, or all of the numbering's (total) keys first, in its
/// directions; keys after those never decide.
bool same_order(const std::vector<plan::OrderingKey>& keys, const plan::RowNumberNode& numbered) {
  std::vector<plan::OrderingKey> want = deciding(numbered.inputs()[0]->ordering().keys);
  size_t matched = 0;
  for (const auto& k : deciding(keys)) {
    if (matched == want.size()) return true;
    if (k.column == numbered.id()) return k.ascending;
    if (!(k == want[matched])) return false;
    ++matched;
  }
  return matched == want.size();
}

}  // namespace

bool holds_positions(const NodePtr& root, const std::string& id) {
  const plan::RowNumberNode* numbered = nullptr;
  std::vector<const plan::Node*> limits;  // the rows they keep must be the numbering's first
  for (NodePtr n = root; !numbered;) {
    switch (n->kind()) {
      case NodeKind::RowNumber: {
        const auto& rn = static_cast<const plan::RowNumberNode&>(*n);
        if (rn.id() == id) {
          if (!rn.partition().empty()) return false;
          numbered = &rn;
          continue;
        }
        break;
      }
      case NodeKind::Limit:
        if (static_cast<const plan::LimitNode&>(*n).offset() != 0) return false;
        limits.push_back(n.get());
        break;
      case NodeKind::Project:  // rows, and each row's values, as they were
      case NodeKind::Select:
      case NodeKind::OrderBy:  // the same rows: only the final order (checked below) counts
      case NodeKind::Window:
        break;
      default:
        return false;  // a filter, join, union or aggregate: other rows than the numbered ones
    }
    if (n->own_inputs() != 1 || !n->inputs()[0]->has_column(id)) return false;  // defined above the numbering
    n = n->inputs()[0];
  }
  if (root->ordering().empty() || !same_order(root->ordering().keys, *numbered)) return false;
  return std::all_of(limits.begin(), limits.end(), [&](const plan::Node* l) {
    return !l->ordering().empty() && same_order(l->ordering().keys, *numbered);
  });
}

NodePtr resolve_order(const NodePtr& root) {
  return detail::bottom_up(root, [](const NodePtr&, NodePtr out) {
    if (out->kind() == NodeKind::Limit) {
      if (NodePtr moved = limit_first(static_cast<const plan::LimitNode&>(*out))) return moved;
    }
    return out;
  });
}

}  // namespace cormorant::rewrite
