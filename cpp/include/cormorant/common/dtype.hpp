#pragma once
/// The logical column types cormorant supports: pandas' nullable dtypes.
#include <optional>
#include <string>
#include <string_view>

namespace cormorant {

/// A column's logical type. Every type is nullable (missing is <NA>).
enum class DType {
  Boolean,      ///< pandas "boolean"
  Int64,        ///< pandas "Int64"
  Float64,      ///< pandas "Float64"
  String,       ///< pandas "string"
  Date,         ///< calendar date
  Timestamp,    ///< pandas "datetime64[us]"
  TimestampTz,  ///< pandas "datetime64[us, UTC]"
};

/// The pandas name of a dtype, e.g. "Int64".
std::string_view dtype_name(DType dtype);

/// Parses a pandas dtype spelling ("Int64", "int64", "int", "float", "Float64", "bool",
/// "boolean", "string", "str", ...); nullopt when it names no supported dtype.
std::optional<DType> parse_dtype(std::string_view name);

/// True for Boolean, Int64 and Float64: the dtypes arithmetic accepts.
bool is_numeric(DType dtype);

/// True for Date, Timestamp and TimestampTz.
bool is_temporal(DType dtype);

}  // namespace cormorant
