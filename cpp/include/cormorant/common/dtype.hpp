#pragma once
/// The logical column types cormorant supports: pandas' nullable dtypes.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cormorant {

struct Categories;
struct StructField;
class Value;

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
    Binary,       ///< pandas "binary[pyarrow]": byte strings
    Decimal,      ///< pandas "decimal128(38, 9)[pyarrow]": BigQuery's NUMERIC, as bigframes has it
    List,         ///< pandas "list<item: T>[pyarrow]" of one of the kinds above (see element())
    Timedelta,    ///< pandas "timedelta64[us]": signed microseconds (the engine's BIGINT), NaT for missing
    Categorical,  ///< pandas "category": the engine holds pandas' codes (BIGINT, NULL for missing); the
                  ///< categories, their order and `ordered` are in the dtype (categories())
    Struct,       ///< pandas "struct<name: T, ...>[pyarrow]": named fields (see fields()), the engine's STRUCT
    Integer,      ///< pandas' other nullable integers "Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32",
                  ///< "UInt64" (see bits(), is_unsigned()): the engine's TINYINT..UBIGINT. Int64 is its own kind.
    Time,         ///< time of day, microseconds since midnight (the engine's TIME, Arrow time64[us]); pandas holds
                  ///< it as an object column of datetime.time (dt.time), which is what results give
  };

  /// Int64 until assigned (for containers that need a default).
  DType() : kind_(Int64) {}
  DType(Kind kind) : kind_(kind) {}  // NOLINT: kinds are dtypes
  /// A time-zone-aware timestamp dtype in `zone` (an IANA name such as "US/Eastern"; "UTC" and
  /// its spellings become "UTC").
  static DType timestamp_tz(std::string zone);
  /// A list dtype whose items have dtype `element` (any kind but List).
  static DType list_of(const DType& element);
  /// pandas' CategoricalDtype(categories, ordered): `categories` are distinct values of one
  /// dtype (`values`: Int64, Float64 or String), in their order (the codes are
  /// positions in it); `pandas`: pandas' dtype of the categories where `values` does not say it
  /// (Categories::pandas). Throws DTypeError for repeated or missing categories.
  static DType categorical(std::vector<Value> categories, const DType& values, bool ordered,
                           std::string pandas = {});
  /// pandas' ArrowDtype of a pa.struct: `fields` in order, each of any kind but Categorical and
  /// Timedelta (lists and structs too; timestamps naive or UTC). Throws DTypeError for no fields,
  /// an empty name, names repeated (ignoring case, as the engine's are) or holding ", ", ": "
  /// or brackets (they would make pandas' dtype name ambiguous).
  static DType struct_of(std::vector<StructField> fields);
  /// pandas' nullable integer of `bits` (8, 16, 32 or 64) bits, unsigned or not: Int64 for 64
  /// signed bits, else an Integer. Throws InternalError for other widths.
  static DType integer(int bits, bool is_unsigned);

  Kind kind() const { return kind_; }
  operator Kind() const { return kind_; }  // NOLINT: for switch and kind tests
  /// The IANA zone of a TimestampTz ("UTC" by default), empty for every other kind.
  std::string zone() const { return kind_ == TimestampTz ? (zone_.empty() ? "UTC" : zone_) : std::string(); }
  /// True for a TimestampTz whose zone is UTC (the engine session's own zone).
  bool is_utc() const { return kind_ == TimestampTz && zone_.empty(); }
  /// The dtype of a List's items (with its zone); Boolean for every other kind.
  DType element() const;
  /// A Categorical's categories, their dtype and `ordered`; throws InternalError for other kinds
  /// and for the bare "category" (parse_dtype's: astype infers the categories from the data).
  const Categories& categories() const;
  /// A Struct's fields in order; throws InternalError for other kinds.
  const std::vector<StructField>& fields() const;
  /// The width in bits of an Int64 (64) or an Integer; 0 for every other kind.
  int bits() const { return kind_ == Int64 ? 64 : kind_ == Integer ? bits_ : 0; }
  /// True for the unsigned Integers (UInt8..UInt64).
  bool is_unsigned() const { return kind_ == Integer && unsigned_; }
  /// False for every kind but a Categorical with its categories.
  bool has_categories() const { return categories_ != nullptr; }

  /// Categorical dtypes are equal when their categories (in order) and `ordered` are, as pandas'.
  bool operator==(const DType& other) const;
  bool operator!=(const DType& other) const { return !(*this == other); }
  bool operator==(Kind kind) const { return kind_ == kind; }
  bool operator<(const DType& other) const;

 private:
  Kind kind_;
  Kind element_ = Boolean;  ///< a List's item kind
  uint8_t bits_ = 0;        ///< an Integer's width
  bool unsigned_ = false;   ///< an Integer's signedness
  std::string zone_;        ///< a TimestampTz's (or a List of them's) zone; empty for UTC and others
  std::shared_ptr<const Categories> categories_;  ///< a Categorical's
  std::shared_ptr<const std::vector<StructField>> fields_;  ///< a Struct's
};

/// One field of a struct dtype.
struct StructField {
  std::string name;
  DType dtype;
  bool operator==(const StructField& other) const { return name == other.name && dtype == other.dtype; }
};

/// The pandas name of a dtype, e.g. "Int64" or "datetime64[us, US/Eastern]".
std::string dtype_name(const DType& dtype);

/// Parses a pandas dtype spelling ("Int64", "int64", "int", "float", "Float64", "bool",
/// "boolean", "string", "str", "datetime64[us, Asia/Kolkata]", ...); nullopt when it names no
/// supported dtype.
std::optional<DType> parse_dtype(std::string_view name);

/// True for Int64 and the Integers (Int8..UInt64).
inline bool is_integer(DType::Kind dtype) { return dtype == DType::Int64 || dtype == DType::Integer; }

/// True for Boolean, Int64 and Float64: the dtypes arithmetic accepts.
bool is_numeric(DType::Kind dtype);

/// True for Date, Timestamp and TimestampTz (not Time: a time of day has no date).
bool is_temporal(DType::Kind dtype);

/// True for Timestamp, TimestampTz, Timedelta and Time: pandas keeps them as numpy datetime64 and
/// timedelta64 (times of day: datetime.time objects) with NaT for a missing value, and a
/// comparison with NaT is False (!= True), never <NA>.
bool holds_nat(DType::Kind dtype);

/// True for Binary, List, Struct and Integer: the dtypes that so far only move data (reading,
/// writing, selection, filters, isna/notna, equality, UDFs; Integers also compare and convert
/// with astype) and that most operations refuse.
bool is_storage_only(DType::Kind dtype);

/// True when astype converts `from` to `to` where one is an Integer (a storage-only dtype): the
/// Integers, Int64, Float64, boolean and string convert to and from one another.
bool converts_integer(const DType& from, const DType& to);

/// True when `left` and `right`, one an Integer, compare (==, <, ...): Integers, Int64 and Float64.
bool compares_integer(const DType& left, const DType& right);

/// The DTypeError for `operation` on a column `column` of a storage-only dtype, e.g.
/// "sort_values does not support column 'x' of dtype binary[pyarrow] yet" (`column` may be
/// empty where the user's label is not known).
[[noreturn]] void refuse_storage_only(const std::string& operation, const std::string& column, const DType& dtype);

}  // namespace cormorant
