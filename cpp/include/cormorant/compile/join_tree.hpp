#pragma once
/// Inner joins compiled as one join of their leaves. Each join of a plan is a SELECT of its
/// own, and the engine plans the joins under a SELECT's projection apart from those above it,
/// with estimates that lose the key statistics (it built hash tables on the largest side of
/// TPC-H's five-way join). A tree of inner joins, seen through column selections, renames and
/// order declarations, is therefore written as one FROM of its leaves, as hand-written SQL
/// is, and the engine orders all of its joins together.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cormorant/plan/node.hpp"
#include "cormorant/plan/nullability.hpp"

namespace cormorant::compile {

/// A column of one leaf of a join tree: the leaf's index and the column's id in it.
struct LeafColumn {
  size_t leaf = 0;
  std::string id;
};

/// One key equality of the tree: both sides, and whether `=` says it (one side is never
/// missing) or pandas' missing-matches-missing rule must (IS NOT DISTINCT FROM).
struct LeafKey {
  LeafColumn left, right;
  bool plain = false;
};

/// The leaves of a tree of inner joins (a relation may be a leaf twice, as in a self-join),
/// every key equality over them, and where each output column of the tree's root comes from
/// (a column computed inside the tree has none).
struct JoinTree {
  std::vector<const plan::Node*> leaves;
  std::vector<LeafKey> keys;
  std::unordered_map<std::string, LeafColumn> columns;
};

/// Whether the plan reads column `id` of node `n` (the compiled node produces only those).
using ColumnRead = std::function<bool(const plan::Node& n, const std::string& id)>;

/// Whether a node of the plan has more than one reader (its result is computed once for all).
using Shared = std::function<bool(const plan::Node&)>;

/// The tree of inner joins rooted at `join`, reaching through inner joins and the nodes that
/// keep their input's rows and values (column selections, projections, numberings, windows,
/// order declarations: only their plain and renamed columns are the leaves'), but not through
/// a `shared` node (a join read elsewhere too is a leaf: TPC-H Q17 joins lineitem once, not
/// once for its average and again in the tree); nullopt when `join` is not an inner join,
/// holds no other join (two leaves: its own SELECT says it already), or joins on a column
/// computed inside the tree.
/// Copies of one column in a leaf (renamed twice, as a merge's key and as its column) are one
/// leaf column, one that `read` says the plan reads, so that the engine sees every key equality
/// over them as one column's (TPC-H Q9: the part filter then reaches lineitem first).
std::optional<JoinTree> join_tree(const plan::JoinNode& join, const plan::NonNullColumns& non_null,
                                  const Shared& shared, const ColumnRead& read);

}  // namespace cormorant::compile
