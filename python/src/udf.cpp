// The binding of user functions: a Python batch function becomes a ScalarUdf whose callback
// takes the GIL only for the call, and whose errors carry the Python exception back to the
// caller unchanged.
#include <nanobind/nanobind.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cormorant/cormorant.hpp>
#include <cormorant/session/udf.hpp>
#include <cormorant/session/session.hpp>
#include <cormorant/functions/service.hpp>
#include <cormorant/functions/worker_pool.hpp>

#include "convert.hpp"
#include "udf_values.hpp"

#include <time.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

namespace nb = nanobind;
using namespace cormorant;
using cormorant::python::hold;

namespace {

/// A Python exception raised inside a user function, on its way back to the caller of the
/// query (possibly from an engine thread). Its text is taken while the GIL is held.
class PythonUdfError : public ExecutionError {
 public:
  PythonUdfError(const std::string& message, std::shared_ptr<nb::object> exception)
      : ExecutionError(message), exception_(std::move(exception)) {}
  const std::shared_ptr<nb::object>& exception() const { return exception_; }

 private:
  std::shared_ptr<nb::object> exception_;
};

/// The GIL for a call from an engine thread. PyGILState_Ensure makes a Python thread state
/// for a thread that has none and deletes it again on release (with its frame stack, mapped
/// and unmapped each time); here the first call on a thread keeps its state for the thread's
/// life, so later calls only take and drop the lock.
class EngineThreadGil {
 public:
  EngineThreadGil() : state_(PyGILState_Ensure()) {
    if (!kept_) {
      (void)PyGILState_Ensure();  // never released: the thread state outlives this call
      kept_ = true;
    }
  }
  ~EngineThreadGil() { PyGILState_Release(state_); }
  EngineThreadGil(const EngineThreadGil&) = delete;
  EngineThreadGil& operator=(const EngineThreadGil&) = delete;

 private:
  PyGILState_STATE state_;
  static thread_local bool kept_;
};
thread_local bool EngineThreadGil::kept_ = false;

/// The Python work of engine calls in this process, run one at a time: they all need the GIL.
/// A thread waiting for the GIL asks the running one to hand it over every 5 ms (the
/// interpreter's switch interval), bouncing the interpreter between cores chunk after chunk;
/// and a thread that sleeps until the running one is done pays its wake-up delay (worse on a
/// loaded machine) while the interpreter stands idle, once per chunk. So the Python work is
/// combined: a thread whose work finds the interpreter busy queues it and sleeps, and the thread
/// running Python runs the queued work too before it lets go, keeping the interpreter busy and
/// warm on one core while the other engine threads convert and scan (as a worker process is fed
/// by its pipe). Work nobody has taken after kWait is withdrawn and run by its own thread,
/// taking the GIL as usual: a function that releases the GIL (I/O, sleep) still overlaps
/// across threads, and a query run inside a function never waits for its caller to finish.
class PythonWork {
 public:
  /// Runs `work` (which takes the GIL itself) here or on the thread running Python now, and
  /// rethrows what it threw. Returns the thread CPU nanoseconds `work` took, wherever it ran.
  static int64_t run(const std::function<void()>& work) {
    Job job{&work};
    if (serving_) {  // a call made from inside a function this thread runs: run it now
      run_one(job);
    } else {
      std::unique_lock<std::mutex> lock(mutex());
      if (!busy()) {
        busy() = true;
        lock.unlock();
        serve(job);
      } else {
        queue().push_back(&job);
        if (!job.cv.wait_for(lock, kWait, [&] { return job.claimed; })) {
          std::erase(queue(), &job);  // nobody took it: run it here
          lock.unlock();
          run_one(job);
        } else {
          job.cv.wait(lock, [&] { return job.done; });
        }
      }
    }
    if (job.error) std::rethrow_exception(job.error);
    return job.cpu_ns;
  }

 private:
  struct Job {
    const std::function<void()>* work;
    std::exception_ptr error;
    int64_t cpu_ns = 0;
    bool claimed = false, done = false;  // guarded by mutex()
    std::condition_variable cv;
  };
  static constexpr std::chrono::milliseconds kWait{20};

  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static bool& busy() {  // a thread is serving; guarded by mutex()
    static bool b = false;
    return b;
  }
  static std::deque<Job*>& queue() {  // guarded by mutex()
    static std::deque<Job*> q;
    return q;
  }
  static thread_local bool serving_;

  static int64_t thread_cpu_ns() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
  }
  static void run_one(Job& job) {
    int64_t start = thread_cpu_ns();
    try {
      (*job.work)();
    } catch (...) {
      job.error = std::current_exception();
    }
    job.cpu_ns = thread_cpu_ns() - start;
  }
  /// Runs `own`, then the queued work of other threads until none is left.
  static void serve(Job& own) {
    serving_ = true;
    run_one(own);
    std::unique_lock<std::mutex> lock(mutex());
    while (!queue().empty()) {
      Job* next = queue().front();
      queue().pop_front();
      next->claimed = true;
      lock.unlock();
      run_one(*next);
      lock.lock();
      next->done = true;
      next->cv.notify_one();
    }
    busy() = false;
    serving_ = false;
  }
};
thread_local bool PythonWork::serving_ = false;

DType dtype_named(const std::string& name) {
  if (auto d = parse_dtype(name); d && *d != DType::Integer) return *d;  // (Int8..UInt64: not yet)
  throw DTypeError("dtype '" + name + "' cannot be a user function's argument or result");
}

nb::dict routine_dict(const RoutineInfo& r) {
  nb::dict d;
  d["dataset"] = r.dataset;
  d["name"] = r.name;
  d["routine_id"] = r.id();
  d["language"] = r.language;
  d["entry_point"] = r.entry_point;
  d["source"] = r.source;
  nb::list args;
  for (DType t : r.arg_types) args.append(std::string(dtype_name(t)));
  d["arg_types"] = args;
  d["row_input"] = r.row_input;
  d["result_type"] = std::string(dtype_name(r.result_type));
  nb::dict packages;
  for (const auto& [k, v] : r.packages) packages[k.c_str()] = v;
  d["packages"] = packages;
  d["python_version"] = r.python_version;
  d["code_hash"] = r.code_hash;
  d["identity"] = r.identity;
  d["max_batching_rows"] = r.max_batching_rows;
  d["created"] = r.created;
  d["creator_session"] = r.creator_session;
  if (r.remote()) {
    d["endpoint"] = r.endpoint;
    d["deployed"] = r.deployed;
    d["connection"] = r.connection;
    nb::list invokers;
    for (const auto& i : r.invokers) invokers.append(i);
    d["invokers"] = invokers;
    d["max_instances"] = r.max_instances;
    d["timeout_seconds"] = r.timeout_seconds;
    d["user_defined_context"] = r.user_defined_context;
  }
  return d;
}

RoutineInfo routine_info(nb::dict d) {
  RoutineInfo r;
  r.dataset = nb::cast<std::string>(d["dataset"]);
  r.name = nb::cast<std::string>(d["name"]);
  r.entry_point = nb::cast<std::string>(d["entry_point"]);
  r.source = nb::cast<std::string>(d["source"]);
  for (auto a : nb::cast<std::vector<std::string>>(d["arg_types"])) r.arg_types.push_back(dtype_named(a));
  r.row_input = nb::cast<bool>(d["row_input"]);
  r.result_type = dtype_named(nb::cast<std::string>(d["result_type"]));
  for (auto [k, v] : nb::cast<nb::dict>(d["packages"])) r.packages[nb::cast<std::string>(k)] = nb::cast<std::string>(v);
  r.python_version = nb::cast<std::string>(d["python_version"]);
  r.code_hash = nb::cast<std::string>(d["code_hash"]);
  r.identity = nb::cast<std::string>(d["identity"]);
  r.max_batching_rows = nb::cast<int64_t>(d["max_batching_rows"]);
  if (d.contains("endpoint")) r.endpoint = nb::cast<std::string>(d["endpoint"]);
  if (d.contains("deployed")) r.deployed = nb::cast<bool>(d["deployed"]);
  if (d.contains("connection")) r.connection = nb::cast<std::string>(d["connection"]);
  if (d.contains("invokers")) r.invokers = nb::cast<std::vector<std::string>>(d["invokers"]);
  if (d.contains("max_instances")) r.max_instances = nb::cast<int64_t>(d["max_instances"]);
  if (d.contains("timeout_seconds")) r.timeout_seconds = nb::cast<double>(d["timeout_seconds"]);
  if (d.contains("user_defined_context")) r.user_defined_context = nb::cast<std::string>(d["user_defined_context"]);
  if (d.contains("language")) r.language = nb::cast<std::string>(d["language"]);
  if (d.contains("created")) r.created = nb::cast<std::string>(d["created"]);
  if (d.contains("creator_session")) r.creator_session = nb::cast<std::string>(d["creator_session"]);
  return r;
}

std::vector<std::string> list_routines_of(const Session& s, const std::string& dataset) {
  return s.list_routines(dataset);
}

/// The service settings of `serve` and `ensure_service` (None: the default).
functions::ServeOptions serve_options(const std::string& warehouse, const std::string& host, int port,
                                      const std::string& python, std::optional<int> max_queue,
                                      std::optional<int64_t> max_body_bytes) {
  functions::ServeOptions o;
  o.warehouse = warehouse;
  o.host = host;
  o.port = port;
  o.python = python;
  if (max_queue) o.max_queue = *max_queue;
  if (max_body_bytes) {
    if (*max_body_bytes < 1024) {
      throw InvalidArgumentError("max_body_bytes must be at least 1024, got " + std::to_string(*max_body_bytes));
    }
    o.max_body_bytes = static_cast<size_t>(*max_body_bytes);
  }
  if (o.max_queue < 0) throw InvalidArgumentError("max_queue must be 0 or more, got " + std::to_string(o.max_queue));
  return o;
}

}  // namespace

/// Raises a user function's error as its Python exception (the original one from this
/// process, or one rebuilt with the details a worker sent); false for other errors.
bool set_udf_error(const Error& error) {
  if (const auto* e = dynamic_cast<const PythonUdfError*>(&error)) {
    nb::handle exc = *e->exception();
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    return true;
  }
  if (const auto* e = dynamic_cast<const UdfExecutionError*>(&error)) {
    nb::module_ exceptions = nb::module_::import_("cormorant.exceptions");
    nb::object row = nb::module_::import_("json").attr("loads")(e->input_row_json());
    nb::object exc = exceptions.attr("UdfExecutionError")(e->what(), e->routine_id(), e->traceback(), row);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    return true;
  }
  if (const auto* e = dynamic_cast<const RemoteFunctionError*>(&error)) {
    nb::module_ exceptions = nb::module_::import_("cormorant.exceptions");
    nb::object exc = exceptions.attr("RemoteFunctionError")(e->what(), e->routine_id(), e->status(), e->error_message());
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
    return true;
  }
  return false;
}

/// Adds the user-function entry points to module `m` (called from module.cpp).
void bind_udf(nb::module_& m) {
  python::bind_udf_values(m);
  m.def(
      "register_udf",
      [](const std::string& engine_name, const std::vector<std::string>& arg_dtypes, const std::string& result_dtype,
         nb::object rows, nb::object finish, nb::object batch, const std::string& large_input,
         int64_t large_input_rows, double large_input_cost, const std::string& portable) {
        auto udf = std::make_shared<ScalarUdf>();
        if (!portable.empty()) udf->portable = [portable] { return portable; };
        if (!large_input.empty()) {
          udf->large_input = session::find_udf(large_input);
          if (!udf->large_input) throw InternalError("internal error: no function " + large_input);
          udf->large_input_rows = large_input_rows;
          udf->large_input_cost = large_input_cost;
        }
        udf->engine_name = engine_name;
        for (const auto& d : arg_dtypes) udf->arg_types.push_back(dtype_named(d));
        udf->result_type = dtype_named(result_dtype);
        bool fast = true;
        for (const auto& d : udf->arg_types) fast = fast && python::fast_dtype(d);
        udf->call = [rows_fn = hold(std::move(rows)), finish_fn = hold(std::move(finish)),
                     batch_fn = hold(std::move(batch)), fast, arg_types = udf->arg_types,
                     result_type = udf->result_type](ArrowSchema* args_schema, ArrowArray* args,
                                                     ArrowSchema* result_schema, ArrowArray* result) {
          auto out_array = reinterpret_cast<uintptr_t>(result);
          auto out_schema = reinterpret_cast<uintptr_t>(result_schema);
          // The common dtypes cross as Python objects made in C++ from the Arrow buffers, and
          // the results are written straight into the result's (see udf_values.hpp); the
          // others, and results needing the careful conversion, through pyarrow.
          python::ArrowColumns in;
          bool read = fast && in.read(arg_types, *args_schema, *args);
          std::function<void()> work = [&] {
            EngineThreadGil gil;
            try {
              if (!read) {
                (*batch_fn)(reinterpret_cast<uintptr_t>(args), reinterpret_cast<uintptr_t>(args_schema), out_array,
                            out_schema);
              } else {
                nb::object columns = in.to_lists();
                nb::object values = (*rows_fn)(columns);
                if (!python::lists_to_arrow(values, result_type, result_schema, result)) {
                  (*finish_fn)(values, columns, out_array, out_schema);
                }
              }
            } catch (nb::python_error& e) {
              std::string message = e.what();
              nb::object value = nb::borrow(e.value());
              throw PythonUdfError(message, hold(std::move(value)));
            }
          };
          udf_call_cpu_ns() = PythonWork::run(work);
        };
        session::register_udf(std::move(udf));
      },
      nb::arg("engine_name"), nb::arg("arg_dtypes"), nb::arg("result_dtype"), nb::arg("rows"), nb::arg("finish"),
      nb::arg("batch"), nb::arg("large_input") = "", nb::arg("large_input_rows") = 0, nb::arg("large_input_cost") = 0.0,
      nb::arg("portable") = "",
      "Makes a Python function callable in queries as `engine_name`. Arguments of the common dtypes "
      "reach `rows(columns)` as lists of Python values made in C++, and it returns the list of "
      "results (the function is called in a Python comprehension, cormorant.udf.call_rows); "
      "`finish(values, columns, result_array, result_schema)` exports results that need the careful "
      "conversion (it names the row of a value of the wrong type); `batch(args_array, args_schema, "
      "result_array, result_schema)` does it all for dtypes converted by pyarrow (the addresses of "
      "Arrow C structs). A query feeding it more than `large_input_rows` rows runs the rest with the "
      "registered function `large_input` (the routine in worker processes) if the rows it computed "
      "itself cost at least `large_input_cost` seconds of CPU each (0: whatever they cost). `portable`: "
      "the routine's portable description (Function.portable), how a Spark executor runs it; empty "
      "for a plain Python function, which runs in this process only.");
  m.def(
      "udf_latest_run",
      [](const std::string& engine_name) -> nb::object {
        auto udf = session::find_udf(engine_name);
        if (!udf) return nb::none();
        std::shared_ptr<const UdfRunCounts> c;
        {
          std::lock_guard<std::mutex> lock(udf->latest_run->mutex);
          c = udf->latest_run->counts;
        }
        if (!c) return nb::none();
        nb::dict d;
        d["sequence"] = c->sequence;
        d["rows"] = c->rows.load();
        d["large_input_rows"] = c->large_input_rows.load();
        d["measured_rows"] = c->measured_rows.load();
        d["cpu_seconds"] = static_cast<double>(c->cpu_ns.load()) / 1e9;
        d["large_input_after_rows"] = udf->large_input_rows;
        d["large_input_cost"] = udf->large_input_cost;
        return std::move(d);
      },
      nb::arg("engine_name"),
      "What the latest query calling function `engine_name` (registered with a large_input) fed it: "
      "{sequence, rows, large_input_rows, measured_rows, cpu_seconds, large_input_after_rows, "
      "large_input_cost}, or None before any query.");

  m.def("create_routine", [](const Session& s, nb::dict info) {
    RoutineInfo r = routine_info(info);
    bool created = false;
    {
      nb::gil_scoped_release release;  // the catalog's locks: never wait for them holding the GIL
      created = s.create_routine(r);
    }
    return std::make_pair(created, routine_dict(r));
  }, nb::arg("session"), nb::arg("info"), "Stores a routine; returns (created, the stored entry).");
  nb::class_<Function>(m, "Function")
      .def("__init__",
           [](Function* f, nb::dict info, int workers, const std::string& python) {
             RoutineInfo r = routine_info(info);
             new (f) Function(std::move(r), workers, python);
           },
           nb::arg("info"), nb::arg("workers"), nb::arg("python"))
      .def(
          "engine_function",
          [](const Function& f, std::optional<std::vector<std::string>> row_names,
             const std::vector<std::string>& row_dtypes) {
            std::vector<DType> dtypes;
            for (const auto& d : row_dtypes) dtypes.push_back(dtype_named(d));
            return f.engine_function(row_names ? &*row_names : nullptr, dtypes);
          },
          nb::arg("row_names").none(), nb::arg("row_dtypes"),
          "The engine function running the routine in the worker pool, registered on first use.")
      .def(
          "portable",
          [](const Function& f, std::optional<std::vector<std::string>> row_names,
             const std::vector<std::string>& row_dtypes) {
            std::vector<DType> dtypes;
            for (const auto& d : row_dtypes) dtypes.push_back(dtype_named(d));
            return f.portable(row_names ? &*row_names : nullptr, dtypes, true);
          },
          nb::arg("row_names").none(), nb::arg("row_dtypes"),
          "The routine's portable description (how a Spark executor runs it) for rows with these labels "
          "(Python literals, repr) and dtypes, or None and [] for values.");

  m.def(
      "worker_stats",
      [](const std::string& python, bool reset) {
        auto pool = functions::WorkerPool::shared(python, 1);
        nb::list out;
        for (const auto& st : pool->stats()) {
          nb::dict d;
          d["pid"] = st.pid;
          d["calls"] = st.calls;
          d["rows"] = st.rows;
          d["busy_seconds"] = st.busy_seconds;
          out.append(d);
        }
        if (reset) pool->reset_stats();
        return out;
      },
      nb::arg("python"), nb::arg("reset"),
      "What each worker process of the pool running `python` computed: [{pid, calls, rows, "
      "busy_seconds}], busy from sending a call to reading its reply; `reset` starts the counts anew.");

  // -- remote functions and the function service ------------------------------------------
  m.def(
      "deploy_remote_function",
      [](const Session& s, nb::dict info, bool skip_connection_check, int64_t max_functions,
         std::vector<std::string> pip_args, std::string python, bool reuse) {
        RoutineInfo r = routine_info(info);
        RemoteDeployOptions options{skip_connection_check, max_functions, std::move(pip_args), std::move(python), reuse};
        bool created = false;
        {
          nb::gil_scoped_release release;
          created = s.deploy_remote_function(r, options);
        }
        return std::make_pair(created, routine_dict(r));
      },
      nb::arg("session"), nb::arg("info"), nb::arg("skip_connection_check"), nb::arg("max_functions"),
      nb::arg("pip_args"), nb::arg("python"), nb::arg("reuse"),
      "Deploys a routine on the warehouse's function service; returns (created, the stored entry).");
  m.def(
      "create_remote_function",
      [](const Session& s, nb::dict info, bool skip_connection_check) {
        RoutineInfo r = routine_info(info);
        bool created = false;
        {
          nb::gil_scoped_release release;
          created = s.create_remote_function(r, skip_connection_check);
        }
        return std::make_pair(created, routine_dict(r));
      },
      nb::arg("session"), nb::arg("info"), nb::arg("skip_connection_check"));
  m.def(
      "remote_engine_function",
      [](const Session& s, const std::string& routine_id, const std::string& python,
         std::optional<std::vector<std::string>> row_names, const std::vector<std::string>& row_dtypes) {
        std::vector<DType> dtypes;
        for (const auto& d : row_dtypes) dtypes.push_back(dtype_named(d));
        nb::gil_scoped_release release;
        Function f = s.read_function(routine_id, 0, python);
        return f.engine_function(row_names ? &*row_names : nullptr, dtypes);
      },
      nb::arg("session"), nb::arg("routine_id"), nb::arg("python"), nb::arg("row_names").none(), nb::arg("row_dtypes"),
      "The engine function calling remote routine `routine_id`, registered on first use.");
  m.def("list_connections", [](const Session& s) {
    std::vector<ConnectionInfo> all;
    {
      nb::gil_scoped_release release;
      all = s.list_connections();
    }
    nb::list out;
    for (const auto& c : all) {
      nb::dict d;
      d["name"] = c.name;
      d["created"] = c.created;
      out.append(d);
    }
    return out;
  }, nb::arg("session"));
  m.def("create_connection", [](const Session& s, const std::string& name) { return s.create_connection(name).name; },
        nb::arg("session"), nb::arg("name"), nb::call_guard<nb::gil_scoped_release>());
  m.def("delete_connection", [](const Session& s, const std::string& name) { s.delete_connection(name); },
        nb::arg("session"), nb::arg("name"), nb::call_guard<nb::gil_scoped_release>());
  m.def("grant_invoke", [](const Session& s, const std::string& id, const std::string& c) { s.grant_invoke(id, c); },
        nb::arg("session"), nb::arg("routine_id"), nb::arg("connection"), nb::call_guard<nb::gil_scoped_release>());
  m.def("revoke_invoke", [](const Session& s, const std::string& id, const std::string& c) { s.revoke_invoke(id, c); },
        nb::arg("session"), nb::arg("routine_id"), nb::arg("connection"), nb::call_guard<nb::gil_scoped_release>());
  m.def(
      "serve",
      [](const std::string& warehouse, const std::string& host, int port, const std::string& python,
         std::optional<int> max_queue, std::optional<int64_t> max_body_bytes) {
        nb::gil_scoped_release release;
        functions::serve(serve_options(warehouse, host, port, python, max_queue, max_body_bytes));
      },
      nb::arg("warehouse"), nb::arg("host"), nb::arg("port"), nb::arg("python"), nb::arg("max_queue").none() = nb::none(),
      nb::arg("max_body_bytes").none() = nb::none(),
      "Runs the function service of `warehouse` until SIGTERM or SIGINT (see functions/service.hpp).");
  m.def("find_service", [](const std::string& warehouse) -> std::optional<std::pair<std::string, int64_t>> {
    auto a = functions::find_service(warehouse);
    if (!a) return std::nullopt;
    return std::make_pair(a->url(), a->pid);
  }, nb::arg("warehouse"), "(url, pid) of the warehouse's running function service, or None.");
  m.def("ensure_service", [](const std::string& warehouse, const std::string& python, std::optional<int> max_queue,
                             std::optional<int64_t> max_body_bytes) {
    nb::gil_scoped_release release;
    auto a = functions::ensure_service(serve_options(warehouse, "127.0.0.1", 0, python, max_queue, max_body_bytes));
    return std::make_pair(a.url(), a.pid);
  }, nb::arg("warehouse"), nb::arg("python"), nb::arg("max_queue").none() = nb::none(),
     nb::arg("max_body_bytes").none() = nb::none());
  m.def("stop_service", [](const std::string& warehouse) {
    nb::gil_scoped_release release;
    return functions::stop_service(warehouse);
  }, nb::arg("warehouse"), "Stops the warehouse's function service; False when none ran.");
  m.def("deployed_functions", [](const std::string& warehouse) { return functions::deployed_functions(warehouse); },
        nb::arg("warehouse"), "What the running service hosts (JSON text).");
  m.def("default_warehouse", [] { return session::default_warehouse().string(); },
        "The default warehouse directory ($CORMORANT_WAREHOUSE, else XDG_DATA_HOME's or ~/.local/share's).");
  m.def("all_routines", [](const std::string& warehouse) {
    storage::Warehouse w(warehouse);
    nb::list out;
    for (const auto& r : w.all_routines()) out.append(routine_dict(r));
    return out;
  }, nb::arg("warehouse"));

  for (bool checked : {false, true}) {
    m.def(checked ? "read_routine" : "describe_routine",
          [checked](const Session& s, const std::string& id) {
            RoutineInfo r;
            {
              nb::gil_scoped_release release;
              r = checked ? s.read_routine(id) : s.describe_routine(id);
            }
            return routine_dict(r);
          },
          nb::arg("session"), nb::arg("routine_id"),
          checked ? "A stored routine to run; refuses code that does not match its hash (UdfDefinitionError)."
                  : "A stored routine.");
  }
  m.def("routine_keys",
        [](nb::dict info, const std::string& normalized_code, const std::string& kind) {
          RoutineInfo r = routine_info(info);
          return std::make_pair(storage::code_hash(r.source), storage::routine_identity(r, normalized_code, kind));
        },
        nb::arg("info"), nb::arg("normalized_code"), nb::arg("kind"),
        "(code_hash, identity) of a routine (storage::routine_identity of its normalized code).");
  m.def("list_routines", &list_routines_of, nb::arg("session"), nb::arg("dataset"),
        nb::call_guard<nb::gil_scoped_release>());
  m.def("delete_routine", [](const Session& s, const std::string& id) { s.delete_routine(id); }, nb::arg("session"),
        nb::arg("routine_id"), nb::call_guard<nb::gil_scoped_release>());
}
