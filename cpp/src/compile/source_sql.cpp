// Reading sources in SQL (CSV, Parquet files with their positions, tables, queries), the probes
// of their schemas and statistics, and the statements that make and drop tables.
#include "lowering.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace cormorant::compile {

namespace {

/// pandas' default strings read as missing.
const std::vector<std::string>& pandas_na_values() {
  static const std::vector<std::string> values{"",     "#N/A", "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "-NaN",
                                               "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",     "NA",       "NULL",
                                               "NaN",  "None", "n/a",      "nan",  "null"};
  return values;
}

/// pandas' keep_default_na: the strings given are read as missing besides the defaults.
std::vector<std::string> na_values(const plan::CsvOptions& options) {
  std::vector<std::string> out = pandas_na_values();
  for (const auto& v : options.na_values) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

}  // namespace

SqlExprPtr string_list(const std::vector<std::string>& items) {
  std::vector<SqlExprPtr> out;
  for (const auto& s : items) out.push_back(sql_literal(s, DType::String));
  return sql_list(std::move(out));
}

FromItem csv_from(const std::string& path, const plan::CsvOptions& options) {
  FromItem from;
  from.kind = FromItem::Kind::TableFunction;
  from.name = "read_csv";
  from.args = {sql_literal(path, DType::String)};
  from.named_args = {
      {"header", sql_literal(options.header, DType::Boolean)},
      {"delim", sql_literal(std::string(1, options.delimiter), DType::String)},
      {"quote", sql_literal(std::string("\""), DType::String)},
      {"escape", sql_literal(std::string("\""), DType::String)},
      {"nullstr", string_list(na_values(options))},
      // Text only: the dtypes are pandas' (csv_types_sql), which the engine's sniffer does not
      // give ("0x10" is 16 there, "007" and "+1" text, "NAN" a float).
      {"all_varchar", sql_literal(true, DType::Boolean)},
      {"null_padding", sql_literal(true, DType::Boolean)},  // short rows get <NA>, as in pandas
      {"strict_mode", sql_literal(true, DType::Boolean)},
      {"parallel", sql_literal(false, DType::Boolean)},  // rows in file order
  };
  return from;
}

/// Row positions are read with the engine's file_row_number (and filename) columns, which a
/// column of the files with that name hides: NotImplementedError naming it (the engine would
/// refuse the read with its own words).
void refuse_hidden_positions(const plan::ReadParquetNode& n, bool filenames) {
  for (const auto& c : n.columns()) {
    if (c.source_name == "file_row_number" || (filenames && c.source_name == "filename")) {
      throw NotImplementedError("a Parquet column named '" + c.source_name + "' is not supported in strict ordering mode: "
                                "the row order is read through the engine's own '" + c.source_name +
                                "' column, which the file's hides; read it with ordering_mode=\"partial\" "
                                "(or DefaultIndexKind.NULL), or rename the column");
    }
  }
}

/// `positions`: the rows' numbers in their files are read; `filenames`: so are the files' names
/// (a position over several files needs its file's offset).
FromItem parquet_from(SqlExprPtr paths, bool positions, bool filenames) {
  FromItem from;
  from.kind = FromItem::Kind::TableFunction;
  from.name = "read_parquet";
  from.args = {std::move(paths)};
  if (positions && filenames) from.named_args.push_back({"filename", sql_literal(true, DType::Boolean)});
  if (positions) from.named_args.push_back({"file_row_number", sql_literal(true, DType::Boolean)});
  // Columns and values come from the files only: a folder named like "year=2024" above a
  // file (a managed table's partition folders, or any folder of a user's path) adds no column
  // and retypes no value, as pandas reads a file.
  from.named_args.push_back({"hive_partitioning", sql_literal(false, DType::Boolean)});
  return from;
}

FromItem parquet_from(const std::string& path, bool positions, bool filenames) {
  return parquet_from(sql_literal(path, DType::String), positions, filenames);
}

/// Whether parquet_position reads the file's name: only to tell several files' rows apart.
bool position_reads_filename(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read) {
  return n.files().size() > 1 && read.size() > 1;
}

/// The files of `n` a query reads: those `files` chose, else all.
std::vector<const plan::ParquetFile*> files_read(const plan::ReadParquetNode& n, const ScanFiles& files) {
  std::vector<const plan::ParquetFile*> out;
  auto it = files.find(&n);
  if (it == files.end()) {
    for (const auto& f : n.files()) out.push_back(&f);
  } else {
    for (size_t i : it->second) out.push_back(&n.files().at(i));
  }
  // Reading no file at all is not a query DuckDB accepts: read the first one, whose row
  // groups the filters above then skip.
  if (out.empty() && !n.files().empty()) out.push_back(&n.files().front());
  return out;
}

/// A Parquet row's position: the rows of the files before its own, plus its row number.
SqlExprPtr parquet_position(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read) {
  auto row = sql_column("file_row_number");
  if (n.files().size() <= 1) return row;
  if (!position_reads_filename(n, read)) return sql_infix("+", sql_literal(read[0]->first_row, DType::Int64), row);
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> offsets;
  for (const auto* f : read) {
    offsets.push_back({sql_infix("=", sql_column("filename"), sql_literal(f->path, DType::String)),
                       sql_literal(f->first_row, DType::Int64)});
  }
  return sql_infix("+", sql_case(std::move(offsets), nullptr), row);
}

FromItem relation_from(std::string name) {
  FromItem from;
  from.name = std::move(name);
  return from;
}

FromItem subquery_from(std::string sql) {
  FromItem from;
  from.kind = FromItem::Kind::Subquery;
  from.name = std::move(sql);
  return from;
}

namespace {

std::string probe(FromItem from) {
  Query q;
  q.body.items.push_back({sql_star(), "*"});
  q.body.from = std::move(from);
  return to_sql(q, duckdb_dialect());
}

}  // namespace

std::string csv_probe_sql(const std::string& path, const plan::CsvOptions& options) {
  return probe(csv_from(path, options));
}

std::string csv_load_sql(const std::string& table_name, const std::string& path, const plan::CsvOptions& options) {
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, duckdb_dialect()) + " AS " +
         csv_probe_sql(path, options);
}

namespace {

// What pandas' C parser reads as a boolean, an integer and a float (the text left after its NA
// strings): booleans in any case; integers with spaces or tabs around; floats with spaces or
// tabs around, "inf"/"infinity" in any case with a sign but no space. Everything else is text.
const char* const kCsvBoolean = "(?i:true|false)";
const char* const kCsvInteger = "[ \t]*[+-]?[0-9]+[ \t]*";
const char* const kCsvFloat = "[ \t]*[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)([eE][+-]?[0-9]+)?[ \t]*|[+-]?(?i:inf|infinity)";

}  // namespace

std::string csv_types_sql(const std::string& table_name, const std::vector<std::string>& columns) {
  const Dialect& d = duckdb_dialect();
  auto literal = [&](const char* text) { return to_sql(sql_literal(std::string(text), DType::String), d); };
  std::string out = "SELECT count(*)";
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string c = quote_identifier(columns[i], d);
    auto all = [&](const std::string& test) { return "bool_and(" + test + " OR " + c + " IS NULL)"; };
    out += ", count(" + c + "), " + all("regexp_full_match(" + c + ", " + literal(kCsvBoolean) + ")") +
           ", " + all("regexp_full_match(" + c + ", " + literal(kCsvInteger) + ")") + ", " +
           all("TRY_CAST(" + c + " AS BIGINT) IS NOT NULL") + ", " + all("TRY_CAST(" + c + " AS UBIGINT) IS NOT NULL") +
           ", " + all("regexp_full_match(" + c + ", " + literal(kCsvFloat) + ")");
  }
  return out + " FROM " + quote_identifier(table_name, d);
}

std::string alter_column_type_sql(const std::string& table_name, const std::string& column, DType dtype) {
  const Dialect& d = duckdb_dialect();
  return "ALTER TABLE " + quote_identifier(table_name, d) + " ALTER " + quote_identifier(column, d) + " TYPE " +
         d.type_name(dtype);
}

std::string parquet_probe_sql(const std::string& path) { return probe(parquet_from(path, false)); }
namespace {

std::string parquet_files_sql(SqlExprPtr paths) {
  Query q;
  q.body.items = {{sql_column("file_name"), "file_name"}, {sql_cast(sql_column("num_rows"), DType::Int64), "rows"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_file_metadata";
  q.body.from.args = {std::move(paths)};
  q.body.order_by = {{sql_column("file_name"), true, true}};
  return to_sql(q, duckdb_dialect());
}

}  // namespace

std::string parquet_files_sql(const std::string& path) { return parquet_files_sql(sql_literal(path, DType::String)); }

std::string parquet_files_sql(const std::vector<std::string>& paths) { return parquet_files_sql(string_list(paths)); }

std::string parquet_key_value_sql(const std::string& path, const std::string& key) {
  Query q;
  q.body.items = {{sql_column("file_name"), "file_name"}, {sql_column("value"), "value"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_kv_metadata";
  q.body.from.args = {sql_literal(path, DType::String)};
  q.body.where = sql_infix("=", sql_function("decode", {sql_column("key")}), sql_literal(key, DType::String));
  q.body.order_by = {{sql_column("file_name"), true, true}};
  return to_sql(q, duckdb_dialect());
}

std::string parquet_stats_sql(const std::vector<std::string>& paths) {
  Query q;
  q.body.items = {{sql_column("file_name"), "file_name"},
                  {sql_cast(sql_column("row_group_id"), DType::Int64), "row_group"},
                  {sql_cast(sql_column("row_group_num_rows"), DType::Int64), "rows"},
                  {sql_column("path_in_schema"), "column_name"},
                  {sql_cast(sql_function("coalesce", {sql_column("dictionary_page_offset"), sql_column("data_page_offset")}),
                            DType::Int64), "offset"},
                  {sql_cast(sql_column("total_compressed_size"), DType::Int64), "size"},
                  {sql_column("stats_min_value"), "min"},
                  {sql_column("stats_max_value"), "max"},
                  {sql_cast(sql_column("stats_null_count"), DType::Int64), "null_count"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_metadata";
  q.body.from.args = {string_list(paths)};
  q.body.order_by = {{sql_column("file_name"), true, true}, {sql_column("row_group_id"), true, true},
                     {sql_column("column_id"), true, true}};
  return to_sql(q, duckdb_dialect());
}

std::string table_probe_sql(const std::string& table_name) { return probe(relation_from(table_name)); }
std::string query_probe_sql(const std::string& sql) { return probe(subquery_from(sql)); }

std::string create_table_sql(const std::string& table_name, const Schema& schema) {
  const Dialect& d = duckdb_dialect();
  std::string out = "CREATE TEMPORARY TABLE " + quote_identifier(table_name, d) + " (";
  for (size_t i = 0; i < schema.size(); ++i) {
    out += (i ? ", " : "") + quote_identifier(schema[i].name, d) + " " + d.type_name(schema[i].dtype);
  }
  return out + ")";
}

std::string insert_null_rows_sql(const std::string& table_name, int64_t rows) {
  return "INSERT INTO " + quote_identifier(table_name, duckdb_dialect()) + " SELECT NULL FROM range(" +
         std::to_string(rows) + ")";
}

std::string create_table_as_sql(const std::string& table_name, const plan::NodePtr& plan, const Output& output,
                                const ScanFiles& files) {
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, duckdb_dialect()) + " AS " +
         plan_to_sql(plan, output, files);
}

std::string drop_table_sql(const std::string& table_name) {
  return "DROP TABLE IF EXISTS " + quote_identifier(table_name, duckdb_dialect());
}

std::string drop_spark_function_sql(const std::string& name) {
  return "DROP TEMPORARY FUNCTION IF EXISTS " + quote_identifier(name, spark_dialect());
}

std::string set_setting_sql(const std::string& setting, const std::string& value) {
  return "SET " + quote_identifier(setting, duckdb_dialect()) + " = " +
         to_sql(sql_literal(value, DType::String), duckdb_dialect());
}

}  // namespace cormorant::compile
