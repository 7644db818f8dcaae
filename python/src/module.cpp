// The Python binding of the C++ API (module cormorant._core). The pandas-style surface lives
// in the Python package; the binding converts values (convert.hpp) and errors (here), once
// each. This file binds the session and the top-level functions; frame.cpp and series.cpp the
// frames, udf.cpp the functions runtime.
#include "convert.hpp"

#include <cormorant/common/unicode.hpp>

#include <signal.h>

#include <chrono>

using namespace cormorant;
using namespace cormorant::python;

void bind_udf(nb::module_& m);          // python/src/udf.cpp
void bind_spark(nb::module_& m);        // python/src/spark.cpp
bool set_udf_error(const cormorant::Error& error);  // python/src/udf.cpp

namespace {

/// Python exception classes of cormorant.exceptions, by ErrorKind, looked up on first use
/// (cormorant.exceptions makes UnalignableError, a pandas IndexingError, only when asked, so
/// that importing cormorant does not import pandas).
constexpr int kErrorKinds = 28;
// In the order of cormorant::ErrorKind.
constexpr const char* kErrorClassNames[kErrorKinds] = {"InvalidArgumentError", "ColumnNotFoundError", "DTypeError", "SourceNotFoundError",
                                  "ParserError",          "UnsupportedError",    "ExecutionError", "InternalError",
                                  "IndexOutOfBoundsError", "LabelNotFoundError", "UnalignableError", "NullIndexError",
                                  "OrderRequiredError",   "NotFoundError",       "TableExistsError", "QueryTooLargeError",
                                  "TooManyPartitionsError", "DataFileChangedError",
                                  "ArithmeticOverflowError", "FileWriteError",
                                  "CorruptTableError",    "SessionActiveError",
                                  "PlanTooDeepError",     "QueryInterruptedError", "UdfExecutionError",
                                  "RemoteFunctionError",  "UdfDefinitionError",  "EngineConnectionError"};
PyObject* exception_classes[kErrorKinds] = {};

PyObject* exception_class(ErrorKind kind) {
  const int i = static_cast<int>(kind);
  if (exception_classes[i] == nullptr) {
    nb::module_ exc = nb::module_::import_("cormorant.exceptions");
    exception_classes[i] = nb::object(exc.attr(kErrorClassNames[i])).release().ptr();  // kept for the process' life
  }
  return exception_classes[i];
}

/// Engine queries check this about every 50 ms: Ctrl-C (or another signal whose Python
/// handler raises) stops the query and leaves the exception pending; the binding raises it.
bool python_signal_pending() {
  nb::gil_scoped_acquire gil;
  return PyErr_Occurred() != nullptr || PyErr_CheckSignals() != 0;  // (pending: see python_progress)
}

/// Python's main thread (the one Ctrl-C's KeyboardInterrupt reaches), by Python's thread ident.
unsigned long main_thread_ident = 0;
/// The SIGINT handler Python installed, which chained_sigint calls after noting the signal.
struct sigaction python_sigint {};

/// Runs Python's own handler, which makes Ctrl-C a KeyboardInterrupt, then notes it for the
/// engine (a query on the main thread stops even inside one long engine task). In that order:
/// the query's end finds the KeyboardInterrupt pending (the exception translator raises it).
void chained_sigint(int sig, siginfo_t* info, void* context) {
  if (python_sigint.sa_flags & SA_SIGINFO) {
    python_sigint.sa_sigaction(sig, info, context);
  } else {
    python_sigint.sa_handler(sig);
  }
  engine::signal_arrived();
}

/// The engine's SignalWatch: queries started on the main thread may be stopped by Ctrl-C
/// inside a long task. Puts chained_sigint in front of the SIGINT handler installed now (again
/// after Python's signal.signal replaced it); none when SIGINT is ignored or left to the system.
bool watch_ctrl_c() {
  if (PyThread_get_thread_ident() != main_thread_ident) return false;
  struct sigaction now {};
  if (sigaction(SIGINT, nullptr, &now) != 0) return false;
  if ((now.sa_flags & SA_SIGINFO) && now.sa_sigaction == &chained_sigint) return true;
  if (!(now.sa_flags & SA_SIGINFO) && (now.sa_handler == SIG_DFL || now.sa_handler == SIG_IGN)) return false;
  python_sigint = now;
  struct sigaction ours = now;
  ours.sa_flags |= SA_SIGINFO;
  ours.sa_sigaction = &chained_sigint;
  return sigaction(SIGINT, &ours, nullptr) == 0;
}

/// Queries that run longer than a moment report their progress to cormorant.progress.report
/// (which shows a bar, or not, as cpd.options.display.progress_bar says). Its errors are
/// dropped, but a Ctrl-C is not lost: one that arrives during the report stays pending for the
/// signal check to stop the query (after a query's last report: raised once the call returns),
/// and one the check left pending is kept across the report.
void python_progress(const engine::QueryProgress& p) {
  nb::gil_scoped_acquire gil;
  static PyObject* report = nullptr;  // (kept for the life of the process)
  PyObject *type, *value, *trace;
  PyErr_Fetch(&type, &value, &trace);
  try {
    if (!report) report = nb::object(nb::module_::import_("cormorant.progress").attr("report")).release().ptr();
    nb::handle fn(report);
    fn(p.percent, p.rows_done, p.rows_total, p.seconds, p.finished);
  } catch (nb::python_error& e) {
    if (e.matches(PyExc_KeyboardInterrupt) && !type) {
      if (!p.finished) {
        e.restore();
        return;
      }
      PyErr_SetInterrupt();
    }
  }
  PyErr_Restore(type, value, trace);
}

OrderingMode ordering_mode_of(const std::string& mode) {
  if (mode == "strict") return OrderingMode::Strict;
  if (mode == "partial") return OrderingMode::Partial;
  throw InvalidArgumentError("ordering_mode must be \"strict\" or \"partial\", got \"" + mode + "\"");
}

/// read_table's filters from Python: a list of lists of (column, op, value or list of values).
ReadFilters to_filters(const nb::list& groups) {
  ReadFilters out;
  for (nb::handle g : groups) {
    std::vector<ReadFilter> conjunction;
    for (nb::handle t : g) {
      nb::tuple item = nb::cast<nb::tuple>(t);
      if (item.size() != 3) throw InvalidArgumentError("each filter is a (column, op, value) tuple");
      ReadFilter f{nb::cast<std::string>(item[0]), nb::cast<std::string>(item[1]), {}};
      if (nb::isinstance<nb::list>(item[2]) || nb::isinstance<nb::tuple>(item[2])) {
        for (nb::handle v : item[2]) f.values.push_back(to_value(v));
      } else {
        f.values.push_back(to_value(item[2]));
      }
      conjunction.push_back(std::move(f));
    }
    out.push_back(std::move(conjunction));
  }
  return out;
}

DataFrame read_arrow(const Session& s, nb::handle capsule, const std::vector<std::string>& index_columns,
                     const std::vector<std::optional<Label>>& index_names, const std::vector<Label>& labels,
                     const std::vector<PyColumnLevel>& column_levels, const nb::list& categoricals) {
  // (column, categories, their dtype, ordered, their pandas dtype) of each categorical column
  std::map<std::string, DType> dtypes;
  for (nb::handle c : categoricals) {
    auto t = nb::cast<nb::tuple>(c);
    dtypes.emplace(nb::cast<std::string>(t[0]), to_categorical(nb::cast<nb::list>(t[1]), nb::cast<std::string>(t[2]),
                                                               nb::cast<bool>(t[3]), nb::cast<std::string>(t[4])));
  }
  auto* source = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
  if (!source) throw nb::python_error();
  ArrowArrayStream stream = *source;  // take ownership; the capsule's destructor sees it released
  source->release = nullptr;
  auto levels = from_py(column_levels);
  // Reading takes the session's lock: without the GIL, or a query of this session calling a
  // Python function on an engine thread would wait for the GIL while this waits for the lock.
  // (The producer of the stream takes the GIL itself if it needs it.)
  nb::gil_scoped_release release;
  return s.read_arrow(&stream, index_columns, index_names, labels, levels, dtypes);
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "cormorant's C++ core";
  engine::set_interrupt_check(&python_signal_pending);
  main_thread_ident = nb::cast<unsigned long>(nb::module_::import_("threading").attr("main_thread")().attr("ident"));
  engine::set_signal_watch(&watch_ctrl_c);
  engine::set_progress_report(&python_progress, std::chrono::milliseconds(0));
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const Error& e) {
      // A query stopped by Ctrl-C: the KeyboardInterrupt the signal check raised is pending, or
      // is raised now (a signal the check did not see: the query stopped by the signal watcher
      // before a check ran on this thread); a QueryInterruptedError instead would leave the
      // KeyboardInterrupt to strike later, anywhere in the user's code.
      if (e.kind() == ErrorKind::Interrupted && (PyErr_Occurred() || PyErr_CheckSignals() != 0)) return;
      if (set_udf_error(e)) return;
      if (const auto* c = dynamic_cast<const EngineConnectionError*>(&e)) {
        nb::object exc = nb::handle(exception_class(e.kind()))(e.what(), c->address());
        PyErr_SetObject(exception_class(e.kind()), exc.ptr());
        return;
      }
      PyErr_SetString(exception_class(e.kind()), e.what());
    }
  });
  bind_udf(m);
  bind_spark(m);

  nb::class_<Moment>(m, "Moment")
      .def("__init__", [](Moment* self, const std::string& dtype, const std::string& iso) {
        new (self) Moment{to_dtype(dtype), iso};
      }, nb::arg("dtype"), nb::arg("iso"))
      .def_prop_ro("dtype", [](const Moment& mo) { return dtype_name(mo.dtype); })
      .def_ro("iso", &Moment::iso);
  nb::class_<PyResult>(m, "Result")
      .def("__arrow_c_stream__", &export_stream, nb::arg("requested_schema") = nb::none())
      .def_ro("index_names", &PyResult::index_names)
      .def_ro("labels", &PyResult::labels)
      .def_ro("column_levels", &PyResult::column_levels)
      .def_ro("default_index", &PyResult::default_index);

  nb::class_<BatchReader>(m, "BatchReader").def("next", [](BatchReader& r) -> std::optional<PyResult> {
    nb::gil_scoped_release release;
    auto batch = r.next();
    if (!batch) return std::nullopt;
    return py_result(std::move(*batch));
  });

  nb::class_<QueryStats>(m, "QueryStats")
      .def_ro("sql", &QueryStats::sql)
      .def_ro("dry_run", &QueryStats::dry_run)
      .def_ro("bytes_processed", &QueryStats::bytes_processed)
      .def_ro("files_scanned", &QueryStats::files_scanned)
      .def_ro("files_total", &QueryStats::files_total)
      .def_ro("row_groups_scanned", &QueryStats::row_groups_scanned)
      .def_ro("row_groups_total", &QueryStats::row_groups_total)
      .def_ro("rows", &QueryStats::rows)
      .def_ro("elapsed_seconds", &QueryStats::elapsed_seconds)
      .def_ro("pushed_down", &QueryStats::pushed_down);

  nb::class_<Session>(m, "Session")
      .def("__init__",
           [](Session* self, const std::string& warehouse, int threads, const std::string& ordering_mode,
              std::optional<int64_t> maximum_bytes_billed, int64_t max_partitions, const std::string& engine,
              const std::string& spark_remote, int64_t spark_frame_bytes) {
             SessionOptions o;
             if (engine == "spark") {
               o.engine = Engine::Spark;
             } else if (engine != "duckdb") {
               throw InvalidArgumentError("engine must be \"duckdb\" or \"spark\", got \"" + engine + "\"");
             }
             o.spark_remote = spark_remote;
             o.spark_frame_bytes = spark_frame_bytes;
             o.warehouse = warehouse;
             o.threads = threads;
             o.ordering_mode = ordering_mode_of(ordering_mode);
             o.maximum_bytes_billed = maximum_bytes_billed;
             o.max_partitions = max_partitions;
             new (self) Session(o);
           },
           nb::arg("warehouse") = "", nb::arg("threads") = 0, nb::arg("ordering_mode") = "strict",
           nb::arg("maximum_bytes_billed") = nb::none(), nb::arg("max_partitions") = 10000,
           nb::arg("engine") = "duckdb", nb::arg("spark_remote") = "", nb::arg("spark_frame_bytes") = 16 << 20)
      .def_prop_ro("id", &Session::id)
      .def_prop_ro("engine", [](const Session& s) {
        return std::string(s.context()->engine() == Engine::Spark ? "spark" : "duckdb");
      })
      .def("close", &Session::close, release_gil())
      .def_prop_rw("ordering_mode",
                   [](const Session& s) { return std::string(s.ordering_mode() == OrderingMode::Strict ? "strict" : "partial"); },
                   [](Session& s, const std::string& mode) { s.set_ordering_mode(ordering_mode_of(mode)); })
      .def_prop_rw("maximum_bytes_billed", &Session::maximum_bytes_billed, &Session::set_maximum_bytes_billed,
                   nb::arg("bytes").none())
      .def_prop_rw("max_partitions", &Session::max_partitions, &Session::set_max_partitions)
      // Both may read the engine's log (the stats are measured when first asked for) and wait
      // for another thread's query: without the GIL.
      .def_prop_ro("last_query",
                   [](const Session& s) {
                     nb::gil_scoped_release release;
                     return s.last_query();
                   })
      .def_prop_ro("totals",
                   [](const Session& s) {
                     SessionTotals t;
                     {
                       nb::gil_scoped_release release;
                       t = s.totals();
                     }
                     nb::dict d;
                     d["queries"] = t.queries;
                     d["bytes_processed"] = t.bytes_processed;
                     d["elapsed_seconds"] = t.elapsed_seconds;
                     return d;
                   })
      .def_prop_ro("engine_statements", &Session::engine_statements)
      .def("read_table",
           [](const Session& s, const std::string& table_id, const std::vector<std::string>& index_col,
              const std::vector<std::string>& columns, const nb::list& filters, bool null_index) {
             ReadTableOptions o;
             o.index_col = index_col;
             o.columns = columns;
             o.filters = to_filters(filters);
             o.default_index = null_index ? DefaultIndexKind::Null : DefaultIndexKind::SequentialInt64;
             nb::gil_scoped_release release;
             return s.read_table(table_id, o);
           },
           nb::arg("table_id"), nb::arg("index_col"), nb::arg("columns"), nb::arg("filters"), nb::arg("null_index"))
      .def("describe_table",
           [](const Session& s, const std::string& id) {
             TableInfo info;
             {
               nb::gil_scoped_release release;
               info = s.describe_table(id);
             }
             return table_info(info);
           })
      .def("list_datasets", &Session::list_datasets, release_gil())
      .def("list_tables", &Session::list_tables, nb::arg("dataset"), release_gil())
      .def("create_dataset", &Session::create_dataset, nb::arg("dataset"), release_gil())
      .def("drop_table", &Session::drop_table, nb::arg("table_id"), release_gil())
      .def("clean_up_by_session_id", &Session::clean_up_by_session_id, nb::arg("session_id"), release_gil())
      .def_prop_ro("warehouse", [](const Session& s) { return s.context()->warehouse().string(); })
      .def("read_csv",
           [](const Session& s, const std::string& path, const std::string& sep, bool header,
              std::vector<std::string> na_values, const std::vector<std::string>& index_col, const std::string& encoding) {
             if (sep.size() != 1) throw InvalidArgumentError("sep must be a single character, got '" + sep + "'");
             CsvOptions o;
             o.delimiter = sep[0];
             o.header = header;
             o.na_values = std::move(na_values);
             o.encoding = encoding;
             return s.read_csv(path, o, index_col);
           },
           nb::arg("path"), nb::arg("sep") = ",", nb::arg("header") = true, nb::arg("na_values") = std::vector<std::string>{},
           nb::arg("index_col") = std::vector<std::string>{}, nb::arg("encoding") = "utf-8", release_gil())
      .def("read_parquet",
           [](const Session& s, const std::string& path, bool null_index) {
             return s.read_parquet(path, null_index ? DefaultIndexKind::Null : DefaultIndexKind::SequentialInt64);
           },
           nb::arg("path"), nb::arg("null_index") = false, release_gil())
      .def("parquet_key_values",
           [](const Session& s, const std::string& path, const std::string& key) {
             nb::gil_scoped_release release;
             return PyResult{s.parquet_key_values(path, key), {}, {}, {}, false};
           },
           nb::arg("path"), nb::arg("key"))
      .def("read_arrow", &read_arrow, nb::arg("stream_capsule"), nb::arg("index_columns"), nb::arg("index_names"),
           nb::arg("labels"), nb::arg("column_levels"), nb::arg("categoricals") = nb::list())
      .def("read_sql", &Session::read_sql, nb::arg("sql"), release_gil())
      .def("interrupt", &Session::interrupt, release_gil())
      .def("read_json", &Session::read_json, nb::arg("path"), nb::arg("convert_dates") = true, release_gil())
      .def("execute_sql", [](const Session& s, const std::string& sql) {
        nb::gil_scoped_release release;
        return PyResult{s.execute_sql(sql), {}, {}, {}, false};
      });

  bind_frame(m);

  m.def("regex_class", [](const std::string& name, bool negate) { return cormorant::unicode::regex_class(name, negate); }, nb::arg("name"), nb::arg("negate"),
        "The inside of an RE2 character class matching what Python's re matches with \\d, \\w or \\s.");
  m.def("unicode_version", [] { return std::string(cormorant::unicode::unicode_version()); });
  m.def("concat", &cormorant::concat, nb::arg("frames"), nb::arg("ignore_index"));
  m.def("melt", &cormorant::melt, nb::arg("frame"), nb::arg("id_vars"), nb::arg("value_vars"), nb::arg("var_name"),
        nb::arg("value_name"));
  m.def("pivot_table",
        [](const DataFrame& d, const std::vector<Label>& index, const Label& columns, const std::vector<Label>& values,
           const std::string& func, nb::handle fill_value, bool aggregate, bool value_level) {
          PivotOptions o{index, columns, values, value_level, to_agg(func), std::nullopt, aggregate};
          if (!fill_value.is_none()) o.fill_value = to_value(fill_value);
          nb::gil_scoped_release release;
          return cormorant::pivot_table(d, o);
        },
        nb::arg("frame"), nb::arg("index"), nb::arg("columns").none(), nb::arg("values"), nb::arg("func"),
        nb::arg("fill_value").none(), nb::arg("aggregate"), nb::arg("value_level"));
  m.def("get_dummies",
        [](const DataFrame& d, const std::vector<Label>& columns, const std::vector<std::optional<std::string>>& prefixes,
           const std::string& sep, const std::string& dtype, bool drop_first) {
          DType t = to_dtype(dtype);
          nb::gil_scoped_release release;
          return cormorant::get_dummies(d, columns, prefixes, sep, t, drop_first);
        },
        nb::arg("frame"), nb::arg("columns"), nb::arg("prefixes"), nb::arg("prefix_sep"), nb::arg("dtype"),
        nb::arg("drop_first"));

  bind_series(m);
}
