#include "cormorant/plan/function.hpp"

#include <map>
#include <mutex>

#include "cormorant/common/error.hpp"

namespace cormorant::plan {

namespace {

std::map<std::string, ScalarFunction>& registry() {
  static std::map<std::string, ScalarFunction> functions;
  return functions;
}

/// Guards the registry: user functions are registered while other threads build plans.
std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

/// Registers the built-in families once, before the first look-up.
void ensure_builtins() {
  static std::once_flag once;
  std::call_once(once, [] {
    register_string_functions();
    register_datetime_functions();
    register_math_functions();
    register_list_functions();
    register_categorical_functions();
  });
}

}  // namespace

void register_function(ScalarFunction function) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  std::string name = function.name;
  registry()[name] = std::move(function);
}

const ScalarFunction& find_function(const std::string& name) {
  ensure_builtins();
  std::lock_guard<std::mutex> lock(registry_mutex());
  auto it = registry().find(name);  // entries never move: the reference outlives the lock
  if (it == registry().end()) throw NotImplementedError("function '" + name + "' is not supported");
  return it->second;
}

std::function<DType(const std::vector<DType>&, const std::vector<Value>&)> signature(
    std::string name, std::vector<std::vector<DType>> accepted, DType result) {
  return [name, accepted, result](const std::vector<DType>& args, const std::vector<Value>&) {
    if (args.size() != accepted.size()) {
      throw InternalError("internal error: " + name + " takes " + std::to_string(accepted.size()) + " arguments");
    }
    for (size_t i = 0; i < args.size(); ++i) {
      bool ok = false;
      for (DType d : accepted[i]) ok = ok || d.kind() == args[i].kind();
      if (!ok) {
        throw DTypeError(name + " does not apply to dtype '" + std::string(dtype_name(args[i])) + "'");
      }
    }
    return result;
  };
}

}  // namespace cormorant::plan
