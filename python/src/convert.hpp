#pragma once
// Conversions between Python and the C++ API, shared by the binding's files (module.cpp: the
// session and top-level functions; frame.cpp: DataFrame; series.cpp: Series and GroupBy).
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <cormorant/cormorant.hpp>

#include <optional>
#include <string>
#include <vector>

namespace nb = nanobind;

namespace nanobind::detail {

/// pandas labels <-> Label: str, int (numpy integers too), float, bool, None, tuples of
/// these, and Timestamps, Timedeltas and dates (through cormorant.temporal_labels). Anything
/// else does not convert (the Python package checks labels first and raises cormorant's own
/// error).
template <>
struct type_caster<cormorant::Label> {
  NB_TYPE_CASTER(cormorant::Label, const_name("Label"))

  static bool convert(handle src, cormorant::Label& out) noexcept {
    PyObject* o = src.ptr();
    if (src.is_none()) {
      out = cormorant::Label();
    } else if (PyBool_Check(o)) {
      out = cormorant::Label::boolean(o == Py_True);
    } else if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* text = PyUnicode_AsUTF8AndSize(o, &size);
      if (!text) {
        PyErr_Clear();
        return false;
      }
      out = cormorant::Label(std::string(text, static_cast<size_t>(size)));  // NUL characters included
    } else if (PyFloat_Check(o)) {
      out = cormorant::Label::floating(PyFloat_AsDouble(o));
    } else if (PyTuple_Check(o)) {
      std::vector<cormorant::Label> items;
      for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(o); ++i) {
        cormorant::Label item;
        if (!convert(PyTuple_GET_ITEM(o, i), item)) return false;
        items.push_back(std::move(item));
      }
      out = cormorant::Label::tuple(std::move(items));
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
      out = cormorant::Label(static_cast<int64_t>(v));
    } else {
      return temporal(src, out);
    }
    return true;
  }

  /// A Timestamp, Timedelta or date: cormorant.temporal_labels.parts gives its core
  /// dtype, value, str() and repr(), or None for any other object (which does not convert).
  static bool temporal(handle src, cormorant::Label& out) noexcept {
    try {
      nanobind::object parts = nanobind::module_::import_("cormorant.temporal_labels").attr("parts")(src);
      if (parts.is_none()) return false;
      nanobind::tuple t = nanobind::borrow<nanobind::tuple>(parts);
      out = cormorant::Label::temporal(nanobind::cast<std::string>(t[0]), nanobind::cast<int64_t>(t[1]),
                                       nanobind::cast<std::string>(t[2]), nanobind::cast<std::string>(t[3]));
      return true;
    } catch (...) {
      PyErr_Clear();
      return false;
    }
  }

  bool from_python(handle src, uint8_t, cleanup_list*) noexcept { return convert(src, value); }

  static handle from_cpp(const cormorant::Label& l, rv_policy, cleanup_list*) noexcept {
    switch (l.kind()) {
      case cormorant::Label::Kind::None: return none().release();
      case cormorant::Label::Kind::Bool: return bool_(l.truth()).release();
      case cormorant::Label::Kind::Int: return PyLong_FromLongLong(l.integer());
      case cormorant::Label::Kind::Float: return PyFloat_FromDouble(l.real());
      case cormorant::Label::Kind::String: return PyUnicode_FromStringAndSize(l.str().data(), static_cast<Py_ssize_t>(l.str().size()));
      case cormorant::Label::Kind::Temporal:
        try {  // the pandas Timestamp, Timedelta or date (cormorant.temporal_labels.label)
          return nanobind::module_::import_("cormorant.temporal_labels")
              .attr("label")(l.temporal_dtype(), l.integer())
              .release();
        } catch (nanobind::python_error& e) {
          e.restore();
          return handle();
        } catch (...) {
          return handle();
        }
      case cormorant::Label::Kind::Tuple: {
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

namespace cormorant::python {

/// A level of the columns axis in Python: (name, dtype name or None).
using PyColumnLevel = std::pair<std::optional<Label>, std::optional<std::string>>;

/// A query result on its way to Python: exposes the Arrow PyCapsule stream protocol once,
/// and says which leading columns are the index.
struct PyResult {
  std::optional<Table> table;
  std::vector<std::optional<Label>> index_names;
  std::vector<Label> labels;
  std::vector<PyColumnLevel> column_levels;  ///< the columns axis' levels
  bool default_index = false;
};

/// Releases the GIL around a call that may run a query (the query runs without it, so other
/// Python threads and engine callbacks into Python can proceed).
using release_gil = nb::call_guard<nb::gil_scoped_release>;

/// A Python scalar as a Value; None and pandas.NA are <NA>.
Value to_value(nb::handle h);
/// Each item of `items` as a Value.
std::vector<Value> to_values(const nb::list& items);
/// A Value as a Python scalar (timestamps as their ISO text).
nb::object to_python(const Value& v);
/// The dtype of a core dtype name (DTypeError for others).
DType to_dtype(const std::string& name);
/// A dtype from Python: a core dtype name, or a categorical's (categories, their dtype name,
/// ordered, their pandas dtype) (see cormorant._convert.core_dtype).
DType py_to_dtype(nb::handle h);
/// pandas' CategoricalDtype from Python: its categories (Python scalars), their dtype's core
/// name, `ordered` and their pandas dtype where the core name does not say it (Categories::pandas).
DType to_categorical(const nb::list& categories, const std::string& values_dtype, bool ordered,
                     const std::string& pandas);
/// A categorical dtype for Python: (categories, their dtype name, ordered, their pandas dtype);
/// None for other dtypes.
nb::object py_categories(const DType& d);
/// The binary operator of an operator method's name (add, sub, eq, and, ...).
plan::BinaryOp to_binary_op(const std::string& name);
/// The unary operator of neg, invert, abs, isna or notna.
plan::UnaryOp to_unary_op(const std::string& name);
/// The columns axis' levels for Python, and back.
std::vector<PyColumnLevel> to_py(const std::vector<ColumnLevel>& levels);
std::vector<ColumnLevel> from_py(const std::vector<PyColumnLevel>& levels);
/// The aggregate named `name`; idxmax/idxmin (which give row labels) and quantile (which takes
/// a q) only where `extra` (reductions and groupby aggregations).
AggFunc to_agg(const std::string& name, bool extra = false);
/// A window operation's options, given by WindowSpec's names as keyword arguments (periods,
/// min_periods, agg, method, ascending, na_option, pct, center, limit, limit_area, fill_value,
/// com, adjust, ignore_na), as WindowSpec (api/window.cpp).
WindowSpec to_window_spec(const std::string& op, const nb::kwargs& options);
/// A query's result on its way to Python.
PyResult py_result(Result&& r);
/// The Arrow PyCapsule stream of a result (once).
nb::object export_stream(PyResult& r, nb::handle requested_schema);
/// Holds a Python object in C++ state that any thread may destroy (the GIL is taken to free it).
std::shared_ptr<nb::object> hold(nb::object o);
/// Runs `df`'s query without the GIL.
PyResult run(const DataFrame& df);
/// A table's description as a dict (describe_table, to_table).
nb::dict table_info(const TableInfo& info);

/// Binds DataFrame (frame.cpp).
void bind_frame(nb::module_& m);
/// Binds GroupBy and Series (series.cpp).
void bind_series(nb::module_& m);

}  // namespace cormorant::python
