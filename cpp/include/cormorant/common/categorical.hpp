#pragma once
/// pandas' categorical dtype: the categories a Categorical DType carries.
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant {

/// The categories of a categorical dtype, in their order: the engine holds each value as its
/// code, the position of its category here (pandas' codes), so sorting and < > by codes follow
/// the categories' order, as pandas orders an ordered categorical.
struct Categories {
  std::vector<Value> values;  ///< distinct, none missing, all of dtype `dtype` (add them with add())
  DType dtype;                ///< the categories' own dtype (astype back gives it)
  bool ordered = false;
  /// pandas' dtype of the categories where `dtype` does not say it: "Int64", "Float64" or
  /// "string" (pandas' nullable dtypes, which astype("category") of such a column keeps), or
  /// an interval dtype ("interval[float64, right]": pd.cut's categories, held as their text,
  /// str(Interval)); empty for pandas' default of `dtype` (int64, float64, str). Categoricals
  /// whose categories differ only here are different dtypes, as in pandas.
  std::string pandas;

  /// Appends `v` as the next category; false (nothing added) when it is one already.
  bool add(Value v);
  /// The code of `v` (its position among the values), nullopt when it is no category. Numbers
  /// compare by value across Int64 and Float64, as pandas looks categories up. Constant time
  /// for strings and numbers.
  std::optional<int64_t> code_of(const Value& v) const;
  bool operator==(const Categories& other) const {
    return values == other.values && dtype == other.dtype && ordered == other.ordered && pandas == other.pandas;
  }

 private:
  // The codes of the values by kind (moments and the rest are looked up in `values`).
  std::unordered_map<std::string, int64_t> string_codes_;
  std::unordered_map<int64_t, int64_t> integer_codes_;
  std::unordered_map<double, int64_t> float_codes_;
};

/// "['a', 'b'], ordered=True": the categories as pandas prints a CategoricalDtype, for messages.
std::string describe_categories(const Categories& categories);

}  // namespace cormorant
