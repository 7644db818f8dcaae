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

/// Registers one family; each is defined in compile/functions/<family>.cpp.
void register_string_lowerings();
void register_datetime_lowerings();
void register_math_lowerings();
void register_list_lowerings();
void register_categorical_lowerings();

}  // namespace cormorant::compile
