#include "cormorant/api/dataframe.hpp"
#include "remote.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <tuple>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/window.hpp"
#include "cormorant/rewrite/align.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;

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

}  // namespace api_detail

using api_detail::Aligned;
using api_detail::isolate;
using api_detail::Operand;
using api_detail::astype_expr;
using api_detail::check_same_session;
using api_detail::unordered;
using api_detail::check_no_nul;
using api_detail::column_of;
using api_detail::padded;
using api_detail::materialize;
using api_detail::require_order;
using api_detail::with_positions;

namespace {

std::vector<ExprPtr> index_exprs(const NodePtr& relation, const std::vector<IndexLevel>& index) {
  std::vector<ExprPtr> out;
  for (const auto& level : index) out.push_back(column_of(relation, level.id));
  return out;
}

std::vector<ExprPtr> ordering_exprs(const NodePtr& relation) {
  std::vector<ExprPtr> out;
  for (const auto& k : relation->ordering().keys) out.push_back(column_of(relation, k.column));
  return out;
}

std::vector<plan::OrderingKey> reversed(std::vector<plan::OrderingKey> keys) {
  for (auto& k : keys) {
    k.ascending = !k.ascending;
    k.nulls_last = !k.nulls_last;
  }
  return keys;
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

}  // namespace

namespace api_detail {

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
      case plan::NodeKind::Project:
      case plan::NodeKind::Select:
      case plan::NodeKind::Filter:
      case plan::NodeKind::OrderBy:
      case plan::NodeKind::Limit:
      case plan::NodeKind::Window:
        break;
      default:
        return false;  // a join, union or aggregate: its columns may repeat
    }
    if (!n->inputs()[0]->has_column(id)) return false;  // defined here, by a projection or window
    n = n->inputs()[0];
  }
}

/// `relation` with a column counting the rows that share each row's `labels` (its id second).
std::pair<NodePtr, std::string> counted_labels(const NodePtr& relation, const std::vector<ExprPtr>& labels) {
  auto [rel, ids] = materialize(relation, labels);
  plan::WindowCall call{plan::new_column_id(), plan::WindowFunc::Transform, column_of(rel, ids[0]), ids};
  call.agg = AggFunc::CountAll;
  return {std::make_shared<plan::WindowNode>(rel, std::vector<plan::WindowCall>{call}), call.id};
}

/// `relation`, failing when run (InvalidArgumentError, `message`) on a row where `count` > 1.
NodePtr refusing_repeats(const NodePtr& relation, const ExprPtr& count, const char* message) {
  return std::make_shared<plan::FilterNode>(
      relation, std::make_shared<plan::FunctionExpr>("unique_label", std::vector<ExprPtr>{count},
                                                     std::vector<Value>{std::string(message)}));
}

/// `relation`, failing when run if two of its rows carry the same `labels`. Two selections of
/// one relation combine row by row; where their rows or order differ, pandas pairs them by
/// label instead, which is the same thing only while no label repeats: where one does,
/// cormorant refuses rather than pair the wrong rows. Without labels (a NULL index) rows pair
/// by identity only, and `relation` comes back as it is.
NodePtr with_unique_labels(const NodePtr& relation, const std::vector<ExprPtr>& labels, const char* message) {
  if (labels.empty()) return relation;
  auto [counted, id] = counted_labels(relation, labels);
  return refusing_repeats(counted, column_of(counted, id), message);
}

}  // namespace api_detail

using api_detail::unique_positions;
using api_detail::with_unique_labels;
using api_detail::counted_labels;
using api_detail::refusing_repeats;

namespace {

std::vector<IndexLevel> relabel(const std::vector<IndexLevel>& like, const std::vector<std::string>& ids) {
  std::vector<IndexLevel> out;
  for (size_t i = 0; i < ids.size(); ++i) out.push_back({ids[i], like[i].name});
  return out;
}

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


/// The exprs of one part, followed by its relation's ordering keys (so they travel through a
/// join with the part).
std::vector<ExprPtr> with_ordering(std::vector<ExprPtr> exprs, const NodePtr& relation) {
  for (const auto& e : ordering_exprs(relation)) exprs.push_back(e);
  return exprs;
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

/// align_operands for two Series: each side's value is the first of `left` and `right`.
Aligned align_outer(const Series& a, const Series& b) {
  return align_operands_impl({a.relation(), a.index(), a.default_index(), {a.expr()}},
                        {b.relation(), b.index(), b.default_index(), {b.expr()}});
}

/// A DataFrame's columns and a Series brought onto the DataFrame's rows (pandas' reindex):
/// labels the Series lacks get <NA>. `missing`, when set, is true on rows the Series lacks.
struct LeftAligned {
  NodePtr relation;
  std::vector<ExprPtr> frame;  ///< index exprs, then value exprs
  ExprPtr value;
  ExprPtr missing;
};

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

}  // namespace

Aligned api_detail::align_operands(const Operand& a, const Operand& b) { return align_operands_impl(a, b); }

Operand api_detail::operand_of(const DataFrame& frame) {
  Operand out{frame.plan(), frame.index(), frame.default_index(), {}};
  for (const auto& c : frame.value_columns()) out.values.push_back(column_of(frame.plan(), c.id));
  return out;
}

// ---- Session -------------------------------------------------------------------------

namespace api_detail {

DataFrame frame_of(const std::shared_ptr<session::Context>& ctx, const NodePtr& relation,
                   const std::vector<IndexLevel>& index, const std::vector<ExprPtr>& exprs,
                   const std::vector<Label>& labels, bool default_index, const std::vector<ColumnLevel>& column_levels) {
  auto [rel, ids] = materialize(relation, exprs);
  std::vector<Column> columns;
  for (size_t i = 0; i < labels.size(); ++i) columns.push_back({labels[i], ids[index.size() + i]});
  return DataFrame(ctx, rel, relabel(index, std::vector<std::string>(ids.begin(), ids.begin() + index.size())),
                   columns, default_index, column_levels);
}

DataFrame from_source(const std::shared_ptr<session::Context>& ctx, const session::Source& src, DefaultIndexKind kind) {
  NodePtr rel = src.plan;
  std::vector<Column> columns;
  std::vector<std::string> ids;
  for (const auto& [label, id] : src.columns) {
    columns.push_back({label, id});
    ids.push_back(id);
  }
  if (ctx->ordering_mode() == OrderingMode::Partial) {
    // No order and a NULL index: nothing numbers or sorts the rows.
    return DataFrame(ctx, std::make_shared<plan::SelectNode>(rel, ids, false), {}, columns, false);
  }
  if (rel->kind() == plan::NodeKind::SqlQuery) {
    // No order of its own: order by two independent hashes of all columns, then number
    // identical rows (any numbering of identical rows gives the same result).
    std::vector<ExprPtr> all;
    for (const auto& c : columns) all.push_back(column_of(rel, c.id));
    std::string h1 = plan::new_column_id(), h2 = plan::new_column_id(), tie = plan::new_column_id();
    rel = std::make_shared<plan::ProjectNode>(
        rel, std::vector<plan::NamedExpr>{{h1, std::make_shared<plan::HashExpr>(all, 1)},
                                          {h2, std::make_shared<plan::HashExpr>(all, 2)}});
    rel = std::make_shared<plan::RowNumberNode>(rel, tie, std::vector<std::string>{h1, h2});
    rel = std::make_shared<plan::OrderByNode>(rel, std::vector<plan::OrderingKey>{{h1}, {h2}, {tie}});
  }
  if (kind == DefaultIndexKind::Null) return DataFrame(ctx, rel, {}, columns, false);
  auto [positioned, position] = with_positions(rel);
  return DataFrame(ctx, positioned, {{position, std::nullopt}}, columns, true);
}

}  // namespace api_detail

using api_detail::from_source;

Session::Session(SessionOptions options) : ctx_(std::make_shared<session::Context>(std::move(options))) {}

Session Session::of(const DataFrame& frame) { return Session(frame.context()); }

DataFrame Session::read_csv(const std::string& path, const CsvOptions& options,
                            const std::vector<std::string>& index_col) const {
  DataFrame df = from_source(ctx_, ctx_->read_csv(path, options));
  return index_col.empty() ? df : df.set_index(to_labels(index_col));
}

DataFrame Session::read_parquet(const std::string& path, DefaultIndexKind index) const {
  return from_source(ctx_, ctx_->read_parquet(path), index);
}

DataFrame Session::read_arrow(ArrowArrayStream* stream, const std::vector<std::string>& index_columns,
                              const std::vector<std::optional<Label>>& index_names,
                              const std::vector<Label>& labels,
                              const std::vector<ColumnLevel>& column_levels) const {
  DataFrame df = from_source(ctx_, ctx_->read_arrow(stream));
  std::vector<IndexLevel> index;
  std::vector<Column> values;
  for (size_t i = 0; i < index_columns.size(); ++i) {
    bool found = false;
    for (const auto& c : df.value_columns()) {
      if (c.label == Label(index_columns[i])) {
        index.push_back({c.id, i < index_names.size() ? index_names[i] : std::nullopt});
        found = true;
      }
    }
    if (!found) throw ColumnNotFoundError("index column '" + index_columns[i] + "' is not in the Arrow data");
  }
  for (const auto& c : df.value_columns()) {
    if (std::find(index_columns.begin(), index_columns.end(), c.label.str()) == index_columns.end()) values.push_back(c);
  }
  if (!labels.empty()) {
    if (labels.size() != values.size()) {
      throw InternalError("internal error: " + std::to_string(labels.size()) + " labels for " +
                          std::to_string(values.size()) + " Arrow columns");
    }
    for (size_t i = 0; i < values.size(); ++i) values[i].label = labels[i];
  }
  if (index.empty()) return DataFrame(ctx_, df.plan(), df.index(), values, df.default_index(), column_levels);
  return DataFrame(ctx_, df.plan(), index, values, false, column_levels);
}

DataFrame Session::read_json(const std::string& path) const { return from_source(ctx_, ctx_->read_json(path)); }

DataFrame Session::read_sql(const std::string& sql) const { return from_source(ctx_, ctx_->read_sql(sql)); }

Table Session::execute_sql(const std::string& sql) const { return ctx_->execute_sql(sql); }

const std::string& Session::id() const { return ctx_->id(); }

void Session::close() const {
  auto deployed = session_functions(*ctx_, ctx_->id());
  ctx_->close();  // removes the session's unnamed routines
  undeploy_functions(*ctx_, deployed);
}
void Session::interrupt() const { ctx_->interrupt(); }

DataFrame DataFrame::cache() const {
  session::Source src = ctx_->materialize(plan_, output());
  // The table's columns are the index levels, then the values, in output() order.
  const auto& cols = src.columns;
  std::vector<IndexLevel> index;
  for (size_t i = 0; i < index_.size(); ++i) index.push_back({cols[i].second, index_[i].name});
  std::vector<Column> columns;
  for (size_t i = 0; i < columns_.size(); ++i) columns.push_back({columns_[i].label, cols[index_.size() + i].second});
  return DataFrame(ctx_, src.plan, index, columns, default_index_);
}

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
}

DataFrame DataFrame::with(NodePtr plan) const {
  return DataFrame(ctx_, std::move(plan), index_, columns_, default_index_, column_levels_);
}

namespace {

/// Refuses `operation` on column `label` (`id` in `plan`) when it has a storage-only dtype
/// (binary, decimal, list), naming the column.
void refuse_storage_column(const plan::Node& plan, const std::string& operation, const Label& label,
                           const std::string& id) {
  DType d = plan.dtype_of(id);
  if (is_storage_only(d)) refuse_storage_only(operation, label.to_string(), d);
}

}  // namespace

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
    if (it != dtypes.end() && it->second != e->dtype()) e = astype_expr(input, e, it->second, c.label.to_string());
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
    if (!fits) throw LabelNotFoundError("[" + v.to_string() + "] not in index");
    Value typed = v;
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
  for (const auto& label : by) refuse_storage_column(*plan_, "sort_values by", label, column(label).id);
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

/// Applies pandas' skipna and empty-input rules to a raw SQL aggregate.
Value finish_aggregate(AggFunc func, bool skipna, const Value& raw, int64_t non_missing, int64_t rows, DType dtype) {
  if (func == AggFunc::Count || func == AggFunc::CountAll) return raw;
  if (!skipna && non_missing < rows) {
    // Kleene logic, as pandas' nullable any/all: a true value decides any, a false one all.
    bool decided = !raw.is_na() && ((func == AggFunc::Any && raw.get<bool>()) || (func == AggFunc::All && !raw.get<bool>()));
    return decided ? raw : NA;
  }
  if (func == AggFunc::Sum && raw.is_na()) {
    if (dtype == DType::Timedelta) return Moment::timedelta(0);
    return dtype == DType::Float64 ? Value(0.0) : Value(int64_t{0});
  }
  return raw;
}

}  // namespace

std::vector<std::pair<Label, Value>> DataFrame::aggregate(AggFunc func, bool skipna, bool numeric_only) const {
  std::vector<plan::Aggregation> aggs;
  std::vector<const Column*> used;
  std::string rows_id = plan::new_column_id();
  aggs.push_back({rows_id, AggFunc::CountAll, nullptr});
  ExprPtr label = label_of_rows(func, plan_, index_);  // (idxmax, idxmin)
  for (const auto& c : columns_) {
    ExprPtr arg = column_of(plan_, c.id);
    if (numeric_only && arg->dtype() == DType::Decimal) {
      // pandas counts decimals as numeric: leaving the column out would give another result.
      refuse_storage_only("a numeric_only reduction over", c.label.to_string(), arg->dtype());
    }
    if (numeric_only && !is_numeric(arg->dtype())) continue;
    bool moves_values = func == AggFunc::Count || func == AggFunc::CountAll || func == AggFunc::First ||
                        func == AggFunc::Last;
    if (is_storage_only(arg->dtype()) && !moves_values) {
      refuse_storage_only("the reduction over", c.label.to_string(), arg->dtype());
    }
    plan::aggregate_type(func, arg->dtype());  // throws for a dtype the reduction does not take
    used.push_back(&c);
    aggs.push_back({plan::new_column_id(), func, arg, label, 0.5, c.label.to_string()});
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
    if (label && !skipna && non_missing < rows) {
      // pandas raises where no row can be named (no rows, or all missing: the query raised)
      throw InvalidArgumentError(std::string(func == AggFunc::IdxMax ? "idxmax" : "idxmin") + " of column '" +
                                 used[i]->label.to_string() + "': a value is missing and skipna=False");
    }
    result.emplace_back(used[i]->label,
                        finish_aggregate(func, skipna, t.at(0, static_cast<int64_t>(1 + 2 * i)), non_missing, rows, dtype));
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
    if (!is_numeric(arg->dtype())) continue;
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

std::string DataFrame::sql() const { return ctx_->sql(plan_, output()); }

Table DataFrame::to_table() const {
  compile::Output out;
  for (size_t i = 0; i < columns_.size(); ++i) {
    out.ids.push_back(columns_[i].id);
    out.aliases.push_back("v" + std::to_string(i));
  }
  Table t = ctx_->execute(plan_, out);
  std::vector<std::string> labels;
  for (const auto& c : columns_) labels.push_back(c.label.to_string());
  t.set_names(labels);
  return t;
}

Result DataFrame::to_result() const {
  Result r{ctx_->execute(plan_, output()), {}, {}, column_levels_, default_index_};
  for (const auto& level : index_) r.index_names.push_back(level.name);
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
      std::string label = index_.empty() ? std::to_string(first + row) : "";
      for (size_t l = 0; l < index_.size(); ++l) label += (l ? " " : "") + r.table.at(row, static_cast<int64_t>(l)).to_string();
      index.push_back(label);
      for (size_t c = 0; c < columns_.size(); ++c) cells[c].push_back(r.table.at(row, static_cast<int64_t>(index_.size() + c)));
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

Series DataFrame::duplicated(const std::vector<Label>& subset, const std::string& keep) const {
  if (keep != "first" && keep != "last" && keep != "none") {
    throw InvalidArgumentError("keep must be 'first', 'last' or False, got '" + keep + "'");
  }
  std::vector<std::string> partition;
  for (const auto& label : subset) {
    partition.push_back(column(label).id);
    refuse_storage_column(*plan_, "duplicated/drop_duplicates by", label, partition.back());
  }
  if (subset.empty()) {
    for (const auto& c : columns_) {
      refuse_storage_column(*plan_, "duplicated/drop_duplicates by", c.label, c.id);
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
  for (const auto& label : lkeys) refuse_storage_column(*plan_, "merge on", label, column(label).id);
  for (const auto& label : rkeys) refuse_storage_column(*right.plan_, "merge on", label, right.column(label).id);
  // Numeric keys of different dtypes (Int64 and Float64) are compared as numbers, as pandas
  // does: both sides join on Float64 copies of them.
  std::vector<DType> key_dtypes;
  for (size_t i = 0; i < lkeys.size(); ++i) {
    DType l = plan_->dtype_of(column(lkeys[i]).id), r = right.plan_->dtype_of(right.column(rkeys[i]).id);
    bool numbers = (l == DType::Int64 || l == DType::Float64) && (r == DType::Int64 || r == DType::Float64);
    if (l != r && !numbers) {
      throw DTypeError("You are trying to merge on columns of different dtypes (" + lkeys[i].repr() + ": " +
                       dtype_name(l) + ", " + rkeys[i].repr() + ": " + dtype_name(r) + "); convert one with astype()");
    }
    key_dtypes.push_back(l == r ? l : DType(DType::Float64));
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
    auto text = [](const char* s) { return plan::make_literal(std::string(s), DType::String); };
    exprs.push_back(std::make_shared<plan::ConditionalExpr>(
        left_real, std::make_shared<plan::ConditionalExpr>(right_real, text("both"), text("left_only")), text("right_only")));
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

GroupBy DataFrame::groupby(const std::vector<Label>& keys, bool as_index, bool dropna, bool sort) const {
  if (keys.empty()) throw InvalidArgumentError("No group keys passed!");
  for (const auto& k : keys) refuse_storage_column(*plan_, "groupby by", k, column(k).id);
  return GroupBy(*this, keys, as_index, dropna, sort);
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
        bool widen = is_numeric(it->second) && is_numeric(f_col.dtype) && it->second != DType::Boolean &&
                     f_col.dtype != DType::Boolean;
        if (!widen) {
          throw DTypeError("column '" + f_col.name + "' has dtypes '" + std::string(dtype_name(it->second)) + "' and '" +
                           std::string(dtype_name(f_col.dtype)) + "' in the frames; convert them to one with astype()");
        }
        it->second = DType::Float64;
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
    aggs.push_back({plan::new_column_id(), spec.func, arg, arg2, spec.q, spec.column.to_string()});
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

// ---- Series --------------------------------------------------------------------------

Series::Series(std::shared_ptr<session::Context> ctx, NodePtr relation, std::vector<IndexLevel> index,
               bool default_index, ExprPtr expr, std::optional<Label> name)
    : ctx_(std::move(ctx)),
      relation_(std::move(relation)),
      index_(std::move(index)),
      default_index_(default_index),
      expr_(std::move(expr)),
      name_(name && name->is_none() ? std::nullopt : std::move(name)) {}

Series Series::rename(std::optional<Label> name) const {
  return Series(ctx_, relation_, index_, default_index_, expr_, std::move(name));
}

namespace {

/// Refuses operator `op` on a Series `name` of a storage-only dtype `dtype` (binary, decimal,
/// list) unless it is == or != with an operand of the same dtype (`same`), naming the Series.
void check_storage_operand(BinaryOp op, const std::optional<Label>& name, const DType& dtype, bool same) {
  if (!is_storage_only(dtype)) return;
  bool equality = (op == BinaryOp::Eq || op == BinaryOp::Ne) && same && dtype != DType::List;
  if (!equality) {
    refuse_storage_only("the operator " + std::string(plan::op_symbol(op)) + " on", name ? name->to_string() : "", dtype);
  }
}

}  // namespace

Series Series::astype(DType dtype) const {
  if (dtype == expr_->dtype()) return *this;
  if (is_storage_only(dtype) || is_storage_only(expr_->dtype())) {
    refuse_storage_only("astype to " + dtype_name(dtype) + " of", name_ ? name_->to_string() : "", expr_->dtype());
  }
  NodePtr rel = relation_;
  ExprPtr cast = astype_expr(rel, expr_, dtype, name_ ? name_->to_string() : "");
  return Series(ctx_, rel, index_, default_index_, cast, name_);
}

Series Series::unary(plan::UnaryOp op) const {
  return Series(ctx_, relation_, index_, default_index_, std::make_shared<plan::UnaryExpr>(op, expr_), name_);
}

Series Series::positive() const {
  if (!is_numeric(expr_->dtype())) {
    throw DTypeError("bad operand type for unary +: '" + dtype_name(expr_->dtype()) + "'");
  }
  return *this;
}

Series Series::isna() const { return unary(plan::UnaryOp::IsNull); }
Series Series::notna() const { return unary(plan::UnaryOp::NotNull); }
Series Series::abs() const { return unary(plan::UnaryOp::Abs); }

namespace {

/// Runs `make`, naming the Series operands in a dtype error it raises, as the DataFrame
/// operators name their columns: "Series 'td' and 'g': ..." (`two`: a Series on each side).
template <typename F>
auto naming_operands(const std::optional<Label>& left, const std::optional<Label>& right, bool two, F&& make)
    -> decltype(make()) {
  try {
    return make();
  } catch (const DTypeError& e) {
    if (!left && !right) throw;
    auto name = [](const std::optional<Label>& n) { return n ? n->repr() : std::string("(unnamed)"); };
    throw DTypeError("Series " + name(left) + (two ? " and " + name(right) : "") + ": " + e.what());
  }
}

}  // namespace

Series Series::binary(BinaryOp op, const Series& other) const {
  check_storage_operand(op, name_, expr_->dtype(), expr_->dtype() == other.expr_->dtype());
  check_storage_operand(op, other.name_, other.expr_->dtype(), expr_->dtype() == other.expr_->dtype());
  naming_operands(name_, other.name_, true, [&] {
    return plan::binary_result_type(op, expr_->dtype(), other.expr_->dtype());  // dtype errors before any alignment work
  });
  check_same_session(ctx_, other.ctx_);
  Aligned a = align_outer(*this, other);
  bool comparison = op >= BinaryOp::Eq && op <= BinaryOp::Ge;
  if (comparison && (a.reordered || (a.one_sided && ctx_->count(std::make_shared<plan::FilterNode>(a.relation, a.one_sided)) > 0))) {
    throw InvalidArgumentError("Can only compare identically-labeled Series objects");
  }
  std::optional<Label> name = name_ == other.name_ ? name_ : std::nullopt;
  return Series(ctx_, a.relation, a.index, a.default_index, plan::make_binary(op, a.left[0], a.right[0]), name);
}

namespace {

/// `column` compared with a constant (on the right, or on the left when `reversed`), as pandas
/// compares a date or timestamp column: with a value of its own kind (a date with a date
/// column; a naive Timestamp, datetime or datetime64 with a naive column; an aware one, in any
/// zone, with an aware column: the same instant), or with ISO text for timestamp columns (naive
/// text is a wall time in an aware column's zone). Anything else is pandas' "Invalid comparison":
/// == is False, != True, and the ordering operators raise. A NaN against a number or boolean
/// column is never equal nor ordered (<NA> rows stay <NA>).
ExprPtr compared(const ExprPtr& column, BinaryOp op, const Value& value, bool reversed) {
  auto make = [&](ExprPtr constant) {
    return reversed ? plan::make_binary(op, std::move(constant), column) : plan::make_binary(op, column, std::move(constant));
  };
  const DType& dtype = column->dtype();
  bool comparison = op >= BinaryOp::Eq && op <= BinaryOp::Ge;
  bool masked = dtype == DType::Int64 || dtype == DType::Float64 || dtype == DType::Boolean;
  if (comparison && masked && value.holds<double>() && std::isnan(value.get<double>())) {
    // pandas compares a NaN (and None) as NumPy does: never equal, never ordered; <NA> stays <NA>
    // (the engine orders NaN above every number, so x < NaN would be True)
    return std::make_shared<plan::ConditionalExpr>(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column),
                                                   plan::make_literal(op == BinaryOp::Ne, DType::Boolean));
  }
  bool timedelta = dtype == DType::Timedelta;
  if (!comparison && value.is_na() && holds_nat(dtype)) {
    // pandas: None (or NaN) with datetimes and timedeltas is a TypeError; NaT, which the core
    // cannot tell from them, is refused too rather than guessed a datetime or a timedelta.
    throw DTypeError("unsupported operand dtypes for " + std::string(plan::op_symbol(op)) + ": '" + dtype_name(dtype) +
                     "' and a missing value; give a pd.Timestamp or a pd.Timedelta");
  }
  if (!comparison || !(is_temporal(dtype) || timedelta) || value.is_na()) return make(plan::make_literal(value, dtype));
  std::string operand;
  if (timedelta && value.holds<std::string>()) {
    throw DTypeError("cannot compare a timedelta64[us] column with '" + value.get<std::string>() +
                     "': give a pd.Timedelta (e.g. pd.Timedelta('" + value.get<std::string>() + "'))");
  }
  if (value.holds<Moment>()) {
    const DType& m = value.get<Moment>().dtype;
    if (m.kind() == dtype.kind()) return make(std::make_shared<plan::LiteralExpr>(value, m));
    operand = m == DType::Date ? "date" : m == DType::Timedelta ? "Timedelta" : "Timestamp";
  } else if (value.holds<std::string>() && dtype != DType::Date) {
    const std::string& text = value.get<std::string>();
    if (!plan::scan_bound(dtype, value)) {
      throw DTypeError("cannot compare a " + dtype_name(dtype) + " column with '" + text +
                       "': write it as an ISO date or timestamp, e.g. '2026-01-31' or '2026-01-31 12:00:00'");
    }
    auto literal = plan::make_literal(value, DType::String);
    bool has_offset = text.size() > 10 && text.find_first_of("+-Z", 10) != std::string::npos;
    if (dtype == DType::Timestamp || has_offset || dtype.is_utc()) {
      return make(std::make_shared<plan::CastExpr>(literal, dtype));
    }
    // Naive text against an aware column: a wall time in the column's zone.
    auto wall = std::make_shared<plan::CastExpr>(literal, DType::Timestamp);
    return make(std::make_shared<plan::FunctionExpr>("dt_tz_localize", std::vector<ExprPtr>{wall},
                                                     std::vector<Value>{dtype.zone(), "raise", "raise"}));
  } else {
    operand = value.holds<std::string>() ? "str" : value.holds<bool>() ? "bool" : value.holds<int64_t>() ? "int" : "float";
  }
  if (op == BinaryOp::Eq || op == BinaryOp::Ne) return plan::make_literal(op == BinaryOp::Ne, DType::Boolean);
  throw DTypeError("Invalid comparison between dtype=" + dtype_name(dtype) + " and " + operand);
}

}  // namespace

Series Series::binary(BinaryOp op, const Value& other) const {
  check_storage_operand(op, name_, expr_->dtype(), other.is_na());
  return Series(ctx_, relation_, index_, default_index_,
                naming_operands(name_, std::nullopt, false, [&] { return compared(expr_, op, other, false); }), name_);
}

Series Series::reverse_binary(BinaryOp op, const Value& other) const {
  check_storage_operand(op, name_, expr_->dtype(), other.is_na());
  return Series(ctx_, relation_, index_, default_index_,
                naming_operands(name_, std::nullopt, false, [&] { return compared(expr_, op, other, true); }), name_);
}

Series Series::call(const std::string& function, const std::optional<Series>& other,
                    const std::vector<Value>& params) const {
  if (!other) {
    return Series(ctx_, relation_, index_, default_index_,
                  std::make_shared<plan::FunctionExpr>(function, std::vector<ExprPtr>{expr_}, params), name_);
  }
  check_same_session(ctx_, other->ctx_);
  Aligned a = align_outer(*this, *other);
  return Series(ctx_, a.relation, a.index, a.default_index,
                std::make_shared<plan::FunctionExpr>(function, std::vector<ExprPtr>{a.left[0], a.right[0]}, params), name_);
}

Series Series::operator[](const Series& mask) const {
  DataFrame filtered = to_frame()[mask];
  const Column& c = filtered.value_columns()[0];
  return Series(ctx_, filtered.plan(), filtered.index(), default_index_, column_of(filtered.plan(), c.id), name_);
}

Value Series::aggregate(AggFunc func, bool skipna) const {
  return to_frame().aggregate(func, skipna)[0].second;
}

int64_t Series::size() const { return ctx_->count(relation_); }

DataFrame Series::to_frame() const {
  auto [rel, ids] = materialize(relation_, {expr_});
  return DataFrame(ctx_, rel, index_, {{name_.value_or(Label(0)), ids[0]}}, default_index_);
}

Series Series::cache() const {
  DataFrame cached = to_frame().cache();
  return cached[cached.value_columns().front().label].rename(name_);
}

#define CORMORANT_SERIES_OP(sym, op)                                                                \
  Series operator sym(const Series& a, const Series& b) { return a.binary(BinaryOp::op, b); }      \
  Series operator sym(const Series& a, const Value& b) { return a.binary(BinaryOp::op, b); }
CORMORANT_SERIES_OP(+, Add)
CORMORANT_SERIES_OP(-, Sub)
CORMORANT_SERIES_OP(*, Mul)
CORMORANT_SERIES_OP(/, TrueDiv)
CORMORANT_SERIES_OP(%, Mod)
CORMORANT_SERIES_OP(==, Eq)
CORMORANT_SERIES_OP(!=, Ne)
CORMORANT_SERIES_OP(<, Lt)
CORMORANT_SERIES_OP(<=, Le)
CORMORANT_SERIES_OP(>, Gt)
CORMORANT_SERIES_OP(>=, Ge)
CORMORANT_SERIES_OP(&, And)
CORMORANT_SERIES_OP(|, Or)
#undef CORMORANT_SERIES_OP
Series operator^(const Series& a, const Series& b) { return a.binary(BinaryOp::Xor, b); }
Series operator+(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Add, a); }
Series operator-(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Sub, a); }
Series operator*(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Mul, a); }
Series operator/(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::TrueDiv, a); }
Series operator-(const Series& a) { return a.unary(plan::UnaryOp::Negate); }
Series operator~(const Series& a) { return a.unary(plan::UnaryOp::Not); }

std::ostream& operator<<(std::ostream& out, const DataFrame& df) { return out << df.to_string(); }
std::ostream& operator<<(std::ostream& out, const Series& s) { return out << s.to_string(); }

}  // namespace cormorant
