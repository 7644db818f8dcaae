#pragma once
/// How each registered scalar function (plan/function.hpp) is written in SQL: one lowering
/// per function name, a family per file in compile/functions/, registered in
/// builtin_lowerings().
#include <functional>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/expr.hpp"

namespace cormorant::compile {

/// Writes a call in SQL, given its arguments already lowered.
using FunctionLowering = std::function<SqlExprPtr(const std::vector<SqlExprPtr>& args, const plan::FunctionExpr& call)>;

/// Adds the lowering of function `name` (replacing one of the same name).
void register_lowering(const std::string& name, FunctionLowering lowering);
/// The lowering of function `name`; throws InternalError when there is none.
const FunctionLowering& find_lowering(const std::string& name);

/// The distinct values a column of dtype `d` can equal among `values`, converted to `d`, in
/// first-seen order (pandas' isin: numbers compare by value across int, float and bool; text
/// matches only text); missing markers are left out. Linear in the number of values.
std::vector<Value> isin_values(const std::vector<Value>& values, DType d);

/// The text pandas' to_datetime reads with a strptime format (compile/strptime.cpp).
struct StrptimeShape {
  /// One regexp_replace(text, pattern, replacement[, 'g']) (RE2's syntax, as DuckDB's), only
  /// where regexp_matches(text, `when`) when that is not "" (a quick test first).
  struct Rewrite {
    std::string pattern, replacement;
    bool global = false;
    std::string when;
  };
  /// A regex (RE2's and Java's syntax) the whole text must match; "" for a format with a code
  /// not known here (then the engine's strptime alone decides).
  std::string regex;
  /// What brings text of that shape to what the engines' strptime reads with the format, in
  /// order: white space the engines do not read as white space as a space, the day's leading
  /// space dropped, fractions past six
  /// digits cut (microseconds: floored as pandas' as_unit("us")), a UTC offset's Z as +00:00
  /// and its seconds dropped (pandas ignores them).
  std::vector<Rewrite> rewrites;
};

/// The shape of the text pandas' to_datetime(format=`format`) reads: its strptime regex (the
/// format's white space as runs of Python's white space, letters in any case) joined with what
/// its ISO 8601 parser reads for the formats it takes (fractions of up to 18 digits, +HH).
StrptimeShape strptime_shape(const std::string& format);

/// Registers one family; each is defined in compile/functions/<family>.cpp.
void register_string_lowerings();
void register_datetime_lowerings();
void register_math_lowerings();
void register_list_lowerings();
void register_categorical_lowerings();

}  // namespace cormorant::compile
