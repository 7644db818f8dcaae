// DataFrame reductions (aggregate, quantiles, pairwise) and GroupBy::agg.
#include "cormorant/api/dataframe.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::column_of;
using api_detail::padded;
using api_detail::refuse_storage_column;
using api_detail::require_order;
using api_detail::unordered;
using api_detail::with_positions;

namespace {

/// The row label that idxmax/idxmin of `func` give over `plan` (the single index level of
/// `index`); null for any other aggregate. A NULL index or a MultiIndex is refused.
ExprPtr label_of_rows(AggFunc func, const NodePtr& plan, const std::vector<IndexLevel>& index) {
  if (func != AggFunc::IdxMax && func != AggFunc::IdxMin) return nullptr;
  const std::string name = func == AggFunc::IdxMax ? "idxmax" : "idxmin";
  if (index.empty()) {
    throw NullIndexError(name + " gives row labels, and this frame has a NULL index (partial ordering mode); set an "
                                "index with set_index() first");
  }
  if (index.size() > 1) throw NotImplementedError(name + " over a MultiIndex is not supported yet");
  return column_of(plan, index[0].id);
}

/// pandas' sum of nothing, 0 of the column's dtype, where the engine's sum (a decimal's, a
/// timedelta's) gives <NA>; min_count and skipna=False keep <NA> (the query applied them).
Value finish_aggregate(AggFunc func, const ReduceOptions& options, const Value& raw, int64_t non_missing, int64_t rows,
                       DType dtype) {
  bool nothing = non_missing == 0 && options.min_count == 0 && (options.skipna || rows == 0);
  if (func == AggFunc::Sum && raw.is_na() && nothing) {  // (with values: a NaN sum, <NA>)
    if (dtype == DType::Timedelta) return Moment::timedelta(0);
    if (dtype == DType::Decimal) return Moment{DType::Decimal, "0.000000000"};
    return dtype == DType::Float64 ? Value(0.0) : Value(int64_t{0});
  }
  return raw;
}

}  // namespace

std::vector<std::pair<Label, Value>> DataFrame::aggregate(AggFunc func, const ReduceOptions& options,
                                                           bool numeric_only) const {
  std::vector<plan::Aggregation> aggs;
  std::vector<const Column*> used;
  std::string rows_id = plan::new_column_id();
  aggs.push_back({rows_id, AggFunc::CountAll, nullptr});
  ExprPtr label = label_of_rows(func, plan_, index_);  // (idxmax, idxmin)
  for (const auto& c : columns_) {
    ExprPtr arg = column_of(plan_, c.id);
    // pandas counts decimals and the narrow integers as numeric: leaving the column out would
    // give another result.
    if (numeric_only && !is_numeric(arg->dtype()) && arg->dtype() != DType::Decimal && arg->dtype() != DType::Integer) continue;
    bool moves_values = func == AggFunc::Count || func == AggFunc::CountAll || func == AggFunc::First ||
                        func == AggFunc::Last;
    bool by_bytes = arg->dtype() == DType::Binary &&
                    (func == AggFunc::Min || func == AggFunc::Max || func == AggFunc::NUnique);
    if (is_storage_only(arg->dtype()) && !moves_values && !by_bytes && arg->dtype() != DType::Integer) {
      refuse_storage_only("the reduction over", c.label.to_string(), arg->dtype());
    }
    plan::aggregate_type(func, arg->dtype());  // throws for a dtype the reduction does not take
    used.push_back(&c);
    aggs.push_back({plan::new_column_id(), func, arg, label, 0.5, c.label.to_string(), options});
    aggs.push_back({plan::new_column_id(), AggFunc::Count, arg});
  }
  NodePtr agg = std::make_shared<plan::AggregateNode>(plan_, aggs);
  compile::Output out;
  for (const auto& a : aggs) {
    out.ids.push_back(a.id);
    out.aliases.push_back("a" + std::to_string(out.ids.size()));
  }
  Table t = ctx_->execute(agg, out);
  int64_t rows = t.at(0, 0).get<int64_t>();
  std::vector<std::pair<Label, Value>> result;
  for (size_t i = 0; i < used.size(); ++i) {
    DType dtype = agg->schema()[1 + 2 * i].dtype;
    int64_t non_missing = t.at(0, static_cast<int64_t>(2 + 2 * i)).get<int64_t>();
    if (label && !options.skipna && non_missing < rows) {
      // pandas raises where no row can be named (no rows, or all missing: the query raised)
      throw InvalidArgumentError(std::string(func == AggFunc::IdxMax ? "idxmax" : "idxmin") + " of column '" +
                                 used[i]->label.to_string() + "': a value is missing and skipna=False");
    }
    result.emplace_back(used[i]->label,
                        finish_aggregate(func, options, t.at(0, static_cast<int64_t>(1 + 2 * i)), non_missing, rows, dtype));
  }
  return result;
}

std::vector<std::pair<Label, Value>> DataFrame::quantile(double q) const {
  std::vector<std::pair<Label, Value>> result;
  for (auto& c : quantiles({q})) result.emplace_back(c.label, c.values[0]);
  return result;
}

std::vector<DataFrame::Quantiles> DataFrame::quantiles(const std::vector<double>& qs) const {
  for (double q : qs) {
    if (q < 0 || q > 1) throw InvalidArgumentError("percentiles should all be in the interval [0, 1]");
  }
  std::vector<plan::Aggregation> aggs;
  std::vector<Quantiles> result;
  compile::Output out;
  auto add = [&](plan::Aggregation a) {
    out.ids.push_back(a.id);
    out.aliases.push_back("q" + std::to_string(out.ids.size()));
    aggs.push_back(std::move(a));
  };
  add({plan::new_column_id(), AggFunc::CountAll, nullptr});
  for (const auto& c : columns_) {
    ExprPtr arg = column_of(plan_, c.id);
    // (Int8..UInt64 in doubles, as pandas; datetimes and timedeltas give datetimes and timedeltas)
    bool kept = is_numeric(arg->dtype()) || arg->dtype() == DType::Integer || holds_nat(arg->dtype());
    if (!kept || arg->dtype() == DType::Time) continue;
    result.push_back({c.label, {}, false});
    add({plan::new_column_id(), AggFunc::Count, arg});
    for (double q : qs) {
      plan::Aggregation a{plan::new_column_id(), AggFunc::Quantile, arg};
      a.q = q;
      add(a);
    }
  }
  if (result.empty()) return result;
  Table t = ctx_->execute(std::make_shared<plan::AggregateNode>(plan_, aggs), out);
  int64_t rows = t.at(0, 0).get<int64_t>();
  int64_t at = 1;
  for (auto& c : result) {
    c.has_missing = t.at(0, at++).get<int64_t>() < rows;
    for (size_t i = 0; i < qs.size(); ++i) c.values.push_back(t.at(0, at++));
  }
  return result;
}

std::vector<Value> DataFrame::pairwise(AggFunc func, const std::vector<Label>& labels) const {
  if (func != AggFunc::Corr && func != AggFunc::Cov) throw InternalError("internal error: pairwise takes corr or cov");
  std::vector<plan::Aggregation> aggs;
  compile::Output out;
  for (const auto& a : labels) {
    for (const auto& b : labels) {
      plan::Aggregation agg{plan::new_column_id(), func, column_of(plan_, column(a).id)};
      agg.arg2 = column_of(plan_, column(b).id);
      aggs.push_back(agg);
      out.ids.push_back(agg.id);
      out.aliases.push_back("p" + std::to_string(out.ids.size()));
    }
  }
  std::vector<Value> result;
  if (aggs.empty()) return result;
  Table t = ctx_->execute(std::make_shared<plan::AggregateNode>(plan_, aggs), out);
  for (int64_t i = 0; i < t.num_columns(); ++i) result.push_back(t.at(0, i));
  return result;
}

GroupBy DataFrame::groupby(const std::vector<Label>& keys, bool as_index, bool dropna, bool sort) const {
  if (keys.empty()) throw InvalidArgumentError("No group keys passed!");
  for (const auto& k : keys) {  // (Int8..UInt64 group as numbers)
    DType key = plan_->dtype_of(column(k).id);
    if (key != DType::Integer && key != DType::Binary) refuse_storage_column(*plan_, "groupby by", k, column(k).id);
  }
  return GroupBy(*this, keys, as_index, dropna, sort);
}

// ---- GroupBy -------------------------------------------------------------------------

GroupBy::GroupBy(DataFrame frame, std::vector<Label> keys, bool as_index, bool dropna, bool sort)
    : frame_(std::move(frame)), keys_(std::move(keys)), as_index_(as_index), dropna_(dropna), sort_(sort) {}

DataFrame GroupBy::agg(const std::vector<AggSpec>& specs) const {
  const auto& ctx = frame_.context();
  auto id_of = [&](const Label& label) {
    for (const auto& c : frame_.value_columns()) {
      if (c.label == label) return c.id;
    }
    throw ColumnNotFoundError("Column not found: " + label.repr());
  };
  std::vector<std::string> key_ids;
  for (const auto& k : keys_) key_ids.push_back(id_of(k));
  // Unsorted groups come in order of first appearance: the least position of their rows (a
  // single ascending ordering key, a row id or position even after filters, serves as one).
  NodePtr rel = frame_.plan();
  std::string pos;
  bool partial = unordered(rel);  // ordering_mode="partial": groups in no order, a NULL index
  if (!sort_ && !partial) {
    const auto& keys = frame_.plan()->ordering().keys;
    std::tie(rel, pos) = keys.size() == 1 && keys[0].ascending ? std::pair{frame_.plan(), keys[0].column}
                                                               : with_positions(frame_.plan());
  }
  if (dropna_) {
    std::vector<ExprPtr> present;
    for (const auto& id : key_ids) present.push_back(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column_of(rel, id)));
    rel = std::make_shared<plan::FilterNode>(rel, plan::make_balanced(BinaryOp::And, std::move(present)));
  }
  std::vector<plan::Aggregation> aggs;
  std::vector<Column> outputs;
  for (const auto& spec : specs) {
    if (spec.func == AggFunc::First || spec.func == AggFunc::Last) {
      require_order(rel, std::string("groupby ") + (spec.func == AggFunc::First ? "first()" : "last()"));
    }
    auto refuse_key = [&](const Label& column) {
      if (std::find(keys_.begin(), keys_.end(), column) != keys_.end()) {
        throw NotImplementedError("aggregating a group key (" + column.repr() + ") is not supported; aggregate another column");
      }
    };
    if (spec.func != AggFunc::CountAll) refuse_key(spec.column);
    ExprPtr arg = spec.func == AggFunc::CountAll ? nullptr : column_of(rel, id_of(spec.column));
    ExprPtr arg2 = label_of_rows(spec.func, rel, frame_.index());  // (idxmax, idxmin)
    if (spec.func == AggFunc::Corr || spec.func == AggFunc::Cov) {
      if (!spec.other) throw InvalidArgumentError("groupby corr/cov of " + spec.column.repr() + " needs a second column");
      refuse_key(*spec.other);
      arg2 = column_of(rel, id_of(*spec.other));
    }
    aggs.push_back({plan::new_column_id(), spec.func, arg, arg2, spec.q, spec.column.to_string(), spec.options});
    outputs.push_back({spec.label, aggs.back().id});
  }
  std::vector<plan::OrderingKey> order;
  if (sort_) {
    for (const auto& id : key_ids) order.push_back({id, true, true});  // keys are unique per group
  } else if (!partial) {
    std::string first_seen = plan::new_column_id();
    aggs.push_back({first_seen, AggFunc::Min, column_of(rel, pos)});
    order.push_back({first_seen, true, true});
  }
  NodePtr grouped = std::make_shared<plan::AggregateNode>(rel, aggs, key_ids);
  NodePtr ordered = order.empty() ? grouped : std::make_shared<plan::OrderByNode>(grouped, order);
  std::vector<IndexLevel> index;
  std::vector<Column> columns;
  if (as_index_) {
    for (size_t i = 0; i < keys_.size(); ++i) index.push_back({key_ids[i], keys_[i]});
    return DataFrame(ctx, ordered, index, outputs, false);
  }
  // Tuple labels (pandas' MultiIndex columns of lists of functions) label the keys ("key", "").
  for (size_t i = 0; i < keys_.size(); ++i) columns.push_back({padded(keys_[i], outputs), key_ids[i]});
  for (const auto& c : outputs) columns.push_back(c);
  if (unordered(ordered)) return DataFrame(ctx, ordered, {}, columns, false);  // a NULL index
  auto [numbered, number] = with_positions(ordered);
  return DataFrame(ctx, numbered, {{number, std::nullopt}}, columns, true);
}

DataFrame GroupBy::size() const { return agg({{"size", keys_[0], AggFunc::CountAll}}); }

}  // namespace cormorant
