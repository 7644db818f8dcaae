// Conversions between Python and the C++ API (see convert.hpp).
#include "convert.hpp"

#include <algorithm>

namespace cormorant::python {

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

std::shared_ptr<nb::object> hold(nb::object o) {
  return std::shared_ptr<nb::object>(new nb::object(std::move(o)), [](nb::object* p) {
    if (Py_IsInitialized()) {
      nb::gil_scoped_acquire gil;
      delete p;
    } else {
      (void)p->release();  // the interpreter is gone: nothing to free
      delete p;
    }
  });
}

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

WindowSpec to_window_spec(const std::string& op, const nb::kwargs& options) {
  WindowSpec spec{op};
  std::string method = "average", na_option = "keep", limit_area = "any";
  for (auto [key, value] : options) {
    std::string name = nb::cast<std::string>(key);
    if (name == "periods") {
      spec.periods = nb::cast<int64_t>(value);
    } else if (name == "min_periods") {
      if (!value.is_none()) spec.min_periods = nb::cast<int64_t>(value);
    } else if (name == "agg") {
      spec.agg = to_agg(nb::cast<std::string>(value));
    } else if (name == "method") {
      method = nb::cast<std::string>(value);
    } else if (name == "ascending") {
      spec.ascending = nb::cast<bool>(value);
    } else if (name == "na_option") {
      na_option = nb::cast<std::string>(value);
    } else if (name == "pct") {
      spec.pct = nb::cast<bool>(value);
    } else if (name == "center") {
      spec.center = nb::cast<bool>(value);
    } else if (name == "limit") {
      if (!value.is_none()) spec.limit = nb::cast<int64_t>(value);
    } else if (name == "limit_area") {
      if (!value.is_none()) limit_area = nb::cast<std::string>(value);
    } else if (name == "fill_value") {
      spec.fill_value = to_value(value);
    } else if (name == "com") {
      spec.com = nb::cast<double>(value);
    } else if (name == "adjust") {
      spec.adjust = nb::cast<bool>(value);
    } else if (name == "ignore_na") {
      spec.ignore_na = nb::cast<bool>(value);
    } else if (name == "ddof") {
      spec.ddof = nb::cast<int64_t>(value);
    } else if (name == "closed") {
      std::string closed = value.is_none() ? "right" : nb::cast<std::string>(value);
      static const std::pair<const char*, plan::WindowClosed> ends[] = {
          {"right", plan::WindowClosed::Right}, {"both", plan::WindowClosed::Both},
          {"left", plan::WindowClosed::Left},   {"neither", plan::WindowClosed::Neither}};
      auto end = std::find_if(std::begin(ends), std::end(ends), [&](const auto& e) { return closed == e.first; });
      if (end == std::end(ends)) throw InvalidArgumentError("closed must be 'right', 'left', 'both' or 'neither'");
      spec.closed = end->second;
    } else if (name == "offset_us") {
      if (!value.is_none()) spec.offset_us = nb::cast<int64_t>(value);
    } else if (name == "on") {
      if (!value.is_none()) spec.on = nb::cast<Label>(value);
    } else {
      throw InvalidArgumentError("window: unknown option '" + name + "'");
    }
  }
  static const std::pair<const char*, plan::RankMethod> methods[] = {
      {"average", plan::RankMethod::Average}, {"min", plan::RankMethod::Min},     {"max", plan::RankMethod::Max},
      {"first", plan::RankMethod::First},     {"dense", plan::RankMethod::Dense}};
  auto it = std::find_if(std::begin(methods), std::end(methods), [&](const auto& m) { return method == m.first; });
  if (it == std::end(methods)) {
    throw InvalidArgumentError("method must be one of average, min, max, first, dense (got '" + method + "')");
  }
  spec.method = it->second;
  if (na_option == "top") {
    spec.na_option = plan::RankNa::Top;
  } else if (na_option == "bottom") {
    spec.na_option = plan::RankNa::Bottom;
  } else if (na_option != "keep") {
    throw InvalidArgumentError("na_option must be one of 'keep', 'top', or 'bottom' (got '" + na_option + "')");
  }
  if (limit_area == "inside") {
    spec.limit_area = plan::FillArea::Inside;
  } else if (limit_area == "outside") {
    spec.limit_area = plan::FillArea::Outside;
  } else if (limit_area != "any") {
    throw InvalidArgumentError("limit_area must be one of 'inside', 'outside' or None (got '" + limit_area + "')");
  }
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

DType to_categorical(const nb::list& categories, const std::string& values_dtype, bool ordered,
                     const std::string& pandas) {
  return DType::categorical(to_values(categories), to_dtype(values_dtype), ordered, pandas);
}

DType py_to_dtype(nb::handle h) {
  if (nb::isinstance<nb::tuple>(h)) {
    auto t = nb::cast<nb::tuple>(h);
    return to_categorical(nb::cast<nb::list>(t[0]), nb::cast<std::string>(t[1]), nb::cast<bool>(t[2]),
                          nb::cast<std::string>(t[3]));
  }
  return to_dtype(nb::cast<std::string>(h));
}

nb::object py_categories(const DType& d) {
  if (d != DType::Categorical) return nb::none();
  const Categories& c = d.categories();
  nb::list values;
  for (const auto& v : c.values) values.append(to_python(v));
  return nb::make_tuple(values, std::string(dtype_name(c.dtype)), c.ordered, c.pandas);
}

}  // namespace cormorant::python
