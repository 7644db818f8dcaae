#include "cormorant/functions/wire.hpp"

#include <cstring>
#include <memory>

#include "cormorant/common/error.hpp"

namespace cormorant::functions::wire {

Tag tag_of(const DType& d) {
  switch (d.kind()) {
    case DType::Boolean: return kBool;
    case DType::Int64: return kInt64;
    case DType::Float64: return kFloat64;
    case DType::String: return kString;
    case DType::Date: return kDate32;
    case DType::Timestamp: return kTimestamp;
    case DType::TimestampTz: return kTimestampUtc;
    case DType::Binary: return kBinary;
    case DType::Decimal: return kDecimal;
    case DType::List: return kList;
  }
  throw InternalError("internal error: no wire tag for a dtype");
}

namespace {


/// The fixed width of a value of `tag` (0 for variable-width tags and bool).
size_t width_of(Tag tag) {
  switch (tag) {
    case kInt64:
    case kFloat64:
    case kTimestamp:
    case kTimestampUtc: return 8;
    case kDate32: return 4;
    case kDecimal: return 16;
    default: return 0;
  }
}

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

bool bit(const void* bitmap, int64_t i) {
  return bitmap == nullptr || (static_cast<const uint8_t*>(bitmap)[i / 8] >> (i % 8)) & 1;
}

/// The offset of item `i` of a variable-width array (32- or 64-bit offsets).
int64_t offset_at(const ArrowArray& a, bool large, int64_t i) {
  return large ? static_cast<const int64_t*>(a.buffers[1])[i] : static_cast<const int32_t*>(a.buffers[1])[i];
}

/// Appends rows [start, start + n) of `a` (described by `schema`, of dtype `dtype`): tag,
/// n validity bytes, then the values; a list's items follow its offsets as a column of their
/// own.
void encode_column(std::string& out, const DType& dtype, const ArrowSchema& schema, const ArrowArray& a, int64_t start,
                   int64_t n) {
  Tag tag = tag_of(dtype);
  int64_t off = a.offset + start;
  put<uint8_t>(out, tag);
  const void* validity = a.null_count == 0 ? nullptr : a.buffers[0];
  for (int64_t i = 0; i < n; ++i) out.push_back(bit(validity, off + i) ? 1 : 0);
  const char* format = schema.format;
  switch (tag) {
    case kBool:
      for (int64_t i = 0; i < n; ++i) out.push_back(bit(a.buffers[1], off + i) ? 1 : 0);
      return;
    case kString:
    case kBinary:
    case kList: {
      bool large = std::strcmp(format, "U") == 0 || std::strcmp(format, "Z") == 0 || std::strcmp(format, "+L") == 0;
      bool small = std::strcmp(format, "u") == 0 || std::strcmp(format, "z") == 0 || std::strcmp(format, "+l") == 0;
      if (!large && !small) throw InternalError(std::string("internal error: a column in Arrow format ") + format);
      int64_t base = n ? offset_at(a, large, off) : 0;
      for (int64_t i = 0; i <= n; ++i) {
        put<uint64_t>(out, static_cast<uint64_t>(n ? offset_at(a, large, off + i) - base : 0));
      }
      int64_t end = n ? offset_at(a, large, off + n) : 0;
      if (tag == kList) {
        encode_column(out, dtype.element(), *schema.children[0], *a.children[0], base, end - base);
      } else if (end > base) {
        out.append(static_cast<const char*>(a.buffers[2]) + base, static_cast<size_t>(end - base));
      }
      return;
    }
    default: {
      size_t width = width_of(tag);
      if (n) out.append(static_cast<const char*>(a.buffers[1]) + off * static_cast<int64_t>(width), n * width);
      return;
    }
  }
}

/// A decoded column owning its buffers (and its list items'), with its Arrow array and schema.
struct Column {
  std::vector<uint8_t> validity, bools;
  std::string data;
  std::vector<int64_t> offsets;
  const void* buffers[3] = {};
  std::string format;
  std::unique_ptr<Column> item;
  ArrowArray* item_array[1] = {};
  ArrowSchema* item_schema[1] = {};
  ArrowArray array{};
  ArrowSchema schema{};
};

void release_nothing(ArrowArray* a) { a->release = nullptr; }
void release_schema(ArrowSchema* s) { s->release = nullptr; }

/// The Arrow format of a column of `dtype` as the decoder builds it.
std::string format_of(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Boolean: return "b";
    case DType::Int64: return "l";
    case DType::Float64: return "g";
    case DType::String: return "U";
    case DType::Date: return "tdD";
    case DType::Timestamp: return "tsu:";
    case DType::TimestampTz: return "tsu:UTC";
    case DType::Binary: return "Z";
    case DType::Decimal: return "d:38,9";
    case DType::List: return "+L";
  }
  throw InternalError("internal error: no Arrow format for a dtype");
}

/// Reads a column of `dtype` and `n` rows at `pos`.
class Reader {
 public:
  explicit Reader(const std::string& in) : in_(in) {}

  template <typename T>
  void get(T& v) {
    need(sizeof v);
    std::memcpy(&v, in_.data() + pos_, sizeof v);
    pos_ += sizeof v;
  }

  std::unique_ptr<Column> column(const DType& dtype, int64_t rows, const char* name) {
    auto n = static_cast<size_t>(rows);
    uint8_t tag = 0;
    get(tag);
    if (tag != tag_of(dtype)) throw InternalError("internal error: a worker sent a column of another type");
    auto c = std::make_unique<Column>();
    need(n);
    c->validity.assign((n + 7) / 8, 0);
    int64_t nulls = 0;
    for (size_t i = 0; i < n; ++i) {
      if (in_[pos_ + i]) {
        c->validity[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
      } else {
        ++nulls;
      }
    }
    pos_ += n;
    int nbuffers = 2;
    int64_t nchildren = 0;
    switch (static_cast<Tag>(tag)) {
      case kBool:
        need(n);
        c->bools.assign((n + 7) / 8, 0);
        for (size_t i = 0; i < n; ++i) {
          if (in_[pos_ + i]) c->bools[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
        }
        pos_ += n;
        c->buffers[1] = c->bools.data();
        break;
      case kString:
      case kBinary:
      case kList: {
        need((n + 1) * 8);
        c->offsets.resize(n + 1);
        std::memcpy(c->offsets.data(), in_.data() + pos_, (n + 1) * 8);
        pos_ += (n + 1) * 8;
        if (c->offsets[0] != 0) throw InternalError("internal error: a worker sent offsets not starting at 0");
        for (size_t i = 0; i < n; ++i) {
          if (c->offsets[i + 1] < c->offsets[i]) throw InternalError("internal error: a worker sent bad offsets");
        }
        auto size = static_cast<size_t>(c->offsets[n]);
        c->buffers[1] = c->offsets.data();
        if (tag == kList) {
          c->item = column(dtype.element(), static_cast<int64_t>(size), "item");
          c->item_array[0] = &c->item->array;
          c->item_schema[0] = &c->item->schema;
          nchildren = 1;
        } else {
          need(size);
          c->data.assign(in_, pos_, size);
          pos_ += size;
          c->buffers[2] = c->data.data();
          nbuffers = 3;
        }
        break;
      }
      default: {
        size_t width = width_of(static_cast<Tag>(tag));
        if (width == 0) throw InternalError("internal error: a worker sent an unknown column type");
        need(n * width);
        c->data.assign(in_, pos_, n * width);
        pos_ += n * width;
        c->buffers[1] = c->data.data();
      }
    }
    c->buffers[0] = c->validity.data();
    c->format = format_of(dtype);
    c->array = ArrowArray{rows,         nulls,   0,      nbuffers, nchildren, c->buffers, nchildren ? c->item_array : nullptr,
                          nullptr,      release_nothing, nullptr};
    c->schema = ArrowSchema{c->format.c_str(), name, nullptr, ARROW_FLAG_NULLABLE, nchildren,
                            nchildren ? c->item_schema : nullptr, nullptr, release_schema, nullptr};
    return c;
  }

  /// The next `k` bytes, skipped.
  const char* take(size_t k) {
    need(k);
    const char* p = in_.data() + pos_;
    pos_ += k;
    return p;
  }

  bool at_end() const { return pos_ == in_.size(); }

 private:
  void need(size_t k) {
    if (pos_ + k > in_.size()) throw InternalError("internal error: a worker sent a truncated batch");
  }
  const std::string& in_;
  size_t pos_ = 0;
};

/// The result batch: the struct array's own buffers and its one column.
struct Decoded {
  std::unique_ptr<Column> column;
  const void* struct_buffers[1] = {nullptr};
  ArrowArray* children[1] = {};
  ArrowSchema* schema_children[1] = {};
};

void release_struct(ArrowArray* a) {
  delete static_cast<Decoded*>(a->private_data);
  a->release = nullptr;
}

}  // namespace

void encode_batch(std::string& out, const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args) {
  encode_batch(out, types, schema, args, 0, args.length);
}

void encode_batch(std::string& out, const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                  int64_t start, int64_t n) {
  put<uint32_t>(out, static_cast<uint32_t>(args.n_children));
  put<uint64_t>(out, static_cast<uint64_t>(n));
  for (int64_t c = 0; c < args.n_children; ++c) {
    const ArrowArray& column = *args.children[c];
    encode_column(out, types.at(static_cast<size_t>(c)), *schema.children[c], column, args.offset + start, n);
  }
}

namespace {

/// Appends the columns of dtype `dtype` that each reader of `parts` is at (`rows[k]` rows
/// each) as one column, leaving each reader after its column.
void concat_column(std::string& out, std::vector<Reader>& parts, const std::vector<int64_t>& rows, const DType& dtype) {
  Tag tag = tag_of(dtype);
  put<uint8_t>(out, tag);
  for (size_t k = 0; k < parts.size(); ++k) {
    uint8_t got = 0;
    parts[k].get(got);
    if (got != tag) throw InternalError("internal error: a worker sent a column of another type");
    out.append(parts[k].take(static_cast<size_t>(rows[k])), static_cast<size_t>(rows[k]));
  }
  if (tag != kString && tag != kBinary && tag != kList) {
    size_t width = tag == kBool ? 1 : width_of(tag);
    for (size_t k = 0; k < parts.size(); ++k) {
      auto size = static_cast<size_t>(rows[k]) * width;
      out.append(parts[k].take(size), size);
    }
    return;
  }
  // Offsets of all parts first (each part's shifted by the sizes before it), then the data.
  std::vector<int64_t> sizes(parts.size());
  uint64_t base = 0;
  put<uint64_t>(out, 0);
  for (size_t k = 0; k < parts.size(); ++k) {
    uint64_t first = 0, offset = 0;
    parts[k].get(first);
    if (first != 0) throw InternalError("internal error: a worker sent offsets not starting at 0");
    for (int64_t i = 0; i < rows[k]; ++i) {
      parts[k].get(offset);
      put<uint64_t>(out, base + offset);
    }
    sizes[k] = static_cast<int64_t>(offset);
    base += offset;
  }
  if (tag == kList) {
    concat_column(out, parts, sizes, dtype.element());
    return;
  }
  for (size_t k = 0; k < parts.size(); ++k) {
    out.append(parts[k].take(static_cast<size_t>(sizes[k])), static_cast<size_t>(sizes[k]));
  }
}

}  // namespace

std::string concat_batches(const std::vector<std::string>& parts, const DType& type) {
  std::vector<Reader> readers;
  std::vector<int64_t> rows;
  int64_t total = 0;
  for (const auto& p : parts) {
    readers.emplace_back(p);
    uint32_t ncols = 0;
    uint64_t n = 0;
    readers.back().get(ncols);
    readers.back().get(n);
    if (ncols != 1) throw InternalError("internal error: a worker sent a batch of another shape");
    rows.push_back(static_cast<int64_t>(n));
    total += static_cast<int64_t>(n);
  }
  std::string out;
  put<uint32_t>(out, 1);
  put<uint64_t>(out, static_cast<uint64_t>(total));
  concat_column(out, readers, rows, type);
  for (const auto& r : readers) {
    if (!r.at_end()) throw InternalError("internal error: a worker sent a batch with trailing bytes");
  }
  return out;
}

void decode_result(const std::string& in, const DType& expect, int64_t rows, ArrowSchema* schema, ArrowArray* out) {
  Reader reader(in);
  uint32_t ncols = 0;
  uint64_t n = 0;
  reader.get(ncols);
  reader.get(n);
  if (ncols != 1 || static_cast<int64_t>(n) != rows) {
    throw InternalError("internal error: a worker sent a batch of another shape");
  }
  auto d = std::make_unique<Decoded>();
  d->column = reader.column(expect, rows, "r");
  if (!reader.at_end()) throw InternalError("internal error: a worker sent a batch with trailing bytes");
  d->children[0] = &d->column->array;
  d->schema_children[0] = &d->column->schema;
  *schema = ArrowSchema{"+s", "", nullptr, 0, 1, d->schema_children, nullptr, release_schema, nullptr};
  Decoded* raw = d.release();
  *out = ArrowArray{rows, 0, 0, 1, 1, raw->struct_buffers, raw->children, nullptr, release_struct, raw};
}

}  // namespace cormorant::functions::wire
