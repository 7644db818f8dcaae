#include "udf_values.hpp"

#include <nanobind/stl/string.h>
#include <Python.h>

#include <cstdint>
#include <cstring>
#include <memory>
#include <utility>

#include <cormorant/common/error.hpp>
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

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

bool bit(const void* bitmap, int64_t j) { return (static_cast<const uint8_t*>(bitmap)[j >> 3] >> (j & 7)) & 1; }

}  // namespace

int64_t ColumnView::item_start(int64_t j) const {
  return narrow ? at<int32_t>(values, static_cast<size_t>(j))
                : static_cast<int64_t>(at<uint64_t>(values, static_cast<size_t>(j)));
}

PyObject* ColumnView::value(size_t i) const {
  int64_t j = static_cast<int64_t>(i) + offset;
  if (valid != nullptr && !(bits ? bit(valid, j) : valid[j] != 0)) return Py_NewRef(Py_None);
  switch (tag) {
    case Tag::kBool: return Py_NewRef((bits ? bit(values, j) : values[j] != 0) ? Py_True : Py_False);
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

bool fast_tag(uint8_t tag) {
  return tag == Tag::kBool || tag == Tag::kInt64 || tag == Tag::kFloat64 || tag == Tag::kString ||
         tag == Tag::kBinary;
}

/// The columns of a wire batch, when all have fast dtypes (else false).
bool read_batch(std::string_view in, size_t& rows, std::vector<ColumnView>& columns) {
  size_t pos = 0;
  auto take = [&](size_t k) {
    if (k > in.size() - pos) throw InternalError("internal error: a truncated wire batch");
    const char* p = in.data() + pos;
    pos += k;
    return p;
  };
  auto ncols = at<uint32_t>(take(4), 0);
  rows = static_cast<size_t>(at<uint64_t>(take(8), 0));
  size_t n = rows;
  columns.assign(ncols, {});
  for (auto& c : columns) {
    c.tag = static_cast<uint8_t>(*take(1));
    if (!fast_tag(c.tag)) return false;
    c.valid = reinterpret_cast<const uint8_t*>(take(n));
    if (c.tag == Tag::kBool) {
      c.values = take(n);
    } else if (c.tag == Tag::kInt64 || c.tag == Tag::kFloat64) {
      c.values = take(8 * n);
    } else {
      c.values = take(8 * (n + 1));
      c.data = take(n ? at<uint64_t>(c.values, n) : 0);
    }
  }
  return true;
}

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
  c.bits = true;
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

/// Writes results of one dtype as a one-column batch (wire or Arrow), value by value.
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

  /// The batch, once every row was added.
  void finish(const DType& dtype, std::string& out) const {
    out.clear();
    put<uint32_t>(out, 1);
    put<uint64_t>(out, rows_);
    put<uint8_t>(out, functions::wire::tag_of(dtype));
    out.append(reinterpret_cast<const char*>(valid_.data()), valid_.size());
    if (kind_ == DType::String || kind_ == DType::Binary) {
      out.append(reinterpret_cast<const char*>(offsets_.data()), 8 * offsets_.size());
      out.append(data_);
    } else {
      out.append(reinterpret_cast<const char*>(fixed_.data()), fixed_.size());
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

nb::object wire_to_lists(std::string_view batch) {
  size_t n = 0;
  std::vector<ColumnView> columns;
  if (!read_batch(batch, n, columns)) return nb::none();
  return columns_to_lists(n, columns);
}

bool lists_to_wire(nb::handle values, const DType& dtype, std::string& out) {
  std::unique_ptr<ResultWriter> w;
  if (!write_list(values, dtype, w)) return false;
  w->finish(dtype, out);
  return true;
}

bool lists_to_arrow(nb::handle values, const DType& dtype, ArrowSchema* schema, ArrowArray* out) {
  std::unique_ptr<ResultWriter> w;
  if (!write_list(values, dtype, w)) return false;
  w->finish(schema, out);
  return true;
}

void bind_udf_values(nb::module_& m) {
  m.def(
      "wire_columns",
      [](nb::handle batch) -> nb::object {
        Py_buffer view;
        if (PyObject_GetBuffer(batch.ptr(), &view, PyBUF_SIMPLE) != 0) throw nb::python_error();
        struct Release {
          Py_buffer* v;
          ~Release() { PyBuffer_Release(v); }
        } release{&view};
        return wire_to_lists(std::string_view(static_cast<const char*>(view.buf), static_cast<size_t>(view.len)));
      },
      nb::arg("batch"),
      "The columns of a wire batch (bytes-like) as lists of Python values, or None when one has a dtype "
      "pyarrow converts instead.");
  m.def(
      "wire_column",
      [](nb::handle values, const std::string& dtype) -> nb::object {
        auto d = parse_dtype(dtype);
        std::string out;
        if (!d || !lists_to_wire(values, *d, out)) return nb::none();
        return nb::bytes(out.data(), out.size());
      },
      nb::arg("values"), nb::arg("dtype"),
      "`values` (a list) as a one-column wire batch of `dtype` (bytes), or None when a value or the dtype "
      "needs the careful conversion.");
}

}  // namespace cormorant::python
