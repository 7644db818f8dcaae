// Row-combining operations: duplicated / drop_duplicates, merge and concat.
#include "cormorant/api/dataframe.hpp"

#include <algorithm>
#include <map>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::isolate;
using api_detail::materialize;
using api_detail::refuse_storage_column;
using api_detail::reversed;
using api_detail::unordered;
using api_detail::with_ordering;
using api_detail::with_positions;

Series DataFrame::duplicated(const std::vector<Label>& subset, const std::string& keep) const {
  if (keep != "first" && keep != "last" && keep != "none") {
    throw InvalidArgumentError("keep must be 'first', 'last' or False, got '" + keep + "'");
  }
  std::vector<std::string> partition;
  for (const auto& label : subset) {
    partition.push_back(column(label).id);
    DType d = plan_->dtype_of(partition.back());
    if (d != DType::Integer && d != DType::Binary) {  // (Int8..UInt64 compare as numbers, bytes as bytes)
      refuse_storage_column(*plan_, "duplicated/drop_duplicates by", label, partition.back());
    }
  }
  if (subset.empty()) {
    for (const auto& c : columns_) {
      DType d = plan_->dtype_of(c.id);
      if (d != DType::Integer && d != DType::Binary) refuse_storage_column(*plan_, "duplicated/drop_duplicates by", c.label, c.id);
      partition.push_back(c.id);
    }
  }
  const auto& keys = plan_->ordering().keys;
  // The number of the row among its equals, counted from the front and/or from the back.
  auto numbered = [&](const NodePtr& rel, bool from_back) {
    std::string id = plan::new_column_id();
    NodePtr input = from_back ? NodePtr(std::make_shared<plan::OrderByNode>(rel, reversed(keys))) : rel;
    NodePtr out = std::make_shared<plan::RowNumberNode>(input, id, partition);
    return std::pair{from_back ? NodePtr(std::make_shared<plan::OrderByNode>(out, keys)) : out, id};
  };
  NodePtr rel = plan_;
  ExprPtr repeated;
  auto later = [](const NodePtr& r, const std::string& id) {
    return plan::make_binary(BinaryOp::Gt, column_of(r, id), plan::make_literal(int64_t{0}, DType::Int64));
  };
  if (keep != "last") {
    auto [r, id] = numbered(rel, false);
    rel = r;
    repeated = later(rel, id);
  }
  if (keep != "first") {
    auto [r, id] = numbered(rel, true);
    rel = r;
    repeated = repeated ? plan::make_binary(BinaryOp::Or, repeated, later(rel, id)) : later(rel, id);
  }
  return Series(ctx_, rel, index_, default_index_, repeated, std::nullopt);
}

DataFrame DataFrame::drop_duplicates(const std::vector<Label>& subset, const std::string& keep) const {
  Series repeated = duplicated(subset, keep);
  NodePtr kept = std::make_shared<plan::FilterNode>(
      repeated.relation(), std::make_shared<plan::UnaryExpr>(plan::UnaryOp::Not, repeated.expr()));
  return DataFrame(ctx_, kept, index_, columns_, default_index_);
}

DataFrame DataFrame::merge(const DataFrame& right, const MergeOptions& o) const {
  check_same_session(ctx_, right.ctx_);
  std::vector<Label> lkeys = o.on.empty() ? o.left_on : o.on;
  std::vector<Label> rkeys = o.on.empty() ? o.right_on : o.on;
  bool cross = o.how == MergeHow::Cross;
  if (cross && !lkeys.empty()) throw InvalidArgumentError("Can not pass on, right_on, left_on for how='cross'");
  if (!cross && lkeys.empty()) {
    // pandas: merge on the columns both sides have
    for (const auto& c : columns_) {
      for (const auto& r : right.columns_) {
        if (c.label == r.label) lkeys.push_back(c.label);
      }
    }
    rkeys = lkeys;
    if (lkeys.empty()) throw InvalidArgumentError("No common columns to perform merge on; pass on= or left_on=/right_on=");
  }
  if (lkeys.size() != rkeys.size()) throw InvalidArgumentError("len(right_on) must equal len(left_on)");
  auto refuse = [](const DataFrame& d, const Label& label) {  // (Int8..UInt64 keys join as numbers)
    const auto& id = d.column(label).id;
    if (d.plan_->dtype_of(id) != DType::Integer) refuse_storage_column(*d.plan_, "merge on", label, id);
  };
  for (const auto& label : lkeys) refuse(*this, label);
  for (const auto& label : rkeys) refuse(right, label);
  // Numeric keys of different dtypes are compared as numbers in their common dtype, as pandas
  // does (find_common_type), which is the dtype of their sum: integers (Int64, Int8..UInt64) by
  // NumPy's promotion (UInt64 with a signed one is Float64), Float64 with any. Both sides join on
  // copies in that dtype, which a right or outer merge's shared key has (an inner or left one
  // keeps the left's dtype).
  std::vector<DType> key_dtypes;
  for (size_t i = 0; i < lkeys.size(); ++i) {
    DType l = plan_->dtype_of(column(lkeys[i]).id), r = right.plan_->dtype_of(right.column(rkeys[i]).id);
    auto number = [](const DType& d) { return is_integer(d) || d == DType::Float64; };
    if (l != r && !(number(l) && number(r))) {
      throw DTypeError("You are trying to merge on columns of different dtypes (" + lkeys[i].repr() + ": " +
                       dtype_name(l) + ", " + rkeys[i].repr() + ": " + dtype_name(r) + "); convert one with astype()");
    }
    key_dtypes.push_back(l == r ? l : plan::binary_result_type(plan::BinaryOp::Add, l, r));
  }
  // Both sides, isolated (fresh ids), each with a marker of real rows, its keys in their
  // common dtype, and its ordering.
  auto side = [&](const DataFrame& d, const std::vector<Label>& side_keys) {
    std::vector<ExprPtr> exprs;
    for (const auto& c : d.columns_) exprs.push_back(column_of(d.plan_, c.id));
    exprs.push_back(plan::make_literal(true, DType::Boolean));
    for (size_t i = 0; i < side_keys.size(); ++i) {
      ExprPtr key = column_of(d.plan_, d.column(side_keys[i]).id);
      exprs.push_back(key->dtype() == key_dtypes[i] ? key : std::make_shared<plan::CastExpr>(key, key_dtypes[i]));
    }
    return isolate(d.plan_, with_ordering(exprs, d.plan_));
  };
  auto [lrel, lids] = side(*this, lkeys);
  auto [rrel, rids] = side(right, rkeys);
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < lkeys.size(); ++i) {
    keys.emplace_back(lids[columns_.size() + 1 + i], rids[right.columns_.size() + 1 + i]);
  }
  static const plan::JoinType types[] = {plan::JoinType::Inner, plan::JoinType::Left, plan::JoinType::Right,
                                         plan::JoinType::Outer, plan::JoinType::Inner};
  NodePtr joined = std::make_shared<plan::JoinNode>(lrel, rrel, types[static_cast<int>(o.how)], keys);
  // Output columns: left's, then right's; a key shared by name appears once (coalesced when
  // the right side may supply it), other shared labels get the suffixes.
  std::vector<ExprPtr> exprs;
  std::vector<Label> labels;
  auto shared = [&](const Label& label, const std::vector<Column>& other) {
    return std::any_of(other.begin(), other.end(), [&](const Column& c) { return c.label == label; });
  };
  auto is_same_key = [&](const Label& label) {
    for (size_t i = 0; i < lkeys.size(); ++i) {
      if (lkeys[i] == label && rkeys[i] == label) return true;
    }
    return false;
  };
  for (size_t i = 0; i < columns_.size(); ++i) {
    const auto& label = columns_[i].label;
    ExprPtr e = column_of(joined, lids[i]);
    if (is_same_key(label) && (o.how == MergeHow::Right || o.how == MergeHow::Outer)) {
      // The key in both sides' common dtype (pandas: Float64 for Int64 and Float64 keys).
      size_t k = std::find(lkeys.begin(), lkeys.end(), label) - lkeys.begin();
      e = std::make_shared<plan::CoalesceExpr>(column_of(joined, keys[k].first), column_of(joined, keys[k].second));
    }
    exprs.push_back(e);
    labels.push_back(!is_same_key(label) && shared(label, right.columns_) ? Label(label.to_string() + o.suffixes.first) : label);
  }
  for (size_t i = 0; i < right.columns_.size(); ++i) {
    const auto& label = right.columns_[i].label;
    if (is_same_key(label)) continue;
    exprs.push_back(column_of(joined, rids[i]));
    labels.push_back(shared(label, columns_) ? Label(label.to_string() + o.suffixes.second) : label);
  }
  if (o.indicator) {
    ExprPtr left_real = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column_of(joined, lids[columns_.size()]));
    ExprPtr right_real = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column_of(joined, rids[right.columns_.size()]));
    // pandas' indicator: a categorical of left_only, right_only, both (codes 0, 1, 2).
    DType indicator = DType::categorical({Value("left_only"), Value("right_only"), Value("both")}, DType::String, false);
    auto code = [](int64_t c) { return plan::make_literal(c, DType::Int64); };
    ExprPtr codes = std::make_shared<plan::ConditionalExpr>(
        left_real, std::make_shared<plan::ConditionalExpr>(right_real, code(2), code(0)), code(1));
    exprs.push_back(std::make_shared<plan::FunctionExpr>("cat_from_codes", std::vector<ExprPtr>{codes},
                                                         plan::categorical_params(indicator)));
    labels.push_back("_merge");
  }
  // pandas' row order.
  std::vector<plan::OrderingKey> order;
  auto append = [&](const NodePtr& rel) {
    for (const auto& k : rel->ordering().keys) order.push_back(k);
  };
  std::vector<ExprPtr> sort_keys;
  if (o.how == MergeHow::Outer && o.sort_outer) {
    for (const auto& [l, r] : keys) sort_keys.push_back(std::make_shared<plan::CoalesceExpr>(column_of(joined, l), column_of(joined, r)));
  }
  std::vector<ExprPtr> all = exprs;
  all.insert(all.end(), sort_keys.begin(), sort_keys.end());
  auto [rel, ids] = materialize(joined, all);
  for (size_t i = exprs.size(); i < ids.size(); ++i) order.push_back({ids[i], true, true});
  if (o.how == MergeHow::Right) {
    append(rrel);
    append(lrel);
  } else {
    append(lrel);
    append(rrel);
  }
  std::vector<Column> columns;
  for (size_t i = 0; i < labels.size(); ++i) columns.push_back({labels[i], ids[i]});
  if (unordered(lrel) || unordered(rrel)) {
    // ordering_mode="partial": no pandas order to keep and a NULL index.
    return DataFrame(ctx_, std::make_shared<plan::SelectNode>(rel, ids, false), {}, columns, false);
  }
  NodePtr ordered = std::make_shared<plan::OrderByNode>(rel, order);
  auto [numbered, position] = with_positions(ordered);
  return DataFrame(ctx_, numbered, {{position, std::nullopt}}, columns, true);
}

DataFrame concat(const std::vector<DataFrame>& frames, bool ignore_index) {
  if (frames.empty()) throw InvalidArgumentError("No objects to concatenate");
  const auto& ctx = frames[0].context();
  const auto& first = frames[0];
  // The output columns, and each one's common dtype.
  std::vector<std::string> labels;
  std::map<std::string, DType> dtypes;
  for (const auto& f : frames) {
    check_same_session(ctx, f.context());
    if (!ignore_index && f.index().size() != first.index().size()) {
      throw InvalidArgumentError("cannot concat frames whose indexes have different numbers of levels; pass ignore_index=True");
    }
    for (const auto& f_col : f.dtypes()) {
      auto [it, fresh] = dtypes.emplace(f_col.name, f_col.dtype);
      if (fresh) {
        labels.push_back(f_col.name);
      } else if (it->second != f_col.dtype) {
        // Numbers take their common dtype, as pandas' find_common_type: that of their sum
        // (Int8 and UInt8 give Int16, UInt64 and a signed one or any and Float64 give Float64).
        auto number = [](const DType& d) { return is_integer(d) || d == DType::Float64; };
        if (!number(it->second) || !number(f_col.dtype)) {
          throw DTypeError("column '" + f_col.name + "' has dtypes '" + std::string(dtype_name(it->second)) + "' and '" +
                           std::string(dtype_name(f_col.dtype)) + "' in the frames; convert them to one with astype()");
        }
        it->second = plan::binary_result_type(plan::BinaryOp::Add, it->second, f_col.dtype);
      }
    }
  }
  size_t levels = ignore_index ? 0 : first.index().size();
  std::vector<DType> index_dtypes;
  for (size_t l = 0; l < levels; ++l) index_dtypes.push_back(first.plan()->dtype_of(first.index()[l].id));
  std::vector<NodePtr> inputs;
  std::vector<std::vector<ExprPtr>> branches;
  bool any_unordered = std::any_of(frames.begin(), frames.end(), [](const DataFrame& f) { return unordered(f.plan()); });
  for (size_t i = 0; i < frames.size(); ++i) {
    const auto& f = frames[i];
    // ordering_mode="partial": the rows have no positions to carry (the result has no order).
    auto [rel, pos] = any_unordered ? std::pair{f.plan(), std::string()} : with_positions(f.plan());
    std::vector<ExprPtr> branch;
    for (size_t l = 0; l < levels; ++l) {
      ExprPtr e = column_of(rel, f.index()[l].id);
      if (e->dtype() != index_dtypes[l]) {
        throw DTypeError("cannot concat indexes of dtypes '" + std::string(dtype_name(index_dtypes[l])) + "' and '" +
                         std::string(dtype_name(e->dtype())) + "'; pass ignore_index=True or convert one");
      }
      branch.push_back(e);
    }
    for (const auto& label : labels) {
      ExprPtr e;
      for (const auto& c : f.value_columns()) {
        if (c.label == label) e = column_of(rel, c.id);
      }
      DType want = dtypes.at(label);
      if (!e) e = plan::make_literal(NA, want);
      if (e->dtype() != want) e = std::make_shared<plan::CastExpr>(e, want);
      branch.push_back(e);
    }
    branch.push_back(plan::make_literal(static_cast<int64_t>(i), DType::Int64));
    branch.push_back(pos.empty() ? plan::make_literal(int64_t{0}, DType::Int64) : column_of(rel, pos));
    inputs.push_back(rel);
    branches.push_back(std::move(branch));
  }
  std::vector<std::string> ids;
  for (size_t j = 0; j < branches[0].size(); ++j) ids.push_back(plan::new_column_id());
  std::string part = ids[ids.size() - 2], position = ids.back();
  NodePtr unioned = std::make_shared<plan::UnionNode>(inputs, ids, branches, part, position);
  std::vector<Column> columns;
  for (size_t j = 0; j < labels.size(); ++j) columns.push_back({labels[j], ids[levels + j]});
  if (any_unordered) {
    std::vector<IndexLevel> index;
    if (!ignore_index) {
      for (size_t l = 0; l < levels; ++l) index.push_back({ids[l], first.index()[l].name});
    }
    return DataFrame(ctx, std::make_shared<plan::SelectNode>(unioned, ids, false), index, columns, false);
  }
  if (ignore_index) {
    auto [numbered, number] = with_positions(unioned);
    return DataFrame(ctx, numbered, {{number, std::nullopt}}, columns, true);
  }
  std::vector<IndexLevel> index;
  for (size_t l = 0; l < levels; ++l) index.push_back({ids[l], first.index()[l].name});
  bool all_default = std::all_of(frames.begin(), frames.end(), [](const DataFrame& f) { return f.default_index(); });
  return DataFrame(ctx, unioned, index, columns, all_default);
}

}  // namespace cormorant
