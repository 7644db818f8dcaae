/// JSON values <-> worker wire batches, for the remote-function protocol (see wire.hpp).
#include <cmath>
#include <cstdio>
#include <cstring>

#include "cormorant/common/error.hpp"
#include "wire.hpp"

namespace cormorant::functions::wire {

using nlohmann::json;

namespace {

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_header(std::string& out, uint32_t ncols, uint64_t rows) {
  put<uint32_t>(out, ncols);
  put<uint64_t>(out, rows);
}

/// The tag of `d`; InvalidArgumentError for the dtypes remote functions do not take yet.
Tag json_tag_of(const DType& d) {
  if (d == DType::Binary || d == DType::Decimal || d == DType::List) {
    throw InvalidArgumentError("remote functions do not support dtype " + dtype_name(d) + " yet");
  }
  return tag_of(d);
}

/// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  auto yoe = static_cast<unsigned>(y - era * 400);
  unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void civil_from_days(int64_t z, int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<int64_t>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

/// Parses "YYYY-MM-DD" (and, for timestamps, "[T ]HH:MM:SS[.ffffff][Z|+00:00| UTC]").
bool parse_time(const std::string& s, bool with_time, int64_t& out) {
  int y = 0, mo = 0, d = 0, n = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%d%n", &y, &mo, &d, &n) != 3 || mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  int64_t days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
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
  int64_t y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(days, y, m, d);
  char buf[64];
  int len = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  if (with_time) {
    int64_t micros = value - days * 86400000000LL;
    int64_t secs = micros / 1000000;
    len += std::snprintf(buf + len, sizeof buf - static_cast<size_t>(len), "T%02lld:%02lld:%02lld.%06lld%s",
                         static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                         static_cast<long long>(secs % 60), static_cast<long long>(micros % 1000000), utc ? "Z" : "");
  }
  return std::string(buf, static_cast<size_t>(len));
}

/// Appends one column of `rows` values, `value(i)` giving the i-th JSON value; `where(i)`
/// names it in errors.
template <typename Value, typename Where>
void encode_json_column(std::string& out, const DType& type, size_t rows, Value value, Where where) {
  Tag tag = json_tag_of(type);
  put<uint8_t>(out, tag);
  for (size_t i = 0; i < rows; ++i) out.push_back(value(i).is_null() ? 0 : 1);
  auto bad = [&](size_t i, const char* expected) {
    throw InvalidArgumentError(where(i) + " is " + value(i).dump() + ", not " + expected);
  };
  switch (tag) {
    case kBool:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = value(i);
        if (!v.is_null() && !v.is_boolean()) bad(i, "a boolean");
        out.push_back(v.is_boolean() && v.get<bool>() ? 1 : 0);
      }
      return;
    case kInt64:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = value(i);
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
        put<int64_t>(out, x);
      }
      return;
    case kFloat64:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = value(i);
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
        put<double>(out, x);
      }
      return;
    case kString: {
      std::string bytes;
      put<uint64_t>(out, 0);
      for (size_t i = 0; i < rows; ++i) {
        const json& v = value(i);
        if (v.is_string()) bytes += v.get_ref<const std::string&>();
        else if (!v.is_null()) bad(i, "a string");
        put<uint64_t>(out, bytes.size());
      }
      out += bytes;
      return;
    }
    case kDate32:
    case kTimestamp:
    case kTimestampUtc:
      for (size_t i = 0; i < rows; ++i) {
        const json& v = value(i);
        int64_t x = 0;
        if (v.is_string()) {
          if (!parse_time(v.get_ref<const std::string&>(), tag != kDate32, x)) {
            bad(i, tag == kDate32 ? "a date \"YYYY-MM-DD\"" : "a timestamp \"YYYY-MM-DDTHH:MM:SS.ffffff\"");
          }
        } else if (!v.is_null()) {
          bad(i, tag == kDate32 ? "a date string" : "a timestamp string");
        }
        if (tag == kDate32) put<int32_t>(out, static_cast<int32_t>(x));
        else put<int64_t>(out, x);
      }
      return;
  }
}

}  // namespace

std::string json_calls_to_batch(const json& calls, const std::vector<DType>& types) {
  for (const auto& t : types) json_tag_of(t);
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
  std::string out;
  put_header(out, static_cast<uint32_t>(types.size()), rows);
  for (size_t c = 0; c < types.size(); ++c) {
    encode_json_column(
        out, types[c], rows, [&](size_t i) -> const json& { return calls[i][c]; },
        [&](size_t i) { return "argument " + std::to_string(c + 1) + " of call " + std::to_string(i); });
  }
  return out;
}

std::string json_values_to_batch(const json& values, const DType& type) {
  if (!values.is_array()) throw InvalidArgumentError("\"replies\" must be a JSON array");
  std::string out;
  put_header(out, 1, values.size());
  encode_json_column(
      out, type, values.size(), [&](size_t i) -> const json& { return values[i]; },
      [&](size_t i) { return "reply " + std::to_string(i); });
  return out;
}

std::vector<json> batch_to_json(const std::string& in) {
  size_t pos = 0;
  auto need = [&](size_t k) {
    if (pos + k > in.size()) throw InternalError("internal error: a truncated batch");
  };
  auto get = [&](auto& v) {
    need(sizeof v);
    std::memcpy(&v, in.data() + pos, sizeof v);
    pos += sizeof v;
  };
  uint32_t ncols = 0;
  uint64_t n = 0;
  get(ncols);
  get(n);
  std::vector<json> columns;
  for (uint32_t c = 0; c < ncols; ++c) {
    uint8_t tag = 0;
    get(tag);
    need(n);
    const char* valid = in.data() + pos;
    pos += n;
    json col = json::array();
    auto& arr = col.get_ref<json::array_t&>();
    arr.reserve(n);
    switch (tag) {
      case kBool:
        need(n);
        for (uint64_t i = 0; i < n; ++i) arr.push_back(valid[i] ? json(in[pos + i] != 0) : json());
        pos += n;
        break;
      case kInt64:
      case kFloat64:
      case kTimestamp:
      case kTimestampUtc:
        need(n * 8);
        for (uint64_t i = 0; i < n; ++i) {
          if (!valid[i]) {
            arr.emplace_back();
            continue;
          }
          if (tag == kFloat64) {
            double x = 0;
            std::memcpy(&x, in.data() + pos + i * 8, 8);
            if (std::isnan(x)) arr.emplace_back("NaN");
            else if (std::isinf(x)) arr.emplace_back(x > 0 ? "Infinity" : "-Infinity");
            else arr.emplace_back(x);
          } else {
            int64_t x = 0;
            std::memcpy(&x, in.data() + pos + i * 8, 8);
            if (tag == kInt64) arr.emplace_back(x);
            else arr.emplace_back(format_time(x, true, tag == kTimestampUtc));
          }
        }
        pos += n * 8;
        break;
      case kDate32:
        need(n * 4);
        for (uint64_t i = 0; i < n; ++i) {
          int32_t x = 0;
          std::memcpy(&x, in.data() + pos + i * 4, 4);
          arr.push_back(valid[i] ? json(format_time(x, false, false)) : json());
        }
        pos += n * 4;
        break;
      case kString: {
        need((n + 1) * 8);
        std::vector<uint64_t> offsets(n + 1);
        std::memcpy(offsets.data(), in.data() + pos, (n + 1) * 8);
        pos += (n + 1) * 8;
        need(offsets[n]);
        for (uint64_t i = 0; i < n; ++i) {
          arr.push_back(valid[i] ? json(in.substr(pos + offsets[i], offsets[i + 1] - offsets[i])) : json());
        }
        pos += offsets[n];
        break;
      }
      default: throw InternalError("internal error: an unknown column type in a batch");
    }
    columns.push_back(std::move(col));
  }
  return columns;
}

}  // namespace cormorant::functions::wire
