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

/// Releases what it holds unless handed over.
struct StreamGuard {
  ArrowArrayStream* stream;
  ~StreamGuard() {
    if (stream && stream->release) stream->release(stream);
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

}  // namespace

void set_remote_engine_factory(RemoteEngineFactory factory) {
  std::lock_guard lock(factory_mutex);
  installed_factory() = std::move(factory);
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
  if (stream->get_schema(stream, &schema) != 0) throw ExecutionError(stream_error(stream, "its schema"));
  struct SchemaGuard {
    ArrowSchema* s;
    ~SchemaGuard() {
      if (s && s->release) s->release(s);
    }
  } schema_guard{&schema};
  if (std::strcmp(schema.format, "+s") != 0) {
    throw InternalError(std::string("internal error: a remote engine's result is not a struct of columns but '") +
                        schema.format + "'");
  }
  const bool checked = dtypes.size() == static_cast<size_t>(schema.n_children);
  Schema fields;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    const ArrowSchema& child = *schema.children[i];
    std::string label = i < static_cast<int64_t>(labels.size()) ? labels[i] : (child.name ? child.name : "");
    std::optional<DType> got = dtype_of_arrow(child);
    if (!got || (checked && !holds(*got, dtypes[i]))) {
      throw DTypeError("column '" + label + "' came back from the remote engine as Arrow type '" + child.format +
                       "'" + (checked ? ", which cannot represent its dtype " + dtype_name(dtypes[i]) : ", which cormorant does not support") +
                       "; cast it (astype) to a supported dtype first");
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
      batches.push_back(batch);
    }
  } catch (...) {
    for (auto& b : batches) b.release(&b);
    throw;
  }
  return Table(std::move(fields), copy_schema(schema), std::move(batches));
}

}  // namespace cormorant::engine
