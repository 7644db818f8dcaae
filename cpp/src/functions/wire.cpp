/// Worker batches as Arrow IPC streams (see wire.hpp). The Arrow format's FlatBuffers tables
/// (Message.fbs, Schema.fbs) are written and read here by field slot, with FlatBuffers' own
/// builder and verifier; each use names the table and its field ids.
#include "cormorant/functions/wire.hpp"

#include <flatbuffers/flatbuffers.h>

#include <cstring>
#include <memory>
#include <string_view>

#include "cormorant/common/error.hpp"

namespace cormorant::functions::wire {

/// Timedeltas do not cross to Python functions yet (the runtimes have no duration type).
[[noreturn]] void refuse_timedelta() {
  throw DTypeError("timedelta64[us] values cannot be passed to or returned from Python functions yet; convert the "
                   "column with astype('Int64') (its microseconds) first");
}

[[noreturn]] void refuse_time() {
  throw DTypeError("time values (datetime.time) cannot be passed to or returned from Python functions yet; convert "
                   "the column with astype(str) first");
}

Tag tag_of(const DType& d) {
  switch (d.kind()) {
    case DType::Timedelta: refuse_timedelta();
    case DType::Time: refuse_time();
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

namespace fb = flatbuffers;

/// The vtable slot of field id `id` of a FlatBuffers table.
constexpr fb::voffset_t slot(int id) { return static_cast<fb::voffset_t>(4 + 2 * id); }

// Message.fbs, table Message: version 0 (MetadataVersion, short), header_type 1 (the union
// MessageHeader's type, ubyte), header 2, bodyLength 3 (long).
constexpr int16_t kMetadataV5 = 4;
constexpr uint8_t kHeaderSchema = 1, kHeaderRecordBatch = 3;
// Schema.fbs, table Schema: endianness 0 (short; Little = 0), fields 1 ([Field]).
// Table Field: name 0, nullable 1, type_type 2 (the union Type's type), type 3, dictionary 4,
// children 5 ([Field]).
// Union Type's members used here.
enum : uint8_t {
  kTypeInt = 2,          // table Int: bitWidth 0 (int), is_signed 1 (bool)
  kTypeFloatingPoint = 3,  // table FloatingPoint: precision 0 (short; DOUBLE = 2)
  kTypeBinary = 4,
  kTypeUtf8 = 5,
  kTypeBool = 6,
  kTypeDecimal = 7,  // table Decimal: precision 0, scale 1, bitWidth 2 (ints)
  kTypeDate = 8,     // table Date: unit 0 (short; DAY = 0)
  kTypeTimestamp = 10,  // table Timestamp: unit 0 (short; MICROSECOND = 2), timezone 1 (string)
  kTypeList = 12,
  kTypeLargeBinary = 19,
  kTypeLargeUtf8 = 20,
  kTypeLargeList = 21,
};
constexpr int16_t kDouble = 2, kDay = 0, kMicrosecond = 2;
// Message.fbs, table RecordBatch: length 0 (long), nodes 1 ([FieldNode]), buffers 2 ([Buffer]),
// compression 3 (BodyCompression; none here).

/// Schema.fbs' structs FieldNode {length, null_count} and Buffer {offset, length}: two longs.
FLATBUFFERS_MANUALLY_ALIGNED_STRUCT(8) TwoLongs {
  int64_t first;
  int64_t second;
};
FLATBUFFERS_STRUCT_END(TwoLongs, 16);

constexpr uint32_t kContinuation = 0xFFFFFFFF;

bool bit(const uint8_t* bitmap, int64_t i) { return (bitmap[i >> 3] >> (i & 7)) & 1; }

/// Appends bits [from, from + n) of `src` (nullptr: all set) after the first `have` bits of
/// `dst` (a byte container); returns how many of them are clear.
template <typename Bytes>
int64_t append_bits(Bytes& dst, int64_t have, const uint8_t* src, int64_t from, int64_t n) {
  dst.resize(static_cast<size_t>((have + n + 7) / 8));
  auto* out = reinterpret_cast<uint8_t*>(dst.data());
  int64_t clear = 0;
  if (src != nullptr && have % 8 == 0 && from % 8 == 0) {
    std::memcpy(out + have / 8, src + from / 8, static_cast<size_t>((n + 7) / 8));
    for (int64_t i = 0; i < n; ++i) clear += !bit(src, from + i);
    return clear;
  }
  for (int64_t i = 0; i < n; ++i) {
    bool set = src == nullptr || bit(src, from + i);
    auto& byte = out[(have + i) >> 3];
    auto mask = static_cast<uint8_t>(1u << ((have + i) & 7));
    byte = set ? (byte | mask) : (byte & ~mask);
    clear += !set;
  }
  return clear;
}

/// The width of a fixed-width value of `t` (0 for the others).
size_t width_of(const DType& t) {
  switch (t.kind()) {
    case DType::Int64:
    case DType::Float64:
    case DType::Timestamp:
    case DType::TimestampTz: return 8;
    case DType::Date: return 4;
    case DType::Decimal: return 16;
    default: return 0;
  }
}

bool variable(const DType& t) { return t == DType::String || t == DType::Binary || t == DType::List; }

/// Appends rows [from, from + n) of `a` (an Arrow array described by `s`) to `c`.
void append_arrow(Column& c, const ArrowSchema& s, const ArrowArray& a, int64_t from, int64_t n) {
  int64_t at = a.offset + from;
  const auto* validity = a.null_count == 0 ? nullptr : static_cast<const uint8_t*>(a.buffers[0]);
  c.null_count += append_bits(c.validity, c.length, validity, at, n);
  c.length += n;
  if (c.type == DType::Boolean) {
    append_bits(c.values, c.length - n, static_cast<const uint8_t*>(a.buffers[1]), at, n);
    return;
  }
  if (!variable(c.type)) {
    size_t w = width_of(c.type);
    c.values.append(static_cast<const char*>(a.buffers[1]) + at * static_cast<int64_t>(w), static_cast<size_t>(n) * w);
    return;
  }
  std::string_view f(s.format);
  bool large = f == "U" || f == "Z" || f == "+L";
  if (!large && f != "u" && f != "z" && f != "+l") {
    throw InternalError("internal error: a column in Arrow format " + std::string(f));
  }
  auto offset = [&](int64_t i) {
    return large ? static_cast<const int64_t*>(a.buffers[1])[i] : static_cast<const int32_t*>(a.buffers[1])[i];
  };
  int64_t first = n ? offset(at) : 0, last = n ? offset(at + n) : 0;
  int64_t base = c.offsets.back() - first;
  for (int64_t i = 1; i <= n; ++i) c.offsets.push_back(base + offset(at + i));
  if (c.type == DType::List) {
    append_arrow(*c.items, *s.children[0], *a.children[0], first, last - first);
  } else if (last > first) {
    c.data.append(static_cast<const char*>(a.buffers[2]) + first, static_cast<size_t>(last - first));
  }
}

// -- writing ------------------------------------------------------------------------------

/// The Type union member (its type and table) of dtype `t`.
std::pair<uint8_t, fb::Offset<void>> type_table(fb::FlatBufferBuilder& b, const DType& t) {
  fb::Offset<fb::String> zone;
  if (t == DType::TimestampTz) zone = b.CreateString("UTC");
  auto start = b.StartTable();
  uint8_t type = 0;
  switch (t.kind()) {
    case DType::Boolean: type = kTypeBool; break;
    case DType::Timedelta: refuse_timedelta();
    case DType::Int64:
      b.AddElement<int32_t>(slot(0), 64);
      b.AddElement<uint8_t>(slot(1), 1);
      type = kTypeInt;
      break;
    case DType::Float64:
      b.AddElement<int16_t>(slot(0), kDouble);
      type = kTypeFloatingPoint;
      break;
    case DType::String: type = kTypeLargeUtf8; break;
    case DType::Binary: type = kTypeLargeBinary; break;
    case DType::Date:
      b.AddElement<int16_t>(slot(0), kDay);
      type = kTypeDate;
      break;
    case DType::Timestamp:
    case DType::TimestampTz:
      b.AddElement<int16_t>(slot(0), kMicrosecond);
      if (t == DType::TimestampTz) b.AddOffset(slot(1), zone);
      type = kTypeTimestamp;
      break;
    case DType::Decimal:
      b.AddElement<int32_t>(slot(0), 38);
      b.AddElement<int32_t>(slot(1), 9);
      b.AddElement<int32_t>(slot(2), 128);
      type = kTypeDecimal;
      break;
    case DType::List: type = kTypeLargeList; break;
  }
  return {type, fb::Offset<void>(b.EndTable(start))};
}

/// A Field table of `name` and dtype `t`.
fb::Offset<void> field_table(fb::FlatBufferBuilder& b, const std::string& name, const DType& t) {
  std::vector<fb::Offset<void>> children;
  if (t == DType::List) children.push_back(field_table(b, "item", t.element()));
  auto name_offset = b.CreateString(name);
  auto [type, type_offset] = type_table(b, t);
  auto children_offset = b.CreateVector(children);
  auto start = b.StartTable();
  b.AddOffset(slot(0), name_offset);
  b.AddElement<uint8_t>(slot(1), 1);
  b.AddElement<uint8_t>(slot(2), type);
  b.AddOffset(slot(3), type_offset);
  b.AddOffset(slot(5), children_offset);
  return fb::Offset<void>(b.EndTable(start));
}

void pad8(std::string& out) { out.append((8 - out.size() % 8) % 8, '\0'); }

/// Appends an encapsulated message: continuation marker, metadata size, the Message table
/// (header `header` of type `type`) padded to 8 bytes, then `body`.
void put_message(std::string& out, fb::FlatBufferBuilder& b, uint8_t type, fb::Offset<void> header,
                 const std::string& body) {
  auto start = b.StartTable();
  b.AddElement<int16_t>(slot(0), kMetadataV5);
  b.AddElement<uint8_t>(slot(1), type);
  b.AddOffset(slot(2), header);
  b.AddElement<int64_t>(slot(3), static_cast<int64_t>(body.size()));
  b.Finish(fb::Offset<void>(b.EndTable(start)));
  auto size = static_cast<uint32_t>((b.GetSize() + 7) / 8 * 8);
  out.append(reinterpret_cast<const char*>(&kContinuation), 4);
  out.append(reinterpret_cast<const char*>(&size), 4);
  out.append(reinterpret_cast<const char*>(b.GetBufferPointer()), b.GetSize());
  pad8(out);
  out += body;
}

/// Appends column `c`'s field nodes, buffers and body bytes (in the pre-order the format uses).
void put_column(const Column& c, std::vector<TwoLongs>& nodes, std::vector<TwoLongs>& buffers, std::string& body) {
  nodes.push_back({c.length, c.null_count});
  auto buffer = [&](const void* p, size_t size) {
    buffers.push_back({static_cast<int64_t>(body.size()), static_cast<int64_t>(size)});
    body.append(static_cast<const char*>(p), size);
    pad8(body);
  };
  auto bitmap_bytes = static_cast<size_t>((c.length + 7) / 8);
  buffer(c.validity.data(), c.null_count ? bitmap_bytes : 0);
  if (c.type == DType::Boolean) {
    buffer(c.values.data(), bitmap_bytes);
  } else if (!variable(c.type)) {
    buffer(c.values.data(), c.values.size());
  } else {
    buffer(c.offsets.data(), c.offsets.size() * 8);
    if (c.type == DType::List) {
      put_column(*c.items, nodes, buffers, body);
    } else {
      buffer(c.data.data(), c.data.size());
    }
  }
}

// -- reading ------------------------------------------------------------------------------

[[noreturn]] void bad(const std::string& what) {
  throw InternalError("internal error: a function worker sent a bad Arrow IPC batch: " + what);
}

/// How a field of a stream stores its dtype: 64-bit offsets or 32-bit ones, and its items'.
struct Shape {
  bool large = true;
  std::unique_ptr<Shape> item;
};

/// Checks that Field `f` (verified by `v`) has dtype `t`; its shape.
std::unique_ptr<Shape> check_field(fb::Verifier& v, const fb::Table* f, const DType& t) {
  if (!f->VerifyTableStart(v) || !f->VerifyOffset(v, slot(0)) ||
      !v.VerifyString(f->GetPointer<const fb::String*>(slot(0))) || !f->VerifyField<uint8_t>(v, slot(2), 1) ||
      !f->VerifyOffset(v, slot(3)) || !f->VerifyOffset(v, slot(5))) {
    bad("a Field table does not verify");
  }
  if (f->GetOptionalFieldOffset(slot(4)) != 0) bad("a dictionary-encoded field");
  const auto* type = f->GetPointer<const fb::Table*>(slot(3));
  auto kind = f->GetField<uint8_t>(slot(2), 0);
  // The fields of the type's table read below, by their sizes (Int: int and bool; Decimal:
  // ints; FloatingPoint, Date, Timestamp: a short first).
  bool ints = kind == kTypeInt || kind == kTypeDecimal;
  if (type == nullptr || !type->VerifyTableStart(v) ||
      !(ints ? type->VerifyField<int32_t>(v, slot(0), 4) : type->VerifyField<int16_t>(v, slot(0), 2)) ||
      !(kind == kTypeInt ? type->VerifyField<uint8_t>(v, slot(1), 1)
                         : kind != kTypeDecimal || type->VerifyField<int32_t>(v, slot(1), 4)) ||
      !(kind != kTypeDecimal || type->VerifyField<int32_t>(v, slot(2), 4))) {
    bad("a field's type does not verify");
  }
  auto shape = std::make_unique<Shape>();
  bool ok = false;
  switch (t.kind()) {
    case DType::Boolean: ok = kind == kTypeBool; break;
    case DType::Timedelta: refuse_timedelta();
    case DType::Int64:
      ok = kind == kTypeInt && type->GetField<int32_t>(slot(0), 0) == 64 && type->GetField<uint8_t>(slot(1), 0) == 1;
      break;
    case DType::Float64: ok = kind == kTypeFloatingPoint && type->GetField<int16_t>(slot(0), 0) == kDouble; break;
    case DType::String:
    case DType::Binary:
      ok = kind == (t == DType::String ? kTypeLargeUtf8 : kTypeLargeBinary) ||
           kind == (t == DType::String ? kTypeUtf8 : kTypeBinary);
      shape->large = kind == kTypeLargeUtf8 || kind == kTypeLargeBinary;
      break;
    case DType::Date: ok = kind == kTypeDate && type->GetField<int16_t>(slot(0), 1) == kDay; break;
    case DType::Timestamp:
    case DType::TimestampTz: {
      if (!type->VerifyOffset(v, slot(1)) || !v.VerifyString(type->GetPointer<const fb::String*>(slot(1)))) {
        bad("a timestamp's zone does not verify");
      }
      const auto* zone = type->GetPointer<const fb::String*>(slot(1));
      ok = kind == kTypeTimestamp && type->GetField<int16_t>(slot(0), 0) == kMicrosecond &&
           (t == DType::TimestampTz) == (zone != nullptr && zone->size() > 0);
      break;
    }
    case DType::Decimal:
      ok = kind == kTypeDecimal && type->GetField<int32_t>(slot(0), 0) == 38 && type->GetField<int32_t>(slot(1), 0) == 9 &&
           type->GetField<int32_t>(slot(2), 128) == 128;
      break;
    case DType::List: {
      ok = kind == kTypeLargeList || kind == kTypeList;
      shape->large = kind == kTypeLargeList;
      const auto* children = f->GetPointer<const fb::Vector<fb::Offset<fb::Table>>*>(slot(5));
      if (ok && (!v.VerifyVector(children) || children == nullptr || children->size() != 1)) bad("a list's item field");
      if (ok) shape->item = check_field(v, children->Get(0), t.element());
      break;
    }
  }
  if (!v.EndTable() || !v.EndTable()) bad("a field nests too deep");  // its type's and its own
  if (!ok) bad("a field is not of type " + dtype_name(t));
  return shape;
}

/// Reads a stream's messages in turn.
class MessageReader {
 public:
  explicit MessageReader(std::string_view in) : in_(in) {}

  /// The next message's header type, header table and body; false at the end of the stream.
  bool next(uint8_t& type, const fb::Table*& header, std::string_view& body, fb::Verifier*& verifier) {
    if (pos_ == in_.size()) return false;
    uint32_t size = take32();
    if (size == kContinuation) size = take32();
    if (size == 0) return false;  // end-of-stream marker
    if (size > in_.size() - pos_) bad("a message's metadata runs past the end");
    const auto* meta = reinterpret_cast<const uint8_t*>(in_.data() + pos_);
    pos_ += size;
    verifier_ = std::make_unique<fb::Verifier>(meta, size);
    fb::Verifier& v = *verifier_;
    if (size < sizeof(fb::uoffset_t) || !v.VerifyOffset(0)) bad("a message does not verify");
    const auto* message = fb::GetRoot<fb::Table>(meta);
    if (!message->VerifyTableStart(v) || !message->VerifyField<int16_t>(v, slot(0), 2) ||
        !message->VerifyField<uint8_t>(v, slot(1), 1) || !message->VerifyOffset(v, slot(2)) ||
        !message->VerifyField<int64_t>(v, slot(3), 8) || !v.EndTable()) {
      bad("a Message table does not verify");
    }
    type = message->GetField<uint8_t>(slot(1), 0);
    header = message->GetPointer<const fb::Table*>(slot(2));
    if (header == nullptr || !header->VerifyTableStart(v)) bad("a message's header does not verify");
    auto length = message->GetField<int64_t>(slot(3), 0);
    if (length < 0 || static_cast<uint64_t>(length) > in_.size() - pos_) bad("a message's body runs past the end");
    body = in_.substr(pos_, static_cast<size_t>(length));
    pos_ += static_cast<size_t>(length);
    verifier = &v;
    return true;
  }

 private:
  uint32_t take32() {
    if (in_.size() - pos_ < 4) bad("a truncated message");
    uint32_t v = 0;
    std::memcpy(&v, in_.data() + pos_, 4);
    pos_ += 4;
    return v;
  }
  std::string_view in_;
  size_t pos_ = 0;
  std::unique_ptr<fb::Verifier> verifier_;
};

/// The nodes and buffers of a record batch, taken in turn.
struct BatchCursor {
  const fb::Vector<const TwoLongs*>* nodes;
  const fb::Vector<const TwoLongs*>* buffers;
  std::string_view body;
  fb::uoffset_t node = 0, buffer = 0;

  TwoLongs next_node() {
    if (node >= nodes->size()) bad("fewer field nodes than fields");
    return *nodes->Get(node++);
  }
  /// The next buffer, of at least `need` bytes (unless it is empty and `may_be_empty`).
  const uint8_t* next_buffer(int64_t need, bool may_be_empty = false) {
    if (buffer >= buffers->size()) bad("fewer buffers than the fields need");
    const TwoLongs& b = *buffers->Get(buffer++);
    if (b.first < 0 || b.second < 0 || static_cast<uint64_t>(b.first) > body.size() ||
        static_cast<uint64_t>(b.second) > body.size() - static_cast<uint64_t>(b.first)) {
      bad("a buffer runs past its body");
    }
    if (b.second == 0 && may_be_empty) return nullptr;
    if (b.second < need) bad("a buffer is shorter than its rows need");
    return reinterpret_cast<const uint8_t*>(body.data() + b.first);
  }
};

/// Appends rows [from, from + n) of the field at `cur` (its node has the field's rows) to `c`.
void read_column(Column& c, const Shape& shape, BatchCursor& cur, int64_t from, int64_t n) {
  TwoLongs node = cur.next_node();
  int64_t rows = node.first;
  if (rows < 0 || from < 0 || n < 0 || from + n > rows) bad("a field has fewer rows than its parent");
  const uint8_t* validity = cur.next_buffer((rows + 7) / 8, true);
  if (validity == nullptr && node.second != 0) bad("a field with missing values has no validity bitmap");
  c.null_count += append_bits(c.validity, c.length, validity, from, n);
  c.length += n;
  if (c.type == DType::Boolean) {
    append_bits(c.values, c.length - n, cur.next_buffer((rows + 7) / 8), from, n);
    return;
  }
  if (!variable(c.type)) {
    auto w = static_cast<int64_t>(width_of(c.type));
    const uint8_t* values = cur.next_buffer(rows * w, n == 0);
    if (n) c.values.append(reinterpret_cast<const char*>(values) + from * w, static_cast<size_t>(n * w));
    return;
  }
  int64_t ow = shape.large ? 8 : 4;
  const uint8_t* raw = cur.next_buffer((rows + 1) * ow, n == 0);
  auto offset = [&](int64_t i) {
    if (shape.large) {
      int64_t o;
      std::memcpy(&o, raw + 8 * i, 8);
      return o;
    }
    int32_t o;
    std::memcpy(&o, raw + 4 * i, 4);
    return static_cast<int64_t>(o);
  };
  int64_t first = n ? offset(from) : 0, last = n ? offset(from + n) : 0;
  int64_t base = c.offsets.back() - first;
  for (int64_t i = 1; i <= n; ++i) {
    int64_t o = offset(from + i);
    if (o < offset(from + i - 1)) bad("offsets go down");
    c.offsets.push_back(base + o);
  }
  if (first < 0) bad("a negative offset");
  if (c.type == DType::List) {
    read_column(*c.items, *shape.item, cur, first, last - first);
    return;
  }
  const uint8_t* data = cur.next_buffer(last, last == first);
  if (last > first) c.data.append(reinterpret_cast<const char*>(data) + first, static_cast<size_t>(last - first));
}

// -- export -------------------------------------------------------------------------------

/// The Arrow format of a column of `dtype` as exported.
const char* format_of(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Timedelta: refuse_timedelta();
    case DType::Time: refuse_time();
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

/// A column with its Arrow array and schema (and its items').
struct Exported {
  explicit Exported(Column c) : column(std::move(c)) {
    buffers[0] = column.validity.data();
    int nbuffers = 2, nchildren = 0;
    if (column.type == DType::Boolean || !variable(column.type)) {
      buffers[1] = column.values.data();
    } else {
      buffers[1] = column.offsets.data();
      if (column.type == DType::List) {
        item = std::make_unique<Exported>(std::move(*column.items));
        item_array[0] = &item->array;
        item_schema[0] = &item->schema;
        nchildren = 1;
      } else {
        buffers[2] = column.data.data();
        nbuffers = 3;
      }
    }
    array = ArrowArray{column.length, column.null_count, 0, nbuffers, nchildren, buffers,
                       nchildren ? item_array : nullptr, nullptr, release_nothing, nullptr};
    schema = ArrowSchema{format_of(column.type), "item", nullptr, ARROW_FLAG_NULLABLE, nchildren,
                         nchildren ? item_schema : nullptr, nullptr, release_schema, nullptr};
  }
  static void release_nothing(ArrowArray* a) { a->release = nullptr; }
  static void release_schema(ArrowSchema* s) { s->release = nullptr; }

  Column column;
  const void* buffers[3] = {};
  std::unique_ptr<Exported> item;
  ArrowArray* item_array[1] = {};
  ArrowSchema* item_schema[1] = {};
  ArrowArray array{};
  ArrowSchema schema{};
};

/// The struct array of a result: its own (empty) buffer list and its one column.
struct Result {
  std::unique_ptr<Exported> column;
  const void* struct_buffers[1] = {nullptr};
  ArrowArray* children[1] = {};
  ArrowSchema* schema_children[1] = {};
};

void release_result(ArrowArray* a) {
  delete static_cast<Result*>(a->private_data);
  a->release = nullptr;
}

}  // namespace

Column::Column(DType t) : type(std::move(t)) {
  if (variable(type)) offsets.push_back(0);
  if (type == DType::List) items = std::make_unique<Column>(type.element());
}

void Column::add_row(bool present) {
  validity.resize(static_cast<size_t>((length + 8) / 8));
  auto mask = static_cast<uint8_t>(1u << (length & 7));
  auto& byte = validity[static_cast<size_t>(length >> 3)];
  byte = present ? (byte | mask) : (byte & ~mask);
  null_count += !present;
  ++length;
}

void Column::set_bool(int64_t i, bool v) {
  if (values.size() < static_cast<size_t>((i + 8) / 8)) values.resize(static_cast<size_t>((i + 8) / 8));
  auto mask = static_cast<uint8_t>(1u << (i & 7));
  auto& byte = reinterpret_cast<uint8_t&>(values[static_cast<size_t>(i >> 3)]);
  byte = v ? (byte | mask) : (byte & ~mask);
}

std::vector<Column> arrow_columns(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                                  int64_t start, int64_t n) {
  if (static_cast<size_t>(args.n_children) != types.size()) {
    throw InternalError("internal error: a call's arguments do not match the function's");
  }
  std::vector<Column> out;
  for (size_t c = 0; c < types.size(); ++c) {
    out.emplace_back(types[c]);
    append_arrow(out.back(), *schema.children[c], *args.children[c], args.offset + start, n);
  }
  return out;
}

std::string encode_columns(const std::vector<Column>& columns) {
  std::string out;
  {
    fb::FlatBufferBuilder b;
    std::vector<fb::Offset<void>> fields;
    for (size_t c = 0; c < columns.size(); ++c) {
      fields.push_back(field_table(b, "a" + std::to_string(c), columns[c].type));
    }
    auto fields_offset = b.CreateVector(fields);
    auto start = b.StartTable();
    b.AddElement<int16_t>(slot(0), 0);  // Little
    b.AddOffset(slot(1), fields_offset);
    put_message(out, b, kHeaderSchema, fb::Offset<void>(b.EndTable(start)), "");
  }
  std::vector<TwoLongs> nodes, buffers;
  std::string body;
  for (const Column& c : columns) put_column(c, nodes, buffers, body);
  fb::FlatBufferBuilder b;
  auto nodes_offset = b.CreateVectorOfStructs(nodes.data(), nodes.size());
  auto buffers_offset = b.CreateVectorOfStructs(buffers.data(), buffers.size());
  auto start = b.StartTable();
  b.AddElement<int64_t>(slot(0), columns.empty() ? 0 : columns[0].length);
  b.AddOffset(slot(1), nodes_offset);
  b.AddOffset(slot(2), buffers_offset);
  put_message(out, b, kHeaderRecordBatch, fb::Offset<void>(b.EndTable(start)), body);
  out.append(reinterpret_cast<const char*>(&kContinuation), 4);
  out.append(4, '\0');  // end of stream
  return out;
}

std::string encode_batch(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                         int64_t start, int64_t n) {
  return encode_columns(arrow_columns(types, schema, args, start, n));
}

std::vector<Column> decode_batches(const std::vector<std::string>& streams, const std::vector<DType>& types) {
  std::vector<Column> out;
  for (const DType& t : types) out.emplace_back(t);
  for (const std::string& stream : streams) {
    MessageReader reader(stream);
    uint8_t type = 0;
    const fb::Table* header = nullptr;
    std::string_view body;
    fb::Verifier* v = nullptr;
    if (!reader.next(type, header, body, v) || type != kHeaderSchema) bad("the stream does not start with a schema");
    if (!header->VerifyField<int16_t>(*v, slot(0), 2) || !header->VerifyOffset(*v, slot(1))) bad("a Schema table");
    if (header->GetField<int16_t>(slot(0), 0) != 0) bad("big-endian values");
    const auto* fields = header->GetPointer<const fb::Vector<fb::Offset<fb::Table>>*>(slot(1));
    if (!v->VerifyVector(fields) || fields == nullptr || fields->size() != types.size()) {
      bad("its schema has not " + std::to_string(types.size()) + " field(s)");
    }
    std::vector<std::unique_ptr<Shape>> shapes;
    for (size_t c = 0; c < types.size(); ++c) shapes.push_back(check_field(*v, fields->Get(static_cast<fb::uoffset_t>(c)), types[c]));
    if (!v->EndTable()) bad("a Schema table");
    while (reader.next(type, header, body, v)) {
      if (type != kHeaderRecordBatch) bad("a message that is not a record batch");
      if (!header->VerifyField<int64_t>(*v, slot(0), 8) || !header->VerifyOffset(*v, slot(1)) ||
          !header->VerifyOffset(*v, slot(2)) || !v->EndTable()) {
        bad("a RecordBatch table does not verify");
      }
      if (header->GetOptionalFieldOffset(slot(3)) != 0) bad("a compressed record batch");
      BatchCursor cur{header->GetPointer<const fb::Vector<const TwoLongs*>*>(slot(1)),
                      header->GetPointer<const fb::Vector<const TwoLongs*>*>(slot(2)), body};
      if (cur.nodes == nullptr || cur.buffers == nullptr || !v->VerifyVector(cur.nodes) || !v->VerifyVector(cur.buffers)) {
        bad("a record batch's nodes or buffers do not verify");
      }
      int64_t rows = header->GetField<int64_t>(slot(0), 0);
      for (size_t c = 0; c < types.size(); ++c) read_column(out[c], *shapes[c], cur, 0, rows);
    }
  }
  return out;
}

void to_arrow(Column column, ArrowSchema* schema, ArrowArray* out) {
  auto r = std::make_unique<Result>();
  int64_t rows = column.length;
  r->column = std::make_unique<Exported>(std::move(column));
  r->column->schema.name = "r";
  r->children[0] = &r->column->array;
  r->schema_children[0] = &r->column->schema;
  *schema = ArrowSchema{"+s", "", nullptr, 0, 1, r->schema_children, nullptr, Exported::release_schema, nullptr};
  Result* raw = r.release();
  *out = ArrowArray{rows, 0, 0, 1, 1, raw->struct_buffers, raw->children, nullptr, release_result, raw};
}

void decode_result(const std::vector<std::string>& parts, const DType& expect, int64_t rows, ArrowSchema* schema,
                   ArrowArray* out) {
  std::vector<Column> columns = decode_batches(parts, {expect});
  if (columns[0].length != rows) {
    bad(std::to_string(columns[0].length) + " rows for a call of " + std::to_string(rows));
  }
  to_arrow(std::move(columns[0]), schema, out);
}

}  // namespace cormorant::functions::wire
