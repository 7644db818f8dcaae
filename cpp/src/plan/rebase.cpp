#include "cormorant/plan/rebase.hpp"

#include <algorithm>
#include <unordered_map>

#include "cormorant/common/error.hpp"

namespace cormorant::plan {

namespace {

/// `relation`, then its input while it is a Project, and so on.
std::vector<NodePtr> projection_chain(NodePtr relation) {
  std::vector<NodePtr> chain{relation};
  while (chain.back()->kind() == NodeKind::Project) chain.push_back(chain.back()->inputs()[0]);
  return chain;
}

/// Substitutes, in `expr` over `project`, each column with its defining expression.
ExprPtr substitute(const ExprPtr& expr, const ProjectNode& project) {
  switch (expr->kind()) {
    case ExprKind::Column: {
      const auto& name = static_cast<const ColumnExpr&>(*expr).name();
      for (const auto& e : project.exprs()) {
        if (e.name == name) return e.expr;
      }
      throw InternalError("internal error: column missing from projection: " + name);
    }
    case ExprKind::Literal: return expr;
    case ExprKind::Unary: {
      const auto& u = static_cast<const UnaryExpr&>(*expr);
      return std::make_shared<UnaryExpr>(u.op(), substitute(u.operand(), project));
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(*expr);
      return std::make_shared<BinaryExpr>(b.op(), substitute(b.left(), project), substitute(b.right(), project));
    }
    case ExprKind::Cast: {
      const auto& c = static_cast<const CastExpr&>(*expr);
      return std::make_shared<CastExpr>(substitute(c.operand(), project), c.dtype());
    }
  }
  throw InternalError("internal error: unknown expression kind");
}

}  // namespace

std::optional<Rebased> rebase_common(const std::vector<Bound>& inputs) {
  CORMORANT_CHECK(!inputs.empty(), "rebase_common needs inputs");
  std::vector<std::vector<NodePtr>> chains;
  for (const auto& in : inputs) chains.push_back(projection_chain(in.relation));
  // The first relation of the first chain that every other chain contains.
  NodePtr common;
  for (const auto& candidate : chains[0]) {
    bool everywhere = std::all_of(chains.begin() + 1, chains.end(), [&](const auto& chain) {
      return std::find(chain.begin(), chain.end(), candidate) != chain.end();
    });
    if (everywhere) {
      common = candidate;
      break;
    }
  }
  if (!common) return std::nullopt;
  Rebased out{common, {}};
  for (size_t i = 0; i < inputs.size(); ++i) {
    ExprPtr e = inputs[i].expr;
    for (const auto& node : chains[i]) {
      if (node == common) break;
      e = substitute(e, static_cast<const ProjectNode&>(*node));
    }
    out.exprs.push_back(std::move(e));
  }
  return out;
}

std::vector<ExprPtr> column_exprs(const NodePtr& relation) {
  std::vector<ExprPtr> out;
  for (const auto& f : relation->schema()) out.push_back(std::make_shared<ColumnExpr>(relation->schema(), f.name));
  return out;
}

}  // namespace cormorant::plan
