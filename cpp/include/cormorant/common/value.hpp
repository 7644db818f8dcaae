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

/// An immutable scalar: <NA>, a boolean, a 64-bit integer, a double or a string.
class Value {
 public:
  using Storage = std::variant<NAType, bool, int64_t, double, std::string>;

  Value() : v_(NA) {}
  Value(NAType) : v_(NA) {}
  Value(bool b) : v_(b) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Value(T i) : v_(static_cast<int64_t>(i)) {}
  Value(double d) : v_(d) {}
  Value(float f) : v_(static_cast<double>(f)) {}
  Value(const char* s) : v_(std::string(s)) {}
  Value(std::string s) : v_(std::move(s)) {}

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
