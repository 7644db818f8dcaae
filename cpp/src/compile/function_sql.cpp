#include "cormorant/compile/function_sql.hpp"

#include <map>
#include <mutex>

#include "cormorant/common/error.hpp"

namespace cormorant::compile {

namespace {

std::map<std::string, FunctionLowering>& registry() {
  static std::map<std::string, FunctionLowering> lowerings;
  return lowerings;
}

}  // namespace

void register_lowering(const std::string& name, FunctionLowering lowering) { registry()[name] = std::move(lowering); }

const FunctionLowering& find_lowering(const std::string& name) {
  static std::once_flag once;
  std::call_once(once, [] {
    register_string_lowerings();
    register_datetime_lowerings();
    register_math_lowerings();
  });
  auto it = registry().find(name);
  if (it == registry().end()) throw InternalError("internal error: no SQL for function " + name);
  return it->second;
}

}  // namespace cormorant::compile
