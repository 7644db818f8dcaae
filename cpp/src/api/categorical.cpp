// Categorical Series (DType::Categorical): astype to and from categories, the .cat accessor,
// comparisons, fillna and isin. The engine holds pandas' codes; every operation here is built
// from the categorical functions of plan/functions/categorical.cpp (codes, from codes, decode
// to the categories' values, encode values).
#include "cormorant/api/categorical.hpp"

#include <algorithm>
#include <cmath>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;

namespace {

std::string who(const Series& s) { return s.name() ? "Series " + s.name()->repr() : std::string("the Series"); }

const Categories& categories_of(const Series& s) {
  if (s.dtype() != DType::Categorical) {
    throw DTypeError("Can only use .cat accessor with a 'category' dtype; " + who(s) + " has dtype " +
                     dtype_name(s.dtype()));
  }
  return s.dtype().categories();
}

Series with_expr(const Series& s, ExprPtr e) {
  return Series(s.context(), s.relation(), s.index(), s.default_index(), std::move(e), s.name());
}

ExprPtr call(const std::string& name, const ExprPtr& x, std::vector<Value> params = {}) {
  return std::make_shared<plan::FunctionExpr>(name, std::vector<ExprPtr>{x}, std::move(params));
}

ExprPtr codes_of(const ExprPtr& x) { return call("cat_codes", x); }
ExprPtr from_codes(const ExprPtr& codes, const DType& dtype) {
  return call("cat_from_codes", codes, plan::categorical_params(dtype));
}
ExprPtr decode(const ExprPtr& x) { return call("cat_decode", x); }

/// Values `x` as categorical `to`: missing where no category equals a value (numbers compare
/// by value across Int64 and Float64; text never equals a number), as pandas' astype.
ExprPtr encode(const ExprPtr& x, const DType& to, const std::string& label) {
  const Categories& c = to.categories();
  DType from = x->dtype();
  if (from == c.dtype) return call("cat_encode", x, plan::categorical_params(to));
  bool numbers = (from == DType::Int64 || from == DType::Float64) && (c.dtype == DType::Int64 || c.dtype == DType::Float64);
  if (numbers && c.dtype == DType::Float64) return encode(std::make_shared<plan::CastExpr>(x, DType::Float64), to, label);
  if (numbers) {  // float values against integer categories: look them up as floats, same positions
    std::vector<Value> as_floats;
    for (const auto& v : c.values) as_floats.emplace_back(static_cast<double>(v.get<int64_t>()));
    DType floats = DType::categorical(as_floats, DType::Float64, c.ordered);
    return from_codes(codes_of(encode(x, floats, label)), to);
  }
  if (from == DType::Int64 || from == DType::Float64 || from == DType::String) {
    return from_codes(plan::make_literal(NA, DType::Int64), to);  // no value is a category
  }
  throw DTypeError("astype to category of column '" + label + "' of dtype " + dtype_name(from) +
                   " is not supported yet; categories may be integers, floats or strings");
}

/// The dtype of new categories given as values: that of `like` when they fit it (integers fit
/// float categories), else the dtype they share.
DType values_dtype(const std::vector<Value>& values, const DType& like) {
  auto fits = [&](DType d) {
    return std::all_of(values.begin(), values.end(), [&](const Value& v) {
      return !v.is_na() && (v.dtype() == d || (d == DType::Float64 && v.holds<int64_t>()));
    });
  };
  if (fits(like)) return like;
  for (DType d : {DType::Int64, DType::Float64, DType::String}) {
    if (fits(d)) return d;
  }
  throw DTypeError("categories must be all integers, all numbers or all strings");
}

/// pandas' astype("category"): the sorted distinct present values, in the column's own
/// (nullable) dtype, as pandas keeps it.
DType inferred_categorical(const Series& s) {
  auto [relation, ids] = api_detail::isolate(s.relation(), {s.expr()});
  std::vector<Value> values;
  for (auto& d : api_detail::distinct_values(s.context(), relation, ids[0])) {
    bool nan = d.value.holds<double>() && std::isnan(d.value.get<double>());
    if (!d.value.is_na() && !nan) values.push_back(std::move(d.value));
  }
  return DType::categorical(std::move(values), s.dtype(), false, dtype_name(s.dtype()));
}

Series recoded(const Series& s, const DType& to) {
  if (s.dtype() == to) return s;
  return with_expr(s, encode(decode(s.expr()), to, s.name() ? s.name()->to_string() : ""));
}

ExprPtr or_missing(const ExprPtr& compared, bool missing) {
  return std::make_shared<plan::CoalesceExpr>(compared, plan::make_literal(missing, DType::Boolean));
}

bool ordering(BinaryOp op) { return op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge; }

void check_comparison(const Series& s, BinaryOp op) {
  if (op != BinaryOp::Eq && op != BinaryOp::Ne && !ordering(op)) {
    throw DTypeError(who(s) + ": the operator " + std::string(plan::op_symbol(op)) +
                     " does not apply to dtype category; convert it with astype() to its categories' dtype first");
  }
  if (ordering(op) && !categories_of(s).ordered) {
    throw DTypeError(who(s) + ": Unordered Categoricals can only compare equality or not");
  }
}

}  // namespace

namespace api_detail {

Series categorical_astype(const Series& s, const DType& to) {
  std::string label = s.name() ? s.name()->to_string() : "";
  if (s.dtype() == DType::Categorical) {
    if (to == DType::Categorical) return to.has_categories() ? recoded(s, to) : s;
    return with_expr(s, decode(s.expr())).astype(to);
  }
  DType dtype = to.has_categories() ? to : inferred_categorical(s);
  return with_expr(s, encode(s.expr(), dtype, label));
}

Series categorical_compare(const Series& s, BinaryOp op, const Value& v, bool reversed) {
  check_comparison(s, op);
  const Categories& c = s.dtype().categories();
  auto code = c.code_of(v);
  if (!code && ordering(op)) {
    throw DTypeError(who(s) + ": Invalid comparison between dtype=category and " +
                     (v.is_na() ? std::string("a missing value") : "a value that is not a category (" + v.to_string() + ")"));
  }
  if (!code) return with_expr(s, plan::make_literal(op == BinaryOp::Ne, DType::Boolean));
  ExprPtr lit = plan::make_literal(*code, DType::Int64);
  ExprPtr codes = codes_of(s.expr());
  ExprPtr e = reversed ? plan::make_binary(op, lit, codes) : plan::make_binary(op, codes, lit);
  return with_expr(s, or_missing(e, op == BinaryOp::Ne));
}

Series categorical_compare(const Series& a, BinaryOp op, const Series& b) {
  if (a.dtype() == DType::Categorical && b.dtype() == DType::Categorical) {
    check_comparison(a, op);
    if (a.dtype() != b.dtype()) {
      throw DTypeError(who(a) + " and " + who(b) + ": Categoricals can only be compared if 'categories' are the same");
    }
    Series r = with_expr(a, codes_of(a.expr())).binary(op, with_expr(b, codes_of(b.expr())));
    return with_expr(r, or_missing(r.expr(), op == BinaryOp::Ne));
  }
  // A categorical against other values compares its values (missing: never equal).
  const Series& cat = a.dtype() == DType::Categorical ? a : b;
  check_comparison(cat, op);
  Series r = (a.dtype() == DType::Categorical ? with_expr(a, decode(a.expr())) : a)
                 .binary(op, b.dtype() == DType::Categorical ? with_expr(b, decode(b.expr())) : b);
  return with_expr(r, or_missing(r.expr(), op == BinaryOp::Ne));
}

Series categorical_fillna(const Series& s, const Value& value) {
  if (value.is_na()) return s;
  auto code = s.dtype().categories().code_of(value);
  if (!code) {
    throw DTypeError(who(s) + ": Cannot setitem on a Categorical with a new category (" + value.to_string() +
                     "), set the categories first");
  }
  auto filled = std::make_shared<plan::CoalesceExpr>(codes_of(s.expr()), plan::make_literal(*code, DType::Int64));
  return with_expr(s, from_codes(filled, s.dtype()));
}

Series categorical_isin(const Series& s, const std::vector<Value>& values, bool na_matches) {
  std::vector<Value> codes;
  for (const auto& v : values) {
    if (auto code = s.dtype().categories().code_of(v)) codes.emplace_back(*code);
    // pandas: a missing value among them (None, NaN) finds the missing rows
    if (v.is_na() || (v.holds<double>() && std::isnan(v.get<double>()))) na_matches = true;
  }
  return with_expr(s, codes_of(s.expr())).isin(codes, na_matches);
}

Series categorical_values(const Series& s) { return with_expr(s, decode(s.expr())); }
ExprPtr categorical_values(const ExprPtr& x) { return decode(x); }

}  // namespace api_detail

namespace cat {

Series codes(const Series& s) {
  categories_of(s);
  return with_expr(s, std::make_shared<plan::CoalesceExpr>(codes_of(s.expr()), plan::make_literal(int64_t{-1}, DType::Int64)));
}

Series rename_categories(const Series& s, const std::vector<Value>& categories) {
  const Categories& c = categories_of(s);
  if (categories.size() != c.values.size()) {
    throw InvalidArgumentError("new categories need to have the same number of items as the old categories (" +
                               std::to_string(c.values.size()) + "), got " + std::to_string(categories.size()));
  }
  DType to = DType::categorical(categories, values_dtype(categories, c.dtype), c.ordered);
  return with_expr(s, from_codes(codes_of(s.expr()), to));
}

Series add_categories(const Series& s, const std::vector<Value>& values) {
  const Categories& c = categories_of(s);
  for (const auto& v : values) {
    if (c.code_of(v)) throw InvalidArgumentError("new categories must not include old categories: " + v.to_string());
  }
  std::vector<Value> all = c.values;
  all.insert(all.end(), values.begin(), values.end());
  DType to = DType::categorical(all, values.empty() ? c.dtype : values_dtype(all, c.dtype), c.ordered);
  if (to.categories().dtype != c.dtype) return recoded(s, to);  // e.g. integers joined by a float
  return with_expr(s, from_codes(codes_of(s.expr()), to));
}

Series remove_categories(const Series& s, const std::vector<Value>& values) {
  const Categories& c = categories_of(s);
  std::vector<bool> removed(c.values.size(), false);
  for (const auto& v : values) {
    auto code = c.code_of(v);
    if (!code) throw InvalidArgumentError("removals must all be in old categories: " + v.to_string());
    removed[static_cast<size_t>(*code)] = true;
  }
  std::vector<Value> kept;
  for (size_t i = 0; i < c.values.size(); ++i) {
    if (!removed[i]) kept.push_back(c.values[i]);
  }
  // pandas: Index.difference, which sorts unless the categories are ordered or nothing is removed
  if (!c.ordered && !values.empty()) {
    std::sort(kept.begin(), kept.end(), [](const Value& a, const Value& b) {
      if (a.holds<std::string>()) return a.get<std::string>() < b.get<std::string>();
      auto number = [](const Value& v) { return v.holds<double>() ? v.get<double>() : static_cast<double>(v.get<int64_t>()); };
      return number(a) < number(b);
    });
  }
  return recoded(s, DType::categorical(kept, c.dtype, c.ordered, c.pandas));
}

Series set_categories(const Series& s, const std::vector<Value>& categories, std::optional<bool> ordered) {
  const Categories& c = categories_of(s);
  return recoded(s, DType::categorical(categories, values_dtype(categories, c.dtype), ordered.value_or(c.ordered)));
}

Series reorder_categories(const Series& s, const std::vector<Value>& categories, std::optional<bool> ordered) {
  const Categories& c = categories_of(s);
  bool same = categories.size() == c.values.size() &&
              std::all_of(categories.begin(), categories.end(), [&](const Value& v) { return c.code_of(v).has_value(); });
  if (!same) throw InvalidArgumentError("items in new_categories are not the same as in old categories");
  return recoded(s, DType::categorical(categories, c.dtype, ordered.value_or(c.ordered)));
}

Series set_ordered(const Series& s, bool ordered) {
  const Categories& c = categories_of(s);
  return with_expr(s, from_codes(codes_of(s.expr()), DType::categorical(c.values, c.dtype, ordered, c.pandas)));
}

}  // namespace cat

Series cut(const Series& x, const std::vector<double>& edges, bool right, bool include_lowest,
           const std::optional<DType>& dtype) {
  if (x.dtype() != DType::Int64 && x.dtype() != DType::Float64) {
    throw DTypeError("cut of " + who(x) + " of dtype " + dtype_name(x.dtype()) +
                     " is not supported; it takes integers or floats");
  }
  if (edges.size() < 2 || !std::is_sorted(edges.begin(), edges.end())) {
    throw InvalidArgumentError("cut needs at least two edges in increasing order");
  }
  size_t bins = edges.size() - 1;
  if (dtype && (*dtype != DType::Categorical || dtype->categories().values.size() != bins)) {
    throw InvalidArgumentError("cut's categories must be one per bin (" + std::to_string(bins) + ")");
  }
  // pandas' searchsorted: the number of edges below the value (at or below it, left-closed)
  const ExprPtr& v = x.expr();
  std::vector<ExprPtr> below;
  for (double e : edges) {
    ExprPtr edge = plan::make_literal(e, DType::Float64);
    below.push_back(std::make_shared<plan::CastExpr>(plan::make_binary(right ? BinaryOp::Gt : BinaryOp::Ge, v, edge),
                                                     DType::Int64));
  }
  if (right && include_lowest) {  // the first edge belongs to the first bin
    below.push_back(std::make_shared<plan::CastExpr>(
        plan::make_binary(BinaryOp::Eq, v, plan::make_literal(edges.front(), DType::Float64)), DType::Int64));
  }
  ExprPtr n = plan::make_balanced(BinaryOp::Add, std::move(below));
  auto number = [](int64_t i) { return plan::make_literal(i, DType::Int64); };
  // outside the edges (and missing): missing, as pandas' NaN
  ExprPtr inside = plan::make_binary(BinaryOp::And, plan::make_binary(BinaryOp::Ge, n, number(1)),
                                     plan::make_binary(BinaryOp::Le, n, number(static_cast<int64_t>(bins))));
  ExprPtr codes = std::make_shared<plan::ConditionalExpr>(inside, plan::make_binary(BinaryOp::Sub, n, number(1)));
  return with_expr(x, dtype ? from_codes(codes, *dtype) : codes);
}

}  // namespace cormorant
