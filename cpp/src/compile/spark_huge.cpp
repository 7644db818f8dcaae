// Spark's writing of DuckDB's 128-bit integer division and absolute value (huge_div: HUGEINT //
// HUGEINT, truncated toward zero, NULL by 0; huge_abs). HUGEINT is Spark's DECIMAL(38, 0), but
// Spark's DIV gives a BIGINT (the mean of decimals wrapped around silently past 2**63 units),
// its decimal `/` keeps at least 6 decimals, so its quotients hold at most 32 integer digits,
// and its unary minus and abs of a negative decimal round to 34 digits (Scala's BigDecimal
// context: abs(-99999999999999999999999999999999999999) fails, a 35-digit one comes out
// rounded). Binary + - * % are exact.
#include <cstdint>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

SqlExprPtr huge(SqlExprPtr e) { return sql_cast_to_engine_type(std::move(e), "HUGEINT"); }

/// |x| of a DECIMAL(38, 0) without Spark's unary minus or abs: 0 - x where x is negative.
SqlExprPtr exact_abs(const SqlExprPtr& x) {
  auto zero = huge(sql_literal(int64_t{0}, DType::Int64));
  return sql_case({{sql_infix("<", x, zero), sql_infix("-", zero, x)}}, x);
}

}  // namespace

SqlExprPtr spark_huge_abs(const std::vector<SqlExprPtr>& args) {
  auto v = sql_column("cormorant_v");
  return spark_let(huge(args.at(0)), v, exact_abs(v));
}

/// -x and |x| of a DECIMAL(38, 9) (decimal_neg, decimal_abs): its text with the sign changed,
/// read back, exact on every value (Spark's own round to 34 digits, and 0 - x keeps 8 decimals).
SqlExprPtr spark_decimal_sign(const std::vector<SqlExprPtr>& args, bool negate) {
  auto v = sql_column("cormorant_v");
  auto zero = sql_cast(sql_literal(int64_t{0}, DType::Int64), DType::Decimal);
  auto plain = sql_cast(v, DType::String);
  auto magnitude = sql_cast(sql_function("substring", {plain, sql_cast(sql_literal(int64_t{2}, DType::Int64), DType::integer(32, false))}), DType::Decimal);
  auto minus = sql_cast(sql_infix("||", sql_literal(Value(std::string("-")), DType::String), plain), DType::Decimal);
  auto body = negate ? sql_case({{sql_infix("<", v, zero), magnitude}, {sql_infix(">", v, zero), minus}}, v)
                     : sql_case({{sql_infix("<", v, zero), magnitude}}, v);
  return spark_let(args.at(0), v, body);
}

SqlExprPtr spark_huge_div(const std::vector<SqlExprPtr>& args) {
  auto text = [](std::string s) { return sql_literal(Value(std::move(s)), DType::String); };
  // x // y where the quotient has fewer than 32 digits: x less its remainder (the sign of x), over y
  auto truncated = [&](const SqlExprPtr& x, const SqlExprPtr& y) {
    auto multiple = sql_infix("-", x, sql_infix("%", x, y));
    return huge(sql_as_is(sql_infix("/", multiple, y)));
  };
  // (a and b bound to p, evaluated once)
  auto p = sql_column("cormorant_p");
  auto a = sql_function("struct_extract", {p, text("a")}), b = sql_function("struct_extract", {p, text("b")});
  auto base = huge(sql_literal(int64_t{1000000000000000000}, DType::Int64));  // 10**18
  // a = h * base + a % base; h = q1 * b + r1; r1 * base + a % base = q2 * b + r (every
  // remainder of a's sign, below |b|): a // b = q1 * base + q2. |b| < base keeps r1 * base
  // below 10**36; a larger |b| leaves a quotient below 10**20, divided at once.
  auto h = truncated(a, base);
  auto low = sql_infix("+", sql_infix("*", sql_infix("%", h, b), base), sql_infix("%", a, base));
  auto long_division = sql_infix("+", sql_infix("*", truncated(h, b), base), truncated(low, b));
  auto quotient = sql_case({{sql_infix(">=", exact_abs(b), base), truncated(a, b)}}, long_division);
  auto pair = sql_function("named_struct", {text("a"), huge(args.at(0)), text("b"),
                                            sql_function("nullif", {huge(args.at(1)), huge(sql_literal(int64_t{0}, DType::Int64))})});
  return spark_let(pair, p, quotient);
}

}  // namespace cormorant::compile
