// Combining objects cell by cell: pandas' combine_first, equals and DataFrame.replace
// (update is setting cells: api/assign.cpp).
#include <algorithm>
#include <cmath>
#include <set>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::ExprPtr;
using plan::NodePtr;
using api_detail::Aligned;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::differs;

namespace {

/// The dtype pandas' combine_first gives a column both sides have: their own when equal,
/// Float64 for Int64 with Float64; anything else would be object in pandas: DTypeError.
DType common_dtype(DType a, DType b, const Label& label) {
  if (a == b) return a;
  if ((a == DType::Int64 && b == DType::Float64) || (a == DType::Float64 && b == DType::Int64)) return DType::Float64;
  if (a.kind() == DType::TimestampTz && b.kind() == DType::TimestampTz) return a;
  throw DTypeError("combine_first: column " + label.repr() + " has dtype '" + std::string(dtype_name(a)) +
                   "' on one side and '" + std::string(dtype_name(b)) +
                   "' on the other (pandas would give an object column); cast one side with astype()");
}

ExprPtr as_dtype(const ExprPtr& e, DType d) {
  return e->dtype() == d ? e : std::make_shared<plan::CastExpr>(e, d);
}

/// `first`, or `second` where it is missing, in their common dtype.
ExprPtr first_valid(const ExprPtr& first, const ExprPtr& second, const Label& label) {
  DType d = common_dtype(first->dtype(), second->dtype(), label);
  return std::make_shared<plan::CoalesceExpr>(as_dtype(first, d), as_dtype(second, d));
}

/// Whether `from` can equal a value of a column of dtype `d` (pandas leaves a column alone
/// when it cannot, whatever `to` is).
bool can_match(const Value& from, DType d) {
  if (from.is_na() || (from.holds<double>() && std::isnan(from.get<double>()))) return true;
  if (d == DType::Int64 || d == DType::Float64) return from.holds<int64_t>() || from.holds<double>();
  if (d == DType::Boolean) return from.holds<bool>();
  if (d == DType::String) return from.holds<std::string>();
  if (is_temporal(d)) return from.holds<Moment>();
  return false;
}

/// Whether index labels of dtypes `a` and `b` can be equal (pandas' Index.equals compares
/// numbers by value).
bool comparable_labels(DType a, DType b) {
  bool numeric_a = a == DType::Int64 || a == DType::Float64, numeric_b = b == DType::Int64 || b == DType::Float64;
  return a == b || (numeric_a && numeric_b);
}

}  // namespace

DataFrame DataFrame::combine_first(const DataFrame& other) const {
  check_same_session(ctx_, other.ctx_);
  Aligned al = api_detail::align_operands(ctx_, api_detail::operand_of(*this), api_detail::operand_of(other));
  auto find_other = [&](const Label& label) {
    int found = -1;
    for (size_t j = 0; j < other.columns_.size(); ++j) {
      if (other.columns_[j].label != label) continue;
      if (found >= 0) throw InvalidArgumentError("combine_first: the other frame repeats the column label " + label.repr());
      found = static_cast<int>(j);
    }
    return found;
  };
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  for (const auto& idx : al.index) exprs.push_back(column_of(al.relation, idx.id));
  for (size_t i = 0; i < columns_.size(); ++i) {
    int j = find_other(columns_[i].label);
    labels.push_back(columns_[i].label);
    exprs.push_back(j < 0 ? al.left[i] : first_valid(al.left[i], al.right[j], columns_[i].label));
  }
  for (size_t j = 0; j < other.columns_.size(); ++j) {
    const Label& label = other.columns_[j].label;
    if (std::any_of(columns_.begin(), columns_.end(), [&](const Column& c) { return c.label == label; })) continue;
    labels.push_back(label);
    exprs.push_back(al.right[j]);
  }
  return api_detail::frame_of(ctx_, al.relation, al.index, exprs, labels, al.default_index, column_levels_);
}

Series Series::combine_first(const Series& other) const {
  check_same_session(ctx_, other.ctx_);
  Aligned al = api_detail::align_operands(ctx_, {relation_, index_, default_index_, {expr_}},
                                          {other.relation_, other.index_, other.default_index_, {other.expr_}});
  return Series(ctx_, al.relation, al.index, al.default_index,
                first_valid(al.left[0], al.right[0], name_.value_or(Label(0))), name_);
}

bool DataFrame::equals(const DataFrame& other) const {
  check_same_session(ctx_, other.ctx_);
  if (columns_.size() != other.columns_.size() || index_.size() != other.index_.size()) return false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].label != other.columns_[i].label) return false;
    if (plan_->dtype_of(columns_[i].id) != other.plan_->dtype_of(other.columns_[i].id)) return false;
  }
  for (size_t i = 0; i < index_.size(); ++i) {
    if (!comparable_labels(plan_->dtype_of(index_[i].id), other.plan_->dtype_of(other.index_[i].id))) return false;
  }
  int64_t n = ctx_->count(plan_);
  if (n != ctx_->count(other.plan_)) return false;
  if (n == 0) return true;
  // Pair the rows by position and count the pairs that differ anywhere.
  auto side = [](const DataFrame& f) {
    auto [rel, pos] = api_detail::with_positions(f.plan_);
    std::vector<ExprPtr> exprs{column_of(rel, pos)};
    for (const auto& level : f.index_) exprs.push_back(column_of(rel, level.id));
    for (const auto& c : f.columns_) exprs.push_back(column_of(rel, c.id));
    return api_detail::isolate(rel, exprs);
  };
  auto [lrel, lids] = side(*this);
  auto [rrel, rids] = side(other);
  NodePtr joined = std::make_shared<plan::JoinNode>(lrel, rrel, plan::JoinType::Inner,
                                                    std::vector<std::pair<std::string, std::string>>{{lids[0], rids[0]}});
  ExprPtr any;
  for (size_t k = 1; k < lids.size(); ++k) {
    ExprPtr d = differs(column_of(joined, lids[k]), column_of(joined, rids[k]));
    any = any ? plan::make_binary(plan::BinaryOp::Or, any, d) : d;
  }
  if (!any) return true;
  return ctx_->count(std::make_shared<plan::FilterNode>(joined, any)) == 0;
}

bool Series::equals(const Series& other) const {
  if (dtype() != other.dtype()) return false;
  DataFrame a = to_frame(), b = other.to_frame();
  a = a.rename({{a.value_columns()[0].label, Label(0)}});
  b = b.rename({{b.value_columns()[0].label, Label(0)}});
  return a.equals(b);
}

DataFrame DataFrame::replace(const std::vector<std::pair<Value, Value>>& pairs, const std::vector<Label>& columns) const {
  for (const auto& label : columns) column(label);  // throws for an absent label
  std::vector<ExprPtr> exprs;
  std::vector<Label> labels;
  for (const auto& level : index_) exprs.push_back(column_of(plan_, level.id));
  for (const auto& c : columns_) {
    labels.push_back(c.label);
    ExprPtr e = column_of(plan_, c.id);
    bool chosen = columns.empty() || std::find(columns.begin(), columns.end(), c.label) != columns.end();
    std::vector<Value> params;
    for (const auto& [from, to] : pairs) {
      if (!chosen || !can_match(from, e->dtype())) continue;
      params.push_back(from);
      params.push_back(to);
    }
    if (!params.empty()) {
      try {
        e = Series(ctx_, plan_, index_, default_index_, e, c.label).call("replace", std::nullopt, params).expr();
      } catch (const DTypeError& err) {
        throw DTypeError("replace: column " + c.label.repr() + ": " + err.what());
      }
    }
    exprs.push_back(e);
  }
  return api_detail::frame_of(ctx_, plan_, index_, exprs, labels, default_index_, column_levels_);
}

}  // namespace cormorant
