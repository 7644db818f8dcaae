#include "cormorant/plan/window.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

namespace {

const char* window_name(const WindowCall& c) {
  switch (c.func) {
    case WindowFunc::CumSum: return "cumsum";
    case WindowFunc::CumProd: return "cumprod";
    case WindowFunc::CumMin: return "cummin";
    case WindowFunc::CumMax: return "cummax";
    case WindowFunc::Shift: return "shift";
    case WindowFunc::Rank: return "rank";
    case WindowFunc::CumCount: return "cumcount";
    case WindowFunc::Rolling: return "rolling";
    case WindowFunc::Expanding: return "expanding";
    case WindowFunc::Transform: return "transform";
    case WindowFunc::FFill: return "ffill";
    case WindowFunc::BFill: return "bfill";
    case WindowFunc::Ewm: return "ewm";
    case WindowFunc::CountThrough: return "rolling";
  }
  return "window";
}

[[noreturn]] void unsupported(const WindowCall& c, DType arg) {
  throw DTypeError("cannot compute " + std::string(window_name(c)) + " of dtype '" + std::string(dtype_name(arg)) +
                   "'; select numeric columns");
}

bool orderable(DType d) {
  return d == DType::Boolean || d == DType::Int64 || d == DType::Float64 || d == DType::String || is_temporal(d) ||
         d == DType::Timedelta;
}

}  // namespace

DType window_type(const WindowCall& c) {
  if (c.func == WindowFunc::CumCount) return DType::Int64;
  CORMORANT_CHECK(c.arg != nullptr, "a window call needs an argument");
  DType arg = c.arg->dtype();
  switch (c.func) {
    case WindowFunc::CountThrough:
      CORMORANT_CHECK(arg == DType::Int64 && c.periods >= 0, "CountThrough takes Int64 keys and an offset >= 0");
      return DType::Int64;
    case WindowFunc::CumSum:
    case WindowFunc::CumProd:
      if (arg == DType::Timedelta && c.func == WindowFunc::CumSum) return arg;
      if (arg == DType::Integer) {  // pandas: Int64 or UInt64 (a groupby's keeps the dtype while the values fit it)
        if (!c.partition.empty()) {
          throw DTypeError("a groupby " + std::string(window_name(c)) + " of dtype '" + dtype_name(arg) +
                           "' is not supported yet: pandas' dtype there depends on the values; convert the column "
                           "with astype('Int64') first");
        }
        return DType::integer(64, arg.is_unsigned());
      }
      if (arg == DType::Boolean || arg == DType::Int64) return DType::Int64;
      if (arg == DType::Float64) return DType::Float64;
      unsupported(c, arg);
    case WindowFunc::CumMin:
    case WindowFunc::CumMax:
      if (orderable(arg) || arg == DType::Integer) return arg;
      unsupported(c, arg);
    case WindowFunc::Shift:
      CORMORANT_CHECK(!c.fill_value || value_fits(arg, *c.fill_value), "shift: a fill_value that does not fit the column");
      return arg;
    case WindowFunc::FFill:
    case WindowFunc::BFill: return arg;
    case WindowFunc::Ewm:
      // pandas computes exponentially weighted windows in float64, whatever the input.
      if (arg != DType::Boolean && arg != DType::Int64 && arg != DType::Float64) unsupported(c, arg);
      if (c.agg != AggFunc::Mean && c.agg != AggFunc::Sum && c.agg != AggFunc::Std && c.agg != AggFunc::Var) {
        throw NotImplementedError("ewm supports mean, sum, std and var");
      }
      return DType::Float64;
    case WindowFunc::Rank:
      if (!orderable(arg) && arg != DType::Integer) unsupported(c, arg);
      return c.rank_method == RankMethod::Average || c.pct ? DType::Float64 : DType::Int64;
    case WindowFunc::Rolling:
    case WindowFunc::Expanding:
      // pandas computes rolling and expanding windows in float64, whatever the input (Int8..UInt64 too).
      if (arg != DType::Boolean && arg != DType::Integer && !is_numeric(arg)) unsupported(c, arg);
      // (aggregate_type throws for what does not apply)
      aggregate_type(c.agg, arg == DType::Boolean || arg == DType::Integer ? DType(DType::Int64) : arg);
      return DType::Float64;
    case WindowFunc::Transform:
      // A window's mean, median and std of timedeltas would not truncate to microseconds as pandas does;
      // a decimal's mean would be the engine's double, its sum of nothing <NA>.
      if ((arg == DType::Timedelta || arg == DType::Decimal) && c.agg != AggFunc::Min && c.agg != AggFunc::Max &&
          c.agg != AggFunc::Count && c.agg != AggFunc::CountAll) {
        unsupported(c, arg);
      }
      if ((arg == DType::Timestamp || arg == DType::TimestampTz) &&
          (c.agg == AggFunc::Mean || c.agg == AggFunc::Median || c.agg == AggFunc::Quantile)) {
        unsupported(c, arg);  // (a group's mean of datetimes: its aggregate, not yet its window)
      }
      refuse_grouped_integer_sum(c.agg, arg);
      return aggregate_type(c.agg, arg);
    case WindowFunc::CumCount: break;
  }
  return DType::Int64;
}

namespace {

Schema window_schema(const Node& input, const std::vector<WindowCall>& calls) {
  Schema schema = input.schema();
  for (const auto& c : calls) {
    CORMORANT_CHECK(!input.has_column(c.id), "duplicate column id " + c.id);
    for (const auto& p : c.partition) CORMORANT_CHECK(input.has_column(p), "window partition column not in input");
    for (const auto* bound : {&c.start_column, &c.end_column}) {
      CORMORANT_CHECK(bound->empty() || (c.func == WindowFunc::Rolling && input.has_column(*bound)),
                      "a rolling window's bound column not in input");
    }
    CORMORANT_CHECK(c.start_column.empty() == c.end_column.empty(), "a rolling window needs both bound columns");
    CORMORANT_CHECK(c.order_column.empty() || (!c.start_column.empty() && input.has_column(c.order_column)),
                    "a rolling window's order column not in input");
    if (c.func == WindowFunc::Rolling && c.start_column.empty()) {
      if (c.periods < 1) throw InvalidArgumentError("window must be an integer 0 or greater");
    }
    if ((c.func == WindowFunc::Rolling || c.func == WindowFunc::Expanding) && c.min_periods < 0) {
      throw InvalidArgumentError("min_periods must be >= 0");
    }
    if (c.func == WindowFunc::Rolling && c.start_column.empty() && c.min_periods > c.periods) {
      throw InvalidArgumentError("min_periods " + std::to_string(c.min_periods) + " must be <= window " +
                                 std::to_string(c.periods));
    }
    schema.push_back({c.id, window_type(c)});
  }
  return schema;
}

std::vector<ExprPtr> call_expressions(const std::vector<WindowCall>& calls) {
  std::vector<ExprPtr> out;
  for (const auto& c : calls) {
    if (c.arg) out.push_back(c.arg);
  }
  return out;
}

Ordering logical_ordering(Ordering o) {
  o.physical = false;
  return o;
}

}  // namespace

WindowNode::WindowNode(NodePtr input, std::vector<WindowCall> calls)
    : Node(NodeKind::Window, window_schema(*input, calls), logical_ordering(input->ordering()), {input},
           call_expressions(calls)),
      calls_(std::move(calls)) {
  bool order_free = std::none_of(calls_.begin(), calls_.end(), [](const WindowCall& c) { return follows_order(c); });
  CORMORANT_CHECK(order_free || !inputs()[0]->ordering().empty(), "window functions need an ordered input");
}

bool follows_order(const WindowCall& call) {
  if (call.func == WindowFunc::Rank) return call.rank_method == RankMethod::First;
  if (call.func != WindowFunc::Transform) return true;
  if (call.agg == AggFunc::Prod) return !call.arg || call.arg->dtype() != DType::Int64;
  return follows_order(call.agg);
}

}  // namespace cormorant::plan
