#include "cormorant/rewrite/semijoin.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cormorant/plan/expr.hpp"
#include "cormorant/plan/nullability.hpp"
#include "bottom_up.hpp"

namespace cormorant::rewrite {

using plan::NodeKind;
using plan::NodePtr;

namespace {

using NodeSet = std::unordered_set<const plan::Node*>;

/// The filters of `n`'s plan (through every input, isin relations included).
NodeSet filters_under(const plan::Node* n) {
  NodeSet seen, out;
  std::vector<const plan::Node*> stack{n};
  while (!stack.empty()) {
    const plan::Node* x = stack.back();
    stack.pop_back();
    if (!seen.insert(x).second) continue;
    if (x->kind() == NodeKind::Filter) out.insert(x);
    for (const auto& in : x->inputs()) stack.push_back(in.get());
  }
  return out;
}

/// True when column `id` is a column of `side` or read by a node of `path` (in an expression
/// or as an order key).
bool reads(const NodePtr& side, const std::vector<NodePtr>& path, const std::string& id) {
  if (side->has_column(id)) return true;
  std::vector<std::string> cols;
  for (const auto& n : path) {
    for (const auto& k : n->ordering().keys) cols.push_back(k.column);
    if (n->kind() == NodeKind::Filter) plan::referenced_columns(static_cast<const plan::FilterNode&>(*n).predicate(), cols);
    if (n->kind() == NodeKind::Project) {
      for (const auto& e : static_cast<const plan::ProjectNode&>(*n).exprs()) plan::referenced_columns(e.expr, cols);
    }
  }
  return std::find(cols.begin(), cols.end(), id) != cols.end();
}

/// An aggregate under one side of a merge: the nodes between (top first) and the group key
/// the side's key column is.
struct Reached {
  std::vector<NodePtr> path;
  NodePtr aggregate;
  std::string group_key;
};

/// `side` through filters, column selections, renames, order declarations and numberings that
/// nothing above reads, down to an aggregate of which column `id` of `side` is a group key;
/// nullopt when there is none.
std::optional<Reached> reach_aggregate(const NodePtr& side, std::string id) {
  Reached r;
  NodePtr n = side;
  while (n->kind() != NodeKind::Aggregate) {
    switch (n->kind()) {
      case NodeKind::Filter:
      case NodeKind::Select:
      case NodeKind::OrderBy: break;
      case NodeKind::RowNumber:  // positions of fewer rows differ: only when nothing above reads them
        if (reads(side, r.path, static_cast<const plan::RowNumberNode&>(*n).id())) return std::nullopt;
        break;
      case NodeKind::Project:
        for (const auto& e : static_cast<const plan::ProjectNode&>(*n).exprs()) {
          if (e.id != id) continue;
          if (e.expr->kind() != plan::ExprKind::Column) return std::nullopt;
          id = static_cast<const plan::ColumnExpr&>(*e.expr).id();
        }
        break;
      default: return std::nullopt;
    }
    r.path.push_back(n);
    n = n->inputs()[0];
  }
  const auto& keys = static_cast<const plan::AggregateNode&>(*n).group_keys();
  if (std::find(keys.begin(), keys.end(), id) == keys.end()) return std::nullopt;
  r.aggregate = n;
  r.group_key = id;
  return r;
}

class Reducer {
 public:
  explicit Reducer(const NodePtr& root) : non_null_(plan::post_order(root)) {}

  NodePtr run(const NodePtr& root) {
    return detail::bottom_up(root, [this](const NodePtr& node, NodePtr out) {
      return out->kind() == NodeKind::Join ? reduce(node, out) : out;
    });
  }

 private:
  /// `join` (rebuilt over new inputs from `original`) with the aggregate of a side reduced.
  NodePtr reduce(const NodePtr& original, const NodePtr& join) {
    const auto& j = static_cast<const plan::JoinNode&>(*join);
    std::vector<NodePtr> sides{join->inputs()[0], join->inputs()[1]};
    bool changed = false;
    for (size_t s = 0; s < 2; ++s) {
      // The side a merge keeps whole (a left merge's left) keeps groups nothing meets.
      bool kept = j.type() == plan::JoinType::Outer || (j.type() == plan::JoinType::Left && s == 0) ||
                  (j.type() == plan::JoinType::Right && s == 1);
      if (kept) continue;
      const NodePtr& other = sides[1 - s];
      for (const auto& key : j.keys()) {
        const std::string& mine = s == 0 ? key.first : key.second;
        const std::string& theirs = s == 0 ? key.second : key.first;
        auto reached = reach_aggregate(sides[s], mine);
        if (!reached) continue;
        const NodePtr& input = reached->aggregate->inputs()[0];
        if (input->dtype_of(reached->group_key) != other->dtype_of(theirs) || !more_filtered(*other, *input)) break;
        // Missing keys match each other in a merge; the isin says so unless one side has none.
        bool na = !(never_null(*original->inputs()[s], mine) || never_null(*original->inputs()[1 - s], theirs));
        auto member = std::make_shared<plan::MemberExpr>(plan::make_column(reached->group_key, input->dtype_of(reached->group_key)),
                                                         other, theirs, na);
        NodePtr out = plan::with_inputs(reached->aggregate, {std::make_shared<plan::FilterNode>(input, member)});
        for (auto it = reached->path.rbegin(); it != reached->path.rend(); ++it) out = plan::with_inputs(*it, {out});
        sides[s] = out;
        changed = true;
        break;
      }
    }
    return changed ? plan::with_inputs(join, std::move(sides)) : join;
  }

  /// True when `other` is filtered by a filter `input` is not (so it likely holds fewer keys).
  static bool more_filtered(const plan::Node& other, const plan::Node& input) {
    NodeSet theirs = filters_under(&other), mine = filters_under(&input);
    for (const auto* f : theirs) {
      if (!mine.count(f)) return true;
    }
    return false;
  }

  bool never_null(const plan::Node& node, const std::string& id) const { return non_null_.never_null(node, id); }

  plan::NonNullColumns non_null_;
};

}  // namespace

NodePtr reduce_merged_aggregates(const NodePtr& root) { return Reducer(root).run(root); }

namespace {

/// True for `~x.isin(s)` of a column x and a relation's column, missing values not matching:
/// a conjunct the compiler writes as an anti-join (compile's anti_join_sql).
bool anti_joinable(const plan::ExprPtr& e) {
  if (e->kind() != plan::ExprKind::Unary) return false;
  const auto& u = static_cast<const plan::UnaryExpr&>(*e);
  if (u.op() != plan::UnaryOp::Not || u.operand()->kind() != plan::ExprKind::Member) return false;
  const auto& m = static_cast<const plan::MemberExpr&>(*u.operand());
  return m.match_values() && !m.na_matches() && m.operand()->kind() == plan::ExprKind::Column;
}

}  // namespace

NodePtr split_member_filters(const NodePtr& root) {
  return detail::bottom_up(root, [](const NodePtr&, NodePtr out) -> NodePtr {
    if (out->kind() != NodeKind::Filter) return out;
    std::vector<plan::ExprPtr> members, rest, stack{static_cast<const plan::FilterNode&>(*out).predicate()};
    while (!stack.empty()) {
      plan::ExprPtr e = stack.back();
      stack.pop_back();
      if (e->kind() == plan::ExprKind::Binary && e->dtype() == DType::Boolean &&
          static_cast<const plan::BinaryExpr&>(*e).op() == plan::BinaryOp::And) {
        stack.push_back(static_cast<const plan::BinaryExpr&>(*e).right());
        stack.push_back(static_cast<const plan::BinaryExpr&>(*e).left());
        continue;
      }
      (anti_joinable(e) ? members : rest).push_back(std::move(e));
    }
    if (members.empty() || rest.empty()) return out;
    auto kept = std::make_shared<plan::FilterNode>(out->inputs()[0], plan::make_balanced(plan::BinaryOp::And, std::move(rest)));
    return std::make_shared<plan::FilterNode>(kept, plan::make_balanced(plan::BinaryOp::And, std::move(members)));
  });
}

}  // namespace cormorant::rewrite
