#pragma once
/// What a Parquet scan knows before it runs: each file's row groups, where their column chunks
/// lie and the min/max of their values (from Parquet metadata), and the simple predicates
/// (column op constant) that let it skip files and row groups that cannot match. Used to prune
/// files (rewrite/pushdown), to estimate bytes processed (dry_run) and to attribute the bytes
/// a query read (query stats).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant::plan {

/// One column chunk of a row group. Bounds are comparable Values (see scan_bound).
struct ChunkStats {
  int64_t offset = 0;  ///< first byte in the file (dictionary page, else first data page)
  int64_t size = 0;    ///< compressed bytes
  std::optional<Value> min, max;
  int64_t null_count = -1;  ///< -1: unknown
};

/// One row group: its rows and its column chunks by source column name.
struct RowGroupStats {
  int64_t rows = 0;
  std::map<std::string, ChunkStats> columns;
};

/// A file of a Parquet source: the number of rows in the files before it (so positions are
/// first_row + the row number inside the file) and, when known, its row groups.
struct ParquetFile {
  std::string path;
  int64_t first_row = 0;
  int64_t rows = 0;
  int64_t bytes = 0;  ///< the file's size
  std::vector<RowGroupStats> row_groups;  ///< empty: statistics unknown
  /// The partition key (the value as text, or the day or month), for partitioned warehouse
  /// tables; nullopt for the NULL partition and for files of tables without partitions.
  std::optional<std::string> partition;
};

/// A comparison a scan can check against min/max statistics.
enum class ScanOp { Eq, Ne, Lt, Le, Gt, Ge, In, IsNull, NotNull };

/// `column op values` over a source column (values: one for comparisons, several for In,
/// none for IsNull/NotNull), with values as comparable bounds of the column's dtype.
struct ScanPredicate {
  std::string column;
  DType dtype = DType::Int64;
  ScanOp op = ScanOp::Eq;
  std::vector<Value> values;
  /// "column >= value" as users read it.
  std::string to_string() const;
};

/// Predicates in disjunctive normal form: any one of the conjunctions (each all of its
/// predicates). An empty list of conjunctions means "no condition".
using ScanCondition = std::vector<std::vector<ScanPredicate>>;

/// The comparable form of a statistic or constant of `dtype` written as text (Parquet
/// metadata, ISO dates and timestamps): Int64 and Float64 numbers, strings, booleans, dates as
/// days and timestamps as microseconds since 1970-01-01 (Int64). nullopt when it does not parse.
std::optional<Value> scan_bound(DType dtype, const std::string& text);
/// The comparable form of a constant compared with a column of `dtype` (numbers widen, text
/// parses as a date or timestamp); nullopt when it cannot be compared.
std::optional<Value> scan_bound(DType dtype, const Value& constant);

/// Whether a row group with these statistics may hold a row satisfying `condition` (true when
/// a statistic is missing: only provable non-matches are skipped).
bool may_match(const ScanCondition& condition, const std::map<std::string, ChunkStats>& stats);
/// Whether the file may hold a matching row (any of its row groups may; true without stats).
bool may_match(const ScanCondition& condition, const ParquetFile& file);

}  // namespace cormorant::plan
