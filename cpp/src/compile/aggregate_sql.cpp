#include "cormorant/compile/aggregate_sql.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "cormorant/common/error.hpp"

namespace cormorant::compile {

namespace {

/// `the <what> of column 'label'` for an overflow message ("the sum", "the product").
std::string of_column(const std::string& what, const plan::Aggregation& a) {
  return what + (a.label.empty() ? "" : " of column '" + a.label + "'");
}

/// pandas' prod: 1 for no values. Over Int64 (or booleans) the engine multiplies in doubles,
/// exact while the product stays below 2**53 (with |x| >= 1 every partial product is at most
/// the whole one; a zero anywhere gives 0, whatever came before). A product past 2**53 is
/// refused rather than rounded (pandas wraps around silently past Int64); so is one that reads
/// exactly 2**53 unless every factor is a power of two (2**53 + 1 rounds to 2**53, while a
/// product with an odd factor can never be 2**53 itself).
SqlExprPtr product_sql(const plan::Aggregation& a, const SqlExprPtr& x, DType in, DType out) {
  auto f = sql_cast(x, DType::Float64);
  auto one = out == DType::Int64 ? sql_literal(int64_t{1}, DType::Int64) : sql_literal(1.0, DType::Float64);
  auto none = sql_infix("=", sql_function("count", {x}), sql_literal(int64_t{0}, DType::Int64));
  if (out == DType::Float64) return sql_case({{none, one}}, sql_cast(sql_function("product", {f}), DType::Float64));
  auto zero = sql_function("bool_or", {sql_infix("=", f, sql_literal(0.0, DType::Float64))});
  auto product = sql_function("product", {f});
  constexpr double kExact = 9007199254740992.0;  // 2**53
  auto magnitude = sql_function("abs", {product});
  auto bound = sql_literal(kExact, DType::Float64);
  // |x| at least 1: a zero (its product is 0, decided above) must not reach log2
  auto abs_f = sql_function("greatest", {sql_function("abs", {f}), sql_literal(1.0, DType::Float64)});
  auto power_of_two = sql_infix(
      "=", sql_function("pow", {sql_literal(2.0, DType::Float64), sql_function("round", {sql_function("log2", {abs_f})})}),
      abs_f);
  auto rounded = sql_infix("AND", sql_infix("=", magnitude, bound),
                           sql_prefix("NOT", sql_function("bool_and", {power_of_two})));
  // a factor past 2**53 is itself rounded by the cast (2**53 + 1 reads as 2**53, a power of two);
  // a boolean factor is 0 or 1 (and Spark compares no BOOLEAN with a BIGINT)
  constexpr int64_t kExactInt = int64_t{1} << 53;
  auto too_big = sql_infix("OR", sql_infix(">", magnitude, bound), rounded);
  if (in != DType::Boolean) {
    too_big = sql_infix("OR", too_big,
                        sql_function("bool_or", {sql_infix("OR", sql_infix(">", x, sql_literal(kExactInt, DType::Int64)),
                                                           sql_infix("<", x, sql_literal(-kExactInt, DType::Int64)))}));
  }
  return sql_case({{none, one},
                   {zero, sql_literal(int64_t{0}, DType::Int64)},
                   {too_big, sql_raise(ErrorKind::Overflow,
                                       {sql_literal(of_column("the product", a) + " is past 2**53 (about ", DType::String),
                                        sql_cast(product, DType::String),
                                        sql_literal(std::string("), where Int64 products are no longer exact; convert the column "
                                                                "to Float64 with astype() first"),
                                                    DType::String)},
                                       DType::Int64)}},
                  sql_cast(product, DType::Int64));
}

/// The exact sum of decimal128(38, 9) values, in units of 1e-9 (HUGEINT, NULL for no values), and
/// whether it is past the dtype's 29 integer digits (pyarrow wraps around there; the engine's own
/// sum raised its raw text). The integer parts and the billionths are summed apart in 128 bits
/// (neither sum can overflow short of 10**9 rows of the largest values) and put together only
/// where the total fits.
struct DecimalSum {
  SqlExprPtr units;
  SqlExprPtr past;
};

DecimalSum decimal_sum(const SqlExprPtr& x) {
  auto huge = [](SqlExprPtr e) { return sql_cast_to_engine_type(std::move(e), "HUGEINT"); };
  auto billion = sql_literal(int64_t{1000000000}, DType::Int64);
  auto zero = sql_literal(int64_t{0}, DType::Int64);
  auto plain = sql_cast(x, DType::String);  // (all 9 decimals: the integer part is the text before them)
  auto whole_part = huge(sql_function("left", {plain, sql_infix("-", sql_function("length", {plain}), sql_literal(int64_t{10}, DType::Int64))}));
  auto fractions = sql_function("sum", {decimal_fraction_units(x)});
  auto carry = sql_infix("//", fractions, billion);  // toward zero
  auto whole = sql_infix("+", sql_function("sum", {whole_part}), carry);
  auto rest = sql_infix("-", fractions, sql_infix("*", carry, billion));  // the sign of `fractions`
  auto limit = huge(sql_literal(Value(std::string("100000000000000000000000000000")), DType::String));  // 10**29
  auto past = sql_infix(
      "OR", sql_infix("OR", sql_infix(">", whole, limit), sql_infix("<", whole, sql_prefix("-", limit))),
      sql_infix("OR", sql_infix("AND", sql_infix("=", whole, limit), sql_infix(">=", rest, zero)),
                sql_infix("AND", sql_infix("=", whole, sql_prefix("-", limit)), sql_infix("<=", rest, zero))));
  return {sql_infix("+", sql_infix("*", whole, billion), rest), past};
}

SqlExprPtr decimal_sum_refused(const plan::Aggregation& a) {
  return sql_raise(ErrorKind::Overflow,
                   {sql_literal(of_column("the sum", a) +
                                    " is past the 29 integer digits decimal128(38, 9) holds; convert the column "
                                    "with astype('Float64') first",
                                DType::String)},
                   DType::Decimal);
}

SqlExprPtr decimal_sum_sql(const SqlExprPtr& x, const plan::Aggregation& a) {
  DecimalSum s = decimal_sum(x);
  return sql_case({{s.past, decimal_sum_refused(a)}}, decimal_of_units(s.units));
}

/// pandas' (pyarrow's) mean of decimal128(38, 9) values: their exact sum over their count,
/// rounded half away from zero to 9 decimals (<NA> for no values), worked out in 128-bit
/// integers (the engine's avg is a double): q = units / n toward zero, one more unit away from
/// zero when the remainder is at least half of n.
SqlExprPtr decimal_mean_sql(const SqlExprPtr& x, const plan::Aggregation& a) {
  auto huge = [](SqlExprPtr e) { return sql_cast_to_engine_type(std::move(e), "HUGEINT"); };
  auto zero = sql_literal(int64_t{0}, DType::Int64);
  DecimalSum s = decimal_sum(x);
  auto count = sql_function("count", {x});
  auto n = huge(count);
  auto q = sql_huge_div(s.units, n);  // toward zero
  auto r = sql_infix("-", s.units, sql_infix("*", q, n));  // the sign of the sum
  auto half_or_more = sql_infix(">=", sql_infix("*", sql_literal(int64_t{2}, DType::Int64), sql_function("abs", {r})), n);
  auto away = sql_case({{sql_infix("AND", half_or_more, sql_infix("<", s.units, zero)), sql_literal(int64_t{-1}, DType::Int64)},
                        {half_or_more, sql_literal(int64_t{1}, DType::Int64)}},
                       zero);
  return sql_case({{s.past, decimal_sum_refused(a)},
                   {sql_infix(">", count, zero), decimal_of_units(sql_infix("+", q, away))}},
                  nullptr);
}

}  // namespace

SqlExprPtr decimal_of_units(const SqlExprPtr& units) {
  auto integer = [](int64_t v) { return sql_literal(v, DType::Int64); };
  auto text = [](std::string v) { return sql_literal(std::move(v), DType::String); };
  auto plain = sql_cast(sql_huge_abs(units), DType::String);  // (lpad cuts longer text)
  auto digits = sql_function("lpad", {plain, sql_cast_to_engine_type(sql_function("greatest", {sql_function("length", {plain}), integer(10)}), "INTEGER"), text("0")});
  auto length = sql_function("length", {digits});
  auto sign = sql_case({{sql_infix("<", units, integer(0)), text("-")}}, text(""));
  auto whole = sql_function("substring", {digits, integer(1), sql_infix("-", length, integer(9))});
  auto decimals = sql_function("substring", {digits, sql_infix("-", length, integer(8))});
  return sql_cast(sql_infix("||", sql_infix("||", sql_infix("||", sign, whole), text(".")), decimals), DType::Decimal);
}

SqlExprPtr decimal_fraction_units(const SqlExprPtr& x) {
  auto units = sql_cast(sql_function("right", {sql_cast(x, DType::String), sql_literal(int64_t{9}, DType::Int64)}), DType::Int64);
  return sql_case({{sql_infix("<", x, sql_literal(int64_t{0}, DType::Int64)), sql_prefix("-", units)}}, units);
}

const char* exact_aggregate(plan::AggFunc f, DType in) {
  switch (f) {
    case plan::AggFunc::Sum: return in == DType::Float64 ? "cormorant_sum_exact" : nullptr;
    case plan::AggFunc::Mean: return in == DType::Float64 ? "cormorant_sum_exact" : nullptr;  // / count
    case plan::AggFunc::Std: return "cormorant_std_exact";
    case plan::AggFunc::Var: return "cormorant_var_exact";
    case plan::AggFunc::Corr: return "cormorant_corr_exact";
    case plan::AggFunc::Cov: return "cormorant_cov_exact";
    default: return nullptr;
  }
}

bool order_sensitive(const plan::Aggregation& a) {
  if (!a.arg || exact_aggregate(a.func, a.arg->dtype())) return false;
  switch (a.func) {
    case plan::AggFunc::Skew:
    case plan::AggFunc::Kurt: return true;  // computed in doubles whatever the input
    case plan::AggFunc::Prod: return a.arg->dtype() == DType::Float64;  // (integer products are refused when inexact)
    default: return false;
  }
}

namespace {

/// The engine's exact aggregate of the Float64 `f` (exact_aggregate); Std and Var take the
/// divisor's ddof too.
SqlExprPtr exact_sql(const plan::Aggregation& a, const SqlExprPtr& f) {
  const char* exact = exact_aggregate(a.func, DType::Float64);
  if (a.func != plan::AggFunc::Std && a.func != plan::AggFunc::Var) return sql_function(exact, {f});
  return sql_function(exact, {f, sql_literal(a.options.ddof, DType::Float64)});
}

/// The mean of the BIGINT `x` as pandas takes it: the exact sum (cormorant_int64_sum: DuckDB's
/// HUGEINT, Spark's DECIMAL) as a double over the count (an engine's own avg of BIGINT may sum
/// in doubles, as Spark's does: [2**62, 2**62, -2**62, -2**62, 5] came to 0.0, not 1.0).
SqlExprPtr int64_mean_sql(const SqlExprPtr& x) {
  auto n = sql_function("count", {x});
  return sql_case({{sql_infix(">", n, sql_literal(int64_t{0}, DType::Int64)),
                    sql_infix("/", sql_cast(sql_function("cormorant_int64_sum", {x}), DType::Float64), sql_cast(n, DType::Float64))}},
                  nullptr);
}

/// The aggregate `a` of `x` (of dtype `in`: the argument's, or what integer_aggregate_sql casts it to).
SqlExprPtr aggregate_value_sql(const plan::Aggregation& a, DType in, SqlExprPtr x, SqlExprPtr x2, std::vector<SqlOrderKey> order) {
  DType out = plan::aggregate_type(a.func, in);
  bool instant = in == DType::Timestamp || in == DType::TimestampTz;
  if ((in == DType::Timedelta || instant) && (a.func == plan::AggFunc::Mean || a.func == plan::AggFunc::Median ||
                                              a.func == plan::AggFunc::Quantile || a.func == plan::AggFunc::Std)) {
    // pandas computes these of timedelta64 and datetime64 (microseconds since the epoch) in
    // float64 and truncates toward zero to microseconds; the mean's sum is exact here.
    auto us = instant ? sql_function("epoch_us", {x}) : x;
    auto f = sql_cast(us, DType::Float64);
    SqlExprPtr value;
    if (a.func == plan::AggFunc::Mean) {
      value = int64_mean_sql(us);
    } else if (a.func == plan::AggFunc::Quantile) {
      value = sql_function("quantile_cont", {f, sql_literal(a.q, DType::Float64)});
    } else {
      // (std of no more values than ddof is NaN: missing, NaT as pandas, not a failed cast)
      value = a.func == plan::AggFunc::Median ? sql_function("median", {f}) : nan_as_missing(exact_sql(a, f));
    }
    auto micros = sql_cast(sql_function("trunc", {value}), DType::Timedelta);  // (BIGINT microseconds)
    return instant ? sql_cast(sql_function("make_timestamp", {micros}), out) : micros;
  }
  if (in == DType::Decimal && a.func == plan::AggFunc::Mean) return decimal_mean_sql(x, a);
  if (in == DType::Int64 && a.func == plan::AggFunc::Mean) return int64_mean_sql(x);
  switch (a.func) {
    case plan::AggFunc::First:
    case plan::AggFunc::Last: {
      // pandas' first/last skip missing values and follow the row order.
      if (a.func == plan::AggFunc::Last) {
        for (auto& k : order) {
          k.ascending = !k.ascending;
          k.nulls_last = !k.nulls_last;
        }
      }
      // (skipna=False: the first or last row's value, missing or not)
      return sql_aggregate("first", {x}, std::move(order), a.options.skipna ? sql_postfix(x, "IS NOT NULL") : nullptr);
    }
    case plan::AggFunc::IdxMax:
    case plan::AggFunc::IdxMin: {
      // the label of the first row holding the extreme value, the input's order breaking ties
      // (the label itself when the input has no order, as in partial ordering mode)
      order.insert(order.begin(), SqlOrderKey{x, a.func == plan::AggFunc::IdxMin, true});
      order.push_back(SqlOrderKey{x2, true, true});
      // pandas raises when no row can be named (all missing, or a group of missing values)
      auto none = sql_infix("=", sql_function("count", {x}), sql_literal(int64_t{0}, DType::Int64));
      const char* name = a.func == plan::AggFunc::IdxMax ? "idxmax" : "idxmin";
      return sql_case({{none, sql_raise(ErrorKind::InvalidArgument,
                                        {sql_literal(std::string(name) + " of column '" + a.label +
                                                         "': every value is missing (in a group, or no rows)",
                                                     DType::String)},
                                        a.arg2->dtype())}},
                      sql_aggregate("first", {x2}, std::move(order), sql_postfix(x, "IS NOT NULL")));
    }
    case plan::AggFunc::Quantile:
      return sql_cast(sql_function("quantile_cont", {sql_cast(x, DType::Float64), sql_literal(a.q, DType::Float64)}),
                      DType::Float64);
    case plan::AggFunc::Corr:
    case plan::AggFunc::Cov:  // exact sums of x, y and their products: the same bits on any number of threads
      return sql_function(exact_aggregate(a.func, in), {sql_cast(x, DType::Float64), sql_cast(x2, DType::Float64)});
    case plan::AggFunc::Any:
    case plan::AggFunc::All: {
      // pandas: missing values are skipped; any of nothing is False, all of nothing is True.
      auto truth = in == DType::Boolean ? x : sql_infix("<>", x, sql_literal(int64_t{0}, DType::Int64));
      bool any = a.func == plan::AggFunc::Any;
      return sql_function("coalesce", {sql_function(any ? "bool_or" : "bool_and", {truth}),
                                       sql_literal(!any, DType::Boolean)});
    }
    case plan::AggFunc::Prod: return product_sql(a, x, in, out);
    case plan::AggFunc::Skew:
    case plan::AggFunc::Kurt: {
      // pandas (nullable dtypes): <NA> under 3 (skew) or 4 (kurt) values, with no spread, and
      // where its moments overflow (cormorant_skew/kurt: central moments, engine/exact_aggregates).
      // An infinity makes them NaN in pandas (<NA>): they are taken over the finite values and
      // the result dropped where one was not.
      auto raw = sql_cast(x, DType::Float64);
      auto infinite = sql_function("isinf", {raw});
      auto f = sql_case({{infinite, sql_literal(NA, DType::Float64)}}, raw);
      bool skew = a.func == plan::AggFunc::Skew;
      auto finite = sql_prefix("NOT", sql_function("coalesce", {sql_function("bool_or", {infinite}),
                                                                 sql_literal(false, DType::Boolean)}));
      return sql_cast(sql_case({{finite, sql_function(skew ? "cormorant_skew" : "cormorant_kurt", {f})}}, nullptr),
                      DType::Float64);
    }
    case plan::AggFunc::NUnique: {
      auto distinct = std::make_shared<SqlExpr>(*sql_function("count", {x}));
      distinct->distinct = true;
      return sql_cast(distinct, DType::Int64);
    }
    default: break;
  }
  bool numeric_aggregate = a.func != plan::AggFunc::Count && a.func != plan::AggFunc::Min && a.func != plan::AggFunc::Max;
  if (in == DType::Boolean && numeric_aggregate) x = sql_cast(x, a.func == plan::AggFunc::Sum ? DType::Int64 : DType::Float64);
  // Float sums, means and variances: exact sums, the same bits on any number of threads.
  if (const char* exact = exact_aggregate(a.func, in)) {
    auto result = exact_sql(a, in == DType::Float64 ? x : sql_cast(x, DType::Float64));
    if (a.func != plan::AggFunc::Mean) return result;
    // the exact sum / the count: the engine computes a sum and a mean of one column with one sum
    auto n = sql_function("count", {x});
    return sql_case({{sql_infix(">", n, sql_literal(int64_t{0}, DType::Int64)), sql_infix("/", result, sql_cast(n, DType::Float64))}},
                    nullptr);
  }
  static const char* functions[] = {"sum",         "avg",      "min",    "max",   "count", "count",
                                    "stddev_samp", "var_samp", "median", "count", "first", "first"};
  const bool int64_sum = a.func == plan::AggFunc::Sum && in != DType::Decimal && (out == DType::Int64 || out == DType::Timedelta);
  auto raw = in == DType::Decimal && a.func == plan::AggFunc::Sum ? decimal_sum_sql(x, a)
             : int64_sum ? sql_function("cormorant_int64_sum", {x})  // (past Int64 without overflowing)
                         : sql_function(functions[static_cast<int>(a.func)], {x});
  auto result = sql_cast(int64_sum ? sql_function("cormorant_int64_sum_value", {x}) : raw, out);
  if (int64_sum) {
    // The engine sums Int64 exactly (DuckDB in 128 bits, Spark in 32-bit halves: the dialects'
    // cormorant_int64_sum forms); a sum past Int64 is refused (pandas wraps around silently),
    // naming the column and the sum.
    auto too_big = sql_function("cormorant_int64_sum_past", {x});
    result = sql_case({{too_big, sql_raise(ErrorKind::Overflow,
                                           {sql_literal(of_column("the sum", a) + " does not fit in Int64 (it is ", DType::String),
                                            sql_cast(raw, DType::String),
                                            sql_literal(std::string("); convert the column to Float64 with astype() first"),
                                                        DType::String)},
                                           DType::Int64)}},
                      result);
  }
  if (a.func == plan::AggFunc::Sum) {  // pandas: the sum of no values is 0
    auto zero = out == DType::Decimal ? sql_cast(sql_literal(int64_t{0}, DType::Int64), DType::Decimal)
                                      : sql_literal(out == DType::Float64 ? Value(0.0) : Value(int64_t{0}), out);
    result = sql_function("coalesce", {result, zero});
  }
  return result;
}

/// `value` of `a` under its options' min_count and skipna=False (First and Last take skipna
/// themselves): <NA> under min_count present values, and where a value is missing, unless a
/// true value decides Any or a false one All (pandas' Kleene logic).
SqlExprPtr with_options(const plan::Aggregation& a, const SqlExprPtr& x, SqlExprPtr value) {
  using F = plan::AggFunc;
  if (!x || a.func == F::Count || a.func == F::NUnique) return value;
  auto present = sql_function("count", {x});
  SqlExprPtr na;  // when the value is <NA>
  auto either = [&](SqlExprPtr c) { na = na ? sql_infix("OR", na, std::move(c)) : std::move(c); };
  if (a.options.min_count > 0) either(sql_infix("<", present, sql_literal(a.options.min_count, DType::Int64)));
  if (!a.options.skipna && a.func != F::First && a.func != F::Last) {
    auto missing = sql_infix("<", present, sql_function("count", {sql_star()}));
    if (a.func == F::Any || a.func == F::All) {
      missing = sql_infix("AND", missing, sql_infix("=", value, sql_literal(a.func == F::All, DType::Boolean)));
    }
    either(std::move(missing));
  }
  return na ? sql_case({{sql_prefix("NOT", na), value}}, nullptr) : value;
}

/// The aggregate `a` of `x`; an Integer's sums, products, means and spreads are computed as
/// pandas computes them: of the values as Int64 (a UInt64's as Float64: means and spreads only),
/// an unsigned sum or product then UInt64 (min, max, first, last, counts, any and all take
/// the values as they are).
SqlExprPtr integer_aggregate_sql(const plan::Aggregation& a, SqlExprPtr x, SqlExprPtr x2, std::vector<SqlOrderKey> order) {
  DType in = a.arg ? a.arg->dtype() : DType(DType::Int64);
  DType out = a.arg ? plan::aggregate_type(a.func, in) : DType(DType::Int64);
  bool as_is = in != DType::Integer || out == in || out == DType::Boolean || a.func == plan::AggFunc::Count ||
               a.func == plan::AggFunc::NUnique;
  if (as_is) return aggregate_value_sql(a, in, std::move(x), std::move(x2), std::move(order));
  DType as = in.is_unsigned() && in.bits() == 64 ? DType(DType::Float64) : DType(DType::Int64);
  auto value = aggregate_value_sql(a, as, sql_cast(x, as), std::move(x2), std::move(order));
  return out == DType::Integer ? sql_cast(value, out) : value;  // (an unsigned sum is never negative)
}

}  // namespace

SqlExprPtr aggregate_sql(const plan::Aggregation& a, SqlExprPtr x, SqlExprPtr x2, std::vector<SqlOrderKey> order) {
  if (a.func == plan::AggFunc::CountAll) return sql_cast(sql_function("count", {sql_star()}), DType::Int64);
  auto value = integer_aggregate_sql(a, x, std::move(x2), std::move(order));
  value = with_options(a, x, std::move(value));
  // A Float64 sum of inf and -inf (a mean, variance, product, median...) is NaN: <NA> in pandas.
  // (Values kept as they are, by min, max, first, last or a label, hold no NaN to begin with.)
  using F = plan::AggFunc;
  bool computed = a.func != F::First && a.func != F::Last && a.func != F::Min && a.func != F::Max &&
                  a.func != F::IdxMax && a.func != F::IdxMin;
  bool floats = computed && plan::aggregate_type(a.func, a.arg->dtype()) == DType::Float64;
  return floats ? nan_as_missing(std::move(value)) : value;
}

namespace {

/// `e` with every aggregate call (of the few aggregate_sql writes for a whole partition) made a
/// window over `partition`: the group's value on each of its rows.
SqlExprPtr over_partition(const SqlExprPtr& e, const std::vector<SqlExprPtr>& partition) {
  if (!e) return e;
  static const char* aggregates[] = {"count",    "sum",     "cormorant_int64_sum", "cormorant_int64_sum_past", "cormorant_int64_sum_value",
                                     "product",  "bool_or", "bool_and",            "min",                      "max"};
  auto copy = std::make_shared<SqlExpr>(*e);
  for (auto& arg : copy->args) arg = over_partition(arg, partition);
  bool aggregate = e->kind == SqlExpr::Kind::Function && !e->filter && e->order.empty() &&
                   std::find(std::begin(aggregates), std::end(aggregates), e->name) != std::end(aggregates);
  if (!aggregate) return copy;
  auto w = std::const_pointer_cast<SqlExpr>(sql_window(e->name, copy->args, partition, {}));
  w->distinct = e->distinct;
  return w;
}

}  // namespace

SqlExprPtr aggregate_over_partition(const plan::Aggregation& a, SqlExprPtr x, std::vector<SqlExprPtr> partition,
                                    std::vector<SqlOrderKey> order) {
  if (a.func == plan::AggFunc::First || a.func == plan::AggFunc::Last) {
    // pandas' first/last skip missing values and follow the row order
    auto w = std::const_pointer_cast<SqlExpr>(sql_window(a.func == plan::AggFunc::First ? "first_value" : "last_value", {x},
                                                         std::move(partition), std::move(order),
                                                         SqlFrame{std::nullopt, std::nullopt}));
    w->ignore_nulls = true;
    return w;
  }
  CORMORANT_CHECK(a.func == plan::AggFunc::Prod || a.func == plan::AggFunc::NUnique || a.func == plan::AggFunc::Any ||
                      a.func == plan::AggFunc::All || a.func == plan::AggFunc::Sum || a.func == plan::AggFunc::Mean,
                  "aggregate_over_partition: an aggregate it does not write");
  return over_partition(aggregate_sql(a, std::move(x), nullptr, {}), partition);
}

}  // namespace cormorant::compile
