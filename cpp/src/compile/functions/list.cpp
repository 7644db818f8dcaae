#include <string>
#include <vector>

#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

namespace {

SqlExprPtr number(int64_t v) { return sql_literal(Value(v), DType::Int64); }

/// A Python slice bound (`bound`, or `otherwise` for None) as a 0-based position within a
/// list of length `n`: negative counts from the end, and it is clamped to 0..n.
SqlExprPtr slice_position(const Value& bound, const SqlExprPtr& n, SqlExprPtr otherwise) {
  if (bound.is_na()) return otherwise;
  int64_t b = bound.get<int64_t>();
  if (b >= 0) return sql_function("least", {number(b), n});
  return sql_function("greatest", {sql_infix("+", n, number(b)), number(0)});
}

}  // namespace

void register_list_lowerings() {
  using Args = const std::vector<SqlExprPtr>&;
  using Call = const plan::FunctionExpr&;
  register_lowering("list_len", [](Args a, Call) { return sql_function("len", {a[0]}); });
  register_lowering("list_get", [](Args a, Call c) {
    int64_t i = c.params()[0].get<int64_t>();
    return sql_function("list_extract", {a[0], number(i >= 0 ? i + 1 : i)});
  });
  register_lowering("list_at", [](Args a, Call) {
    return sql_function("list_extract", {a[0], sql_infix("+", a[1], number(1))});
  });
  register_lowering("list_slice", [](Args a, Call c) {
    auto n = sql_function("len", {a[0]});
    auto start = slice_position(c.params()[0], n, number(0));
    auto stop = slice_position(c.params()[1], n, n);
    // 1-based positions start+1 .. stop, every step-th (empty when stop <= start)
    return sql_function("list_slice", {a[0], sql_infix("+", start, number(1)), stop, number(c.params()[2].get<int64_t>())});
  });
  register_lowering("list_join", [](Args a, Call c) {
    // (array_to_string skips missing items; pandas' join of such a list is missing)
    auto complete = sql_infix("=", sql_function("list_count", {a[0]}), sql_function("len", {a[0]}));
    return sql_case({{complete, sql_function("array_to_string", {a[0], sql_literal(c.params()[0], DType::String)})}},
                    nullptr);
  });
  register_lowering("struct_field", [](Args a, Call c) {
    return sql_function("struct_extract", {a[0], sql_literal(c.params()[0], DType::String)});
  });
}

}  // namespace cormorant::compile
