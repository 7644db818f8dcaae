/// The function service (see functions/service.hpp).
#include "cormorant/functions/service.hpp"

#include <httplib.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/worker_pool.hpp"
#include "cormorant/storage/lock.hpp"
#include "cormorant/storage/warehouse.hpp"
#include "process.hpp"
#include "cormorant/functions/wire.hpp"

namespace cormorant::functions {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {


fs::path service_dir(const fs::path& warehouse) { return warehouse / "functions"; }
fs::path service_file(const fs::path& warehouse) { return service_dir(warehouse) / "service.json"; }

std::optional<ServiceAddress> recorded(const fs::path& warehouse) {
  std::ifstream in(service_file(warehouse));
  if (!in) return std::nullopt;
  try {
    json j = json::parse(in);
    return ServiceAddress{j.at("host").get<std::string>(), j.at("port").get<int>(), j.at("pid").get<int64_t>()};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::string bearer(const httplib::Request& req) {
  std::string h = req.get_header_value("Authorization");
  return h.rfind("Bearer ", 0) == 0 ? h.substr(7) : "";
}

void reply_error(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(json{{"errorMessage", message}}.dump(), "application/json");
}

/// A deployed function and its workers.
struct Hosted {
  storage::RoutineInfo info;
  std::string version;  ///< of its catalog entry when loaded (FileSystem::stat)
  std::shared_ptr<WorkerPool> pool;
  std::atomic<int> inflight{0};
  std::atomic<int64_t> requests{0};
  std::atomic<int64_t> last_used{0};  ///< steady-clock seconds
};

int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

std::vector<std::string> requirements(const storage::RoutineInfo& info) {
  std::vector<std::string> out;
  for (const auto& [name, version] : info.packages) out.push_back(version.empty() ? name : name + "==" + version);
  return out;
}

class Service {
 public:
  explicit Service(const ServeOptions& o) : options_(o), catalog_(o.warehouse), admin_token_(catalog_.service_admin_token()) {
    python_ = o.python;
    if (python_.empty()) {
      const char* env = std::getenv("CORMORANT_PYTHON");
      python_ = env && *env ? env : "python3";
    }
  }

  /// The hosted function `id`, loaded (or reloaded when its catalog entry changed) from the
  /// catalog; nullptr when no deployed routine of that id exists (it is then forgotten).
  std::shared_ptr<Hosted> lookup(const std::string& id) {
    auto dot = id.find('.');
    std::string dataset = id.substr(0, dot), name = id.substr(dot + 1);
    std::lock_guard<std::mutex> lock(mutex_);
    fs::path path = options_.warehouse / "catalog" / dataset / "routines" / (name + ".json");
    auto stat = catalog_.files().stat(path);
    auto it = hosted_.find(id);
    if (!stat) {
      if (it != hosted_.end()) hosted_.erase(it);  // removed from the catalog: undeployed
      return nullptr;
    }
    if (it != hosted_.end() && it->second->version == stat->version) return it->second;
    storage::RoutineInfo info;
    try {
      info = catalog_.routine(dataset, name);
    } catch (const Error&) {
      return nullptr;
    }
    if (!info.deployed) return nullptr;
    auto h = std::make_shared<Hosted>();
    h->info = info;
    h->version = stat->version;
    if (it != hosted_.end() && it->second->info.identity == info.identity &&
        it->second->info.max_instances == info.max_instances) {
      h->pool = it->second->pool;  // only grants or settings changed: keep the workers
    } else {
      std::string python = python_;
      if (!info.packages.empty()) {
        fs::path venv = environment_dir(options_.warehouse, requirements(info));
        python = (venv / "bin" / "python").string();
      }
      h->pool = std::make_shared<WorkerPool>(python, static_cast<int>(std::max<int64_t>(1, info.max_instances)));
    }
    hosted_[id] = h;
    return h;
  }

  void forget(const std::string& id) {
    std::shared_ptr<Hosted> h;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = hosted_.find(id);
      if (it == hosted_.end()) return;
      h = it->second;
      hosted_.erase(it);
    }
    h->pool->stop_idle();
  }

  void call(const std::string& id, const httplib::Request& req, httplib::Response& res) {
    std::string connection = catalog_.connection_of_token(bearer(req));
    if (connection.empty()) {
      return reply_error(res, 401, "missing or invalid credentials: send \"Authorization: Bearer <token>\" with the "
                                   "token of a connection of this warehouse");
    }
    auto h = lookup(id);
    if (!h) return reply_error(res, 404, "no function " + id + " is deployed on this service");
    const auto& invokers = h->info.invokers;
    if (std::find(invokers.begin(), invokers.end(), connection) == invokers.end()) {
      return reply_error(res, 403, "connection '" + connection + "' does not have the invoker role on function " + id +
                                       "; grant it with grant_invoke(\"" + id + "\", \"" + connection + "\")");
    }
    json body;
    try {
      body = json::parse(req.body);
    } catch (const json::parse_error& e) {
      return reply_error(res, 400, std::string("malformed JSON request: ") + e.what());
    }
    if (!body.is_object() || !body.contains("calls")) {
      return reply_error(res, 400, "the request must be a JSON object with \"calls\": a list of argument lists");
    }
    // BigQuery sends the routine's user_defined_context as an object of strings.
    std::string context;
    if (body.contains("userDefinedContext") && !body["userDefinedContext"].is_null()) {
      const json& c = body["userDefinedContext"];
      bool strings = c.is_object() && std::all_of(c.begin(), c.end(), [](const json& v) { return v.is_string(); });
      if (!strings) {
        return reply_error(res, 400, "\"userDefinedContext\" must be a JSON object of strings, got " +
                                         c.dump().substr(0, 200));
      }
      if (!c.empty()) context = c.dump();
    }
    WorkerRoutine routine;
    routine.routine_id = id;
    routine.source = h->info.source;
    routine.entry_point = h->info.entry_point;
    routine.code_hash = h->info.code_hash;
    routine.result_type = h->info.result_type;
    routine.arg_types = h->info.arg_types;
    routine.row_input = h->info.row_input;
    const json* calls = &body["calls"];
    json row_calls;
    if (routine.row_input) {
      // Each call is one STRING: the row as JSON, as bigframes serializes it for its row
      // processors. Every row of a request must have the first row's labels and dtypes.
      try {
        if (!calls->is_array()) throw InvalidArgumentError("\"calls\" must be a JSON array of argument lists");
        row_calls = json::array();
        for (size_t i = 0; i < calls->size(); ++i) {
          const json& c = (*calls)[i];
          if (!c.is_array() || c.size() != 1 || !c[0].is_string()) {
            throw InvalidArgumentError("call " + std::to_string(i) + " must be one string: the row as JSON (function " +
                                       id + " takes a row)");
          }
          wire::JsonRow row;
          try {
            row = wire::json_to_row(c[0].get<std::string>());
          } catch (const InvalidArgumentError& e) {
            throw InvalidArgumentError("call " + std::to_string(i) + ": " + e.what());
          }
          if (i == 0) {
            routine.row_names = row.names;
            routine.arg_types = row.types;
          } else if (row.names != routine.row_names || row.types != routine.arg_types) {
            throw InvalidArgumentError("call " + std::to_string(i) +
                                       ": the rows of a request must have the same names and types");
          }
          row_calls.push_back(std::move(row.values));
        }
      } catch (const InvalidArgumentError& e) {
        return reply_error(res, 400, std::string("bad request for function ") + id + ": " + e.what());
      }
      routine.row_names_literal = true;
      calls = &row_calls;
    }
    std::string batch;
    try {
      batch = wire::json_calls_to_batch(*calls, routine.arg_types);
    } catch (const InvalidArgumentError& e) {
      return reply_error(res, 400, std::string("bad request for function ") + id + ": " + e.what());
    }
    int64_t rows = static_cast<int64_t>(calls->size());
    if (rows == 0) return res.set_content(R"({"replies":[]})", "application/json");
    int instances = std::max<int>(1, static_cast<int>(h->info.max_instances));
    if (h->inflight.fetch_add(1) >= instances + std::max(0, options_.max_queue)) {
      h->inflight.fetch_sub(1);
      return reply_error(res, 429, "function " + id + " is overloaded (" + std::to_string(instances) +
                                       " instance(s) busy and " + std::to_string(options_.max_queue) +
                                       " request(s) waiting, the service's max_queue); retry later");
    }
    ++h->requests;
    h->last_used = now_seconds();
    auto timeout = std::chrono::milliseconds(static_cast<int64_t>(h->info.timeout_seconds * 1000));
    WorkerPool::Outcome out;
    try {
      out = h->pool->run(routine, batch, rows, timeout, context);
    } catch (const Error& e) {
      out.status = WorkerPool::Outcome::WorkerDied;
      out.payload = e.what();
    }
    h->inflight.fetch_sub(1);
    h->last_used = now_seconds();
    switch (out.status) {
      case WorkerPool::Outcome::Ok: {
        json reply = {{"replies", wire::batch_to_json(out.payload, {routine.result_type}).at(0)}};
        return res.set_content(reply.dump(), "application/json");
      }
      case WorkerPool::Outcome::Failed: {
        json e = json::parse(out.payload);
        return reply_error(res, 400, e.at("message").get<std::string>());
      }
      case WorkerPool::Outcome::WorkerDied: return reply_error(res, 503, out.payload + "; the worker was replaced");
      case WorkerPool::Outcome::TimedOut: return reply_error(res, 504, "function " + id + ": " + out.payload);
    }
  }

  bool admin(const httplib::Request& req, httplib::Response& res) {
    std::string token = bearer(req);
    // Compared in constant time over the secret's length.
    unsigned char diff = token.size() == admin_token_.size() ? 0 : 1;
    for (size_t i = 0; i < token.size() && i < admin_token_.size(); ++i) {
      diff |= static_cast<unsigned char>(token[i] ^ admin_token_[i]);
    }
    if (diff == 0) return true;
    reply_error(res, 401, "administration needs the service's admin token");
    return false;
  }

  json list() {
    std::lock_guard<std::mutex> lock(mutex_);
    json out = json::array();
    for (const auto& [id, h] : hosted_) {
      out.push_back({{"routine_id", id},
                     {"endpoint", h->info.endpoint},
                     {"connection", h->info.connection},
                     {"invokers", h->info.invokers},
                     {"creator_session", h->info.creator_session},
                     {"packages", h->info.packages},
                     {"max_instances", h->info.max_instances},
                     {"workers", h->pool->running()},
                     {"inflight", h->inflight.load()},
                     {"requests", h->requests.load()}});
    }
    return out;
  }

  /// Loads every deployed routine of the catalog (their workers start on first call).
  void load_all() {
    for (const auto& r : catalog_.all_routines()) {
      if (r.deployed) lookup(r.id());
    }
  }

  /// Stops the workers of functions idle for longer than options' idle_stop.
  void scale_down() {
    std::vector<std::shared_ptr<Hosted>> all;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (auto& [id, h] : hosted_) all.push_back(h);
    }
    int64_t now = now_seconds();
    for (auto& h : all) {
      if (h->inflight == 0 && now - h->last_used >= options_.idle_stop.count()) h->pool->stop_idle();
    }
  }

  void stop_all() {
    std::lock_guard<std::mutex> lock(mutex_);
    hosted_.clear();
  }

 private:
  ServeOptions options_;
  storage::Warehouse catalog_;
  std::string admin_token_;
  std::string python_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Hosted>> hosted_;
};

/// A client of the running service for administration.
std::optional<httplib::Result> admin_request(const fs::path& warehouse, const std::string& method,
                                             const std::string& path, std::chrono::seconds timeout) {
  auto address = find_service(warehouse);
  if (!address) return std::nullopt;
  storage::Warehouse catalog(warehouse);
  std::string token = catalog.service_admin_token();
  httplib::Client client(address->host, address->port);
  client.set_read_timeout(timeout);
  client.set_connection_timeout(std::chrono::seconds(5));
  httplib::Headers headers{{"Authorization", "Bearer " + token}};
  if (method == "GET") return client.Get(path, headers);
  return client.Post(path, headers, "", "application/json");
}


/// A service bound to its port and recorded in service.json, until listen() returns.
class Runner {
 public:
  explicit Runner(const ServeOptions& options) : options_(checked(options)), service_(options_) {
    fs::path dir = service_dir(options_.warehouse);
    lock_ = storage::FileLock::try_lock(dir / "service.lock", storage::FileLock::Mode::Exclusive);
    if (!lock_) {
      auto other = recorded(options_.warehouse);
      throw ExecutionError("a function service already runs for warehouse '" + options_.warehouse.string() + "'" +
                           (other ? " (pid " + std::to_string(other->pid) + ", " + other->url() + ")" : std::string()));
    }
    routes();
    int port = options_.port;
    if (port == 0) {
      auto before = recorded(options_.warehouse);
      if (before && server_.bind_to_port(options_.host, before->port)) port = before->port;
    } else if (!server_.bind_to_port(options_.host, port)) {
      throw ExecutionError("the function service cannot listen on " + options_.host + ":" + std::to_string(port) +
                           " (in use?)");
    }
    if (port == 0) port = server_.bind_to_any_port(options_.host);
    if (port <= 0) throw ExecutionError("the function service cannot listen on " + options_.host);
    service_.load_all();
    address_ = ServiceAddress{options_.host, port, ::getpid()};
    storage::write_atomically(service_file(options_.warehouse),
                              json{{"host", options_.host}, {"port", port}, {"pid", ::getpid()}}.dump(2));
  }

  const ServiceAddress& address() const { return address_; }
  bool stopping() const { return stopping_; }

  /// Serves until stop(); then stops every worker and removes service.json.
  void listen() {
    std::thread reaper([&] {
      while (!stopping_) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        service_.scale_down();
      }
    });
    server_.listen_after_bind();
    stopping_ = true;
    reaper.join();
    service_.stop_all();
    auto now = recorded(options_.warehouse);
    if (now && now->pid == ::getpid() && now->port == address_.port) fs::remove(service_file(options_.warehouse));
  }

  void stop() {
    stopping_ = true;
    server_.stop();
  }

 private:
  static const ServeOptions& checked(const ServeOptions& options) {
    if (options.max_queue < 0) {
      throw InvalidArgumentError("max_queue must be 0 or more, got " + std::to_string(options.max_queue));
    }
    if (options.max_body_bytes < 1024) {
      throw InvalidArgumentError("max_body_bytes must be at least 1024, got " + std::to_string(options.max_body_bytes));
    }
    fs::create_directories(service_dir(options.warehouse));
    return options;
  }

  void routes() {
    server_.new_task_queue = [] { return new httplib::ThreadPool(64); };
    server_.set_payload_max_length(options_.max_body_bytes);
    // Replies go out at once (accepted sockets inherit TCP_NODELAY from the listening one).
    server_.set_socket_options([](int sock) {
      httplib::default_socket_options(sock);
      int one = 1;
      ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    });
    server_.set_keep_alive_max_count(1000000);
    // An idle kept-alive connection is closed after a second: stopping waits for each
    // connection's thread, and engines reconnect at once (loopback).
    server_.set_keep_alive_timeout(1);
    size_t limit = options_.max_body_bytes;
    server_.set_error_handler([limit](const httplib::Request&, httplib::Response& res) {
      if (res.status == 413) {
        reply_error(res, 400, "the request body is larger than the service's limit of " + std::to_string(limit) +
                                  " bytes; send fewer calls per request");
      } else if (res.body.empty()) {
        reply_error(res, res.status, "no such endpoint; functions are at POST /functions/<dataset>.<name>");
      }
    });
    server_.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
      std::string what = "internal error";
      try {
        std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      reply_error(res, 500, "internal error of the function service: " + what);
    });
    server_.Post(R"(/functions/([A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*))",
                 [this](const httplib::Request& req, httplib::Response& res) { service_.call(req.matches[1], req, res); });
    std::string health = json{{"service", "cormorant-functions"}, {"pid", ::getpid()},
                              {"warehouse", options_.warehouse.string()}}.dump();
    server_.Get("/health", [health](const httplib::Request&, httplib::Response& res) {
      res.set_content(health, "application/json");
    });
    server_.Post(R"(/admin/deploy/([A-Za-z0-9_.]+))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!service_.admin(req, res)) return;
      service_.forget(req.matches[1]);
      if (!service_.lookup(req.matches[1])) {
        return reply_error(res, 404, "no deployed routine " + std::string(req.matches[1]));
      }
      res.set_content("{}", "application/json");
    });
    server_.Post(R"(/admin/undeploy/([A-Za-z0-9_.]+))", [this](const httplib::Request& req, httplib::Response& res) {
      if (!service_.admin(req, res)) return;
      service_.forget(req.matches[1]);
      res.set_content("{}", "application/json");
    });
    server_.Get("/admin/functions", [this](const httplib::Request& req, httplib::Response& res) {
      if (!service_.admin(req, res)) return;
      res.set_content(service_.list().dump(), "application/json");
    });
  }

  ServeOptions options_;
  Service service_;
  std::optional<storage::FileLock> lock_;
  httplib::Server server_;
  ServiceAddress address_;
  std::atomic<bool> stopping_{false};
};

}  // namespace

void serve(const ServeOptions& options) {
  // SIGTERM and SIGINT stop the server from a thread of their own (every thread the service
  // starts inherits the blocked mask).
  sigset_t stop_signals, previous;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);
  try {
    Runner runner(options);
    std::thread signals([&] {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      runner.stop();
    });
    runner.listen();
    if (!runner.stopping()) pthread_kill(signals.native_handle(), SIGTERM);  // wakes the signal thread
    signals.join();
  } catch (...) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    throw;
  }
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
}

struct LocalService::Impl {
  explicit Impl(const ServeOptions& options) : runner(options), thread([this] { runner.listen(); }) {}
  Runner runner;
  std::thread thread;
};

LocalService::LocalService(const ServeOptions& options) : impl_(std::make_unique<Impl>(options)) {}

LocalService::~LocalService() { stop(); }

const ServiceAddress& LocalService::address() const { return impl_->runner.address(); }

void LocalService::stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  impl_->runner.stop();
  impl_->thread.join();
}

std::optional<ServiceAddress> find_service(const fs::path& warehouse) {
  auto address = recorded(warehouse);
  if (!address || !process::alive(static_cast<pid_t>(address->pid))) return std::nullopt;
  httplib::Client client(address->host, address->port);
  client.set_connection_timeout(std::chrono::seconds(2));
  client.set_read_timeout(std::chrono::seconds(5));
  auto res = client.Get("/health");
  if (!res || res->status != 200) return std::nullopt;
  try {
    if (json::parse(res->body).at("pid").get<int64_t>() != address->pid) return std::nullopt;
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return address;
}

ServiceAddress ensure_service(const fs::path& warehouse, const std::string& python) {
  ServeOptions options;
  options.warehouse = warehouse;
  options.python = python;
  return ensure_service(options);
}

ServiceAddress ensure_service(const ServeOptions& options) {
  const fs::path& warehouse = options.warehouse;
  if (auto a = find_service(warehouse)) return *a;
  fs::create_directories(service_dir(warehouse));
  // One process starts it; the others wait for its address.
  storage::FileLock lock(service_dir(warehouse) / "start.lock", storage::FileLock::Mode::Exclusive);
  if (auto a = find_service(warehouse)) return *a;
  std::string exe = options.python;
  if (exe.empty()) {
    const char* env = std::getenv("CORMORANT_PYTHON");
    exe = env && *env ? env : "python3";
  }
  ServeOptions defaults;
  std::vector<std::string> command{exe, "-m", "cormorant", "functions", "serve", "--warehouse",
                                   fs::absolute(warehouse).string()};
  auto add = [&](const char* flag, const std::string& value) {
    command.push_back(flag);
    command.push_back(value);
  };
  if (options.host != defaults.host) add("--host", options.host);
  if (options.port != defaults.port) add("--port", std::to_string(options.port));
  if (options.max_queue != defaults.max_queue) add("--max-queue", std::to_string(options.max_queue));
  if (options.max_body_bytes != defaults.max_body_bytes) add("--max-body-bytes", std::to_string(options.max_body_bytes));
  pid_t pid = process::spawn_detached(command, service_dir(warehouse) / "service.log");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    auto a = recorded(warehouse);
    if (a && a->pid == pid) {
      if (auto live = find_service(warehouse)) return *live;
    }
    if (!process::alive(pid)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw ExecutionError("the function service of warehouse '" + warehouse.string() +
                       "' did not start; see " + (service_dir(warehouse) / "service.log").string());
}

bool stop_service(const fs::path& warehouse, std::chrono::milliseconds grace) {
  auto address = recorded(warehouse);
  if (!address || !process::alive(static_cast<pid_t>(address->pid))) return false;
  auto pid = static_cast<pid_t>(address->pid);
  ::kill(pid, SIGTERM);
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (process::alive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void deploy(const fs::path& warehouse, const std::string& routine_id) {
  auto res = admin_request(warehouse, "POST", "/admin/deploy/" + routine_id, std::chrono::seconds(60));
  if (!res || !*res || (*res)->status != 200) {
    std::string why = res && *res ? (*res)->body : "the service does not answer";
    throw ExecutionError("the function service could not deploy " + routine_id + ": " + why);
  }
}

void undeploy(const fs::path& warehouse, const std::string& routine_id) {
  admin_request(warehouse, "POST", "/admin/undeploy/" + routine_id, std::chrono::seconds(30));
}

std::string deployed_functions(const fs::path& warehouse) {
  auto res = admin_request(warehouse, "GET", "/admin/functions", std::chrono::seconds(10));
  if (!res || !*res || (*res)->status != 200) return "[]";
  return (*res)->body;
}

}  // namespace cormorant::functions
