#include "cormorant/common/dtype.hpp"

#include <utility>

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
  if (element == List) throw DTypeError("lists of lists are not supported; use lists of scalars");
  if (element == TimestampTz && !element.is_utc()) {
    throw DTypeError("lists of timestamps in zone " + element.zone() + " are not supported; convert them to UTC");
  }
  DType d(List);
  d.element_ = element.kind();
  d.zone_ = element.kind() == TimestampTz ? element.zone_ : std::string();
  return d;
}

DType DType::element() const {
  if (kind_ != List) return DType(Boolean);
  DType d(element_);
  d.zone_ = zone_;
  return d;
}

namespace {

/// pyarrow's name of the Arrow type of an item of `dtype` (a list's item type).
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
    case DType::List: break;
  }
  return "unknown";
}

std::optional<DType> parse_arrow_item(std::string_view name) {
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
  // "list<item: T>[pyarrow]" of a scalar item type.
  std::string_view list_prefix = "list<item: ", list_suffix = ">[pyarrow]";
  if (name.size() > list_prefix.size() + list_suffix.size() && name.substr(0, list_prefix.size()) == list_prefix &&
      name.substr(name.size() - list_suffix.size()) == list_suffix) {
    auto item = parse_arrow_item(name.substr(list_prefix.size(), name.size() - list_prefix.size() - list_suffix.size()));
    if (item) return DType::list_of(*item);
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
  return dtype == DType::Timestamp || dtype == DType::TimestampTz || dtype == DType::Timedelta;
}

bool is_storage_only(DType::Kind dtype) {
  return dtype == DType::Binary || dtype == DType::Decimal || dtype == DType::List;
}

void refuse_storage_only(const std::string& operation, const std::string& column, const DType& dtype) {
  std::string what = column.empty() ? "a column" : "column '" + column + "'";
  throw DTypeError(operation + " " + what + " of dtype " + dtype_name(dtype) +
                   " is not supported yet; binary, decimal and list columns can so far be selected, filtered, "
                   "compared for equality (binary, decimal), tested with isna/notna, written and passed to UDFs");
}

}  // namespace cormorant
