#include "cormorant/compile/copy.hpp"

namespace cormorant::compile {

std::string copy_sql(const plan::NodePtr& plan, const Output& output, const std::string& path, const CopyFormat& format,
                     const ScanFiles& files) {
  const Dialect& d = duckdb_dialect();
  std::string options;
  if (format.kind == CopyFormat::Kind::Parquet) {
    options = "FORMAT parquet";
    if (format.row_group_size > 0) options += ", ROW_GROUP_SIZE " + std::to_string(format.row_group_size);
  } else {
    options = "FORMAT csv, HEADER " + std::string(format.header ? "true" : "false") +
              ", DELIMITER " + to_sql(sql_literal(std::string(1, format.delimiter), DType::String), d);
  }
  return "COPY (" + plan_to_sql(plan, output, files) + ") TO " + to_sql(sql_literal(path, DType::String), d) + " (" + options +
         ")";
}

std::string json_load_sql(const std::string& table_name, const std::string& path) {
  Query q;
  q.body.items.push_back({sql_star(), "*"});
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "read_json";
  q.body.from.args = {sql_literal(path, DType::String)};
  q.body.from.named_args = {{"format", sql_literal(std::string("newline_delimited"), DType::String)}};
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, duckdb_dialect()) + " AS " + to_sql(q, duckdb_dialect());
}

}  // namespace cormorant::compile
