// DataFrame arithmetic and comparison (pandas' operators and flex methods: add, sub, eq, ...).
// Each result column is built by the Series operators over the aligned rows, so a frame
// computes exactly what its columns would as Series; this file only decides which columns
// meet which (pandas' alignment of column labels) and how fill_value fills one side.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::Aligned;
using api_detail::Operand;
using api_detail::align_operands;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::materialize;
using api_detail::operand_of;

namespace {

bool is_comparison(BinaryOp op) { return op >= BinaryOp::Eq && op <= BinaryOp::Ge; }

/// pandas' missing markers among scalars: <NA> and NaN.
bool is_missing(const Value& v) { return v.is_na() || (v.holds<double>() && std::isnan(v.get<double>())); }

/// Runs `make` for the column `label`; a dtype error from the Series machinery is rethrown
/// naming the column, as a frame has several.
template <typename F>
ExprPtr for_column(const Label& label, F&& make) {
  try {
    return make();
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::DType && e.kind() != ErrorKind::InvalidArgument) throw;
    throw_error(e.kind(), "column " + label.repr() + ": " + e.what());
  }
}

// -- which columns meet -------------------------------------------------------------------

/// A kind of label in pandas' sort order of a union (numbers, then strings); -1 for labels
/// pandas does not order among others (tuples mixed with scalars, None).
int sort_rank(const Label& l) {
  switch (l.kind()) {
    case Label::Kind::Bool:
    case Label::Kind::Int:
    case Label::Kind::Float: return 0;
    case Label::Kind::String: return 1;
    case Label::Kind::Tuple: return 2;
    case Label::Kind::Temporal: return 3;
    case Label::Kind::None: return -1;
  }
  return -1;
}

double number(const Label& l) {
  return l.kind() == Label::Kind::Int ? static_cast<double>(l.integer())
         : l.kind() == Label::Kind::Bool ? (l.truth() ? 1.0 : 0.0)
                                          : l.real();
}

/// pandas' order of labels in a union (its safe_sort): numbers by value, then strings, tuples
/// item by item.
bool pandas_less(const Label& a, const Label& b) {
  int ra = sort_rank(a), rb = sort_rank(b);
  if (ra != rb) return ra < rb;
  switch (ra) {
    case 0:
      if (a.kind() == Label::Kind::Int && b.kind() == Label::Kind::Int) return a.integer() < b.integer();
      if (std::isnan(number(a)) || std::isnan(number(b))) return !std::isnan(number(a)) && std::isnan(number(b));
      return number(a) < number(b);
    case 1: return a.str() < b.str();  // UTF-8 byte order is Python's code point order
    case 2: return std::lexicographical_compare(a.items().begin(), a.items().end(), b.items().begin(),
                                                b.items().end(), pandas_less);
    case 3: return a.integer() < b.integer();  // (instants of one dtype: pandas does not order others)
  }
  return false;
}

/// Whether pandas sorts a union of these labels: all tuples, or numbers and strings.
bool sortable(const std::vector<Label>& labels) {
  bool tuples = false, scalars = false;
  for (const auto& l : labels) {
    int r = sort_rank(l);
    if (r < 0) return false;
    (r == 2 ? tuples : scalars) = true;
  }
  return !(tuples && scalars);
}

/// One result column: its label and the position of the column on each side (-1: absent).
struct Meeting {
  Label label;
  int left, right;
};

std::vector<Label> labels_of(const std::vector<Column>& columns) {
  std::vector<Label> out;
  for (const auto& c : columns) out.push_back(c.label);
  return out;
}

/// pandas' outer join of two column axes (Index.join): the same labels in the same order stay
/// as they are and meet by position; otherwise the union, sorted when pandas can sort it. A
/// label repeated on one side meets the other side's single column each time. `left_repeats`
/// false: a repeated label on the left is pandas' "cannot reindex" error (a frame against a
/// Series' labels).
std::vector<Meeting> meet(const std::vector<Label>& left, const std::vector<Label>& right, bool left_repeats) {
  std::vector<Meeting> out;
  if (left == right) {
    for (size_t i = 0; i < left.size(); ++i) out.push_back({left[i], int(i), int(i)});
    return out;
  }
  if (left.empty() || right.empty()) {  // pandas' union of an empty axis is the other one, unsorted
    for (size_t i = 0; i < left.size(); ++i) out.push_back({left[i], int(i), -1});
    for (size_t i = 0; i < right.size(); ++i) out.push_back({right[i], -1, int(i)});
    return out;
  }
  std::map<Label, std::vector<int>> lpos, rpos;
  std::vector<Label> order;
  for (size_t i = 0; i < left.size(); ++i) {
    if (lpos[left[i]].empty()) order.push_back(left[i]);
    lpos[left[i]].push_back(int(i));
  }
  for (size_t i = 0; i < right.size(); ++i) {
    if (lpos.count(right[i]) == 0 && rpos[right[i]].empty()) order.push_back(right[i]);
    rpos[right[i]].push_back(int(i));
  }
  if (sortable(order)) std::stable_sort(order.begin(), order.end(), pandas_less);
  if (!left_repeats && lpos.size() < left.size()) {
    throw InvalidArgumentError("cannot reindex on an axis with duplicate labels");
  }
  for (const auto& label : order) {
    const auto& l = lpos[label];
    const auto& r = rpos[label];
    if (l.size() > 1 && r.size() > 1) {
      throw NotImplementedError("both operands repeat the column label " + label.repr() +
                                " and their columns differ; pandas pairs such columns in a way cormorant does not "
                                "reproduce: make the labels unique (or the same on both sides) first");
    }
    size_t n = std::max(l.size(), r.size());
    for (size_t k = 0; k < n; ++k) {
      out.push_back({label, l.empty() ? -1 : l[l.size() > 1 ? k : 0], r.empty() ? -1 : r[r.size() > 1 ? k : 0]});
    }
  }
  return out;
}

// -- one column ---------------------------------------------------------------------------

/// The rows an operation's result lives on (an aligned relation and its index).
struct Rows {
  std::shared_ptr<session::Context> ctx;
  NodePtr relation;
  std::vector<IndexLevel> index;
  bool default_index;

  Series series(const ExprPtr& e, const Label& label) const { return Series(ctx, relation, index, default_index, e, label); }
};

/// `side` with pandas' fill_value applied where `other` has a value (the Series fillna).
ExprPtr filled(const Rows& rows, const ExprPtr& side, const ExprPtr& other, const Value& fill, const Label& label) {
  ExprPtr with_fill = rows.series(side, label).call("fillna", std::nullopt, {fill}).expr();
  ExprPtr kept = side;
  if (kept->dtype() != with_fill->dtype()) kept = std::make_shared<plan::CastExpr>(kept, with_fill->dtype());
  auto other_missing = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, other);
  return std::make_shared<plan::ConditionalExpr>(other_missing, kept, with_fill);
}

/// What a column present on one side only gives (pandas: the absent side is all NaN).
ExprPtr absent(BinaryOp op) {
  return plan::make_literal(Value(), is_comparison(op) || op >= BinaryOp::And ? DType::Boolean : DType::Float64);
}

/// `left op right` (or `right op left` when reflected) over `rows`, as the Series operators
/// compute it; a null expr is an absent column.
ExprPtr combine(const Rows& rows, BinaryOp op, const Label& label, ExprPtr left, ExprPtr right,
                const BinaryOptions& o) {
  return for_column(label, [&] {
    if (!left || !right) {
      // pandas' absent column is NaN, and 1 ** NaN and NaN ** 0 are 1: the Series operator knows.
      bool filling = o.fill_value && !is_missing(*o.fill_value);
      if (!filling && op != BinaryOp::Pow) return absent(op);
      (left ? right : left) = plan::make_literal(Value(), DType::Float64);  // filled below
    }
    if (o.fill_value && !is_missing(*o.fill_value)) {
      ExprPtr l = filled(rows, left, right, *o.fill_value, label);
      right = filled(rows, right, left, *o.fill_value, label);
      left = l;
    }
    Series a = rows.series(left, label), b = rows.series(right, label);
    return (o.reflected ? b.binary(op, a) : a.binary(op, b)).expr();
  });
}

DataFrame result(const Rows& rows, const std::vector<Label>& labels, const std::vector<ExprPtr>& exprs,
                 const std::vector<ColumnLevel>& column_levels) {
  auto [relation, ids] = materialize(rows.relation, exprs);
  std::vector<Column> columns;
  for (size_t i = 0; i < labels.size(); ++i) columns.push_back({labels[i], ids[i]});
  return DataFrame(rows.ctx, relation, rows.index, columns, rows.default_index, column_levels);
}

const char* kNotIdentical = "Can only compare identically-labeled (both index and columns) DataFrame objects";

}  // namespace

DataFrame DataFrame::binary(BinaryOp op, const Value& other, const BinaryOptions& o) const {
  Rows rows{ctx_, plan_, index_, default_index_};
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  bool fill = o.fill_value && !is_missing(*o.fill_value) && !is_missing(other);
  for (const auto& c : columns_) {
    labels.push_back(c.label);
    exprs.push_back(for_column(c.label, [&] {
      Series s = rows.series(column_of(plan_, c.id), c.label);
      if (fill) s = s.call("fillna", std::nullopt, {*o.fill_value});
      return (o.reflected ? s.reverse_binary(op, other) : s.binary(op, other)).expr();
    }));
  }
  return result(rows, labels, exprs, column_levels_);
}

DataFrame DataFrame::binary(BinaryOp op, const DataFrame& other, const BinaryOptions& o) const {
  if (o.reflected) {
    BinaryOptions forward = o;
    forward.reflected = false;
    return other.binary(op, *this, forward);
  }
  check_same_session(ctx_, other.ctx_);
  std::vector<Label> left_labels = labels_of(columns_), right_labels = labels_of(other.columns_);
  bool strict = is_comparison(op) && !o.flex;
  if (strict && left_labels != right_labels) throw InvalidArgumentError(kNotIdentical);
  std::vector<Meeting> meetings = meet(left_labels, right_labels, true);
  Aligned al = align_operands(ctx_, operand_of(*this), operand_of(other));
  if (strict && api_detail::not_identically_labelled(ctx_, al)) {
    throw InvalidArgumentError(kNotIdentical);
  }
  Rows rows{ctx_, al.relation, al.index, al.default_index};
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  for (const auto& m : meetings) {
    labels.push_back(m.label);
    exprs.push_back(combine(rows, op, m.label, m.left < 0 ? nullptr : al.left[m.left],
                            m.right < 0 ? nullptr : al.right[m.right], o));
  }
  return result(rows, labels, exprs, column_levels_);
}

DataFrame DataFrame::binary(BinaryOp op, const Series& other, Axis axis, const BinaryOptions& o) const {
  check_same_session(ctx_, other.context());
  if (axis == Axis::Index) {
    Aligned al = api_detail::align_frame_series(ctx_, operand_of(*this),
                                                {other.relation(), other.index(), other.default_index(), {other.expr()}});
    Rows rows{ctx_, al.relation, al.index, al.default_index};
    std::vector<Label> labels;
    std::vector<ExprPtr> exprs;
    for (size_t i = 0; i < columns_.size(); ++i) {
      labels.push_back(columns_[i].label);
      exprs.push_back(combine(rows, op, columns_[i].label, al.left[i], al.right[0], o));
    }
    return result(rows, labels, exprs, column_levels_);
  }
  // Along the columns: the Series' labels decide the result's columns, so it runs first.
  if (other.index().size() != 1) {
    throw NotImplementedError("a Series with a " + std::to_string(other.index().size()) +
                              "-level index cannot line up with the columns; give it one index level");
  }
  DType label_dtype = other.relation()->dtype_of(other.index()[0].id);
  if (label_dtype != DType::Int64 && label_dtype != DType::String && label_dtype != DType::Float64 &&
      label_dtype != DType::Boolean) {
    throw NotImplementedError("a Series whose index has dtype " + dtype_name(label_dtype) +
                              " cannot line up with column labels; use an index of strings or numbers");
  }
  Result r = other.to_frame().to_result();
  std::vector<std::pair<Label, Value>> row;
  bool positions = r.index_names.empty();  // a default index the result leaves out (see Result)
  for (int64_t i = 0; i < r.table.num_rows(); ++i) {
    row.emplace_back(positions ? Label(i) : label_of(r.table.at(i, 0)), r.table.at(i, positions ? 0 : 1));
  }
  return binary(op, row, o);
}

DataFrame DataFrame::binary(BinaryOp op, const std::vector<std::pair<Label, Value>>& row,
                            const BinaryOptions& o) const {
  std::vector<Label> left_labels = labels_of(columns_), right_labels;
  for (const auto& [label, value] : row) right_labels.push_back(label);
  if (is_comparison(op) && !o.flex && left_labels != right_labels) {
    throw InvalidArgumentError("Operands are not aligned. Do `left, right = left.align(right, axis=1)` before operating.");
  }
  Rows rows{ctx_, plan_, index_, default_index_};
  bool fill = o.fill_value && !is_missing(*o.fill_value);
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  for (const auto& m : meet(left_labels, right_labels, false)) {
    labels.push_back(m.label);
    exprs.push_back(for_column(m.label, [&]() -> ExprPtr {
      // A label the row lacks is pandas' NaN: <NA> in comparisons, a Float64 operand otherwise.
      Value value = m.right >= 0 ? row[m.right].second : is_comparison(op) ? Value() : Value(std::nan(""));
      if (m.left < 0 && !fill && op != BinaryOp::Pow) {
        // pandas compares the absent column's NaN: False (True for !=); arithmetic gives NaN.
        return is_comparison(op) ? plan::make_literal(op == BinaryOp::Ne, DType::Boolean) : absent(op);
      }
      // (NaN ** 0 and 1 ** NaN are 1: the Series operator knows.)
      ExprPtr own = m.left >= 0 ? column_of(plan_, columns_[m.left].id)
                    : fill      ? plan::make_literal(*o.fill_value, o.fill_value->dtype())
                                : plan::make_literal(Value(), DType::Float64);
      Series s = rows.series(own, m.label);
      bool both_missing_stay = false;  // pandas fills one missing side, never both
      if (fill && is_missing(value)) {
        // pandas fills the NaN of a label the row lacks: a float
        value = m.right < 0 && o.fill_value->holds<int64_t>() ? Value(double(o.fill_value->get<int64_t>())) : *o.fill_value;
        both_missing_stay = m.left >= 0;
      } else if (fill && m.left >= 0) {
        s = s.call("fillna", std::nullopt, {*o.fill_value});
      }
      ExprPtr out = (o.reflected ? s.reverse_binary(op, value) : s.binary(op, value)).expr();
      if (!both_missing_stay) return out;
      // (only ** tells: NaN ** 0 would be 1)
      return std::make_shared<plan::ConditionalExpr>(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, own), out);
    }));
  }
  return result(rows, labels, exprs, column_levels_);
}

DataFrame DataFrame::where(const DataFrame& cond, const Value& other, bool mask,
                           const std::optional<DataFrame>& other_frame) const {
  check_same_session(ctx_, cond.ctx_);
  if (other_frame) check_same_session(ctx_, other_frame->ctx_);
  // The condition's (and other's) columns brought onto this frame's rows under hidden labels.
  DataFrame work = *this;
  std::vector<std::optional<Label>> cond_label(columns_.size()), other_label(columns_.size());
  auto bring = [&](const DataFrame& from, std::vector<std::optional<Label>>& into, const std::string& tag) {
    for (size_t i = 0; i < columns_.size(); ++i) {
      const Label& l = columns_[i].label;
      auto n = std::count_if(from.columns_.begin(), from.columns_.end(), [&](const Column& c) { return c.label == l; });
      if (n == 0) continue;
      if (n > 1) throw NotImplementedError("where/mask with a frame that repeats the column label " + l.repr());
      into[i] = Label("__cormorant_" + tag + "_" + std::to_string(i));
      work = work.assign(*into[i], from[l]);
    }
  };
  bring(cond, cond_label, "cond");
  if (other_frame) bring(*other_frame, other_label, "other");
  Rows rows{ctx_, work.plan_, work.index_, work.default_index_};
  auto expr_of = [&](const Label& l) { return column_of(work.plan_, work.column(l).id); };
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Label& l = columns_[i].label;
    labels.push_back(l);
    exprs.push_back(for_column(l, [&]() -> ExprPtr {
      ExprPtr value = column_of(work.plan_, work.columns_[i].id);  // (assign may renumber the columns)
      ExprPtr c = cond_label[i] ? expr_of(*cond_label[i]) : plan::make_literal(Value(), DType::Boolean);
      Series s = rows.series(value, l);
      Series kept = s.call(mask ? "mask" : "where", rows.series(c, l), {other_frame ? Value() : other});
      if (!other_frame) return kept.expr();
      // Replaced cells take the other frame's cell (<NA> where it has none): that cell's value
      // filled into the Series where's <NA>, where the condition replaced.
      if (!other_label[i]) return kept.expr();
      // The other's cells go in as pandas 3 sets them (Int64 keeps its dtype when they fit).
      ExprPtr o = api_detail::settable(expr_of(*other_label[i]), value->dtype(), l);
      ExprPtr keep = mask ? ExprPtr(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::Not, c)) : c;
      keep = std::make_shared<plan::CoalesceExpr>(keep, plan::make_literal(false, DType::Boolean));
      return std::make_shared<plan::ConditionalExpr>(keep, value, o);
    }));
  }
  return result(rows, labels, exprs, column_levels_);
}

namespace {

/// One side of an alignment: its rows, its own columns' values over them, and an expression
/// that is <NA> on the rows the side lacks (none when it has them all).
struct AlignedSide {
  Rows rows;
  std::vector<ExprPtr> values;
  ExprPtr present;
};

/// The target column labels of an align and, per label, each side's column position (-1:
/// absent). Outer is binary()'s union (a label one side repeats meets the other's column each
/// time); left and inner keep the left's labels, in order, and refuse a right side that
/// repeats a label (pandas would repeat the left's column).
std::vector<Meeting> join_labels(const std::vector<Label>& left, const std::vector<Label>& right, JoinHow how) {
  if (how == JoinHow::Outer || left == right) return meet(left, right, true);
  if (std::set<Label>(right.begin(), right.end()).size() != right.size()) {
    throw InvalidArgumentError("align(join=\"left\"/\"inner\"/\"right\") with repeated column labels on the side "
                               "that is reindexed is not supported; make the labels unique first");
  }
  std::map<Label, int> rpos;
  for (size_t i = 0; i < right.size(); ++i) rpos[right[i]] = int(i);
  std::vector<Meeting> out;
  for (size_t i = 0; i < left.size(); ++i) {
    auto it = rpos.find(left[i]);
    if (how == JoinHow::Inner && it == rpos.end()) continue;
    out.push_back({left[i], int(i), it == rpos.end() ? -1 : it->second});
  }
  return out;
}

/// A side's column for one target label: its own values (with `fill` on the rows it lacks),
/// or, for a column it lacks, all `fill` (<NA> Float64 without one).
ExprPtr aligned_column(const AlignedSide& side, int position, const Label& label, const std::optional<Value>& fill) {
  bool filling = fill && !is_missing(*fill);
  if (position < 0) return filling ? plan::make_literal(*fill, fill->dtype()) : plan::make_literal(Value(), DType::Float64);
  ExprPtr value = side.values[position];
  if (!filling || !side.present) return value;
  return for_column(label, [&]() -> ExprPtr {
    ExprPtr with_fill = side.rows.series(value, label).call("fillna", std::nullopt, {*fill}).expr();
    ExprPtr kept = value->dtype() == with_fill->dtype() ? value : std::make_shared<plan::CastExpr>(value, with_fill->dtype());
    auto lacking = std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, side.present);
    return std::make_shared<plan::ConditionalExpr>(lacking, with_fill, kept);
  });
}

}  // namespace

std::pair<DataFrame, DataFrame> DataFrame::align(const DataFrame& other, JoinHow how, std::optional<Axis> axis,
                                                 const std::optional<Value>& fill_value) const {
  check_same_session(ctx_, other.ctx_);
  if (how == JoinHow::Right) {
    auto [theirs, ours] = other.align(*this, JoinHow::Left, axis, fill_value);
    return {ours, theirs};
  }
  bool by_rows = !axis || *axis == Axis::Index, by_columns = !axis || *axis == Axis::Columns;
  Operand oa = operand_of(*this), ob = operand_of(other);
  AlignedSide a{{ctx_, plan_, index_, default_index_}, oa.values, nullptr};
  AlignedSide b{{other.ctx_, other.plan_, other.index_, other.default_index_}, ob.values, nullptr};
  ExprPtr mark = plan::make_literal(true, DType::Boolean);
  if (by_rows && how == JoinHow::Outer) {
    oa.values.push_back(mark);
    ob.values.push_back(mark);
    Aligned al = align_operands(ctx_, oa, ob);
    Rows rows{ctx_, al.relation, al.index, al.default_index};
    a = {rows, std::vector<ExprPtr>(al.left.begin(), al.left.end() - 1), al.left.back()};
    b = {rows, std::vector<ExprPtr>(al.right.begin(), al.right.end() - 1), al.right.back()};
  } else if (by_rows) {
    // The other's columns, and a mark of its rows, brought onto this frame's rows by label.
    DataFrame work = *this;
    for (size_t i = 0; i < other.columns_.size(); ++i) {
      const Column& c = other.columns_[i];
      work = work.assign(Label("__cormorant_align_" + std::to_string(i)),
                         Series(other.ctx_, other.plan_, other.index_, other.default_index_, column_of(other.plan_, c.id), c.label));
    }
    work = work.assign(Label("__cormorant_align_mark"),
                       Series(other.ctx_, other.plan_, other.index_, other.default_index_, mark, Label("mark")));
    ExprPtr present = column_of(work.plan_, work.columns_.back().id);
    NodePtr relation = work.plan_;
    if (how == JoinHow::Inner) {
      relation = std::make_shared<plan::FilterNode>(relation, std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, present));
      present = nullptr;
    }
    Rows rows{ctx_, relation, work.index_, work.default_index_};
    std::vector<ExprPtr> ours, theirs;  // (assign may renumber the columns: read them from the work frame)
    for (size_t i = 0; i < columns_.size(); ++i) ours.push_back(column_of(work.plan_, work.columns_[i].id));
    for (size_t i = 0; i < other.columns_.size(); ++i) {
      theirs.push_back(column_of(work.plan_, work.columns_[columns_.size() + i].id));
    }
    a = {rows, ours, nullptr};
    b = {rows, theirs, present};
  }
  std::vector<Label> la = labels_of(columns_), lb = labels_of(other.columns_);
  std::vector<Meeting> meetings;
  if (by_columns) {
    meetings = join_labels(la, lb, how);
  }
  auto build = [&](const AlignedSide& side, const std::vector<Label>& own, bool left_side,
                   const std::vector<ColumnLevel>& levels) {
    std::vector<Label> labels;
    std::vector<ExprPtr> exprs;
    if (by_columns) {
      for (const auto& m : meetings) {
        labels.push_back(m.label);
        exprs.push_back(aligned_column(side, left_side ? m.left : m.right, m.label, fill_value));
      }
    } else {
      for (size_t i = 0; i < own.size(); ++i) {
        labels.push_back(own[i]);
        exprs.push_back(aligned_column(side, int(i), own[i], fill_value));
      }
    }
    return result(side.rows, labels, exprs, levels);
  };
  return {build(a, la, true, column_levels_), build(b, lb, false, other.column_levels_)};
}

DataFrame DataFrame::unary(plan::UnaryOp op) const {
  Rows rows{ctx_, plan_, index_, default_index_};
  std::vector<Label> labels;
  std::vector<ExprPtr> exprs;
  for (const auto& c : columns_) {
    labels.push_back(c.label);
    exprs.push_back(for_column(c.label, [&] { return rows.series(column_of(plan_, c.id), c.label).unary(op).expr(); }));
  }
  return result(rows, labels, exprs, column_levels_);
}

DataFrame DataFrame::positive() const {
  Rows rows{ctx_, plan_, index_, default_index_};
  for (const auto& c : columns_) {
    for_column(c.label, [&] { return rows.series(column_of(plan_, c.id), c.label).positive().expr(); });
  }
  return *this;
}

Series Series::flex(BinaryOp op, const Series& other, const std::optional<Value>& fill_value, bool reflected) const {
  plan::binary_result_type(op, dtype(), other.dtype());  // dtype errors before any alignment work
  api_detail::check_same_session(ctx_, other.context());
  Aligned al = align_operands(ctx_, {relation_, index_, default_index_, {expr_}},
                              {other.relation(), other.index(), other.default_index(), {other.expr()}});
  Rows rows{ctx_, al.relation, al.index, al.default_index};
  ExprPtr left = al.left[0], right = al.right[0];
  if (fill_value && !is_missing(*fill_value)) {
    ExprPtr l = filled(rows, left, right, *fill_value, name_.value_or(Label("")));
    right = filled(rows, right, left, *fill_value, other.name().value_or(Label("")));
    left = l;
  }
  // one relation now: the operator neither aligns again nor refuses misaligned comparisons
  Series a = rows.series(left, Label("")), b = rows.series(right, Label(""));
  Series out = reflected ? b.binary(op, a) : a.binary(op, b);
  std::optional<Label> name = name_ == other.name() ? name_ : std::nullopt;
  return Series(ctx_, out.relation(), out.index(), out.default_index(), out.expr(), name);
}

}  // namespace cormorant
