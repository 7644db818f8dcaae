#include "cormorant/compile/join_tree.hpp"

#include <map>
#include <utility>

#include "cormorant/plan/expr.hpp"

namespace cormorant::compile {

namespace {

using plan::NodeKind;

bool inner_join(const plan::Node& n) {
  return n.kind() == NodeKind::Join && static_cast<const plan::JoinNode&>(n).type() == plan::JoinType::Inner;
}

/// A node whose rows are its input's, each with the input's values (plus computed columns:
/// a projection, a numbering, a window; a column selection; an order declaration).
bool passes_rows(const plan::Node& n) {
  switch (n.kind()) {
    case NodeKind::Select:
    case NodeKind::OrderBy:
    case NodeKind::Project:
    case NodeKind::RowNumber:
    case NodeKind::Window: return n.members().empty();
    default: return false;
  }
}

/// True when `n` reaches an inner join through nodes that pass rows.
bool reaches_join(const plan::Node* n) {
  while (passes_rows(*n)) n = n->inputs()[0].get();
  return inner_join(*n);
}

/// Where column `id` of `n` comes from unchanged: the node (through filters, column
/// selections, renames, numberings, windows and order declarations) and its id there.
std::pair<const plan::Node*, std::string> source_of(const plan::Node& n, std::string id) {
  const plan::Node* at = &n;
  for (;;) {
    switch (at->kind()) {
      case NodeKind::Project: {
        bool computed = false;
        for (const auto& e : static_cast<const plan::ProjectNode&>(*at).exprs()) {
          if (e.id != id) continue;
          if (e.expr->kind() != plan::ExprKind::Column) computed = true;
          else id = static_cast<const plan::ColumnExpr&>(*e.expr).id();
          break;
        }
        if (computed) return {at, id};
        break;
      }
      case NodeKind::Select:
      case NodeKind::Filter:
      case NodeKind::OrderBy:
      case NodeKind::RowNumber:
      case NodeKind::Window: break;
      default: return {at, id};
    }
    const plan::Node* in = at->inputs()[0].get();
    if (!in->has_column(id)) return {at, id};  // a column the node makes (a numbering, a window)
    at = in;
  }
}

class Builder {
 public:
  Builder(JoinTree& tree, const plan::NonNullColumns& non_null, const Shared& shared, const ColumnRead& read)
      : tree_(tree), non_null_(non_null), shared_(shared), read_(read) {}

  /// Adds `n`'s leaves and keys to the tree; returns where each of its columns comes from.
  /// `root`: n is the tree's root (computed once whoever reads it).
  std::unordered_map<std::string, LeafColumn> expand(const plan::Node& n, bool root = false) {
    std::unordered_map<std::string, LeafColumn> out;
    if (!reaches_join(&n) || (!root && read_elsewhere(n))) {
      size_t leaf = tree_.leaves.size();
      tree_.leaves.push_back(&n);
      // Copies of one column are one column to the tree, so that every key equality over
      // them names the same column and the engine sees that the keys are all equal.
      // (The copy kept is one the compiled leaf produces: one the plan reads of it.)
      std::map<std::pair<const plan::Node*, std::string>, std::string> first;
      for (const auto& f : n.schema()) {
        if (read_(n, f.name)) first.emplace(source_of(n, f.name), f.name);
      }
      for (const auto& f : n.schema()) {
        auto copy = first.find(source_of(n, f.name));
        out[f.name] = {leaf, copy == first.end() ? f.name : copy->second};
      }
      return out;
    }
    if (inner_join(n)) {
      const auto& j = static_cast<const plan::JoinNode&>(n);
      auto left = expand(*n.inputs()[0]);
      auto right = expand(*n.inputs()[1]);
      for (const auto& [l, r] : j.keys()) {
        bool plain = non_null_.never_null(*n.inputs()[0], l) || non_null_.never_null(*n.inputs()[1], r);
        auto a = left.find(l), b = right.find(r);
        if (a == left.end() || b == right.end()) {
          complete_ = false;
          continue;
        }
        tree_.keys.push_back({a->second, b->second, plain});
      }
      out = std::move(left);
      out.merge(right);
      return out;
    }
    auto in = expand(*n.inputs()[0]);
    if (n.kind() == NodeKind::Project) {  // renamed columns (a computed one has no leaf column)
      for (const auto& e : static_cast<const plan::ProjectNode&>(n).exprs()) {
        if (e.expr->kind() != plan::ExprKind::Column) continue;
        auto it = in.find(static_cast<const plan::ColumnExpr&>(*e.expr).id());
        if (it != in.end()) out.emplace(e.id, it->second);
      }
    }
    for (const auto& f : n.schema()) {
      auto it = in.find(f.name);
      if (it != in.end()) out.emplace(f.name, it->second);  // (emplace keeps a rename's)
    }
    return out;
  }

  /// False when a key of the tree is a column computed inside it (then it is not one join).
  bool complete() const { return complete_; }

 private:
  /// True when `n` or a node between it and the join it reaches has readers besides the
  /// tree: its result is computed anyway, so the tree reads it as a leaf rather than joining
  /// its leaves again (which would read them twice, and make the engine keep them).
  bool read_elsewhere(const plan::Node& n) const {
    for (const plan::Node* at = &n;; at = at->inputs()[0].get()) {
      if (shared_(*at)) return true;
      if (!passes_rows(*at)) return false;
    }
  }

  JoinTree& tree_;
  const plan::NonNullColumns& non_null_;
  const Shared& shared_;
  const ColumnRead& read_;
  bool complete_ = true;
};

}  // namespace

std::optional<JoinTree> join_tree(const plan::JoinNode& join, const plan::NonNullColumns& non_null,
                                  const Shared& shared, const ColumnRead& read) {
  if (!inner_join(join) || (!reaches_join(join.inputs()[0].get()) && !reaches_join(join.inputs()[1].get()))) {
    return std::nullopt;
  }
  JoinTree tree;
  Builder builder(tree, non_null, shared, read);
  tree.columns = builder.expand(join, true);
  if (!builder.complete() || tree.leaves.size() < 3) return std::nullopt;  // (two: its own SELECT says it)
  return tree;
}

}  // namespace cormorant::compile
