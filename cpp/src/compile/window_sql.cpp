#include <algorithm>
#include <cstdint>
#include "cormorant/compile/window_sql.hpp"

#include "cormorant/common/error.hpp"
#include "cormorant/compile/aggregate_sql.hpp"
#include "lowering.hpp"

namespace cormorant::compile {

namespace {

using plan::AggFunc;
using plan::RankMethod;
using plan::WindowFunc;

SqlExprPtr literal(int64_t v) { return sql_literal(v, DType::Int64); }

/// Whether sums and means of `in` are taken as exact Int64 sums (cormorant_int64_sum): Int64,
/// the narrower integers and, for sums, booleans (a UInt64's may be past Int64: in doubles).
bool summed_as_int64(DType in, AggFunc f) {
  if (f != AggFunc::Sum && f != AggFunc::Mean) return false;
  if (in == DType::Boolean) return f == AggFunc::Sum;
  return in == DType::Int64 || (in == DType::Integer && !(in.is_unsigned() && in.bits() == 64));
}

/// `value` where `x` is present, <NA> where it is missing (pandas' skipna for running values).
SqlExprPtr where_present(const SqlExprPtr& x, const SqlExprPtr& value) {
  return sql_case({{sql_postfix(x, "IS NOT NULL"), value}}, nullptr);
}

const char* aggregate_name(AggFunc f) {
  switch (f) {
    case AggFunc::Sum: return "sum";
    case AggFunc::Mean: return "avg";
    case AggFunc::Min: return "min";
    case AggFunc::Max: return "max";
    case AggFunc::Count: return "count";
    case AggFunc::Std: return "stddev_samp";
    case AggFunc::Var: return "var_samp";
    case AggFunc::Median: return "median";
    default: break;
  }
  throw NotImplementedError("this aggregation is not supported over a window; use sum, mean, min, max, count, std, "
                            "var or median");
}

/// The arguments of the engine's exact aggregate of `x` (exact_aggregate): Std and Var take
/// the divisor's ddof (pandas' n - ddof).
std::vector<SqlExprPtr> exact_arguments(AggFunc f, const SqlExprPtr& x, int64_t ddof = 1) {
  std::vector<SqlExprPtr> args{sql_cast(x, DType::Float64)};
  if (f == AggFunc::Std || f == AggFunc::Var) args.push_back(sql_literal(static_cast<double>(ddof), DType::Float64));
  return args;
}

/// The rows of a rolling or expanding window: all rows so far (Expanding), the per-row bounds
/// of a window by a time offset, or the last `periods` rows by pandas' `closed` and `center`.
SqlFrame rolling_frame(const plan::WindowCall& call, const WindowBounds& bounds) {
  if (call.func == WindowFunc::Expanding) return SqlFrame{std::nullopt, 0};
  if (bounds.start) {
    SqlFrame frame;
    frame.start_preceding = bounds.start;
    frame.end_preceding = bounds.end;
    if (bounds.order) {
      // the same rows by the order key (time * 10**10 + position): a later row of the same time
      // is more than 0 after the row, an earlier row of a time `offset` before is more than
      // (offset - 1) * 10**10 before it (the earliest one of the time `offset` - 1 before, less)
      const bool left = call.closed == plan::WindowClosed::Left || call.closed == plan::WindowClosed::Both;
      const bool right = call.closed == plan::WindowClosed::Right || call.closed == plan::WindowClosed::Both;
      frame.literal_key = bounds.order;
      int64_t whole = call.periods + (left ? 1 : 0) - 1;  // (offset + left) * 10**10 - 1 = whole * 10**10 + 9999999999
      frame.key_start = (whole > 0 ? std::to_string(whole) : std::string()) + "9999999999";
      if (!right) frame.key_end = "10000000000";  // (before every row of the same time)
    }
    return frame;
  }
  // pandas' centred window of n rows ends (n - 1) // 2 rows after the row
  int64_t after = call.center ? (call.periods - 1) / 2 : 0;
  SqlFrame frame{call.periods - 1 - after, after};
  // pandas' FixedWindowIndexer: closed "left"/"both" start one row earlier, "left"/"neither" end one row earlier
  if (call.closed == plan::WindowClosed::Left || call.closed == plan::WindowClosed::Both) frame.preceding = *frame.preceding + 1;
  if (call.closed == plan::WindowClosed::Left || call.closed == plan::WindowClosed::Neither) frame.following = *frame.following - 1;
  return frame;
}

}  // namespace

SqlExprPtr window_sql(const plan::WindowCall& call, const SqlExprPtr& arg, const std::vector<SqlExprPtr>& partition,
                      const std::vector<SqlOrderKey>& order, const WindowBounds& bounds) {
  DType out = plan::window_type(call);
  DType in = call.arg ? call.arg->dtype() : DType(DType::Int64);
  const SqlFrame running{std::nullopt, 0};
  auto over = [&](const char* f, std::vector<SqlExprPtr> args, std::optional<SqlFrame> frame) {
    return frame ? sql_window(f, std::move(args), partition, order, *frame) : sql_window(f, std::move(args), partition, order);
  };
  // Booleans take part in sums and products as integers, as in pandas.
  SqlExprPtr x = arg && in == DType::Boolean ? sql_cast(arg, DType::Int64) : arg;
  switch (call.func) {
    // A running sum or product of floats that comes to NaN (inf - inf, inf * 0) is <NA>, as
    // pandas' Float64 arithmetic gives it (its accumulations leave that NaN: README, differences)
    case WindowFunc::CumSum:
      if (out == DType::Integer) {  // a UInt64's: summed exactly (HUGEINT), wrapped around at 2**64 as NumPy
        return where_present(arg, wrap_sql(sql_cast_to_engine_type(over("sum", {x}, running), "HUGEINT"), out, "HUGEINT"));
      }
      return where_present(arg, out == DType::Float64 ? nan_as_missing(sql_cast(over("sum", {x}, running), out))
                                                      : sql_cast(over("sum", {x}, running), out));
    case WindowFunc::CumProd: {
      auto product = over("product", {x}, running);  // the engine's product is a double
      if (out == DType::Float64) return where_present(arg, nan_as_missing(sql_cast(product, out)));
      // Integers: exact while every running product and factor stays below 2**53 in magnitude
      // (factors are whole, so the magnitudes only grow until a zero makes the rest exact)
      constexpr int64_t kExact = int64_t{1} << 53;
      auto inexact = sql_infix(
          "OR", sql_prefix("NOT", sql_infix("<", sql_function("abs", {product}), sql_literal(double(kExact), DType::Float64))),
          sql_infix("OR", sql_infix(">", over("max", {x}, running), literal(kExact)),
                    sql_infix("<", over("min", {x}, running), literal(-kExact))));
      auto refused = sql_raise(ErrorKind::Overflow,
                               {sql_literal(std::string("cumprod of integers: a running product is past 2**53, where "
                                                        "integer products are no longer exact; convert the column to "
                                                        "Float64 with astype() first"),
                                            DType::String)},
                               out);
      return where_present(arg, sql_case({{inexact, refused}}, sql_cast(product, out)));
    }
    case WindowFunc::CumMin:
      return where_present(arg, over("min", {arg}, running));
    case WindowFunc::CumMax:
      return where_present(arg, over("max", {arg}, running));
    case WindowFunc::Shift:
      if (call.periods == 0) return arg;
      // (a shift by INT64_MIN moves every value out, as INT64_MAX does: -INT64_MIN overflows)
    {
      std::vector<SqlExprPtr> args{arg, literal(call.periods > 0 ? call.periods : -std::max(call.periods, -INT64_MAX))};
      if (call.fill_value) args.push_back(sql_literal(*call.fill_value, out));  // the rows shifted in past the ends
      return over(call.periods > 0 ? "lag" : "lead", std::move(args), std::nullopt);
    }
    case WindowFunc::CumCount:
      // ascending: rows before this one in its partition; descending: rows after it
      if (!call.ascending) return sql_infix("-", over("count_star", {}, SqlFrame{0, std::nullopt}), literal(1));
      return sql_infix("-", over("row_number", {}, std::nullopt), literal(1));
    case WindowFunc::FFill:
    case WindowFunc::BFill: {
      // the last (next) value present among the rows so far (from here on), or among the `limit`
      // rows before (after) this one and itself: pandas fills at most `limit` missing rows in a row
      bool forward = call.func == WindowFunc::FFill;
      std::optional<int64_t> reach;
      if (call.limit > 0) reach = call.limit;
      auto w = std::make_shared<SqlExpr>(*over(forward ? "last_value" : "first_value", {arg},
                                               forward ? SqlFrame{reach, 0} : SqlFrame{0, reach}));
      w->ignore_nulls = true;
      if (call.limit_area == plan::FillArea::Any) return w;
      // limit_area: a missing row is inside when values are present before and after it
      auto present = [&](SqlFrame frame) { return sql_infix(">", over("count", {arg}, frame), literal(0)); };
      auto inside = sql_infix("AND", present(running), present(SqlFrame{0, std::nullopt}));
      auto fills = call.limit_area == plan::FillArea::Inside ? inside : sql_prefix("NOT", inside);
      return sql_case({{sql_postfix(arg, "IS NOT NULL"), arg}, {fills, w}}, nullptr);
    }
    case WindowFunc::Ewm: {
      // the engine's exponentially weighted aggregates (engine/ewm_aggregates.hpp) over the rows so far
      const char* f = call.agg == AggFunc::Mean ? "cormorant_ewm_mean"
                      : call.agg == AggFunc::Sum ? "cormorant_ewm_sum"
                      : call.agg == AggFunc::Std ? "cormorant_ewm_std"
                                                 : "cormorant_ewm_var";
      return nan_as_missing(over(f,
                                 {sql_cast(arg, DType::Float64), sql_literal(call.com, DType::Float64),
                                  sql_literal(call.adjust, DType::Boolean), sql_literal(call.ignore_na, DType::Boolean),
                                  literal(call.min_periods)},
                                 running));
    }
    case WindowFunc::Rank: {
      // Missing values sort last, so they do not move the ranks of the others (na_option="keep",
      // where they stay missing); "top" and "bottom" rank them first or last, tied among themselves.
      bool keep = call.na_option == plan::RankNa::Keep;
      std::vector<SqlOrderKey> by_value{{arg, call.ascending, call.na_option != plan::RankNa::Top}};
      auto ranked = [&](const char* f, std::vector<SqlExprPtr> args, std::vector<SqlOrderKey> keys) {
        return sql_window(f, std::move(args), partition, std::move(keys));
      };
      // count(x) over the default frame (RANGE ... CURRENT ROW) counts the ties too: the max rank
      // (count(*) where missing values are ranked too)
      auto ties_end = [&] { return keep ? ranked("count", {arg}, by_value) : ranked("count", {sql_star()}, by_value); };
      SqlExprPtr r;
      switch (call.rank_method) {
        case RankMethod::Min: r = ranked("rank", {}, by_value); break;
        case RankMethod::Max: r = sql_cast(ties_end(), DType::Int64); break;
        case RankMethod::Dense: r = ranked("dense_rank", {}, by_value); break;
        case RankMethod::First: {
          std::vector<SqlOrderKey> keys = by_value;
          keys.insert(keys.end(), order.begin(), order.end());  // ties in order of appearance
          r = ranked("row_number", {}, std::move(keys));
          break;
        }
        case RankMethod::Average:
          r = sql_infix("/", sql_cast(sql_infix("+", ranked("rank", {}, by_value), ties_end()), DType::Float64),
                        sql_literal(2.0, DType::Float64));
          break;
      }
      if (call.pct) {  // pandas: over the number of ranked values (dense: of distinct ones)
        auto whole = [&](SqlExprPtr x) {
          auto w = std::make_shared<SqlExpr>(*sql_window("count", {std::move(x)}, partition, {}));
          w->distinct = call.rank_method == RankMethod::Dense;
          return w;
        };
        SqlExprPtr n = whole(call.rank_method == RankMethod::Dense || keep ? arg : sql_star());
        if (call.rank_method == RankMethod::Dense && !keep) {  // the missing values' rank is one more
          auto missing = sql_infix(">", sql_window("count", {sql_star()}, partition, {}), sql_window("count", {arg}, partition, {}));
          n = sql_infix("+", n, sql_case({{missing, literal(1)}}, literal(0)));
        }
        r = sql_infix("/", sql_cast(r, DType::Float64), sql_cast(n, DType::Float64));
      }
      return keep ? where_present(arg, sql_cast(r, out)) : sql_cast(r, out);
    }
    case WindowFunc::CountThrough: {
      SqlFrame through{std::nullopt, -call.periods};
      through.range = true;
      return sql_window("count", {sql_star()}, partition, {{arg, true, true}}, through);
    }
    case WindowFunc::Rolling:
    case WindowFunc::Expanding: {
      SqlFrame frame = rolling_frame(call, bounds);
      if (in == DType::Float64 && call.agg != AggFunc::Count) {
        // pandas' windows take inf and -inf as missing values (Rolling._prep_values): they count
        // neither as values nor toward min_periods (count counts them, as every present value).
        x = sql_case({{sql_function("isinf", {x}), sql_literal(NA, DType::Float64)}}, x);
      }
      // Variances: exact sums (the engine's own raise when a square overflows; pandas gives inf)
      bool moment = call.agg == AggFunc::Std || call.agg == AggFunc::Var;
      // pandas counts the non-missing values against min_periods (count: all rows of the window).
      SqlExprPtr counted = call.agg == AggFunc::Count ? over("count", {sql_star()}, frame) : over("count", {x}, frame);
      SqlExprPtr value;
      if (moment) {
        value = over(exact_aggregate(call.agg, DType::Float64), exact_arguments(call.agg, x, call.ddof), frame);
      } else if (summed_as_int64(in, call.agg) || (in == DType::Boolean && call.agg == AggFunc::Mean)) {
        // integers: summed exactly (cormorant_int64_sum; an engine's window sum of BIGINT may
        // overflow on the way to a sum that fits, as Spark's does; its avg sums doubles)
        value = sql_cast(over("cormorant_int64_sum", {sql_cast(x, DType::Int64)}, frame), DType::Float64);
        if (call.agg == AggFunc::Mean) {
          value = sql_case({{sql_infix(">", counted, literal(0)), sql_infix("/", value, sql_cast(counted, DType::Float64))}}, nullptr);
        }
      } else {
        value = sql_cast(over(aggregate_name(call.agg), {x}, frame), DType::Float64);
      }
      if (call.agg == AggFunc::Sum && call.min_periods == 0) {
        value = sql_function("coalesce", {value, sql_literal(0.0, DType::Float64)});
      }
      // pandas' variances need more values than ddof (<NA> otherwise)
      SqlExprPtr enough = moment ? sql_infix(">", counted, literal(call.ddof)) : nullptr;
      if (call.min_periods > 0) {
        auto periods = sql_infix(">=", counted, literal(call.min_periods));
        enough = enough ? sql_infix("AND", periods, enough) : periods;
      }
      if (!enough) return value;
      return sql_case({{enough, value}}, nullptr);
    }
    case WindowFunc::Transform: {
      if (call.agg == AggFunc::CountAll) return sql_cast(sql_window("count", {sql_star()}, partition, {}), DType::Int64);
      switch (call.agg) {
        case AggFunc::Prod:
        case AggFunc::First:
        case AggFunc::Last:
        case AggFunc::NUnique:
        case AggFunc::Any:
        case AggFunc::All:
          return aggregate_over_partition(plan::Aggregation{call.id, call.agg, call.arg}, arg, partition, order);
        case AggFunc::Sum:
        case AggFunc::Mean:
          // integers: the exact sum and mean of aggregate_sql (an engine's window sum of BIGINT
          // may overflow on the way to a total that fits, as Spark's does; its avg sums doubles)
          if (summed_as_int64(in, call.agg)) {
            return sql_cast(aggregate_over_partition(plan::Aggregation{call.id, call.agg, call.arg}, arg, partition, order), out);
          }
          break;
        default: break;
      }
      bool numeric = call.agg != AggFunc::Count && call.agg != AggFunc::Min && call.agg != AggFunc::Max;
      SqlExprPtr v = in == DType::Boolean && numeric ? sql_cast(arg, call.agg == AggFunc::Sum ? DType::Int64 : DType::Float64) : arg;
      SqlExprPtr result;
      DType summed = in == DType::Boolean && call.agg != AggFunc::Sum ? DType(DType::Float64) : in;
      if (const char* exact = exact_aggregate(call.agg, summed)) {
        // Float sums, means and variances of a group: exact sums, the same bits on any number of
        // threads (the engine's sum over a partition depends on how threads split it)
        result = sql_window(exact, exact_arguments(call.agg, v), partition, {});
        if (call.agg == AggFunc::Mean) {
          auto n = sql_window("count", {v}, partition, {});
          result = sql_case({{sql_infix(">", n, literal(0)), sql_infix("/", result, sql_cast(n, DType::Float64))}}, nullptr);
        }
        result = sql_cast(result, out);
      } else {
        result = sql_cast(sql_window(aggregate_name(call.agg), {v}, partition, {}), out);
      }
      if (call.agg == AggFunc::Sum) {  // pandas: the sum of no values is 0
        result = sql_function("coalesce", {result, sql_literal(out == DType::Float64 ? Value(0.0) : Value(int64_t{0}), out)});
      }
      return result;
    }
  }
  throw InternalError("internal error: unknown window function");
}

}  // namespace cormorant::compile
