// pandas' alignment of operands on their index labels (binary operations, assignment of a Series).
#include "cormorant/api/dataframe.hpp"

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
using api_detail::unique_positions;
using api_detail::unordered;
using api_detail::with_ordering;
using api_detail::with_unique_labels;

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

/// What cormorant says where pandas' alignment would depend on labels that repeat.
constexpr const char* kRepeatedLabels =
    "cannot align two selections of the same rows on an index that repeats a label (as after concat or "
    "set_index on a column with duplicates): pandas would pair their rows by label, not row by row; make the "
    "index unique first (reset_index(), or set_index on a unique column)";
constexpr const char* kRepeatedValueLabels =
    "cannot assign a Series whose index repeats a label (pandas: cannot reindex on an axis with duplicate "
    "labels); make its index unique first (reset_index(), or set_index on a unique column)";
constexpr const char* kRepeatedOnBothSides =
    "cannot align two objects whose indexes both repeat a label (as after concat): pandas pairs them row by row "
    "when the two indexes are equal and by label otherwise; make the indexes unique first (reset_index()), or "
    "combine columns of one DataFrame";

/// Throws NullIndexError when either side has a NULL index (then only objects derived from the
/// same table expression combine, row by row).
void require_index(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  if (a.empty() || b.empty()) {
    throw NullIndexError(
        "cannot align objects with a NULL index (ordering_mode=\"partial\" or index_col=DefaultIndexKind.NULL) "
        "unless they derive from the same table expression; set an explicit index with set_index() on both first");
  }
}

void check_index_compatible(const std::vector<ExprPtr>& a, const std::vector<ExprPtr>& b) {
  require_index(a, b);
  if (a.size() != b.size()) {
    throw InvalidArgumentError("cannot align objects whose indexes have " + std::to_string(a.size()) + " and " +
                               std::to_string(b.size()) + " levels; reset_index() one of them");
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i]->dtype() != b[i]->dtype()) {
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

/// pandas' alignment of two operands for a binary operation: the union of their labels.
Aligned align_operands_impl(const Operand& a, const Operand& b) {
  auto ia = index_exprs(a.relation, a.index);
  auto ib = index_exprs(b.relation, b.index);
  bool both_default = a.default_index && b.default_index;
  if (a.relation == b.relation && ia.size() == ib.size() &&
      std::equal(ia.begin(), ia.end(), ib.begin(), [](auto& x, auto& y) { return rewrite::same_expr(x, y); })) {
    return {a.relation, a.index, a.default_index, a.values, b.values, nullptr, false};
  }
  if (!ia.empty() || !ib.empty()) check_index_compatible(ia, ib);
  const size_t na = a.values.size(), nb = b.values.size();
  std::vector<ExprPtr> pa = ia, pb = ib;
  pa.insert(pa.end(), a.values.begin(), a.values.end());
  pb.insert(pb.end(), b.values.begin(), b.values.end());
  auto rj = rewrite::row_join({{a.relation, pa}, {b.relation, pb}});
  if (rj && same_labels(*rj, ia.size())) {
    // Rows of one relation: a projection over it, no join (the row-join rewrite).
    const ExprPtr &ca = rj->conditions[0], &cb = rj->conditions[1];
    std::vector<ExprPtr> left(rj->exprs[0].begin() + ia.size(), rj->exprs[0].end());
    std::vector<ExprPtr> right(rj->exprs[1].begin() + ib.size(), rj->exprs[1].end());
    bool same_rows = rewrite::same_expr(ca, cb);
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
    bool ordered_alike = rewrite::same_order(rj->orders[0], rj->orders[1]);
    NodePtr rel = keep ? std::make_shared<plan::FilterNode>(rj->base, keep) : rj->base;
    std::vector<ExprPtr> labels(rj->exprs[0].begin(), rj->exprs[0].begin() + ia.size());
    NodePtr ordered;
    if (same_rows && ordered_alike) {
      ordered = rewrite::ordered_by(rel, rj->orders[0]);  // identical labels: pandas keeps their order
      auto [with_index, ids] = materialize(ordered, labels);
      return {with_index, relabel(a.index, ids), both_default, left, right, one_sided, false};
    }
    // Otherwise pandas pairs rows by label and sorts the union of labels.
    if (!unique_positions(rel, labels)) rel = with_unique_labels(rel, labels, kRepeatedLabels);
    auto [with_index, ids] = materialize(rel, labels);
    ordered = index_is_ordering(rel, labels) ? with_index : order_by_index(with_index, ids, with_index->ordering().keys);
    return {ordered, relabel(a.index, ids), both_default, left, right, one_sided, !ordered_alike};
  }
  // Different sources: an outer join on the index labels.
  require_index(ia, ib);
  // Each side carries its ordering keys (or, unordered, a TRUE marker): never null on a real
  // row, so a null one marks a row only the other side has. Ordered, each also carries its row
  // positions, which tell whether the two indexes are equal (then pandas keeps their order).
  bool ordered = !a.relation->ordering().empty() && !b.relation->ordering().empty();
  auto marked = [&](std::vector<ExprPtr> exprs, NodePtr& relation) {
    if (!ordered) {
      exprs.push_back(plan::make_literal(true, DType::Boolean));
      return exprs;
    }
    std::string position = plan::new_column_id();
    relation = std::make_shared<plan::RowNumberNode>(relation, position);
    exprs.push_back(column_of(relation, position));
    return with_ordering(std::move(exprs), relation);
  };
  NodePtr arel = a.relation, brel = b.relation;
  auto amarked = marked(pa, arel);
  auto bmarked = marked(pb, brel);
  auto [lrel, lids] = isolate(arel, amarked);
  auto [rrel, rids] = isolate(brel, bmarked);
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < ia.size(); ++i) keys.emplace_back(lids[i], rids[i]);
  NodePtr joined;
  if (unique_positions(a.relation, ia) || unique_positions(b.relation, ib)) {
    joined = std::make_shared<plan::JoinNode>(lrel, rrel, plan::JoinType::Outer, keys);
  } else {
    // A label both sides repeat: pandas pairs by position if the indexes are equal, else by
    // label, which a join cannot tell apart; refused when run.
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
      return std::make_shared<plan::CoalesceExpr>(column_of(joined, id), plan::make_literal(int64_t{1}, DType::Int64));
    };
    ExprPtr lc = count_of(lcount), rc = count_of(rcount);
    ExprPtr fewer = std::make_shared<plan::ConditionalExpr>(plan::make_binary(BinaryOp::Lt, lc, rc), lc, rc);
    joined = refusing_repeats(joined, fewer, kRepeatedOnBothSides);
  }
  std::vector<ExprPtr> labels;
  for (size_t i = 0; i < ia.size(); ++i) {
    labels.push_back(std::make_shared<plan::CoalesceExpr>(column_of(joined, lids[i]), column_of(joined, rids[i])));
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
  return {result, relabel(a.index, ids), both_default, left, right, one_sided, false};
}

}  // namespace

namespace api_detail {

Aligned align_outer(const Series& a, const Series& b) {
  return align_operands_impl({a.relation(), a.index(), a.default_index(), {a.expr()}},
                        {b.relation(), b.index(), b.default_index(), {b.expr()}});
}

LeftAligned align_left(const DataFrame& df, const Series& s) {
  check_same_session(df.context(), s.context());
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
    const ExprPtr &cd = rj->conditions[0], &cs = rj->conditions[1];
    NodePtr rel = rj->base;
    std::vector<ExprPtr> labels(rj->exprs[1].begin(), rj->exprs[1].begin() + is.size());
    if (!(rewrite::same_expr(cs, cd) && rewrite::same_order(rj->orders[0], rj->orders[1])) &&
        !unique_positions(rel, labels)) {
      // Not pandas' positional case: labels must pair the same rows as row identity does.
      ExprPtr both = rewrite::or_conditions(cd, cs);
      if (both) rel = std::make_shared<plan::FilterNode>(rel, both);
      rel = with_unique_labels(rel, labels, kRepeatedLabels);
    }
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
  // Different sources: a left join on the index labels, in the DataFrame's order.
  require_index(idf, is);
  std::vector<ExprPtr> right_cols = is;
  right_cols.push_back(s.expr());
  right_cols.push_back(plan::make_literal(true, DType::Boolean));  // marks matched rows
  auto [lrel, lids] = isolate(df.plan(), with_ordering(frame, df.plan()));
  // pandas refuses to reindex a Series whose labels repeat: rows must never multiply here.
  NodePtr value_rel =
      unique_positions(s.relation(), is) ? s.relation() : with_unique_labels(s.relation(), is, kRepeatedValueLabels);
  auto [rrel, rids] = isolate(value_rel, right_cols);
  std::vector<std::pair<std::string, std::string>> keys;
  for (size_t i = 0; i < is.size(); ++i) keys.emplace_back(lids[i], rids[i]);
  NodePtr joined = std::make_shared<plan::JoinNode>(lrel, rrel, plan::JoinType::Left, keys);
  NodePtr ordered = std::make_shared<plan::OrderByNode>(joined, lrel->ordering().keys);
  std::vector<ExprPtr> frame_out;
  for (size_t i = 0; i < frame.size(); ++i) frame_out.push_back(column_of(joined, lids[i]));
  return {ordered, frame_out, column_of(joined, rids[is.size()]),
          std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, column_of(joined, rids[is.size() + 1]))};
}

}  // namespace api_detail

Aligned api_detail::align_operands(const Operand& a, const Operand& b) { return align_operands_impl(a, b); }

Operand api_detail::operand_of(const DataFrame& frame) {
  Operand out{frame.plan(), frame.index(), frame.default_index(), {}};
  for (const auto& c : frame.value_columns()) out.values.push_back(column_of(frame.plan(), c.id));
  return out;
}

}  // namespace cormorant
