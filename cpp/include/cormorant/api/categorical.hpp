#pragma once
/// pandas' Series.cat accessor: the codes and categories of a categorical Series
/// (DType::Categorical), and new Series with other categories. The engine holds pandas' codes,
/// so renaming, adding categories and (un)ordering change only the dtype; removing, setting and
/// reordering recode by value, as pandas does.
#include <optional>
#include <vector>

#include "cormorant/api/dataframe.hpp"

namespace cormorant::cat {

/// s.cat.codes: the codes as Int64, -1 for a missing value.
Series codes(const Series& s);
/// s.cat.rename_categories(new): the same codes with `categories` (one per category) as values.
Series rename_categories(const Series& s, const std::vector<Value>& categories);
/// s.cat.add_categories(values): new categories at the end; the values keep their codes.
Series add_categories(const Series& s, const std::vector<Value>& values);
/// s.cat.remove_categories(values): values of removed categories become missing.
Series remove_categories(const Series& s, const std::vector<Value>& values);
/// s.cat.set_categories(categories, ordered=): values that are no longer categories become missing.
Series set_categories(const Series& s, const std::vector<Value>& categories, std::optional<bool> ordered = std::nullopt);
/// s.cat.reorder_categories(categories, ordered=): the same categories in another order.
Series reorder_categories(const Series& s, const std::vector<Value>& categories,
                          std::optional<bool> ordered = std::nullopt);
/// s.cat.as_ordered() / as_unordered().
Series set_ordered(const Series& s, bool ordered);

}  // namespace cormorant::cat

namespace cormorant {

/// pandas' cut of numbers `x` by increasing `edges`: the bin of each value, computed in the
/// engine as pandas' searchsorted (bins closed on the right, or on the left when !right;
/// `include_lowest`: the first edge in the first bin), missing for a missing value or one
/// outside the edges. With `dtype` (a categorical of one category per bin) the bins as that
/// categorical, else their numbers (Int64, pandas' labels=False).
Series cut(const Series& x, const std::vector<double>& edges, bool right, bool include_lowest,
           const std::optional<DType>& dtype);

}  // namespace cormorant
