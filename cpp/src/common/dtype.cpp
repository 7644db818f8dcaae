#include "cormorant/common/dtype.hpp"

#include <cctype>
#include <cmath>
#include <utility>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"

namespace cormorant {

DType DType::timestamp_tz(std::string zone) {
  DType d(TimestampTz);
  if (zone != "UTC" && zone != "Etc/UTC" && zone != "utc" && zone != "Etc/Universal" && zone != "Z") {
    d.zone_ = std::move(zone);
  }
  return d;
}

DType DType::list_of(const DType& element) {
  if (element == List || element == Struct || element == Categorical || element == Integer) {
    throw DTypeError("lists of " + dtype_name(element) + " are not supported; use lists of scalars");
  }
  if (element == TimestampTz && !element.is_utc()) {
    throw DTypeError("lists of timestamps in zone " + element.zone() + " are not supported; convert them to UTC");
  }
  DType d(List);
  d.element_ = element.kind();
  d.zone_ = element.kind() == TimestampTz ? element.zone_ : std::string();
  return d;
}

DType DType::categorical(std::vector<Value> categories, const DType& values, bool ordered, std::string pandas) {
  if (values != Int64 && values != Float64 && values != String) {
    throw DTypeError("categories of dtype " + dtype_name(values) +
                     " are not supported yet; categories may be integers, floats or strings");
  }
  bool nullable = pandas == dtype_name(values);  // Int64, Float64, string
  if (!pandas.empty() && !nullable && !(values == String && pandas.rfind("interval[", 0) == 0)) {
    throw DTypeError("categories of pandas dtype " + pandas + " cannot be held as " + dtype_name(values));
  }
  auto c = std::make_shared<Categories>();
  c->dtype = values;
  c->ordered = ordered;
  c->pandas = std::move(pandas);
  for (auto& v : categories) {
    if (v.is_na()) throw DTypeError("categories cannot hold a missing value");
    if (v.dtype() != values && !(values == Float64 && v.holds<int64_t>())) {
      throw DTypeError("category " + v.to_string() + " is not of the categories' dtype " + dtype_name(values));
    }
    if (values == Float64 && v.holds<int64_t>()) v = static_cast<double>(v.get<int64_t>());
    if (!c->add(v)) throw DTypeError("categories must be unique; " + v.to_string() + " is repeated");
  }
  DType d(Categorical);
  d.categories_ = std::move(c);
  return d;
}

DType DType::struct_of(std::vector<StructField> fields) {
  if (fields.empty()) throw DTypeError("a struct dtype needs at least one field");
  auto lower = [](std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  for (size_t i = 0; i < fields.size(); ++i) {
    const auto& f = fields[i];
    if (f.name.empty() || f.name.find(", ") != std::string::npos || f.name.find(": ") != std::string::npos ||
        f.name.find_first_of("<>[]()") != std::string::npos) {
      throw DTypeError("struct field name '" + f.name +
                       "' is not supported; name fields without \", \", \": \" and brackets (pandas' dtype name "
                       "would be ambiguous)");
    }
    for (size_t j = 0; j < i; ++j) {
      if (lower(fields[j].name) == lower(f.name)) {
        throw DTypeError("struct fields '" + fields[j].name + "' and '" + f.name +
                         "' differ only in case (or not at all); the engine cannot tell them apart");
      }
    }
    if (f.dtype == Categorical || f.dtype == Timedelta || f.dtype == Integer ||
        (f.dtype == TimestampTz && !f.dtype.is_utc())) {
      throw DTypeError("struct field '" + f.name + "' of dtype " + dtype_name(f.dtype) +
                       " is not supported; fields may be numbers, booleans, strings, bytes, decimals, dates, naive or "
                       "UTC timestamps, lists and structs");
    }
  }
  DType d(Struct);
  d.fields_ = std::make_shared<const std::vector<StructField>>(std::move(fields));
  return d;
}

DType DType::integer(int bits, bool is_unsigned) {
  if (bits != 8 && bits != 16 && bits != 32 && bits != 64) {
    throw InternalError("internal error: no integer dtype of " + std::to_string(bits) + " bits");
  }
  if (bits == 64 && !is_unsigned) return DType(Int64);
  DType d(Integer);
  d.bits_ = static_cast<uint8_t>(bits);
  d.unsigned_ = is_unsigned;
  return d;
}

const std::vector<StructField>& DType::fields() const {
  if (kind_ != Struct || !fields_) throw InternalError("internal error: fields() of a " + dtype_name(*this));
  return *fields_;
}

const Categories& DType::categories() const {
  if (kind_ != Categorical || !categories_) throw InternalError("internal error: categories() of a " + dtype_name(*this));
  return *categories_;
}

bool DType::operator==(const DType& other) const {
  if (kind_ != other.kind_ || element_ != other.element_ || zone_ != other.zone_ || bits_ != other.bits_ ||
      unsigned_ != other.unsigned_) {
    return false;
  }
  if (kind_ == Struct) return fields_ == other.fields_ || (fields_ && other.fields_ && *fields_ == *other.fields_);
  if (kind_ != Categorical || categories_ == other.categories_) return true;
  return categories_ && other.categories_ && *categories_ == *other.categories_;
}

bool DType::operator<(const DType& other) const {
  if (kind_ != other.kind_) return kind_ < other.kind_;
  if (element_ != other.element_) return element_ < other.element_;
  if (zone_ != other.zone_) return zone_ < other.zone_;
  if (bits_ != other.bits_ || unsigned_ != other.unsigned_) {
    return std::pair(unsigned_, bits_) < std::pair(other.unsigned_, other.bits_);
  }
  if (kind_ == Struct) return dtype_name(*this) < dtype_name(other);
  if (kind_ != Categorical || *this == other) return false;
  if (!categories_ || !other.categories_) return !categories_;  // the bare "category" first
  return describe_categories(*categories_) < describe_categories(*other.categories_);
}

bool Categories::add(Value v) {
  if (code_of(v)) return false;
  auto code = static_cast<int64_t>(values.size());
  if (v.holds<std::string>()) string_codes_.emplace(v.get<std::string>(), code);
  if (v.holds<int64_t>()) integer_codes_.emplace(v.get<int64_t>(), code);
  if (v.holds<double>()) float_codes_.emplace(v.get<double>(), code);
  values.push_back(std::move(v));
  return true;
}

std::optional<int64_t> Categories::code_of(const Value& v) const {
  if (v.is_na()) return std::nullopt;
  auto found = [](const auto& codes, const auto& key) -> std::optional<int64_t> {
    auto it = codes.find(key);
    return it == codes.end() ? std::nullopt : std::optional<int64_t>(it->second);
  };
  if (v.holds<std::string>()) return found(string_codes_, v.get<std::string>());
  if (v.holds<int64_t>()) {  // an int finds an equal int, or a float of its value
    if (auto code = found(integer_codes_, v.get<int64_t>())) return code;
    return found(float_codes_, static_cast<double>(v.get<int64_t>()));
  }
  if (v.holds<double>()) {  // a float finds an equal float, or an int of its value
    double x = v.get<double>();
    if (auto code = found(float_codes_, x)) return code;
    if (std::trunc(x) == x && x >= -9223372036854775808.0 && x < 9223372036854775808.0) {
      return found(integer_codes_, static_cast<int64_t>(x));
    }
    return std::nullopt;
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] == v) return static_cast<int64_t>(i);
  }
  return std::nullopt;
}

std::string describe_categories(const Categories& categories) {
  std::string out = "[";
  for (size_t i = 0; i < categories.values.size(); ++i) {
    const Value& v = categories.values[i];
    out += (i ? ", " : "") + (v.holds<std::string>() || v.holds<Moment>() ? "'" + v.to_string() + "'" : v.to_string());
  }
  out += "], ordered=" + std::string(categories.ordered ? "True" : "False");
  return categories.pandas.empty() ? out : out + ", categories_dtype=" + categories.pandas;
}

DType DType::element() const {
  if (kind_ != List) return DType(Boolean);
  DType d(element_);
  d.zone_ = zone_;
  return d;
}

namespace {

/// pyarrow's name of the Arrow type of `dtype` (a list's item or a struct's field).
std::string arrow_item_name(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Boolean: return "bool";
    case DType::Int64: return "int64";
    case DType::Float64: return "double";
    case DType::String: return "string";
    case DType::Date: return "date32[day]";
    case DType::Timestamp: return "timestamp[us]";
    case DType::TimestampTz: return "timestamp[us, tz=" + dtype.zone() + "]";
    case DType::Binary: return "binary";
    case DType::Decimal: return "decimal128(38, 9)";
    case DType::Timedelta: return "duration[us]";
    case DType::List: return "list<item: " + arrow_item_name(dtype.element()) + ">";
    case DType::Struct: {
      std::string out = "struct<";
      for (size_t i = 0; i < dtype.fields().size(); ++i) {
        const auto& f = dtype.fields()[i];
        out += (i ? ", " : "") + f.name + ": " + arrow_item_name(f.dtype);
      }
      return out + ">";
    }
    case DType::Integer: return (dtype.is_unsigned() ? "uint" : "int") + std::to_string(dtype.bits());
    case DType::Time: return "time64[us]";
    case DType::Categorical: break;
  }
  return "unknown";
}

/// `text` split at each ", " outside brackets.
std::vector<std::string_view> split_top_level(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<' || c == '[' || c == '(') ++depth;
    if (c == '>' || c == ']' || c == ')') --depth;
    if (depth == 0 && c == ',' && i + 1 < text.size() && text[i + 1] == ' ') {
      parts.push_back(text.substr(start, i - start));
      start = i + 2;
    }
  }
  parts.push_back(text.substr(start));
  return parts;
}

std::optional<DType> parse_arrow_item(std::string_view name) {
  auto enclosed = [&](std::string_view prefix) {
    return name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name.back() == '>';
  };
  if (enclosed("list<item: ")) {
    auto item = parse_arrow_item(name.substr(11, name.size() - 12));
    if (!item || *item == DType::List || *item == DType::Struct) return std::nullopt;
    return DType::list_of(*item);
  }
  if (enclosed("struct<")) {
    std::vector<StructField> fields;
    for (auto part : split_top_level(name.substr(7, name.size() - 8))) {
      auto colon = part.find(": ");
      if (colon == std::string_view::npos) return std::nullopt;
      auto field = parse_arrow_item(part.substr(colon + 2));
      if (!field) return std::nullopt;
      fields.push_back({std::string(part.substr(0, colon)), *field});
    }
    return DType::struct_of(std::move(fields));
  }
  for (auto kind : {DType::Boolean, DType::Int64, DType::Float64, DType::String, DType::Date, DType::Timestamp,
                    DType::Binary, DType::Decimal}) {
    if (arrow_item_name(kind) == name) return DType(kind);
  }
  if (name == "large_string") return DType(DType::String);
  std::string_view prefix = "timestamp[us, tz=";
  if (name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name.back() == ']') {
    std::string_view zone = name.substr(prefix.size(), name.size() - prefix.size() - 1);
    if (zone.find_first_of(" ,[]'\"") != std::string_view::npos) return std::nullopt;
    return DType::timestamp_tz(std::string(zone));
  }
  return std::nullopt;
}

}  // namespace

std::string dtype_name(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Boolean: return "boolean";
    case DType::Int64: return "Int64";
    case DType::Float64: return "Float64";
    case DType::String: return "string";
    case DType::Date: return "date32[day][pyarrow]";
    case DType::Timestamp: return "datetime64[us]";
    case DType::TimestampTz: return "datetime64[us, " + dtype.zone() + "]";
    case DType::Binary: return "binary[pyarrow]";
    case DType::Decimal: return "decimal128(38, 9)[pyarrow]";
    case DType::List: return "list<item: " + arrow_item_name(dtype.element()) + ">[pyarrow]";
    case DType::Timedelta: return "timedelta64[us]";
    case DType::Categorical: return "category";
    case DType::Struct: return arrow_item_name(dtype) + "[pyarrow]";
    case DType::Integer: return (dtype.is_unsigned() ? "UInt" : "Int") + std::to_string(dtype.bits());
    case DType::Time: return "time";
  }
  return "unknown";
}

std::optional<DType> parse_dtype(std::string_view name) {
  static const std::pair<std::string_view, DType::Kind> spellings[] = {
      {"boolean", DType::Boolean},        {"bool", DType::Boolean},
      {"Int64", DType::Int64},            {"int64", DType::Int64},
      {"int", DType::Int64},              {"Float64", DType::Float64},
      {"float64", DType::Float64},        {"float", DType::Float64},
      {"string", DType::String},          {"str", DType::String},
      {"date", DType::Date},              {"date32[day][pyarrow]", DType::Date},
      {"datetime64[us]", DType::Timestamp}, {"datetime64[ns]", DType::Timestamp},
      {"datetime64", DType::Timestamp},   {"binary[pyarrow]", DType::Binary},
      {"bytes", DType::Binary},           {"binary", DType::Binary},
      {"decimal128(38, 9)[pyarrow]", DType::Decimal}, {"decimal", DType::Decimal},
      {"timedelta64[us]", DType::Timedelta}, {"timedelta64[ns]", DType::Timedelta},
      {"timedelta64", DType::Timedelta}, {"timedelta", DType::Timedelta},
      {"category", DType::Categorical},   {"time", DType::Time},
  };
  for (const auto& [spelling, dtype] : spellings) {
    if (spelling == name) return dtype;
  }
  // "Int8".."UInt64" and NumPy's "int8".."uint64" (nullable here, as int64 is Int64).
  for (bool is_unsigned : {false, true}) {
    for (int bits : {8, 16, 32, 64}) {
      std::string suffix = "nt" + std::to_string(bits);
      if (name == (is_unsigned ? "UI" : "I") + suffix || name == (is_unsigned ? "ui" : "i") + suffix) {
        return DType::integer(bits, is_unsigned);
      }
    }
  }
  // "datetime64[<unit>, <zone>]" with the units pandas prints.
  for (std::string_view prefix : {"datetime64[us, ", "datetime64[ns, ", "datetime64[ms, ", "datetime64[s, "}) {
    if (name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name.back() == ']') {
      std::string_view zone = name.substr(prefix.size(), name.size() - prefix.size() - 1);
      if (zone.find_first_of(" ,[]'\"") != std::string_view::npos) return std::nullopt;
      return DType::timestamp_tz(std::string(zone));
    }
  }
  // "list<item: T>[pyarrow]" of a scalar item type, "struct<name: T, ...>[pyarrow]".
  std::string_view suffix = "[pyarrow]";
  if (name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix &&
      (name.substr(0, 5) == "list<" || name.substr(0, 7) == "struct<")) {
    auto nested = parse_arrow_item(name.substr(0, name.size() - suffix.size()));
    if (nested && (*nested == DType::List || *nested == DType::Struct)) return nested;
  }
  return std::nullopt;
}

bool is_numeric(DType::Kind dtype) {
  return dtype == DType::Boolean || dtype == DType::Int64 || dtype == DType::Float64;
}

bool is_temporal(DType::Kind dtype) {
  return dtype == DType::Date || dtype == DType::Timestamp || dtype == DType::TimestampTz;
}

bool holds_nat(DType::Kind dtype) {
  return dtype == DType::Timestamp || dtype == DType::TimestampTz || dtype == DType::Timedelta || dtype == DType::Time;
}

bool is_storage_only(DType::Kind dtype) {
  return dtype == DType::Binary || dtype == DType::List || dtype == DType::Struct || dtype == DType::Integer;
}

bool converts_integer(const DType& from, const DType& to) {
  auto convertible = [](const DType& d) { return is_integer(d) || d == DType::Float64 || d == DType::Boolean || d == DType::String; };
  return (from == DType::Integer || to == DType::Integer) && convertible(from) && convertible(to);
}

bool compares_integer(const DType& left, const DType& right) {
  auto comparable = [](const DType& d) { return is_integer(d) || d == DType::Float64; };
  return (left == DType::Integer || right == DType::Integer) && comparable(left) && comparable(right);
}

void refuse_storage_only(const std::string& operation, const std::string& column, const DType& dtype) {
  std::string what = column.empty() ? "a column" : "column '" + column + "'";
  if (dtype == DType::Integer) {
    throw DTypeError(operation + " " + what + " of dtype " + dtype_name(dtype) +
                     " is not supported yet; convert it with astype('Int64') (or 'Float64') first (the README's "
                     "'Narrow and unsigned integers' lists what Int8..UInt64 columns support)");
  }
  throw DTypeError(operation + " " + what + " of dtype " + dtype_name(dtype) +
                   " is not supported yet; binary, list and struct columns can so far be selected, filtered, "
                   "compared for equality (binary), tested with isna/notna, written and (but structs) passed to UDFs");
}

}  // namespace cormorant
