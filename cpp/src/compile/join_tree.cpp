#include "cormorant/compile/join_tree.hpp"

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

class Builder {
 public:
  Builder(JoinTree& tree, const plan::NonNullColumns& non_null, const Shared& shared)
      : tree_(tree), non_null_(non_null), shared_(shared) {}

  /// Adds `n`'s leaves and keys to the tree; returns where each of its columns comes from.
  /// `root`: n is the tree's root (computed once whoever reads it).
  std::unordered_map<std::string, LeafColumn> expand(const plan::Node& n, bool root = false) {
    std::unordered_map<std::string, LeafColumn> out;
    if (!reaches_join(&n) || (!root && read_elsewhere(n))) {
      size_t leaf = tree_.leaves.size();
      tree_.leaves.push_back(&n);
      for (const auto& f : n.schema()) out[f.name] = {leaf, f.name};
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
  bool complete_ = true;
};

}  // namespace

std::optional<JoinTree> join_tree(const plan::JoinNode& join, const plan::NonNullColumns& non_null,
                                  const Shared& shared) {
  if (!inner_join(join) || (!reaches_join(join.inputs()[0].get()) && !reaches_join(join.inputs()[1].get()))) {
    return std::nullopt;
  }
  JoinTree tree;
  Builder builder(tree, non_null, shared);
  tree.columns = builder.expand(join, true);
  if (!builder.complete() || tree.leaves.size() < 3) return std::nullopt;  // (two: its own SELECT says it)
  return tree;
}

}  // namespace cormorant::compile
