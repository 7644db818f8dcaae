/// The Spark SQL dialect (Spark 4, ANSI mode) of the Spark engine (issue 14): the tables of
/// what Spark spells differently from DuckDB, for the shared generator in sql.cpp.
///
/// Functions listed in `unsupported_functions` are DuckDB's with no Spark function of the same
/// meaning yet; each gets written out in Spark's terms as its family comes to the Spark engine.
/// Until then a plan that needs one is refused at compile time (UnsupportedError), never sent.
#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

const Dialect& spark_dialect() {
  static const Dialect dialect = [] {
    Dialect d;
    d.name = "Spark";
    d.identifier_quote = '`';
    d.spark_syntax = true;
    d.type_names = {{DType::Boolean, "BOOLEAN"},
                    {DType::Int64, "BIGINT"},
                    {DType::Float64, "DOUBLE"},
                    {DType::String, "STRING"},
                    {DType::Date, "DATE"},
                    {DType::Time, "TIME"},
                    {DType::Timestamp, "TIMESTAMP_NTZ"},  // naive
                    {DType::TimestampTz, "TIMESTAMP"},    // an instant, shown in the session zone
                    {DType::Binary, "BINARY"},
                    {DType::Decimal, "DECIMAL(38,9)"},
                    {DType::Timedelta, "BIGINT"},
                    {DType::Categorical, "BIGINT"}};
    d.function_names = {{"error", "raise_error"},  // (a NULL of any type, as DuckDB's error)
                        {"epoch_us", "unix_micros"},
                        {"quantile_cont", "percentile"}};  // both interpolate linearly, exactly
    d.operator_names = {{"//", "DIV"}};  // integers only in the compiler's SQL; both truncate
    d.engine_type_names = {{"HUGEINT", "DECIMAL(38,0)"}, {"INTEGER", "INT"}};
    d.unsupported_prefixes = {"cormorant_"};  // cormorant's own DuckDB functions (engine/)
    d.unsupported_functions = {
        // Spark lacks these, or has them with another meaning (trunc and floor of a DOUBLE,
        // concat's NULLs, hash's values, xor of booleans).
        "signbit", "isinf", "isfinite", "trunc", "floor", "concat", "hash", "xor", "regexp_full_match",
        "to_microseconds", "to_days", "to_months", "timezone", "strftime", "try_strptime", "make_timestamp",
        "microsecond", "isodow", "date_diff", "printf", "decode", "len", "array_to_string", "list_extract",
        "list_slice", "list_position", "list_median", "list_count", "list_contains", "list_aggregate",
        "struct_extract", "string_split", "unnest", "fmod", "quantile_disc"};
    return d;
  }();
  return dialect;
}

}  // namespace cormorant::compile
