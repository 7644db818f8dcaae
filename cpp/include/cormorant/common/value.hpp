#pragma once
/// A scalar value (or <NA>) as users pass it to operators, fill values and literals.
#include <cstdint>
#include <string>
#include <type_traits>
#include <variant>

#include "cormorant/common/dtype.hpp"

namespace cormorant {

/// Missing value marker, like pandas' pd.NA.
struct NAType {
  bool operator==(const NAType&) const = default;
};
/// The missing value.
inline constexpr NAType NA{};

/// A date, timestamp or timedelta constant as users give it (datetime.date, datetime.datetime,
/// pd.Timestamp, numpy.datetime64; pd.Timedelta, datetime.timedelta, numpy.timedelta64): its
/// dtype (Date, Timestamp, TimestampTz in the zone it was given in, or Timedelta) and its text:
/// ISO for dates and timestamps ("2018-03-01", "2018-03-01 09:00:00.000001"; an aware one as its
/// UTC instant, "2018-03-01 14:00:00+00:00"), the signed count of microseconds for a timedelta
/// ("-1500000"; see timedelta()). pandas compares such a value with a column by these dtypes,
/// not by its text.
struct Moment {
  DType dtype;
  std::string iso;
  bool operator==(const Moment&) const = default;
  /// A Timedelta constant of `micros` microseconds.
  static Moment timedelta(int64_t micros) { return {DType::Timedelta, std::to_string(micros)}; }
};

/// pandas' text of a Timedelta of `micros` microseconds: "1 days 02:00:00", "0 days
/// 00:00:00.000001", "-1 days +23:59:59.999999".
std::string format_timedelta_us(int64_t micros);

/// An immutable scalar: <NA>, a boolean, a 64-bit integer, a double, a string or a Moment.
class Value {
 public:
  using Storage = std::variant<NAType, bool, int64_t, double, std::string, Moment>;

  Value() : v_(NA) {}
  Value(NAType) : v_(NA) {}
  Value(bool b) : v_(b) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T i) : v_(static_cast<int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(float f) : v_(static_cast<double>(f)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}
  Value(Moment m) : v_(std::move(m)) {}

  bool is_na() const { return std::holds_alternative<NAType>(v_); }
  /// The dtype a column of this value would have; Value must not be <NA>.
  DType dtype() const;
  template <typename T>
  bool holds() const { return std::holds_alternative<T>(v_); }
  template <typename T>
  const T& get() const { return std::get<T>(v_); }
  const Storage& storage() const { return v_; }
  /// How pandas would print it (<NA>, True, 3, 1.5, text).
  std::string to_string() const;
  bool operator==(const Value&) const = default;

 private:
  Storage v_;
};

}  // namespace cormorant
