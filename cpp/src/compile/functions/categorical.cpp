#include <string>
#include <vector>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

/// SQL of the categorical functions (plan/functions/categorical.cpp): the engine's value of a
/// categorical is its code, so codes and from-codes are the value itself, and decoding and
/// encoding index into / search the categories as a list literal.

namespace {

using Args = std::vector<SqlExprPtr>;
using Call = plan::FunctionExpr;

/// The categories of `dtype` as a list literal; nullptr when there are none.
SqlExprPtr categories_list(const DType& dtype) {
  const Categories& c = dtype.categories();
  if (c.values.empty()) return nullptr;
  std::vector<SqlExprPtr> items;
  for (const auto& v : c.values) items.push_back(sql_literal(v, c.dtype));
  return sql_list(std::move(items));
}

SqlExprPtr lower_identity(const Args& args, const Call&) { return args[0]; }

SqlExprPtr lower_decode(const Args& args, const Call& call) {
  const DType& dtype = call.args()[0]->dtype();
  auto list = categories_list(dtype);
  if (!list) return sql_literal(NA, dtype.categories().dtype);
  return sql_function("list_extract", {list, sql_infix("+", args[0], sql_literal(int64_t{1}, DType::Int64))});
}

SqlExprPtr lower_encode(const Args& args, const Call& call) {
  auto list = categories_list(call.dtype());
  if (!list) return sql_literal(NA, DType::Int64);
  // NULL where no category equals the value (and for a missing value).
  return sql_infix("-", sql_function("list_position", {list, args[0]}), sql_literal(int64_t{1}, DType::Int64));
}

}  // namespace

void register_categorical_lowerings() {
  register_lowering("cat_codes", lower_identity);
  register_lowering("cat_from_codes", lower_identity);
  register_lowering("cat_decode", lower_decode);
  register_lowering("cat_encode", lower_encode);
}

}  // namespace cormorant::compile
