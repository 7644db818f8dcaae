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

/// Guards the registry: user functions are registered while other threads compile.
std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

}  // namespace

void register_lowering(const std::string& name, FunctionLowering lowering) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  registry()[name] = std::move(lowering);
}

const FunctionLowering& find_lowering(const std::string& name) {
  static std::once_flag once;
  std::call_once(once, [] {
    register_string_lowerings();
    register_datetime_lowerings();
    register_math_lowerings();
    register_list_lowerings();
    register_categorical_lowerings();
  });
  std::lock_guard<std::mutex> lock(registry_mutex());
  auto it = registry().find(name);  // entries never move: the reference outlives the lock
  if (it == registry().end()) throw InternalError("internal error: no SQL for function " + name);
  return it->second;
}

}  // namespace cormorant::compile
