#include "cormorant/common/table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <sstream>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "dictionary.hpp"

namespace cormorant {

Table::Table(Schema schema, ArrowSchema arrow_schema, std::vector<ArrowArray> batches)
    : schema_(std::move(schema)), arrow_schema_(arrow_schema), batches_(std::move(batches)) {
  CORMORANT_CHECK(arrow_schema_.n_children == static_cast<int64_t>(schema_.size()),
                  "arrow schema and schema disagree");
  for (const auto& batch : batches_) {
    batch_starts_.push_back(num_rows_);
    num_rows_ += batch.length;
  }
}

Table::Table(Table&& other) noexcept { *this = std::move(other); }

Table& Table::operator=(Table&& other) noexcept {
  if (this != &other) {
    release();
    schema_ = std::move(other.schema_);
    arrow_schema_ = other.arrow_schema_;
    other.arrow_schema_.release = nullptr;
    batches_ = std::move(other.batches_);
    other.batches_.clear();
    batch_starts_ = std::move(other.batch_starts_);
    num_rows_ = other.num_rows_;
    other.num_rows_ = 0;
  }
  return *this;
}

Table::~Table() { release(); }

void Table::release() {
  for (auto& batch : batches_) {
    if (batch.release) batch.release(&batch);
  }
  batches_.clear();
  batch_starts_.clear();
  if (arrow_schema_.release) arrow_schema_.release(&arrow_schema_);
  arrow_schema_.release = nullptr;
}

void Table::set_names(const std::vector<std::string>& names) {
  CORMORANT_CHECK(names.size() == schema_.size(), "set_names needs one name per column");
  for (size_t i = 0; i < names.size(); ++i) schema_[i].name = names[i];
}

void Table::restore_dtypes(const std::vector<DType>& dtypes) {
  CORMORANT_CHECK(dtypes.size() == schema_.size(), "restore_dtypes needs one dtype per column");
  for (size_t i = 0; i < dtypes.size(); ++i) {
    if (schema_[i].dtype == DType::TimestampTz && dtypes[i] == DType::TimestampTz) schema_[i].dtype = dtypes[i];
    if (schema_[i].dtype == DType::Int64 && (dtypes[i] == DType::Timedelta || dtypes[i] == DType::Categorical)) {
      schema_[i].dtype = dtypes[i];
    }
  }
}

int64_t Table::column_index(std::string_view name) const {
  for (size_t i = 0; i < schema_.size(); ++i) {
    if (schema_[i].name == name) return static_cast<int64_t>(i);
  }
  throw ColumnNotFoundError("column '" + std::string(name) + "' is not in the result");
}

Table::Locator Table::locate(int64_t row, int64_t column) const {
  if (row < 0 || row >= num_rows_ || column < 0 || column >= num_columns()) {
    throw InvalidArgumentError("position (" + std::to_string(row) + ", " + std::to_string(column) +
                               ") is out of bounds for a table of shape (" +
                               std::to_string(num_rows_) + ", " + std::to_string(num_columns()) +
                               ")");
  }
  auto it = std::upper_bound(batch_starts_.begin(), batch_starts_.end(), row);
  size_t b = static_cast<size_t>(it - batch_starts_.begin()) - 1;
  const ArrowArray& batch = batches_[b];
  const ArrowArray* col = batch.children[column];
  return {col, row - batch_starts_[b] + batch.offset + col->offset};
}

namespace {

bool bit(const void* bitmap, int64_t i) {
  return (static_cast<const uint8_t*>(bitmap)[i >> 3] >> (i & 7)) & 1;
}

std::string format_date(int64_t days) {
  std::time_t t = static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

/// A time of day of `micros` microseconds since midnight as Python's str of a datetime.time
/// ("09:30:00", "09:30:00.000001").
std::string format_time_us(int64_t micros) {
  char buf[32];
  int64_t secs = micros / 1'000'000, frac = micros % 1'000'000;
  int n = std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(secs / 3600),
                        static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  if (frac != 0) std::snprintf(buf + n, sizeof buf - n, ".%06lld", static_cast<long long>(frac));
  return buf;
}

std::string format_timestamp_us(int64_t micros) {
  int64_t secs = micros / 1000000;
  int64_t frac = micros % 1000000;
  if (frac < 0) {
    frac += 1000000;
    secs -= 1;
  }
  std::time_t t = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[48];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  std::string out = buf;
  if (frac != 0) {
    char f[16];
    std::snprintf(f, sizeof f, ".%06lld", static_cast<long long>(frac));
    out += f;
  }
  return out;
}

/// The text of a little-endian 128-bit two's-complement decimal of scale 9 ("-12.500000000").
std::string format_decimal(const unsigned char* bytes) {
  unsigned __int128 u = 0;
  for (int b = 15; b >= 0; --b) u = (u << 8) | bytes[b];
  bool negative = (bytes[15] & 0x80) != 0;
  if (negative) u = ~u + 1;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  if (digits.size() < 10) digits.insert(0, 10 - digits.size(), '0');
  digits.insert(digits.size() - 9, ".");
  return (negative ? "-" : "") + digits;
}

/// The value at position `i` of an Integer column `col`; throws DTypeError for a UInt64 value
/// past Int64's range, which a Value cannot hold.
Value integer_cell(const ArrowArray& col, const DType& dtype, int64_t i) {
  const void* data = col.buffers[1];
  switch (dtype.bits() * (dtype.is_unsigned() ? -1 : 1)) {
    case 8: return static_cast<const int8_t*>(data)[i];
    case 16: return static_cast<const int16_t*>(data)[i];
    case 32: return static_cast<const int32_t*>(data)[i];
    case -8: return static_cast<const uint8_t*>(data)[i];
    case -16: return static_cast<const uint16_t*>(data)[i];
    case -32: return static_cast<const uint32_t*>(data)[i];
    case -64: {
      uint64_t v = static_cast<const uint64_t*>(data)[i];
      if (v > static_cast<uint64_t>(INT64_MAX)) {
        throw DTypeError("the UInt64 value " + std::to_string(v) +
                         " is past Int64's range, which a cormorant Value holds; read the Table with export_to "
                         "or convert the column with astype('Float64') first");
      }
      return static_cast<int64_t>(v);
    }
  }
  throw InternalError("internal error: an integer column of an unknown width");
}

/// The value at position `i` (offset already applied) of `col` (described by `schema`, of
/// dtype `dtype`). A list's value is its text as the engine writes it: "[1, NULL, 3]".
Value cell(const ArrowSchema& schema, const ArrowArray& col, const DType& dtype, int64_t i) {
  if (col.null_count != 0 && col.buffers[0] != nullptr && !bit(col.buffers[0], i)) return NA;
  const char* format = schema.format;
  auto var_width = [&](bool large) {
    const char* data = static_cast<const char*>(col.buffers[2]);
    if (large) {
      auto offsets = static_cast<const int64_t*>(col.buffers[1]);
      return std::string(data + offsets[i], data + offsets[i + 1]);
    }
    auto offsets = static_cast<const int32_t*>(col.buffers[1]);
    return std::string(data + offsets[i], data + offsets[i + 1]);
  };
  switch (dtype.kind()) {
    case DType::Boolean: return bit(col.buffers[1], i);
    case DType::Int64: return static_cast<const int64_t*>(col.buffers[1])[i];
    case DType::Integer: return integer_cell(col, dtype, i);
    case DType::Float64: return static_cast<const double*>(col.buffers[1])[i];
    case DType::String: return var_width(std::strcmp(format, "U") == 0);
    case DType::Date: return format_date(static_cast<const int32_t*>(col.buffers[1])[i]);
    case DType::Timestamp:
    case DType::TimestampTz: return format_timestamp_us(static_cast<const int64_t*>(col.buffers[1])[i]);
    case DType::Binary: return var_width(std::strcmp(format, "Z") == 0);  // the bytes, as a std::string
    case DType::Decimal: return format_decimal(static_cast<const unsigned char*>(col.buffers[1]) + 16 * i);
    case DType::Timedelta: return Moment::timedelta(static_cast<const int64_t*>(col.buffers[1])[i]);
    case DType::Time: return Moment{DType::Time, format_time_us(static_cast<const int64_t*>(col.buffers[1])[i])};
    case DType::Categorical: {
      int64_t code = static_cast<const int64_t*>(col.buffers[1])[i];
      const auto& values = dtype.categories().values;
      CORMORANT_CHECK(code >= 0 && code < static_cast<int64_t>(values.size()), "a categorical code out of range");
      return values[static_cast<size_t>(code)];
    }
    case DType::List: {
      bool large = std::strcmp(format, "+L") == 0;
      auto offset = [&](int64_t k) {
        return large ? static_cast<const int64_t*>(col.buffers[1])[k] : int64_t{static_cast<const int32_t*>(col.buffers[1])[k]};
      };
      const ArrowArray& items = *col.children[0];
      std::string out = "[";
      for (int64_t j = offset(i); j < offset(i + 1); ++j) {
        Value v = cell(*schema.children[0], items, dtype.element(), items.offset + j);
        out += (j > offset(i) ? ", " : "") + (v.is_na() ? std::string("NULL") : v.to_string());
      }
      return out + "]";
    }
    case DType::Struct: {  // the engine's text of a struct: {'a': 1, 'b': NULL}
      std::string out = "{";
      const auto& fields = dtype.fields();
      for (size_t k = 0; k < fields.size(); ++k) {
        const ArrowArray& child = *col.children[k];
        Value v = cell(*schema.children[k], child, fields[k].dtype, child.offset + i);
        out += (k ? ", '" : "'") + fields[k].name + "': " + (v.is_na() ? std::string("NULL") : v.to_string());
      }
      return out + "}";
    }
  }
  throw InternalError("internal error: unknown dtype");
}

}  // namespace

bool Table::is_null(int64_t row, int64_t column) const {
  auto [col, i] = locate(row, column);
  if (col->null_count == 0 || col->buffers[0] == nullptr) return false;
  return !bit(col->buffers[0], i);
}

Value Table::at(int64_t row, int64_t column) const {
  if (is_null(row, column)) return NA;
  auto [col, i] = locate(row, column);
  return cell(*arrow_schema_.children[column], *col, schema_[column].dtype, i);
}

namespace {

/// Formats a Float64 column's cells the way pandas prints its nullable Float64: each value
/// with six decimals, trailing zeros trimmed (one decimal kept).
std::vector<std::string> format_floats(const std::vector<Value>& cells) {
  std::vector<std::string> out;
  char buf[400];
  for (const auto& v : cells) {
    if (v.is_na()) {
      out.push_back("<NA>");
      continue;
    }
    double d = v.get<double>();
    if (std::isnan(d)) {
      out.push_back("NaN");
    } else if (std::isinf(d)) {
      out.push_back(d > 0 ? "inf" : "-inf");
    } else {
      std::snprintf(buf, sizeof buf, "%.6f", d);
      std::string s = buf;
      while (s.size() > 2 && s.back() == '0' && s[s.size() - 2] != '.') s.pop_back();
      out.push_back(s);
    }
  }
  return out;
}

}  // namespace

int64_t truncated_half(int64_t max_rows) { return std::max<int64_t>(1, std::min<int64_t>(10, max_rows) / 2); }

std::string format_frame(const Schema& schema, const std::vector<std::string>& index,
                         const std::vector<std::vector<Value>>& columns, int64_t total_rows) {
  const size_t shown = index.size();
  const bool truncated = total_rows > static_cast<int64_t>(shown);
  const size_t half = (shown + 1) / 2;  // the "..." row goes after the first half
  std::ostringstream out;
  if (schema.empty() || total_rows == 0) {
    out << "Empty DataFrame\nColumns: [";
    for (size_t c = 0; c < schema.size(); ++c) out << (c ? ", " : "") << schema[c].name;
    out << "]\nIndex: [";
    for (size_t i = 0; i < index.size(); ++i) out << (i ? ", " : "") << index[i];
    out << "]";
    return out.str();
  }
  // Like pandas: each value cell starts with a sign slot (a space, or the minus sign of a
  // negative number), columns are joined by one space, the index is left-aligned and values
  // and headers right-aligned.
  std::vector<std::vector<std::string>> cols{index};
  std::vector<std::string> headers{""};
  for (size_t c = 0; c < schema.size(); ++c) {
    headers.push_back(" " + schema[c].name);
    std::vector<std::string> text =
        schema[c].dtype == DType::Float64 ? format_floats(columns[c]) : std::vector<std::string>{};
    if (text.empty()) {
      for (const auto& v : columns[c]) text.push_back(v.to_string());
    }
    for (auto& t : text) {
      if (t.empty() || t[0] != '-') t = " " + t;
    }
    cols.push_back(std::move(text));
  }
  std::vector<size_t> width(cols.size());
  for (size_t c = 0; c < cols.size(); ++c) {
    width[c] = headers[c].size();
    for (const auto& s : cols[c]) width[c] = std::max(width[c], s.size());
    if (truncated) width[c] = std::max<size_t>(width[c], 2);  // room for the ".." marker
  }
  auto line = [&](auto cell) {
    for (size_t c = 0; c < cols.size(); ++c) {
      std::string s = cell(c);
      std::string pad(width[c] - std::min(width[c], s.size()), ' ');
      out << (c ? " " : "") << (c ? pad + s : s + pad);
    }
  };
  line([&](size_t c) { return headers[c]; });
  for (size_t r = 0; r < shown; ++r) {
    if (truncated && r == half) {
      out << "\n";
      line([&](size_t c) { return std::string(width[c] <= 3 ? ".." : "..."); });
    }
    out << "\n";
    line([&](size_t c) { return cols[c][r]; });
  }
  if (truncated) out << "\n\n[" << total_rows << " rows x " << schema.size() << " columns]";
  return out.str();
}

void Table::append_cells(std::vector<std::string>& index, std::vector<std::vector<Value>>& columns,
                         int64_t first, int64_t count, int64_t first_label) const {
  columns.resize(schema_.size());
  for (int64_t r = first; r < first + count; ++r) {
    index.push_back(std::to_string(first_label + (r - first)));
    for (int64_t c = 0; c < num_columns(); ++c) columns[c].push_back(at(r, c));
  }
}

std::string Table::to_string(int64_t max_rows) const {
  std::vector<std::string> index;
  std::vector<std::vector<Value>> columns(schema_.size());
  if (num_rows_ <= max_rows) {
    append_cells(index, columns, 0, num_rows_, 0);
  } else {
    int64_t half = truncated_half(max_rows);
    append_cells(index, columns, 0, half, 0);
    append_cells(index, columns, num_rows_ - half, half, num_rows_ - half);
  }
  return format_frame(schema_, index, columns, num_rows_);
}

namespace {

/// Private state of a stream exported by Table::export_to.
struct TableStream {
  ArrowSchema schema;
  std::vector<ArrowArray> batches;
  size_t next = 0;
  /// Format strings of time-zone-aware columns ("tsu:<zone>"); the schema's children point at
  /// them, or at the literal "tDu" of a timedelta (the engine's schema release frees its own
  /// holder, never a child's format).
  std::vector<std::unique_ptr<std::string>> formats;
  /// Categorical columns (their positions) and their categories as Arrow dictionaries: each
  /// batch handed out is wrapped to point at them (detail::with_dictionaries).
  std::vector<int64_t> categorical;
  std::vector<std::shared_ptr<detail::ArrowDictionary>> dictionaries;
  /// Field metadata of categoricals whose categories pandas holds in another dtype than the
  /// dictionary's ("cormorant.categories": Categories::pandas), and the engine's own metadata
  /// of those fields, put back before its schema is released.
  std::vector<std::unique_ptr<std::string>> metadata;
  std::vector<std::pair<int64_t, const char*>> engine_metadata;
};

/// Arrow's binary metadata of one key and value: the number of pairs, then each length (int32,
/// native order) followed by its bytes.
std::string arrow_metadata(const std::string& key, const std::string& value) {
  std::string out;
  auto append = [&](int32_t n) { out.append(reinterpret_cast<const char*>(&n), sizeof n); };
  append(1);
  append(static_cast<int32_t>(key.size()));
  out += key;
  append(static_cast<int32_t>(value.size()));
  out += value;
  return out;
}

}  // namespace

void Table::export_to(ArrowArrayStream* out) {
  auto* state = new TableStream{arrow_schema_, std::move(batches_), 0, {}};
  for (size_t i = 0; i < schema_.size() && static_cast<int64_t>(i) < state->schema.n_children; ++i) {
    ArrowSchema* child = state->schema.children[i];
    if (schema_[i].dtype == DType::TimestampTz && std::strncmp(child->format, "tsu:", 4) == 0) {
      state->formats.push_back(std::make_unique<std::string>("tsu:" + schema_[i].dtype.zone()));
      child->format = state->formats.back()->c_str();
    }
    if (schema_[i].dtype == DType::Timedelta && std::strcmp(child->format, "l") == 0) child->format = "tDu";
    if (schema_[i].dtype == DType::Categorical && std::strcmp(child->format, "l") == 0) {
      state->categorical.push_back(static_cast<int64_t>(i));
      state->dictionaries.push_back(std::make_shared<detail::ArrowDictionary>(schema_[i].dtype));
      child->dictionary = state->dictionaries.back()->schema();
      if (schema_[i].dtype.categories().ordered) child->flags |= ARROW_FLAG_DICTIONARY_ORDERED;
      if (const std::string& pandas = schema_[i].dtype.categories().pandas; !pandas.empty()) {
        state->metadata.push_back(std::make_unique<std::string>(arrow_metadata("cormorant.categories", pandas)));
        state->engine_metadata.emplace_back(static_cast<int64_t>(i), child->metadata);
        child->metadata = state->metadata.back()->data();
      }
    }
  }
  arrow_schema_.release = nullptr;
  batches_.clear();
  batch_starts_.clear();
  num_rows_ = 0;
  out->private_data = state;
  out->get_schema = [](ArrowArrayStream* s, ArrowSchema* schema_out) -> int {
    // Hand out a shallow copy whose release is a no-op: the stream keeps ownership.
    auto* st = static_cast<TableStream*>(s->private_data);
    *schema_out = st->schema;
    schema_out->release = [](ArrowSchema* self) { self->release = nullptr; };
    return 0;
  };
  out->get_next = [](ArrowArrayStream* s, ArrowArray* array_out) -> int {
    auto* st = static_cast<TableStream*>(s->private_data);
    if (st->next >= st->batches.size()) {
      std::memset(array_out, 0, sizeof *array_out);
      return 0;
    }
    *array_out = st->categorical.empty()
                     ? st->batches[st->next]
                     : detail::with_dictionaries(st->batches[st->next], st->categorical, st->dictionaries);
    st->batches[st->next].release = nullptr;  // moved to the consumer
    ++st->next;
    return 0;
  };
  out->get_last_error = [](ArrowArrayStream*) -> const char* { return nullptr; };
  out->release = [](ArrowArrayStream* s) {
    auto* st = static_cast<TableStream*>(s->private_data);
    for (auto& b : st->batches) {
      if (b.release) b.release(&b);
    }
    for (int64_t i : st->categorical) st->schema.children[i]->dictionary = nullptr;  // ours, not the engine's
    for (auto [i, engine] : st->engine_metadata) st->schema.children[i]->metadata = engine;
    if (st->schema.release) st->schema.release(&st->schema);
    delete st;
    s->release = nullptr;
  };
}

}  // namespace cormorant
