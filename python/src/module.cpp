// The Python binding of the C++ API (module cormorant._core). The pandas-style surface lives
// in the Python package; this file converts values and errors, once each.
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <cormorant/cormorant.hpp>

#include <cstring>

namespace nb = nanobind;
using namespace cormorant;

namespace {

/// Python exception classes of cormorant.exceptions, by ErrorKind.
PyObject* exception_classes[8] = {};

void load_exception_classes() {
  nb::module_ exc = nb::module_::import_("cormorant.exceptions");
  const char* names[8] = {"InvalidArgumentError", "ColumnNotFoundError", "DTypeError", "SourceNotFoundError",
                          "ParserError", "UnsupportedError", "ExecutionError", "InternalError"};
  for (int i = 0; i < 8; ++i) {
    exception_classes[i] = nb::object(exc.attr(names[i])).release().ptr();  // kept for the process' life
  }
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

/// A query result on its way to Python: exposes the Arrow PyCapsule stream protocol once.
struct ArrowResult {
  std::optional<Table> table;
};

nb::object export_stream(ArrowResult& r, nb::handle /*requested_schema*/) {
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

ArrowResult run(const DataFrame& df) {
  nb::gil_scoped_release release;
  return ArrowResult{df.to_table()};
}

DataFrame read_arrow(const Session& s, nb::handle capsule) {
  auto* source = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule.ptr(), "arrow_array_stream"));
  if (!source) throw nb::python_error();
  ArrowArrayStream stream = *source;  // take ownership; the capsule's destructor sees it released
  source->release = nullptr;
  return s.read_arrow(&stream);
}

}  // namespace

NB_MODULE(_core, m) {
  m.doc() = "cormorant's C++ core";
  load_exception_classes();
  nb::register_exception_translator([](const std::exception_ptr& p, void*) {
    try {
      std::rethrow_exception(p);
    } catch (const Error& e) {
      PyErr_SetString(exception_classes[static_cast<int>(e.kind())], e.what());
    }
  });

  nb::class_<ArrowResult>(m, "ArrowResult")
      .def("__arrow_c_stream__", &export_stream, nb::arg("requested_schema") = nb::none());

  nb::class_<Session>(m, "Session")
      .def("__init__",
           [](Session* self, const std::string& warehouse, int threads) {
             new (self) Session(SessionOptions{warehouse, threads});
           },
           nb::arg("warehouse") = "", nb::arg("threads") = 0)
      .def_prop_ro("id", &Session::id)
      .def_prop_ro("warehouse", [](const Session& s) { return s.context()->warehouse().string(); })
      .def("read_csv",
           [](const Session& s, const std::string& path, const std::string& sep, bool header,
              std::vector<std::string> na_values, std::vector<std::string> usecols) {
             if (sep.size() != 1) throw InvalidArgumentError("sep must be a single character, got '" + sep + "'");
             CsvOptions o;
             o.delimiter = sep[0];
             o.header = header;
             o.na_values = std::move(na_values);
             o.usecols = std::move(usecols);
             return s.read_csv(path, o);
           },
           nb::arg("path"), nb::arg("sep") = ",", nb::arg("header") = true, nb::arg("na_values") = std::vector<std::string>{},
           nb::arg("usecols") = std::vector<std::string>{})
      .def("read_parquet", &Session::read_parquet, nb::arg("path"))
      .def("read_arrow", &read_arrow, nb::arg("stream_capsule"));

  nb::class_<DataFrame>(m, "DataFrame")
      .def("column", [](const DataFrame& d, const std::string& c) { return d[c]; })
      .def("select", [](const DataFrame& d, const std::vector<std::string>& cs) { return d[cs]; })
      .def("filter", [](const DataFrame& d, const Series& mask) { return d[mask]; })
      .def("assign_series", [](const DataFrame& d, const std::string& n, const Series& s) { return d.assign(n, s); })
      .def("assign_value", [](const DataFrame& d, const std::string& n, nb::handle v) { return d.assign(n, to_value(v)); })
      .def("astype", [](const DataFrame& d, const std::string& t) { return d.astype(to_dtype(t)); })
      .def("astype_columns",
           [](const DataFrame& d, const std::map<std::string, std::string>& m) {
             std::map<std::string, DType> dtypes;
             for (const auto& [k, v] : m) dtypes[k] = to_dtype(v);
             return d.astype(dtypes);
           })
      .def("rename", &DataFrame::rename)
      .def("drop", &DataFrame::drop)
      .def("head", &DataFrame::head)
      .def("limit",
           [](const DataFrame& d, int64_t limit, int64_t offset) {
             return DataFrame(d.context(), std::make_shared<plan::LimitNode>(d.plan(), limit, offset));
           })
      .def_prop_ro("shape", &DataFrame::shape)
      .def_prop_ro("columns", &DataFrame::columns)
      .def_prop_ro("dtypes",
                   [](const DataFrame& d) {
                     std::vector<std::pair<std::string, std::string>> out;
                     for (const auto& f : d.dtypes()) out.emplace_back(f.name, std::string(dtype_name(f.dtype)));
                     return out;
                   })
      .def_prop_ro("sql", &DataFrame::sql)
      .def("to_arrow", &run)
      .def("to_string", [](const DataFrame& d, int64_t max_rows) {
        nb::gil_scoped_release release;
        return d.to_string(max_rows);
      }, nb::arg("max_rows") = 60);

  nb::class_<Series>(m, "Series")
      .def_prop_ro("name", &Series::name)
      .def_prop_ro("dtype", [](const Series& s) { return std::string(dtype_name(s.dtype())); })
      .def("rename", &Series::rename)
      .def("astype", [](const Series& s, const std::string& t) { return s.astype(to_dtype(t)); })
      .def("binary",
           [](const Series& s, const std::string& op, nb::handle other) {
             if (nb::isinstance<Series>(other)) return s.binary(to_binary_op(op), nb::cast<const Series&>(other));
             return s.binary(to_binary_op(op), to_value(other));
           })
      .def("rbinary", [](const Series& s, const std::string& op, nb::handle other) {
        return s.reverse_binary(to_binary_op(op), to_value(other));
      })
      .def("unary", [](const Series& s, const std::string& op) { return s.unary(to_unary_op(op)); })
      .def("filter", [](const Series& s, const Series& mask) { return s[mask]; })
      .def("head", &Series::head)
      .def_prop_ro("size", &Series::size)
      .def("to_frame", &Series::to_frame)
      .def_prop_ro("sql", &Series::sql);
}
