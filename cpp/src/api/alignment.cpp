// pandas' alignment of operands on their index labels (binary operations, assignment of a Series).
#include "cormorant/api/dataframe.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/window.hpp"
#include "cormorant/rewrite/align.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::Aligned;
using api_detail::LeftAligned;
using api_detail::Operand;
using api_detail::align_left;
using api_detail::align_outer;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::counted_labels;
using api_detail::isolate;
using api_detail::materialize;
using api_detail::refusing_repeats;
using api_detail::relabel;
using api_detail::differs;
using api_detail::labels_unique;
using api_detail::with_ordering;
using api_detail::with_positions;

namespace {

std::vector<ExprPtr> index_exprs(const NodePtr& relation, const std::vector<IndexLevel>& index) {
  std::vector<ExprPtr> out;
  for (const auto& level : index) out.push_back(column_of(relation, level.id));
  return out;
}

/// True when the index is the relation's own ordering (ascending), e.g. a default index.
bool index_is_ordering(const NodePtr& relation, const std::vector<ExprPtr>& index) {
  const auto& keys = relation->ordering().keys;
  if (keys.empty() || keys.size() < index.size()) return false;
  for (size_t i = 0; i < index.size(); ++i) {
    if (index[i]->kind() != plan::ExprKind::Column || !keys[i].ascending ||
        static_cast<const plan::ColumnExpr&>(*index[i]).id() != keys[i].column) {
      return false;
    }
  }
  return true;
}

/// Orders `relation` by its index labels (pandas' order for a union of labels), keeping its
/// previous order among equal labels; by the column `first` before them when given.
NodePtr order_by_index(const NodePtr& relation, const std::vector<std::string>& index_ids,
                       const std::vector<plan::OrderingKey>& tie_break, const std::string& first = {}) {
  std::vector<plan::OrderingKey> keys;
  if (!first.empty()) keys.push_back({first, true, true});
  for (const auto& id : index_ids) keys.push_back({id, true, true});
  for (const auto& k : tie_break) keys.push_back(k);
  return std::make_shared<plan::OrderByNode>(relation, std::move(keys));
}

/// `relation` (an outer join of two ordered operands on their labels) with a column, its id
/// second, holding the left row's position when the two indexes are equal (every row paired
/// with the row at the same position on the other side) and null otherwise: pandas keeps the
/// order of equal indexes and sorts any other union of labels.
std::pair<NodePtr, std::string> equal_indexes_first(const NodePtr& relation, const ExprPtr& left_position,
                                                    const ExprPtr& right_position) {
  ExprPtr differs = std::make_shared<plan::ConditionalExpr>(
      plan::make_binary(BinaryOp::Eq, left_position, right_position), plan::make_literal(int64_t{0}, DType::Int64),
      plan::make_literal(int64_t{1}, DType::Int64));
  plan::WindowCall any_differs{plan::new_column_id(), plan::WindowFunc::Transform, differs, {}};
  any_differs.agg = AggFunc::Max;
  auto counted = std::make_shared<plan::WindowNode>(relation, std::vector<plan::WindowCall>{any_differs});
  ExprPtr equal = plan::make_binary(BinaryOp::Eq, column_of(counted, any_differs.id),
                                    plan::make_literal(int64_t{0}, DType::Int64));
  auto [with_key, ids] = materialize(counted, {std::make_shared<plan::ConditionalExpr>(equal, left_position)});
  return {with_key, ids[0]};
}

/// What cormorant says where pandas refuses to reindex: a Series whose labels repeat, brought
/// onto an index that is not equal to its own.
constexpr const char* kRepeatedValueLabels =
    "cannot align a Series whose index repeats a label onto another index (pandas: cannot reindex on an axis "
    "with duplicate labels); make its index unique first (reset_index(), or set_index on a unique column)";
constexpr const char* kRepeatedOnBothSides =
    "cannot align two unordered objects whose indexes both repeat a label (ordering_mode=\"partial\"): pandas "
    "pairs them row by row when the two indexes are equal, which needs a row order; sort both first, or make "
    "the indexes unique (reset_index())";

/// Throws NullIndexError when either side has a NULL index (then only objects derived from the
/// same table expression combine, row by row).
void require_index(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.empty() || b.empty()) {
    throw NullIndexError(
        "cannot align objects with a NULL index (ordering_mode=\"partial\" or index_col=DefaultIndexKind.NULL) "
        "unless they derive from the same table expression; set an explicit index with set_index() on both first");
  }
}

/// Int64 and Float64 labels: pandas aligns them (by value, in their common dtype, Float64).
bool numbers(DType a, DType b) {
  return (a == DType::Int64 && b == DType::Float64) || (a == DType::Float64 && b == DType::Int64);
}

/// `a` and `b`'s labels in a common dtype where they are Int64 and Float64 (pandas' outer
/// alignment gives Float64 labels).
void common_label_dtypes(std::vector<ExprPtr>& a, std::vector<ExprPtr>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!numbers(a[i]->dtype(), b[i]->dtype())) continue;
    ExprPtr& integers = a[i]->dtype() == DType::Int64 ? a[i] : b[i];
    integers = std::make_shared<plan::CastExpr>(integers, DType::Float64, "index");
  }
}

void check_index_compatible(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  require_index(a, b);
  if (a.size() != b.size()) {
    throw InvalidArgumentError("cannot align objects whose indexes have " + std::to_string(a.size()) + " and " +
                               std::to_string(b.size()) + " levels; reset_index() one of them");
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]->dtype() != b[i]->dtype() && !numbers(a[i]->dtype(), b[i]->dtype())) {
      throw DTypeError("cannot align an index of dtype '" + std::string(dtype_name(a[i]->dtype())) +
                       "' with one of dtype '" + std::string(dtype_name(b[i]->dtype())) + "'; convert one with astype()");
    }
  }
}

bool same_labels(const rewrite::RowJoin& rj, size_t levels) {
  for (size_t i = 0; i < levels; ++i) {
    if (!rewrite::same_expr(rj.exprs[0][i], rj.exprs[1][i])) return false;
  }
  return true;
}

ExprPtr int_literal(int64_t v) { return plan::make_literal(v, DType::Int64); }

/// True (a constant of the query, computed once) when two operands' indexes are equal as pandas'
/// Index.equals sees them: as many rows, the same labels at each position (<NA> equal to
/// <NA>). `a` and `b` hold the operands' positions (columns `apos`, `bpos`) and labels.
ExprPtr indexes_equal(const NodePtr& a, const std::vector<ExprPtr>& la, const std::string& apos, const NodePtr& b,
                      const std::vector<ExprPtr>& lb, const std::string& bpos) {
  auto side = [](const NodePtr& rel, std::vector<ExprPtr> exprs, const std::string& pos) {
    exprs.push_back(column_of(rel, pos));
    return isolate(rel, exprs);
  };
  auto [l, lids] = side(a, la, apos);
  auto [r, rids] = side(b, lb, bpos);
  const size_t k = la.size();
  NodePtr paired = std::make_shared<plan::JoinNode>(l, r, plan::JoinType::Outer,
                                                    std::vector<std::pair<std::string, std::string>>{{lids[k], rids[k]}});
  std::vector<ExprPtr> unpaired{std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(paired, lids[k])),
                                std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(paired, rids[k]))};
  for (size_t i = 0; i < k; ++i) unpaired.push_back(differs(column_of(paired, lids[i]), column_of(paired, rids[i])));
  plan::Aggregation any{plan::new_column_id(), AggFunc::Max,
                        std::make_shared<plan::ConditionalExpr>(plan::make_balanced(BinaryOp::Or, unpaired),
                                                                int_literal(1), int_literal(0))};
  NodePtr found = std::make_shared<plan::AggregateNode>(paired, std::vector<plan::Aggregation>{any});
  ExprPtr differ = std::make_shared<plan::CoalesceExpr>(std::make_shared<plan::ScalarExpr>(found, any.id), int_literal(0));
  return plan::make_binary(BinaryOp::Eq, differ, int_literal(0));
}

/// A join key that pairs rows by position when the indexes are `equal` (pandas' positional
/// case) and is the same on every row otherwise (then the labels alone pair rows).
ExprPtr position_key(const ExprPtr& equal, const NodePtr& relation, const std::string& position) {
  return std::make_shared<plan::ConditionalExpr>(equal, column_of(relation, position), int_literal(0));
}

/// What cormorant says where pandas refuses to bring a Series onto a frame's repeated labels.
constexpr const char* kRepeatedFrameLabels =
    "cannot align a Series along the index of a DataFrame whose index repeats a label (pandas: cannot reindex "
    "on an axis with duplicate labels): that needs the two indexes equal, or (one index level) both sorted ascending "
    "with the Series' labels unique and all among the frame's; make the frame's index unique first (reset_index())";

/// True (a constant of the query) when an aggregate over `relation` of 0/1 values `bad` finds
/// none (no rows: true).
ExprPtr none_of(const NodePtr& relation, const ExprPtr& bad) {
  plan::Aggregation any{plan::new_column_id(), AggFunc::Max,
                        std::make_shared<plan::ConditionalExpr>(bad, int_literal(1), int_literal(0))};
  NodePtr found = std::make_shared<plan::AggregateNode>(relation, std::vector<plan::Aggregation>{any});
  ExprPtr seen = std::make_shared<plan::CoalesceExpr>(std::make_shared<plan::ScalarExpr>(found, any.id), int_literal(0));
  return plan::make_binary(BinaryOp::Eq, seen, int_literal(0));
}

/// True (a constant of the query) when no two rows of `relation` carry the same `labels`.
ExprPtr all_unique(const NodePtr& relation, const std::vector<ExprPtr>& labels) {
  auto [rel, ids] = isolate(relation, labels);
  std::string count = plan::new_column_id();
  NodePtr groups = std::make_shared<plan::AggregateNode>(rel, std::vector<plan::Aggregation>{{count, AggFunc::CountAll, nullptr}}, ids);
  return none_of(groups, plan::make_binary(BinaryOp::Gt, column_of(groups, count), int_literal(1)));
}

/// True (a constant of the query) when `labels`, in `relation`'s order, never decrease and are
/// never missing: pandas' is_monotonic_increasing (tuples compared level by level).
ExprPtr monotonic_increasing(const NodePtr& relation, const std::vector<ExprPtr>& labels) {
  std::vector<ExprPtr> exprs = labels;
  exprs.push_back(plan::make_literal(true, DType::Boolean));  // (its previous row's: none on the first)
  auto [rel, ids] = materialize(relation, exprs);
  std::vector<plan::WindowCall> previous;
  for (const auto& id : ids) previous.push_back({plan::new_column_id(), plan::WindowFunc::Shift, column_of(rel, id), {}});
  NodePtr shifted = std::make_shared<plan::WindowNode>(rel, previous);
  // (levels from the last: the previous tuple is larger when a level is, the ones before it equal)
  ExprPtr larger;
  for (size_t i = labels.size(); i-- > 0;) {
    ExprPtr prev = column_of(shifted, previous[i].id), cur = column_of(shifted, ids[i]);
    ExprPtr here = plan::make_binary(BinaryOp::Gt, prev, cur);
    larger = larger ? plan::make_binary(BinaryOp::Or, here,
                                        plan::make_binary(BinaryOp::And, plan::make_binary(BinaryOp::Eq, prev, cur), larger))
                    : here;
  }
  std::vector<ExprPtr> bad;
  for (size_t i = 0; i < labels.size(); ++i) {
    bad.push_back(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(shifted, ids[i])));
  }
  ExprPtr has_previous = std::make_shared<plan::UnaryExpr>(
      plan::UnaryOp::Not, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(shifted, previous.back().id)));
  bad.push_back(plan::make_binary(BinaryOp::And, has_previous,
                                  std::make_shared<plan::CoalesceExpr>(larger, plan::make_literal(false, DType::Boolean))));
  return none_of(shifted, plan::make_balanced(BinaryOp::Or, bad));
}

/// pandas' alignment of two operands for a binary operation: row by row when their indexes are
/// equal, else the union of their labels (an outer join, many to many where both repeat one).
/// `frame_and_series`: `a` is a DataFrame and `b` a Series along its index, which pandas
/// reindexes onto the union of labels, refusing (kRepeatedFrameLabels) where the frame's labels
/// repeat, unless the indexes are equal or both are sorted and the Series' labels are unique
/// and among the frame's (a MultiIndex: the Series is empty); without a row order (partial
/// mode) as if both were sorted.
Aligned align_operands_impl(const std::shared_ptr<session::Context>& ctx, const Operand& a, const Operand& b,
                            bool frame_and_series = false) {
  auto ia = index_exprs(a.relation, a.index);
  auto ib = index_exprs(b.relation, b.index);
  bool both_default = a.default_index && b.default_index;
  if (a.relation == b.relation && ia.size() == ib.size() &&
      std::equal(ia.begin(), ia.end(), ib.begin(), [](auto& x, auto& y) { return rewrite::same_expr(x, y); })) {
    return {a.relation, a.index, a.default_index, a.values, b.values, nullptr, false};
  }
  if (!ia.empty() || !ib.empty()) check_index_compatible(ia, ib);
  common_label_dtypes(ia, ib);
  const size_t na = a.values.size(), nb = b.values.size();
  std::vector<ExprPtr> pa = ia, pb = ib;
  pa.insert(pa.end(), a.values.begin(), a.values.end());
  pb.insert(pb.end(), b.values.begin(), b.values.end());
  bool reordered = false;
  auto rj = rewrite::row_join({{a.relation, pa}, {b.relation, pb}});
  if (rj && same_labels(*rj, ia.size())) {
    // Rows of one relation: a projection over it, no join (the row-join rewrite), when pairing
    // rows by identity is pandas' pairing: the same rows in the same order (equal indexes), no
    // index (nothing to align), or labels known unique (pairing by label pairs the same rows).
    const ExprPtr &ca = rj->conditions[0], &cb = rj->conditions[1];
    std::vector<ExprPtr> labels(rj->exprs[0].begin(), rj->exprs[0].begin() + ia.size());
    bool same_rows = rewrite::same_expr(ca, cb);
    bool ordered_alike = rewrite::same_order(rj->orders[0], rj->orders[1]);
    if ((same_rows && ordered_alike) || labels.empty() || labels_unique(ctx, rj->base, labels)) {
      std::vector<ExprPtr> left(rj->exprs[0].begin() + ia.size(), rj->exprs[0].end());
      std::vector<ExprPtr> right(rj->exprs[1].begin() + ib.size(), rj->exprs[1].end());
      ExprPtr keep = same_rows ? ca : rewrite::or_conditions(ca, cb);
      ExprPtr one_sided;
      if (!same_rows) {
        auto present = [](const ExprPtr& c) {
          return c ? std::make_shared<plan::CoalesceExpr>(c, plan::make_literal(false, DType::Boolean)) : plan::make_literal(true, DType::Boolean);
        };
        for (auto& e : left) {
          if (ca) e = std::make_shared<plan::ConditionalExpr>(ca, e);
        }
        for (auto& e : right) {
          if (cb) e = std::make_shared<plan::ConditionalExpr>(cb, e);
        }
        one_sided = plan::make_binary(BinaryOp::Xor, present(ca), present(cb));
      }
      NodePtr rel = keep ? std::make_shared<plan::FilterNode>(rj->base, keep) : rj->base;
      if (same_rows && ordered_alike) {
        NodePtr ordered = rewrite::ordered_by(rel, rj->orders[0]);  // identical labels: pandas keeps their order
        auto [with_index, ids] = materialize(ordered, labels);
        return {with_index, relabel(a.index, ids), both_default, left, right, one_sided, false};
      }
      // Otherwise pandas pairs rows by label and sorts the union of labels.
      auto [with_index, ids] = materialize(rel, labels);
      NodePtr ordered = index_is_ordering(rel, labels) ? with_index : order_by_index(with_index, ids, with_index->ordering().keys);
      return {ordered, relabel(a.index, ids), both_default, left, right, one_sided, !ordered_alike};
    }
    reordered = !ordered_alike;  // labels may repeat: joined on them as two sources are
  }
  // An outer join on the index labels.
  require_index(ia, ib);
  // Each side carries its ordering keys (or, unordered, a TRUE marker): never null on a real
  // row, so a null one marks a row only the other side has. Ordered, each also carries its row
  // positions, which tell whether the two indexes are equal (then pandas keeps their order, and
  // pairs rows by position where labels repeat).
  bool ordered = !a.relation->ordering().empty() && !b.relation->ordering().empty();
  bool unique = labels_unique(ctx, a.relation, ia) || labels_unique(ctx, b.relation, ib);
  NodePtr arel = a.relation, brel = b.relation;
  std::string apos, bpos;
  ExprPtr equal, equal_indexes;  // (the latter also for strict comparisons, which run it apart)
  if (ordered) {
    std::tie(arel, apos) = with_positions(arel);
    std::tie(brel, bpos) = with_positions(brel);
    equal_indexes = indexes_equal(arel, ia, apos, brel, ib, bpos);
    if (!unique) equal = equal_indexes;
  }
  auto marked = [&](std::vector<ExprPtr> exprs, const NodePtr& relation, const std::string& position) {
    if (!ordered) {
      exprs.push_back(plan::make_literal(true, DType::Boolean));
      return exprs;
    }
    exprs.push_back(column_of(relation, position));
    if (equal) exprs.push_back(position_key(equal, relation, position));
    return with_ordering(std::move(exprs), relation);
  };
  auto [lrel, lids] = isolate(arel, marked(pa, arel, apos));
  auto [rrel, rids] = isolate(brel, marked(pb, brel, bpos));
  std::string frame_count;  // (frame_and_series: how many of the frame's rows share each row's labels)
  if (frame_and_series && !labels_unique(ctx, a.relation, ia)) {
    std::vector<ExprPtr> frame_labels;
    for (size_t i = 0; i < ia.size(); ++i) frame_labels.push_back(column_of(lrel, lids[i]));
    std::tie(lrel, frame_count) = counted_labels(lrel, frame_labels);
  }
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < ia.size(); ++i) keys.emplace_back(lids[i], rids[i]);
  if (equal) keys.emplace_back(lids[ia.size() + na + 1], rids[ib.size() + nb + 1]);
  NodePtr joined;
  if (unique || ordered) {
    joined = std::make_shared<plan::JoinNode>(lrel, rrel, plan::JoinType::Outer, keys);
  } else {
    // A label both unordered sides repeat: pandas pairs by position if the indexes are equal,
    // else by label, which cannot be told without an order; refused when run.
    auto side_labels = [&](const NodePtr& rel, const std::vector<std::string>& ids) {
      std::vector<ExprPtr> out;
      for (size_t i = 0; i < ia.size(); ++i) out.push_back(column_of(rel, ids[i]));
      return out;
    };
    auto [lcounted, lcount] = counted_labels(lrel, side_labels(lrel, lids));
    auto [rcounted, rcount] = counted_labels(rrel, side_labels(rrel, rids));
    joined = std::make_shared<plan::JoinNode>(lcounted, rcounted, plan::JoinType::Outer, keys);
    // (a row only one side has: its label is unmatched, so nothing pairs it)
    auto count_of = [&](const std::string& id) -> ExprPtr {
      return std::make_shared<plan::CoalesceExpr>(column_of(joined, id), int_literal(1));
    };
    ExprPtr lc = count_of(lcount), rc = count_of(rcount);
    ExprPtr fewer = std::make_shared<plan::ConditionalExpr>(plan::make_binary(BinaryOp::Lt, lc, rc), lc, rc);
    joined = refusing_repeats(joined, fewer, kRepeatedOnBothSides,
                              std::make_shared<plan::CoalesceExpr>(column_of(joined, lids[0]), column_of(joined, rids[0])));
  }
  std::vector<ExprPtr> labels;
  for (size_t i = 0; i < ia.size(); ++i) {
    labels.push_back(std::make_shared<plan::CoalesceExpr>(column_of(joined, lids[i]), column_of(joined, rids[i])));
  }
  if (!frame_count.empty()) {
    // pandas reindexes the frame's repeated labels only onto an equal index, or as a sorted
    // left join: both sorted, the Series' labels unique and all among the frame's (a
    // MultiIndex: only an empty Series, onto a sorted frame)
    ExprPtr fits, sorted = ordered ? monotonic_increasing(a.relation, ia) : nullptr;
    if (ia.size() == 1) {
      ExprPtr only_series = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, lids[ia.size() + na]));
      fits = plan::make_binary(BinaryOp::And, all_unique(b.relation, ib), none_of(joined, only_series));
      if (ordered) sorted = plan::make_binary(BinaryOp::And, sorted, monotonic_increasing(b.relation, ib));
    } else {
      fits = none_of(b.relation, plan::make_literal(true, DType::Boolean));
    }
    if (ordered) fits = plan::make_binary(BinaryOp::Or, equal_indexes, plan::make_binary(BinaryOp::And, fits, sorted));
    ExprPtr count = std::make_shared<plan::ConditionalExpr>(fits, int_literal(1),
                                                            std::make_shared<plan::CoalesceExpr>(column_of(joined, frame_count), int_literal(1)));
    joined = refusing_repeats(joined, count, kRepeatedFrameLabels, column_of(joined, lids[0]));
  }
  ExprPtr one_sided = plan::make_binary(
      BinaryOp::Or, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, lids[ia.size() + na])),
      std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, rids[ib.size() + nb])));
  auto [with_index, ids] = materialize(joined, labels);
  NodePtr result = with_index;  // unordered sides: an unordered result (partial mode)
  if (ordered) {
    std::vector<plan::OrderingKey> tie;
    for (const auto& k : lrel->ordering().keys) tie.push_back(k);
    for (const auto& k : rrel->ordering().keys) tie.push_back(k);
    auto [keyed, first] = equal_indexes_first(with_index, column_of(joined, lids[ia.size() + na]),
                                              column_of(joined, rids[ib.size() + nb]));
    result = order_by_index(keyed, ids, tie, first);
  }
  std::vector<ExprPtr> left, right;
  for (size_t i = 0; i < na; ++i) left.push_back(column_of(joined, lids[ia.size() + i]));
  for (size_t i = 0; i < nb; ++i) right.push_back(column_of(joined, rids[ib.size() + i]));
  Aligned out{result, relabel(a.index, ids), both_default, left, right, one_sided, reordered};
  out.equal = equal_indexes;
  return out;
}

}  // namespace

namespace api_detail {

Aligned align_outer(const Series& a, const Series& b) {
  return align_operands_impl(a.context(), {a.relation(), a.index(), a.default_index(), {a.expr()}},
                             {b.relation(), b.index(), b.default_index(), {b.expr()}});
}

LeftAligned align_left(const DataFrame& df, const Series& s) {
  check_same_session(df.context(), s.context());
  const auto& ctx = df.context();
  std::vector<ExprPtr> frame = index_exprs(df.plan(), df.index());
  for (const auto& c : df.value_columns()) frame.push_back(column_of(df.plan(), c.id));
  auto is = index_exprs(s.relation(), s.index());
  if (df.plan() == s.relation()) return {df.plan(), frame, s.expr(), nullptr};
  auto idf = index_exprs(df.plan(), df.index());
  if (!idf.empty() || !is.empty()) check_index_compatible(idf, is);
  std::vector<ExprPtr> ps = is;
  ps.push_back(s.expr());
  auto rj = rewrite::row_join({{df.plan(), frame}, {s.relation(), ps}});
  if (rj && same_labels(*rj, is.size())) {
    // Rows of one relation: the Series' values by row identity, which is pandas' pairing for
    // the same rows in the same order (equal indexes), without an index, or on unique labels.
    const ExprPtr &cd = rj->conditions[0], &cs = rj->conditions[1];
    std::vector<ExprPtr> labels(rj->exprs[1].begin(), rj->exprs[1].begin() + is.size());
    if ((rewrite::same_expr(cs, cd) && rewrite::same_order(rj->orders[0], rj->orders[1])) || labels.empty() ||
        labels_unique(ctx, rj->base, labels)) {
      NodePtr rel = rj->base;
      if (cd) rel = std::make_shared<plan::FilterNode>(rel, cd);
      rel = rewrite::ordered_by(rel, rj->orders[0]);  // the DataFrame's order
      ExprPtr value = rj->exprs[1].back();
      ExprPtr missing;
      if (cs && !rewrite::same_expr(cs, cd)) {
        value = std::make_shared<plan::ConditionalExpr>(cs, value);
        missing = std::make_shared<plan::UnaryExpr>(
            plan::UnaryOp::Not, std::make_shared<plan::CoalesceExpr>(cs, plan::make_literal(false, DType::Boolean)));
      }
      return {rel, std::vector<ExprPtr>(rj->exprs[0].begin(), rj->exprs[0].begin() + frame.size()), value, missing};
    }
  }
  // A left join on the index labels, in the DataFrame's order (pandas' reindex); by position
  // where the two indexes are equal and labels may repeat.
  require_index(idf, is);
  bool ordered = !df.plan()->ordering().empty() && !s.relation()->ordering().empty();
  NodePtr frame_rel = df.plan(), value_rel = s.relation();
  ExprPtr equal;
  std::string fpos, vpos;
  if (!labels_unique(ctx, value_rel, is)) {
    if (ordered) {
      std::tie(frame_rel, fpos) = with_positions(frame_rel);
      std::tie(value_rel, vpos) = with_positions(value_rel);
      equal = indexes_equal(frame_rel, idf, fpos, value_rel, is, vpos);
    }
    // pandas refuses to reindex a Series whose labels repeat: rows must never multiply here.
    auto [counted, count_id] = counted_labels(value_rel, is);
    ExprPtr count = column_of(counted, count_id);
    if (equal) count = std::make_shared<plan::ConditionalExpr>(equal, int_literal(1), count);
    value_rel = refusing_repeats(counted, count, kRepeatedValueLabels, is[0]);
  }
  std::vector<ExprPtr> left_cols = frame, right_cols = is;
  right_cols.push_back(s.expr());
  right_cols.push_back(plan::make_literal(true, DType::Boolean));  // marks matched rows
  if (equal) {
    left_cols.push_back(position_key(equal, frame_rel, fpos));
    right_cols.push_back(position_key(equal, value_rel, vpos));
  }
  auto [lrel, lids] = isolate(frame_rel, with_ordering(left_cols, frame_rel));
  auto [rrel, rids] = isolate(value_rel, right_cols);
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < is.size(); ++i) keys.emplace_back(lids[i], rids[i]);
  if (equal) keys.emplace_back(lids[frame.size()], rids[is.size() + 2]);
  NodePtr joined = std::make_shared<plan::JoinNode>(lrel, rrel, plan::JoinType::Left, keys);
  NodePtr ordered_rel = std::make_shared<plan::OrderByNode>(joined, lrel->ordering().keys);
  std::vector<ExprPtr> frame_out;
  for (size_t i = 0; i < frame.size(); ++i) frame_out.push_back(column_of(joined, lids[i]));
  return {ordered_rel, frame_out, column_of(joined, rids[is.size()]),
          std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, rids[is.size() + 1]))};
}

namespace {

/// Nodes whose rows are (some of) their input's, with the input's columns passed on.
bool keeps_input_rows(plan::NodeKind k) {
  return k == plan::NodeKind::Project || k == plan::NodeKind::Select || k == plan::NodeKind::Filter ||
         k == plan::NodeKind::OrderBy || k == plan::NodeKind::Limit || k == plan::NodeKind::Window ||
         k == plan::NodeKind::RowNumber;
}

}  // namespace

/// True when `labels` is one column of row positions of a single relation (a scan's row number
/// or a ROW_NUMBER over all rows), which filters, projections and sorts keep unique; false when
/// its labels might repeat (after a concat or a join, or any other index).
bool unique_positions(const NodePtr& relation, const std::vector<ExprPtr>& labels) {
  if (labels.size() != 1 || labels[0]->kind() != plan::ExprKind::Column) return false;
  const std::string& id = static_cast<const plan::ColumnExpr&>(*labels[0]).id();
  NodePtr n = relation;
  while (true) {
    switch (n->kind()) {
      case plan::NodeKind::TableScan:
        return static_cast<const plan::TableScanNode&>(*n).rowid_column() == id;
      case plan::NodeKind::ReadParquet:
        return static_cast<const plan::ReadParquetNode&>(*n).position_column() == id;
      case plan::NodeKind::RowNumber: {
        const auto& rn = static_cast<const plan::RowNumberNode&>(*n);
        if (rn.id() == id) return rn.partition().empty();
        break;
      }
      default:
        if (!keeps_input_rows(n->kind())) return false;  // a join, union or aggregate: its columns may repeat
    }
    if (!n->inputs()[0]->has_column(id)) return false;  // defined here, by a projection or window
    n = n->inputs()[0];
  }
}

namespace {

/// The node that defines columns `ids` of `relation`, and their ids there: followed down
/// through nodes that keep (some of) their input's rows and pass those columns on unchanged,
/// or renamed by a projection.
std::pair<NodePtr, std::vector<std::string>> origin_of(NodePtr n, std::vector<std::string> ids) {
  while (true) {
    switch (n->kind()) {
      case plan::NodeKind::Project: {
        const auto& exprs = static_cast<const plan::ProjectNode&>(*n).exprs();
        for (auto& id : ids) {
          auto e = std::find_if(exprs.begin(), exprs.end(), [&](const auto& ne) { return ne.id == id; });
          if (e == exprs.end()) continue;
          if (e->expr->kind() != plan::ExprKind::Column) return {n, ids};  // computed here
          id = static_cast<const plan::ColumnExpr&>(*e->expr).id();
        }
        break;
      }
      default:
        if (!keeps_input_rows(n->kind())) return {n, ids};
    }
    const NodePtr& input = n->inputs()[0];
    if (!std::all_of(ids.begin(), ids.end(), [&](const auto& id) { return input->has_column(id); })) return {n, ids};
    n = input;
  }
}

}  // namespace

bool labels_unique(const std::shared_ptr<session::Context>& ctx, const NodePtr& relation,
                   const std::vector<ExprPtr>& labels) {
  if (labels.empty()) return false;
  if (unique_positions(relation, labels)) return true;
  std::vector<std::string> ids;
  for (const auto& l : labels) {
    if (l->kind() != plan::ExprKind::Column) return false;
    ids.push_back(static_cast<const plan::ColumnExpr&>(*l).id());
  }
  auto [origin, origin_ids] = origin_of(relation, ids);
  auto among_labels = [&](const std::string& id) { return std::find(origin_ids.begin(), origin_ids.end(), id) != origin_ids.end(); };
  if (origin->kind() == plan::NodeKind::Aggregate) {  // a grouped result: its keys are unique
    const auto& keys = static_cast<const plan::AggregateNode&>(*origin).group_keys();
    return !keys.empty() && std::all_of(keys.begin(), keys.end(), among_labels);
  }
  if (!ctx || origin->kind() != plan::NodeKind::TableScan) return false;
  // A session table's columns: one query per table and columns, remembered by the session.
  const auto& scan = static_cast<const plan::TableScanNode&>(*origin);
  if (among_labels(scan.rowid_column())) return true;
  std::string key = scan.table_name();
  for (const auto& id : origin_ids) {
    auto c = std::find_if(scan.columns().begin(), scan.columns().end(), [&](const auto& sc) { return sc.id == id; });
    if (c == scan.columns().end()) return false;
    key += '\x1f' + c->source_name;
  }
  if (auto known = ctx->known_unique(key)) return *known;
  std::string count_id = plan::new_column_id();
  NodePtr groups = std::make_shared<plan::AggregateNode>(
      origin, std::vector<plan::Aggregation>{{count_id, AggFunc::CountAll, nullptr}}, origin_ids);
  NodePtr repeated = std::make_shared<plan::FilterNode>(
      groups, plan::make_binary(plan::BinaryOp::Gt, column_of(groups, count_id), plan::make_literal(int64_t{1}, DType::Int64)));
  bool unique = ctx->count(repeated) == 0;
  ctx->remember_unique(key, unique);
  return unique;
}

ExprPtr differs(const ExprPtr& a, const ExprPtr& b) {
  using plan::UnaryOp;
  auto null_a = std::make_shared<plan::UnaryExpr>(UnaryOp::IsNull, a);
  auto null_b = std::make_shared<plan::UnaryExpr>(UnaryOp::IsNull, b);
  auto both_null = plan::make_binary(plan::BinaryOp::And, null_a, null_b);
  auto equal = std::make_shared<plan::CoalesceExpr>(plan::make_binary(plan::BinaryOp::Eq, a, b),
                                                    plan::make_literal(false, DType::Boolean));
  return std::make_shared<plan::UnaryExpr>(UnaryOp::Not, plan::make_binary(plan::BinaryOp::Or, both_null, equal));
}

std::pair<NodePtr, std::string> counted_labels(const NodePtr& relation, const std::vector<ExprPtr>& labels) {
  auto [rel, ids] = materialize(relation, labels);
  plan::WindowCall call{plan::new_column_id(), plan::WindowFunc::Transform, column_of(rel, ids[0]), ids};
  call.agg = AggFunc::CountAll;
  return {std::make_shared<plan::WindowNode>(rel, std::vector<plan::WindowCall>{call}), call.id};
}

NodePtr refusing_repeats(const NodePtr& relation, const ExprPtr& count, const char* message, const ExprPtr& label) {
  std::vector<ExprPtr> args{count};
  if (label) args.push_back(label);
  return std::make_shared<plan::FilterNode>(
      relation, std::make_shared<plan::FunctionExpr>("unique_label", std::move(args), std::vector<Value>{std::string(message)}));
}

/// `relation`, failing when run if two of its rows carry the same `labels`. Two selections of
/// one relation combine row by row; where their rows or order differ, pandas pairs them by
/// label instead, which is the same thing only while no label repeats: where one does,
/// cormorant refuses rather than pair the wrong rows. Without labels (a NULL index) rows pair
/// by identity only, and `relation` comes back as it is.
NodePtr with_unique_labels(const NodePtr& relation, const std::vector<ExprPtr>& labels, const char* message) {
  if (labels.empty()) return relation;
  auto [counted, id] = counted_labels(relation, labels);
  return refusing_repeats(counted, column_of(counted, id), message, labels[0]);
}

}  // namespace api_detail

bool api_detail::not_identically_labelled(const std::shared_ptr<session::Context>& ctx, const Aligned& al) {
  if (al.reordered) return true;
  ExprPtr differs_somewhere = al.one_sided;
  if (al.equal) {
    ExprPtr unequal = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::Not, al.equal);
    differs_somewhere = differs_somewhere ? plan::make_binary(BinaryOp::Or, differs_somewhere, unequal) : unequal;
  }
  return differs_somewhere && ctx->count(std::make_shared<plan::FilterNode>(al.relation, differs_somewhere)) > 0;
}

Aligned api_detail::align_operands(const std::shared_ptr<session::Context>& ctx, const Operand& a, const Operand& b) {
  return align_operands_impl(ctx, a, b);
}

Aligned api_detail::align_frame_series(const std::shared_ptr<session::Context>& ctx, const Operand& frame,
                                       const Operand& series) {
  return align_operands_impl(ctx, frame, series, true);
}

Operand api_detail::operand_of(const DataFrame& frame) {
  Operand out{frame.plan(), frame.index(), frame.default_index(), {}};
  for (const auto& c : frame.value_columns()) out.values.push_back(column_of(frame.plan(), c.id));
  return out;
}

}  // namespace cormorant
