#pragma once
/// Predicate pushdown onto Parquet scans: the filters above a scan (through projections,
/// column selections and reorderings, which keep rows) become a condition on its source
/// columns, so that files and row groups whose min/max statistics cannot match are skipped.
/// The filters stay in the query: pruning only removes work, never rows.
#include <string>
#include <vector>

#include "cormorant/plan/node.hpp"
#include "cormorant/plan/scan.hpp"

namespace cormorant::rewrite {

/// What one Parquet scan of a plan must read.
struct ScanChoice {
  const plan::ReadParquetNode* node = nullptr;
  /// The rows the plan may use, as a condition on source columns; empty: all rows (some use
  /// of the scan is not filtered, or its filters are not simple comparisons with constants).
  plan::ScanCondition condition;
  /// Indexes into node->files() of the files that may hold such rows, in order.
  std::vector<size_t> files;
};

/// The choices for every Parquet scan of `root`, in a stable order (first reached first).
std::vector<ScanChoice> choose_scans(const plan::NodePtr& root);

/// The condition `predicate` (over column ids) puts on `scan`'s source columns, in disjunctive
/// normal form; an empty condition when no part of it can be checked against statistics.
plan::ScanCondition scan_condition(const plan::ExprPtr& predicate, const plan::ReadParquetNode& scan);

}  // namespace cormorant::rewrite
