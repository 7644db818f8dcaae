#pragma once
/// Compiles plans to SQL: plan -> syntax tree (with pandas semantics lowered to SQL) -> text.
#include <string>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::compile {

/// Builds the syntax tree of `plan`: one CTE per plan node, shared nodes compiled once,
/// named t0, t1, ... in dependency order. Iterative, so long chains do not recurse.
Query compile_plan(const plan::NodePtr& plan);

/// compile_plan rendered in DuckDB's dialect.
std::string plan_to_sql(const plan::NodePtr& plan);

/// A query over every column of a CSV file as `plan::ReadCsvNode` would read it, with no
/// conversions: the session prepares it to learn the file's columns.
std::string csv_probe_sql(const std::string& path, const plan::CsvOptions& options);
/// The same for Parquet.
std::string parquet_probe_sql(const std::string& path);
/// The same for a table the engine holds.
std::string table_probe_sql(const std::string& table_name);

}  // namespace cormorant::compile

namespace cormorant::compile {

/// A query returning the number of rows of `plan` in one column "n".
std::string count_sql(const plan::NodePtr& plan);
/// CREATE TEMPORARY TABLE for `schema` with the canonical engine types.
std::string create_table_sql(const std::string& table_name, const Schema& schema);
/// DROP TABLE IF EXISTS.
std::string drop_table_sql(const std::string& table_name);

}  // namespace cormorant::compile
