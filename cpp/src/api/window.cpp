// pandas' window operations (cumulative, shift/diff/pct_change, rank, rolling, expanding,
// and groupby's cumcount and transform): plan::WindowNode over the frame's row order.
#include <algorithm>

#include "cormorant/api/dataframe.hpp"
#include "plan_helpers.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant {

using plan::ExprPtr;
using plan::NodePtr;
using plan::WindowFunc;

using api_detail::column_of;

namespace {

/// Whether a window frame (rolling, expanding, transform) computes `f`.
bool framed(AggFunc f) {
  switch (f) {
    case AggFunc::Sum:
    case AggFunc::Mean:
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::Count:
    case AggFunc::CountAll:
    case AggFunc::Std:
    case AggFunc::Var:
    case AggFunc::Median: return true;
    default: return false;
  }
}

/// Whether groupby transform computes `f` over whole groups only (not over moving frames).
bool whole_partition(AggFunc f) {
  switch (f) {
    case AggFunc::Prod:
    case AggFunc::First:
    case AggFunc::Last:
    case AggFunc::NUnique:
    case AggFunc::Any:
    case AggFunc::All: return true;
    default: return false;
  }
}


/// How one column's result is made from the window column: as it is, or (diff, pct_change)
/// combined with the column's own value.
enum class Finish { Window, Diff, PctChange };

plan::WindowCall make_call(const WindowSpec& spec, ExprPtr arg, std::vector<std::string> partition, Finish& finish) {
  plan::WindowCall c;
  c.id = plan::new_column_id();
  c.arg = std::move(arg);
  c.partition = std::move(partition);
  c.agg = spec.agg;
  c.periods = spec.periods;
  c.rank_method = spec.method;
  c.ascending = spec.ascending;
  c.na_option = spec.na_option;
  c.pct = spec.pct;
  c.center = spec.center;
  c.limit = spec.limit.value_or(0);
  c.limit_area = spec.limit_area;
  c.fill_value = spec.fill_value && !spec.fill_value->is_na() ? spec.fill_value : std::nullopt;
  c.com = spec.com;
  c.adjust = spec.adjust;
  c.ignore_na = spec.ignore_na;
  c.ddof = spec.ddof;
  c.closed = spec.closed;
  finish = Finish::Window;
  const std::string& op = spec.op;
  if (op == "cumsum") {
    c.func = WindowFunc::CumSum;
  } else if (op == "cumprod") {
    c.func = WindowFunc::CumProd;
  } else if (op == "cummin") {
    c.func = WindowFunc::CumMin;
  } else if (op == "cummax") {
    c.func = WindowFunc::CumMax;
  } else if (op == "shift" || op == "diff" || op == "pct_change") {
    c.func = WindowFunc::Shift;
    if (op != "shift") {
      DType d = c.arg->dtype();
      bool times = op == "diff" && (d == DType::Timestamp || d == DType::TimestampTz || d == DType::Timedelta);
      // pandas' diff of booleans is x xor the previous value, but not in a groupby (TypeError)
      bool booleans = op == "diff" && d == DType::Boolean && c.partition.empty();
      if (!is_integer(d) && d != DType::Float64 && !times && !booleans) {  // (Int8..UInt64 wrap around, as pandas)
        throw DTypeError("cannot compute " + op + " of dtype '" + std::string(dtype_name(d)) + "'; select numeric columns");
      }
      finish = op == "diff" ? Finish::Diff : Finish::PctChange;
    }
  } else if (op == "ffill" || op == "bfill") {
    c.func = op == "ffill" ? WindowFunc::FFill : WindowFunc::BFill;
  } else if (op == "ewm") {
    c.func = WindowFunc::Ewm;
    c.min_periods = std::max<int64_t>(spec.min_periods.value_or(0), 1);  // pandas: at least one value
    if (!(spec.com >= 0)) throw InvalidArgumentError("ewm: comass must satisfy: comass >= 0");
    if (spec.agg == AggFunc::Sum && !spec.adjust) throw NotImplementedError("ewm sum is not implemented with adjust=False");
  } else if (op == "rank") {
    c.func = WindowFunc::Rank;
  } else if (op == "cumcount") {
    c.func = WindowFunc::CumCount;
    c.arg = nullptr;
  } else if (op == "rolling") {
    c.func = WindowFunc::Rolling;
    // pandas: a window by a time offset needs one value by default, a window of n rows n
    c.min_periods = spec.min_periods.value_or(spec.offset_us ? 1 : spec.periods);
    if (spec.center && (spec.offset_us || spec.closed != plan::WindowClosed::Right)) {
      throw NotImplementedError("rolling(center=True) is supported for windows of a number of rows with closed='right'");
    }
  } else if (op == "expanding") {
    c.func = WindowFunc::Expanding;
    c.min_periods = spec.min_periods.value_or(1);
  } else if (op == "transform") {
    c.func = WindowFunc::Transform;
    if (!framed(c.agg) && !whole_partition(c.agg)) {
      throw NotImplementedError("transform of this aggregation is not supported; use sum, mean, min, max, count, size, "
                                "std, var, median, prod, first, last, nunique, any or all");
    }
  } else {
    throw InvalidArgumentError("unknown window operation '" + op + "'");
  }
  if (spec.offset_us && c.func != WindowFunc::Rolling) throw InvalidArgumentError("a time offset is a rolling window's");
  if ((c.func == WindowFunc::Rolling || c.func == WindowFunc::Expanding) && (!framed(c.agg) || c.agg == AggFunc::CountAll)) {
    throw NotImplementedError(op + " of this aggregation is not supported; use sum, mean, min, max, count, std, var or median");
  }
  return c;
}

/// The finished value of one column (labelled `label`): the window column, or diff/pct_change
/// of it. An Int64 difference past Int64 raises ArithmeticOverflowError naming the column.
ExprPtr finished(Finish finish, const ExprPtr& x, const ExprPtr& window, const Label& label) {
  switch (finish) {
    case Finish::Window: return window;
    case Finish::Diff:
      if (x->dtype() == DType::Int64) {
        return std::make_shared<plan::FunctionExpr>("checked_sub", std::vector<ExprPtr>{x, window},
                                                    std::vector<Value>{"diff of column " + label.repr()});
      }
      return plan::make_binary(x->dtype() == DType::Boolean ? plan::BinaryOp::Xor : plan::BinaryOp::Sub, x, window);
    case Finish::PctChange:
      return plan::make_binary(plan::BinaryOp::Sub, plan::make_binary(plan::BinaryOp::TrueDiv, x, window),
                               plan::make_literal(1.0, DType::Float64));
  }
  return window;
}

struct Windowed {
  NodePtr relation;
  std::vector<Column> columns;
};

/// A rolling window by a time offset: `relation` (the input with more columns) and the ids of
/// its Int64 columns of how many rows before each row its window starts and ends.
struct TimeBounds {
  NodePtr relation;
  std::string start, end;
  std::string order;  ///< WindowCall::order_column
};

/// pandas' VariableOffsetWindowIndexer in the engine. The time column `time_id` of `rel`, in
/// microseconds, is made ascending (negated where it decreases: pandas' index_growth_sign,
/// from its first and last values) and checked (a missing time, or one out of order, fails
/// the query with pandas' ValueError, naming `what`). A row's window starts after the rows
/// whose time is at most its own minus the offset (minus one more microsecond when the left
/// end is closed), counted by a RANGE frame, and ends at the row itself when the right end is
/// closed (later rows of the same time are outside, as in pandas), else before the first row
/// of its own time. Within each partition.
TimeBounds time_bounds(const NodePtr& rel, const std::string& time_id, const std::string& what, const WindowSpec& spec,
                       const std::vector<std::string>& partition) {
  ExprPtr t = column_of(rel, time_id);
  DType d = t->dtype();
  if (d != DType::Timestamp && d != DType::TimestampTz && d != DType::Timedelta) {
    throw InvalidArgumentError("window must be an integer 0 or greater: a window by a time offset needs " + what +
                               " to be of datetimes or timedeltas, not '" + std::string(dtype_name(d)) + "'");
  }
  if (!(*spec.offset_us > 0)) throw NotImplementedError("rolling by a time offset needs an offset greater than 0");
  bool left_closed = spec.closed == plan::WindowClosed::Left || spec.closed == plan::WindowClosed::Both;
  bool right_closed = spec.closed == plan::WindowClosed::Right || spec.closed == plan::WindowClosed::Both;
  auto call = [&](WindowFunc f, ExprPtr arg) {
    plan::WindowCall c;
    c.id = plan::new_column_id();
    c.func = f;
    c.arg = std::move(arg);
    c.partition = partition;
    return c;
  };
  std::string us = plan::new_column_id();
  NodePtr node = std::make_shared<plan::ProjectNode>(
      rel, std::vector<plan::NamedExpr>{{us, std::make_shared<plan::FunctionExpr>("time_us", std::vector<ExprPtr>{t})}});
  ExprPtr us_column = column_of(node, us);
  plan::WindowCall previous = call(WindowFunc::Shift, us_column), first = call(WindowFunc::Transform, us_column),
                   last = call(WindowFunc::Transform, us_column);
  first.agg = AggFunc::First;
  last.agg = AggFunc::Last;
  node = std::make_shared<plan::WindowNode>(node, std::vector<plan::WindowCall>{previous, first, last});
  std::string key = plan::new_column_id();
  node = std::make_shared<plan::ProjectNode>(
      node, std::vector<plan::NamedExpr>{
                {key, std::make_shared<plan::FunctionExpr>(
                          "rolling_time_key",
                          std::vector<ExprPtr>{us_column, column_of(node, previous.id), column_of(node, first.id),
                                               column_of(node, last.id)},
                          std::vector<Value>{what})}});
  ExprPtr key_column = column_of(node, key);
  plan::WindowCall position = call(WindowFunc::CumCount, nullptr), before_start = call(WindowFunc::CountThrough, key_column),
                   before_time = call(WindowFunc::CountThrough, key_column);
  before_start.periods = *spec.offset_us + (left_closed ? 1 : 0);
  before_time.periods = 1;
  std::vector<plan::WindowCall> counts{position, before_start};
  if (!right_closed) counts.push_back(before_time);
  node = std::make_shared<plan::WindowNode>(node, counts);
  auto minus = [](ExprPtr a, ExprPtr b) { return plan::make_binary(plan::BinaryOp::Sub, std::move(a), std::move(b)); };
  ExprPtr pos = column_of(node, position.id);
  TimeBounds out{nullptr, plan::new_column_id(), plan::new_column_id(), plan::new_column_id()};
  ExprPtr end = right_closed ? plan::make_literal(int64_t{0}, DType::Int64)
                             : plan::make_binary(plan::BinaryOp::Add, minus(pos, column_of(node, before_time.id)),
                                                 plan::make_literal(int64_t{1}, DType::Int64));
  out.relation = std::make_shared<plan::ProjectNode>(
      node, std::vector<plan::NamedExpr>{
                {out.start, minus(pos, column_of(node, before_start.id))},
                {out.end, end},
                {out.order, std::make_shared<plan::FunctionExpr>("rolling_order_key", std::vector<ExprPtr>{key_column, pos})}});
  return out;
}

/// Whether a rank of `arg` is made floats, as pandas makes it: always by average, and by the
/// other methods except a Series' own rank of numbers (Int8..UInt64 too) or booleans (pandas'
/// UInt64; the binding's to_pandas gives UInt64 of these Int64 ranks). DataFrame.rank and
/// groupby rank give floats of every dtype.
bool float_ranks(const WindowSpec& spec, const ExprPtr& arg, bool series) {
  if (spec.method == plan::RankMethod::Average || spec.pct || !series) return true;
  DType d = arg->dtype();
  return !is_integer(d) && d != DType::Float64 && d != DType::Boolean;  // (Int8..UInt64 as Int64)
}

/// Applies `spec` to each of `columns` of `frame` in one WindowNode, partitioned by
/// `partition`; `guard`, when set, must be true for a row to get a value (else <NA>).
/// `series`: a Series' own window (rank's dtype, see float_ranks).
/// `time_id`: rolling by a time offset, the time column (see time_bounds; `what` names it).
Windowed apply(const DataFrame& frame, const WindowSpec& spec, const std::vector<Column>& columns,
               const std::vector<std::string>& partition, const ExprPtr& guard, bool series = false,
               const std::string& time_id = "", const std::string& what = "") {
  NodePtr rel = frame.plan();
  TimeBounds bounds;
  if (spec.offset_us) {
    if (spec.op != "rolling") throw InvalidArgumentError("a time offset is a rolling window's");
    api_detail::require_order(rel, spec.op + "()");
    bounds = time_bounds(rel, time_id, what, spec, partition);
    rel = bounds.relation;
  }
  std::vector<plan::WindowCall> calls;
  std::vector<Finish> finishes;
  std::vector<ExprPtr> args;
  for (const auto& c : columns) {
    Finish f;
    ExprPtr x = spec.op == "cumcount" ? nullptr : column_of(rel, c.id);
    if (spec.fill_value && !spec.fill_value->is_na() && !plan::value_fits(x->dtype(), *spec.fill_value)) {
      throw DTypeError(spec.op + ": fill_value " + spec.fill_value->to_string() + " does not fit column " + c.label.repr() +
                       " of dtype '" + std::string(dtype_name(x->dtype())) + "'");
    }
    calls.push_back(make_call(spec, x, partition, f));
    calls.back().start_column = bounds.start;
    calls.back().end_column = bounds.end;
    if (!bounds.order.empty()) {
      calls.back().order_column = bounds.order;
      calls.back().periods = *spec.offset_us;
      calls.back().closed = spec.closed;
    }
    if (x && is_storage_only(x->dtype())) {
      try {  // a window refusing the dtype (ewm of an Int8) names the column
        plan::window_type(calls.back());
      } catch (const DTypeError& e) {
        throw DTypeError("column " + c.label.repr() + ": " + e.what());
      }
    }
    finishes.push_back(f);
    args.push_back(x);
  }
  if (std::any_of(calls.begin(), calls.end(), [](const plan::WindowCall& c) { return plan::follows_order(c); })) {
    api_detail::require_order(rel, spec.op + "()");
  }
  NodePtr windowed = std::make_shared<plan::WindowNode>(rel, calls);
  std::vector<plan::NamedExpr> projected;
  std::vector<Column> out;
  for (size_t i = 0; i < calls.size(); ++i) {
    ExprPtr value = finished(finishes[i], args[i], column_of(windowed, calls[i].id), columns[i].label);
    if (calls[i].func == WindowFunc::Rank && value->dtype() != DType::Float64 && float_ranks(spec, args[i], series)) {
      value = std::make_shared<plan::CastExpr>(value, DType::Float64);
    }
    // pandas' groupby shift(0) gives the values themselves, also on rows without a group (dropna),
    // and diff(0) subtracts those (pct_change(0) leaves such rows missing)
    bool every_row = spec.periods == 0 && (spec.op == "shift" || spec.op == "diff");
    // (pandas' groupby shift gives the rows without a group its fill_value)
    ExprPtr otherwise;
    if (calls[i].fill_value) {
      otherwise = plan::make_literal(*calls[i].fill_value, value->dtype());
      if (otherwise->dtype() != value->dtype()) otherwise = std::make_shared<plan::CastExpr>(otherwise, value->dtype());
    }
    if (guard && !every_row) value = std::make_shared<plan::ConditionalExpr>(guard, value, otherwise);
    if (value->kind() == plan::ExprKind::Column) {
      out.push_back({columns[i].label, calls[i].id});
      continue;
    }
    projected.push_back({plan::new_column_id(), value});
    out.push_back({columns[i].label, projected.back().id});
  }
  if (!projected.empty()) windowed = std::make_shared<plan::ProjectNode>(windowed, std::move(projected));
  return {windowed, out};
}

std::vector<Column> select_columns(const DataFrame& frame, const std::vector<Label>& labels,
                                   const std::vector<Label>& except = {}) {
  std::vector<Column> out;
  if (labels.empty()) {
    for (const auto& c : frame.value_columns()) {
      if (std::find(except.begin(), except.end(), c.label) == except.end()) out.push_back(c);
    }
    return out;
  }
  for (const auto& label : labels) {
    auto it = std::find_if(frame.value_columns().begin(), frame.value_columns().end(),
                           [&](const Column& c) { return c.label == label; });
    if (it == frame.value_columns().end()) throw ColumnNotFoundError("Column not found: " + label.repr());
    out.push_back(*it);
  }
  return out;
}

/// cumcount and transform need groups.
void require_ungrouped(const WindowSpec& spec) {
  if (spec.op == "cumcount" || spec.op == "transform") {
    throw InvalidArgumentError(spec.op + " is a groupby operation; use df.groupby(keys)." + spec.op + "()");
  }
}

/// A rolling window by a time offset over the index: its one level's column id, and its name
/// for messages (pandas': "index").
std::string time_index(const DataFrame& frame, std::string& what) {
  what = "index";
  if (frame.default_index() || frame.index().size() != 1) {
    throw InvalidArgumentError("window must be an integer 0 or greater: a window by a time offset needs a "
                               "DatetimeIndex (or TimedeltaIndex) of one level, or on= a datetime column");
  }
  return frame.index()[0].id;
}

}  // namespace

DataFrame DataFrame::window(const WindowSpec& spec, const std::vector<Label>& labels) const {
  require_ungrouped(spec);
  if (spec.on && !spec.offset_us) throw NotImplementedError("rolling(on=...) is supported with a time offset ('2D')");
  if (!spec.offset_us) {
    Windowed w = apply(*this, spec, select_columns(*this, labels), {}, nullptr);
    return DataFrame(ctx_, w.relation, index_, w.columns, default_index_);
  }
  // By a time offset: `on` (a column, kept as it is and where it is) or the index.
  std::string what, time_id;
  std::vector<Column> columns;
  if (spec.on) {
    what = spec.on->is_string() ? spec.on->to_string() : spec.on->repr();
    auto on = std::find_if(value_columns().begin(), value_columns().end(), [&](const Column& c) { return c.label == *spec.on; });
    if (on == value_columns().end()) {
      throw InvalidArgumentError("invalid on specified as " + what + ", must be a column (of DataFrame), an Index or None");
    }
    time_id = on->id;
    columns = select_columns(*this, labels, {*spec.on});
  } else {
    time_id = time_index(*this, what);
    columns = select_columns(*this, labels);
  }
  Windowed w = apply(*this, spec, columns, {}, nullptr, false, time_id, what);
  std::vector<Column> out;
  auto computed = w.columns.begin();
  for (const auto& c : value_columns()) {
    if (spec.on && c.label == *spec.on) {
      out.push_back(c);
    } else if (computed != w.columns.end() && computed->label == c.label) {
      out.push_back(*computed++);
    }
  }
  return DataFrame(ctx_, w.relation, index_, out, default_index_);
}

Series Series::window(const WindowSpec& spec) const {
  require_ungrouped(spec);
  if (spec.on) throw InvalidArgumentError("on= is a DataFrame's rolling option; a Series rolls over its index");
  DataFrame frame = to_frame();
  std::string what, time_id;
  if (spec.offset_us) time_id = time_index(frame, what);
  Windowed w = apply(frame, spec, frame.value_columns(), {}, nullptr, true, time_id, what);
  return Series(ctx_, w.relation, frame.index(), default_index_, column_of(w.relation, w.columns[0].id), name_);
}

DataFrame GroupBy::window(const WindowSpec& spec, const std::vector<Label>& labels, bool group_index) const {
  if (spec.on && !spec.offset_us) throw NotImplementedError("rolling(on=...) is supported with a time offset ('2D')");
  // By a time offset: over `on` (a column, kept as it is and where it is) or the index, within
  // each group (pandas' groupby(...).rolling("2D", on=...)).
  std::string what, time_id;
  std::vector<Label> windowed = labels;
  if (spec.offset_us && spec.on) {
    what = spec.on->is_string() ? spec.on->to_string() : spec.on->repr();
    const auto& all = frame_.value_columns();
    auto on = std::find_if(all.begin(), all.end(), [&](const Column& c) { return c.label == *spec.on; });
    if (on == all.end() || std::find(keys_.begin(), keys_.end(), *spec.on) != keys_.end()) {
      throw InvalidArgumentError("invalid on specified as " + what + ", must be a column (of DataFrame), an Index or None");
    }
    time_id = on->id;
    windowed.erase(std::remove(windowed.begin(), windowed.end(), *spec.on), windowed.end());
    if (windowed.empty()) {
      for (const auto& c : all) {
        if (c.label != *spec.on && std::find(keys_.begin(), keys_.end(), c.label) == keys_.end()) windowed.push_back(c.label);
      }
    }
  } else if (spec.offset_us) {
    time_id = time_index(frame_, what);
  }
  // The on column where the frame has it among the windowed columns (pandas keeps it there).
  auto with_on = [&](const std::vector<Column>& computed) {
    if (!spec.on) return computed;
    std::vector<Column> out;
    auto next = computed.begin();
    for (const auto& c : frame_.value_columns()) {
      if (c.label == *spec.on && (labels.empty() || std::find(labels.begin(), labels.end(), c.label) != labels.end())) {
        out.push_back(c);
      } else if (next != computed.end() && next->label == c.label) {
        out.push_back(*next++);
      }
    }
    return out;
  };
  std::vector<Column> keys = select_columns(frame_, keys_);
  std::vector<std::string> key_ids;
  for (const auto& k : keys) key_ids.push_back(k.id);
  std::vector<Column> columns;
  if (spec.op == "cumcount") {
    columns.push_back({"cumcount", keys[0].id});
  } else {
    columns = select_columns(frame_, windowed, keys_);
    for (const auto& c : columns) {
      if (std::find(keys_.begin(), keys_.end(), c.label) != keys_.end()) {
        throw NotImplementedError("a window of a group key (" + c.label.repr() + ") is not supported; select another column");
      }
    }
  }
  const NodePtr& rel = frame_.plan();
  ExprPtr all_present;
  if (dropna_) {
    std::vector<ExprPtr> present;
    for (const auto& id : key_ids) present.push_back(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column_of(rel, id)));
    all_present = plan::make_balanced(plan::BinaryOp::And, std::move(present));
  }
  if (!group_index) {
    Windowed w = apply(frame_, spec, columns, key_ids, all_present, false, time_id, what);
    return DataFrame(frame_.context(), w.relation, frame_.index(), with_on(w.columns), frame_.default_index());
  }
  // pandas' groupby(...).rolling(...): the groups' rows, group after group, indexed by the keys
  // and then the original index.
  DataFrame source = frame_;
  if (all_present) {
    source = DataFrame(frame_.context(), std::make_shared<plan::FilterNode>(rel, all_present), frame_.index(),
                       frame_.value_columns(), frame_.default_index());
  }
  Windowed w = apply(source, spec, columns, key_ids, nullptr, false, time_id, what);
  std::vector<plan::OrderingKey> order;
  for (const auto& id : key_ids) order.push_back({id, true, true});
  for (const auto& k : w.relation->ordering().keys) order.push_back(k);
  NodePtr ordered = std::make_shared<plan::OrderByNode>(w.relation, order);
  std::vector<IndexLevel> index;
  for (size_t i = 0; i < keys.size(); ++i) index.push_back({key_ids[i], keys_[i]});
  for (const auto& level : frame_.index()) index.push_back(level);
  return DataFrame(frame_.context(), ordered, index, with_on(w.columns), false);
}

}  // namespace cormorant
