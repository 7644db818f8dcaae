// The Python binding of the C++ API (module cormorant._core). The pandas-style surface lives
// in the Python package; this file converts values and errors, once each.
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <cormorant/common/unicode.hpp>
#include <cormorant/cormorant.hpp>

#include <algorithm>
#include <cstring>

namespace nb = nanobind;
using namespace cormorant;

namespace nanobind::detail {

/// pandas labels <-> Label: str, int (numpy integers too), float, bool, None and tuples of
/// these. Anything else does not convert (the Python package checks labels first and raises
/// cormorant's own error).
template <>
struct type_caster<Label> {
  NB_TYPE_CASTER(Label, const_name("Label"))

  static bool convert(handle src, Label& out) noexcept {
    PyObject* o = src.ptr();
    if (src.is_none()) {
      out = Label();
    } else if (PyBool_Check(o)) {
      out = Label::boolean(o == Py_True);
    } else if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* text = PyUnicode_AsUTF8AndSize(o, &size);
      if (!text) {
        PyErr_Clear();
        return false;
      }
      out = Label(std::string(text, static_cast<size_t>(size)));  // NUL characters included
    } else if (PyFloat_Check(o)) {
      out = Label::floating(PyFloat_AsDouble(o));
    } else if (PyTuple_Check(o)) {
      std::vector<Label> items;
      for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); ++i) {
        Label item;
        if (!convert(PyTuple_GET_ITEM(o, i), item)) return false;
        items.push_back(std::move(item));
      }
      out = Label::tuple(std::move(items));
    } else if (PyLong_Check(o) || (PyIndex_Check(o) && !PyFloat_Check(o))) {
      PyObject* number = PyNumber_Index(o);
      if (!number) {
        PyErr_Clear();
        return false;
      }
      int overflow = 0;
      long long v = PyLong_AsLongLongAndOverflow(number, &overflow);
      Py_DECREF(number);
      if (overflow || (v == -1 && PyErr_Occurred())) {
        PyErr_Clear();
        return false;
      }
      out = Label(static_cast<int64_t>(v));
    } else {
      return false;
    }
    return true;
  }

  bool from_python(handle src, uint8_t, cleanup_list*) noexcept { return convert(src, value); }

  static handle from_cpp(const Label& l, rv_policy, cleanup_list*) noexcept {
    switch (l.kind()) {
      case Label::Kind::None: return none().release();
      case Label::Kind::Bool: return bool_(l.truth()).release();
      case Label::Kind::Int: return PyLong_FromLongLong(l.integer());
      case Label::Kind::Float: return PyFloat_FromDouble(l.real());
      case Label::Kind::String: return PyUnicode_FromStringAndSize(l.str().data(), static_cast<Py_ssize_t>(l.str().size()));
      case Label::Kind::Tuple: {
        PyObject* t = PyTuple_New(static_cast<Py_ssize_t>(l.items().size()));
        if (!t) return handle();
        for (size_t i = 0; i < l.items().size(); ++i) {
          handle item = from_cpp(l.items()[i], rv_policy::copy, nullptr);
          if (!item.ptr()) {
            Py_DECREF(t);
            return handle();
          }
          PyTuple_SET_ITEM(t, static_cast<Py_ssize_t>(i), item.ptr());
        }
        return t;
      }
    }
    return handle();
  }
};

}  // namespace nanobind::detail

void bind_udf(nb::module_& m);          // python/src/udf.cpp
bool set_udf_error(const cormorant::Error& error);  // python/src/udf.cpp

namespace {

/// Python exception classes of cormorant.exceptions, by ErrorKind, looked up on first use
/// (cormorant.exceptions makes UnalignableError, a pandas IndexingError, only when asked, so
/// that importing cormorant does not import pandas).
constexpr int kErrorKinds = 27;
// In the order of cormorant::ErrorKind.
constexpr const char* kErrorClassNames[kErrorKinds] = {"InvalidArgumentError", "ColumnNotFoundError", "DTypeError", "SourceNotFoundError",
                                  "ParserError",          "UnsupportedError",    "ExecutionError", "InternalError",
                                  "IndexOutOfBoundsError", "LabelNotFoundError", "UnalignableError", "NullIndexError",
                                  "OrderRequiredError",   "NotFoundError",       "TableExistsError", "QueryTooLargeError",
                                  "TooManyPartitionsError", "DataFileChangedError",
                                  "ArithmeticOverflowError", "FileWriteError",
                                  "CorruptTableError",    "SessionActiveError",
                                  "PlanTooDeepError",     "QueryInterruptedError", "UdfExecutionError",
                                  "RemoteFunctionError",  "UdfDefinitionError"};
PyObject* exception_classes[kErrorKinds] = {};

PyObject* exception_class(ErrorKind kind) {
  const int i = static_cast<int>(kind);
  if (exception_classes[i] == nullptr) {
    nb::module_ exc = nb::module_::import_("cormorant.exceptions");
    exception_classes[i] = nb::object(exc.attr(kErrorClassNames[i])).release().ptr();  // kept for the process' life
  }
  return exception_classes[i];
}

/// A Python scalar as a Value; None and pandas.NA are <NA>.
Value to_value(nb::handle h) {
  if (h.is_none()) return NA;
  if (PyBool_Check(h.ptr())) return h.ptr() == Py_True;
  if (PyLong_Check(h.ptr())) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(h.ptr(), &overflow);
    if (overflow) throw InvalidArgumentError("integer " + nb::cast<std::string>(nb::str(h)) + " does not fit in Int64");
    return static_cast<int64_t>(v);
  }
  if (PyFloat_Check(h.ptr())) return PyFloat_AsDouble(h.ptr());
  if (PyUnicode_Check(h.ptr())) return nb::cast<std::string>(h);
  if (nb::isinstance<Moment>(h)) return nb::cast<Moment>(h);
  std::string type = nb::cast<std::string>(nb::str(h.type().attr("__qualname__")));
  throw DTypeError("unsupported value of type '" + type + "'; use an int, float, bool, str or None");
}

DType to_dtype(const std::string& name) {
  if (auto d = parse_dtype(name)) return *d;
  throw DTypeError("dtype '" + name + "' is not supported; use one of Int64, Float64, boolean, string, datetime64[us]");
}

plan::BinaryOp to_binary_op(const std::string& name) {
  static const std::pair<const char*, plan::BinaryOp> ops[] = {
      {"add", plan::BinaryOp::Add},     {"sub", plan::BinaryOp::Sub},        {"mul", plan::BinaryOp::Mul},
      {"truediv", plan::BinaryOp::TrueDiv}, {"floordiv", plan::BinaryOp::FloorDiv}, {"mod", plan::BinaryOp::Mod},
      {"pow", plan::BinaryOp::Pow},     {"eq", plan::BinaryOp::Eq},          {"ne", plan::BinaryOp::Ne},
      {"lt", plan::BinaryOp::Lt},       {"le", plan::BinaryOp::Le},          {"gt", plan::BinaryOp::Gt},
      {"ge", plan::BinaryOp::Ge},       {"and", plan::BinaryOp::And},        {"or", plan::BinaryOp::Or},
      {"xor", plan::BinaryOp::Xor}};
  for (const auto& [n, op] : ops) {
    if (name == n) return op;
  }
  throw InternalError("internal error: unknown operator " + name);
}

plan::UnaryOp to_unary_op(const std::string& name) {
  if (name == "neg") return plan::UnaryOp::Negate;
  if (name == "invert") return plan::UnaryOp::Not;
  if (name == "abs") return plan::UnaryOp::Abs;
  if (name == "isna") return plan::UnaryOp::IsNull;
  if (name == "notna") return plan::UnaryOp::NotNull;
  throw InternalError("internal error: unknown operator " + name);
}

/// A level of the columns axis in Python: (name, dtype name or None).
using PyColumnLevel = std::pair<std::optional<Label>, std::optional<std::string>>;

std::vector<PyColumnLevel> to_py(const std::vector<ColumnLevel>& levels) {
  std::vector<PyColumnLevel> out;
  for (const auto& l : levels) {
    out.emplace_back(l.name, l.dtype ? std::optional<std::string>(std::string(dtype_name(*l.dtype))) : std::nullopt);
  }
  return out;
}

std::vector<ColumnLevel> from_py(const std::vector<PyColumnLevel>& levels) {
  std::vector<ColumnLevel> out;
  for (const auto& [name, dtype] : levels) out.push_back({name, dtype ? std::optional<DType>(to_dtype(*dtype)) : std::nullopt});
  return out;
}

/// A query result on its way to Python: exposes the Arrow PyCapsule stream protocol once,
/// and says which leading columns are the index.
struct PyResult {
  std::optional<Table> table;
  std::vector<std::optional<Label>> index_names;
  std::vector<Label> labels;
  std::vector<PyColumnLevel> column_levels;  ///< the columns axis' levels
  bool default_index = false;
};

PyResult py_result(Result&& r) {
  return PyResult{std::move(r.table), std::move(r.index_names), std::move(r.labels), to_py(r.column_levels),
                  r.default_index};
}

nb::object export_stream(PyResult& r, nb::handle /*requested_schema*/) {
  if (!r.table) throw InvalidArgumentError("this result was already consumed; run the query again");
  auto* stream = new ArrowArrayStream{};
  r.table->export_to(stream);
  r.table.reset();
  nb::capsule cap(stream, "arrow_array_stream", [](void* p) noexcept {
    auto* s = static_cast<ArrowArrayStream*>(p);
    if (s->release) s->release(s);
    delete s;
  });
  return cap;
}

/// Engine queries check this about every 50 ms: Ctrl-C (or another signal whose Python
/// handler raises) stops the query and leaves the exception pending; the binding raises it.
bool python_signal_pending() {
  nb::gil_scoped_acquire gil;
  return PyErr_Occurred() != nullptr || PyErr_CheckSignals() != 0;  // (pending: see python_progress)
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

/// Releases the GIL around a call that may run a query (the query runs without it, so other
/// Python threads and engine callbacks into Python can proceed).
using release_gil = nb::call_guard<nb::gil_scoped_release>;

PyResult run(const DataFrame& df) {
  nb::gil_scoped_release release;
  return py_result(df.to_result());
}

nb::object to_python(const Value& v) {
  switch (v.storage().index()) {
    case 0: return nb::none();
    case 1: return nb::bool_(v.get<bool>());
    case 2: return nb::int_(v.get<int64_t>());
    case 3: return nb::float_(v.get<double>());
    case 5: return nb::str(v.get<Moment>().iso.c_str());
    default: return nb::str(v.get<std::string>().c_str());
  }
}

/// The aggregate named `name`; idxmax/idxmin (which give row labels) and quantile (which takes
/// a q) only where `extra` (reductions and groupby aggregations).
AggFunc to_agg(const std::string& name, bool extra = false);

/// A window operation's options as WindowSpec (api/window.cpp).
WindowSpec to_window_spec(const std::string& op, int64_t periods, std::optional<int64_t> min_periods,
                          const std::string& agg, const std::string& method, bool ascending) {
  static const std::pair<const char*, plan::RankMethod> methods[] = {
      {"average", plan::RankMethod::Average}, {"min", plan::RankMethod::Min},     {"max", plan::RankMethod::Max},
      {"first", plan::RankMethod::First},     {"dense", plan::RankMethod::Dense}};
  WindowSpec spec{op, periods, min_periods, to_agg(agg)};
  auto it = std::find_if(std::begin(methods), std::end(methods), [&](const auto& m) { return method == m.first; });
  if (it == std::end(methods)) {
    throw InvalidArgumentError("method must be one of average, min, max, first, dense (got '" + method + "')");
  }
  spec.method = it->second;
  spec.ascending = ascending;
  return spec;
}

AggFunc to_agg(const std::string& name, bool extra) {
  if (extra && name == "idxmax") return AggFunc::IdxMax;
  if (extra && name == "idxmin") return AggFunc::IdxMin;
  if (extra && name == "quantile") return AggFunc::Quantile;
  if (extra && name == "corr") return AggFunc::Corr;
  if (extra && name == "cov") return AggFunc::Cov;
  static const std::pair<const char*, AggFunc> funcs[] = {
      {"sum", AggFunc::Sum},       {"mean", AggFunc::Mean},     {"min", AggFunc::Min},
      {"max", AggFunc::Max},       {"count", AggFunc::Count},   {"size", AggFunc::CountAll},
      {"std", AggFunc::Std},       {"var", AggFunc::Var},       {"median", AggFunc::Median},
      {"nunique", AggFunc::NUnique}, {"first", AggFunc::First}, {"last", AggFunc::Last},
      {"any", AggFunc::Any},       {"all", AggFunc::All},       {"prod", AggFunc::Prod},
      {"skew", AggFunc::Skew},     {"kurt", AggFunc::Kurt}};
  for (const auto& [n, f] : funcs) {
    if (name == n) return f;
  }
  throw NotImplementedError("aggregation '" + name +
                            "' is not supported; use one of sum, mean, min, max, count, size, std, var, median, "
                            "nunique, first, last, any, all, prod, skew, kurt");
}

std::vector<Value> to_values(const nb::list& items) {
  std::vector<Value> out;
  for (nb::handle h : items) out.push_back(to_value(h));
  return out;
}

OrderingMode ordering_mode_of(const std::string& mode) {
  if (mode == "strict") return OrderingMode::Strict;
  if (mode == "partial") return OrderingMode::Partial;
  throw InvalidArgumentError("ordering_mode must be \"strict\" or \"partial\", got \"" + mode + "\"");
}

/// A table's description as a dict (describe_table, to_table).
nb::dict table_info(const TableInfo& info) {
  nb::dict d;
  d["table_id"] = info.id();
  nb::list columns;
  for (const auto& c : info.columns) columns.append(nb::make_tuple(c.name, std::string(dtype_name(c.dtype))));
  d["columns"] = columns;
  d["partitioning"] = info.partitioning ? nb::cast(info.partitioning->to_string()) : nb::none();
  d["clustering"] = info.clustering;
  d["rows"] = info.rows();
  d["bytes"] = info.bytes();
  d["files"] = info.files.size();
  d["row_groups"] = info.row_groups();
  d["version"] = info.version;
  d["created"] = info.created;
  return d;
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

/// pandas' CategoricalDtype from Python: its categories (Python scalars), their dtype's core
/// name and `ordered`.
DType to_categorical(const nb::list& categories, const std::string& values_dtype, bool ordered) {
  return DType::categorical(to_values(categories), to_dtype(values_dtype), ordered);
}

/// A dtype from Python: a core dtype name, or a categorical's (categories, their dtype name,
/// ordered) (see cormorant._convert.core_dtype).
DType py_to_dtype(nb::handle h) {
  if (nb::isinstance<nb::tuple>(h)) {
    auto t = nb::cast<nb::tuple>(h);
    return to_categorical(nb::cast<nb::list>(t[0]), nb::cast<std::string>(t[1]), nb::cast<bool>(t[2]));
  }
  return to_dtype(nb::cast<std::string>(h));
}

/// A categorical dtype for Python: (categories, their dtype name, ordered); None for other dtypes.
nb::object py_categories(const DType& d) {
  if (d != DType::Categorical) return nb::none();
  const Categories& c = d.categories();
  nb::list values;
  for (const auto& v : c.values) values.append(to_python(v));
  return nb::make_tuple(values, std::string(dtype_name(c.dtype)), c.ordered);
}


DataFrame read_arrow(const Session& s, nb::handle capsule, const std::vector<std::string>& index_columns,
                     const std::vector<std::optional<Label>>& index_names, const std::vector<Label>& labels,
                     const std::vector<PyColumnLevel>& column_levels, const nb::list& categoricals) {
  std::map<std::string, DType> dtypes;  // (column, categories, their dtype, ordered) of each categorical column
  for (nb::handle c : categoricals) {
    auto t = nb::cast<nb::tuple>(c);
    dtypes.emplace(nb::cast<std::string>(t[0]),
                   to_categorical(nb::cast<nb::list>(t[1]), nb::cast<std::string>(t[2]), nb::cast<bool>(t[3])));
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
  engine::set_progress_report(&python_progress, std::chrono::milliseconds(0));
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const Error& e) {
      // A query stopped by Ctrl-C: the KeyboardInterrupt the signal check raised is pending.
      if (e.kind() == ErrorKind::Interrupted && PyErr_Occurred()) return;
      if (set_udf_error(e)) return;
      PyErr_SetString(exception_class(e.kind()), e.what());
    }
  });
  bind_udf(m);

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
              std::optional<int64_t> maximum_bytes_billed, int64_t max_partitions) {
             SessionOptions o;
             o.warehouse = warehouse;
             o.threads = threads;
             o.ordering_mode = ordering_mode_of(ordering_mode);
             o.maximum_bytes_billed = maximum_bytes_billed;
             o.max_partitions = max_partitions;
             new (self) Session(o);
           },
           nb::arg("warehouse") = "", nb::arg("threads") = 0, nb::arg("ordering_mode") = "strict",
           nb::arg("maximum_bytes_billed") = nb::none(), nb::arg("max_partitions") = 10000)
      .def_prop_ro("id", &Session::id)
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
      .def("read_arrow", &read_arrow, nb::arg("stream_capsule"), nb::arg("index_columns"), nb::arg("index_names"),
           nb::arg("labels"), nb::arg("column_levels"), nb::arg("categoricals") = nb::list())
      .def("read_sql", &Session::read_sql, nb::arg("sql"), release_gil())
      .def("interrupt", &Session::interrupt, release_gil())
      .def("read_json", &Session::read_json, nb::arg("path"), release_gil())
      .def("execute_sql", [](const Session& s, const std::string& sql) {
        nb::gil_scoped_release release;
        return PyResult{s.execute_sql(sql), {}, {}, {}, false};
      });

  nb::class_<DataFrame>(m, "DataFrame")
      .def_prop_ro("session", [](const DataFrame& d) { return Session::of(d); })
      .def("column", [](const DataFrame& d, const Label& c) { return d[c]; }, nb::arg("label").none())
      .def("column_level", &DataFrame::column_level, nb::arg("key").none())
      .def("select", [](const DataFrame& d, const std::vector<Label>& cs) { return d[cs]; })
      .def("filter", [](const DataFrame& d, const Series& mask) { return d[mask]; })
      .def("call_rows", &DataFrame::call_rows, nb::arg("function"))
      .def("assign_series", [](const DataFrame& d, const Label& n, const Series& s) { return d.assign(n, s); },
           nb::arg("name").none(), nb::arg("value"))
      .def("assign_value", [](const DataFrame& d, const Label& n, nb::handle v) { return d.assign(n, to_value(v)); },
           nb::arg("name").none(), nb::arg("value").none())
      .def("binary",
           [](const DataFrame& d, const std::string& op, nb::handle other, const std::string& axis, bool reflected,
              nb::handle fill_value, bool flex) {
             BinaryOptions o{reflected, std::nullopt, flex};
             if (!fill_value.is_none()) o.fill_value = to_value(fill_value);
             plan::BinaryOp bop = to_binary_op(op);
             if (nb::isinstance<DataFrame>(other)) return d.binary(bop, nb::cast<const DataFrame&>(other), o);
             if (nb::isinstance<Series>(other)) {
               const Series& s = nb::cast<const Series&>(other);
               nb::gil_scoped_release release;  // along the columns the Series runs first
               return d.binary(bop, s, axis == "index" ? Axis::Index : Axis::Columns, o);
             }
             if (nb::isinstance<nb::list>(other)) {  // (label, value) pairs along the columns
               std::vector<std::pair<Label, Value>> row;
               for (nb::handle item : nb::cast<nb::list>(other)) {
                 row.emplace_back(nb::cast<Label>(item[0]), to_value(item[1]));
               }
               return d.binary(bop, row, o);
             }
             return d.binary(bop, to_value(other), o);
           },
           nb::arg("op"), nb::arg("other").none(), nb::arg("axis"), nb::arg("reflected"), nb::arg("fill_value").none(),
           nb::arg("flex"))
      .def("set_cells",
           [](const DataFrame& d, std::optional<Series> rows, const std::vector<Label>& columns, nb::handle value,
              bool by_position) {
             if (nb::isinstance<Series>(value)) {
               const Series& v = nb::cast<const Series&>(value);
               nb::gil_scoped_release release;  // a mask from another object is checked by a query
               return d.set_cells(rows, columns, v, by_position);
             }
             Value v = to_value(value);
             nb::gil_scoped_release release;
             return d.set_cells(rows, columns, v);
           },
           nb::arg("rows").none(), nb::arg("columns"), nb::arg("value").none(), nb::arg("by_position") = false)
      .def("reindex",
           [](const DataFrame& d, std::optional<nb::list> labels, std::optional<std::vector<Label>> columns,
              nb::handle fill_value) {
             std::optional<std::vector<Value>> values;
             if (labels) values = to_values(*labels);
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return d.reindex(values, columns, fill);
           },
           nb::arg("labels").none(), nb::arg("columns").none(), nb::arg("fill_value").none())
      .def("combine_first", &DataFrame::combine_first, nb::arg("other"))
      .def("align",
           [](const DataFrame& d, const DataFrame& other, const std::string& join, std::optional<std::string> axis,
              nb::handle fill_value) {
             static const std::map<std::string, JoinHow> hows{
                 {"outer", JoinHow::Outer}, {"inner", JoinHow::Inner}, {"left", JoinHow::Left}, {"right", JoinHow::Right}};
             std::optional<Axis> ax;
             if (axis) ax = *axis == "index" ? Axis::Index : Axis::Columns;
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return d.align(other, hows.at(join), ax, fill);
           },
           nb::arg("other"), nb::arg("join"), nb::arg("axis").none(), nb::arg("fill_value").none())
      .def("update", &DataFrame::update, nb::arg("other"), nb::arg("overwrite"))
      .def("equals", &DataFrame::equals, nb::arg("other"), release_gil())
      .def("replace",
           [](const DataFrame& d, const nb::list& pairs, const std::vector<Label>& columns) {
             std::vector<std::pair<Value, Value>> items;
             for (nb::handle item : pairs) items.emplace_back(to_value(item[0]), to_value(item[1]));
             return d.replace(items, columns);
           },
           nb::arg("pairs"), nb::arg("columns"))
      .def("position_mask", &DataFrame::position_mask, release_gil())
      .def("slice_mask", &DataFrame::slice_mask, nb::arg("start").none(), nb::arg("stop").none(), nb::arg("step"),
           release_gil())
      .def("label_mask",
           [](const DataFrame& d, const nb::list& labels) {
             auto values = to_values(labels);
             nb::gil_scoped_release release;
             return d.label_mask(values);
           })
      .def("unary", [](const DataFrame& d, const std::string& op) { return d.unary(to_unary_op(op)); })
      .def("positive", &DataFrame::positive)
      .def("where",
           [](const DataFrame& d, const DataFrame& cond, nb::handle other, bool mask,
              std::optional<DataFrame> other_frame) { return d.where(cond, to_value(other), mask, other_frame); },
           nb::arg("cond"), nb::arg("other").none(), nb::arg("mask"), nb::arg("other_frame").none())
      .def("astype", [](const DataFrame& d, nb::handle t) { return d.astype(py_to_dtype(t)); })
      .def("categories_of", [](const DataFrame& d, const Label& c) { return py_categories(d[c].dtype()); },
           nb::arg("label").none())
      .def("astype_columns",
           [](const DataFrame& d, const std::map<Label, nb::object>& m) {
             std::map<Label, DType> dtypes;
             for (const auto& [k, v] : m) dtypes[k] = py_to_dtype(v);
             return d.astype(dtypes);
           })
      .def("rename", &DataFrame::rename)
      .def("drop", &DataFrame::drop)
      .def("head", &DataFrame::head, release_gil())
      .def("tail", &DataFrame::tail, release_gil())
      .def("iloc", &DataFrame::iloc, nb::arg("start").none(), nb::arg("stop").none(), nb::arg("step"), release_gil())
      .def("take", &DataFrame::take, release_gil())
      .def("take_mask", &DataFrame::take_mask, release_gil())
      .def("loc",
           [](const DataFrame& d, const nb::list& labels) {
             auto values = to_values(labels);
             nb::gil_scoped_release release;
             return d.loc(values);
           })
      .def("loc_slice",
           [](const DataFrame& d, nb::handle start, nb::handle stop) {
             Value from = to_value(start), to = to_value(stop);
             nb::gil_scoped_release release;
             return d.loc_slice(from, to);
           },
           nb::arg("start").none(), nb::arg("stop").none())
      .def("sort_values", &DataFrame::sort_values, release_gil())
      .def("sort_index", &DataFrame::sort_index, release_gil())
      .def("set_index", &DataFrame::set_index)
      .def("reset_index", &DataFrame::reset_index)
      .def("rename_axis", &DataFrame::rename_axis)
      .def("aggregate",
           [](const DataFrame& d, const std::string& func, bool skipna, bool numeric_only) {
             AggFunc f = to_agg(func, true);
             std::vector<std::pair<Label, Value>> values;
             {
               nb::gil_scoped_release release;
               values = d.aggregate(f, skipna, numeric_only);
             }
             nb::list out;
             for (const auto& [label, v] : values) {
               out.append(nb::make_tuple(label, to_python(v)));
             }
             return out;
           })
      .def("quantile",
           [](const DataFrame& d, double q) {
             std::vector<std::pair<Label, Value>> values;
             {
               nb::gil_scoped_release release;
               values = d.quantile(q);
             }
             nb::list out;
             for (const auto& [label, v] : values) out.append(nb::make_tuple(label, to_python(v)));
             return out;
           })
      .def("quantiles",
           [](const DataFrame& d, const std::vector<double>& qs) {
             std::vector<DataFrame::Quantiles> columns;
             {
               nb::gil_scoped_release release;
               columns = d.quantiles(qs);
             }
             nb::list out;
             for (const auto& c : columns) {
               nb::list values;
               for (const auto& v : c.values) values.append(to_python(v));
               out.append(nb::make_tuple(c.label, values, c.has_missing));
             }
             return out;
           })
      .def("pairwise",
           [](const DataFrame& d, const std::string& func, const std::vector<Label>& labels) {
             std::vector<Value> values;
             {
               nb::gil_scoped_release release;
               values = d.pairwise(func == "corr" ? AggFunc::Corr : AggFunc::Cov, labels);
             }
             nb::list out;
             for (const auto& v : values) out.append(to_python(v));
             return out;
           })
      .def("groupby", &DataFrame::groupby, release_gil())
      .def("window",
           [](const DataFrame& d, const std::string& op, const std::vector<Label>& columns, int64_t periods,
              std::optional<int64_t> min_periods, const std::string& agg, const std::string& method, bool ascending) {
             nb::gil_scoped_release release;
             return d.window(to_window_spec(op, periods, min_periods, agg, method, ascending), columns);
           },
           nb::arg("op"), nb::arg("columns"), nb::arg("periods") = 1, nb::arg("min_periods").none() = nb::none(),
           nb::arg("agg") = "sum", nb::arg("method") = "average", nb::arg("ascending") = true)
      .def("duplicated", &DataFrame::duplicated, release_gil())
      .def("drop_duplicates", &DataFrame::drop_duplicates, release_gil())
      .def("merge",
           [](const DataFrame& d, const DataFrame& right, const std::string& how, const std::vector<Label>& on,
              const std::vector<Label>& left_on, const std::vector<Label>& right_on,
              const std::pair<std::string, std::string>& suffixes, bool indicator, bool sort_outer) {
             nb::gil_scoped_release release;
             static const std::pair<const char*, MergeHow> hows[] = {{"inner", MergeHow::Inner},
                                                                     {"left", MergeHow::Left},
                                                                     {"right", MergeHow::Right},
                                                                     {"outer", MergeHow::Outer},
                                                                     {"cross", MergeHow::Cross}};
             for (const auto& [n, h] : hows) {
               if (how == n) return d.merge(right, MergeOptions{h, on, left_on, right_on, suffixes, indicator, sort_outer});
             }
             throw InvalidArgumentError("how must be one of inner, left, right, outer, cross; got '" + how + "'");
           })
      .def_prop_ro("shape",
                   [](const DataFrame& d) {
                     nb::gil_scoped_release release;
                     return d.shape();
                   })
      .def_prop_ro("columns", &DataFrame::columns)
      .def_prop_ro("default_index", &DataFrame::default_index)
      .def_prop_ro("index_names",
                   [](const DataFrame& d) {
                     std::vector<std::optional<Label>> out;
                     for (const auto& l : d.index()) out.push_back(l.name);
                     return out;
                   })
      .def_prop_ro("column_levels", [](const DataFrame& d) { return to_py(d.column_levels()); })
      .def_prop_ro("dtypes",
                   [](const DataFrame& d) {
                     std::vector<std::pair<Label, std::string>> out;
                     for (const auto& c : d.value_columns()) {
                       out.emplace_back(c.label, std::string(dtype_name(d.plan()->dtype_of(c.id))));
                     }
                     return out;
                   })
      .def_prop_ro("sql", &DataFrame::sql)
      .def("to_arrow", &run)
      .def("cache", &DataFrame::cache, release_gil())
      .def("to_table",
           [](const DataFrame& d, const std::string& table_id, std::optional<std::string> partition_by,
              const std::string& partition_unit, const std::vector<std::string>& cluster_by,
              const std::string& if_exists, int64_t row_group_size) {
             WriteOptions o;
             if (partition_by) {
               Partitioning p;
               p.column = *partition_by;
               if (partition_unit == "day") {
                 p.unit = Partitioning::Unit::Day;
               } else if (partition_unit == "month") {
                 p.unit = Partitioning::Unit::Month;
               } else if (partition_unit != "value") {
                 throw InvalidArgumentError("a partition unit is \"value\", \"day\" or \"month\", got \"" +
                                            partition_unit + "\"");
               }
               o.partitioning = p;
             }
             o.clustering = cluster_by;
             o.if_exists = if_exists;
             o.row_group_size = row_group_size;
             TableInfo info;
             {
               nb::gil_scoped_release release;
               info = d.to_table(table_id, o);
             }
             return table_info(info);
           },
           nb::arg("table_id"), nb::arg("partition_by").none(), nb::arg("partition_unit"), nb::arg("cluster_by"),
           nb::arg("if_exists"), nb::arg("row_group_size"))
      .def("peek", &DataFrame::peek, nb::arg("n"), release_gil())
      .def_prop_ro("ordered", [](const DataFrame& d) { return !d.plan()->ordering().empty(); })
      .def_prop_ro("last_query",
                   [](const DataFrame& d) {
                     nb::gil_scoped_release release;
                     return d.context()->last_query();
                   })
      .def("dry_run", &DataFrame::dry_run, release_gil())
      .def("explain", &DataFrame::explain, release_gil())
      .def("to_batches", &DataFrame::to_batches, nb::arg("rows"), release_gil())
      .def("to_parquet",
           [](const DataFrame& d, const std::string& path, bool index) {
             nb::gil_scoped_release release;
             d.to_parquet(path, index);
           })
      .def("to_csv",
           [](const DataFrame& d, const std::string& path, const std::string& sep, bool header, bool index) {
             if (sep.size() != 1) throw InvalidArgumentError("sep must be a single character, got '" + sep + "'");
             nb::gil_scoped_release release;
             d.to_csv(path, sep[0], header, index);
           })
      .def("to_string",
           [](const DataFrame& d, int64_t max_rows) {
             nb::gil_scoped_release release;
             return d.to_string(max_rows);
           },
           nb::arg("max_rows") = 60);

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

  nb::class_<GroupBy>(m, "GroupBy")
      .def("agg",
           [](const GroupBy& g, const std::vector<std::tuple<Label, Label, std::string, double, std::optional<Label>>>& specs) {
             std::vector<AggSpec> out;
             for (const auto& [label, column, func, q, other] : specs) out.push_back({label, column, to_agg(func, true), q, other});
             nb::gil_scoped_release release;
             return g.agg(out);
           })
      .def("size", &GroupBy::size, release_gil())
      .def("window",
           [](const GroupBy& g, const std::string& op, const std::vector<Label>& columns, bool group_index,
              int64_t periods, std::optional<int64_t> min_periods, const std::string& agg, const std::string& method,
              bool ascending) {
             WindowSpec spec = to_window_spec(op, periods, min_periods, agg, method, ascending);
             nb::gil_scoped_release release;
             return g.window(spec, columns, group_index);
           },
           nb::arg("op"), nb::arg("columns"), nb::arg("group_index") = false, nb::arg("periods") = 1,
           nb::arg("min_periods").none() = nb::none(), nb::arg("agg") = "sum", nb::arg("method") = "average",
           nb::arg("ascending") = true);

  nb::class_<Series>(m, "Series")
      .def_prop_ro("name", &Series::name)
      .def_prop_ro("dtype", [](const Series& s) { return std::string(dtype_name(s.dtype())); })
      .def("rename", &Series::rename, nb::arg("name").none())
      .def("astype", [](const Series& s, nb::handle t) { return s.astype(py_to_dtype(t)); })
      .def_prop_ro("categories", [](const Series& s) { return py_categories(s.dtype()); })
      .def("cat_codes", [](const Series& s) { return cat::codes(s); })
      .def("cat_rename_categories",
           [](const Series& s, const nb::list& v) { return cat::rename_categories(s, to_values(v)); })
      .def("cat_add_categories", [](const Series& s, const nb::list& v) { return cat::add_categories(s, to_values(v)); })
      .def("cat_remove_categories",
           [](const Series& s, const nb::list& v) { return cat::remove_categories(s, to_values(v)); })
      .def("cat_set_categories", [](const Series& s, const nb::list& v, std::optional<bool> ordered) {
             return cat::set_categories(s, to_values(v), ordered);
           })
      .def("cat_reorder_categories", [](const Series& s, const nb::list& v, std::optional<bool> ordered) {
             return cat::reorder_categories(s, to_values(v), ordered);
           })
      .def("cat_set_ordered", &cat::set_ordered)
      .def("binary",
           [](const Series& s, const std::string& op, nb::handle other) {
             if (nb::isinstance<Series>(other)) return s.binary(to_binary_op(op), nb::cast<const Series&>(other));
             return s.binary(to_binary_op(op), to_value(other));
           },
           nb::arg("op"), nb::arg("other").none())
      .def("rbinary",
           [](const Series& s, const std::string& op, nb::handle other) {
             return s.reverse_binary(to_binary_op(op), to_value(other));
           },
           nb::arg("op"), nb::arg("other").none())
      .def("flex",
           [](const Series& s, const std::string& op, const Series& other, nb::handle fill_value, bool reflected) {
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             return s.flex(to_binary_op(op), other, fill, reflected);
           },
           nb::arg("op"), nb::arg("other"), nb::arg("fill_value").none(), nb::arg("reflected"))
      .def("unary", [](const Series& s, const std::string& op) { return s.unary(to_unary_op(op)); })
      .def("positive", &Series::positive)
      .def("filter", [](const Series& s, const Series& mask) { return s[mask]; })
      .def("reindex",
           [](const Series& s, const nb::list& labels, nb::handle fill_value) {
             auto values = to_values(labels);
             std::optional<Value> fill;
             if (!fill_value.is_none()) fill = to_value(fill_value);
             nb::gil_scoped_release release;
             return s.reindex(values, fill);
           },
           nb::arg("labels"), nb::arg("fill_value").none())
      .def("combine_first", &Series::combine_first, nb::arg("other"))
      .def("update", &Series::update, nb::arg("other"))
      .def("equals", &Series::equals, nb::arg("other"), release_gil())
      .def("set_cells",
           [](const Series& s, std::optional<Series> rows, nb::handle value, bool by_position) {
             if (nb::isinstance<Series>(value)) {
               const Series& v = nb::cast<const Series&>(value);
               nb::gil_scoped_release release;
               return s.set_cells(rows, v, by_position);
             }
             Value v = to_value(value);
             nb::gil_scoped_release release;
             return s.set_cells(rows, v);
           },
           nb::arg("rows").none(), nb::arg("value").none(), nb::arg("by_position") = false)
      .def("call",
           [](const Series& s, const std::string& function, std::optional<Series> other, const nb::list& params) {
             auto values = to_values(params);
             nb::gil_scoped_release release;
             return s.call(function, other, values);
           },
           nb::arg("function"), nb::arg("other").none(), nb::arg("params"))
      .def("isin",
           [](const Series& s, const nb::list& values, bool na_matches) {
             auto items = to_values(values);
             nb::gil_scoped_release release;
             return s.isin(items, na_matches);
           },
           nb::arg("values"), nb::arg("na_matches"))
      .def("isin_series", [](const Series& s, const Series& values) { return s.isin(values); }, nb::arg("values"))
      .def("aggregate",
           [](const Series& s, const std::string& func, bool skipna) {
             AggFunc f = to_agg(func, true);
             Value v;
             {
               nb::gil_scoped_release release;
               v = s.aggregate(f, skipna);
             }
             return to_python(v);
           })
      .def_prop_ro("size",
                   [](const Series& s) {
                     nb::gil_scoped_release release;
                     return s.size();
                   })
      .def("window",
           [](const Series& s, const std::string& op, int64_t periods, std::optional<int64_t> min_periods,
              const std::string& agg, const std::string& method, bool ascending) {
             WindowSpec spec = to_window_spec(op, periods, min_periods, agg, method, ascending);
             nb::gil_scoped_release release;
             return s.window(spec);
           },
           nb::arg("op"), nb::arg("periods") = 1, nb::arg("min_periods").none() = nb::none(), nb::arg("agg") = "sum",
           nb::arg("method") = "average", nb::arg("ascending") = true)
      .def("to_frame", &Series::to_frame)
      .def("cache", &Series::cache, release_gil())
      .def_prop_ro("sql", &Series::sql);
}
