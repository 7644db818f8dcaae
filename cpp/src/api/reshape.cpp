// pandas' reshaping operations: melt, pivot / pivot_table and get_dummies. Each compiles to
// SQL: melt is a UNION ALL with one branch per value column; pivot and get_dummies read the
// distinct values of a column first (a small eager query, as bigframes does) and then build one
// conditional aggregate, or one comparison, per value.
#include <algorithm>
#include <set>

#include "cormorant/api/dataframe.hpp"
#include "plan_helpers.hpp"
#include "cormorant/common/error.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;

using api_detail::column_of;
using api_detail::unordered;
using api_detail::with_positions;

namespace {

/// The id of the value column labelled `label`, or nullptr.
const Column* find_column(const DataFrame& frame, const Label& label) {
  for (const auto& c : frame.value_columns()) {
    if (c.label == label) return &c;
  }
  return nullptr;
}

/// The ids of columns; throws ColumnNotFoundError (KeyError) naming all absent labels.
std::vector<std::string> column_ids(const DataFrame& frame, const std::vector<Label>& labels, const std::string& what) {
  std::vector<std::string> ids;
  std::string missing;
  for (const auto& l : labels) {
    const Column* c = find_column(frame, l);
    if (c) {
      ids.push_back(c->id);
    } else {
      missing += (missing.empty() ? "" : ", ") + l.repr();
    }
  }
  if (!missing.empty()) throw ColumnNotFoundError("The following " + what + " are not present in the DataFrame: [" + missing + "]");
  return ids;
}

ExprPtr all_present(const NodePtr& rel, const std::vector<std::string>& ids) {
  std::vector<ExprPtr> present;
  for (const auto& id : ids) present.push_back(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column_of(rel, id)));
  return plan::make_balanced(BinaryOp::And, std::move(present));
}

ExprPtr int_literal(int64_t v) { return plan::make_literal(v, DType::Int64); }

/// A literal of `dtype` for `v` (an int for a Float64 column becomes a double).
ExprPtr typed_literal(const Value& v, DType dtype) {
  if (!v.is_na() && dtype == DType::Float64 && v.holds<int64_t>()) return plan::make_literal(static_cast<double>(v.get<int64_t>()), dtype);
  if (!v.is_na() && dtype == DType::Int64 && v.holds<double>()) {
    double d = v.get<double>();
    if (d != static_cast<double>(static_cast<int64_t>(d))) {
      throw DTypeError("fill_value " + v.to_string() + " does not fit a column of dtype 'Int64'; convert the values to Float64 first");
    }
    return plan::make_literal(static_cast<int64_t>(d), dtype);
  }
  if (!v.is_na() && v.dtype() != dtype) {
    throw DTypeError("value " + v.to_string() + " does not fit a column of dtype '" + std::string(dtype_name(dtype)) + "'");
  }
  return plan::make_literal(v, dtype);
}

}  // namespace

namespace api_detail {

std::vector<Distinct> distinct_values(const std::shared_ptr<session::Context>& ctx, const NodePtr& rel,
                                      const std::string& id, const std::vector<std::string>& counted) {
  std::vector<plan::Aggregation> aggs{{plan::new_column_id(), AggFunc::CountAll, nullptr}};
  for (const auto& c : counted) aggs.push_back({plan::new_column_id(), AggFunc::Count, column_of(rel, c)});
  NodePtr grouped = std::make_shared<plan::AggregateNode>(rel, aggs, std::vector<std::string>{id});
  NodePtr ordered = std::make_shared<plan::OrderByNode>(grouped, std::vector<plan::OrderingKey>{{id, true, true}});
  compile::Output out{{id}, {"k"}};
  for (size_t i = 0; i < aggs.size(); ++i) {
    out.ids.push_back(aggs[i].id);
    out.aliases.push_back("n" + std::to_string(i));
  }
  Table t = ctx->execute(ordered, out);
  std::vector<Distinct> result;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    Distinct d{t.at(r, 0), t.at(r, 1).get<int64_t>(), {}};
    for (size_t i = 0; i < counted.size(); ++i) d.counts.push_back(t.at(r, static_cast<int64_t>(2 + i)).get<int64_t>());
    result.push_back(std::move(d));
  }
  return result;
}


}  // namespace api_detail

using api_detail::Distinct;
using api_detail::distinct_values;

DataFrame melt(const DataFrame& frame, const std::vector<Label>& id_vars, const std::vector<Label>& value_vars,
               const Label& var_name, const Label& value_name) {
  std::vector<Label> all = id_vars;
  all.insert(all.end(), value_vars.begin(), value_vars.end());
  column_ids(frame, all, "id_vars or value_vars");
  std::vector<Label> values;  // pandas leaves out value_vars that are id_vars
  for (const auto& l : value_vars) {
    if (std::find(id_vars.begin(), id_vars.end(), l) == id_vars.end()) values.push_back(l);
  }
  if (value_vars.empty()) {
    for (const auto& c : frame.value_columns()) {
      if (std::find(id_vars.begin(), id_vars.end(), c.label) == id_vars.end()) values.push_back(c.label);
    }
  }
  if (values.empty()) throw InvalidArgumentError("melt needs at least one value column; every column is in id_vars");
  for (const auto& l : values) {
    if (!l.is_string()) {
      throw NotImplementedError("melt of a column labelled " + l.repr() +
                                " is not supported: the variable column holds strings; rename the value columns to strings");
    }
  }
  for (const auto& l : id_vars) {
    if (l == var_name || l == value_name) {
      throw InvalidArgumentError("value_name (" + value_name.to_string() + ") or var_name (" + var_name.to_string() +
                                 ") cannot match an element in the DataFrame columns.");
    }
  }
  const auto& ctx = frame.context();
  // The common dtype of the value columns: one dtype, or Int64 and Float64 widened to Float64.
  DType common = frame.plan()->dtype_of(find_column(frame, values[0])->id);
  for (const auto& l : values) {
    DType d = frame.plan()->dtype_of(find_column(frame, l)->id);
    if (d == common) continue;
    bool numeric = (d == DType::Int64 || d == DType::Float64) && (common == DType::Int64 || common == DType::Float64);
    if (!numeric) {
      throw DTypeError("melt needs value columns of one dtype (or Int64 and Float64), got '" + std::string(dtype_name(common)) +
                       "' and '" + std::string(dtype_name(d)) + "' (column " + l.repr() +
                       "); select value_vars of one dtype or convert them with astype()");
    }
    common = DType::Float64;
  }
  // ordering_mode="partial": the rows have no positions to carry (the result has no order and a
  // NULL index, as concat's).
  bool partial = unordered(frame.plan());
  auto [rel, pos] = partial ? std::pair{frame.plan(), std::string()} : with_positions(frame.plan());
  std::vector<NodePtr> inputs;
  std::vector<std::vector<ExprPtr>> branches;
  for (size_t i = 0; i < values.size(); ++i) {
    std::vector<ExprPtr> branch;
    for (const auto& l : id_vars) branch.push_back(column_of(rel, find_column(frame, l)->id));
    branch.push_back(plan::make_literal(values[i].str(), DType::String));
    ExprPtr v = column_of(rel, find_column(frame, values[i])->id);
    if (v->dtype() != common) v = std::make_shared<plan::CastExpr>(v, common);
    branch.push_back(v);
    branch.push_back(int_literal(static_cast<int64_t>(i)));
    branch.push_back(partial ? int_literal(int64_t{0}) : column_of(rel, pos));
    inputs.push_back(rel);
    branches.push_back(std::move(branch));
  }
  std::vector<std::string> ids;
  for (size_t j = 0; j < branches[0].size(); ++j) ids.push_back(plan::new_column_id());
  NodePtr unioned = std::make_shared<plan::UnionNode>(inputs, ids, branches, ids[ids.size() - 2], ids.back());
  std::vector<Column> columns;
  for (size_t j = 0; j < id_vars.size(); ++j) columns.push_back({id_vars[j], ids[j]});
  columns.push_back({var_name, ids[id_vars.size()]});
  columns.push_back({value_name, ids[id_vars.size() + 1]});
  if (partial) return DataFrame(ctx, std::make_shared<plan::SelectNode>(unioned, ids, false), {}, columns, false);
  auto [numbered, number] = with_positions(unioned);
  return DataFrame(ctx, numbered, {{number, std::nullopt}}, columns, true);
}

DataFrame pivot_table(const DataFrame& frame, const PivotOptions& o) {
  const auto& ctx = frame.context();
  bool aggregate = o.aggregate;
  AggFunc func = aggregate ? o.func : AggFunc::Max;
  if (func != AggFunc::Sum && func != AggFunc::Mean && func != AggFunc::Min && func != AggFunc::Max && func != AggFunc::Count) {
    throw NotImplementedError("pivot_table supports aggfunc sum, mean, min, max and count");
  }
  if (aggregate && o.index.empty()) {
    throw NotImplementedError("pivot_table without index is not supported; pass index=");
  }
  // Keys, the columns column and the value columns.
  std::vector<std::string> key_ids;
  std::vector<IndexLevel> index;
  if (o.index.empty()) {
    for (const auto& level : frame.index()) {
      key_ids.push_back(level.id);
      index.push_back(level);
    }
  } else {
    key_ids = column_ids(frame, o.index, "index columns");
    for (size_t i = 0; i < o.index.size(); ++i) index.push_back({key_ids[i], o.index[i]});
  }
  std::string col_id = column_ids(frame, {o.columns}, "columns")[0];
  std::vector<Label> values = o.values;
  bool value_level = o.value_level || values.size() > 1 || values.empty();
  if (values.empty()) {
    for (const auto& c : frame.value_columns()) {
      if (c.label != o.columns && std::find(o.index.begin(), o.index.end(), c.label) == o.index.end()) values.push_back(c.label);
    }
  }
  if (values.empty()) throw InvalidArgumentError("no value columns to pivot; pass values=");
  if (aggregate && values.size() > 1) std::sort(values.begin(), values.end());  // pandas sorts the column levels
  std::vector<std::string> value_ids = column_ids(frame, values, "values");
  for (const auto& id : value_ids) plan::aggregate_type(func, frame.plan()->dtype_of(id));  // DTypeError early

  NodePtr rel = frame.plan();
  if (aggregate) {  // groupby(dropna=True): rows with a missing key take no part
    std::vector<std::string> keys = key_ids;
    keys.push_back(col_id);
    rel = std::make_shared<plan::FilterNode>(rel, all_present(rel, keys));
  } else {
    // pivot: each (index, columns) pair at most once.
    std::vector<std::string> keys = key_ids;
    keys.push_back(col_id);
    std::string n = plan::new_column_id();
    NodePtr counted = std::make_shared<plan::AggregateNode>(rel, std::vector<plan::Aggregation>{{n, AggFunc::CountAll, nullptr}}, keys);
    NodePtr repeated = std::make_shared<plan::FilterNode>(counted, plan::make_binary(BinaryOp::Gt, column_of(counted, n), int_literal(1)));
    if (ctx->count(repeated) > 0) throw InvalidArgumentError("Index contains duplicate entries, cannot reshape");
  }
  std::vector<Distinct> distinct = distinct_values(ctx, rel, col_id, value_ids);
  if (!aggregate && !distinct.empty() && distinct.back().value.is_na()) {
    throw NotImplementedError("pivot with missing values in the columns column (" + o.columns.repr() +
                              ") is not supported (pandas labels them NaN); drop them with dropna(subset=[...]) first");
  }
  // pandas drops result columns that are all missing (dropna=True), unless fill_value filled them.
  bool can_be_missing = func == AggFunc::Mean || func == AggFunc::Min || func == AggFunc::Max;
  // A (value, column value) column stays when some group has a value for it; with fill_value,
  // when some group has a value of any value column (pandas drops all-missing groups before
  // unstacking, and all-missing columns after filling).
  bool drop_empty = aggregate && can_be_missing;
  bool filled = o.fill_value && !o.fill_value->is_na();

  std::vector<plan::Aggregation> aggs;
  struct Cell {
    Label label;
    std::string agg_id, exists_id;
  };
  std::vector<Cell> cells;
  std::vector<std::string> exists(distinct.size());
  for (size_t d = 0; d < distinct.size(); ++d) {
    exists[d] = plan::new_column_id();
    ExprPtr is_d = plan::make_binary(BinaryOp::Eq, column_of(rel, col_id), typed_literal(distinct[d].value, rel->dtype_of(col_id)));
    aggs.push_back({exists[d], AggFunc::Count, std::make_shared<plan::ConditionalExpr>(is_d, plan::make_literal(true, DType::Boolean))});
  }
  for (size_t v = 0; v < values.size(); ++v) {
    for (size_t d = 0; d < distinct.size(); ++d) {
      const auto& counts = distinct[d].counts;
      bool any = std::any_of(counts.begin(), counts.end(), [](int64_t n) { return n > 0; });
      if (drop_empty && counts[v] == 0 && !(filled && any)) continue;
      ExprPtr is_d = plan::make_binary(BinaryOp::Eq, column_of(rel, col_id), typed_literal(distinct[d].value, rel->dtype_of(col_id)));
      std::string id = plan::new_column_id();
      aggs.push_back({id, func, std::make_shared<plan::ConditionalExpr>(is_d, column_of(rel, value_ids[v]))});
      // pandas' labels: the value (of its own type), under the value column's label as the
      // first level of MultiIndex columns.
      Label value = label_of(distinct[d].value);
      cells.push_back({value_level ? Label::tuple({values[v], value}) : value, id, exists[d]});
    }
  }
  // pandas drops rows whose cells are all missing.
  std::vector<std::string> row_counts;
  if (aggregate && can_be_missing) {
    for (const auto& id : value_ids) {
      row_counts.push_back(plan::new_column_id());
      aggs.push_back({row_counts.back(), AggFunc::Count, column_of(rel, id)});
    }
  }
  NodePtr grouped = std::make_shared<plan::AggregateNode>(rel, aggs, key_ids);
  if (!row_counts.empty()) {
    std::vector<ExprPtr> some;
    for (const auto& id : row_counts) some.push_back(plan::make_binary(BinaryOp::Gt, column_of(grouped, id), int_literal(0)));
    grouped = std::make_shared<plan::FilterNode>(grouped, plan::make_balanced(BinaryOp::Or, std::move(some)));
  }
  std::vector<plan::NamedExpr> projected;
  std::vector<Column> columns;
  for (const auto& c : cells) {
    ExprPtr e = column_of(grouped, c.agg_id);
    ExprPtr present = plan::make_binary(BinaryOp::Gt, column_of(grouped, c.exists_id), int_literal(0));
    if (func == AggFunc::Sum) {
      // The sum of a group of missing values is 0; a group that does not exist is missing.
      e = std::make_shared<plan::ConditionalExpr>(present, std::make_shared<plan::CoalesceExpr>(e, typed_literal(int64_t{0}, e->dtype())));
    } else if (func == AggFunc::Count) {
      e = std::make_shared<plan::ConditionalExpr>(present, e);
    }
    if (o.fill_value && !o.fill_value->is_na()) e = std::make_shared<plan::CoalesceExpr>(e, typed_literal(*o.fill_value, e->dtype()));
    projected.push_back({plan::new_column_id(), e});
    columns.push_back({c.label, projected.back().id});
  }
  NodePtr out = projected.empty() ? grouped : NodePtr(std::make_shared<plan::ProjectNode>(grouped, projected));
  std::vector<plan::OrderingKey> order;
  // pivot (unstack) sorts missing labels first; pivot_table has none.
  for (const auto& id : key_ids) order.push_back({id, true, aggregate});
  out = std::make_shared<plan::OrderByNode>(out, order);
  // The columns axis: named after `columns`, its labels of that column's dtype (as pandas
  // keeps them), under a level of value column labels.
  std::vector<ColumnLevel> axis{{o.columns, rel->dtype_of(col_id)}};
  if (value_level) axis.insert(axis.begin(), ColumnLevel{});
  return DataFrame(ctx, out, index, columns, false, axis);
}

DataFrame get_dummies(const DataFrame& frame, const std::vector<Label>& columns,
                      const std::vector<std::optional<std::string>>& prefixes, const std::string& prefix_sep, DType dtype,
                      bool drop_first) {
  if (prefixes.size() != columns.size()) {
    throw InvalidArgumentError("Length of 'prefix' (" + std::to_string(prefixes.size()) +
                               ") did not match the length of the columns being encoded (" + std::to_string(columns.size()) + ").");
  }
  if (dtype != DType::Boolean && dtype != DType::Int64 && dtype != DType::Float64) {
    throw DTypeError("get_dummies makes boolean, Int64 or Float64 columns, not '" + std::string(dtype_name(dtype)) + "'");
  }
  const auto& ctx = frame.context();
  std::vector<std::string> ids = column_ids(frame, columns, "columns");
  const NodePtr& rel = frame.plan();
  std::vector<Column> out;
  for (const auto& c : frame.value_columns()) {
    if (std::find(columns.begin(), columns.end(), c.label) == columns.end()) out.push_back(c);
  }
  std::vector<plan::NamedExpr> exprs;
  for (size_t i = 0; i < columns.size(); ++i) {
    NodePtr present = std::make_shared<plan::FilterNode>(rel, all_present(rel, {ids[i]}));
    auto distinct = distinct_values(ctx, present, ids[i]);
    for (size_t d = drop_first ? 1 : 0; d < distinct.size(); ++d) {
      ExprPtr col = column_of(rel, ids[i]);
      ExprPtr e = std::make_shared<plan::CoalesceExpr>(plan::make_binary(BinaryOp::Eq, col, typed_literal(distinct[d].value, col->dtype())),
                                                       plan::make_literal(false, DType::Boolean));
      if (dtype != DType::Boolean) e = std::make_shared<plan::CastExpr>(e, dtype);
      exprs.push_back({plan::new_column_id(), e});
      const Value& value = distinct[d].value;
      out.push_back({prefixes[i] ? Label(*prefixes[i] + prefix_sep + value.to_string()) : label_of(value), exprs.back().id});
    }
  }
  NodePtr projected = exprs.empty() ? rel : NodePtr(std::make_shared<plan::ProjectNode>(rel, exprs));
  // Labels that are all values of one column keep its dtype (pandas' dummies of a Series).
  std::vector<ColumnLevel> levels;
  if (columns.size() == 1 && !prefixes[0] && out.size() == exprs.size()) levels.push_back({std::nullopt, rel->dtype_of(ids[0])});
  return DataFrame(ctx, projected, frame.index(), out, frame.default_index(), levels);
}

}  // namespace cormorant
