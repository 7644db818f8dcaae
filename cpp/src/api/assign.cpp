// Setting cells: pandas' df.loc[rows, columns] = value, df.iloc[rows, columns] = value,
// s.loc[rows] = value and s[mask] = value. The rows to set are a boolean Series on the frame's
// rows (a mask, or one built from positions or labels), so setting stays one lazy projection:
// each set column becomes CASE WHEN rows THEN value ELSE column END.
#include <algorithm>
#include <set>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/rewrite/align.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::ExprPtr;
using plan::NodePtr;
using api_detail::column_of;
using api_detail::padded;
using api_detail::settable;

namespace {

/// A label no user column has, for a column carried while cells are set.
Label hidden_label() { return Label("\x01" "cormorant_set_" + plan::new_column_id()); }

/// `relation` without the nodes above it that only add columns (projections, row numbers,
/// windows): two relations with the same such root have the same rows, so a mask over one
/// covers every row of the other and no query need check it.
NodePtr row_root(NodePtr relation) {
  for (;;) {
    auto k = relation->kind();
    bool adds_columns = k == plan::NodeKind::Project || k == plan::NodeKind::RowNumber || k == plan::NodeKind::Window;
    if (!adds_columns || relation->own_inputs() != 1) return relation;
    relation = relation->inputs()[0];
  }
}

/// What set_cells sets: a constant, or a Series aligned on the index.
struct NewValue {
  const Value* scalar = nullptr;
  const Series* series = nullptr;
  bool where_given = false;   ///< only where the Series has a value (pandas' update)
  bool only_missing = false;  ///< only where the column is <NA> (update's overwrite=False)
  bool by_position = false;   ///< pandas pairs the Series' rows with the rows set by position
};

DataFrame set_cells_impl(const DataFrame& df, const std::optional<Series>& rows, const std::vector<Label>& labels,
                         const NewValue& value) {
  const auto& ctx = df.context();
  size_t n = df.value_columns().size();
  if (value.scalar && value.scalar->is_na()) {
    for (const auto& label : labels) {
      bool present = std::any_of(df.value_columns().begin(), df.value_columns().end(),
                                 [&](const Column& c) { return c.label == label; });
      if (!present) {
        throw DTypeError("cannot infer a dtype for new column " + label.repr() +
                         " from <NA> alone; assign a typed Series first, e.g. with astype()");
      }
    }
  }
  if (value.series && value.by_position && (rows || row_root(value.series->relation()) != row_root(df.plan()))) {
    // pandas' iloc[...] = s, s[i:j] = s2 and s[[labels]] = s2 take the Series' values in order,
    // not by label; only a Series of this object's own rows, set on all of them, pairs the same
    // way by label.
    throw NotImplementedError(
        "setting by position (iloc, a slice or a list of labels) from a Series pairs its values with the rows "
        "by position, which cormorant supports only for a Series of the same rows set on all of them; use "
        ".loc[...] = value (aligned on the index), or a boolean mask");
  }
  // The frame, then (hidden) the rows to set and the Series value, each aligned on its rows.
  DataFrame g = df;
  if (rows) {
    if (rows->dtype() != DType::Boolean) {
      throw DTypeError("the rows to set must be a boolean mask, got dtype '" + std::string(dtype_name(rows->dtype())) +
                       "'");
    }
    api_detail::check_same_session(ctx, rows->context());
    // <NA> in the mask counts as False; after aligning, <NA> marks rows the mask lacks.
    Series known(rows->context(), rows->relation(), rows->index(), rows->default_index(),
                 std::make_shared<plan::CoalesceExpr>(rows->expr(), plan::make_literal(false, DType::Boolean)),
                 std::nullopt);
    g = g.assign(hidden_label(), known);
    if (row_root(rows->relation()) != row_root(df.plan())) {
      ExprPtr lacking = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(g.plan(), g.value_columns()[n].id));
      if (ctx->count(std::make_shared<plan::FilterNode>(g.plan(), lacking)) > 0) {
        throw UnalignableError(
            "Unalignable boolean Series provided as indexer (index of the boolean Series and of the indexed object do "
            "not match); build the mask from the object you set");
      }
    }
  }
  if (value.series) g = g.assign(hidden_label(), *value.series);
  const auto& cols = g.value_columns();
  ExprPtr cond = rows ? column_of(g.plan(), cols[n].id) : nullptr;
  ExprPtr given = value.series ? column_of(g.plan(), cols.back().id) : nullptr;

  std::vector<ExprPtr> exprs;
  for (const auto& level : g.index()) exprs.push_back(column_of(g.plan(), level.id));
  std::set<Label> wanted(labels.begin(), labels.end()), present;
  for (size_t i = 0; i < n; ++i) {
    const Column& c = cols[i];
    ExprPtr e = column_of(g.plan(), c.id);
    if (wanted.count(c.label)) {
      present.insert(c.label);
      if (value.scalar) {
        if (!plan::value_fits(e->dtype(), *value.scalar)) {
          throw DTypeError("Invalid value '" + value.scalar->to_string() + "' for dtype '" +
                           std::string(dtype_name(e->dtype())) + "' (setting column " + c.label.repr() + ")");
        }
        ExprPtr where = cond ? cond : plan::make_literal(true, DType::Boolean);
        e = std::make_shared<plan::FunctionExpr>("mask", std::vector<ExprPtr>{e, where}, std::vector<Value>{*value.scalar});
      } else {
        ExprPtr v = settable(given, e->dtype(), c.label);
        ExprPtr when = cond;
        if (value.where_given) {
          when = rewrite::and_conditions(when, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, given));
        }
        if (value.only_missing) {
          when = rewrite::and_conditions(when, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, e));
        }
        e = when ? std::make_shared<plan::ConditionalExpr>(when, v, e) : v;
      }
    }
    exprs.push_back(e);
  }
  std::vector<Label> added;
  for (const auto& label : labels) {
    if (present.count(label) || std::find(added.begin(), added.end(), label) != added.end()) continue;
    added.push_back(label);
    ExprPtr v = given;
    if (value.scalar) {
      Value x = *value.scalar;
      // pandas makes the new column NaN first: integers set on some rows give float64.
      if (cond && x.holds<int64_t>()) x = static_cast<double>(x.get<int64_t>());
      v = plan::make_literal(x, x.dtype());
    }
    exprs.push_back(cond ? std::make_shared<plan::ConditionalExpr>(cond, v) : v);
  }
  std::vector<Label> out;
  for (size_t i = 0; i < n; ++i) out.push_back(cols[i].label);
  for (const auto& label : added) out.push_back(padded(label, df.value_columns()));
  return api_detail::frame_of(ctx, g.plan(), df.index(), exprs, out, df.default_index(), df.column_levels());
}

}  // namespace

ExprPtr api_detail::settable(const ExprPtr& value, DType to, const Label& label) {
  DType from = value->dtype();
  if (from == to) return value;
  if ((to == DType::Float64 && (from == DType::Int64 || from == DType::Boolean)) ||
      (to == DType::Int64 && from == DType::Boolean) ||
      (to.kind() == DType::TimestampTz && from.kind() == DType::TimestampTz)) {
    return std::make_shared<plan::CastExpr>(value, to, label.to_string());
  }
  if (to == DType::Int64 && from == DType::Float64) {
    return std::make_shared<plan::FunctionExpr>(
        "exact_int", std::vector<ExprPtr>{value},
        std::vector<Value>{"cannot safely cast non-equivalent Float64 values to Int64 setting column " + label.repr() +
                           "; round them, or cast the column to Float64 first"});
  }
  throw DTypeError("Invalid value for dtype '" + std::string(dtype_name(to)) + "': column " + label.repr() +
                   " cannot hold values of dtype '" + std::string(dtype_name(from)) + "'; cast one side with astype()");
}


DataFrame DataFrame::set_cells(const std::optional<Series>& rows, const std::vector<Label>& columns,
                               const Value& value) const {
  return set_cells_impl(*this, rows, columns, {&value, nullptr});
}

DataFrame DataFrame::set_cells(const std::optional<Series>& rows, const std::vector<Label>& columns,
                               const Series& value, bool by_position) const {
  api_detail::check_same_session(ctx_, value.context());
  return set_cells_impl(*this, rows, columns, {nullptr, &value, false, false, by_position});
}

Series DataFrame::position_mask(const std::vector<int64_t>& positions) const {
  api_detail::require_order(plan_, "iloc");
  int64_t n = positions.empty() ? 0 : ctx_->count(plan_);
  std::vector<Value> resolved;
  for (int64_t position : positions) {
    int64_t p = position < 0 ? position + n : position;
    if (p < 0 || p >= n) throw IndexOutOfBoundsError("positional indexers are out-of-bounds");
    resolved.emplace_back(Value(p));
  }
  auto [rel, pos] = api_detail::with_positions(plan_);
  return Series(ctx_, rel, index_, default_index_, column_of(rel, pos), std::nullopt).isin(resolved);
}

Series DataFrame::slice_mask(std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step) const {
  api_detail::require_order(plan_, "iloc");
  if (step == 0) throw InvalidArgumentError("slice step cannot be zero");
  step = std::max(step, -std::numeric_limits<int64_t>::max());
  auto [rel, pos, cond] = slice_positions(start, stop, step);
  return Series(ctx_, rel, index_, default_index_, cond, std::nullopt);
}

Series DataFrame::label_mask(const std::vector<Value>& labels) const {
  (void)loc(labels);  // throws for absent labels (and a NULL or multi-level index)
  return Series(ctx_, plan_, index_, default_index_, column_of(plan_, index_[0].id), std::nullopt).isin(labels);
}

DataFrame DataFrame::update(const DataFrame& other, bool overwrite) const {
  api_detail::check_same_session(ctx_, other.ctx_);
  DataFrame out = *this;
  std::set<Label> done;
  for (const auto& c : columns_) {
    if (done.count(c.label)) continue;
    done.insert(c.label);
    auto it = std::find_if(other.columns_.begin(), other.columns_.end(), [&](const Column& o) { return o.label == c.label; });
    if (it == other.columns_.end()) continue;
    if (std::count_if(other.columns_.begin(), other.columns_.end(), [&](const Column& o) { return o.label == c.label; }) > 1) {
      throw InvalidArgumentError("update: the other frame repeats the column label " + c.label.repr());
    }
    Series given = other[c.label];
    out = set_cells_impl(out, std::nullopt, {c.label}, {nullptr, &given, true, !overwrite});
  }
  return out;
}

Series Series::update(const Series& other) const {
  DataFrame f = to_frame();
  Series given = other;
  DataFrame out = set_cells_impl(f, std::nullopt, {f.value_columns()[0].label}, {nullptr, &given, true, false});
  return Series(ctx_, out.plan(), out.index(), default_index_, column_of(out.plan(), out.value_columns()[0].id), name_);
}

Series Series::set_cells(const std::optional<Series>& rows, const Value& value) const {
  DataFrame f = to_frame();
  DataFrame out = f.set_cells(rows, {f.value_columns()[0].label}, value);
  return Series(ctx_, out.plan(), out.index(), default_index_, column_of(out.plan(), out.value_columns()[0].id), name_);
}

Series Series::set_cells(const std::optional<Series>& rows, const Series& value, bool by_position) const {
  DataFrame f = to_frame();
  DataFrame out = f.set_cells(rows, {f.value_columns()[0].label}, value, by_position);
  return Series(ctx_, out.plan(), out.index(), default_index_, column_of(out.plan(), out.value_columns()[0].id), name_);
}

}  // namespace cormorant
