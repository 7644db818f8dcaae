#include "cormorant/common/value.hpp"

#include <cmath>
#include <cstdio>

#include "cormorant/common/error.hpp"

namespace cormorant {

DType Value::dtype() const {
  switch (v_.index()) {
    case 1: return DType::Boolean;
    case 2: return DType::Int64;
    case 3: return DType::Float64;
    case 4: return DType::String;
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
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", d);
      return buf;
    }
    default: return std::get<std::string>(v_);
  }
}

}  // namespace cormorant
