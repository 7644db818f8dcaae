#include "cormorant/rewrite/align.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/window.hpp"

namespace cormorant::rewrite {

using plan::ExprPtr;
using plan::NodeKind;
using plan::NodePtr;

namespace {

/// Window functions and row numbers append columns to each row of their input, like a projection.
bool appends_columns(NodeKind k) { return k == NodeKind::Window || k == NodeKind::RowNumber; }

bool row_preserving(NodeKind k) {
  return k == NodeKind::Project || k == NodeKind::Filter || k == NodeKind::Select || k == NodeKind::OrderBy ||
         appends_columns(k);
}

/// `relation`, then its input while it keeps rows (possibly fewer), and so on.
std::vector<NodePtr> chain_of(NodePtr relation) {
  std::vector<NodePtr> chain{relation};
  while (row_preserving(chain.back()->kind())) chain.push_back(chain.back()->inputs()[0]);
  return chain;
}

/// Rewrites `e`, over `project`'s output, over its input.
ExprPtr through_project(const ExprPtr& e, const plan::ProjectNode& project) {
  return plan::replace_columns(e, [&](const plan::ColumnExpr& c) -> ExprPtr {
    for (const auto& ne : project.exprs()) {
      if (ne.id == c.id()) return ne.expr;
    }
    return plan::make_column(c.id(), c.dtype());
  });
}

/// `node` (a projection, window or row numbering) computed over `input` instead of its own input.
NodePtr replayed(const NodePtr& node, NodePtr input) {
  switch (node->kind()) {
    case NodeKind::Project:
      return std::make_shared<plan::ProjectNode>(std::move(input), static_cast<const plan::ProjectNode&>(*node).exprs());
    case NodeKind::Window:
      return std::make_shared<plan::WindowNode>(std::move(input), static_cast<const plan::WindowNode&>(*node).calls());
    case NodeKind::RowNumber: {
      const auto& rn = static_cast<const plan::RowNumberNode&>(*node);
      return std::make_shared<plan::RowNumberNode>(std::move(input), rn.id(), rn.partition());
    }
    default:
      throw InternalError("internal error: only projections, windows and row numbers are replayed");
  }
}

/// The base of a row join, extended with the window functions and row numbers the parts
/// computed over all of its rows in its order (a part's column `shift(v)` is then a column of
/// the base, as pandas sees `df.v.shift()` as the same rows as `df`). Each such node is computed
/// again over the base, together with the projections below it; nodes shared by parts once.
/// nullopt when a part computes one over rows or an order that are not the base's (after a
/// filter or a sort): then there is no row join.
std::optional<NodePtr> with_row_columns(const NodePtr& base, const std::vector<std::vector<NodePtr>>& chains) {
  std::vector<NodePtr> replay;  // bottom-up, no duplicates
  for (const auto& chain : chains) {
    auto at = std::find(chain.begin(), chain.end(), base);
    // The highest node appending columns, and everything between it and the base.
    auto top = std::find_if(chain.begin(), at, [](const NodePtr& n) { return appends_columns(n->kind()); });
    for (auto it = top; it != at; ++it) {
      NodeKind k = (*it)->kind();
      if (k == NodeKind::Filter || k == NodeKind::OrderBy) return std::nullopt;
    }
    for (auto it = std::make_reverse_iterator(at); it != std::make_reverse_iterator(top); ++it) {
      if ((*it)->kind() == NodeKind::Select) continue;  // keeps a subset of the same columns
      if (std::find(replay.begin(), replay.end(), *it) == replay.end()) replay.push_back(*it);
    }
  }
  NodePtr out = base;
  for (const auto& node : replay) {
    // A node already replayed under another (a part that is itself a row join's result) adds
    // nothing: the columns a node appends are its own, so their ids tell.
    const auto& input = node->inputs()[0];
    bool present = std::all_of(node->schema().begin(), node->schema().end(), [&](const auto& c) {
      return input->has_column(c.name) || out->has_column(c.name);
    });
    if (!present) out = node->inputs()[0] == out ? node : replayed(node, out);
  }
  return out;
}

}  // namespace

ExprPtr and_conditions(const ExprPtr& a, const ExprPtr& b) {
  if (!a) return b;
  if (!b || a == b) return a;
  return plan::make_binary(plan::BinaryOp::And, a, b);
}

ExprPtr or_conditions(const ExprPtr& a, const ExprPtr& b) {
  if (!a || !b) return nullptr;
  if (a == b) return a;
  return plan::make_binary(plan::BinaryOp::Or, a, b);
}

bool same_expr(const ExprPtr& a, const ExprPtr& b) {
  if (a == b) return true;
  if (!a || !b || a->kind() != b->kind() || a->dtype() != b->dtype()) return false;
  switch (a->kind()) {
    case plan::ExprKind::Column:
      return static_cast<const plan::ColumnExpr&>(*a).id() == static_cast<const plan::ColumnExpr&>(*b).id();
    case plan::ExprKind::Literal:
      return static_cast<const plan::LiteralExpr&>(*a).value() == static_cast<const plan::LiteralExpr&>(*b).value();
    case plan::ExprKind::Unary: {
      const auto &x = static_cast<const plan::UnaryExpr&>(*a), &y = static_cast<const plan::UnaryExpr&>(*b);
      return x.op() == y.op() && same_expr(x.operand(), y.operand());
    }
    case plan::ExprKind::Binary: {
      const auto &x = static_cast<const plan::BinaryExpr&>(*a), &y = static_cast<const plan::BinaryExpr&>(*b);
      return x.op() == y.op() && same_expr(x.left(), y.left()) && same_expr(x.right(), y.right());
    }
    case plan::ExprKind::Cast:
      return same_expr(static_cast<const plan::CastExpr&>(*a).operand(), static_cast<const plan::CastExpr&>(*b).operand());
    case plan::ExprKind::Conditional: {
      const auto &x = static_cast<const plan::ConditionalExpr&>(*a), &y = static_cast<const plan::ConditionalExpr&>(*b);
      return same_expr(x.condition(), y.condition()) && same_expr(x.then(), y.then()) &&
             same_expr(x.otherwise(), y.otherwise());
    }
    case plan::ExprKind::Coalesce: {
      const auto &x = static_cast<const plan::CoalesceExpr&>(*a), &y = static_cast<const plan::CoalesceExpr&>(*b);
      return same_expr(x.first(), y.first()) && same_expr(x.second(), y.second());
    }
    case plan::ExprKind::Function: {
      const auto &x = static_cast<const plan::FunctionExpr&>(*a), &y = static_cast<const plan::FunctionExpr&>(*b);
      if (x.name() != y.name() || x.params() != y.params() || x.args().size() != y.args().size()) return false;
      for (size_t i = 0; i < x.args().size(); ++i) {
        if (!same_expr(x.args()[i], y.args()[i])) return false;
      }
      return true;
    }
    case plan::ExprKind::Member: {
      const auto &x = static_cast<const plan::MemberExpr&>(*a), &y = static_cast<const plan::MemberExpr&>(*b);
      return x.relation() == y.relation() && x.column() == y.column() && x.na_matches() == y.na_matches() &&
             x.match_values() == y.match_values() && same_expr(x.operand(), y.operand());
    }
    case plan::ExprKind::Scalar: {
      const auto &x = static_cast<const plan::ScalarExpr&>(*a), &y = static_cast<const plan::ScalarExpr&>(*b);
      return x.relation() == y.relation() && x.column() == y.column();
    }
    case plan::ExprKind::Hash: {
      const auto &x = static_cast<const plan::HashExpr&>(*a), &y = static_cast<const plan::HashExpr&>(*b);
      if (x.seed() != y.seed() || x.args().size() != y.args().size()) return false;
      for (size_t i = 0; i < x.args().size(); ++i) {
        if (!same_expr(x.args()[i], y.args()[i])) return false;
      }
      return true;
    }
  }
  return false;
}

std::optional<RowJoin> row_join(const std::vector<Part>& parts) {
  CORMORANT_CHECK(!parts.empty(), "row_join needs parts");
  std::vector<std::vector<NodePtr>> chains;
  for (const auto& p : parts) chains.push_back(chain_of(p.relation));
  NodePtr base;
  for (const auto& candidate : chains[0]) {
    bool everywhere = std::all_of(chains.begin() + 1, chains.end(), [&](const auto& chain) {
      return std::find(chain.begin(), chain.end(), candidate) != chain.end();
    });
    if (everywhere) {
      base = candidate;
      break;
    }
  }
  if (!base) return std::nullopt;
  auto extended = with_row_columns(base, chains);
  if (!extended) return std::nullopt;
  RowJoin out{*extended, {}, {}, {}};
  for (size_t i = 0; i < parts.size(); ++i) {
    // The part's expressions, then its ordering keys: both are rewritten over the base.
    std::vector<ExprPtr> exprs = parts[i].exprs;
    const auto& keys = parts[i].relation->ordering().keys;
    for (const auto& k : keys) exprs.push_back(plan::make_column(k.column, parts[i].relation->dtype_of(k.column)));
    ExprPtr condition;
    for (const auto& node : chains[i]) {
      if (node == base) break;
      if (node->kind() == NodeKind::Project) {
        const auto& project = static_cast<const plan::ProjectNode&>(*node);
        for (auto& e : exprs) e = through_project(e, project);
        if (condition) condition = through_project(condition, project);
      } else if (node->kind() == NodeKind::Filter) {
        condition = and_conditions(condition, static_cast<const plan::FilterNode&>(*node).predicate());
      }
    }
    out.orders.push_back({std::vector<ExprPtr>(exprs.end() - keys.size(), exprs.end()), keys});
    exprs.resize(exprs.size() - keys.size());
    out.exprs.push_back(std::move(exprs));
    out.conditions.push_back(std::move(condition));
  }
  return out;
}

bool same_order(const RowOrder& a, const RowOrder& b) {
  if (a.exprs.size() != b.exprs.size()) return false;
  for (size_t i = 0; i < a.exprs.size(); ++i) {
    if (!same_expr(a.exprs[i], b.exprs[i]) || a.flags[i].ascending != b.flags[i].ascending ||
        a.flags[i].nulls_last != b.flags[i].nulls_last) {
      return false;
    }
  }
  return true;
}

NodePtr ordered_by(const NodePtr& relation, const RowOrder& order) {
  const auto& own = relation->ordering().keys;
  bool already = own.size() == order.exprs.size();
  for (size_t i = 0; already && i < own.size(); ++i) {
    const auto& e = order.exprs[i];
    already = e->kind() == plan::ExprKind::Column && static_cast<const plan::ColumnExpr&>(*e).id() == own[i].column &&
              own[i].ascending == order.flags[i].ascending && own[i].nulls_last == order.flags[i].nulls_last;
  }
  if (already) return relation;
  auto [rel, ids] = plan::materialize(relation, order.exprs);
  std::vector<plan::OrderingKey> keys;
  for (size_t i = 0; i < ids.size(); ++i) keys.push_back({ids[i], order.flags[i].ascending, order.flags[i].nulls_last});
  return std::make_shared<plan::OrderByNode>(rel, keys);
}

}  // namespace cormorant::rewrite
