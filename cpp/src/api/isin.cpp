// Series::isin: membership in a list of values, or in another Series (a semi-join in the
// same query), with pandas 3.1's rules for which values of two dtypes can be equal and when
// a missing value counts as found.
#include "cormorant/api/dataframe.hpp"

#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::ExprPtr;

namespace {

bool numeric_kind(DType d) { return d == DType::Boolean || d == DType::Int64 || d == DType::Float64; }

/// How pandas compares a Series of dtype `x` with values of dtype `v` in isin.
struct IsinRule {
  /// The dtype both sides are compared in; nullopt: no present value of `v` equals one of `x`.
  std::optional<DType> compare;
  /// Whether a missing x is True when the values hold a missing value. pandas' masked arrays
  /// (Int64, Float64, boolean) look for pd.NA in the values as numpy holds them: only values
  /// of an object array (boolean, string, date) keep it, Int64 and Float64 become NaN.
  bool na_matches = false;
};

IsinRule isin_rule(DType x, DType v, const std::optional<Label>& name) {
  if (is_storage_only(x)) refuse_storage_only("isin of", name ? name->to_string() : "", x);
  if (is_storage_only(v)) refuse_storage_only("isin with values of", "", v);
  // Decimals meet decimals and integers, exactly (pyarrow's is_in: a missing value finds the
  // missing ones); floats would be rounded to decimals as pyarrow does, which the engine cannot.
  bool decimals = (x == DType::Decimal && (v == DType::Decimal || v == DType::Int64)) ||
                  (x == DType::Int64 && v == DType::Decimal);
  if ((x == DType::Decimal || v == DType::Decimal) && !decimals) {
    throw DTypeError("isin of " + (name ? "column '" + name->to_string() + "'" : std::string("a column")) + " of dtype " +
                     dtype_name(x) + " with values of dtype " + dtype_name(v) +
                     " is not supported yet: decimals are compared with decimals and integers");
  }
  IsinRule r;
  if (decimals) {
    r.compare = DType(DType::Decimal);
    r.na_matches = x == DType::Decimal;  // (an Int64 column: pandas' masked isin, as for Float64 values)
    return r;
  }
  switch (x.kind()) {
    case DType::Boolean:
    case DType::Int64:
    case DType::Float64:
      if (numeric_kind(v)) r.compare = x == v ? x : DType(DType::Float64);  // numpy's common type
      r.na_matches = v == DType::Boolean || v == DType::String || v == DType::Date;
      break;
    case DType::String:  // values of other dtypes are dropped but for their missing ones
      if (v == DType::String) r.compare = x;
      r.na_matches = true;
      break;
    case DType::Timestamp:
      if (v == DType::Timestamp) r.compare = x;
      r.na_matches = v == DType::Timestamp;
      break;
    case DType::TimestampTz:  // instants, whatever the zones
      if (v == DType::TimestampTz) r.compare = x;
      r.na_matches = v == DType::TimestampTz;
      break;
    case DType::Timedelta:
      if (v == DType::Timedelta) r.compare = x;
      r.na_matches = v == DType::Timedelta;
      break;
    case DType::Date:  // pyarrow casts the values to dates (a timestamp's date in its zone)
      if (!is_temporal(v)) {
        throw DTypeError("isin: a date Series" + (name ? " " + name->repr() : std::string()) +
                         " cannot be compared with values of dtype '" + dtype_name(v) +
                         "' (pandas raises ArrowTypeError); convert the values to dates first");
      }
      r.compare = x;
      r.na_matches = true;
      break;
    default: break;
  }
  return r;
}

/// `e` in dtype `to` for comparing values as pandas does.
ExprPtr compared_as(const ExprPtr& e, DType to) {
  if (e->dtype() == to) return e;
  if (to == DType::Date) return std::make_shared<plan::FunctionExpr>("dt_date", std::vector<ExprPtr>{e});
  if (to == DType::TimestampTz) {
    return std::make_shared<plan::FunctionExpr>("dt_tz_convert", std::vector<ExprPtr>{e}, std::vector<Value>{to.zone()});
  }
  return std::make_shared<plan::CastExpr>(e, to);
}

}  // namespace

Series Series::isin(const std::vector<Value>& values, bool na_matches) const {
  if (dtype() == DType::Categorical) return api_detail::categorical_isin(*this, values, na_matches);
  std::vector<Value> params{na_matches};
  if (values.size() <= kInlineIsinValues) {
    params.insert(params.end(), values.begin(), values.end());
    return call("isin", std::nullopt, params);
  }
  params.push_back(ctx_->values_table(dtype(), values));
  params.insert(params.end(), values.begin(), values.end());  // for pruning scans
  return call("isin_table", std::nullopt, params);
}

Series Series::isin(const Series& values) const {
  if (dtype() == DType::Categorical) return api_detail::categorical_values(*this).isin(values);
  if (values.dtype() == DType::Categorical) return isin(api_detail::categorical_values(values));
  api_detail::check_same_session(ctx_, values.ctx_);
  IsinRule rule = isin_rule(dtype(), values.dtype(), name_);
  ExprPtr v = rule.compare ? compared_as(values.expr_, *rule.compare) : values.expr_;
  auto [relation, ids] = api_detail::materialize(values.relation_, {v});
  ExprPtr x = rule.compare ? compared_as(expr_, *rule.compare) : expr_;
  auto member = std::make_shared<plan::MemberExpr>(x, relation, ids[0], rule.na_matches, rule.compare.has_value());
  return Series(ctx_, relation_, index_, default_index_, member, name_);
}

}  // namespace cormorant
