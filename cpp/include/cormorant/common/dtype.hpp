#pragma once
/// The logical column types cormorant supports: pandas' nullable dtypes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cormorant {

/// A column's logical type. Every type is nullable (missing is <NA>). A time-zone-aware
/// timestamp carries its IANA zone, as pandas' datetime64[us, <zone>] does: the values are
/// instants (microseconds since the epoch in UTC), the zone says where their wall time is read.
///
/// `DType::Int64` and the other kinds convert to a DType, and a DType converts to its Kind, so
/// `switch (dtype)` and `dtype == DType::TimestampTz` (any zone) work; comparing two DTypes also
/// compares the zones.
class DType {
 public:
  enum Kind : uint8_t {
    Boolean,      ///< pandas "boolean"
    Int64,        ///< pandas "Int64"
    Float64,      ///< pandas "Float64"
    String,       ///< pandas "string"
    Date,         ///< calendar date
    Timestamp,    ///< pandas "datetime64[us]"
    TimestampTz,  ///< pandas "datetime64[us, <zone>]" (UTC unless made with timestamp_tz)
  };

  /// Int64 until assigned (for containers that need a default).
  DType() : kind_(Int64) {}
  DType(Kind kind) : kind_(kind) {}  // NOLINT: kinds are dtypes
  /// A time-zone-aware timestamp dtype in `zone` (an IANA name such as "US/Eastern"; "UTC" and
  /// its spellings become "UTC").
  static DType timestamp_tz(std::string zone);

  Kind kind() const { return kind_; }
  operator Kind() const { return kind_; }  // NOLINT: for switch and kind tests
  /// The IANA zone of a TimestampTz ("UTC" by default), empty for every other kind.
  std::string zone() const { return kind_ == TimestampTz ? (zone_.empty() ? "UTC" : zone_) : std::string(); }
  /// True for a TimestampTz whose zone is UTC (the engine session's own zone).
  bool is_utc() const { return kind_ == TimestampTz && zone_.empty(); }

  bool operator==(const DType& other) const { return kind_ == other.kind_ && zone_ == other.zone_; }
  bool operator==(Kind kind) const { return kind_ == kind; }
  bool operator<(const DType& other) const {
    return kind_ != other.kind_ ? kind_ < other.kind_ : zone_ < other.zone_;
  }

 private:
  Kind kind_;
  std::string zone_;  ///< empty for UTC and for every other kind
};

/// The pandas name of a dtype, e.g. "Int64" or "datetime64[us, US/Eastern]".
std::string dtype_name(const DType& dtype);

/// Parses a pandas dtype spelling ("Int64", "int64", "int", "float", "Float64", "bool",
/// "boolean", "string", "str", "datetime64[us, Asia/Kolkata]", ...); nullopt when it names no
/// supported dtype.
std::optional<DType> parse_dtype(std::string_view name);

/// True for Boolean, Int64 and Float64: the dtypes arithmetic accepts.
bool is_numeric(DType::Kind dtype);

/// True for Date, Timestamp and TimestampTz.
bool is_temporal(DType::Kind dtype);

}  // namespace cormorant
