#include "udf_values.hpp"

#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>
#include <Python.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

#include <cormorant/common/error.hpp>
#include <cormorant/functions/portable.hpp>
#include <cormorant/functions/wire.hpp>

namespace nb = nanobind;

namespace cormorant::python {

namespace {

using functions::wire::Tag;

template <typename T>
T at(const char* values, size_t i) {
  T v;
  std::memcpy(&v, values + i * sizeof(T), sizeof v);
  return v;
}

bool bit(const void* bitmap, int64_t j) { return (static_cast<const uint8_t*>(bitmap)[j >> 3] >> (j & 7)) & 1; }

}  // namespace

int64_t ColumnView::item_start(int64_t j) const {
  return narrow ? at<int32_t>(values, static_cast<size_t>(j)) : at<int64_t>(values, static_cast<size_t>(j));
}

PyObject* ColumnView::value(size_t i) const {
  int64_t j = static_cast<int64_t>(i) + offset;
  if (valid != nullptr && !bit(valid, j)) return Py_NewRef(Py_None);
  switch (tag) {
    case Tag::kBool: return Py_NewRef(bit(values, j) ? Py_True : Py_False);
    case Tag::kInt64: return PyLong_FromLongLong(at<int64_t>(values, static_cast<size_t>(j)));
    case Tag::kFloat64: return PyFloat_FromDouble(at<double>(values, static_cast<size_t>(j)));
    default: {
      int64_t begin = item_start(j);
      auto size = static_cast<Py_ssize_t>(item_start(j + 1) - begin);
      return tag == Tag::kString ? PyUnicode_DecodeUTF8(data + begin, size, "strict")
                                 : PyBytes_FromStringAndSize(data + begin, size);
    }
  }
}

namespace {

/// The view of Arrow array `a` (format `format`) as a column of wire tag `tag`; false when the
/// format is not the one this reads for the tag.
bool view_arrow(Tag tag, const char* format, const ArrowArray& a, int64_t offset, ColumnView& c) {
  std::string_view f(format);
  bool narrow = f == "u" || f == "z";
  bool wide = f == "U" || f == "Z";
  bool ok = false;
  switch (tag) {
    case Tag::kBool: ok = f == "b"; break;
    case Tag::kInt64: ok = f == "l"; break;
    case Tag::kFloat64: ok = f == "g"; break;
    case Tag::kString: ok = (narrow || wide) && (f[0] == 'u' || f[0] == 'U'); break;
    case Tag::kBinary: ok = (narrow || wide) && (f[0] == 'z' || f[0] == 'Z'); break;
    default: ok = false;
  }
  if (!ok || a.n_buffers < ((tag == Tag::kString || tag == Tag::kBinary) ? 3 : 2)) return false;
  c.tag = tag;
  c.narrow = narrow;
  c.offset = offset + a.offset;
  c.valid = a.null_count == 0 ? nullptr : static_cast<const uint8_t*>(a.buffers[0]);
  c.values = static_cast<const char*>(a.buffers[1]);
  if (tag == Tag::kString || tag == Tag::kBinary) c.data = static_cast<const char*>(a.buffers[2]);
  return true;
}

// Floats hold every int up to 2**53 exactly; pyarrow converts those, and refuses or rounds
// larger ones, which the careful path then reports.
constexpr long long kExactInFloat = 1LL << 53;

/// An allocator whose resize leaves new elements uninitialised: the result writer writes every
/// row's bytes, so zeroing them first is wasted work.
template <typename T>
struct Uninitialised : std::allocator<T> {
  template <typename U>
  struct rebind {
    using other = Uninitialised<U>;
  };
  Uninitialised() = default;
  template <typename U>
  Uninitialised(const Uninitialised<U>&) noexcept {}
  template <typename U>
  void construct(U* p) noexcept {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... A>
  void construct(U* p, A&&... a) {
    ::new (static_cast<void*>(p)) U(std::forward<A>(a)...);
  }
};
using Bytes = std::vector<uint8_t, Uninitialised<uint8_t>>;

/// A result batch in Arrow form: the struct array's one column and the buffers it owns.
struct ArrowResult {
  std::vector<uint8_t> validity, bools;
  Bytes fixed;
  std::vector<uint64_t> offsets;
  std::string data;
  const char* format = "";
  const void* buffers[3] = {};
  const void* struct_buffers[1] = {nullptr};
  ArrowArray child{};
  ArrowSchema child_schema{};
  ArrowArray* children[1] = {};
  ArrowSchema* schema_children[1] = {};
};

void release_child(ArrowArray* a) { a->release = nullptr; }
void release_schema(ArrowSchema* s) { s->release = nullptr; }
void release_result(ArrowArray* a) {
  delete static_cast<ArrowResult*>(a->private_data);
  a->release = nullptr;
}

/// Flags of one byte each (0 or 1) as an Arrow bitmap.
std::vector<uint8_t> bitmap(const Bytes& flags) {
  std::vector<uint8_t> out((flags.size() + 7) / 8, 0);
  for (size_t i = 0; i < flags.size(); ++i) out[i >> 3] |= static_cast<uint8_t>(flags[i] << (i & 7));
  return out;
}

/// Writes results of one dtype as a one-column Arrow batch, value by value.
class ResultWriter {
 public:
  ResultWriter(const DType& dtype, size_t rows) : kind_(dtype.kind()), rows_(rows) {
    valid_.resize(rows);
    if (kind_ == DType::Boolean) fixed_.resize(rows);
    if (kind_ == DType::Int64 || kind_ == DType::Float64) fixed_.resize(8 * rows);
    if (kind_ == DType::String || kind_ == DType::Binary) {
      offsets_.reserve(rows + 1);
      offsets_.push_back(0);
      data_.reserve(16 * rows);
    }
  }

  /// Stores value `v` of row `i` (rows come in order). False when it is not exactly of a
  /// kind converted here; the writer is then of no further use.
  bool add(size_t i, PyObject* v) {
    valid_[i] = v != Py_None;
    switch (kind_) {
      case DType::Boolean:
        if (v != Py_True && v != Py_False && v != Py_None) return false;
        fixed_[i] = v == Py_True;
        return true;
      case DType::Int64:
      case DType::Float64: {
        bool is_float = kind_ == DType::Float64;
        int64_t as_int = 0;
        double as_float = 0;
        if (v == Py_None) {
        } else if (is_float && PyFloat_CheckExact(v)) {
          as_float = PyFloat_AS_DOUBLE(v);
        } else if (PyLong_CheckExact(v)) {  // exact: a bool or an int subclass takes the careful path
          int overflow = 0;
          long long x = PyLong_AsLongLongAndOverflow(v, &overflow);
          if (overflow != 0 || (is_float && (x > kExactInFloat || x < -kExactInFloat))) return false;
          as_int = x;
          as_float = static_cast<double>(x);
        } else {
          return false;
        }
        if (is_float) {
          std::memcpy(fixed_.data() + 8 * i, &as_float, 8);
        } else {
          std::memcpy(fixed_.data() + 8 * i, &as_int, 8);
        }
        return true;
      }
      case DType::String:
      case DType::Binary: {
        if (v != Py_None) {
          if (kind_ == DType::String && PyUnicode_CheckExact(v)) {
            Py_ssize_t size = 0;
            const char* p = PyUnicode_AsUTF8AndSize(v, &size);
            if (p == nullptr) {  // lone surrogates: the careful path names the row
              PyErr_Clear();
              return false;
            }
            data_.append(p, static_cast<size_t>(size));
          } else if (kind_ == DType::Binary && PyBytes_CheckExact(v)) {
            data_.append(PyBytes_AS_STRING(v), static_cast<size_t>(PyBytes_GET_SIZE(v)));
          } else {
            return false;
          }
        }
        offsets_.push_back(data_.size());
        return true;
      }
      default: return false;
    }
  }

  /// The results, once every row was added, as a struct array with one child (column "r")
  /// owning the writer's buffers (the writer is of no further use).
  void finish(ArrowSchema* schema, ArrowArray* out) {
    auto r = std::make_unique<ArrowResult>();
    auto n = static_cast<int64_t>(rows_);
    r->validity = bitmap(valid_);
    int64_t nulls = n;
    for (uint8_t v : valid_) nulls -= v;
    int nbuffers = 2;
    r->buffers[0] = r->validity.data();
    switch (kind_) {
      case DType::Boolean:
        r->bools = bitmap(fixed_);
        r->buffers[1] = r->bools.data();
        r->format = "b";
        break;
      case DType::Int64:
      case DType::Float64:
        r->fixed = std::move(fixed_);
        r->buffers[1] = r->fixed.data();
        r->format = kind_ == DType::Int64 ? "l" : "g";
        break;
      default:
        r->offsets = std::move(offsets_);
        r->data = std::move(data_);
        r->buffers[1] = r->offsets.data();
        r->buffers[2] = r->data.data();
        r->format = kind_ == DType::String ? "U" : "Z";
        nbuffers = 3;
    }
    r->child = ArrowArray{n, nulls, 0, nbuffers, 0, r->buffers, nullptr, nullptr, release_child, nullptr};
    r->child_schema = ArrowSchema{r->format, "r", nullptr, ARROW_FLAG_NULLABLE, 0, nullptr, nullptr,
                                  release_schema, nullptr};
    r->children[0] = &r->child;
    r->schema_children[0] = &r->child_schema;
    *schema = ArrowSchema{"+s", "", nullptr, 0, 1, r->schema_children, nullptr, release_schema, nullptr};
    ArrowResult* raw = r.release();
    *out = ArrowArray{n, 0, 0, 1, 1, raw->struct_buffers, raw->children, nullptr, release_result, raw};
  }

 private:
  DType::Kind kind_;
  size_t rows_;
  Bytes valid_, fixed_;  // every row's bytes are written
  std::vector<uint64_t> offsets_;
  std::string data_;
};

}  // namespace

bool fast_dtype(const DType& d) {
  switch (d.kind()) {
    case DType::Boolean:
    case DType::Int64:
    case DType::Float64:
    case DType::String:
    case DType::Binary: return true;
    default: return false;
  }
}

namespace {

/// The columns as a Python list of lists of their values.
nb::object columns_to_lists(size_t n, const std::vector<ColumnView>& columns) {
  nb::list out;
  for (const auto& c : columns) {
    nb::object list = nb::steal(PyList_New(static_cast<Py_ssize_t>(n)));
    if (!list.is_valid()) throw nb::python_error();
    for (size_t i = 0; i < n; ++i) {
      PyObject* v = c.value(i);
      if (v == nullptr) throw nb::python_error();
      PyList_SET_ITEM(list.ptr(), static_cast<Py_ssize_t>(i), v);
    }
    out.append(list);
  }
  return std::move(out);
}

/// `values` (a Python list) written by `w` (for dtype `dtype`); false when the list, a value
/// or the dtype needs the careful conversion.
bool write_list(nb::handle values, const DType& dtype, std::unique_ptr<ResultWriter>& w) {
  if (!fast_dtype(dtype) || !PyList_CheckExact(values.ptr())) return false;
  auto n = static_cast<size_t>(PyList_GET_SIZE(values.ptr()));
  w = std::make_unique<ResultWriter>(dtype, n);
  for (size_t i = 0; i < n; ++i) {
    if (!w->add(i, PyList_GET_ITEM(values.ptr(), static_cast<Py_ssize_t>(i)))) return false;
  }
  return true;
}

}  // namespace

bool ArrowColumns::read(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args) {
  rows = static_cast<size_t>(args.length);
  columns_.assign(types.size(), {});
  if (static_cast<size_t>(args.n_children) != types.size() || static_cast<size_t>(schema.n_children) != types.size()) {
    return false;
  }
  for (size_t c = 0; c < types.size(); ++c) {
    if (!fast_dtype(types[c])) return false;
    if (!view_arrow(functions::wire::tag_of(types[c]), schema.children[c]->format, *args.children[c], args.offset,
                    columns_[c])) {
      return false;
    }
  }
  return true;
}

nb::object ArrowColumns::to_lists() const {
  return columns_to_lists(rows, columns_);
}

bool lists_to_arrow(nb::handle values, const DType& dtype, ArrowSchema* schema, ArrowArray* out) {
  std::unique_ptr<ResultWriter> w;
  if (!write_list(values, dtype, w)) return false;
  w->finish(schema, out);
  return true;
}

namespace {

/// The Arrow format's dtype among the fast ones (nullopt for the others).
std::optional<DType> fast_dtype_of(std::string_view format) {
  if (format == "b") return DType::Boolean;
  if (format == "l") return DType::Int64;
  if (format == "g") return DType::Float64;
  if (format == "u" || format == "U") return DType::String;
  if (format == "z" || format == "Z") return DType::Binary;
  return std::nullopt;
}

template <typename T>
T* capsule_pointer(nb::handle capsule, const char* name) {
  auto* p = static_cast<T*>(PyCapsule_GetPointer(capsule.ptr(), name));
  if (p == nullptr) throw nb::python_error();
  return p;
}

void delete_schema_capsule(PyObject* capsule) {
  auto* s = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (s != nullptr && s->release != nullptr) s->release(s);
  delete s;
}

void delete_array_capsule(PyObject* capsule) {
  auto* a = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, "arrow_array"));
  if (a != nullptr && a->release != nullptr) a->release(a);
  delete a;
}

}  // namespace

void bind_udf_values(nb::module_& m) {
  m.def(
      "arrow_lists",
      [](nb::handle capsules) -> nb::object {
        nb::tuple pair = nb::borrow<nb::tuple>(capsules);
        const auto* schema = capsule_pointer<ArrowSchema>(pair[0], "arrow_schema");
        const auto* array = capsule_pointer<ArrowArray>(pair[1], "arrow_array");
        std::vector<DType> types;
        for (int64_t c = 0; c < schema->n_children; ++c) {
          auto d = fast_dtype_of(schema->children[c]->format);
          if (!d) return nb::none();
          types.push_back(*d);
        }
        ArrowColumns columns;
        if (!columns.read(types, *schema, *array)) return nb::none();
        return columns.to_lists();
      },
      nb::arg("capsules"),
      "The columns of a record batch (its __arrow_c_array__() capsules) as lists of Python values, or None "
      "when one has a dtype pyarrow converts instead.");
  m.def(
      "arrow_result",
      [](nb::handle values, const std::string& dtype) -> nb::object {
        auto d = parse_dtype(dtype);
        auto schema = std::make_unique<ArrowSchema>();
        auto array = std::make_unique<ArrowArray>();
        if (!d || !lists_to_arrow(values, *d, schema.get(), array.get())) return nb::none();
        nb::object s = nb::steal(PyCapsule_New(schema.get(), "arrow_schema", delete_schema_capsule));
        if (!s.is_valid()) throw nb::python_error();
        schema.release();
        nb::object a = nb::steal(PyCapsule_New(array.get(), "arrow_array", delete_array_capsule));
        if (!a.is_valid()) throw nb::python_error();
        array.release();
        return nb::make_tuple(s, a);
      },
      nb::arg("values"), nb::arg("dtype"),
      "`values` (a list) as a one-column record batch of `dtype`, as the (schema, array) capsules of the "
      "Arrow C data interface, or None when a value or the dtype needs the careful conversion.");
  m.def(
      "remote_batch",
      [](const std::string& portable, nb::handle capsules) {
        auto udf = functions::portable_remote_udf(portable);
        nb::tuple pair = nb::borrow<nb::tuple>(capsules);
        auto* schema = capsule_pointer<ArrowSchema>(pair[0], "arrow_schema");
        auto* array = capsule_pointer<ArrowArray>(pair[1], "arrow_array");
        auto out_schema = std::make_unique<ArrowSchema>();
        auto out_array = std::make_unique<ArrowArray>();
        {
          nb::gil_scoped_release release;  // (HTTP requests)
          udf->call(schema, array, out_schema.get(), out_array.get());
        }
        nb::object s = nb::steal(PyCapsule_New(out_schema.release(), "arrow_schema", delete_schema_capsule));
        nb::object a = nb::steal(PyCapsule_New(out_array.release(), "arrow_array", delete_array_capsule));
        return nb::make_tuple(s, a);
      },
      nb::arg("portable"), nb::arg("capsules"),
      "Calls the remote function of a portable description (functions/portable.hpp) over a struct array "
      "of its arguments (its __arrow_c_array__() capsules), as the engine does (same protocol, batch bound, "
      "retries): its results as the (schema, array) capsules of a one-column record batch. What the Spark "
      "engine's executors run (cormorant._spark_functions).");
  // The worker batches' IPC writer and reader, for tests against pyarrow.ipc.
  m.def(
      "_ipc_encode",
      [](nb::handle capsules, const std::vector<std::string>& dtypes, int64_t start, int64_t n) {
        nb::tuple pair = nb::borrow<nb::tuple>(capsules);
        const auto* schema = capsule_pointer<ArrowSchema>(pair[0], "arrow_schema");
        const auto* array = capsule_pointer<ArrowArray>(pair[1], "arrow_array");
        std::vector<DType> types;
        for (const auto& name : dtypes) types.push_back(parse_dtype(name).value());
        std::string out = functions::wire::encode_batch(types, *schema, *array, start, n);
        return nb::bytes(out.data(), out.size());
      },
      nb::arg("capsules"), nb::arg("dtypes"), nb::arg("start"), nb::arg("n"),
      "Rows [start, start + n) of a record batch (its __arrow_c_array__() capsules) of core dtypes `dtypes` as "
      "the Arrow IPC stream a worker is sent.");
  m.def(
      "_ipc_decode",
      [](nb::bytes stream, const std::string& dtype, int64_t rows) {
        auto schema = std::make_unique<ArrowSchema>();
        auto array = std::make_unique<ArrowArray>();
        functions::wire::decode_result({std::string(stream.c_str(), stream.size())}, parse_dtype(dtype).value(), rows,
                                       schema.get(), array.get());
        nb::object s = nb::steal(PyCapsule_New(schema.release(), "arrow_schema", delete_schema_capsule));
        nb::object a = nb::steal(PyCapsule_New(array.release(), "arrow_array", delete_array_capsule));
        return nb::make_tuple(s, a);
      },
      nb::arg("stream"), nb::arg("dtype"), nb::arg("rows"),
      "A worker's reply (an Arrow IPC stream of one column of core dtype `dtype`, `rows` rows) read as the "
      "pool reads it, as (schema, array) capsules of a record batch.");
}

}  // namespace cormorant::python
