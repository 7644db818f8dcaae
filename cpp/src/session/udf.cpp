#include "cormorant/session/udf.hpp"

#include <mutex>
#include <set>
#include <string>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant::session {

namespace {

struct Registry {
  std::mutex mutex;
  std::set<std::string> names;
  std::vector<std::shared_ptr<const ScalarUdf>> udfs;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void register_udf(std::shared_ptr<const ScalarUdf> udf) {
  // The engine holds a timedelta as its BIGINT microseconds: a function would see integers.
  bool timedelta = udf->result_type == DType::Timedelta;
  for (const DType& d : udf->arg_types) timedelta = timedelta || d == DType::Timedelta;
  bool categorical = udf->result_type == DType::Categorical;
  for (const DType& d : udf->arg_types) categorical = categorical || d == DType::Categorical;
  bool structs = udf->result_type == DType::Struct;
  for (const DType& d : udf->arg_types) structs = structs || d == DType::Struct;
  if (structs) {
    throw DTypeError("struct values cannot be passed to or returned from Python functions yet; pass their fields "
                     "(s.struct.field(name)) instead");
  }
  if (categorical) {  // (the engine's codes)
    throw DTypeError("categorical values cannot be passed to or returned from Python functions yet; convert the "
                     "column with astype() to its categories' dtype first");
  }
  if (timedelta) {
    throw DTypeError("timedelta64[us] values cannot be passed to or returned from Python functions yet; convert the "
                     "column with astype('Int64') (its microseconds) or .dt.total_seconds() first");
  }
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (!r.names.insert(udf->engine_name).second) return;
  std::vector<std::vector<DType>> accepted;
  for (DType d : udf->arg_types) accepted.push_back({d});
  auto typing = plan::signature(udf->engine_name, accepted, udf->result_type);
  // Int8..UInt32 values go to an Int64 parameter as Int64 (exactly, as pandas hands Python ints)
  auto as_int64 = [](const DType& d) { return d == DType::Integer && !(d.is_unsigned() && d.bits() == 64); };
  plan::register_function({udf->engine_name, [typing, as_int64](const std::vector<DType>& args, const std::vector<Value>& params) {
                             std::vector<DType> given = args;
                             for (auto& d : given) d = as_int64(d) ? DType(DType::Int64) : d;
                             return typing(given, params);
                           }});
  std::string name = udf->engine_name;
  compile::register_lowering(name, [name, as_int64](const std::vector<compile::SqlExprPtr>& args, const plan::FunctionExpr& e) {
    std::vector<compile::SqlExprPtr> given = args;
    for (size_t i = 0; i < given.size(); ++i) {
      if (as_int64(e.args()[i]->dtype())) given[i] = compile::sql_cast(given[i], DType::Int64);
    }
    return compile::sql_user_function(name, given);
  });
  r.udfs.push_back(std::move(udf));
}

std::shared_ptr<const ScalarUdf> find_udf(const std::string& engine_name) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  for (const auto& u : r.udfs) {
    if (u->engine_name == engine_name) return u;
  }
  return nullptr;
}

std::vector<std::shared_ptr<const ScalarUdf>> registered_udfs(size_t from) {
  Registry& r = registry();
  std::lock_guard<std::mutex> lock(r.mutex);
  if (from >= r.udfs.size()) return {};
  return {r.udfs.begin() + static_cast<std::ptrdiff_t>(from), r.udfs.end()};
}

void Context::sync_functions() {
  for (auto& udf : registered_udfs(udfs_registered_)) {
    connection_.register_function(udf);
    ++udfs_registered_;
  }
}

}  // namespace cormorant::session
