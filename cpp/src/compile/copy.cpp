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

namespace {

std::string text_literal(const std::string& text) { return to_sql(sql_literal(text, DType::String), duckdb_dialect()); }

/// read_json(path, ...) of a newline-delimited file whose lines are objects; with `names`, each
/// key is read as a JSON value (the engine chooses no type).
std::string json_from(const std::string& path, const std::vector<std::string>* names) {
  std::string out = "read_json(" + text_literal(path) + ", format = 'newline_delimited', records = 'true'";
  if (!names) return out + ", sample_size = -1)";
  out += ", columns = {";
  for (size_t i = 0; i < names->size(); ++i) out += (i ? ", " : "") + text_literal((*names)[i]) + ": 'JSON'";
  return out + "})";
}

// An ISO 8601 date or time stamp as pandas' to_datetime reads one to microseconds, without a zone.
const char* const kIsoStamp = "([0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,6})?)?)?)?";

}  // namespace

std::string json_probe_sql(const std::string& path) { return "SELECT * FROM " + json_from(path, nullptr); }

std::string json_types_sql(const std::string& path) {
  return "SELECT column_name, column_type FROM (DESCRIBE " + json_probe_sql(path) + ")";
}

std::string json_stats_sql(const std::string& path, const std::vector<std::string>& names) {
  const Dialect& d = duckdb_dialect();
  std::string out = "SELECT count(*)";
  for (const auto& name : names) {
    const std::string c = quote_identifier(name, d);
    const std::string kind = "json_type(" + c + ")";
    const std::string integer = " FILTER (WHERE " + kind + " IN ('BIGINT', 'UBIGINT'))";
    const std::string number = "TRY_CAST(" + c + " AS DOUBLE)";
    const std::string text = "json_extract_string(" + c + ", '$')";
    out += ", array_to_string(list_sort(list(DISTINCT " + kind + ") FILTER (WHERE " + c + " IS NOT NULL)), ',')";
    out += ", count(*) FILTER (WHERE " + kind + " IN ('BIGINT', 'UBIGINT') AND TRY_CAST(" + c + " AS BIGINT) IS NULL)";
    out += ", min(TRY_CAST(" + c + " AS BIGINT))" + integer + ", max(TRY_CAST(" + c + " AS BIGINT))" + integer;
    out += ", bool_and(" + number + " = trunc(" + number + ") AND abs(" + number +
           ") < 9223372036854775808.0) FILTER (WHERE " + kind + " IN ('BIGINT', 'UBIGINT', 'DOUBLE'))";
    out += ", bool_and(regexp_full_match(" + text + ", " + text_literal(kIsoStamp) + ") AND (" + text + " = '' OR TRY_CAST(" +
           text + " AS TIMESTAMP) IS NOT NULL)) FILTER (WHERE " + kind + " = 'VARCHAR')";
    out += ", count(DISTINCT list_sort(json_keys(" + c + "))) FILTER (WHERE " + kind + " = 'OBJECT')";
  }
  // Last: the number of keys of the lines as written that are none of `names` (the reader above
  // folds keys that differ only in case into one, and names a column for the other, "A_1",
  // that it never fills).
  std::string listed;
  for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + text_literal(name);
  out += ", (SELECT count(DISTINCT k) FILTER (WHERE k NOT IN (" + listed +
         ")) FROM (SELECT unnest(json_keys(\"json\")) AS k FROM read_json(" + text_literal(path) +
         ", format = 'newline_delimited', records = 'false', columns = {'json': 'JSON'})))";
  return out + " FROM " + json_from(path, &names);
}

std::string json_load_sql(const std::string& table_name, const std::string& path, const std::vector<JsonColumn>& columns) {
  const Dialect& d = duckdb_dialect();
  std::vector<std::string> names;
  std::string items;
  for (const auto& column : columns) {
    names.push_back(column.name);
    const std::string c = quote_identifier(column.name, d);
    const std::string micros = "CAST(" + c + " AS BIGINT)";
    std::string e;
    switch (column.kind) {
      case JsonColumn::Kind::Missing: e = "CAST(NULL AS DOUBLE)"; break;
      case JsonColumn::Kind::MissingStamp: e = "CAST(NULL AS TIMESTAMP)"; break;
      case JsonColumn::Kind::Boolean: e = "CAST(" + c + " AS BOOLEAN)"; break;
      case JsonColumn::Kind::Int64:
        // (a whole DOUBLE through DOUBLE; an integer exactly)
        e = "CASE WHEN json_type(" + c + ") = 'DOUBLE' THEN CAST(CAST(" + c + " AS DOUBLE) AS BIGINT) ELSE CAST(" + c +
            " AS BIGINT) END";
        break;
      case JsonColumn::Kind::UInt64: e = "CAST(" + c + " AS UBIGINT)"; break;
      case JsonColumn::Kind::Float64: e = "CAST(" + c + " AS DOUBLE)"; break;
      case JsonColumn::Kind::Text: e = "json_extract_string(" + c + ", '$')"; break;
      case JsonColumn::Kind::IsoTimestamp: e = "CAST(NULLIF(json_extract_string(" + c + ", '$'), '') AS TIMESTAMP)"; break;
      case JsonColumn::Kind::EpochSeconds: e = "make_timestamp(" + micros + " * 1000000)"; break;
      case JsonColumn::Kind::EpochMillis: e = "make_timestamp(" + micros + " * 1000)"; break;
      case JsonColumn::Kind::EpochMicros: e = "make_timestamp(" + micros + ")"; break;
      case JsonColumn::Kind::Nested: e = "CAST(" + c + " AS " + column.engine_type + ")"; break;
    }
    items += (items.empty() ? "" : ", ") + e + " AS " + c;
  }
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, d) + " AS SELECT " + items + " FROM " +
         json_from(path, &names);
}

}  // namespace cormorant::compile
