// pandas' reindex: rows by a list of index labels (a left join of the labels with the frame,
// in the labels' order) and columns by a list of column labels.
#include <algorithm>
#include <set>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::ExprPtr;
using plan::NodePtr;
using api_detail::column_of;
using api_detail::materialize;

namespace {

constexpr const char* kDuplicateAxis = "cannot reindex on an axis with duplicate labels";

/// `v` as a label of an index of dtype `d` (an integer label of a Float64 index as a float);
/// DTypeError for a label of another kind, which would change the index's dtype in pandas.
Value typed_label(const Value& v, DType d) {
  if (v.is_na()) return v;
  if (d == DType::Float64 && v.holds<int64_t>()) return static_cast<double>(v.get<int64_t>());
  if (v.dtype().kind() == d.kind()) return v;
  throw DTypeError("reindex: label " + v.to_string() + " cannot be a label of an index of dtype '" +
                   std::string(dtype_name(d)) + "' (pandas would change the index's dtype); give labels of its dtype");
}

void check_fill(const std::optional<Value>& fill, DType d, const Label& label) {
  if (fill && !plan::value_fits(d, *fill)) {
    throw DTypeError("reindex: fill_value '" + fill->to_string() + "' does not fit column " + label.repr() +
                     " of dtype '" + std::string(dtype_name(d)) + "'");
  }
}

}  // namespace

DataFrame DataFrame::reindex(const std::optional<std::vector<Value>>& labels,
                             const std::optional<std::vector<Label>>& columns,
                             const std::optional<Value>& fill_value) const {
  std::optional<Value> fill = fill_value && !fill_value->is_na() ? fill_value : std::nullopt;
  DataFrame out = *this;
  if (labels) {
    if (index_.empty()) {
      throw NullIndexError("reindex needs an index, and this object has a NULL index (ordering_mode=\"partial\" or "
                           "index_col=DefaultIndexKind.NULL); set one with set_index() first");
    }
    if (index_.size() != 1) throw NotImplementedError("reindex with labels needs a single-level index");
    DType dtype = plan_->dtype_of(index_[0].id);
    std::string label_id = plan::new_column_id(), order_id = plan::new_column_id();
    std::vector<std::vector<Value>> rows;
    for (size_t k = 0; k < labels->size(); ++k) rows.push_back({typed_label((*labels)[k], dtype), int64_t(k)});
    if (rows.empty()) rows.push_back({Value(), int64_t{0}});  // (VALUES needs a row; cut below)
    std::vector<ExprPtr> exprs{column_of(plan_, index_[0].id)};
    NodePtr base = plan_;
    if (!api_detail::unique_positions(plan_, exprs)) base = api_detail::with_unique_labels(plan_, exprs, kDuplicateAxis);
    for (const auto& c : columns_) exprs.push_back(column_of(plan_, c.id));
    exprs.push_back(plan::make_literal(true, DType::Boolean));  // marks labels the index has
    auto [right, ids] = api_detail::isolate(base, exprs);
    NodePtr wanted = std::make_shared<plan::ValuesNode>(Schema{{label_id, dtype}, {order_id, DType::Int64}}, rows);
    NodePtr joined = std::make_shared<plan::JoinNode>(wanted, right, plan::JoinType::Left,
                                                      std::vector<std::pair<std::string, std::string>>{{label_id, ids[0]}});
    joined = std::make_shared<plan::OrderByNode>(joined, std::vector<plan::OrderingKey>{{order_id}});
    if (labels->empty()) joined = std::make_shared<plan::LimitNode>(joined, 0);
    ExprPtr absent = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, ids.back()));
    std::vector<ExprPtr> values{column_of(joined, label_id)};
    for (size_t i = 0; i < columns_.size(); ++i) {
      ExprPtr e = column_of(joined, ids[1 + i]);
      if (fill) {
        check_fill(fill, e->dtype(), columns_[i].label);
        e = std::make_shared<plan::FunctionExpr>("mask", std::vector<ExprPtr>{e, absent}, std::vector<Value>{*fill});
      }
      values.push_back(e);
    }
    auto [rel, vids] = materialize(joined, values);
    std::vector<Column> cols;
    for (size_t i = 0; i < columns_.size(); ++i) cols.push_back({columns_[i].label, vids[1 + i]});
    out = DataFrame(ctx_, rel, {{vids[0], index_[0].name}}, cols, false, column_levels_);
  }
  if (columns) {
    const auto& have = out.columns_;
    std::set<Label> seen;
    for (const auto& c : have) {
      if (!seen.insert(c.label).second) throw InvalidArgumentError(kDuplicateAxis);
    }
    std::vector<ExprPtr> exprs;
    for (const auto& level : out.index_) exprs.push_back(column_of(out.plan_, level.id));
    for (const auto& label : *columns) {
      auto it = std::find_if(have.begin(), have.end(), [&](const Column& c) { return c.label == label; });
      if (it != have.end()) exprs.push_back(column_of(out.plan_, it->id));
      else exprs.push_back(fill ? plan::make_literal(*fill, fill->dtype()) : plan::make_literal(Value(), DType::Float64));
    }
    out = api_detail::frame_of(ctx_, out.plan_, out.index_, exprs, *columns, out.default_index_, out.column_levels_);
  }
  return out;
}

Series Series::reindex(const std::vector<Value>& labels, const std::optional<Value>& fill_value) const {
  DataFrame out = to_frame().reindex(labels, std::nullopt, fill_value);
  return Series(ctx_, out.plan(), out.index(), false, column_of(out.plan(), out.value_columns()[0].id), name_);
}

}  // namespace cormorant
