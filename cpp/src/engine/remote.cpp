// A remote SQL engine's adapter (the factory installed for sessions) and its results as Tables
// of the Arrow types the rest of the core reads.
#include "cormorant/engine/remote.hpp"

#include <cstring>
#include <mutex>
#include <optional>
#include <utility>

#include "cormorant/common/error.hpp"
#include "cormorant/engine/engine.hpp"

namespace cormorant::engine {

namespace {

std::mutex factory_mutex;
RemoteEngineFactory& installed_factory() {
  static RemoteEngineFactory factory;
  return factory;
}

/// Whether a column the remote engine returned as `got` holds the values of the plan's
/// `expected` dtype in the form the core reads: the same dtype, or its engine values (a zone's
/// instants are UTC instants; timedeltas and categorical codes are BIGINT, given their dtype by
/// Table::restore_dtypes).
bool holds(const DType& got, const DType& expected) {
  if (got.kind() != expected.kind()) {
    return got == DType::Int64 && (expected == DType::Timedelta || expected == DType::Categorical);
  }
  switch (got.kind()) {
    case DType::TimestampTz: return true;
    case DType::Integer: return got.bits() == expected.bits() && got.is_unsigned() == expected.is_unsigned();
    case DType::List: return holds(got.element(), expected.element());
    case DType::Struct: {
      if (got.fields().size() != expected.fields().size()) return false;
      for (size_t i = 0; i < got.fields().size(); ++i) {
        if (!holds(got.fields()[i].dtype, expected.fields()[i].dtype)) return false;
      }
      return true;
    }
    default: return true;
  }
}

/// Whether a column of `got` becomes one of `expected` by converting its values: a signed
/// integer narrower than the BIGINT the plan says (Spark's year(), length() are INT) widens to
/// int64; a signed integer where the plan has an unsigned one (Spark has no unsigned
/// types: read_pandas carries UInt8..UInt64 there as SMALLINT..BIGINT) narrows back, each value
/// checked against the unsigned range.
bool converts(const DType& got, const DType& expected) {
  if (got == DType::Int64) return expected == DType::Integer && expected.is_unsigned();
  if (got != DType::Integer || got.is_unsigned()) return false;
  if (expected == DType::Integer && expected.is_unsigned()) return true;
  return got.bits() < 64 && (expected == DType::Int64 || expected == DType::Timedelta || expected == DType::Categorical);
}

/// The Arrow format of `dtype`'s values when `converts` gives it: int64 or the unsigned width.
const char* converted_format(const DType& expected) {
  if (expected == DType::Time) return "ttu";
  if (!(expected == DType::Integer && expected.is_unsigned())) return "l";
  return expected.bits() == 8 ? "C" : expected.bits() == 16 ? "S" : expected.bits() == 32 ? "I" : "L";
}

/// A column converted to another integer type (its own values and validity), released on its own.
struct Widened {
  std::vector<uint8_t> values;
  std::vector<uint8_t> validity;
  const void* buffers[2] = {nullptr, nullptr};
};

/// `in`'s signed values of `bits` bits as `to`'s (int64, or an unsigned type: a valid value
/// outside its range raises OverflowError naming `label`); for `to` Time, Arrow time64
/// nanoseconds (Spark's TIME) as the core's microseconds (Spark keeps microseconds: exact).
/// 128 bits: Arrow decimal128 values of scale 0 (Spark reads a Parquet UINT64 as DECIMAL(20,0)).
ArrowArray widen(const ArrowArray& in, int bits, const DType& to, const std::string& label) {
  auto* w = new Widened;
  const bool to_unsigned = to == DType::Integer && to.is_unsigned();
  const int out_bits = to_unsigned ? to.bits() : 64;
  w->values.assign(static_cast<size_t>(in.length) * (out_bits / 8), 0);
  const int64_t at = in.offset;
  auto* bits_in = in.null_count != 0 ? static_cast<const uint8_t*>(in.buffers[0]) : nullptr;  // (may be none)
  const uint64_t most = out_bits == 64 ? UINT64_MAX : (uint64_t{1} << out_bits) - 1;
  for (int64_t i = 0; i < in.length; ++i) {
    int64_t v = 0;
    switch (bits) {
      case 8: v = static_cast<const int8_t*>(in.buffers[1])[at + i]; break;
      case 16: v = static_cast<const int16_t*>(in.buffers[1])[at + i]; break;
      case 32: v = static_cast<const int32_t*>(in.buffers[1])[at + i]; break;
      default: v = static_cast<const int64_t*>(in.buffers[1])[at + i]; break;
    }
    const bool valid = bits_in == nullptr || (bits_in[(at + i) / 8] & (1 << ((at + i) % 8)));
    if (bits == 128) {  // (two's complement, low word first: a UInt64 has a high word of 0)
      const auto* words = static_cast<const uint64_t*>(in.buffers[1]) + 2 * (at + i);
      if (valid && (words[1] != 0 || out_bits != 64)) {
        delete w;
        throw OverflowError("column '" + label + "' of dtype " + dtype_name(to) + " holds a value outside that dtype's "
                            "range on the Spark engine; cast it (astype) to Float64 first");
      }
      const uint64_t u = valid ? words[0] : 0;
      std::memcpy(w->values.data() + i * 8, &u, 8);
      continue;
    }
    if (to == DType::Time) v /= 1000;
    if (!to_unsigned) {
      std::memcpy(w->values.data() + i * 8, &v, 8);
      continue;
    }
    if (valid && (v < 0 || static_cast<uint64_t>(v) > most)) {
      delete w;
      throw OverflowError("column '" + label + "' of dtype " + dtype_name(to) + " holds " + std::to_string(v) +
                          " on the Spark engine, outside that dtype's range (Spark has no unsigned integers: "
                          "cormorant carries them as wider signed ones); cast it (astype) to Int64 first");
    }
    const uint64_t u = valid ? static_cast<uint64_t>(v) : 0;
    switch (out_bits) {
      case 8: w->values[i] = static_cast<uint8_t>(u); break;
      case 16: { uint16_t x = static_cast<uint16_t>(u); std::memcpy(w->values.data() + i * 2, &x, 2); break; }
      case 32: { uint32_t x = static_cast<uint32_t>(u); std::memcpy(w->values.data() + i * 4, &x, 4); break; }
      default: std::memcpy(w->values.data() + i * 8, &u, 8); break;
    }
  }
  if (bits_in != nullptr) {
    w->validity.assign(static_cast<size_t>((in.length + 7) / 8), 0);
    for (int64_t i = 0; i < in.length; ++i) {
      if (bits_in[(at + i) / 8] & (1 << ((at + i) % 8))) w->validity[i / 8] |= static_cast<uint8_t>(1 << (i % 8));
    }
    w->buffers[0] = w->validity.data();
  }
  w->buffers[1] = w->values.data();
  ArrowArray out{};
  out.length = in.length;
  out.null_count = w->buffers[0] ? in.null_count : 0;
  out.n_buffers = 2;
  out.buffers = w->buffers;
  out.release = [](ArrowArray* a) {
    delete static_cast<Widened*>(a->private_data);
    a->release = nullptr;
  };
  out.private_data = w;
  return out;
}

/// A column to convert: its position, its width as it came and the dtype it becomes.
struct Narrow {
  int64_t column;
  int bits;
  DType to;
  std::string label;
};

/// A batch whose columns `narrow` are converted (widen); the
/// other columns stay the original batch's, which it keeps until released.
struct WidenedBatch {
  ArrowArray original;
  std::vector<ArrowArray> widened;
  std::vector<ArrowArray*> children;
};

ArrowArray widen_batch(ArrowArray batch, const std::vector<Narrow>& narrow) {
  auto* b = new WidenedBatch{batch, {}, {}};
  b->widened.reserve(narrow.size());
  b->children.assign(batch.children, batch.children + batch.n_children);
  try {
    for (const auto& n : narrow) {
      b->widened.push_back(widen(*batch.children[n.column], n.bits, n.to, n.label));
      b->children[n.column] = &b->widened.back();
    }
  } catch (...) {
    for (auto& w : b->widened) w.release(&w);
    b->original.release(&b->original);
    delete b;
    throw;
  }
  ArrowArray out = batch;
  out.children = b->children.data();
  out.private_data = b;
  out.release = [](ArrowArray* a) {
    auto* p = static_cast<WidenedBatch*>(a->private_data);
    for (auto& w : p->widened) w.release(&w);
    p->original.release(&p->original);
    delete p;
    a->release = nullptr;
  };
  return out;
}

/// Releases what it holds unless handed over.
struct StreamGuard {
  ArrowArrayStream* stream;
  ~StreamGuard() {
    if (stream && stream->release) stream->release(stream);
  }
};

struct SchemaGuard {
  ArrowSchema* s;
  ~SchemaGuard() {
    if (s && s->release) s->release(s);
  }
};

/// A deep copy of a schema, released on its own: a producer's schema may live only as long
/// as its stream (Table::export_to's does), and the Table outlives the stream.
struct SchemaCopy {
  std::string format, name, metadata;
  bool named = false;
  std::vector<ArrowSchema*> children;
  ArrowSchema* dictionary = nullptr;
};

void release_copy(ArrowSchema* s) {
  auto* p = static_cast<SchemaCopy*>(s->private_data);
  for (ArrowSchema* c : p->children) {
    if (c->release) c->release(c);
    delete c;
  }
  if (p->dictionary) {
    if (p->dictionary->release) p->dictionary->release(p->dictionary);
    delete p->dictionary;
  }
  delete p;
  s->release = nullptr;
}

/// The length of Arrow's binary metadata (an int32 count, then int32-prefixed keys and values).
size_t metadata_size(const char* m) {
  auto int32_at = [&](size_t pos) {
    int32_t v;
    std::memcpy(&v, m + pos, sizeof v);
    return static_cast<size_t>(v);
  };
  size_t pos = 4;
  for (size_t i = 0, n = int32_at(0); i < n; ++i) {
    pos += 4 + int32_at(pos);  // key
    pos += 4 + int32_at(pos);  // value
  }
  return pos;
}

ArrowSchema copy_schema(const ArrowSchema& in) {
  auto* p = new SchemaCopy;
  p->format = in.format;
  p->named = in.name != nullptr;
  if (in.name) p->name = in.name;
  if (in.metadata) p->metadata.assign(in.metadata, metadata_size(in.metadata));
  for (int64_t i = 0; i < in.n_children; ++i) p->children.push_back(new ArrowSchema(copy_schema(*in.children[i])));
  if (in.dictionary) p->dictionary = new ArrowSchema(copy_schema(*in.dictionary));
  ArrowSchema out{};
  out.format = p->format.c_str();
  out.name = p->named ? p->name.c_str() : nullptr;
  out.metadata = in.metadata ? p->metadata.data() : nullptr;
  out.flags = in.flags;
  out.n_children = in.n_children;
  out.children = p->children.data();
  out.dictionary = p->dictionary;
  out.release = &release_copy;
  out.private_data = p;
  return out;
}

std::string stream_error(ArrowArrayStream* stream, const char* doing) {
  const char* message = stream->get_last_error ? stream->get_last_error(stream) : nullptr;
  return std::string("the remote engine's result could not be read (") + doing + ")" +
         (message && *message ? std::string(": ") + message : std::string());
}

/// The error of a column of a remote result that cormorant cannot read as it came.
DTypeError unsupported(const std::string& label, const char* format, const std::string& why) {
  return DTypeError("column '" + label + "' came back from the remote engine as Arrow type '" + format + "'" +
                    (why.empty() ? ", which cormorant does not support" : why) +
                    "; cast it (astype) to a supported dtype first");
}

/// Reads `stream`'s schema, which must be a struct of columns, into `schema`.
void read_schema(ArrowArrayStream* stream, ArrowSchema& schema) {
  if (stream->get_schema(stream, &schema) != 0) throw ExecutionError(stream_error(stream, "its schema"));
  if (std::strcmp(schema.format, "+s") != 0) {
    std::string format = schema.format;
    schema.release(&schema);
    throw InternalError("internal error: a remote engine's result is not a struct of columns but '" + format + "'");
  }
}

}  // namespace

std::vector<RemoteColumn> remote_columns(ArrowArrayStream* stream) {
  StreamGuard guard{stream};
  ArrowSchema schema{};
  read_schema(stream, schema);
  SchemaGuard schema_guard{&schema};
  std::vector<RemoteColumn> out;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    const ArrowSchema& child = *schema.children[i];
    const std::string name = child.name ? child.name : "";
    auto [dtype, canonical] = classify_arrow(child);
    if (std::strcmp(child.format, "ttn") == 0) dtype = DType::Time;  // (remote_table narrows Spark's TIME)
    if (!dtype) throw unsupported(name, child.format, "");
    out.push_back({name, *dtype, !canonical});
  }
  return out;
}

void RemoteEngine::write_parquet(const std::string&, const std::string&, const ParquetLayout&, const std::string&) {
  throw NotImplementedError("the remote engine at " + address() + " cannot write Parquet files (its adapter has no writer)");
}

std::string RemoteEngine::session_address() const { return ""; }

FilesRead RemoteEngine::files_read() { return {}; }

bool RemoteEngine::interrupt_tagged(const std::string&) {
  throw NotImplementedError("the remote engine at " + address() + " cannot stop tagged operations (its adapter has no "
                            "interrupt by tag)");
}

void set_remote_engine_factory(RemoteEngineFactory factory) {
  std::lock_guard lock(factory_mutex);
  installed_factory() = std::move(factory);
}

void RemoteEngine::register_function(const std::string& name, const std::string&, const std::string&) {
  throw NotImplementedError("the engine at " + address() + " runs no user functions (its adapter registers none), so "
                            "the query calling " + name + " cannot run there");
}

std::shared_ptr<RemoteEngine> open_remote_engine(const std::string& address) {
  RemoteEngineFactory factory;
  {
    std::lock_guard lock(factory_mutex);
    factory = installed_factory();
  }
  if (!factory) {
    throw NotImplementedError("the Spark engine needs an adapter to reach " + address +
                              ": none is installed in this program (the Python package installs one; a C++ "
                              "program calls engine::set_remote_engine_factory or sets "
                              "SessionOptions::remote_engine)");
  }
  auto remote = factory(address);
  CORMORANT_CHECK(remote != nullptr, "the remote engine factory returned no engine");
  return remote;
}

Table remote_table(ArrowArrayStream* stream, const std::vector<DType>& dtypes, const std::vector<std::string>& labels) {
  StreamGuard guard{stream};
  ArrowSchema schema{};
  read_schema(stream, schema);
  SchemaGuard schema_guard{&schema};
  const bool checked = dtypes.size() == static_cast<size_t>(schema.n_children);
  Schema fields;
  std::vector<Narrow> narrow;  // columns to convert
  for (int64_t i = 0; i < schema.n_children; ++i) {
    const ArrowSchema& child = *schema.children[i];
    std::string label = i < static_cast<int64_t>(labels.size()) ? labels[i] : (child.name ? child.name : "");
    std::optional<DType> got = dtype_of_arrow(child);
    if (std::strcmp(child.format, "ttn") == 0 && (!checked || dtypes[i] == DType::Time)) {
      narrow.push_back({i, 64, DType::Time, label});  // Spark's TIME: nanoseconds to the core's microseconds
      got = DType::Time;
    } else if (std::strcmp(child.format, "d:20,0") == 0 && checked && dtypes[i] == DType::integer(64, true)) {
      narrow.push_back({i, 128, dtypes[i], label});  // Spark's type of a Parquet file's UINT64
      got = dtypes[i];
    } else if (got && checked && converts(*got, dtypes[i])) {
      const bool to_unsigned = dtypes[i] == DType::Integer && dtypes[i].is_unsigned();
      narrow.push_back({i, *got == DType::Int64 ? 64 : got->bits(), to_unsigned ? dtypes[i] : DType(DType::Int64), label});
      got = narrow.back().to;
    }
    if (!got || (checked && !holds(*got, dtypes[i]))) {
      throw unsupported(label, child.format, checked ? ", which cannot represent its dtype " + dtype_name(dtypes[i]) : "");
    }
    fields.push_back({child.name ? child.name : "", *got});
  }
  std::vector<ArrowArray> batches;
  try {
    while (true) {
      ArrowArray batch{};
      if (stream->get_next(stream, &batch) != 0) throw ExecutionError(stream_error(stream, "a batch of rows"));
      if (batch.release == nullptr) break;
      if (batch.n_children != schema.n_children) {
        batch.release(&batch);
        throw InternalError("internal error: a remote engine's batch does not have the columns of its schema");
      }
      batches.push_back(narrow.empty() ? batch : widen_batch(batch, narrow));
    }
  } catch (...) {
    for (auto& b : batches) b.release(&b);
    throw;
  }
  ArrowSchema copy = copy_schema(schema);
  for (const auto& n : narrow) {
    auto* p = static_cast<SchemaCopy*>(copy.children[n.column]->private_data);
    p->format = converted_format(n.to);
    copy.children[n.column]->format = p->format.c_str();
  }
  return Table(std::move(fields), copy, std::move(batches));
}

}  // namespace cormorant::engine
