#pragma once
/// Which columns of a plan's nodes never hold a missing value, as far as the plan shows it:
/// Parquet columns whose statistics count no nulls in any row group, the columns a filter
/// drops the missing values of (comparisons, notna, isin), inner-join keys matched against
/// such columns, group keys and counts. The compiler joins on `=` where one side of a key is
/// never missing (the engine orders, filters and prunes such joins); pandas' rule that missing
/// keys match each other (`IS NOT DISTINCT FROM`) then changes nothing.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cormorant/plan/node.hpp"

namespace cormorant::plan {

/// The never-missing columns of every node of one plan, found once in dependency order.
class NonNullColumns {
 public:
  /// `nodes`: a plan's nodes, inputs before the nodes reading them (compile's post order).
  explicit NonNullColumns(const std::vector<const Node*>& nodes);
  /// True when column `id` of `node` is known never to be missing (false when unknown).
  bool never_null(const Node& node, const std::string& id) const;

 private:
  std::unordered_map<const Node*, std::unordered_set<std::string>> columns_;
};

}  // namespace cormorant::plan
