#include "cormorant/common/dtype.hpp"

#include <utility>

namespace cormorant {

std::string_view dtype_name(DType dtype) {
  switch (dtype) {
    case DType::Boolean: return "boolean";
    case DType::Int64: return "Int64";
    case DType::Float64: return "Float64";
    case DType::String: return "string";
    case DType::Date: return "date32[day][pyarrow]";
    case DType::Timestamp: return "datetime64[us]";
    case DType::TimestampTz: return "datetime64[us, UTC]";
  }
  return "unknown";
}

std::optional<DType> parse_dtype(std::string_view name) {
  static const std::pair<std::string_view, DType> spellings[] = {
      {"boolean", DType::Boolean},        {"bool", DType::Boolean},
      {"Int64", DType::Int64},            {"int64", DType::Int64},
      {"int", DType::Int64},              {"Float64", DType::Float64},
      {"float64", DType::Float64},        {"float", DType::Float64},
      {"string", DType::String},          {"str", DType::String},
      {"date", DType::Date},              {"date32[day][pyarrow]", DType::Date},
      {"datetime64[us]", DType::Timestamp}, {"datetime64[ns]", DType::Timestamp},
      {"datetime64", DType::Timestamp},   {"datetime64[us, UTC]", DType::TimestampTz},
      {"datetime64[ns, UTC]", DType::TimestampTz},
  };
  for (const auto& [spelling, dtype] : spellings) {
    if (spelling == name) return dtype;
  }
  return std::nullopt;
}

bool is_numeric(DType dtype) {
  return dtype == DType::Boolean || dtype == DType::Int64 || dtype == DType::Float64;
}

bool is_temporal(DType dtype) {
  return dtype == DType::Date || dtype == DType::Timestamp || dtype == DType::TimestampTz;
}

}  // namespace cormorant
