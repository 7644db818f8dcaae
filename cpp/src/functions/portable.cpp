/// Portable descriptions of user functions (functions/portable.hpp).
#include "cormorant/functions/portable.hpp"

#include <fstream>
#include <map>
#include <sstream>
#include <mutex>
#include <nlohmann/json.hpp>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/service.hpp"

namespace cormorant::functions {

namespace {

using nlohmann::json;

json dtype_names(const std::vector<DType>& types) {
  json out = json::array();
  for (const DType& d : types) out.push_back(std::string(dtype_name(d)));
  return out;
}

std::vector<DType> dtypes_named(const json& names) {
  std::vector<DType> out;
  for (const auto& n : names) {
    auto d = parse_dtype(n.get<std::string>());
    if (!d) throw InvalidArgumentError("a portable function description names an unknown dtype " + n.dump());
    out.push_back(*d);
  }
  return out;
}

}  // namespace

std::string portable_routine(const WorkerRoutine& r) {
  json j = {{"kind", "python"},
            {"routine_id", r.routine_id},
            {"source", r.source},
            {"entry_point", r.entry_point},
            {"code_hash", r.code_hash},
            {"arg_types", dtype_names(r.arg_types)},
            {"row_input", r.row_input},
            {"row_names", r.row_names},
            {"row_names_literal", r.row_names_literal},
            {"result_type", std::string(dtype_name(r.result_type))},
            {"max_batching_rows", r.max_batching_rows}};
  return j.dump();
}

std::string portable_remote(const RemoteCall& call) {
  json j = {{"kind", "remote"},
            {"routine_id", call.routine_id},
            {"url", call.url(false)},
            {"warehouse", call.warehouse},

            {"arg_types", dtype_names(call.arg_types)},
            {"result_type", std::string(dtype_name(call.result_type))},
            {"max_batching_rows", call.max_batching_rows},
            {"user_defined_context", call.user_defined_context},
            {"row_input", call.row_input},
            {"row_names", call.row_names},
            {"max_attempts", call.max_attempts},
            {"request_timeout_ms", call.request_timeout.count()},
            {"max_in_flight", call.max_in_flight}};
  // The secret stays out of the description (which Spark keeps in its plans and may log):
  // the executors read it from the connection's file, on storage every node sees.
  if (!call.token_file.empty()) {
    j["token_file"] = call.token_file;
  } else {
    j["token"] = call.token;
  }
  return j.dump();
}

std::shared_ptr<const ScalarUdf> portable_remote_udf(const std::string& portable) {
  static std::mutex mutex;
  static std::map<std::string, std::shared_ptr<const ScalarUdf>> made;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = made.find(portable);
  if (it != made.end()) return it->second;
  json j = json::parse(portable);
  if (j.value("kind", "") != "remote") throw InvalidArgumentError("not the portable description of a remote function");
  RemoteCall call;
  call.routine_id = j.at("routine_id").get<std::string>();
  call.warehouse = j.at("warehouse").get<std::string>();
  if (j.contains("token_file")) {
    call.token_file = j.at("token_file").get<std::string>();
    std::ifstream in(call.token_file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) {
      throw RemoteFunctionError("remote function " + call.routine_id + " cannot be called from here: its connection's "
                                    "token file " + call.token_file + " cannot be read (the warehouse must be on storage "
                                    "every Spark node reads, by the user the executors run as)",
                                call.routine_id, 0, "");
    }
    call.token = text.str();
  } else {
    call.token = j.at("token").get<std::string>();
  }
  call.arg_types = dtypes_named(j.at("arg_types"));
  call.result_type = dtypes_named(json::array({j.at("result_type")}))[0];
  call.max_batching_rows = j.at("max_batching_rows").get<int64_t>();
  call.user_defined_context = j.at("user_defined_context").get<std::string>();
  call.row_input = j.at("row_input").get<bool>();
  call.row_names = j.at("row_names").get<std::vector<std::string>>();
  call.max_attempts = j.at("max_attempts").get<int>();
  call.request_timeout = std::chrono::milliseconds(j.at("request_timeout_ms").get<int64_t>());
  call.max_in_flight = j.at("max_in_flight").get<int>();
  std::string url = j.at("url").get<std::string>(), warehouse = call.warehouse, id = call.routine_id;
  call.url = [url, warehouse, id](bool retry) {
    if (retry && !warehouse.empty()) {
      if (auto service = find_service(warehouse)) return service->url() + "/functions/" + id;
    }
    return url;
  };
  std::shared_ptr<const ScalarUdf> udf = remote_udf(std::move(call), "portable_remote");
  made.emplace(portable, udf);
  return udf;
}

}  // namespace cormorant::functions
