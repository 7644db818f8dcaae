#pragma once
/// Forms of the Spark dialect (spark_dialect.cpp) written in files of their own
/// (compile-internal): DuckDB's functions in Spark SQL.
#include <map>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

/// `body` with the lambda variable `name` bound to `value` (evaluated once): Spark SQL has no
/// LET, so the one-item list of `value` transformed by name -> body, and its item
/// (spark_dialect.cpp).
SqlExprPtr spark_let(const SqlExprPtr& value, const SqlExprPtr& name, SqlExprPtr body);

/// A VALUES table of 64 rows or more whose every column (BIGINT, TIMESTAMP) steps evenly as the
/// rows of range(0, n), in Spark SQL; "" for any other (spark_values.cpp).
std::string spark_values_as_range(const FromItem& from, const Dialect& dialect);

/// DuckDB's try_strptime in Spark's terms (strptime.cpp).
SqlExprPtr spark_try_strptime(const std::vector<SqlExprPtr>& args);

/// Spark's forms of huge_div(a, b) and huge_abs(x): exact to 38 digits (spark_huge.cpp).
SqlExprPtr spark_huge_div(const std::vector<SqlExprPtr>& args);
SqlExprPtr spark_huge_abs(const std::vector<SqlExprPtr>& args);

/// Spark's forms of decimal_neg(x) (negate) and decimal_abs(x) of a DECIMAL(38, 9): exact
/// (spark_huge.cpp).
SqlExprPtr spark_decimal_sign(const std::vector<SqlExprPtr>& args, bool negate);

/// Spark's forms of DuckDB's list_position(list, x) (1-based, NULL where absent) and
/// list_extract(list, i) (1-based, from the end when negative, NULL out of range): over a
/// long list of literals (a categorical's categories), a search tree (spark_lookup.cpp).
SqlExprPtr spark_list_position(const std::vector<SqlExprPtr>& args);
SqlExprPtr spark_list_extract(const std::vector<SqlExprPtr>& args);

/// Python's str methods of cormorant's own DuckDB functions (cormorant_str_upper, ...,
/// cormorant_str_isalpha), by name, in Spark SQL (spark_text_case.cpp).
std::map<std::string, Dialect::Form> spark_python_str_forms();

}  // namespace cormorant::compile
