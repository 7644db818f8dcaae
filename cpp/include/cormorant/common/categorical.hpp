#pragma once
/// pandas' categorical dtype: the categories a Categorical DType carries.
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant {

/// The categories of a categorical dtype, in their order: the engine holds each value as its
/// code, the position of its category here (pandas' codes), so sorting and < > by codes follow
/// the categories' order, as pandas orders an ordered categorical.
struct Categories {
  std::vector<Value> values;  ///< distinct, none missing, all of dtype `dtype`
  DType dtype;                ///< the categories' own dtype (astype back gives it)
  bool ordered = false;

  /// The code of `v` (its position among the values), nullopt when it is no category. Numbers
  /// compare by value across Int64 and Float64, as pandas looks categories up.
  std::optional<int64_t> code_of(const Value& v) const;
  bool operator==(const Categories& other) const = default;
};

/// "['a', 'b'], ordered=True": the categories as pandas prints a CategoricalDtype, for messages.
std::string describe_categories(const Categories& categories);

}  // namespace cormorant
