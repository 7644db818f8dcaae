#pragma once
/// Writing results to files and reading JSON: the COPY and read_json statements.
#include <string>
#include <vector>

#include "cormorant/compile/compiler.hpp"

namespace cormorant::compile {

/// How a COPY writes a file.
struct CopyFormat {
  enum class Kind { Parquet, Csv };
  Kind kind = Kind::Parquet;
  char delimiter = ',';
  bool header = true;
  int64_t row_group_size = 0;  ///< Parquet: rows per row group; 0 = the engine's default
};

/// COPY (the query of `plan` returning `output`, in the plan's order) TO `path`; `files` as
/// for plan_to_sql.
std::string copy_sql(const plan::NodePtr& plan, const Output& output, const std::string& path, const CopyFormat& format,
                     const ScanFiles& files = {});

/// The columns of a newline-delimited JSON file as the engine's reader types them, every line
/// read: describe this query (nothing runs) for their dtypes.
std::string json_probe_sql(const std::string& path);
/// The same columns' names and the engine's own type names (column_name, column_type), a query.
std::string json_types_sql(const std::string& path);

/// One row about the keys `names` of a newline-delimited JSON file, read as JSON values: the
/// number of lines, then for each key 7 columns: its JSON kinds other than null ("BIGINT",
/// "UBIGINT", "DOUBLE", "BOOLEAN", "VARCHAR", "ARRAY", "OBJECT"), sorted and joined by ",";
/// the number of integers that do not fit a BIGINT; the least of those that do; the greatest; whether every
/// number is a whole value in the BIGINT range; whether every string is empty or an ISO 8601
/// date or time stamp without zone and with at most microseconds; the number of distinct key
/// sets of its objects.
std::string json_stats_sql(const std::string& path, const std::vector<std::string>& names);

/// How json_load_sql reads one key of a newline-delimited JSON file.
struct JsonColumn {
  enum class Kind {
    Missing,      ///< no values: Float64 of <NA>
    MissingStamp, ///< no values in a key named like a date: datetime64 of NaT
    Boolean,      ///< JSON true/false
    Int64,        ///< JSON integers (a whole DOUBLE too)
    UInt64,       ///< JSON integers of which some exceed BIGINT, none negative
    Float64,      ///< JSON numbers
    Text,         ///< JSON strings, their text
    IsoTimestamp, ///< JSON strings of ISO 8601 stamps ("" missing): TIMESTAMP
    EpochSeconds, ///< JSON integers counting seconds since 1970: TIMESTAMP
    EpochMillis,  ///< ... milliseconds
    EpochMicros,  ///< ... microseconds
    Nested,       ///< JSON arrays or objects: cast to `engine_type`
  };
  std::string name;
  Kind kind = Kind::Text;
  std::string engine_type;  ///< Nested only: the engine's type name
};

/// CREATE TEMPORARY TABLE name AS the rows of a newline-delimited JSON file in file order, each
/// key read as `columns` says.
std::string json_load_sql(const std::string& table_name, const std::string& path, const std::vector<JsonColumn>& columns);

}  // namespace cormorant::compile
