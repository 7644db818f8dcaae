#include "cormorant/common/dtype.hpp"

#include <utility>

namespace cormorant {

DType DType::timestamp_tz(std::string zone) {
  DType d(TimestampTz);
  if (zone != "UTC" && zone != "Etc/UTC" && zone != "utc" && zone != "Etc/Universal" && zone != "Z") {
    d.zone_ = std::move(zone);
  }
  return d;
}

std::string dtype_name(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Boolean: return "boolean";
    case DType::Int64: return "Int64";
    case DType::Float64: return "Float64";
    case DType::String: return "string";
    case DType::Date: return "date32[day][pyarrow]";
    case DType::Timestamp: return "datetime64[us]";
    case DType::TimestampTz: return "datetime64[us, " + dtype.zone() + "]";
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
      {"datetime64", DType::Timestamp},
  };
  for (const auto& [spelling, dtype] : spellings) {
    if (spelling == name) return dtype;
  }
  // "datetime64[<unit>, <zone>]" with the units pandas prints.
  for (std::string_view prefix : {"datetime64[us, ", "datetime64[ns, ", "datetime64[ms, ", "datetime64[s, "}) {
    if (name.size() > prefix.size() + 1 && name.substr(0, prefix.size()) == prefix && name.back() == ']') {
      std::string_view zone = name.substr(prefix.size(), name.size() - prefix.size() - 1);
      if (zone.find_first_of(" ,[]'\"") != std::string_view::npos) return std::nullopt;
      return DType::timestamp_tz(std::string(zone));
    }
  }
  return std::nullopt;
}

bool is_numeric(DType::Kind dtype) {
  return dtype == DType::Boolean || dtype == DType::Int64 || dtype == DType::Float64;
}

bool is_temporal(DType::Kind dtype) {
  return dtype == DType::Date || dtype == DType::Timestamp || dtype == DType::TimestampTz;
}

}  // namespace cormorant
