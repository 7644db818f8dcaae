#include "cormorant/plan/nullability.hpp"

#include "cormorant/plan/expr.hpp"

namespace cormorant::plan {

namespace {

using Ids = std::unordered_set<std::string>;

/// True when every row group of every file counts no nulls in source column `name` (false
/// when a file has no statistics).
bool no_nulls_in_files(const ReadParquetNode& n, const std::string& name) {
  if (n.files().empty()) return false;
  for (const auto& f : n.files()) {
    if (f.row_groups.empty()) return false;
    for (const auto& rg : f.row_groups) {
      auto c = rg.columns.find(name);
      if (c == rg.columns.end() || c->second.null_count != 0) return false;
    }
  }
  return true;
}

/// True when `e`, over a row whose `known` columns are present, is never missing. Only the
/// plain cases: columns, constants, + - * and comparisons of such, coalesce, isin (never missing).
bool present(const Expr& e, const Ids& known) {
  switch (e.kind()) {
    case ExprKind::Column: return known.count(static_cast<const ColumnExpr&>(e).id()) > 0;
    case ExprKind::Literal: return !static_cast<const LiteralExpr&>(e).value().is_na();
    case ExprKind::Member: return true;
    case ExprKind::Coalesce: {
      const auto& c = static_cast<const CoalesceExpr&>(e);
      return present(*c.first(), known) || present(*c.second(), known);
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(e);
      bool plain = b.op() == BinaryOp::Add || b.op() == BinaryOp::Sub || b.op() == BinaryOp::Mul ||
                   (b.op() >= BinaryOp::Eq && b.op() <= BinaryOp::Ge);
      return plain && present(*b.left(), known) && present(*b.right(), known);
    }
    default: return false;
  }
}

/// Adds the columns a filter on `predicate` leaves without missing values: those compared
/// (a missing value compares as <NA>, which drops the row; a NaT is != everything), tested
/// with notna or with isin (values or another relation's, without matching missing values),
/// in any conjunct.
void filtered(const Expr& predicate, Ids& out) {
  std::vector<const Expr*> stack{&predicate};
  auto column = [](const Expr& e) -> const std::string* {
    return e.kind() == ExprKind::Column ? &static_cast<const ColumnExpr&>(e).id() : nullptr;
  };
  while (!stack.empty()) {
    const Expr& e = *stack.back();
    stack.pop_back();
    if (e.kind() == ExprKind::Binary) {
      const auto& b = static_cast<const BinaryExpr&>(e);
      if (b.op() == BinaryOp::And) {
        stack.push_back(b.left().get());
        stack.push_back(b.right().get());
      } else if (b.op() >= BinaryOp::Eq && b.op() <= BinaryOp::Ge &&
                 !(b.op() == BinaryOp::Ne && (holds_nat(b.left()->dtype()) || holds_nat(b.right()->dtype())))) {
        // (a NaT is != everything, so != keeps it)
        for (const Expr* side : {b.left().get(), b.right().get()}) {
          if (const std::string* id = column(*side)) out.insert(*id);
        }
      }
    } else if (e.kind() == ExprKind::Unary) {
      const auto& u = static_cast<const UnaryExpr&>(e);
      if (u.op() == UnaryOp::NotNull) {
        if (const std::string* id = column(*u.operand())) out.insert(*id);
      }
    } else if (e.kind() == ExprKind::Function) {
      // isin of values (params: na_matches first): a missing value is in the list only when it matches
      const auto& f = static_cast<const FunctionExpr&>(e);
      bool isin = f.name() == "isin" || f.name() == "isin_table";
      if (isin && f.args().size() == 1 && !f.params().empty() && f.params()[0] == Value(false)) {
        if (const std::string* id = column(*f.args()[0])) out.insert(*id);
      }
    } else if (e.kind() == ExprKind::Member) {
      const auto& m = static_cast<const MemberExpr&>(e);
      if (!m.na_matches()) {
        if (const std::string* id = column(*m.operand())) out.insert(*id);
      }
    }
  }
}

}  // namespace

NonNullColumns::NonNullColumns(const std::vector<const Node*>& nodes) {
  for (const Node* node : nodes) {
    Ids out;
    auto input = [&](size_t i) -> const Ids& { return columns_.at(node->inputs()[i].get()); };
    switch (node->kind()) {
      case NodeKind::ReadParquet: {
        const auto& n = static_cast<const ReadParquetNode&>(*node);
        out.insert(n.position_column());
        for (const auto& c : n.columns()) {
          if (no_nulls_in_files(n, c.source_name)) out.insert(c.id);
        }
        break;
      }
      case NodeKind::TableScan: {
        const auto& n = static_cast<const TableScanNode&>(*node);
        out.insert(n.rowid_column());
        out.insert(n.never_null().begin(), n.never_null().end());
        break;
      }
      case NodeKind::SqlQuery:
      case NodeKind::Values:
      case NodeKind::Union: break;
      case NodeKind::Project: {
        out = input(0);
        for (const auto& e : static_cast<const ProjectNode&>(*node).exprs()) {
          if (present(*e.expr, input(0))) out.insert(e.id);
        }
        break;
      }
      case NodeKind::Select:
      case NodeKind::Limit:
      case NodeKind::OrderBy:
      case NodeKind::Window: out = input(0); break;
      case NodeKind::Filter:
        out = input(0);
        filtered(*static_cast<const FilterNode&>(*node).predicate(), out);
        break;
      case NodeKind::RowNumber:
        out = input(0);
        out.insert(static_cast<const RowNumberNode&>(*node).id());
        break;
      case NodeKind::Join: {
        const auto& j = static_cast<const JoinNode&>(*node);
        const Ids &left = input(0), &right = input(1);
        if (j.type() == JoinType::Inner || j.type() == JoinType::Left) out.insert(left.begin(), left.end());
        if (j.type() == JoinType::Inner || j.type() == JoinType::Right) out.insert(right.begin(), right.end());
        if (j.type() == JoinType::Inner) {
          // A missing key matches only a missing key: against a never-missing one, neither is.
          for (const auto& [l, r] : j.keys()) {
            if (left.count(l) || right.count(r)) {
              out.insert(l);
              out.insert(r);
            }
          }
        }
        break;
      }
      case NodeKind::Aggregate: {
        const auto& a = static_cast<const AggregateNode&>(*node);
        for (const auto& k : a.group_keys()) {
          if (input(0).count(k)) out.insert(k);
        }
        for (const auto& agg : a.aggs()) {
          if (agg.func == AggFunc::Count || agg.func == AggFunc::CountAll || agg.func == AggFunc::NUnique) {
            out.insert(agg.id);
          }
        }
        break;
      }
    }
    columns_.emplace(node, std::move(out));
  }
}

bool NonNullColumns::never_null(const Node& node, const std::string& id) const {
  auto it = columns_.find(&node);
  return it != columns_.end() && it->second.count(id) > 0;
}

}  // namespace cormorant::plan
