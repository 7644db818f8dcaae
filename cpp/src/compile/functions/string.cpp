#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

void register_string_lowerings() {
  register_lowering("str_lower", [](const std::vector<SqlExprPtr>& args, const plan::FunctionExpr&) {
    return sql_function("lower", {args[0]});
  });
}

}  // namespace cormorant::compile
