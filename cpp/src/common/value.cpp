#include "cormorant/common/value.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "cormorant/common/error.hpp"

namespace cormorant {

std::string format_timedelta_us(int64_t micros) {
  constexpr int64_t kDay = int64_t{86400} * 1000000;
  int64_t days = micros / kDay, rest = micros % kDay;
  if (rest < 0) {
    rest += kDay;
    days -= 1;
  }
  int64_t secs = rest / 1000000, frac = rest % 1000000;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%lld days %s%02lld:%02lld:%02lld", static_cast<long long>(days), days < 0 ? "+" : "",
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60));
  std::string out = buf;
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    out += buf;
  }
  return out;
}

DType Value::dtype() const {
  switch (v_.index()) {
    case 1: return DType::Boolean;
    case 2: return DType::Int64;
    case 3: return DType::Float64;
    case 4: return DType::String;
    case 5: return std::get<Moment>(v_).dtype;
  }
  throw InternalError("internal error: <NA> has no dtype");
}

std::string Value::to_string() const {
  switch (v_.index()) {
    case 0: return "<NA>";
    case 1: return std::get<bool>(v_) ? "True" : "False";
    case 2: return std::to_string(std::get<int64_t>(v_));
    case 3: {
      double d = std::get<double>(v_);
      if (std::isnan(d)) return "NaN";
      if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
      // The shortest text that reads back as the same double, as Python prints it.
      char buf[64];
      for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
      }
      std::string text = buf;
      if (text.find_first_of(".en") == std::string::npos) text += ".0";
      return text;
    }
    case 5: {
      const Moment& m = std::get<Moment>(v_);
      return m.dtype == DType::Timedelta ? format_timedelta_us(std::stoll(m.iso)) : m.iso;
    }
    default: return std::get<std::string>(v_);
  }
}

}  // namespace cormorant
