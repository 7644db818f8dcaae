#include "cormorant/api/dataframe.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/plan/window.hpp"
#include "cormorant/rewrite/align.hpp"
#include "cormorant/rewrite/order.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::LeftAligned;
using api_detail::align_left;
using api_detail::astype_expr;
using api_detail::check_no_nul;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::isolate;
using api_detail::label_levels;
using api_detail::materialize;
using api_detail::padded;
using api_detail::refuse_storage_column;
using api_detail::relabel;
using api_detail::require_order;
using api_detail::reversed;
using api_detail::unordered;
using api_detail::with_ordering;
using api_detail::with_positions;

namespace api_detail {

ExprPtr column_of(const NodePtr& relation, const std::string& id) { return plan::make_column(id, relation->dtype_of(id)); }

void require_order(const NodePtr& relation, const std::string& what) {
  if (relation->ordering().empty()) {
    throw OrderRequiredError(what + " needs a row order, and this object has none (ordering_mode=\"partial\"); "
                             "sort it first with sort_values(), or use peek(n) for arbitrary rows");
  }
}

std::pair<NodePtr, std::string> with_positions(const NodePtr& relation) {
  require_order(relation, "numbering rows (positions, a default index)");
  NodePtr n = relation;
  while (n->kind() == plan::NodeKind::Project || n->kind() == plan::NodeKind::Select) n = n->inputs()[0];
  const std::string* position = nullptr;
  if (n->kind() == plan::NodeKind::TableScan) position = &static_cast<const plan::TableScanNode&>(*n).rowid_column();
  if (n->kind() == plan::NodeKind::ReadParquet) position = &static_cast<const plan::ReadParquetNode&>(*n).position_column();
  if (position && relation->has_column(*position) && relation->ordering().physical) return {relation, *position};
  std::string id = plan::new_column_id();
  return {std::make_shared<plan::RowNumberNode>(relation, id), id};
}

size_t label_levels(const std::vector<Column>& columns) {
  if (columns.empty() || !columns[0].label.is_tuple()) return 1;
  size_t n = columns[0].label.items().size();
  for (const auto& c : columns) {
    if (!c.label.is_tuple() || c.label.items().size() != n) return 1;
  }
  return n < 2 ? 1 : n;
}

Label padded(const Label& label, const std::vector<Column>& columns) {
  size_t levels = label_levels(columns);
  if (levels == 1 || label.is_tuple()) return label;
  std::vector<Label> items{label};
  items.resize(levels, Label(""));
  return Label::tuple(std::move(items));
}

void check_no_nul(const Label& label, const std::string& where) {
  if (label.has_nul()) {
    throw InvalidArgumentError("column label " + label.repr() + " holds a NUL character, which " + where +
                               " cannot store (names there end at the first NUL); rename the column first");
  }
}

ExprPtr astype_expr(NodePtr& relation, const ExprPtr& e, DType to, const std::string& label) {
  DType from = e->dtype();
  if (to != DType::String || (from != DType::Timestamp && from != DType::TimestampTz)) {
    return std::make_shared<plan::CastExpr>(e, to, label);
  }
  plan::WindowCall need;
  need.id = plan::new_column_id();
  need.func = plan::WindowFunc::Transform;
  need.arg = std::make_shared<plan::FunctionExpr>("dt_text_precision", std::vector<ExprPtr>{e});
  need.agg = AggFunc::Max;
  relation = std::make_shared<plan::WindowNode>(relation, std::vector<plan::WindowCall>{need});
  return std::make_shared<plan::FunctionExpr>("dt_to_text", std::vector<ExprPtr>{e, column_of(relation, need.id)});
}

void check_same_session(const std::shared_ptr<session::Context>& a, const std::shared_ptr<session::Context>& b) {
  if (a != b) {
    throw NotImplementedError("objects of two sessions (" + a->id() + ", " + b->id() +
                              ") cannot be combined; bring one into the other's session, e.g. with "
                              "read_pandas(obj.to_pandas())");
  }
}

std::pair<NodePtr, std::vector<std::string>> isolate(const NodePtr& relation, const std::vector<ExprPtr>& exprs) {
  std::vector<plan::NamedExpr> copies;
  std::vector<std::string> ids;
  for (const auto& e : exprs) {
    ids.push_back(plan::new_column_id());
    copies.push_back({ids.back(), e});
  }
  NodePtr projected = std::make_shared<plan::ProjectNode>(relation, std::move(copies));
  // The ordering goes along, renamed.
  std::vector<plan::OrderingKey> keys;
  for (auto k : relation->ordering().keys) {
    auto it = std::find_if(exprs.begin(), exprs.end(), [&](const ExprPtr& e) {
      return e->kind() == plan::ExprKind::Column && static_cast<const plan::ColumnExpr&>(*e).id() == k.column;
    });
    if (it == exprs.end()) continue;
    k.column = ids[it - exprs.begin()];
    keys.push_back(k);
  }
  NodePtr selected = std::make_shared<plan::SelectNode>(
      keys.size() == relation->ordering().keys.size() && !keys.empty()
          ? NodePtr(std::make_shared<plan::OrderByNode>(projected, keys))
          : projected,
      ids);
  return {selected, ids};
}

std::vector<plan::OrderingKey> reversed(std::vector<plan::OrderingKey> keys) {
  for (auto& k : keys) {
    k.ascending = !k.ascending;
    k.nulls_last = !k.nulls_last;
  }
  return keys;
}

std::vector<IndexLevel> relabel(const std::vector<IndexLevel>& like, const std::vector<std::string>& ids) {
  std::vector<IndexLevel> out;
  for (size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], like[i].name});
  return out;
}

std::vector<ExprPtr> with_ordering(std::vector<ExprPtr> exprs, const NodePtr& relation) {
  for (const auto& k : relation->ordering().keys) exprs.push_back(column_of(relation, k.column));
  return exprs;
}

void refuse_storage_column(const plan::Node& plan, const std::string& operation, const Label& label,
                           const std::string& id) {
  DType d = plan.dtype_of(id);
  if (is_storage_only(d)) refuse_storage_only(operation, label.to_string(), d);
}

}  // namespace api_detail

// ---- DataFrame -----------------------------------------------------------------------

DataFrame::DataFrame(std::shared_ptr<session::Context> ctx, NodePtr plan, std::vector<IndexLevel> index,
                     std::vector<Column> columns, bool default_index, std::vector<ColumnLevel> column_levels)
    : ctx_(std::move(ctx)),
      plan_(std::move(plan)),
      index_(std::move(index)),
      columns_(std::move(columns)),
      default_index_(default_index),
      column_levels_(std::move(column_levels)) {
  std::set<Label> seen;
  for (const auto& c : columns_) {
    if (!seen.insert(c.label).second) {
      throw InvalidArgumentError("duplicate column label " + c.label.repr() +
                                 ": cormorant needs unique column labels; rename one of them");
    }
  }
  // One level per item of the labels: levels an operation did not name (a width it made) are
  // unnamed; levels of labels that are no longer that wide (rename to plain labels) go, and
  // the axis is unnamed, as pandas leaves it. An empty axis keeps its levels, as pandas'.
  size_t width = label_levels(columns_);
  if (!columns_.empty() && !column_levels_.empty() && column_levels_.size() != width) {
    if (column_levels_.size() < width) {
      column_levels_.resize(width);
    } else {
      column_levels_.clear();
    }
  }
}

DataFrame DataFrame::with_column_levels(std::vector<ColumnLevel> levels) const {
  size_t width = columns_.empty() ? levels.size() : label_levels(columns_);
  if (!levels.empty() && levels.size() != width) {
    throw InvalidArgumentError("Length of names must match number of levels in MultiIndex: " +
                               std::to_string(levels.size()) + " names for " + std::to_string(width) + " levels");
  }
  return DataFrame(ctx_, plan_, index_, columns_, default_index_, std::move(levels));
}

DataFrame DataFrame::with(NodePtr plan) const {
  return DataFrame(ctx_, std::move(plan), index_, columns_, default_index_, column_levels_);
}

const Column& DataFrame::column(const Label& label) const {
  for (const auto& c : columns_) {
    if (c.label == label) return c;
  }
  std::string known;
  for (const auto& c : columns_) known += (known.empty() ? "" : ", ") + c.label.repr();
  throw ColumnNotFoundError("column " + label.repr() + " not found; the columns are: " + (known.empty() ? "(none)" : known));
}

Series DataFrame::operator[](const Label& label) const {
  const Column& c = column(label);
  return Series(ctx_, plan_, index_, default_index_, column_of(plan_, c.id), label);
}

Series DataFrame::operator[](const char* label) const { return (*this)[Label(label)]; }

bool DataFrame::is_own_column(const Series& s) const {
  if (s.relation() != plan_ || !s.name()) return false;
  auto it = std::find_if(columns_.begin(), columns_.end(), [&](const Column& c) { return c.label == *s.name(); });
  return it != columns_.end() && rewrite::same_expr(s.expr(), column_of(plan_, it->id));
}

DataFrame DataFrame::operator[](const std::vector<Label>& labels) const {
  std::vector<Column> picked;
  for (const auto& l : labels) picked.push_back(column(l));
  return DataFrame(ctx_, plan_, index_, picked, default_index_, column_levels_);
}

DataFrame DataFrame::operator[](std::initializer_list<Label> labels) const {
  return (*this)[std::vector<Label>(labels)];
}

DataFrame DataFrame::column_level(const Label& key) const {
  std::vector<Column> picked;
  for (const auto& c : columns_) {
    if (!c.label.is_tuple() || c.label.items().size() < 2 || !(c.label.items()[0] == key)) continue;
    std::vector<Label> rest(c.label.items().begin() + 1, c.label.items().end());
    picked.push_back({rest.size() == 1 ? rest[0] : Label::tuple(rest), c.id});
  }
  if (picked.empty()) column(key);  // throws, naming the columns
  std::vector<ColumnLevel> names;
  if (column_levels_.size() > 1) names.assign(column_levels_.begin() + 1, column_levels_.end());
  return DataFrame(ctx_, plan_, index_, picked, default_index_, names);
}

DataFrame DataFrame::operator[](const Series& mask) const {
  if (mask.dtype() != DType::Boolean) {
    throw DTypeError("a row filter needs a boolean mask, got dtype '" + std::string(dtype_name(mask.dtype())) +
                     "'; build one with a comparison such as df[\"x\"] > 0");
  }
  LeftAligned a = align_left(*this, mask);
  if (a.missing && ctx_->count(std::make_shared<plan::FilterNode>(a.relation, a.missing)) > 0) {
    throw UnalignableError(
        "Unalignable boolean Series provided as indexer (index of the boolean Series and of the indexed object do "
        "not match); build the mask from the object you filter");
  }
  NodePtr filtered = std::make_shared<plan::FilterNode>(a.relation, a.value);
  auto [rel, ids] = materialize(filtered, a.frame);
  std::vector<IndexLevel> index = relabel(index_, std::vector<std::string>(ids.begin(), ids.begin() + index_.size()));
  std::vector<Column> columns;
  for (size_t i = 0; i < columns_.size(); ++i) columns.push_back({columns_[i].label, ids[index_.size() + i]});
  return DataFrame(ctx_, rel, index, columns, default_index_, column_levels_);
}

DataFrame DataFrame::assign(const Label& name, const Series& value) const {
  if (columns_.empty() && plan_ != value.relation() && ctx_->count(plan_) == 0) {
    // pandas gives a frame without rows the index of the first Series assigned to it
    // (DataFrame(); df["a"] = s): s's rows and labels, not an empty column.
    auto [rel, ids] = materialize(value.relation(), {value.expr()});
    return DataFrame(ctx_, rel, value.index(), {{name, ids[0]}}, value.default_index(), column_levels_);
  }
  LeftAligned a = align_left(*this, value);
  std::vector<ExprPtr> exprs = a.frame;
  exprs.push_back(a.value);
  auto [rel, ids] = materialize(a.relation, exprs);
  std::vector<IndexLevel> index = relabel(index_, std::vector<std::string>(ids.begin(), ids.begin() + index_.size()));
  std::vector<Column> columns;
  bool replaced = false;
  for (size_t i = 0; i < columns_.size(); ++i) {
    bool target = columns_[i].label == name;
    columns.push_back({columns_[i].label, target ? ids.back() : ids[index_.size() + i]});
    replaced = replaced || target;
  }
  if (!replaced) columns.push_back({padded(name, columns_), ids.back()});
  return DataFrame(ctx_, rel, index, columns, default_index_, column_levels_);
}

DataFrame DataFrame::assign(const Label& name, const Value& value) const {
  if (value.is_na()) {
    throw DTypeError("cannot infer a dtype from <NA> alone; assign a typed Series, e.g. with astype()");
  }
  return assign(name, Series(ctx_, plan_, index_, default_index_, plan::make_literal(value, value.dtype()), name));
}

DataFrame DataFrame::astype(DType dtype) const {
  std::map<Label, DType> all;
  for (const auto& c : columns_) all[c.label] = dtype;
  return astype(all);
}

DataFrame DataFrame::astype(const std::map<Label, DType>& dtypes) const {
  for (const auto& [label, _] : dtypes) column(label);
  std::vector<ExprPtr> exprs;
  NodePtr input = plan_;
  for (const auto& c : columns_) {
    ExprPtr e = column_of(plan_, c.id);
    auto it = dtypes.find(c.label);
    bool categorical = it != dtypes.end() && (it->second == DType::Categorical || e->dtype() == DType::Categorical);
    if (categorical) {
      e = (*this)[c.label].astype(it->second).expr();  // over plan_, as the other columns
    } else if (it != dtypes.end() && it->second != e->dtype()) {
      e = astype_expr(input, e, it->second, c.label.to_string());
    }
    exprs.push_back(e);
  }
  auto [rel, ids] = materialize(input, exprs);
  std::vector<Column> columns;
  for (size_t i = 0; i < columns_.size(); ++i) columns.push_back({columns_[i].label, ids[i]});
  return DataFrame(ctx_, rel, index_, columns, default_index_, column_levels_);
}

DataFrame DataFrame::rename(const std::map<Label, Label>& mapping) const {
  std::vector<Column> columns = columns_;
  for (auto& c : columns) {
    auto it = mapping.find(c.label);
    if (it != mapping.end()) c.label = it->second;
  }
  return DataFrame(ctx_, plan_, index_, columns, default_index_, column_levels_);
}

DataFrame DataFrame::drop(const std::vector<Label>& labels) const {
  std::string missing;
  for (const auto& l : labels) {
    bool present = std::any_of(columns_.begin(), columns_.end(), [&](const Column& c) { return c.label == l; });
    if (!present) missing += (missing.empty() ? "" : ", ") + l.repr();
  }
  if (!missing.empty()) throw ColumnNotFoundError("[" + missing + "] not found in axis");
  std::vector<Column> kept;
  for (const auto& c : columns_) {
    if (std::find(labels.begin(), labels.end(), c.label) == labels.end()) kept.push_back(c);
  }
  return DataFrame(ctx_, plan_, index_, kept, default_index_, column_levels_);
}

DataFrame DataFrame::head(int64_t n) const {
  require_order(plan_, "head()");
  int64_t limit = n >= 0 ? n : std::max<int64_t>(0, ctx_->count(plan_) + n);
  return with(std::make_shared<plan::LimitNode>(plan_, limit));
}

DataFrame DataFrame::tail(int64_t n) const {
  require_order(plan_, "tail()");
  // (all but the first -n rows; -INT64_MIN overflows, and INT64_MAX already passes every row)
  if (n < 0) return iloc(-std::max(n, -std::numeric_limits<int64_t>::max()), std::nullopt);
  const auto& keys = plan_->ordering().keys;
  NodePtr last = std::make_shared<plan::LimitNode>(std::make_shared<plan::OrderByNode>(plan_, reversed(keys)), n);
  return with(std::make_shared<plan::OrderByNode>(last, keys));
}

DataFrame DataFrame::iloc(std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step) const {
  require_order(plan_, "iloc");
  if (step == 0) throw InvalidArgumentError("slice step cannot be zero");
  // A step of INT64_MIN picks the first row only, as INT64_MIN + 1 does (and -step overflows).
  step = std::max(step, -std::numeric_limits<int64_t>::max());
  bool simple = step > 0 && start.value_or(0) >= 0 && stop.value_or(0) >= 0;
  if (simple && step == 1) {
    int64_t from = start.value_or(0);
    int64_t limit = stop ? std::max<int64_t>(0, *stop - from) : std::numeric_limits<int64_t>::max();
    return with(std::make_shared<plan::LimitNode>(plan_, limit, from));
  }
  auto [rel, pos, cond] = slice_positions(start, stop, step);
  NodePtr out = std::make_shared<plan::FilterNode>(rel, cond);
  if (step < 0) out = std::make_shared<plan::OrderByNode>(out, std::vector<plan::OrderingKey>{{pos, false, true}});
  return with(out);
}

std::tuple<NodePtr, std::string, ExprPtr> DataFrame::slice_positions(std::optional<int64_t> start,
                                                                    std::optional<int64_t> stop, int64_t step) const {
  bool simple = step > 0 && start.value_or(0) >= 0 && stop.value_or(0) >= 0;
  // Resolve like Python's slice.indices(n).
  int64_t n = simple ? 0 : ctx_->count(plan_);
  auto clamp = [&](std::optional<int64_t> v, int64_t dflt, int64_t lo, int64_t hi) {
    if (!v) return dflt;
    int64_t x = *v < 0 ? *v + n : *v;
    return std::clamp(x, lo, hi);
  };
  int64_t lo, hi;  // positions lo <= p <= hi with (p - first) % step == 0
  int64_t first;
  if (step > 0) {
    first = clamp(start, 0, 0, simple ? std::numeric_limits<int64_t>::max() : n);
    int64_t end = clamp(stop, simple ? std::numeric_limits<int64_t>::max() : n, 0,
                        simple ? std::numeric_limits<int64_t>::max() : n);
    lo = first;
    hi = end - 1;
  } else {
    first = clamp(start, n - 1, -1, n - 1);
    int64_t end = clamp(stop, -1, -1, n - 1);
    lo = end + 1;
    hi = first;
  }
  auto [rel, pos] = with_positions(plan_);
  ExprPtr p = column_of(rel, pos);
  auto lit = [](int64_t v) { return plan::make_literal(v, DType::Int64); };
  ExprPtr cond = plan::make_binary(BinaryOp::And, plan::make_binary(BinaryOp::Ge, p, lit(lo)),
                                   plan::make_binary(BinaryOp::Le, p, lit(hi)));
  int64_t stride = step > 0 ? step : -step;
  if (stride >= (int64_t{1} << 62)) {
    // Only `first` itself: the next pick is 2^62 rows on, past any frame (and Python's modulo
    // below would overflow in the engine for such a stride).
    cond = plan::make_binary(BinaryOp::Eq, p, lit(first));
  } else if (stride != 1) {
    ExprPtr offset = step > 0 ? plan::make_binary(BinaryOp::Sub, p, lit(first)) : plan::make_binary(BinaryOp::Sub, lit(first), p);
    cond = plan::make_binary(BinaryOp::And, cond, plan::make_binary(BinaryOp::Eq, plan::make_binary(BinaryOp::Mod, offset, lit(stride)), lit(0)));
  }
  return {rel, pos, cond};
}

DataFrame DataFrame::take(const std::vector<int64_t>& positions) const {
  require_order(plan_, "iloc");
  if (positions.empty()) return with(std::make_shared<plan::LimitNode>(plan_, 0));
  int64_t n = ctx_->count(plan_);
  std::vector<int64_t> resolved;
  for (int64_t position : positions) {
    int64_t p = position < 0 ? position + n : position;
    if (p < 0 || p >= n) throw IndexOutOfBoundsError("positional indexers are out-of-bounds");
    resolved.push_back(p);
  }
  return pick(resolved);
}

DataFrame DataFrame::pick(const std::vector<int64_t>& positions) const {
  if (positions.empty()) return with(std::make_shared<plan::LimitNode>(plan_, 0));
  std::string pos_id = plan::new_column_id(), order_id = plan::new_column_id();
  std::vector<std::vector<Value>> rows;
  for (size_t k = 0; k < positions.size(); ++k) rows.push_back({positions[k], static_cast<int64_t>(k)});
  NodePtr wanted = std::make_shared<plan::ValuesNode>(Schema{{pos_id, DType::Int64}, {order_id, DType::Int64}}, rows);
  auto [rel, pos] = with_positions(plan_);
  NodePtr joined = std::make_shared<plan::JoinNode>(rel, wanted, plan::JoinType::Inner,
                                                    std::vector<std::pair<std::string, std::string>>{{pos, pos_id}});
  return with(std::make_shared<plan::OrderByNode>(joined, std::vector<plan::OrderingKey>{{order_id}}));
}

DataFrame DataFrame::take_mask(const std::vector<bool>& mask) const {
  require_order(plan_, "iloc");
  int64_t n = ctx_->count(plan_);
  if (static_cast<int64_t>(mask.size()) != n) {
    throw IndexOutOfBoundsError("Boolean index has wrong length: " + std::to_string(mask.size()) + " instead of " +
                                std::to_string(n));
  }
  std::vector<int64_t> positions;
  for (size_t p = 0; p < mask.size(); ++p) {
    if (mask[p]) positions.push_back(static_cast<int64_t>(p));
  }
  return pick(positions);
}

namespace {

/// Throws NullIndexError naming `what` when the frame has a NULL index.
void require_labels(const std::vector<IndexLevel>& index, const std::string& what) {
  if (index.empty()) {
    throw NullIndexError(what + " needs an index, and this object has a NULL index (ordering_mode=\"partial\" or "
                         "index_col=DefaultIndexKind.NULL); set one with set_index() first");
  }
}

}  // namespace

DataFrame DataFrame::loc(const std::vector<Value>& labels) const {
  require_labels(index_, "loc");
  if (index_.size() != 1) throw NotImplementedError("loc with labels needs a single-level index; use a boolean mask");
  DType dtype = plan_->dtype_of(index_[0].id);
  std::string label_id = plan::new_column_id(), order_id = plan::new_column_id();
  std::vector<std::vector<Value>> rows;
  for (size_t k = 0; k < labels.size(); ++k) {
    const Value& v = labels[k];
    bool fits = v.is_na() || v.dtype() == dtype || (is_numeric(v.dtype()) && is_numeric(dtype) && dtype != DType::Boolean);
    // An Int8..UInt64 index: the whole numbers it holds (another is in no row, as pandas' KeyError)
    if (dtype == DType::Integer && !v.is_na()) fits = !v.holds<bool>() && plan::value_fits(dtype, v);
    if (!fits) throw LabelNotFoundError("[" + v.to_string() + "] not in index");
    Value typed = v;
    if (dtype == DType::Integer && v.holds<double>()) typed = static_cast<int64_t>(v.get<double>());
    if (!v.is_na() && dtype == DType::Float64 && v.holds<int64_t>()) typed = static_cast<double>(v.get<int64_t>());
    if (!v.is_na() && dtype == DType::Int64 && v.holds<double>()) {
      double d = v.get<double>();
      if (d != static_cast<double>(static_cast<int64_t>(d))) throw LabelNotFoundError("[" + v.to_string() + "] not in index");
      typed = static_cast<int64_t>(d);
    }
    rows.push_back({typed, static_cast<int64_t>(k)});
  }
  if (rows.empty()) return with(std::make_shared<plan::LimitNode>(plan_, 0));
  NodePtr wanted = std::make_shared<plan::ValuesNode>(Schema{{label_id, dtype}, {order_id, DType::Int64}}, rows);
  // Absent labels are a KeyError, as in pandas: find them first.
  auto [present, present_ids] = isolate(plan_, {column_of(plan_, index_[0].id)});
  NodePtr probe = std::make_shared<plan::JoinNode>(wanted, present, plan::JoinType::Left,
                                                   std::vector<std::pair<std::string, std::string>>{{label_id, present_ids[0]}});
  probe = std::make_shared<plan::FilterNode>(
      probe, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(probe, present_ids[0])));
  probe = std::make_shared<plan::OrderByNode>(probe, std::vector<plan::OrderingKey>{{order_id}});
  Table missing = ctx_->execute(probe, {{order_id}, {"k"}});
  if (missing.num_rows() > 0) {
    std::string names;
    for (int64_t r = 0; r < missing.num_rows(); ++r) {
      names += (r ? ", " : "") + labels[missing.at(r, 0).get<int64_t>()].to_string();
    }
    throw LabelNotFoundError("[" + names + "] not in index");
  }
  NodePtr joined = std::make_shared<plan::JoinNode>(plan_, wanted, plan::JoinType::Inner,
                                                    std::vector<std::pair<std::string, std::string>>{{index_[0].id, label_id}});
  std::vector<plan::OrderingKey> keys{{order_id}};
  for (const auto& k : plan_->ordering().keys) keys.push_back(k);
  return with(std::make_shared<plan::OrderByNode>(joined, keys));
}

DataFrame DataFrame::loc_slice(const Value& start, const Value& stop) const {
  require_labels(index_, "loc");
  if (index_.size() != 1) throw NotImplementedError("loc with a label slice needs a single-level index");
  auto [rel, pos] = with_positions(plan_);
  ExprPtr label = column_of(rel, index_[0].id);
  DType dtype = label->dtype();
  // The first position of `start` (or, when absent, of the first label after it: pandas'
  // rule for a sorted index), and the last position of `stop` likewise.
  auto bound = [&](const Value& v, bool is_start) -> std::optional<int64_t> {
    ExprPtr lit = plan::make_literal(v, dtype);
    auto find = [&](BinaryOp op) -> std::optional<int64_t> {
      NodePtr hits = std::make_shared<plan::FilterNode>(rel, plan::make_binary(op, label, lit));
      std::string id = plan::new_column_id();
      NodePtr agg = std::make_shared<plan::AggregateNode>(
          hits, std::vector<plan::Aggregation>{{id, is_start ? AggFunc::Min : AggFunc::Max, column_of(rel, pos)}});
      Value r = ctx_->execute(agg, {{id}, {"p"}}).at(0, 0);
      if (r.is_na()) return std::nullopt;
      return r.get<int64_t>();
    };
    if (auto exact = find(BinaryOp::Eq)) return exact;
    auto near = find(is_start ? BinaryOp::Ge : BinaryOp::Le);
    return near ? near : std::optional<int64_t>(is_start ? std::numeric_limits<int64_t>::max() : -1);
  };
  int64_t first = start.is_na() ? 0 : *bound(start, true);
  std::optional<int64_t> last = stop.is_na() ? std::nullopt : bound(stop, false);
  if (last && *last < first) return with(std::make_shared<plan::LimitNode>(plan_, 0));
  return iloc(first, last ? std::optional<int64_t>(*last + 1) : std::nullopt);
}

DataFrame DataFrame::sort_values(const std::vector<Label>& by, const std::vector<bool>& ascending,
                                 bool na_last) const {
  if (ascending.size() != 1 && ascending.size() != by.size()) {
    throw InvalidArgumentError("Length of ascending (" + std::to_string(ascending.size()) +
                               ") != length of by (" + std::to_string(by.size()) + ")");
  }
  for (const auto& label : by) {  // (Int8..UInt64 sort as numbers)
    DType key = plan_->dtype_of(column(label).id);
    if (key != DType::Integer && key != DType::Binary) refuse_storage_column(*plan_, "sort_values by", label, column(label).id);
  }
  std::vector<plan::OrderingKey> keys;
  for (size_t i = 0; i < by.size(); ++i) {
    keys.push_back({column(by[i]).id, ascending.size() == 1 ? ascending[0] : ascending[i], na_last});
  }
  for (const auto& k : plan_->ordering().keys) keys.push_back(k);  // stable: ties keep their order
  return with(std::make_shared<plan::OrderByNode>(plan_, keys));
}

DataFrame DataFrame::sort_index(bool ascending, bool na_last) const {
  require_labels(index_, "sort_index()");
  std::vector<plan::OrderingKey> keys;
  for (const auto& level : index_) keys.push_back({level.id, ascending, na_last});
  for (const auto& k : plan_->ordering().keys) keys.push_back(k);
  return with(std::make_shared<plan::OrderByNode>(plan_, keys));
}

DataFrame DataFrame::set_index(const std::vector<Label>& keys, bool drop, bool append) const {
  std::vector<IndexLevel> index = append ? index_ : std::vector<IndexLevel>{};
  for (const auto& k : keys) index.push_back({column(k).id, k});
  std::vector<Column> columns;
  for (const auto& c : columns_) {
    if (!drop || std::find(keys.begin(), keys.end(), c.label) == keys.end()) columns.push_back(c);
  }
  return DataFrame(ctx_, plan_, index, columns, false, column_levels_);
}

DataFrame DataFrame::rename_axis(const std::vector<std::optional<Label>>& names) const {
  require_labels(index_, "rename_axis()");
  if (names.size() != index_.size()) {
    throw InvalidArgumentError("Length of names must match number of levels in MultiIndex (" +
                               std::to_string(index_.size()) + ")");
  }
  std::vector<IndexLevel> index = index_;
  for (size_t i = 0; i < names.size(); ++i) index[i].name = names[i];
  return DataFrame(ctx_, plan_, index, columns_, default_index_, column_levels_);
}

DataFrame DataFrame::reset_index(bool drop) const {
  std::vector<Column> columns;
  if (!drop) {
    for (size_t i = 0; i < index_.size(); ++i) {
      Label label = index_[i].name.value_or(index_.size() == 1 ? "index" : "level_" + std::to_string(i));
      columns.push_back({padded(label, columns_), index_[i].id});
    }
  }
  for (const auto& c : columns_) columns.push_back(c);
  if (unordered(plan_)) return DataFrame(ctx_, plan_, {}, columns, false, column_levels_);  // a NULL index
  auto [rel, pos] = with_positions(plan_);
  return DataFrame(ctx_, rel, {{pos, std::nullopt}}, columns, true, column_levels_);
}

std::pair<int64_t, int64_t> DataFrame::shape() const {
  return {ctx_->count(plan_), static_cast<int64_t>(columns_.size())};
}

std::vector<Label> DataFrame::columns() const {
  std::vector<Label> out;
  for (const auto& c : columns_) out.push_back(c.label);
  return out;
}

Schema DataFrame::dtypes() const {
  Schema out;
  for (const auto& c : columns_) out.push_back({c.label.to_string(), plan_->dtype_of(c.id)});
  return out;
}

compile::Output DataFrame::output() const {
  compile::Output out;
  for (size_t i = 0; i < index_.size(); ++i) {
    out.ids.push_back(index_[i].id);
    out.aliases.push_back("i" + std::to_string(i));
  }
  for (size_t i = 0; i < columns_.size(); ++i) {
    out.ids.push_back(columns_[i].id);
    out.aliases.push_back("v" + std::to_string(i));
  }
  return out;
}

bool DataFrame::index_is_positions() const {
  // (a result without columns keeps its index: a table of no columns has no row count)
  return default_index_ && index_.size() == 1 && !columns_.empty() && rewrite::holds_positions(plan_, index_[0].id);
}

compile::Output DataFrame::result_output() const {
  compile::Output out = output();
  if (index_is_positions()) {
    out.ids.erase(out.ids.begin());
    out.aliases.erase(out.aliases.begin());
  }
  return out;
}

std::string DataFrame::sql() const { return ctx_->sql(plan_, result_output(), ctx_->engine()); }
std::string DataFrame::sql(Engine engine) const { return ctx_->sql(plan_, result_output(), engine); }

Table DataFrame::to_table() const {
  compile::Output out;
  for (size_t i = 0; i < columns_.size(); ++i) {
    out.ids.push_back(columns_[i].id);
    out.aliases.push_back("v" + std::to_string(i));
  }
  std::vector<std::string> labels;
  for (const auto& c : columns_) labels.push_back(c.label.to_string());
  Table t = ctx_->execute(plan_, out, labels);
  t.set_names(labels);
  return t;
}

Result DataFrame::to_result() const {
  bool positions = index_is_positions();
  std::vector<std::string> labels;  // (the user's names of the result's columns, for messages)
  for (const auto& level : positions ? std::vector<IndexLevel>{} : index_) {
    labels.push_back(level.name ? level.name->to_string() : "index");
  }
  for (const auto& c : columns_) labels.push_back(c.label.to_string());
  Result r{ctx_->execute(plan_, result_output(), labels), {}, {}, column_levels_, default_index_};
  if (!positions) {
    for (const auto& level : index_) r.index_names.push_back(level.name);
  }
  for (const auto& c : columns_) r.labels.push_back(c.label);
  return r;
}

std::string DataFrame::to_string(int64_t max_rows) const {
  int64_t n = ctx_->count(plan_);
  std::vector<std::string> index;
  std::vector<std::vector<Value>> cells(columns_.size());
  // `first`: the position of the part's first row, the label of each row of a NULL index.
  auto add = [&](const DataFrame& part, int64_t first) {
    Result r = part.to_result();
    for (int64_t row = 0; row < r.table.num_rows(); ++row) {
      // (a NULL index, or positions the result leaves out: see Result)
      auto levels = static_cast<int64_t>(r.index_names.size());
      std::string label = levels == 0 ? std::to_string(first + row) : "";
      for (int64_t l = 0; l < levels; ++l) label += (l ? " " : "") + r.table.at(row, l).to_string();
      index.push_back(label);
      for (size_t c = 0; c < columns_.size(); ++c) cells[c].push_back(r.table.at(row, levels + static_cast<int64_t>(c)));
    }
  };
  int64_t half = truncated_half(max_rows);
  if (n <= max_rows) {
    add(*this, 0);
  } else if (plan_->ordering().empty()) {  // no order: any rows (partial mode)
    add(peek(2 * half), 0);
  } else {
    add(head(half), 0);
    add(tail(half), n - half);
  }
  return format_frame(dtypes(), index, cells, n);
}

std::ostream& operator<<(std::ostream& out, const Series& s) { return out << s.to_string(); }

}  // namespace cormorant
