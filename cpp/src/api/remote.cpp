/// Remote functions: deploying routines on the warehouse's function service, external
/// endpoints, connections and invoker grants (functions/service.hpp, functions/remote.hpp).
#include <algorithm>

#include "remote.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/functions/remote.hpp"
#include "cormorant/functions/service.hpp"
#include "cormorant/session/session.hpp"
#include "cormorant/session/udf.hpp"

namespace cormorant {

namespace {

storage::Warehouse& catalog_of(session::Context& ctx, const std::string& what) {
  if (ctx.warehouse().empty()) {
    throw InvalidArgumentError(what + " needs a warehouse; an in-memory session (\":memory:\") has none");
  }
  return ctx.catalog();
}

std::vector<std::string> requirements(const RoutineInfo& info) {
  std::vector<std::string> out;
  for (const auto& [name, version] : info.packages) out.push_back(version.empty() ? name : name + "==" + version);
  return out;
}

/// The connection `name` ("" : the default one, created on first use), checked to exist.
std::string checked_connection(storage::Warehouse& catalog, const std::string& name, bool skip_check) {
  std::string connection = name.empty() ? kDefaultConnection : name;
  if (name.empty() && !catalog.has_connection(connection)) catalog.create_connection(connection);
  if (!skip_check) catalog.connection_token(connection);  // throws NotFoundError naming it
  return connection;
}

}  // namespace

bool Session::deploy_remote_function(RoutineInfo& info, const RemoteDeployOptions& options) const {
  auto& catalog = catalog_of(*ctx_, "deploying a remote function");
  info.connection = checked_connection(catalog, info.connection, options.skip_connection_check);
  if (info.dataset.empty()) info.dataset = storage::anonymous_dataset(ctx_->id());
  if (info.name.empty()) info.name = "cormorant_" + info.identity.substr(0, 16);
  info.deployed = true;
  info.creator_session = ctx_->id();
  info.created.clear();
  if (std::find(info.invokers.begin(), info.invokers.end(), info.connection) == info.invokers.end()) {
    info.invokers.push_back(info.connection);
  }
  if (!info.packages.empty()) {
    std::string python = options.python;
    if (python.empty()) {
      const char* env = std::getenv("CORMORANT_PYTHON");
      python = env && *env ? env : "python3";
    }
    functions::environment_python(catalog.root(), requirements(info), python, options.pip_args);
  }
  // One deploy at a time per warehouse (threads and processes): the function limit counts
  // what is deployed and the next routine is written under the same lock.
  auto lock = catalog.files().lock(catalog.root() / "functions" / "deploy.lock", storage::FileSystem::LockMode::Exclusive);
  bool replacing = catalog.has_routine(info.dataset, info.name);
  if (replacing) {
    RoutineInfo old = catalog.routine(info.dataset, info.name);
    // An identical deployed function (same code meaning, connection and settings) is reused.
    if (old.deployed && old.identity == info.identity && old.connection == info.connection &&
        old.max_instances == info.max_instances && old.timeout_seconds == info.timeout_seconds &&
        old.max_batching_rows == info.max_batching_rows && old.user_defined_context == info.user_defined_context) {
      if (options.reuse) {
        functions::ensure_service(catalog.root(), options.python);
        functions::deploy(catalog.root(), old.id());
        info = old;
        return false;
      }
    }
  }
  if (!replacing) {
    int64_t deployed = 0;
    for (const auto& r : catalog.all_routines()) deployed += r.deployed;
    if (deployed >= options.max_functions) {
      throw InvalidArgumentError("the warehouse already holds " + std::to_string(deployed) +
                                 " deployed functions, its limit (max_functions = " +
                                 std::to_string(options.max_functions) +
                                 "); delete some with delete_routine() or raise the limit");
    }
  }
  auto address = functions::ensure_service(catalog.root(), options.python);
  info.endpoint = address.url() + "/functions/" + info.id();
  catalog.put_routine(info, true);
  functions::deploy(catalog.root(), info.id());
  info = catalog.routine(info.dataset, info.name);
  return true;
}

bool Session::create_remote_function(RoutineInfo& info, bool skip_connection_check) const {
  auto& catalog = catalog_of(*ctx_, "creating a remote function");
  if (info.endpoint.rfind("http://", 0) != 0 && info.endpoint.rfind("https://", 0) != 0) {
    throw InvalidArgumentError("endpoint must be an http:// or https:// URL, got '" + info.endpoint + "'");
  }
  info.connection = checked_connection(catalog, info.connection, skip_connection_check);
  info.language = "remote";
  info.deployed = false;
  if (info.dataset.empty()) info.dataset = storage::anonymous_dataset(ctx_->id());
  info.creator_session = ctx_->id();
  info.created.clear();
  bool written = catalog.put_routine(info, true);
  info = catalog.routine(info.dataset, info.name);
  return written;
}

std::vector<ConnectionInfo> Session::list_connections() const {
  return catalog_of(*ctx_, "connections").connections();
}

ConnectionInfo Session::create_connection(const std::string& name) const {
  return catalog_of(*ctx_, "connections").create_connection(name);
}

void Session::delete_connection(const std::string& name) const { catalog_of(*ctx_, "connections").drop_connection(name); }

void Session::grant_invoke(const std::string& routine_id, const std::string& connection) const {
  auto& catalog = catalog_of(*ctx_, "granting invoke");
  RoutineInfo info = describe_routine(routine_id);
  if (!info.remote()) throw InvalidArgumentError("routine '" + routine_id + "' is not a remote function");
  catalog.connection_token(connection);  // throws NotFoundError
  if (std::find(info.invokers.begin(), info.invokers.end(), connection) != info.invokers.end()) return;
  info.invokers.push_back(connection);
  catalog.put_routine(info, true);
}

void Session::revoke_invoke(const std::string& routine_id, const std::string& connection) const {
  auto& catalog = catalog_of(*ctx_, "revoking invoke");
  RoutineInfo info = describe_routine(routine_id);
  if (!info.remote()) throw InvalidArgumentError("routine '" + routine_id + "' is not a remote function");
  std::erase(info.invokers, connection);
  catalog.put_routine(info, true);
}

std::vector<std::string> session_functions(session::Context& ctx, const std::string& session_id) {
  std::vector<std::string> out;
  if (ctx.warehouse().empty()) return out;
  try {
    storage::Warehouse& catalog = ctx.catalog();  // (its file interface: not a second catalog)
    std::string dataset = storage::anonymous_dataset(session_id);
    if (!catalog.has_dataset(dataset)) return out;
    for (const auto& name : catalog.routines(dataset)) {
      try {
        if (catalog.routine(dataset, name).deployed) out.push_back(dataset + "." + name);
      } catch (const Error&) {
        // a corrupt entry goes with the dataset
      }
    }
  } catch (const Error&) {
  }
  return out;
}

void undeploy_functions(session::Context& ctx, const std::vector<std::string>& routine_ids) {
  for (const auto& id : routine_ids) {
    try {
      functions::undeploy(ctx.warehouse(), id);
    } catch (const Error&) {
      // no service, or no admin connection: nothing runs it
    }
  }
}

// ---- running remote routines ---------------------------------------------------------------

Function::Function(RoutineInfo info, std::filesystem::path warehouse, std::string token, std::string python)
    : info_(std::move(info)), workers_(0), python_(std::move(python)), warehouse_(std::move(warehouse)),
      token_(std::move(token)) {}

std::string remote_engine_function(const RoutineInfo& info, const std::filesystem::path& warehouse,
                                   const std::string& token, const std::string& python,
                                   const std::vector<std::string>* row_names, const std::vector<DType>& row_dtypes) {
  functions::RemoteCall call;
  call.routine_id = info.id();
  call.token = token;
  if (!warehouse.empty() && !info.connection.empty()) {
    call.token_file = (warehouse / "connections" / (info.connection + ".token")).string();
  }
  call.arg_types = row_names ? row_dtypes : info.arg_types;
  call.result_type = info.result_type;
  call.max_batching_rows = info.max_batching_rows;
  call.user_defined_context = info.user_defined_context;
  call.row_input = info.row_input;
  if (row_names) call.row_names = *row_names;
  if (info.timeout_seconds > 0) {
    call.request_timeout = std::chrono::milliseconds(static_cast<int64_t>(info.timeout_seconds * 1000) + 30000);
  }
  if (info.deployed) {
    call.warehouse = warehouse.string();
    std::string id = info.id();
    call.url = [warehouse, python, id](bool) {
      return functions::ensure_service(warehouse, python).url() + "/functions/" + id;
    };
  } else {
    std::string endpoint = info.endpoint;
    call.url = [endpoint](bool) { return endpoint; };
  }
  std::string name = "cormorant_remote_" + info.identity.substr(0, 16) + "_" +
                     std::to_string(std::hash<std::string>{}(info.id() + info.endpoint + token) % 1000000000);
  if (row_names) {
    std::string joined;
    for (size_t i = 0; i < row_names->size(); ++i) {
      joined += (*row_names)[i] + '\x1f' + std::string(dtype_name(row_dtypes[i])) + '\x1e';
    }
    name += "_" + std::to_string(std::hash<std::string>{}(joined) % 1000000000);
  }
  session::register_udf(functions::remote_udf(std::move(call), name));
  return name;
}

}  // namespace cormorant
