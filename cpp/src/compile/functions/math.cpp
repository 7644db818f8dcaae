#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/aggregate_sql.hpp"
#include "cormorant/compile/function_sql.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/plan/scan.hpp"

namespace cormorant::compile {

/// SQL of pandas' elementwise methods and numpy ufuncs (see plan/functions/math.cpp). Where
/// numpy would produce NaN (log of a negative, sqrt of a negative, sin of an infinity),
/// pandas' nullable Float64 shows <NA>: the SQL gives NULL there, and never a NaN.

namespace {

using Args = std::vector<SqlExprPtr>;
using Call = plan::FunctionExpr;

SqlExprPtr dbl(double v) { return sql_literal(v, DType::Float64); }
SqlExprPtr null_of(DType d) { return sql_literal(NA, d); }
SqlExprPtr is_null(const SqlExprPtr& x) { return sql_postfix(x, "IS NULL"); }
SqlExprPtr not_null(const SqlExprPtr& x) { return sql_postfix(x, "IS NOT NULL"); }

/// `x` as a double (integers and booleans cast).
SqlExprPtr as_double(const SqlExprPtr& x, DType d) { return d == DType::Float64 ? x : sql_cast(x, DType::Float64); }

/// 10**n as numpy computes it (exact through 1e22).
double power_of_ten(int64_t n) {
  double r = 1.0;
  for (int64_t i = 0; i < n; ++i) r *= 10.0;
  return r;
}

/// numpy's rint (round half to even) of a double expression, written with round() (half
/// away from zero): a tie k + 0.5 goes to 2 * round(y / 2), the even neighbour.
SqlExprPtr rint(const SqlExprPtr& y) {
  auto tie = sql_infix("=", sql_function("abs", {sql_infix("-", y, sql_function("trunc", {y}))}), dbl(0.5));
  auto even = sql_infix("*", dbl(2.0), sql_function("round", {sql_infix("/", y, dbl(2.0))}));
  return sql_case({{tie, even}}, sql_function("round", {y}));
}

/// Whether a number equals an integer exactly (and fits Int64).
std::optional<int64_t> integral(double v) {
  if (!std::isfinite(v) || std::trunc(v) != v || std::fabs(v) >= 9.2e18) return std::nullopt;
  return static_cast<int64_t>(v);
}

/// An integer or a float as pyarrow casts it to decimal128(38, 9): the integer exactly, the
/// float's exact binary value rounded half to even to 9 decimals (printf rounds so); nullopt
/// for what has no such decimal (a non-finite float, 29 or more integer digits).
std::optional<Value> decimal_of(const Value& v) {
  if (v.holds<Moment>() && v.get<Moment>().dtype == DType::Decimal) return v;
  if (v.holds<int64_t>()) return Value(Moment{DType::Decimal, std::to_string(v.get<int64_t>())});
  if (!v.holds<double>() || !std::isfinite(v.get<double>()) || std::fabs(v.get<double>()) >= 1e29) return std::nullopt;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9f", v.get<double>());
  return Value(Moment{DType::Decimal, buf});
}

/// The constant `v` as a value of dtype `d` (plan/ checked it fits), as a literal.
SqlExprPtr typed_literal(const Value& v, DType d) {
  if (v.is_na()) return null_of(d);
  if (d == DType::Decimal) return sql_literal(*decimal_of(v), d);
  if (is_temporal(d)) return sql_cast(sql_literal(v, v.dtype()), d);  // a Moment or ISO text
  if (is_integer(d) && v.holds<double>()) return typed_literal(Value(*integral(v.get<double>())), d);
  if (d == DType::Float64 && v.holds<int64_t>()) return sql_literal(static_cast<double>(v.get<int64_t>()), d);
  return sql_literal(v, d);
}

/// What a constant matches in a column of dtype `d` when compared for equality, pandas'
/// way: the missing marker (<NA>, or a NaN), a value of the column's dtype, or nothing (a
/// constant of another kind, e.g. text against numbers, never equals). `bool_is_number`:
/// True and False equal 1 and 0 (isin, map); replace() keeps booleans and numbers apart.
struct Match {
  bool missing = false;
  std::optional<Value> value;
};

Match match_of(const Value& v, DType d, bool bool_is_number) {
  Match m;
  if (v.is_na() || (v.holds<double>() && std::isnan(v.get<double>()))) {
    m.missing = true;
    return m;
  }
  std::optional<double> number;
  if (v.holds<int64_t>()) number = static_cast<double>(v.get<int64_t>());
  if (v.holds<double>()) number = v.get<double>();
  bool decimal = v.holds<Moment>() && v.get<Moment>().dtype == DType::Decimal;
  if (decimal && d == DType::Int64) {  // a whole Decimal equals that integer (pandas' isin)
    const std::string& text = v.get<Moment>().iso;
    auto point = text.find('.');
    if (point == std::string::npos || text.find_first_not_of('0', point + 1) == std::string::npos) {
      errno = 0;
      long long i = std::strtoll(text.substr(0, point).c_str(), nullptr, 10);
      if (errno == 0) m.value = Value(static_cast<int64_t>(i));
    }
    return m;
  }
  if (decimal && d == DType::Float64) number = std::strtod(v.get<Moment>().iso.c_str(), nullptr);  // its nearest double
  if (v.holds<bool>() && bool_is_number) number = v.get<bool>() ? 1.0 : 0.0;
  switch (d) {
    case DType::Int64:
      if (v.holds<int64_t>()) m.value = v;
      else if (number) {
        if (auto i = integral(*number)) m.value = Value(*i);
      }
      break;
    case DType::Integer:  // as Int64, a value the dtype cannot hold matching nothing
      if (v.holds<int64_t>()) m.value = v;
      else if (number) {
        if (auto i = integral(*number)) m.value = Value(*i);
      }
      if (m.value && !plan::value_fits(d, *m.value)) m.value.reset();
      break;
    case DType::Float64:
      if (number) m.value = Value(*number == 0.0 ? 0.0 : *number);  // -0.0 equals 0.0
      break;
    case DType::Boolean:
      if (v.holds<bool>()) m.value = v;
      else if (bool_is_number && number && (*number == 0.0 || *number == 1.0)) m.value = Value(*number == 1.0);
      break;
    case DType::String:
      if (v.holds<std::string>()) m.value = v;
      break;
    case DType::Date:  // pandas' isin: a date, its ISO text, or a Timestamp at midnight
      if (v.holds<Moment>() && v.get<Moment>().dtype == DType::Date) m.value = v;
      if (v.holds<Moment>() && v.get<Moment>().dtype == DType::Timestamp &&
          v.get<Moment>().iso.find_first_not_of("0:. ", 10) == std::string::npos) {
        m.value = Value(Moment{DType::Date, v.get<Moment>().iso.substr(0, 10)});
      }
      if (v.holds<std::string>() && plan::scan_bound(d, v)) m.value = Value(Moment{DType::Date, v.get<std::string>()});
      break;
    case DType::Decimal:  // pyarrow's is_in casts the values: decimals, integers, floats (see decimal_of)
      m.value = decimal_of(v);
      break;
    case DType::Timestamp:  // only Timestamps of the same kind (pandas: text matches nothing)
    case DType::TimestampTz:
    case DType::Timedelta:
      if (v.holds<Moment>() && v.get<Moment>().dtype.kind() == d.kind()) m.value = v;
      break;
    default: break;
  }
  return m;
}

/// The condition "x matches `m`" (null when it matches nothing).
SqlExprPtr matches(const SqlExprPtr& x, DType d, const Match& m) {
  if (m.missing) return is_null(x);
  if (m.value) return sql_infix("=", x, sql_literal(*m.value, d));
  return nullptr;
}

/// Orders values of one kind (isin_values' set of those seen).
struct ValueLess {
  bool operator()(const Value& a, const Value& b) const {
    if (a.storage().index() != b.storage().index()) return a.storage().index() < b.storage().index();
    if (a.holds<bool>()) return a.get<bool>() < b.get<bool>();
    if (a.holds<int64_t>()) return a.get<int64_t>() < b.get<int64_t>();
    if (a.holds<double>()) return a.get<double>() < b.get<double>();
    if (a.holds<std::string>()) return a.get<std::string>() < b.get<std::string>();
    // Moments matched to one column are of one kind, aware ones as UTC text: equal text, equal instant.
    if (a.holds<Moment>()) return a.get<Moment>().iso < b.get<Moment>().iso;
    return false;
  }
};

}  // namespace

std::vector<Value> isin_values(const std::vector<Value>& values, DType d) {
  std::set<Value, ValueLess> seen;
  std::vector<Value> out;
  for (const auto& v : values) {
    Match m = match_of(v, d, true);
    if (m.value && seen.insert(*m.value).second) out.push_back(*m.value);  // missing: na_matches' business
  }
  return out;
}

namespace {

// -- pandas methods --------------------------------------------------------------------

/// pyarrow's round of decimal128(38, 9) values to `decimals` digits: half to even, exactly.
/// Worked in 38-digit integers of units of 1e-9 (read from the value's text, which has all 9
/// decimals): t = u less its remainder r by f (both truncated toward zero), then one more unit
/// of f away from zero past a half, or at a half when t / f is odd. A value rounding past the
/// dtype's 29 integer digits fails the query with ArithmeticOverflowError naming it (pyarrow
/// wraps it around to 0). Every intermediate fits 38 digits and the result is built from its
/// text (decimal_of_units), so Spark's DECIMAL(38, 0) computes the same as DuckDB's HUGEINT
/// (no quotient past BIGINT, no sign() as a double, no product whose scale Spark would cut).
SqlExprPtr decimal_round(const SqlExprPtr& x, int64_t decimals) {
  if (decimals >= 9) return x;
  auto huge = [](SqlExprPtr e) { return sql_cast_to_engine_type(std::move(e), "HUGEINT"); };
  auto integer = [](int64_t v) { return sql_literal(v, DType::Int64); };
  auto text = [](std::string v) { return sql_literal(std::move(v), DType::String); };
  size_t zeros = static_cast<size_t>(9 - decimals);
  auto u = huge(sql_function("replace", {sql_cast(x, DType::String), text("."), text("")}));
  auto refused = sql_raise(ErrorKind::Overflow,
                           {text("round(" + std::to_string(decimals) + "): the value "), sql_cast(x, DType::String),
                            text(" rounds past the 29 integer digits decimal128(38, 9) holds (pandas wraps it around to "
                                 "0); convert the column to Float64 with astype() first")},
                           DType::Decimal);
  if (zeros >= 38) {  // (f would not fit 38 digits) |u| < 10**38: 0, or 10**38 units past a half
    auto past = zeros == 38 ? sql_infix(">", sql_huge_abs(u), huge(text("5" + std::string(37, '0'))))
                            : sql_infix("<>", u, u);
    return sql_case({{past, refused}}, sql_cast(sql_infix("-", u, u), DType::Decimal));
  }
  auto f = huge(text("1" + std::string(zeros, '0')));
  auto r = sql_infix("%", u, f);  // truncated toward zero: the sign of u
  auto t = sql_infix("-", u, r);
  auto odd = sql_infix("<>", sql_infix("%", t, huge(text("2" + std::string(zeros, '0')))), integer(0));
  auto twice_rest = sql_huge_abs(sql_infix("*", integer(2), r));
  auto away = sql_infix("OR", sql_infix(">", twice_rest, f), sql_infix("AND", sql_infix("=", twice_rest, f), odd));
  // |t + f| >= 10**38 (t is a multiple of f)
  auto past = sql_infix("AND", away, sql_infix(">=", sql_huge_abs(t), huge(text(std::string(38 - zeros, '9') + std::string(zeros, '0')))));
  auto negative = sql_infix("<", u, integer(0));
  auto step = sql_case({{negative, sql_infix("-", integer(0), f)}}, f);
  auto units = sql_infix("+", t, sql_case({{away, step}}, integer(0)));
  return sql_case({{past, refused}}, decimal_of_units(units));
}

SqlExprPtr lower_round(const Args& args, const Call& call) {
  const auto& x = args[0];
  DType d = call.dtype();
  int64_t decimals = call.params()[0].get<int64_t>();
  if (d == DType::Decimal) return decimal_round(x, decimals);
  if (d == DType::Boolean || (d == DType::Int64 && decimals >= 0)) return x;
  // numpy: y = x * 10**n, rint(y) / 10**n; for n < 0, x / 10**-n, rint, * 10**-n.
  SqlExprPtr y = as_double(x, d);
  auto f = dbl(power_of_ten(decimals >= 0 ? decimals : -decimals));
  SqlExprPtr out = decimals >= 0 ? sql_infix("/", rint(sql_infix("*", y, f)), f)
                                 : sql_infix("*", rint(sql_infix("/", y, f)), f);
  return d == DType::Int64 ? sql_cast(out, DType::Int64) : out;
}

SqlExprPtr lower_clip(const Args& args, const Call& call) {
  const auto& x = args[0];
  DType d = call.dtype();
  const Value& lower = call.params()[0];
  const Value& upper = call.params()[1];
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  if (!lower.is_na() && !plan::clip_bound_outside(d, lower, true)) {  // (an Int8..UInt64's bound past its range: none)
    auto lo = typed_literal(lower, d);
    whens.push_back({sql_infix("<", x, lo), lo});
  }
  if (!upper.is_na() && !plan::clip_bound_outside(d, upper, false)) {
    auto hi = typed_literal(upper, d);
    whens.push_back({sql_infix(">", x, hi), hi});
  }
  if (whens.empty()) return x;
  return sql_case(std::move(whens), x);
}

/// A bound of between() as a literal comparable with a column of dtype `d`.
SqlExprPtr bound(const Value& v, DType d) {
  if (v.holds<Moment>()) return sql_literal(v, v.dtype());
  if (is_temporal(d)) return sql_cast(sql_literal(v, DType::String), d);
  if (d == DType::String) return sql_literal(v, DType::String);
  if (v.holds<bool>()) return sql_literal(int64_t{v.get<bool>() ? 1 : 0}, DType::Int64);
  return sql_literal(v, v.dtype());
}

SqlExprPtr lower_between(const Args& args, const Call& call) {
  DType d = call.args()[0]->dtype();
  auto x = d == DType::Boolean ? sql_cast(args[0], DType::Int64) : args[0];
  const std::string& inclusive = call.params()[2].get<std::string>();
  bool left_closed = inclusive == "both" || inclusive == "left";
  bool right_closed = inclusive == "both" || inclusive == "right";
  auto lo = sql_infix(left_closed ? ">=" : ">", x, bound(call.params()[0], d));
  auto hi = sql_infix(right_closed ? "<=" : "<", x, bound(call.params()[1], d));
  auto both = sql_infix("AND", lo, hi);
  // pandas' datetime64 columns hold NaT, not <NA>: NaT is not between anything (False).
  if (holds_nat(d)) return sql_function("coalesce", {both, sql_literal(false, DType::Boolean)});
  return both;
}

/// True, or the call's message raised as InvalidArgumentError when `count` > 1.
SqlExprPtr lower_unique_label(const Args& args, const Call& call) {
  std::vector<SqlExprPtr> message{sql_literal(call.params()[0], DType::String)};
  if (args.size() > 1) {
    message.push_back(sql_literal(std::string(" (the label "), DType::String));
    message.push_back(sql_function("coalesce", {sql_cast(args[1], DType::String), sql_literal(std::string("<NA>"), DType::String)}));
    message.push_back(sql_literal(std::string(" repeats)"), DType::String));
  }
  return sql_case({{sql_infix(">", args[0], sql_literal(int64_t{1}, DType::Int64)),
                    sql_raise(ErrorKind::InvalidArgument, std::move(message), DType::Boolean)}},
                  sql_literal(true, DType::Boolean));
}

/// Floats as Int64 where they are integral; the call's message raised as DTypeError at the
/// first that is not (only rows that reach the expression are checked: a CASE branch).
SqlExprPtr lower_exact_int(const Args& args, const Call& call) {
  const auto& x = args[0];
  auto integral = sql_infix("AND", sql_infix("=", x, sql_function("trunc", {x})),
                            sql_infix("<", sql_function("abs", {x}), dbl(9.2e18)));
  return sql_case({{is_null(x), null_of(DType::Int64)}, {integral, sql_cast(x, DType::Int64)}},
                  sql_raise(ErrorKind::DType, {sql_literal(call.params()[0], DType::String)}, DType::Int64));
}

/// x - y in 128 bits, cast back where it fits Int64; past it the call's ArithmeticOverflowError
/// naming what the difference is of and both values.
SqlExprPtr lower_checked_sub(const Args& args, const Call& call) {
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  auto difference = sql_infix("-", sql_cast_to_engine_type(args[0], "HUGEINT"), args[1]);
  auto outside = sql_infix("OR", sql_infix(">", difference, sql_literal(std::numeric_limits<int64_t>::max(), DType::Int64)),
                           sql_infix("<", difference, sql_literal(std::numeric_limits<int64_t>::min(), DType::Int64)));
  auto refused = sql_raise(ErrorKind::Overflow,
                           {text(call.params()[0].get<std::string>() + ": "), sql_cast(args[0], DType::String), text(" - "),
                            sql_cast(args[1], DType::String),
                            text(" is past Int64 (pandas wraps around); convert the column to Float64 with astype() first")},
                           DType::Int64);
  return sql_case({{outside, refused}}, sql_cast(difference, DType::Int64));
}

SqlExprPtr lower_isin(const Args& args, const Call& call) {
  const auto& x = args[0];
  DType d = call.args()[0]->dtype();
  bool na_matches = call.params()[0].get<bool>();
  std::vector<SqlExprPtr> items;
  for (const auto& v : isin_values({call.params().begin() + 1, call.params().end()}, d)) items.push_back(sql_literal(v, d));
  SqlExprPtr member = sql_literal(false, DType::Boolean);
  if (items.size() == 1) member = sql_infix("=", x, items[0]);
  if (items.size() > 1) member = sql_function("list_contains", {sql_list(std::move(items)), x});
  return sql_case({{is_null(x), sql_literal(na_matches, DType::Boolean)}}, member);
}

/// isin of many values: a semi-join with the session table holding them (linear, where a list
/// in the SQL would be tested value by value on every row).
SqlExprPtr lower_isin_table(const Args& args, const Call& call) {
  const auto& x = args[0];
  bool na_matches = call.params()[0].get<bool>();
  auto member = sql_in_relation(x, call.params()[1].get<std::string>(), "v");
  return sql_case({{is_null(x), sql_literal(na_matches, DType::Boolean)}}, member);
}

FunctionLowering lower_conditional(bool keep_when_true) {
  return [keep_when_true](const Args& args, const Call& call) {
    auto keep = keep_when_true ? args[1] : sql_prefix("NOT", args[1]);  // <NA> conditions replace, as in pandas
    return sql_case({{keep, args[0]}}, typed_literal(call.params()[0], call.dtype()));
  };
}

SqlExprPtr lower_fillna(const Args& args, const Call& call) {
  if (call.params()[0].is_na()) return args[0];
  return sql_function("coalesce", {args[0], typed_literal(call.params()[0], call.dtype())});
}

SqlExprPtr lower_replace(const Args& args, const Call& call) {
  const auto& x = args[0];
  DType d = call.dtype();
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  for (size_t i = 0; i + 1 < call.params().size(); i += 2) {
    if (auto cond = matches(x, d, match_of(call.params()[i], d, false))) {
      whens.push_back({cond, typed_literal(call.params()[i + 1], d)});
    }
  }
  if (whens.empty()) return x;
  return sql_case(std::move(whens), x);
}

SqlExprPtr lower_map(const Args& args, const Call& call) {
  const auto& x = args[0];
  DType d = call.args()[0]->dtype();
  DType result = call.dtype();
  bool na_ignore = call.params()[0].get<bool>();
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  for (size_t i = 1; i + 1 < call.params().size(); i += 2) {
    Match m = match_of(call.params()[i], d, true);
    if (m.missing && na_ignore) continue;
    if (auto cond = matches(x, d, m)) whens.push_back({cond, typed_literal(call.params()[i + 1], result)});
  }
  if (whens.empty()) return null_of(result);
  return sql_case(std::move(whens), null_of(result));
}

// -- numpy ufuncs ----------------------------------------------------------------------

/// A ufunc of one double: `body(x)` where `x` is the argument as a double.
using Body = std::function<SqlExprPtr(const SqlExprPtr& x)>;

FunctionLowering float_ufunc(Body body) {
  return [body](const Args& args, const Call& call) { return body(as_double(args[0], call.args()[0]->dtype())); };
}

/// fn(x), but <NA> where x is outside a domain (`outside`), and `at_edge` where x == edge.
Body guarded(std::string fn, std::function<SqlExprPtr(const SqlExprPtr&)> outside,
             std::optional<std::pair<double, double>> edge = std::nullopt) {
  return [fn, outside, edge](const SqlExprPtr& x) {
    std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
    if (outside) whens.push_back({outside(x), null_of(DType::Float64)});
    if (edge) whens.push_back({sql_infix("=", x, dbl(edge->first)), dbl(edge->second)});
    if (whens.empty()) return sql_function(fn, {x});
    return sql_case(std::move(whens), sql_function(fn, {x}));
  };
}

std::function<SqlExprPtr(const SqlExprPtr&)> below(double v) {
  return [v](const SqlExprPtr& x) { return sql_infix("<", x, dbl(v)); };
}
std::function<SqlExprPtr(const SqlExprPtr&)> outside_unit() {
  return [](const SqlExprPtr& x) { return sql_infix(">", sql_function("abs", {x}), dbl(1.0)); };
}
std::function<SqlExprPtr(const SqlExprPtr&)> infinite() {
  return [](const SqlExprPtr& x) { return sql_function("isinf", {x}); };
}

constexpr double kInf = std::numeric_limits<double>::infinity();

/// floor, ceil, trunc: integers and booleans unchanged.
FunctionLowering same_or(std::string fn) {
  return [fn](const Args& args, const Call& call) {
    return call.dtype() == DType::Float64 ? sql_function(fn, {args[0]}) : args[0];
  };
}

/// isnan, isinf, isfinite: only a double can be NaN or infinite; <NA> stays <NA>.
FunctionLowering float_test(std::string fn, bool non_float_answer) {
  return [fn, non_float_answer](const Args& args, const Call& call) {
    if (call.args()[0]->dtype() == DType::Float64) return sql_function(fn, {args[0]});
    return sql_case({{not_null(args[0]), sql_literal(non_float_answer, DType::Boolean)}}, nullptr);
  };
}

/// DataFrame.<func>(axis=1) (see plan's row_reduction_type): sums, products, counts and truth
/// values, means and variances as expressions over the row's columns in column order (as pandas
/// adds them), least / greatest (which skip NULLs), and the engine's list_median.
FunctionLowering lower_row_reduction(std::string func, bool skipna) {
  return [func, skipna](const Args& args, const Call& call) {
    DType result = call.dtype();
    auto fold = [](const std::vector<SqlExprPtr>& items, const std::string& op) {
      SqlExprPtr out = items[0];
      for (size_t i = 1; i < items.size(); ++i) out = sql_infix(op, out, items[i]);
      return out;
    };
    std::vector<SqlExprPtr> present, values, truths;
    for (size_t i = 0; i < args.size(); ++i) {
      DType d = call.args()[i]->dtype();
      present.push_back(sql_cast(not_null(args[i]), DType::Int64));
      bool doubles = result == DType::Float64;
      DType as = (func == "min" || func == "max") ? result : DType(doubles ? DType::Float64 : DType::Int64);
      values.push_back(d == as || func == "count" ? args[i] : sql_cast(args[i], as));
      if (d == DType::Boolean) truths.push_back(args[i]);
      else if (d == DType::Float64) truths.push_back(sql_infix("<>", args[i], dbl(0.0)));
      else truths.push_back(sql_infix("<>", args[i], sql_literal(Value(int64_t{0}), DType::Int64)));
    }
    std::vector<SqlExprPtr> missing;
    for (const auto& a : args) missing.push_back(is_null(a));
    auto unless_missing = [&](SqlExprPtr x) {  // skipna=False: <NA> where the row misses a value
      return skipna ? x : sql_case({{fold(missing, "OR"), null_of(result)}}, std::move(x));
    };
    auto filled = [&](const SqlExprPtr& neutral) {
      std::vector<SqlExprPtr> out;
      for (const auto& v : values) out.push_back(skipna ? sql_function("coalesce", {v, neutral}) : v);
      return out;
    };
    auto zero = sql_literal(result == DType::Float64 ? Value(0.0) : Value(int64_t{0}), result);
    auto one = sql_literal(result == DType::Float64 ? Value(1.0) : Value(int64_t{1}), result);
    if (func == "count") return fold(present, "+");
    if (func == "sum") return fold(filled(zero), "+");
    if (func == "prod") return fold(filled(one), "*");
    if (func == "min" || func == "max") {
      return unless_missing(sql_function(func == "min" ? "least" : "greatest", values));
    }
    auto count = sql_cast(fold(present, "+"), DType::Float64);
    auto mean = sql_infix("/", fold(filled(dbl(0.0)), "+"), sql_function("nullif", {count, dbl(0.0)}));
    if (func == "mean") return mean;
    if (func == "std" || func == "var") {
      // numpy's two passes: the squares of the differences from the mean, summed (inf where
      // they overflow, as numpy), over n - 1; <NA> for fewer than two values
      std::vector<SqlExprPtr> squares;
      for (const auto& v : values) {
        auto d = sql_infix("-", v, mean);
        squares.push_back(sql_function("coalesce", {sql_infix("*", d, d), dbl(0.0)}));
      }
      auto var = sql_case({{sql_infix("<", count, dbl(2.0)), null_of(DType::Float64)}},
                          sql_infix("/", fold(squares, "+"), sql_infix("-", count, dbl(1.0))));
      return unless_missing(func == "var" ? var : sql_function("sqrt", {var}));
    }
    if (func == "any" || func == "all") {
      auto neutral = sql_literal(Value(func == "all"), DType::Boolean);
      std::vector<SqlExprPtr> terms;
      for (const auto& t : truths) terms.push_back(skipna ? sql_function("coalesce", {t, neutral}) : t);
      return fold(terms, func == "any" ? "OR" : "AND");  // Kleene logic: pandas' skipna=False
    }
    if (func == "quantile") {  // linear interpolation between the closest values, as pandas' default
      auto q = sql_literal(call.params()[0], DType::Float64);
      return unless_missing(sql_function("list_aggregate", {sql_list(values), sql_literal(Value(std::string("quantile_cont")), DType::String), q}));
    }
    if (func == "skew" || func == "kurt") {
      // As the column's skew/kurt (aggregate_sql.cpp): central moments of the finite values,
      // <NA> under 3 (skew) or 4 (kurt) values, with no spread, where they overflow, or where
      // a value is infinite.
      std::vector<SqlExprPtr> finite, infinite;
      for (const auto& v : values) {
        auto inf = sql_function("coalesce", {sql_function("isinf", {v}), sql_literal(false, DType::Boolean)});
        infinite.push_back(inf);
        finite.push_back(sql_case({{inf, null_of(DType::Float64)}}, v));
      }
      auto moment = sql_function("list_aggregate", {sql_list(finite), sql_literal(Value(std::string(func == "skew" ? "cormorant_skew" : "cormorant_kurt")), DType::String)});
      return unless_missing(sql_case({{sql_prefix("NOT", fold(infinite, "OR")), moment}}, null_of(DType::Float64)));
    }
    return unless_missing(sql_function("list_median", {sql_list(values)}));
  };
}

}  // namespace

void register_math_lowerings() {
  for (const char* func :
       {"sum", "prod", "min", "max", "count", "mean", "median", "std", "var", "any", "all", "skew", "kurt", "quantile"}) {
    register_lowering(std::string("row_") + func, lower_row_reduction(func, true));
    register_lowering(std::string("row_") + func + "_na", lower_row_reduction(func, false));
  }
  register_lowering("round", lower_round);
  register_lowering("clip", lower_clip);
  register_lowering("between", lower_between);
  register_lowering("isin", lower_isin);
  register_lowering("unique_label", lower_unique_label);
  register_lowering("isin_table", lower_isin_table);
  register_lowering("where", lower_conditional(true));
  register_lowering("mask", lower_conditional(false));
  register_lowering("fillna", lower_fillna);
  register_lowering("replace", lower_replace);
  register_lowering("map", lower_map);
  register_lowering("exact_int", lower_exact_int);
  register_lowering("checked_sub", lower_checked_sub);

  register_lowering("np_sqrt", float_ufunc(guarded("sqrt", below(0.0))));
  register_lowering("np_log", float_ufunc(guarded("ln", below(0.0), std::pair{0.0, -kInf})));
  register_lowering("np_log2", float_ufunc(guarded("log2", below(0.0), std::pair{0.0, -kInf})));
  register_lowering("np_log10", float_ufunc(guarded("log10", below(0.0), std::pair{0.0, -kInf})));
  register_lowering("np_log1p", float_ufunc([](const SqlExprPtr& x) {
    // Accurate for tiny x: log(u) * x / (u - 1) with u = 1 + x (Goldberg's formula).
    auto u = sql_infix("+", dbl(1.0), x);
    auto accurate = sql_infix("/", sql_infix("*", sql_function("ln", {u}), x), sql_infix("-", u, dbl(1.0)));
    return sql_case({{sql_infix("<", x, dbl(-1.0)), null_of(DType::Float64)},
                     {sql_infix("=", x, dbl(-1.0)), dbl(-kInf)},
                     {sql_function("isinf", {x}), x},
                     {sql_infix("=", u, dbl(1.0)), x}},
                    accurate);
  }));
  register_lowering("np_exp", float_ufunc([](const SqlExprPtr& x) {
    // DuckDB's exp raises on overflow where numpy gives inf.
    return sql_case({{sql_infix(">", x, dbl(709.782712893384)), dbl(kInf)}}, sql_function("exp", {x}));
  }));
  register_lowering("np_exp2", float_ufunc([](const SqlExprPtr& x) {
    return sql_case({{sql_infix(">=", x, dbl(1024.0)), dbl(kInf)}, {sql_infix("<", x, dbl(-1100.0)), dbl(0.0)}},
                    sql_function("pow", {dbl(2.0), x}));
  }));
  register_lowering("np_expm1", float_ufunc([](const SqlExprPtr& x) {
    // Accurate for tiny x: (u - 1) * x / log(u) with u = exp(x) (Kahan's formula).
    auto u = sql_function("exp", {x});
    auto accurate = sql_infix("/", sql_infix("*", sql_infix("-", u, dbl(1.0)), x), sql_function("ln", {u}));
    return sql_case({{sql_infix(">", x, dbl(709.782712893384)), dbl(kInf)},
                     {sql_infix("<", x, dbl(-40.0)), dbl(-1.0)},
                     {sql_infix("=", u, dbl(1.0)), x},
                     {sql_infix("=", sql_infix("-", u, dbl(1.0)), dbl(-1.0)), dbl(-1.0)}},
                    accurate);
  }));
  register_lowering("np_rint", float_ufunc([](const SqlExprPtr& x) {
    return sql_case({{sql_function("isinf", {x}), x}}, rint(x));
  }));
  register_lowering("np_fabs", float_ufunc([](const SqlExprPtr& x) { return sql_function("abs", {x}); }));
  register_lowering("np_sin", float_ufunc(guarded("sin", infinite())));
  register_lowering("np_cos", float_ufunc(guarded("cos", infinite())));
  register_lowering("np_tan", float_ufunc(guarded("tan", infinite())));
  register_lowering("np_arcsin", float_ufunc(guarded("asin", outside_unit())));
  register_lowering("np_arccos", float_ufunc(guarded("acos", outside_unit())));
  register_lowering("np_arctan", float_ufunc(guarded("atan", nullptr)));
  register_lowering("np_sinh", float_ufunc(guarded("sinh", nullptr)));
  register_lowering("np_cosh", float_ufunc(guarded("cosh", nullptr)));
  register_lowering("np_tanh", float_ufunc(guarded("tanh", nullptr)));
  register_lowering("np_arcsinh", float_ufunc(guarded("asinh", nullptr)));
  register_lowering("np_arccosh", float_ufunc(guarded("acosh", below(1.0))));
  register_lowering("np_arctanh", float_ufunc([](const SqlExprPtr& x) {
    return sql_case({{outside_unit()(x), null_of(DType::Float64)},
                     {sql_infix("=", x, dbl(1.0)), dbl(kInf)},
                     {sql_infix("=", x, dbl(-1.0)), dbl(-kInf)}},
                    sql_function("atanh", {x}));
  }));
  register_lowering("np_cbrt", float_ufunc(guarded("cbrt", nullptr)));
  register_lowering("np_deg2rad", float_ufunc([](const SqlExprPtr& x) {
    return sql_infix("*", x, dbl(M_PI / 180.0));
  }));
  register_lowering("np_rad2deg", float_ufunc([](const SqlExprPtr& x) {
    return sql_infix("*", x, dbl(180.0 / M_PI));
  }));
  register_lowering("np_floor", same_or("floor"));
  register_lowering("np_ceil", same_or("ceil"));
  register_lowering("np_trunc", same_or("trunc"));
  register_lowering("np_sign", [](const Args& args, const Call& call) {
    return sql_cast(sql_function("sign", {args[0]}), call.dtype());
  });
  register_lowering("np_square", [](const Args& args, const Call&) { return sql_infix("*", args[0], args[0]); });
  register_lowering("np_isnan", float_test("isnan", false));
  register_lowering("np_isinf", float_test("isinf", false));
  register_lowering("np_isfinite", float_test("isfinite", true));
}

}  // namespace cormorant::compile
