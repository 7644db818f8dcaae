/// JSON values <-> worker batches' columns, for the remote-function protocol (see wire.hpp).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string_view>

#include "cormorant/common/calendar.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/functions/wire.hpp"

namespace cormorant::functions::wire {

using nlohmann::json;

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/// Parses "YYYY-MM-DD" (and, for timestamps, "[T ]HH:MM:SS[.ffffff][Z|+00:00| UTC]").
bool parse_time(const std::string& s, bool with_time, int64_t& out) {
  int y = 0, mo = 0, d = 0, n = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%n", &y, &mo, &d, &n) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  int64_t days = days_from_civil(y, mo, d);
  if (!with_time) {
    out = days;
    return static_cast<size_t>(n) == s.size();
  }
  int64_t micros = 0;
  std::string rest = s.substr(static_cast<size_t>(n));
  if (!rest.empty()) {
    int h = 0, mi = 0, sec = 0, k = 0;
    if ((rest[0] != 'T' && rest[0] != ' ') ||
        std::sscanf(rest.c_str() + 1, "%d:%d:%d%n", &h, &mi, &sec, &k) != 3) {
      return false;
    }
    size_t pos = 1 + static_cast<size_t>(k);
    micros = ((h * 60 + mi) * 60 + sec) * int64_t{1000000};
    if (pos < rest.size() && rest[pos] == '.') {
      int64_t scale = 100000;
      for (++pos; pos < rest.size() && std::isdigit(static_cast<unsigned char>(rest[pos])); ++pos) {
        micros += (rest[pos] - '0') * scale;
        scale /= 10;
      }
    }
    std::string zone = rest.substr(pos);
    if (!zone.empty() && zone != "Z" && zone != "+00:00" && zone != " UTC") return false;
  }
  out = days * 86400000000LL + micros;
  return true;
}

std::string format_time(int64_t value, bool with_time, bool utc) {
  int64_t days = with_time ? floor_div(value, 86400000000LL) : value;
  const auto [y, m, d] = civil_from_days(days);
  char buf[64];
  int len = std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                          static_cast<long long>(d));
  if (with_time) {
    int64_t micros = value - days * 86400000000LL;
    int64_t secs = micros / 1000000;
    len += std::snprintf(buf + len, sizeof buf - static_cast<size_t>(len), "T%02lld:%02lld:%02lld.%06lld%s",
                         static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                         static_cast<long long>(secs % 60), static_cast<long long>(micros % 1000000), utc ? "Z" : "");
  }
  return std::string(buf, static_cast<size_t>(len));
}

const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view in) {
  std::string out;
  out.reserve((in.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kBase64[(v >> k) & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    if (i + 1 < in.size()) v |= uint8_t(in[i + 1]) << 8;
    out += kBase64[(v >> 18) & 63];
    out += kBase64[(v >> 12) & 63];
    out += i + 1 < in.size() ? kBase64[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

/// Decodes standard base64 (RFC 4648 section 4, padding optional); false when malformed.
bool base64_decode(const std::string& in, std::string& out) {
  out.clear();
  uint32_t v = 0;
  int bits = 0;
  size_t end = in.size();
  while (end > 0 && in[end - 1] == '=') --end;
  if (in.size() - end > 2) return false;
  for (size_t i = 0; i < end; ++i) {
    const char* p = std::strchr(kBase64, in[i]);
    if (in[i] == '\0' || p == nullptr) return false;
    v = (v << 6) | static_cast<uint32_t>(p - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((v >> bits) & 0xff);
    }
  }
  return bits < 6;
}

using int128 = __int128;
constexpr int kDecimalScale = 9;

/// Parses a decimal number ("-12.5", "1e3") into units of 10^-9; false when malformed, out of
/// DECIMAL(38, 9)'s range or finer than 10^-9.
bool parse_decimal(const std::string& s, int128& out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  std::string digits;
  int point = -1;
  for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.'); ++i) {
    if (s[i] == '.') {
      if (point >= 0) return false;
      point = static_cast<int>(digits.size());
    } else {
      digits += s[i];
    }
  }
  if (digits.empty()) return false;
  int exponent = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    char* end = nullptr;
    long e = std::strtol(s.c_str() + i + 1, &end, 10);
    if (end == s.c_str() + i + 1 || e > 100 || e < -100) return false;
    exponent = static_cast<int>(e);
    i = static_cast<size_t>(end - s.c_str());
  }
  if (i != s.size()) return false;
  // value = digits * 10^(exponent - fractional digits); scaled by 10^9.
  int shift = exponent - (point < 0 ? 0 : static_cast<int>(digits.size()) - point) + kDecimalScale;
  while (shift < 0) {
    if (digits.empty() || digits.back() != '0') return false;  // finer than 10^-9
    digits.pop_back();
    ++shift;
  }
  digits.append(static_cast<size_t>(shift), '0');
  size_t first = digits.find_first_not_of('0');
  if (first != std::string::npos && digits.size() - first > 38) return false;
  int128 v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  out = negative ? -v : v;
  return true;
}

/// A DECIMAL(38, 9) value as BigQuery writes NUMERIC: no trailing fractional zeros.
std::string format_decimal(int128 v) {
  bool negative = v < 0;
  std::string digits;
  for (int128 u = negative ? -v : v; u > 0 || digits.size() <= kDecimalScale; u /= 10) {
    digits += static_cast<char>('0' + static_cast<int>(u % 10));
  }
  std::reverse(digits.begin(), digits.end());
  std::string whole = digits.substr(0, digits.size() - kDecimalScale), fraction = digits.substr(digits.size() - kDecimalScale);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  return (negative ? "-" : "") + whole + (fraction.empty() ? "" : "." + fraction);
}

/// Appends the JSON values `values` (null: missing) to column `out`; `where(i)` names value i
/// in errors.
void encode_json_column(Column& out, const std::vector<const json*>& values,
                        const std::function<std::string(size_t)>& where) {
  Tag tag = tag_of(out.type);
  size_t rows = values.size();
  int64_t first = out.length;
  for (size_t i = 0; i < rows; ++i) out.add_row(!values[i]->is_null());
  auto bad = [&](size_t i, const char* expected) {
    throw InvalidArgumentError(where(i) + " is " + values[i]->dump().substr(0, 200) + ", not " + expected);
  };
  switch (tag) {
    case kBool:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        if (!v.is_null() && !v.is_boolean()) bad(i, "a boolean");
        out.set_bool(first + static_cast<int64_t>(i), v.is_boolean() && v.get<bool>());
      }
      return;
    case kInt64:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        int64_t x = 0;
        if (v.is_number_integer()) {
          if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) bad(i, "a 64-bit integer");
          x = v.get<int64_t>();
        } else if (v.is_string()) {
          const std::string& s = v.get_ref<const std::string&>();
          char* end = nullptr;
          errno = 0;
          x = std::strtoll(s.c_str(), &end, 10);
          if (s.empty() || *end != '\0' || errno == ERANGE) bad(i, "an integer");
        } else if (!v.is_null()) {
          bad(i, "an integer");
        }
        out.add_fixed<int64_t>(x);
      }
      return;
    case kFloat64:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        double x = 0;
        if (v.is_number()) {
          x = v.get<double>();
        } else if (v.is_string()) {
          const std::string& s = v.get_ref<const std::string&>();
          if (s == "NaN") x = std::nan("");
          else if (s == "Infinity") x = INFINITY;
          else if (s == "-Infinity") x = -INFINITY;
          else bad(i, "a number");
        } else if (!v.is_null()) {
          bad(i, "a number");
        }
        out.add_fixed<double>(x);
      }
      return;
    case kString:
    case kBinary: {
      std::string decoded;
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        if (v.is_string()) {
          if (tag == kString) out.data += v.get_ref<const std::string&>();
          else if (base64_decode(v.get_ref<const std::string&>(), decoded)) out.data += decoded;
          else bad(i, "base64-encoded bytes");
        } else if (!v.is_null()) {
          bad(i, tag == kString ? "a string" : "a base64 string");
        }
        out.end_var();
      }
      return;
    }
    case kDate32:
    case kTimestamp:
    case kTimestampUtc:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        int64_t x = 0;
        if (v.is_string()) {
          if (!parse_time(v.get_ref<const std::string&>(), tag != kDate32, x)) {
            bad(i, tag == kDate32 ? "a date \"YYYY-MM-DD\"" : "a timestamp \"YYYY-MM-DDTHH:MM:SS.ffffff\"");
          }
        } else if (!v.is_null()) {
          bad(i, tag == kDate32 ? "a date string" : "a timestamp string");
        }
        if (tag == kDate32) out.add_fixed<int32_t>(static_cast<int32_t>(x));
        else out.add_fixed<int64_t>(x);
      }
      return;
    case kDecimal:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        int128 x = 0;
        if (v.is_string() || v.is_number()) {
          if (!parse_decimal(v.is_string() ? v.get<std::string>() : v.dump(), x)) {
            bad(i, "a decimal of at most 38 digits, 9 after the point");
          }
        } else if (!v.is_null()) {
          bad(i, "a decimal string");
        }
        out.add_fixed<int128>(x);
      }
      return;
    case kList: {
      std::vector<const json*> items;
      std::vector<size_t> owner;
      int64_t base = out.items->length;
      for (size_t i = 0; i < rows; ++i) {
        const json& v = *values[i];
        if (v.is_array()) {
          for (const auto& item : v) {
            items.push_back(&item);
            owner.push_back(i);
          }
        } else if (!v.is_null()) {
          bad(i, "a list");
        }
        out.offsets.push_back(base + static_cast<int64_t>(items.size()));
      }
      encode_json_column(*out.items, items, [&](size_t k) {
        return "an item of " + where(owner[k]);
      });
      return;
    }
  }
}

/// The values of `c` as a JSON array.
json read_json_column(const Column& c) {
  json col = json::array();
  auto& arr = col.get_ref<json::array_t&>();
  auto n = static_cast<size_t>(c.length);
  arr.reserve(n);
  auto present = [&](size_t i) { return (c.validity[i >> 3] >> (i & 7)) & 1; };
  auto fixed = [&](auto x, size_t i) {
    std::memcpy(&x, c.values.data() + i * sizeof x, sizeof x);
    return x;
  };
  Tag tag = tag_of(c.type);
  json items = tag == kList ? read_json_column(*c.items) : json();
  for (size_t i = 0; i < n; ++i) {
    if (!present(i)) {
      arr.emplace_back();
      continue;
    }
    switch (tag) {
      case kBool: arr.emplace_back(((static_cast<uint8_t>(c.values[i >> 3]) >> (i & 7)) & 1) != 0); break;
      case kInt64: arr.emplace_back(fixed(int64_t{}, i)); break;
      case kFloat64: {
        double x = fixed(double{}, i);
        if (std::isnan(x)) arr.emplace_back("NaN");
        else if (std::isinf(x)) arr.emplace_back(x > 0 ? "Infinity" : "-Infinity");
        else arr.emplace_back(x);
        break;
      }
      case kTimestamp:
      case kTimestampUtc: arr.emplace_back(format_time(fixed(int64_t{}, i), true, tag == kTimestampUtc)); break;
      case kDate32: arr.emplace_back(format_time(fixed(int32_t{}, i), false, false)); break;
      case kDecimal: arr.emplace_back(format_decimal(fixed(int128{}, i))); break;
      case kList: {
        json list = json::array();
        for (int64_t k = c.offsets[i]; k < c.offsets[i + 1]; ++k) list.push_back(std::move(items[static_cast<size_t>(k)]));
        arr.push_back(std::move(list));
        break;
      }
      case kString:
      case kBinary: {
        std::string_view bytes(c.data.data() + c.offsets[i], static_cast<size_t>(c.offsets[i + 1] - c.offsets[i]));
        arr.emplace_back(tag == kString ? std::string(bytes) : base64_encode(bytes));
        break;
      }
    }
  }
  return col;
}

}  // namespace

std::string json_calls_to_batch(const json& calls, const std::vector<DType>& types) {
  if (!calls.is_array()) throw InvalidArgumentError("\"calls\" must be a JSON array of argument lists");
  size_t rows = calls.size();
  for (size_t i = 0; i < rows; ++i) {
    if (!calls[i].is_array() || calls[i].size() != types.size()) {
      throw InvalidArgumentError("call " + std::to_string(i) + " has " +
                                 (calls[i].is_array() ? std::to_string(calls[i].size()) + " argument(s)"
                                                      : std::string("no argument list")) +
                                 "; the function takes " + std::to_string(types.size()));
    }
  }
  std::vector<Column> columns;
  std::vector<const json*> values(rows);
  for (size_t c = 0; c < types.size(); ++c) {
    for (size_t i = 0; i < rows; ++i) values[i] = &calls[i][c];
    columns.emplace_back(types[c]);
    encode_json_column(columns.back(), values, [&](size_t i) {
      return "argument " + std::to_string(c + 1) + " of call " + std::to_string(i);
    });
  }
  return encode_columns(columns);
}

Column json_values_to_column(const json& values, const DType& type) {
  if (!values.is_array()) throw InvalidArgumentError("\"replies\" must be a JSON array");
  std::vector<const json*> pointers;
  pointers.reserve(values.size());
  for (const auto& v : values) pointers.push_back(&v);
  Column out(type);
  encode_json_column(out, pointers, [](size_t i) { return "reply " + std::to_string(i); });
  return out;
}

std::vector<json> columns_to_json(const std::vector<Column>& columns) {
  std::vector<json> out;
  for (const Column& c : columns) out.push_back(read_json_column(c));
  return out;
}

std::string row_to_json(const std::vector<std::string>& names, const std::vector<DType>& types,
                        const std::vector<json>& columns, size_t row) {
  json type_names = json::array(), values = json::array();
  for (size_t c = 0; c < types.size(); ++c) {
    type_names.push_back(dtype_name(types[c]));
    const json& v = columns[c][row];
    if (v.is_boolean()) values.push_back(v.get<bool>() ? "true" : "false");
    else if (v.is_number_integer()) values.push_back(std::to_string(v.get<int64_t>()));
    else if (v.is_number() || v.is_array()) values.push_back(v.dump());
    else values.push_back(v);  // strings and nulls
  }
  return json{{"names", names}, {"types", type_names}, {"values", values}, {"indexlength", 0}, {"dtype", "object"}}
      .dump(-1, ' ', false, json::error_handler_t::replace);
}

JsonRow json_to_row(const std::string& text) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error&) {
    throw InvalidArgumentError("the row is not JSON: " + text.substr(0, 200));
  }
  auto list = [&](const char* key) -> const json& {
    if (!j.is_object() || !j.contains(key) || !j[key].is_array()) {
      throw InvalidArgumentError(std::string("the row has no \"") + key + "\" list");
    }
    return j[key];
  };
  const json &names = list("names"), &types = list("types"), &values = list("values");
  size_t index = j.contains("indexlength") && j["indexlength"].is_number_unsigned() ? j["indexlength"].get<size_t>() : 0;
  if (names.size() != types.size() || names.size() != values.size() || index > names.size()) {
    throw InvalidArgumentError("the row's \"names\", \"types\" and \"values\" differ in length");
  }
  JsonRow row;
  row.values = json::array();
  for (size_t i = index; i < names.size(); ++i) {
    if (!names[i].is_string() || !types[i].is_string()) {
      throw InvalidArgumentError("the row's names and types must be strings");
    }
    auto dtype = parse_dtype(types[i].get<std::string>());
    if (!dtype || *dtype == DType::Integer) throw InvalidArgumentError("the row's column " + names[i].get<std::string>() + " has unknown dtype " +
                                           types[i].dump());
    row.names.push_back(names[i].get<std::string>());
    row.types.push_back(*dtype);
    // Values come as strings (bigframes casts them); back to the JSON encoding above.
    const json& v = values[i];
    json typed = v;
    if (v.is_string()) {
      const std::string& s = v.get_ref<const std::string&>();
      switch (dtype->kind()) {
        case DType::Boolean:
          if (s != "true" && s != "false") {
            throw InvalidArgumentError("the row's value of " + row.names.back() + " is \"" + s + "\", not \"true\" or \"false\"");
          }
          typed = s == "true";
          break;
        case DType::Float64:
          if (s != "NaN" && s != "Infinity" && s != "-Infinity") {
            char* end = nullptr;
            double x = std::strtod(s.c_str(), &end);
            if (s.empty() || *end != '\0') {
              throw InvalidArgumentError("the row's value of " + row.names.back() + " is \"" + s + "\", not a number");
            }
            typed = x;
          }
          break;
        case DType::List:
          try {
            typed = json::parse(s);
          } catch (const json::parse_error&) {
            throw InvalidArgumentError("the row's value of " + row.names.back() + " is not a JSON list");
          }
          break;
        default: break;
      }
    }
    row.values.push_back(std::move(typed));
  }
  return row;
}

}  // namespace cormorant::functions::wire
