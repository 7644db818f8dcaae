#pragma once
/// The lines of a CSV file as pandas' C parser sees them, before the engine reads it: pandas skips
/// blank lines (skip_blank_lines=True) and names the header's columns its own way, where the
/// engine reads a blank line of a one-column file (or a line of spaces) as a row and names
/// columns otherwise.
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/table.hpp"

namespace cormorant::session {

/// What scan_csv_lines finds in a CSV file.
struct CsvLines {
  /// The fields of the first line that is not blank, unquoted; empty for a file of blank lines.
  std::vector<std::string> header;
  /// Whether a blank line occurs outside quoted fields: an empty line, or one of spaces, tabs and
  /// carriage returns other than the delimiter, as pandas' tokenizer skips them.
  bool blank_lines = false;
};

/// Reads `path` once (quotes respected: `"` opens a quoted field at its start, `""` inside it is
/// a quote), returning its header fields and whether it has blank lines.
CsvLines scan_csv_lines(const std::string& path, char delimiter);

/// Writes the text of `path` to `out` without its blank lines (those scan_csv_lines counts).
void copy_without_blank_lines(const std::string& path, char delimiter, const std::string& out);

/// pandas' column labels for a header's fields: "Unnamed: i" for an empty field, and a repeated
/// label numbered as pandas numbers it ("a", "a.1", "a.2"; skipping labels the header has).
std::vector<std::string> pandas_header_labels(const std::vector<std::string>& fields);

/// pandas' dtype of each of `columns` text columns from their stats (compile::csv_types_sql's
/// one row): Float64 for a column without values (pandas' float64 of NaN), booleans, integers
/// in Int64 (else UInt64), floats; nullopt to keep the text (also every column of a file
/// without rows, as pandas' object columns).
std::vector<std::optional<DType>> csv_dtypes(const Table& stats, size_t columns);

}  // namespace cormorant::session
