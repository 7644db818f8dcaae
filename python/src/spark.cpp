// The Spark engine's adapter in the Python binding (issue 14): an engine::RemoteEngine that
// calls cormorant._spark.Runner, which drives pyspark's Spark Connect client. Spark's .proto
// files are not packaged as sources anywhere we may take them from, so the core reaches Spark
// through pyspark's client rather than speaking gRPC itself. The session calls the adapter
// without the GIL (the binding releases it around queries): each call takes it.
#include "convert.hpp"

#include <cormorant/engine/remote.hpp>

using namespace cormorant;
using cormorant::python::hold;

namespace {

class PySparkEngine final : public engine::RemoteEngine {
 public:
  PySparkEngine(nb::object runner, std::string address) : runner_(hold(std::move(runner))), address_(std::move(address)) {}
  ~PySparkEngine() override {
    if (!Py_IsInitialized()) return;
    nb::gil_scoped_acquire gil;
    // (the session may go while an exception is being raised: close() must not clear it, or
    // the interpreter raises a NULL exception and crashes)
    nb::error_scope pending;
    try {
      (*runner_).attr("close")();
    } catch (nb::python_error& e) {
      e.discard_as_unraisable(__func__);
    }
  }

  std::string address() const override { return address_; }

  void query(const std::string& sql, ArrowArrayStream* out) override {
    nb::gil_scoped_acquire gil;
    calling([&] {
      nb::object result = (*runner_).attr("query")(sql);
      nb::object capsule = result.attr("__arrow_c_stream__")();
      auto* source = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
      if (!source) throw nb::python_error();
      *out = *source;  // take ownership; the capsule's destructor sees it released
      source->release = nullptr;
    });
  }

  void create_view(const std::string& name, ArrowArrayStream* rows) override {
    auto* owned = new ArrowArrayStream(*rows);
    rows->release = nullptr;
    nb::gil_scoped_acquire gil;
    nb::capsule capsule(owned, "arrow_array_stream", [](void* p) noexcept {
      auto* s = static_cast<ArrowArrayStream*>(p);
      if (s->release) s->release(s);
      delete s;
    });
    calling([&] { (*runner_).attr("create_view")(name, capsule); });
  }

  void create_query_view(const std::string& name, const std::string& sql) override {
    nb::gil_scoped_acquire gil;
    calling([&] { (*runner_).attr("create_query_view")(name, sql); });
  }

  void drop_view(const std::string& name) override {
    nb::gil_scoped_acquire gil;
    calling([&] { (*runner_).attr("drop_view")(name); });
  }

  void write_parquet(const std::string& sql, const std::string& folder, const engine::ParquetLayout& layout,
                     const std::string& tag) override {
    nb::gil_scoped_acquire gil;
    calling([&] { (*runner_).attr("write_parquet")(sql, folder, layout.partition_column, layout.row_group_rows, tag); });
  }

  std::string session_address() const override {
    nb::gil_scoped_acquire gil;
    std::string out;
    const_cast<PySparkEngine*>(this)->calling([&] { out = nb::cast<std::string>((*runner_).attr("session_address")()); });
    return out;
  }

  bool interrupt_tagged(const std::string& tag) override {
    nb::gil_scoped_acquire gil;
    bool stopped = false;
    calling([&] { stopped = nb::cast<bool>((*runner_).attr("interrupt_tagged")(tag)); });
    return stopped;
  }

  void register_function(const std::string& name, const std::string& portable, const std::string& result_type) override {
    nb::gil_scoped_acquire gil;
    calling([&] { (*runner_).attr("register_function")(name, portable, result_type); });
  }

  engine::FilesRead files_read() override {
    nb::gil_scoped_acquire gil;
    engine::FilesRead out;
    calling([&] {
      nb::tuple read = nb::cast<nb::tuple>((*runner_).attr("files_read")());
      out = {nb::cast<int64_t>(read[0]), nb::cast<int64_t>(read[1])};
    });
    return out;
  }

  void interrupt() override {
    nb::gil_scoped_acquire gil;
    calling([&] { (*runner_).attr("interrupt")(); });
  }

 private:
  /// Runs `f` (with the GIL), turning the runner's cormorant.exceptions errors into the core's
  /// errors of the same kind: the binding raises them again as those classes. Ctrl-C stays
  /// pending as the KeyboardInterrupt the binding raises.
  template <class F>
  void calling(F&& f) {
    try {
      f();
    } catch (nb::python_error& e) {
      if (e.matches(PyExc_KeyboardInterrupt)) {
        e.restore();
        throw InterruptedError("the query on Spark was interrupted");
      }
      nb::module_ exc = nb::module_::import_("cormorant.exceptions");
      std::string message = nb::cast<std::string>(nb::str(e.value()));
      auto is = [&](const char* name) { return e.matches(exc.attr(name)); };
      if (is("EngineConnectionError")) throw EngineConnectionError(message, address_);
      if (is("UdfExecutionError")) {  // (a user function's failure on an executor)
        nb::handle v = e.value();
        std::string row = nb::cast<std::string>(
            nb::module_::import_("json").attr("dumps")(v.attr("input_row"), nb::arg("default") = nb::module_::import_("builtins").attr("repr")));
        throw UdfExecutionError(message, nb::cast<std::string>(v.attr("routine_id")),
                                nb::cast<std::string>(v.attr("python_traceback")), row);
      }
      if (is("RemoteFunctionError")) {
        nb::handle v = e.value();
        throw RemoteFunctionError(message, nb::cast<std::string>(v.attr("routine_id")), nb::cast<int>(v.attr("status")),
                                  nb::cast<std::string>(v.attr("error_message")));
      }
      if (is("QueryInterruptedError")) throw InterruptedError(message);
      if (is("UnsupportedError")) throw NotImplementedError(message);
      if (is("DTypeError")) throw DTypeError(message);
      if (is("InvalidArgumentError")) throw InvalidArgumentError(message);
      if (is("ArithmeticOverflowError")) throw OverflowError(message);
      if (is("CormorantError")) {
        // A check the query made on the data (sql_raise: Spark's raise_error, its message
        // tagged with the error's kind) is that kind of error, as on DuckDB; Spark adds its
        // error class before the message and its SQLSTATE after it.
        ErrorKind kind;
        std::string raised;
        if (parse_query_error(message, kind, raised)) {
          auto state = raised.rfind(" SQLSTATE: ");
          throw_error(kind, state == std::string::npos ? raised : raised.substr(0, state));
        }
        throw ExecutionError(message);
      }
      std::string type = nb::cast<std::string>(nb::str(e.type().attr("__name__")));
      throw InternalError("internal error: the Spark engine's adapter failed with " + type + ": " + message);
    }
  }

  std::shared_ptr<nb::object> runner_;
  std::string address_;
};

}  // namespace

/// Installs the adapter of sessions on the Spark engine (called from module.cpp).
void bind_spark(nb::module_&) {
  engine::set_remote_engine_factory([](const std::string& address) -> std::shared_ptr<engine::RemoteEngine> {
    nb::gil_scoped_acquire gil;
    nb::object runner;
    try {
      runner = nb::module_::import_("cormorant._spark").attr("Runner")(address);
    } catch (nb::python_error& e) {
      nb::module_ exc = nb::module_::import_("cormorant.exceptions");
      std::string message = nb::cast<std::string>(nb::str(e.value()));
      if (e.matches(exc.attr("EngineConnectionError"))) throw EngineConnectionError(message, address);
      if (e.matches(exc.attr("InvalidArgumentError"))) throw InvalidArgumentError(message);
      throw;  // (ImportError saying what to install: raised as it is)
    }
    return std::make_shared<PySparkEngine>(std::move(runner), address);
  });
}
