// Expressions in SQL: pandas' arithmetic, comparison, cast and member semantics written out.
#include "lowering.hpp"

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/aggregate_sql.hpp"
#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

using plan::BinaryOp;
using plan::ExprKind;
using plan::UnaryOp;

namespace {

SqlExprPtr int_literal(int64_t v) { return sql_literal(v, DType::Int64); }

/// Whether C's fmod result `m` (the dividend's sign) has to move to the divisor's sign, as
/// Python's float % and // do.
SqlExprPtr wrong_sign(const SqlExprPtr& m, const SqlExprPtr& b) {
  auto zero = sql_literal(0.0, DType::Float64);
  return sql_infix("AND", sql_infix("<>", m, zero), sql_infix("<>", sql_infix("<", m, zero), sql_infix("<", b, zero)));
}

/// The zero `z` (either sign) with the sign bit `negative` (NumPy's copysign(0.0, x)): the
/// engine has no copysign, and a -0.0 literal could be folded to 0.0.
SqlExprPtr signed_zero(const SqlExprPtr& z, const SqlExprPtr& negative) {
  auto magnitude = sql_function("abs", {z});
  return sql_case({{negative, sql_prefix("-", magnitude)}}, magnitude);
}

/// Python's float modulo (NumPy's npy_divmod): fmod, moved to the divisor's sign; a zero
/// remainder has the divisor's sign too (-2.0 % 2.0 is 0.0, 2.0 % -2.0 is -0.0).
SqlExprPtr float_mod(const SqlExprPtr& a, const SqlExprPtr& b) {
  // C's fmod, exact (the engine's fmod() is x - trunc(x / y) * y: 1e20 mod 3 is 0)
  return sql_let(sql_infix("%", a, b), "cormorant_fmod", [&](const SqlExprPtr& m) {
    auto zero = sql_infix("=", m, sql_literal(0.0, DType::Float64));
    return sql_case({{wrong_sign(m, b), sql_infix("+", m, b)}, {zero, signed_zero(m, sql_function("signbit", {b}))}}, m);
  });
}

/// pandas' floor division: rounds toward negative infinity (SQL's integer // truncates). For
/// floats it follows Python (and NumPy): (a - fmod(a, b)) / b, one less where the remainder
/// moves sign, rounded, so 1.0 // 0.1 is 9.0 and 1e-300 // -inf is -1.0; a zero quotient has
/// the sign of a / b (-0.0 // 3.0 and 0.0 // -3.0 are -0.0).
SqlExprPtr floordiv(const SqlExprPtr& a, const SqlExprPtr& b, DType result) {
  if (result == DType::Float64) {
    // (the remainder and the rounded quotient are each read several times: bound once)
    return sql_let(sql_infix("%", a, b), "cormorant_fmod", [&](const SqlExprPtr& m) {
      auto quotient = sql_infix("/", sql_infix("-", a, m), b);
      auto lowered = sql_infix("-", quotient, sql_literal(1.0, DType::Float64));
      auto rounded = sql_function("round", {sql_case({{wrong_sign(m, b), lowered}}, quotient)});
      return sql_let(rounded, "cormorant_floor", [&](const SqlExprPtr& q) {
        auto negative = sql_infix("<>", sql_function("signbit", {a}), sql_function("signbit", {b}));
        return sql_case({{sql_infix("=", q, sql_literal(0.0, DType::Float64)), signed_zero(q, negative)}}, q);
      });
    });
  }
  auto truncated = sql_infix("//", a, b);
  auto needs_fix = sql_infix(
      "AND", sql_infix("<>", sql_infix("%", a, b), int_literal(0)),
      sql_infix("<>", sql_infix("<", a, int_literal(0)), sql_infix("<", b, int_literal(0))));
  return sql_infix("-", truncated, sql_case({{needs_fix, int_literal(1)}}, int_literal(0)));
}

/// `body(a, b)` with the operands `a` and `b` each computed once (sql_let): the lowerings of
/// `//` and `%` read them several times, and every row's result reads both.
SqlExprPtr with_operands(const SqlExprPtr& a, const SqlExprPtr& b,
                         const std::function<SqlExprPtr(const SqlExprPtr&, const SqlExprPtr&)>& body) {
  return sql_let(a, "cormorant_left", [&](const SqlExprPtr& x) {
    return sql_let(b, "cormorant_right", [&](const SqlExprPtr& y) { return body(x, y); });
  });
}

/// pandas' modulo: the result takes the divisor's sign (SQL's % takes the dividend's).
SqlExprPtr modulo(const SqlExprPtr& a, const SqlExprPtr& b, DType result) {
  if (result == DType::Float64) return float_mod(a, b);
  return sql_infix("%", sql_infix("+", sql_infix("%", a, b), b), b);
}

/// a / b as pandas divides: x / 0 is an infinity, but 0 / 0 is <NA> (not NaN).
SqlExprPtr true_divide(const SqlExprPtr& a, const SqlExprPtr& b) {
  auto quotient = sql_infix("/", sql_cast(a, DType::Float64), b);
  if (nonzero_literal(b)) return quotient;
  auto both_zero = sql_infix("AND", sql_infix("=", a, int_literal(0)), sql_infix("=", b, int_literal(0)));
  return sql_case({{both_zero, sql_literal(NA, DType::Float64)}}, quotient);
}

/// pandas' // 0 and % 0: 0 for integers (SQL gives NULL); for floats // 0 divides like /
/// and % 0 is <NA>.
SqlExprPtr by_zero(const SqlExprPtr& result, const SqlExprPtr& a, const SqlExprPtr& b, DType dtype,
                   bool floor_division) {
  if (nonzero_literal(b)) return result;
  auto divisor_zero = sql_infix("=", b, int_literal(0));
  if (dtype == DType::Float64) {
    return sql_case({{divisor_zero, floor_division ? true_divide(a, b) : sql_literal(NA, DType::Float64)}}, result);
  }
  return sql_case({{sql_infix("AND", divisor_zero, sql_postfix(a, "IS NOT NULL")), int_literal(0)}}, result);
}

/// `a op b` for a comparison operator, in SQL's three-valued logic.
SqlExprPtr compare(BinaryOp op, const SqlExprPtr& a, const SqlExprPtr& b) {
  switch (op) {
    case BinaryOp::Eq: return sql_infix("=", a, b);
    case BinaryOp::Ne: return sql_infix("<>", a, b);
    case BinaryOp::Lt: return sql_infix("<", a, b);
    case BinaryOp::Le: return sql_infix("<=", a, b);
    case BinaryOp::Gt: return sql_infix(">", a, b);
    default: return sql_infix(">=", a, b);
  }
}

/// Arithmetic with timestamps and timedeltas (typed by plan::binary_result_type), as pandas
/// computes it on timedelta64[us]: a timedelta is its BIGINT microseconds, so sums, differences
/// and orders are exact; products with floats and quotients by numbers truncate toward zero
/// (pandas' float-to-int64 cast); a division by 0 is NaT; `td // td` floors (0 by a zero
/// timedelta) and `td % td` is the divisor's sign (the dividend itself for a zero divisor).
SqlExprPtr lower_time_arithmetic(const plan::BinaryExpr& e, const SqlExprPtr& a, const SqlExprPtr& b) {
  DType l = e.left()->dtype(), r = e.right()->dtype();
  bool lt = l == DType::Timedelta, rt = r == DType::Timedelta;
  auto micros = [](const SqlExprPtr& x) { return sql_function("to_microseconds", {x}); };
  auto truncated = [](const SqlExprPtr& x) { return sql_cast(sql_function("trunc", {x}), DType::Timedelta); };
  auto zero = [](const SqlExprPtr& x) { return sql_infix("=", x, int_literal(0)); };
  auto as_float = [](const SqlExprPtr& x) { return sql_cast(x, DType::Float64); };
  switch (e.op()) {
    case BinaryOp::Add:
      if (lt && rt) return sql_infix("+", a, b);
      return lt ? sql_infix("+", b, micros(a)) : sql_infix("+", a, micros(b));
    case BinaryOp::Sub:
      if (lt && rt) return sql_infix("-", a, b);
      if (rt) return sql_infix("-", a, micros(b));
      return sql_infix("-", sql_function("epoch_us", {a}), sql_function("epoch_us", {b}));
    case BinaryOp::Mul: {
      const SqlExprPtr& td = lt ? a : b;
      const SqlExprPtr& number = lt ? b : a;
      if ((lt ? r : l) == DType::Int64) return sql_infix("*", td, number);
      return truncated(sql_infix("*", as_float(td), number));
    }
    case BinaryOp::TrueDiv:
    case BinaryOp::FloorDiv:
      if (lt && rt) {
        if (e.op() == BinaryOp::TrueDiv) return true_divide(a, b);
        return sql_case({{zero(b), sql_case({{sql_postfix(a, "IS NOT NULL"), int_literal(0)}}, nullptr)}},
                        floordiv(a, b, DType::Int64));
      }
      // (the engine truncates; by 0 NaT, as pandas: DuckDB's `//` gives NULL, ANSI Spark's DIV fails)
      if (r == DType::Int64) return sql_case({{zero(b), sql_literal(NA, DType::Timedelta)}}, sql_infix("//", a, b));
      return sql_case({{zero(b), sql_literal(NA, DType::Timedelta)}}, truncated(sql_infix("/", as_float(a), b)));
    case BinaryOp::Mod: return sql_case({{zero(b), a}}, modulo(a, b, DType::Int64));
    default: break;
  }
  throw InternalError("internal error: unknown timedelta arithmetic");
}

/// Whether float arithmetic can give NaN: an operand is a float, so it may be an infinity
/// (inf - inf, inf * 0, inf / inf, inf % x, inf // x) or the power of a negative base.
bool may_give_nan(const plan::BinaryExpr& e) {
  return e.op() <= BinaryOp::Pow && e.dtype() == DType::Float64 &&
         (e.left()->dtype() == DType::Float64 || e.right()->dtype() == DType::Float64);
}

/// The Int64 that hex text `x` ('0x' or '0X' and 1 to 16 hex digits) holds as pandas reads it
/// (pyarrow's parser; two's complement: 0xFFFFFFFFFFFFFFFF is -1): its 16 digits (padded with zeros) as two 32-bit
/// halves from the digits' places in '0123456789abcdef', the high half less 2**32 where the
/// first of 16 digits is 8 or more.
SqlExprPtr hex_int64_sql(const SqlExprPtr& x) {
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  auto digits = sql_function("lpad", {sql_function("substr", {x, int_literal(3)}), sql_cast(int_literal(16), DType::integer(32, false)), text("0")});
  auto half = [&](int64_t first) {
    SqlExprPtr sum;
    for (int64_t i = first; i < first + 8; ++i) {
      auto digit = sql_function("lower", {sql_function("substr", {digits, int_literal(i), int_literal(1)})});
      auto v = sql_infix("-", sql_cast(sql_function("strpos", {text("0123456789abcdef"), digit}), DType::Int64), int_literal(1));
      int64_t place = int64_t{1} << (4 * (first + 7 - i));
      auto term = place == 1 ? v : sql_infix("*", v, int_literal(place));
      sum = sum ? sql_infix("+", sum, term) : term;
    }
    return sum;
  };
  constexpr int64_t k32 = int64_t{1} << 32;
  auto negative = sql_function("regexp_full_match", {x, text("0[xX][89a-fA-F][0-9a-fA-F]{15}")});
  auto high = sql_infix("+", half(1), sql_case({{negative, int_literal(-k32)}}, int_literal(0)));
  return sql_infix("+", sql_infix("*", high, int_literal(k32)), half(9));
}

}  // namespace

/// The least and greatest values of an integer dtype (Int64 or an Integer).
std::pair<__int128, __int128> integer_range(const DType& d) {
  int bits = d.bits();
  if (d.is_unsigned()) return {0, (static_cast<__int128>(1) << bits) - 1};
  return {-(static_cast<__int128>(1) << (bits - 1)), (static_cast<__int128>(1) << (bits - 1)) - 1};
}

SqlExprPtr wrap_sql(const SqlExprPtr& exact, const DType& to, const std::string& type) {
  auto [lo, hi] = integer_range(to);
  auto literal = [&](__int128 v) {
    std::string digits;
    bool negative = v < 0;
    unsigned __int128 u = negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
    do {
      digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
      u /= 10;
    } while (u != 0);
    return sql_cast_to_engine_type(sql_literal((negative ? "-" : "") + digits, DType::String), type);
  };
  auto modulus = literal(hi - lo + 1);
  auto shifted = lo == 0 ? exact : sql_infix("-", exact, literal(lo));
  auto wrapped = sql_infix("%", sql_infix("+", sql_infix("%", shifted, modulus), modulus), modulus);
  return sql_cast(lo == 0 ? wrapped : sql_infix("+", wrapped, literal(lo)), to);
}

namespace {

/// Integer `x` of integer dtype `from` as integer dtype `to`, wrapping around as NumPy casts
/// (so pandas' astype).
SqlExprPtr wrap_integer_sql(const SqlExprPtr& x, const DType& from, const DType& to) {
  auto [from_lo, from_hi] = integer_range(from);
  auto [to_lo, to_hi] = integer_range(to);
  if (to_lo <= from_lo && from_hi <= to_hi) return sql_cast(x, to);  // every value fits
  return wrap_sql(sql_cast_to_engine_type(x, "HUGEINT"), to, "HUGEINT");
}

/// `result` of `a // b` or `a % b` (integers), refusing where pandas divides a boolean, or a
/// number by a Series (`3 // s`), by an integer 0 as floats (inf, <NA>): then the whole result
/// is Float64 (even where a value is missing), a dtype that depends on the values, which a lazy
/// plan cannot follow. (Series // Series gives 0.)
SqlExprPtr zero_division_refused(const plan::BinaryExpr& e, const SqlExprPtr& result, const SqlExprPtr& a,
                                 const SqlExprPtr& b) {
  bool floor_division = e.op() == BinaryOp::FloorDiv;
  bool boolean = e.left()->dtype() == DType::Boolean;
  bool scalar = a->kind == SqlExpr::Kind::Literal && !a->value.is_na();  // `3 // s`: pandas' reflected op
  if (!(boolean || scalar) || !is_integer(e.dtype()) || nonzero_literal(b)) return result;
  auto zero = sql_infix("=", b, int_literal(0));
  std::string what = boolean ? " of a boolean by an integer 0" : " of a number by a Series holding an integer 0";
  std::string fix = boolean ? "convert the boolean first, e.g. with astype('Float64') or astype('Int64')"
                            : "convert the Series first, e.g. with astype('Float64')";
  return sql_case({{zero, sql_raise(ErrorKind::NotImplemented,
                                    {sql_literal(std::string(floor_division ? "//" : "%") + what +
                                                     ": pandas makes the whole result Float64 (inf or <NA> there), "
                                                     "which depends on the values; " + fix,
                                                 DType::String)},
                                    e.dtype())}},
                  result);
}

/// 2**65: a power below it in magnitude is computed exactly (exact_power).
constexpr double kExactPower = 36893488147419103232.0;

/// a ** b for integers a and b (b >= 2 where used) exactly, as the engine's 128-bit integer
/// (HUGEINT), where |a ** b| < 2**65 (`small`: the power in doubles, within rounding): the
/// product of a ** ceil(b / 2) and a ** floor(b / 2) computed in doubles, each exact there
/// (below 2**44; pow of integers is exact where the result is a double, in C and in Java).
struct ExactPower {
  SqlExprPtr small;
  SqlExprPtr value;
};
/// The value of an integer literal exponent, or nullopt.
std::optional<int64_t> literal_exponent(const SqlExprPtr& b) {
  if (b->kind != SqlExpr::Kind::Literal || !b->value.holds<int64_t>()) return std::nullopt;
  return b->value.get<int64_t>();
}

ExactPower exact_power(const SqlExprPtr& a, const SqlExprPtr& b) {
  auto dbl = [](const SqlExprPtr& x) { return sql_cast(x, DType::Float64); };
  auto huge = [](const SqlExprPtr& x) { return sql_cast_to_engine_type(x, "HUGEINT"); };
  auto p = sql_function("pow", {dbl(a), dbl(b)});
  auto k = literal_exponent(b);
  auto low_exponent = k ? int_literal(*k / 2) : sql_infix("//", b, int_literal(2));
  auto high_exponent = k ? int_literal(*k - *k / 2) : sql_infix("-", b, low_exponent);
  auto low = sql_function("pow", {dbl(a), dbl(low_exponent)});
  auto high = sql_function("pow", {dbl(a), dbl(high_exponent)});
  return {sql_infix("<", sql_function("abs", {p}), sql_literal(kExactPower, DType::Float64)),
          sql_infix("*", huge(high), huge(low))};
}

/// The cases of an integer a ** b before its exact value (b >= 0): x ** 0 and 1 ** x are 1 even
/// when x is missing (pandas); x ** 1 is x; (-1) ** b by b's parity (a double loses it past
/// 2**53). (A constant b of 0 or 1 is the callers'.)
std::vector<std::pair<SqlExprPtr, SqlExprPtr>> trivial_powers(const SqlExprPtr& a, const SqlExprPtr& b,
                                                               const DType& out, bool signed_base) {
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  auto k = literal_exponent(b);  // (a constant exponent decides some cases here)
  auto one = sql_infix("=", a, int_literal(1));
  whens.push_back({k ? one : sql_infix("OR", sql_infix("=", b, int_literal(0)), one), sql_cast(int_literal(1), out)});
  if (!k) whens.push_back({sql_infix("=", b, int_literal(1)), sql_cast(a, out)});
  if (signed_base && k) {
    whens.push_back({sql_infix("=", a, int_literal(-1)), sql_cast(int_literal(*k % 2 != 0 ? -1 : 1), out)});
  } else if (signed_base) {
    auto odd = sql_infix("<>", sql_infix("%", b, int_literal(2)), int_literal(0));
    auto minus_one = sql_infix("AND", sql_infix("=", a, int_literal(-1)), sql_postfix(b, "IS NOT NULL"));
    whens.push_back({minus_one, sql_cast(sql_case({{odd, int_literal(-1)}}, int_literal(1)), out)});
  }
  return whens;
}

SqlExprPtr negative_power_refused(const DType& out) {
  return sql_raise(ErrorKind::InvalidArgument,
                   {sql_literal("Integers to negative integer powers are not allowed (" + dtype_name(out) +
                                    "); convert the base to Float64 first (astype('Float64'))",
                                DType::String)},
                   out);
}

/// Arithmetic with an Int8..UInt64 operand giving an integer dtype (plan::binary_result_type):
/// exact in 128 bits, then wrapped around into the result dtype, as NumPy computes: + - *
/// (unsigned products in UHUGEINT, which holds any product of two UInt64); // and % floored
/// (0 for a zero divisor, as for Int64); ** exact below 2**65 (exact_power), and 0 for an even
/// base to at least the dtype's width of bits (2**bits divides it). Past that the query fails
/// with ArithmeticOverflowError (NumPy's wrapped power is exact, but cormorant cannot compute
/// it); a negative exponent with pandas' ValueError. (Float64 results are the generic float
/// arithmetic's.)
SqlExprPtr lower_integer_arithmetic(const plan::BinaryExpr& e, const SqlExprPtr& a, const SqlExprPtr& b) {
  auto huge = [](const SqlExprPtr& x) { return sql_cast_to_engine_type(x, "HUGEINT"); };
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  const DType& out = e.dtype();
  switch (e.op()) {
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod: {
      bool floor_division = e.op() == BinaryOp::FloorDiv;
      return with_operands(a, b, [&](const SqlExprPtr& a, const SqlExprPtr& b) {
        auto x = huge(a), y = huge(b);
        auto r = floor_division ? floordiv(x, y, DType::Int64) : modulo(x, y, DType::Int64);
        auto wrapped = wrap_sql(by_zero(r, x, y, DType::Int64, floor_division), out, "HUGEINT");  // (-128 // -1 is -128)
        return zero_division_refused(e, wrapped, a, b);
      });
    }
    case BinaryOp::Pow: {
      auto power = exact_power(a, b);
      auto even = sql_infix("=", sql_infix("%", huge(a), huge(int_literal(2))), huge(int_literal(0)));
      auto wide = sql_infix(">=", b, int_literal(out.bits()));
      auto negative = sql_infix("<", b, int_literal(0));
      std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
      auto k = literal_exponent(b);
      if (k && (*k == 0 || *k == 1)) return sql_cast(*k == 0 ? int_literal(1) : a, out);
      if (!e.right()->dtype().is_unsigned() && !(k && *k >= 0)) whens.push_back({negative, negative_power_refused(out)});
      auto trivial = trivial_powers(a, b, out, !e.left()->dtype().is_unsigned());
      whens.insert(whens.end(), trivial.begin(), trivial.end());
      auto large = sql_prefix("NOT", power.small);  // (NULL where an operand is missing: the ELSE)
      whens.push_back({sql_infix("AND", large, sql_infix("AND", even, wide)), sql_cast(int_literal(0), out)});
      whens.push_back({large, sql_raise(ErrorKind::Overflow,
                                        {text("the power "), sql_cast(a, DType::String), text(" ** "),
                                         sql_cast(b, DType::String),
                                         text(" is past 2**65: pandas wraps it around in " + dtype_name(out) +
                                              ", which cormorant cannot compute exactly; convert the column with "
                                              "astype('Float64') first")},
                                        out)});
      return sql_case(std::move(whens), wrap_sql(power.value, out, "HUGEINT"));
    }
    default: {  // + - *
      const char* symbol = e.op() == BinaryOp::Add ? "+" : e.op() == BinaryOp::Sub ? "-" : "*";
      std::string type = e.op() == BinaryOp::Mul && out.is_unsigned() ? "UHUGEINT" : "HUGEINT";
      auto exact = sql_infix(symbol, sql_cast_to_engine_type(a, type), sql_cast_to_engine_type(b, type));
      return wrap_sql(exact, out, type);
    }
  }
}

/// Int64 a ** b exactly (pandas' int64 power); a negative exponent fails as NumPy's, and a power
/// past Int64 fails the query with ArithmeticOverflowError as Int64 `*` does (pandas wraps around).
SqlExprPtr int64_power(const SqlExprPtr& a, const SqlExprPtr& b) {
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  auto power = exact_power(a, b);
  auto outside = sql_infix("OR", sql_infix("<", power.value, sql_cast_to_engine_type(int_literal(INT64_MIN), "HUGEINT")),
                           sql_infix(">", power.value, sql_cast_to_engine_type(int_literal(INT64_MAX), "HUGEINT")));
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens;
  auto k = literal_exponent(b);
  if (k && (*k == 0 || *k == 1)) return sql_cast(*k == 0 ? int_literal(1) : a, DType::Int64);
  if (!(k && *k >= 0)) whens.push_back({sql_infix("<", b, int_literal(0)), negative_power_refused(DType::Int64)});
  auto trivial = trivial_powers(a, b, DType::Int64, true);
  whens.insert(whens.end(), trivial.begin(), trivial.end());
  // (the CASE computes the exact value only where it is small: a later WHEN sees only the rows
  // no earlier one took)
  auto overflow = sql_raise(ErrorKind::Overflow,
                            {text("Int64 overflow in power ("), sql_cast(a, DType::String), text(" ** "),
                             sql_cast(b, DType::String), text("); convert to Float64 with astype() for larger values")},
                            DType::Int64);
  whens.push_back({sql_prefix("NOT", power.small), overflow});
  whens.push_back({outside, overflow});
  return sql_case(std::move(whens), sql_cast(power.value, DType::Int64));
}

/// `predicate`: the expression is a filter's condition (or part of one), where False and NULL
/// both drop the row, so comparisons need not turn NULL into False (that would hide them from
/// the engine's scan filters).
SqlExprPtr lower_binary(const plan::BinaryExpr& e, Names& names, bool predicate = false) {
  if (auto decimal = decimal_comparison(e, names)) return decimal;
  auto a = lower(e.left(), names);
  auto b = lower(e.right(), names);
  if (e.op() <= BinaryOp::Pow && e.dtype() != DType::String) {
    // Booleans take part in arithmetic as integers, as in pandas.
    if (e.left()->dtype() == DType::Boolean) a = sql_cast(a, DType::Int64);
    if (e.right()->dtype() == DType::Boolean) b = sql_cast(b, DType::Int64);
  }
  if (e.op() >= BinaryOp::Eq && e.op() <= BinaryOp::Ge) {
    // pandas compares booleans with numbers as 0 and 1; the engine needs the cast.
    DType l = e.left()->dtype(), r = e.right()->dtype();
    if (l == DType::Boolean && (r == DType::Int64 || r == DType::Float64)) a = sql_cast(a, r);
    if (r == DType::Boolean && (l == DType::Int64 || l == DType::Float64)) b = sql_cast(b, l);
  }
  if (e.op() <= BinaryOp::Pow && (e.left()->dtype() == DType::Integer || e.right()->dtype() == DType::Integer)) {
    if (e.dtype() != DType::Float64) return lower_integer_arithmetic(e, a, b);
    a = sql_cast(a, DType::Float64);  // (then as any float arithmetic)
    b = sql_cast(b, DType::Float64);
  }
  if (e.op() <= BinaryOp::Pow && (e.dtype() == DType::Timedelta || holds_nat(e.left()->dtype()) ||
                                  holds_nat(e.right()->dtype()))) {
    return lower_time_arithmetic(e, a, b);
  }
  switch (e.op()) {
    case BinaryOp::Add:
      // The cast keeps the type when the engine folds `x || NULL` into an untyped NULL.
      return e.dtype() == DType::String ? sql_cast(sql_infix("||", a, b), DType::String) : sql_infix("+", a, b);
    case BinaryOp::Sub: return sql_infix("-", a, b);
    case BinaryOp::Mul:
      if (e.dtype() == DType::String) {  // pandas repeats strings
        bool text_left = e.left()->dtype() == DType::String;
        return sql_function("repeat", {text_left ? a : b, text_left ? b : a});
      }
      return sql_infix("*", a, b);
    case BinaryOp::TrueDiv: return with_operands(a, b, true_divide);
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod: {
      bool floor_division = e.op() == BinaryOp::FloorDiv;
      return with_operands(a, b, [&](const SqlExprPtr& a, const SqlExprPtr& b) {
        auto result = by_zero(floor_division ? floordiv(a, b, e.dtype()) : modulo(a, b, e.dtype()), a, b, e.dtype(),
                              floor_division);
        return zero_division_refused(e, result, a, b);
      });
    }
    case BinaryOp::Pow: {
      if (e.dtype() == DType::Float64 && b->kind == SqlExpr::Kind::Literal && !b->value.is_na() &&
          b->value.holds<double>() && b->value.get<double>() == 0.5) {
        // NumPy computes x ** 0.5 (of a scalar 0.5) as sqrt(x): (-inf) ** 0.5 is NaN, so <NA> in
        // pandas, where the engine's pow gives inf; (-0.0) ** 0.5 is -0.0.
        return sql_case({{sql_infix("<", a, sql_literal(0.0, DType::Float64)), sql_literal(NA, DType::Float64)}},
                        sql_function("sqrt", {sql_cast(a, DType::Float64)}));
      }
      if (e.dtype() != DType::Float64) return int64_power(a, b);
      // pandas: x ** 0 and 1 ** x are 1 even when x is missing; (-1) ** +-inf is 1 (C's pow;
      // Spark's, Java's Math.pow, gives NaN).
      auto minus_one_to_infinity = sql_infix("AND", sql_infix("=", a, sql_literal(int64_t{-1}, DType::Int64)),
                                             sql_infix("=", sql_function("abs", {b}), sql_literal(std::numeric_limits<double>::infinity(), DType::Float64)));
      auto trivial = sql_infix("OR", sql_infix("OR", sql_infix("=", b, sql_literal(int64_t{0}, DType::Int64)),
                                               sql_infix("=", a, sql_literal(int64_t{1}, DType::Int64))),
                               minus_one_to_infinity);
      return sql_case({{trivial, sql_literal(1.0, DType::Float64)}}, sql_function("pow", {a, b}));
    }
    case BinaryOp::Eq:
    case BinaryOp::Ne:
    case BinaryOp::Lt:
    case BinaryOp::Le:
    case BinaryOp::Gt:
    case BinaryOp::Ge: {
      auto compared = compare(e.op(), a, b);
      // pandas' datetime64 columns hold NaT, not <NA>: a comparison with NaT is False (!= True).
      // A filter drops a NULL as it drops False, so only != needs the coalesce there.
      bool nat = holds_nat(e.left()->dtype()) || holds_nat(e.right()->dtype());
      if (!nat || (predicate && e.op() != BinaryOp::Ne)) return compared;
      return sql_function("coalesce", {compared, sql_literal(e.op() == BinaryOp::Ne, DType::Boolean)});
    }
    case BinaryOp::And: return sql_infix(e.dtype() == DType::Int64 ? "&" : "AND", a, b);
    case BinaryOp::Or: return sql_infix(e.dtype() == DType::Int64 ? "|" : "OR", a, b);
    case BinaryOp::Xor:  // on booleans, NULL when either side is, like Kleene xor
      return e.dtype() == DType::Int64 ? sql_function("xor", {a, b}) : sql_infix("<>", a, b);
  }
  throw InternalError("internal error: unknown binary operator");
}

/// A decimal128(38, 9) value as pandas writes it (str of Python's Decimal of exponent -9):
/// the engine's text, but for values below 1e-6 in magnitude, which Python writes with an
/// exponent: 0E-9, 1E-9, -1.2E-8, 1.23E-7.
SqlExprPtr decimal_text_sql(const SqlExprPtr& x) {
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  auto plain = sql_cast(x, DType::String);
  // |x| < 1e-6: 0.000000ddd, so its units are the last three digits (their leading zeros dropped)
  auto units = sql_cast_to_engine_type(sql_function("right", {plain, sql_literal(int64_t{3}, DType::Int64)}), "INTEGER");
  auto digits = sql_cast(units, DType::String);
  auto n = sql_function("length", {digits});
  auto sign = sql_case({{sql_infix("<", x, sql_literal(Value(Moment{DType::Decimal, "0"}), DType::Decimal)), text("-")}},
                       text(""));
  auto mantissa = sql_case({{sql_infix("=", n, sql_literal(int64_t{1}, DType::Int64)), digits}},
                           sql_function("concat", {sql_function("left", {digits, sql_literal(int64_t{1}, DType::Int64)}),
                                                   text("."), sql_function("substr", {digits, sql_literal(int64_t{2}, DType::Int64)})}));
  auto exponent = sql_infix("-", n, sql_literal(int64_t{10}, DType::Int64));
  auto small = sql_function("concat", {sign, mantissa, text("E"), sql_cast(exponent, DType::String)});
  auto below = sql_infix("<", sql_function("abs", {x}), sql_literal(Value(Moment{DType::Decimal, "0.000001"}), DType::Decimal));
  return sql_case({{below, small}}, plain);
}

/// Float64 `x` as Int64, as pandas' astype: truncated toward zero; NaN, infinities and values
/// past Int64 raise (`of_column` names the column in the message).
SqlExprPtr float_to_int64_sql(const SqlExprPtr& x, const std::string& of_column) {
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  // pandas truncates toward zero; NaN and infinities cannot become integers.
  auto value = sql_cast(x, DType::String);
  auto bound = sql_literal(9223372036854775808.0, DType::Float64);  // 2**63
  return sql_case(
      {{sql_prefix("NOT", sql_function("isfinite", {x})),
        sql_raise(ErrorKind::InvalidArgument,
                  {text("astype: cannot convert non-finite values (NA or inf) to integer: the value "), value,
                   text(of_column)},
                  DType::Int64)},
       {sql_infix("OR", sql_infix(">=", x, bound), sql_infix("<", x, sql_prefix("-", bound))),
        sql_raise(ErrorKind::Overflow, {text("astype: the value "), value, text(of_column + " does not fit in Int64")},
                  DType::Int64)}},
      sql_cast(sql_function("trunc", {x}), DType::Int64));
}

/// astype between an Integer and Int64, Float64, boolean, string or another Integer (text to
/// an integer is lower_cast's: it refuses text that is no value of `to`).
SqlExprPtr integer_cast_sql(const SqlExprPtr& x, const DType& from, const DType& to, const std::string& of_column) {
  if (is_integer(from) && is_integer(to)) return wrap_integer_sql(x, from, to);
  if (from == DType::Float64) return wrap_integer_sql(float_to_int64_sql(x, of_column), DType::Int64, to);
  return sql_cast(x, to);  // booleans are 0 and 1 (any other value True), values as text, as doubles
}

SqlExprPtr lower_cast(const plan::CastExpr& e, Names& names) {
  auto x = lower(e.operand(), names);
  DType from = e.operand()->dtype(), to = e.dtype();
  if (from == to) return x;
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  std::string of_column = e.label().empty() ? "" : " of column '" + e.label() + "'";
  std::string to_name(dtype_name(to));
  if (from == DType::Float64 && to == DType::Int64) return float_to_int64_sql(x, of_column);
  // (Python's text of a double: DuckDB's cast; refused on Spark, whose text is Java's)
  if (from == DType::Float64 && to == DType::String) return sql_function("cormorant_float_text", {x});
  if (from == DType::String && to != DType::String) {
    // Text that is no value of `to` fails, naming the value and the column as pandas does;
    // pandas raises TypeError for booleans ("Need to pass bool-like values"), ValueError else.
    auto unreadable = sql_postfix(sql_try_cast(x, to), "IS NULL");
    auto value = sql_cast(x, to);
    if (is_integer(to)) {
      // Only digits or hex text, as pandas reads text as integers (the engine would round '1.5'
      // to 2 and read '1e3', ' 7', '+7' and '1_000'). Hex text as pandas reads it (pyarrow's
      // parser): '0x' and at most two digits a byte of `to` ('0x0001' is no Int8), the unsigned
      // value of the digits taken as two's complement for the signed dtypes ('0xff' is -1 as Int8),
      // in the SQL of both engines (DuckDB's cast refuses '0xff' as Int8 and reads '0x0001';
      // Spark's reads no hex).
      auto digits = sql_function("regexp_full_match", {x, text("-?[0-9]+")});
      auto hex = sql_function("regexp_full_match", {x, text("0[xX][0-9A-Fa-f]{1," + std::to_string(to.bits() / 4) + "}")});
      unreadable = sql_infix("AND", sql_prefix("NOT", hex), sql_infix("OR", sql_prefix("NOT", digits), unreadable));
      auto hex_value = hex_int64_sql(x);
      value = sql_case({{hex, to == DType::Int64 ? hex_value : wrap_integer_sql(hex_value, DType::Int64, to)}}, value);
    }
    return sql_case({{sql_infix("AND", sql_postfix(x, "IS NOT NULL"), unreadable),
                      sql_raise(to == DType::Boolean ? ErrorKind::DType : ErrorKind::InvalidArgument,
                                {text("astype: cannot convert the value '"), x, text("'" + of_column + " to " + to_name)}, to)}},
                    value);
  }
  if (from == DType::Integer || to == DType::Integer) return integer_cast_sql(x, from, to, of_column);
  if (from == DType::Decimal && to == DType::Float64) {
    // Through its text: the engine's DECIMAL to DOUBLE rounds twice, reading the digits once (as pyarrow).
    return sql_cast(sql_cast(x, DType::String), DType::Float64);
  }
  if (from == DType::Decimal && to == DType::String) return decimal_text_sql(x);
  if (from == DType::Decimal && to == DType::Int64) {
    // pandas converts whole values (missing ones stay missing); a fraction is its TypeError,
    // a value past Int64 its OverflowError.
    auto decimal = [](const char* v) { return sql_literal(Value(Moment{DType::Decimal, v}), DType::Decimal); };
    return sql_case(
        {{sql_infix("<>", decimal_fraction_units(x), sql_literal(int64_t{0}, DType::Int64)),
          sql_raise(ErrorKind::DType,
                    {text("astype: cannot safely cast the value "), sql_cast(x, DType::String), text(of_column + " to Int64")},
                    DType::Int64)},
         {sql_infix("OR", sql_infix(">", x, decimal("9223372036854775807")), sql_infix("<", x, decimal("-9223372036854775808"))),
          sql_raise(ErrorKind::Overflow, {text("astype: the value "), sql_cast(x, DType::String), text(of_column + " does not fit in Int64")},
                    DType::Int64)}},
        sql_cast(x, DType::Int64));
  }
  if (from == DType::Time && to == DType::String) {
    // Python's str of a datetime.time: the microseconds only when there are some, all six.
    // DuckDB's and Spark's text of a TIME give its fraction without trailing zeros
    // ('01:30:00.5'), none when it is whole.
    auto t = sql_cast(x, DType::String);
    auto length = sql_function("length", {t});
    return sql_case({{sql_infix("=", length, sql_literal(int64_t{8}, DType::Int64)), t},
                     {sql_infix(">", length, sql_literal(int64_t{8}, DType::Int64)),
                      sql_function("left", {sql_function("concat", {t, text("00000")}), sql_literal(int64_t{15}, DType::Int64)})}},
                    nullptr);
  }
  if (from == DType::Boolean && to == DType::String) {
    return sql_case({{sql_infix("=", x, sql_literal(true, DType::Boolean)), sql_literal(std::string("True"), DType::String)},
                     {sql_infix("=", x, sql_literal(false, DType::Boolean)), sql_literal(std::string("False"), DType::String)}},
                    nullptr);
  }
  return sql_cast(x, to);
}

/// The SQL of an isin() test of a relation's column: the value tested, the relation's CTE and
/// the column in it.
struct MemberSql {
  SqlExprPtr x;
  std::string relation;
  SqlExprPtr v;
};

MemberSql member_sql(const plan::MemberExpr& m, Names& names) {
  return {lower(m.operand(), names), names.ctes.at(m.relation().get()), sql_column(names.of(m.column()))};
}

/// isin of a relation's column: `x IN (SELECT v FROM t)` (the engine's semi-join), never
/// missing; a missing x is True when `na_matches` and t holds a missing v.
SqlExprPtr lower_member(const plan::MemberExpr& m, Names& names) {
  auto [x, relation, v] = member_sql(m, names);
  auto yes = sql_literal(true, DType::Boolean), no = sql_literal(false, DType::Boolean);
  SqlExprPtr member = no;
  if (m.match_values()) member = sql_function("coalesce", {sql_in_relation(x, relation, v, nullptr), no});
  if (!m.na_matches()) return member;
  auto has_missing = sql_in_relation(yes, relation, yes, sql_postfix(v, "IS NULL"));
  return sql_case({{sql_postfix(x, "IS NULL"), has_missing}}, member);
}

SqlExprPtr lower_expr(const plan::ExprPtr& expr, Names& names) {
  switch (expr->kind()) {
    case ExprKind::Column: {
      const auto& id = static_cast<const plan::ColumnExpr&>(*expr).id();
      auto decimal = names.decimals.find(id);
      if (decimal == names.decimals.end() || decimal->second.integer) return sql_column(names.of(id));
      // A DECIMAL column read as a double: its value as the scan used to cast it. (A chain is
      // never read so: find_decimal_columns keeps none that is.)
      CORMORANT_CHECK(decimal->second.precision > 0, "a decimal chain read as a double");
      return sql_cast(sql_column(names.of(id)), DType::Float64);
    }
    case ExprKind::Literal: return sql_literal(static_cast<const plan::LiteralExpr&>(*expr).value(), expr->dtype());
    case ExprKind::Unary: {
      const auto& u = static_cast<const plan::UnaryExpr&>(*expr);
      auto x = lower(u.operand(), names);
      switch (u.op()) {
        case UnaryOp::Negate:
          if (u.dtype() == DType::Integer) return wrap_sql(sql_prefix("-", sql_cast_to_engine_type(x, "HUGEINT")), u.dtype(), "HUGEINT");
          if (u.dtype() == DType::Decimal) return sql_function("decimal_neg", {x});  // (Spark's rounds)
          return sql_prefix(u.dtype() == DType::Boolean ? "NOT" : "-", x);
        case UnaryOp::Not: return sql_prefix(u.dtype() == DType::Int64 ? "~" : "NOT", x);
        case UnaryOp::Abs:
          if (u.dtype() == DType::Integer) {  // Int8's abs(-128) is -128, as NumPy's
            return wrap_sql(sql_function("abs", {sql_cast_to_engine_type(x, "HUGEINT")}), u.dtype(), "HUGEINT");
          }
          if (u.dtype() == DType::Decimal) return sql_function("decimal_abs", {x});
          return u.dtype() == DType::Boolean ? x : sql_function("abs", {x});
        case UnaryOp::IsNull: return sql_postfix(x, "IS NULL");
        case UnaryOp::NotNull: return sql_postfix(x, "IS NOT NULL");
      }
      break;
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const plan::BinaryExpr&>(*expr);
      return may_give_nan(b) ? nan_as_missing(lower_binary(b, names)) : lower_binary(b, names);
    }
    case ExprKind::Cast: return lower_cast(static_cast<const plan::CastExpr&>(*expr), names);
    case ExprKind::Conditional: {
      const auto& c = static_cast<const plan::ConditionalExpr&>(*expr);
      return sql_case({{lower(c.condition(), names), lower(c.then(), names)}},
                      c.otherwise() ? lower(c.otherwise(), names) : nullptr);
    }
    case ExprKind::Coalesce: {
      const auto& c = static_cast<const plan::CoalesceExpr&>(*expr);
      return sql_function("coalesce", {lower(c.first(), names), lower(c.second(), names)});
    }
    case ExprKind::Function: {
      if (auto decimal = decimal_comparison(*expr, names)) return decimal;  // between
      const auto& f = static_cast<const plan::FunctionExpr&>(*expr);
      std::vector<SqlExprPtr> args;
      for (const auto& a : f.args()) args.push_back(lower(a, names));
      return find_lowering(f.name())(args, f);
    }
    case ExprKind::Hash: {
      // hash() is a UBIGINT; halved, it fits Int64 and still orders rows deterministically.
      const auto& h = static_cast<const plan::HashExpr&>(*expr);
      std::vector<SqlExprPtr> args{sql_literal(h.seed(), DType::Int64)};
      for (const auto& a : h.args()) args.push_back(lower(a, names));
      return sql_cast(sql_infix(">>", sql_function("hash", std::move(args)), sql_literal(int64_t{1}, DType::Int64)),
                      DType::Int64);
    }
    case ExprKind::Member: return lower_member(static_cast<const plan::MemberExpr&>(*expr), names);
    case ExprKind::Scalar: {
      const auto& s = static_cast<const plan::ScalarExpr&>(*expr);
      return sql_scalar_subquery(names.ctes.at(s.relation().get()), names.of(s.column()));
    }
  }
  throw InternalError("internal error: unknown expression kind");
}

}  // namespace

SqlExprPtr lower(const plan::ExprPtr& expr, Names& names) {
  if (auto b = names.bound.find(expr.get()); b != names.bound.end()) return sql_column(b->second);
  if (auto done = names.lowered.find(expr.get()); done != names.lowered.end()) return done->second;
  auto out = lower_expr(expr, names);
  names.lowered.emplace(expr.get(), out);
  return out;
}

/// A filter's predicate. A row whose predicate is NULL is dropped as if it were FALSE, also
/// under AND and OR, so parts of it need not turn NULL into FALSE: a comparison keeps SQL's
/// NULL where pandas' value is False (at NaT; the engine's scan filters then still see a plain
/// comparison), and an isin() conjunct needs no coalesce: `x IN (SELECT v FROM t)` lets the
/// engine run a semi-join instead of a mark join and a filter, and ~isin becomes
/// `NOT EXISTS (... v = x)` (never NULL), an anti-join (TPC-H Q22's customers without orders:
/// `x IS NULL OR NOT x IN (SELECT v ...)` was a mark join, a third of the query's time).
SqlExprPtr lower_predicate(const plan::ExprPtr& e, Names& names) {
  if (e->kind() == ExprKind::Binary) {
    const auto& b = static_cast<const plan::BinaryExpr&>(*e);
    if ((b.op() == BinaryOp::And || b.op() == BinaryOp::Or) && b.dtype() == DType::Boolean) {
      return sql_infix(b.op() == BinaryOp::And ? "AND" : "OR", lower_predicate(b.left(), names),
                       lower_predicate(b.right(), names));
    }
    if (b.op() >= BinaryOp::Eq && b.op() <= BinaryOp::Ge) return lower_binary(b, names, true);
  }
  if (e->kind() == ExprKind::Function && static_cast<const plan::FunctionExpr&>(*e).name() == "isin") {
    // isin of listed values: x IN (...), which the engine pushes into a scan; a missing x gives
    // NULL (the row is dropped, as isin's False drops it) unless missing values match.
    const auto& f = static_cast<const plan::FunctionExpr&>(*e);
    DType d = f.args()[0]->dtype();
    std::vector<SqlExprPtr> items;
    for (const auto& v : isin_values({f.params().begin() + 1, f.params().end()}, d)) items.push_back(sql_literal(v, d));
    if (!items.empty()) {
      auto x = lower(f.args()[0], names);
      auto in = sql_in_list(x, std::move(items));
      return f.params()[0].get<bool>() ? sql_infix("OR", sql_postfix(x, "IS NULL"), in) : in;
    }
  }
  bool negated = e->kind() == ExprKind::Unary && static_cast<const plan::UnaryExpr&>(*e).op() == UnaryOp::Not;
  const plan::ExprPtr& inner = negated ? static_cast<const plan::UnaryExpr&>(*e).operand() : e;
  if (inner->kind() != ExprKind::Member) return lower(e, names);
  const auto& m = static_cast<const plan::MemberExpr&>(*inner);
  if (!m.match_values() || m.na_matches()) return lower(e, names);
  auto [x, relation, v] = member_sql(m, names);
  if (!negated) return sql_in_relation(x, relation, v, nullptr);
  return sql_not_in_relation(x, relation, names.of(m.column()));
}

std::optional<AntiJoinSql> anti_join_sql(const plan::ExprPtr& conjunct, Names& names) {
  if (conjunct->kind() != ExprKind::Unary) return std::nullopt;
  const auto& u = static_cast<const plan::UnaryExpr&>(*conjunct);
  if (u.op() != UnaryOp::Not || u.operand()->kind() != ExprKind::Member) return std::nullopt;
  const auto& m = static_cast<const plan::MemberExpr&>(*u.operand());
  if (!m.match_values() || m.na_matches() || m.operand()->kind() != ExprKind::Column) return std::nullopt;
  auto [x, relation, v] = member_sql(m, names);
  if (x->kind != SqlExpr::Kind::Column || !x->qualifier.empty()) return std::nullopt;  // (a decimal read as a double)
  return AntiJoinSql{x->name, relation, names.of(m.column())};
}

}  // namespace cormorant::compile
