#include "cormorant/rewrite/pushdown.hpp"

#include <map>
#include <optional>
#include <set>

namespace cormorant::rewrite {

namespace {

using plan::ScanCondition;
using plan::ScanOp;
using plan::ScanPredicate;

/// Conditions grow by cross products; beyond this many conjunctions a filter is left out
/// (which only prunes less).
constexpr size_t kMaxConjunctions = 64;
/// An isin() with more values than this prunes nothing (each row group would test them all).
constexpr size_t kMaxInValues = 4096;

const plan::SourceColumn* source_of(const plan::ReadParquetNode& scan, const plan::ExprPtr& e) {
  if (e->kind() != plan::ExprKind::Column) return nullptr;
  const auto& id = static_cast<const plan::ColumnExpr&>(*e).id();
  for (const auto& c : scan.columns()) {
    if (c.id == id && !c.needs_cast) return &c;
  }
  return nullptr;
}

/// The constant of a literal, or of a cast of a literal (a timestamp written as text).
std::optional<Value> constant_of(const plan::ExprPtr& e) {
  if (e->kind() == plan::ExprKind::Literal) return static_cast<const plan::LiteralExpr&>(*e).value();
  if (e->kind() == plan::ExprKind::Cast) return constant_of(static_cast<const plan::CastExpr&>(*e).operand());
  return std::nullopt;
}

std::optional<ScanOp> comparison(plan::BinaryOp op, bool flipped) {
  switch (op) {
    case plan::BinaryOp::Eq: return ScanOp::Eq;
    case plan::BinaryOp::Ne: return ScanOp::Ne;
    case plan::BinaryOp::Lt: return flipped ? ScanOp::Gt : ScanOp::Lt;
    case plan::BinaryOp::Le: return flipped ? ScanOp::Ge : ScanOp::Le;
    case plan::BinaryOp::Gt: return flipped ? ScanOp::Lt : ScanOp::Gt;
    case plan::BinaryOp::Ge: return flipped ? ScanOp::Le : ScanOp::Ge;
    default: return std::nullopt;
  }
}

std::optional<ScanCondition> both(const ScanCondition& a, const ScanCondition& b) {
  if (a.size() * b.size() > kMaxConjunctions) return std::nullopt;
  ScanCondition out;
  for (const auto& x : a) {
    for (const auto& y : b) {
      out.push_back(x);
      out.back().insert(out.back().end(), y.begin(), y.end());
    }
  }
  return out;
}

/// The predicate in DNF; nullopt when some part cannot be checked (then it constrains nothing).
std::optional<ScanCondition> dnf(const plan::ExprPtr& e, const plan::ReadParquetNode& scan) {
  switch (e->kind()) {
    case plan::ExprKind::Binary: {
      const auto& b = static_cast<const plan::BinaryExpr&>(*e);
      if (b.op() == plan::BinaryOp::And) {
        auto l = dnf(b.left(), scan), r = dnf(b.right(), scan);
        if (!l) return r;
        if (!r) return l;
        auto out = both(*l, *r);
        return out ? out : l;
      }
      if (b.op() == plan::BinaryOp::Or) {
        auto l = dnf(b.left(), scan), r = dnf(b.right(), scan);
        if (!l || !r || l->size() + r->size() > kMaxConjunctions) return std::nullopt;
        l->insert(l->end(), r->begin(), r->end());
        return l;
      }
      bool flipped = false;
      const plan::SourceColumn* col = source_of(scan, b.left());
      auto constant = constant_of(b.right());
      if (!col) {
        col = source_of(scan, b.right());
        constant = constant_of(b.left());
        flipped = true;
      }
      auto op = comparison(b.op(), flipped);
      if (!col || !constant || !op) return std::nullopt;
      auto bound = plan::scan_bound(col->dtype, *constant);
      if (!bound) return std::nullopt;
      return ScanCondition{{ScanPredicate{col->source_name, col->dtype, *op, {*bound}}}};
    }
    case plan::ExprKind::Unary: {
      const auto& u = static_cast<const plan::UnaryExpr&>(*e);
      if (u.op() != plan::UnaryOp::IsNull && u.op() != plan::UnaryOp::NotNull) return std::nullopt;
      const plan::SourceColumn* col = source_of(scan, u.operand());
      if (!col) return std::nullopt;
      return ScanCondition{{ScanPredicate{col->source_name, col->dtype,
                                          u.op() == plan::UnaryOp::IsNull ? ScanOp::IsNull : ScanOp::NotNull, {}}}};
    }
    case plan::ExprKind::Function: {
      const auto& f = static_cast<const plan::FunctionExpr&>(*e);
      // isin: params [na_matches, values...]; isin_table: [na_matches, table, values...]
      size_t first = f.name() == "isin" ? 1 : f.name() == "isin_table" ? 2 : 0;
      if (!first || f.params().size() < first || f.args().size() != 1) return std::nullopt;
      if (f.params().size() - first > kMaxInValues) return std::nullopt;
      const plan::SourceColumn* col = source_of(scan, f.args()[0]);
      if (!col || f.params()[0] == Value(true)) return std::nullopt;
      ScanPredicate p{col->source_name, col->dtype, ScanOp::In, {}};
      for (size_t i = first; i < f.params().size(); ++i) {
        if (f.params()[i].is_na()) continue;
        auto bound = plan::scan_bound(col->dtype, f.params()[i]);
        if (!bound) return std::nullopt;
        p.values.push_back(*bound);
      }
      return ScanCondition{{p}};
    }
    default:
      return std::nullopt;
  }
}

/// Walks the plan from the root, carrying the conditions of the filters passed on the way.
class Chooser {
 public:
  void visit(const plan::Node* node, const std::vector<const plan::FilterNode*>& filters) {
    if (filters.empty()) {
      if (!unfiltered_.insert(node).second) return;  // already reached without a filter
    }
    switch (node->kind()) {
      case plan::NodeKind::ReadParquet: {
        const auto* scan = static_cast<const plan::ReadParquetNode*>(node);
        if (!index_.count(scan)) {
          index_[scan] = order_.size();
          order_.push_back(scan);
        }
        std::optional<ScanCondition> cond = ScanCondition{{}};  // always
        for (const auto* f : filters) {
          auto c = dnf(f->predicate(), *scan);
          if (!c) continue;
          auto joined = both(*cond, *c);
          if (joined) cond = joined;
        }
        auto& seen = conditions_[scan];
        if (cond->size() == 1 && cond->front().empty()) {
          everything_.insert(scan);
        } else if (seen.size() + cond->size() <= kMaxConjunctions) {
          seen.insert(seen.end(), cond->begin(), cond->end());
        } else {
          everything_.insert(scan);
        }
        return;
      }
      case plan::NodeKind::Filter: {
        auto more = filters;
        more.push_back(static_cast<const plan::FilterNode*>(node));
        visit(node->inputs()[0].get(), more);
        visit_members(node);
        return;
      }
      case plan::NodeKind::Project:
      case plan::NodeKind::Select:
      case plan::NodeKind::OrderBy:
        visit(node->inputs()[0].get(), filters);
        visit_members(node);
        return;
      default:
        for (const auto& in : node->inputs()) visit(in.get(), {});
    }
  }

  /// The relations a node's isin() tests against: read whole, whatever filters are above.
  void visit_members(const plan::Node* node) {
    for (size_t i = node->own_inputs(); i < node->inputs().size(); ++i) visit(node->inputs()[i].get(), {});
  }

  std::vector<ScanChoice> choices() const {
    std::vector<ScanChoice> out;
    for (const auto* scan : order_) {
      ScanChoice c;
      c.node = scan;
      if (!everything_.count(scan)) c.condition = conditions_.at(scan);
      for (size_t i = 0; i < scan->files().size(); ++i) {
        if (plan::may_match(c.condition, scan->files()[i])) c.files.push_back(i);
      }
      out.push_back(std::move(c));
    }
    return out;
  }

 private:
  std::set<const plan::Node*> unfiltered_;
  std::map<const plan::ReadParquetNode*, size_t> index_;
  std::vector<const plan::ReadParquetNode*> order_;
  std::map<const plan::ReadParquetNode*, ScanCondition> conditions_;
  std::set<const plan::ReadParquetNode*> everything_;
};

}  // namespace

ScanCondition scan_condition(const plan::ExprPtr& predicate, const plan::ReadParquetNode& scan) {
  auto c = dnf(predicate, scan);
  return c ? *c : ScanCondition{};
}

std::vector<ScanChoice> choose_scans(const plan::NodePtr& root) {
  Chooser chooser;
  chooser.visit(root.get(), {});
  return chooser.choices();
}

}  // namespace cormorant::rewrite
