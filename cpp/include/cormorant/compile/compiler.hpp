#pragma once
/// Compiles plans to SQL: plan -> syntax tree (pandas semantics lowered to SQL, unused
/// columns pruned, ids renamed to stable names) -> text through a Dialect.
#include <string>
#include <unordered_map>
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::compile {

/// What to select from a plan: these column ids, in this order, named by these aliases.
struct Output {
  std::vector<std::string> ids;
  std::vector<std::string> aliases;
};

/// For Parquet scans (by node): the indexes into their files() of the files to read, as
/// rewrite::choose_scans chose them. A scan not listed reads all its files.
using ScanFiles = std::unordered_map<const plan::Node*, std::vector<size_t>>;

/// Builds the syntax tree of `plan` returning `output`, in the plan's row order: one CTE per
/// plan node, each selecting only the columns something above reads (so a window nobody
/// observes is not computed); ORDER BY only where the order is not already physical.
/// Iterative, so long chains do not recurse. Deterministic: column ids are renamed c0, c1,
/// ... and CTEs t0, t1, ... in dependency order.
Query compile_plan(const plan::NodePtr& plan, const Output& output, const ScanFiles& files = {});
/// compile_plan rendered in DuckDB's dialect.
std::string plan_to_sql(const plan::NodePtr& plan, const Output& output, const ScanFiles& files = {},
                        const Dialect& dialect = duckdb_dialect());
/// Whether `plan` holds a float aggregate whose last bits depend on the order rows are added in
/// (skew, kurt, a Float64 product: see compile/aggregate_sql.hpp). The engine's threads add
/// them in whatever order they reach them, so such plans run on one thread, where the order is
/// the plan's and every run gives the same bits. Float sums and means, std, var, corr and cov
/// come from exact sums (the same bits in any order) and run on every thread.
bool order_sensitive(const plan::NodePtr& plan);
/// A query returning the number of rows of `plan` in one column "n".
std::string count_sql(const plan::NodePtr& plan, const ScanFiles& files = {}, const Dialect& dialect = duckdb_dialect());

/// What a Parquet scan reads for a query: its source columns (after column pruning) and
/// whether it numbers rows (positions).
struct ScanRead {
  std::vector<std::string> columns;
  bool positions = false;
};
/// The reads of each Parquet scan of `plan` when it returns `output`.
std::unordered_map<const plan::Node*, ScanRead> scan_reads(const plan::NodePtr& plan, const Output& output);

/// A query over every column of a CSV file, read with pandas' defaults and no conversions.
std::string csv_probe_sql(const std::string& path, const plan::CsvOptions& options);
/// CREATE TEMPORARY TABLE name AS the CSV file's rows, in file order.
std::string csv_load_sql(const std::string& table_name, const std::string& path, const plan::CsvOptions& options);
/// One row telling, for each text column of a table loaded by csv_load_sql, what decides its
/// dtype by pandas' rules: the count of rows, then 6 values per column: its count of values and
/// whether every value is a boolean, an integer, one in Int64, one in UInt64, a float (as pandas'
/// C parser reads them).
std::string csv_types_sql(const std::string& table_name, const std::vector<std::string>& columns);
/// ALTER TABLE changing a column's type to `dtype`'s canonical engine type, its values cast.
std::string alter_column_type_sql(const std::string& table_name, const std::string& column, DType dtype);
/// A query over every column of Parquet files.
std::string parquet_probe_sql(const std::string& path);
/// The files of a Parquet source, in scan order, with their row counts (from metadata).
std::string parquet_files_sql(const std::string& path);
/// The same for a list of files.
std::string parquet_files_sql(const std::vector<std::string>& paths);
/// One key's value in the key-value metadata of Parquet files (file_name, value as bytes), by
/// file: "pandas" (JSON: each aware timestamp column's time zone, which the engine does not
/// read), "ARROW:schema" (the writer's Arrow schema, base64 of its IPC form).
std::string parquet_key_value_sql(const std::string& path, const std::string& key);
/// The row groups and column chunks of Parquet files (their metadata): file_name, row_group,
/// rows, column_name, offset, size, min, max (as text), null_count; by file and row group.
std::string parquet_stats_sql(const std::vector<std::string>& paths);
/// A query over every column of a table the engine holds.
std::string table_probe_sql(const std::string& table_name);
/// A user's query, wrapped so that it can be prepared.
std::string query_probe_sql(const std::string& sql);
/// CREATE TEMPORARY TABLE for columns with these names and dtypes (canonical engine types).
std::string create_table_sql(const std::string& table_name, const Schema& schema);
/// INSERT of `rows` rows of NULL into a table of one column.
std::string insert_null_rows_sql(const std::string& table_name, int64_t rows);
/// CREATE TEMPORARY TABLE name AS the query of `plan` returning `output`, in its order.
std::string create_table_as_sql(const std::string& table_name, const plan::NodePtr& plan, const Output& output,
                                const ScanFiles& files = {});
/// DROP TABLE IF EXISTS.
std::string drop_table_sql(const std::string& table_name);
/// Drops the Spark session's temporary function `name` (a user function it registered).
std::string drop_spark_function_sql(const std::string& name);
/// SET an engine setting to a text value (escaped like every literal), e.g. temp_directory.
std::string set_setting_sql(const std::string& setting, const std::string& value);

}  // namespace cormorant::compile
