#pragma once
/// A pandas label: what names a column (and an index level, and a Series). pandas labels are
/// any hashable; cormorant carries the ones pandas itself produces: strings, integers, floats,
/// booleans, None, tuples of labels (the columns of a MultiIndex), and the Timestamps,
/// Timedeltas and dates of an index that T turns into column labels. Labels never reach SQL:
/// the engine's columns are generated ids, so a label may hold any character, NUL included.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <type_traits>
#include <vector>

namespace cormorant {

/// An immutable pandas label.
class Label {
 public:
  enum class Kind { None, Bool, Int, Float, String, Tuple, Temporal };

  /// None (pandas' unnamed level, or a column labelled None).
  Label() = default;
  Label(std::string s) : kind_(Kind::String), s_(std::move(s)) {}
  Label(const char* s) : kind_(Kind::String), s_(s) {}
  template <typename T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
  Label(T i) : kind_(Kind::Int), i_(static_cast<int64_t>(i)) {}
  static Label boolean(bool b);
  static Label floating(double d);
  static Label tuple(std::vector<Label> items);
  /// A Timestamp, Timedelta or date label: `value` in the unit of the core dtype `dtype`
  /// (microseconds since the epoch, UTC, for "datetime64[us(, zone)]"; microseconds for
  /// "timedelta64[us]"; days since the epoch for "date"). `text` and `repr` are Python's str()
  /// and repr() of it, which name it in files and messages (they hold the zone's wall time).
  static Label temporal(std::string dtype, int64_t value, std::string text, std::string repr);

  Kind kind() const { return kind_; }
  bool is_none() const { return kind_ == Kind::None; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_tuple() const { return kind_ == Kind::Tuple; }
  bool is_temporal() const { return kind_ == Kind::Temporal; }
  /// A Temporal label's core dtype name.
  const std::string& temporal_dtype() const { return s_; }
  const std::string& str() const { return s_; }
  int64_t integer() const { return i_; }  ///< an Int label's value, a Temporal label's

  double real() const { return d_; }
  bool truth() const { return b_; }
  const std::vector<Label>& items() const { return items_; }

  /// Python's str(label): the text of a string, "0", "1.5", "True", "None", "('a', 1)".
  /// Files and tables name their columns so (pyarrow writes int labels as "0").
  std::string to_string() const;
  /// Python's repr(label): strings quoted with control characters escaped, for messages.
  std::string repr() const;
  /// Whether some string in the label holds a NUL character.
  bool has_nul() const;

  /// Equal as pandas looks labels up: same kind and value (NaN equals NaN).
  bool operator==(const Label& other) const;
  /// A total order (by kind, then value) for maps and sets; not pandas' sort order.
  bool operator<(const Label& other) const;

 private:
  Kind kind_ = Kind::None;
  bool b_ = false;
  int64_t i_ = 0;
  double d_ = 0;
  std::string s_;
  std::vector<Label> items_;
  std::string text_, repr_;  // a Temporal label's str() and repr()
};

class Value;
/// The label pandas makes of a value (pivot's and get_dummies' columns): an Int64 value gives
/// an integer label, a string a string label; <NA> gives NaN.
Label label_of(const Value& value);
/// Labels from strings.
std::vector<Label> to_labels(const std::vector<std::string>& names);
/// Writes repr(label) (test messages).
std::ostream& operator<<(std::ostream& out, const Label& label);
/// "['a', 0]": labels for a message.
std::string repr(const std::vector<Label>& labels);

}  // namespace cormorant
