#pragma once
/// The function service: a long-running local HTTP server, one per warehouse, hosting its
/// deployed remote functions behind BigQuery's remote-function protocol (the Cloud Run of
/// cormorant). POST /functions/<dataset>.<name> takes {"requestId", "caller",
/// "sessionUser", "userDefinedContext", "calls": [[args...], ...]} and answers
/// {"replies": [...]} (one value per call, in order) or {"errorMessage": "..."} with an
/// error status: 400 bad request or an exception in the function, 401 no or wrong token,
/// 403 a connection without the invoker role, 404 no such function, 429 queue full,
/// 503 the worker died (replaced), 504 the function ran past its timeout. Values are
/// encoded as functions/wire.hpp documents. Each function runs in its own worker processes
/// (functions/worker_pool.hpp), 0 to max_instances of them as load asks. The service records
/// its address in <warehouse>/functions/service.json, where sessions and processes find it.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cormorant::functions {

/// Where a warehouse's function service listens.
struct ServiceAddress {
  std::string host;
  int port = 0;
  int64_t pid = 0;
  std::string url() const { return "http://" + host + ":" + std::to_string(port); }
};

/// Settings of a function service.
struct ServeOptions {
  std::filesystem::path warehouse;
  std::string host = "127.0.0.1";
  int port = 0;        ///< 0: the port it had before if free, else any free port
  std::string python;  ///< the workers' interpreter ("": CORMORANT_PYTHON, else python3)
  size_t max_body_bytes = 32u << 20;  ///< larger requests get 400
  /// Requests of one function that may wait for a busy worker; more get 429. A function
  /// runs at most max_instances requests at once, so it holds max_instances + max_queue.
  int max_queue = 16;
  std::chrono::seconds idle_stop{60};  ///< idle workers are stopped after this (scale to zero)
};

/// Runs the service of `options.warehouse` until SIGTERM or SIGINT, then stops every worker
/// and removes service.json. Throws ExecutionError when another service holds the warehouse.
void serve(const ServeOptions& options);

/// A function service running in this process on threads of its own (tests, programs that
/// embed it): bound and recorded in service.json by the constructor (which throws as serve()
/// does), serving until stop() or destruction, which stop its workers too.
class LocalService {
 public:
  explicit LocalService(const ServeOptions& options);
  ~LocalService();
  LocalService(const LocalService&) = delete;
  LocalService& operator=(const LocalService&) = delete;
  const ServiceAddress& address() const;
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The running service of `warehouse`: its recorded process lives and its port answers.
std::optional<ServiceAddress> find_service(const std::filesystem::path& warehouse);
/// The running service, started if none runs: `<python> -m cormorant functions serve
/// --warehouse W` in a session of its own (it outlives this process), waited for up to 20 s.
ServiceAddress ensure_service(const std::filesystem::path& warehouse, const std::string& python);
/// As above, a service started with `options` (host, port, python, max_queue, max_body_bytes);
/// a service already running is kept as it is.
ServiceAddress ensure_service(const ServeOptions& options);
/// Stops the service (SIGTERM, SIGKILL after `grace`) and waits until its process is gone;
/// false when none ran.
bool stop_service(const std::filesystem::path& warehouse, std::chrono::milliseconds grace = std::chrono::seconds(10));

/// Asks the running service to (re)load routine `routine_id` from the catalog.
void deploy(const std::filesystem::path& warehouse, const std::string& routine_id);
/// Asks the running service, if any, to stop routine `routine_id`'s workers and forget it.
void undeploy(const std::filesystem::path& warehouse, const std::string& routine_id);
/// What the running service hosts, as JSON text (an array of {routine_id, endpoint,
/// connection, invokers, creator_session, packages, max_instances, workers, inflight,
/// requests}); "[]" when none runs.
std::string deployed_functions(const std::filesystem::path& warehouse);

/// The Python of a virtual environment with `requirements` ("name" or "name==version")
/// installed by pip, under <warehouse>/functions/venvs/<hash of the requirements>: built
/// on first use (`<python> -m venv`, then `<python> -m pip --python <venv> install
/// <pip_args> <requirements>`), reused after. The environment sees `python`'s own packages
/// (cormorant, pandas) after its own. Throws ExecutionError with pip's output on failure.
std::string environment_python(const std::filesystem::path& warehouse, const std::vector<std::string>& requirements,
                               const std::string& python, const std::vector<std::string>& pip_args);
/// The environment folder of `requirements` (whether built or not).
std::filesystem::path environment_dir(const std::filesystem::path& warehouse,
                                      const std::vector<std::string>& requirements);

}  // namespace cormorant::functions
