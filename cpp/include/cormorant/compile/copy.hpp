#pragma once
/// Writing results to files and reading JSON: the COPY and read_json statements.
#include <string>

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

/// CREATE TEMPORARY TABLE name AS the rows of a newline-delimited JSON file, in file order.
std::string json_load_sql(const std::string& table_name, const std::string& path);

}  // namespace cormorant::compile
