#include "cormorant/plan/scan.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "cormorant/common/calendar.hpp"

namespace cormorant::plan {

namespace {

/// The ISO text of a comparable bound of `dtype` (days or microseconds for dates and times).
std::string bound_text(DType dtype, const Value& v) {
  if (!is_temporal(dtype) || !v.holds<int64_t>()) return v.to_string();
  int64_t micros = dtype == DType::Date ? v.get<int64_t>() * 86'400'000'000 : v.get<int64_t>();
  int64_t days = micros >= 0 ? micros / 86'400'000'000 : -((-micros + 86'399'999'999) / 86'400'000'000);
  int64_t rest = micros - days * 86'400'000'000;
  const auto [y, m, d] = civil_from_days(days);
  char buf[64];
  if (dtype == DType::Date) {
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y), static_cast<long long>(m),
                  static_cast<long long>(d));
  } else {
    int64_t secs = rest / 1'000'000;
    std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld %02lld:%02lld:%02lld", static_cast<long long>(y),
                  static_cast<long long>(m), static_cast<long long>(d), static_cast<long long>(secs / 3600),
                  static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  }
  return buf;
}

/// Reads exactly `n` digits at `pos`.
bool digits(const std::string& s, size_t& pos, size_t n, int64_t& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[pos + i]))) return false;
    out = out * 10 + (s[pos + i] - '0');
  }
  pos += n;
  return true;
}

bool expect(const std::string& s, size_t& pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

/// "YYYY-MM-DD" → days; `pos` moves past it.
std::optional<int64_t> parse_date(const std::string& s, size_t& pos) {
  int64_t y, m, d;
  if (!digits(s, pos, 4, y) || !expect(s, pos, '-') || !digits(s, pos, 2, m) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, d) || m < 1 || m > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  return days_from_civil(y, m, d);
}

/// "YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]][Z|(+|-)HH[[:]MM]]" → microseconds since the epoch (UTC).
std::optional<int64_t> parse_timestamp(const std::string& s) {
  size_t pos = 0;
  auto days = parse_date(s, pos);
  if (!days) return std::nullopt;
  int64_t micros = *days * 86'400'000'000;
  if (pos == s.size()) return micros;
  if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
  ++pos;
  int64_t h, mi, sec = 0;
  if (!digits(s, pos, 2, h) || !expect(s, pos, ':') || !digits(s, pos, 2, mi)) return std::nullopt;
  if (expect(s, pos, ':') && !digits(s, pos, 2, sec)) return std::nullopt;
  micros += ((h * 60 + mi) * 60 + sec) * 1'000'000;
  if (expect(s, pos, '.')) {
    int64_t frac = 0, scale = 100000;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      frac += (s[pos++] - '0') * scale;
      scale /= 10;
    }
    micros += frac;
  }
  if (pos == s.size() || expect(s, pos, 'Z')) return pos == s.size() ? std::optional(micros) : std::nullopt;
  int sign = s[pos] == '-' ? -1 : 1;
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  ++pos;
  int64_t oh = 0, om = 0;
  if (!digits(s, pos, 2, oh)) return std::nullopt;
  expect(s, pos, ':');
  if (pos < s.size() && !digits(s, pos, 2, om)) return std::nullopt;
  if (pos != s.size()) return std::nullopt;
  return micros - sign * (oh * 60 + om) * 60'000'000;
}

/// -1, 0 or 1; numbers compare across int and double. Both must be non-<NA> and comparable.
int compare(const Value& a, const Value& b) {
  if (a.holds<std::string>() && b.holds<std::string>()) {
    int c = a.get<std::string>().compare(b.get<std::string>());
    return (c > 0) - (c < 0);
  }
  auto num = [](const Value& v) -> double {
    if (v.holds<int64_t>()) return static_cast<double>(v.get<int64_t>());
    if (v.holds<bool>()) return v.get<bool>() ? 1.0 : 0.0;
    return v.get<double>();
  };
  if (a.holds<int64_t>() && b.holds<int64_t>()) {
    return (a.get<int64_t>() > b.get<int64_t>()) - (a.get<int64_t>() < b.get<int64_t>());
  }
  double x = num(a), y = num(b);
  return (x > y) - (x < y);
}

bool comparable(const Value& a, const Value& b) {
  return !a.is_na() && !b.is_na() && a.holds<std::string>() == b.holds<std::string>();
}

/// Whether a chunk with these statistics may hold a value satisfying `p`.
bool chunk_may_match(const ScanPredicate& p, const ChunkStats& c) {
  switch (p.op) {
    case ScanOp::IsNull:
      return c.null_count != 0;
    case ScanOp::NotNull:
      return true;  // a chunk of only nulls would need its row count: never skipped
    default:
      break;
  }
  if (!c.min || !c.max) return true;
  const Value &lo = *c.min, &hi = *c.max;
  for (const auto& v : p.values) {
    if (!comparable(v, lo) || !comparable(v, hi)) return true;
  }
  switch (p.op) {
    case ScanOp::Eq:
      return compare(lo, p.values[0]) <= 0 && compare(p.values[0], hi) <= 0;
    case ScanOp::In:
      for (const auto& v : p.values) {
        if (compare(lo, v) <= 0 && compare(v, hi) <= 0) return true;
      }
      return false;
    case ScanOp::Ne:
      // A datetime's NaT is != every value in pandas (the mask keeps it), so nulls match too.
      if (holds_nat(p.dtype.kind()) && c.null_count != 0) return true;
      return !(compare(lo, p.values[0]) == 0 && compare(hi, p.values[0]) == 0);
    case ScanOp::Lt:
      return compare(lo, p.values[0]) < 0;
    case ScanOp::Le:
      return compare(lo, p.values[0]) <= 0;
    case ScanOp::Gt:
      return compare(hi, p.values[0]) > 0;
    case ScanOp::Ge:
      return compare(hi, p.values[0]) >= 0;
    default:
      return true;
  }
}

}  // namespace

std::string ScanPredicate::to_string() const {
  static const char* symbols[] = {"==", "!=", "<", "<=", ">", ">=", "in", "is null", "is not null"};
  std::string out = column + " " + symbols[static_cast<int>(op)];
  if (op == ScanOp::In) {
    out += " [";
    for (size_t i = 0; i < values.size(); ++i) out += (i ? ", " : "") + bound_text(dtype, values[i]);
    return out + "]";
  }
  for (const auto& v : values) out += " " + bound_text(dtype, v);
  return out;
}

std::optional<Value> scan_bound(DType dtype, const std::string& text) {
  try {
    switch (dtype) {
      case DType::Int64:
      case DType::Integer: {  // (a UInt64 bound past Int64's range is none: that chunk is read)
        int64_t v = 0;
        auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
        if (ec != std::errc() || p != text.data() + text.size()) return std::nullopt;
        return Value(v);
      }
      case DType::Float64: {
        double v = std::stod(text);
        return std::isnan(v) ? std::nullopt : std::optional<Value>(v);
      }
      case DType::Boolean:
        if (text == "true" || text == "1") return Value(true);
        if (text == "false" || text == "0") return Value(false);
        return std::nullopt;
      case DType::String:
        return Value(text);
      case DType::Date: {
        size_t pos = 0;
        auto d = parse_date(text, pos);
        return d && pos == text.size() ? std::optional<Value>(*d) : std::nullopt;
      }
      case DType::Timestamp:
      case DType::TimestampTz: {
        auto t = parse_timestamp(text);
        return t ? std::optional<Value>(*t) : std::nullopt;
      }
    }
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::optional<Value> scan_bound(DType dtype, const Value& constant) {
  if (constant.is_na()) return std::nullopt;
  if (constant.holds<Moment>()) {  // a date or timestamp constant of the column's own kind
    const Moment& m = constant.get<Moment>();
    return m.dtype.kind() == dtype.kind() ? scan_bound(dtype, m.iso) : std::nullopt;
  }
  if (constant.holds<std::string>()) {
    if (dtype == DType::String || is_temporal(dtype)) return scan_bound(dtype, constant.get<std::string>());
    return std::nullopt;
  }
  if (is_integer(dtype) || dtype == DType::Float64 || dtype == DType::Boolean) {
    if (constant.holds<int64_t>() || constant.holds<double>() || constant.holds<bool>()) return constant;
  }
  return std::nullopt;
}

bool may_match(const ScanCondition& condition, const std::map<std::string, ChunkStats>& stats) {
  if (condition.empty()) return true;
  for (const auto& conjunction : condition) {
    bool all = true;
    for (const auto& p : conjunction) {
      auto it = stats.find(p.column);
      if (it != stats.end() && !chunk_may_match(p, it->second)) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

bool may_match(const ScanCondition& condition, const ParquetFile& file) {
  if (file.row_groups.empty() || condition.empty()) return true;
  for (const auto& rg : file.row_groups) {
    if (may_match(condition, rg.columns)) return true;
  }
  return false;
}

}  // namespace cormorant::plan
