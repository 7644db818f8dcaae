#include "cormorant/compile/compiler.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"
#include "cormorant/compile/join_tree.hpp"
#include "cormorant/compile/aggregate_sql.hpp"
#include "cormorant/compile/window_sql.hpp"
#include "cormorant/plan/nullability.hpp"
#include "fold.hpp"

namespace cormorant::compile {

namespace {

using plan::BinaryOp;
using plan::ExprKind;
using plan::UnaryOp;

/// Maps column ids to the stable names of one query (c0, c1, ... in order of first use).
class Names {
 public:
  const std::string& of(const std::string& id) {
    auto it = names_.find(id);
    if (it == names_.end()) it = names_.emplace(id, "c" + std::to_string(names_.size())).first;
    return it->second;
  }
  /// The CTE of each node compiled so far (a MemberExpr reads its relation's).
  std::unordered_map<const plan::Node*, std::string> ctes;

 private:
  std::unordered_map<std::string, std::string> names_;
};

SqlExprPtr lower(const plan::ExprPtr& expr, Names& names);

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
  auto m = sql_infix("%", a, b);  // C's fmod, exact (the engine's fmod() is x - trunc(x / y) * y: 1e20 mod 3 is 0)
  auto zero = sql_infix("=", m, sql_literal(0.0, DType::Float64));
  return sql_case({{wrong_sign(m, b), sql_infix("+", m, b)}, {zero, signed_zero(m, sql_function("signbit", {b}))}}, m);
}

/// pandas' floor division: rounds toward negative infinity (SQL's integer // truncates). For
/// floats it follows Python (and NumPy): (a - fmod(a, b)) / b, one less where the remainder
/// moves sign, rounded, so 1.0 // 0.1 is 9.0 and 1e-300 // -inf is -1.0; a zero quotient has
/// the sign of a / b (-0.0 // 3.0 and 0.0 // -3.0 are -0.0).
SqlExprPtr floordiv(const SqlExprPtr& a, const SqlExprPtr& b, DType result) {
  if (result == DType::Float64) {
    auto m = sql_infix("%", a, b);
    auto quotient = sql_infix("/", sql_infix("-", a, m), b);
    auto lowered = sql_infix("-", quotient, sql_literal(1.0, DType::Float64));
    auto q = sql_function("round", {sql_case({{wrong_sign(m, b), lowered}}, quotient)});
    auto negative = sql_infix("<>", sql_function("signbit", {a}), sql_function("signbit", {b}));
    return sql_case({{sql_infix("=", q, sql_literal(0.0, DType::Float64)), signed_zero(q, negative)}}, q);
  }
  auto truncated = sql_infix("//", a, b);
  auto needs_fix = sql_infix(
      "AND", sql_infix("<>", sql_infix("%", a, b), int_literal(0)),
      sql_infix("<>", sql_infix("<", a, int_literal(0)), sql_infix("<", b, int_literal(0))));
  return sql_infix("-", truncated, sql_case({{needs_fix, int_literal(1)}}, int_literal(0)));
}

/// pandas' modulo: the result takes the divisor's sign (SQL's % takes the dividend's).
SqlExprPtr modulo(const SqlExprPtr& a, const SqlExprPtr& b, DType result) {
  if (result == DType::Float64) return float_mod(a, b);
  return sql_infix("%", sql_infix("+", sql_infix("%", a, b), b), b);
}

/// True when `e` is a literal other than zero or <NA>, so a division by it needs no guard.
bool nonzero_literal(const SqlExprPtr& e) {
  if (e->kind != SqlExpr::Kind::Literal || e->value.is_na()) return false;
  if (e->value.holds<int64_t>()) return e->value.get<int64_t>() != 0;
  if (e->value.holds<double>()) return e->value.get<double>() != 0.0;
  return false;
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
      if (r == DType::Int64) return sql_infix("//", a, b);  // the engine truncates; NULL by 0
      return sql_case({{zero(b), sql_literal(NA, DType::Timedelta)}}, truncated(sql_infix("/", as_float(a), b)));
    case BinaryOp::Mod: return sql_case({{zero(b), a}}, modulo(a, b, DType::Int64));
    default: break;
  }
  throw InternalError("internal error: unknown timedelta arithmetic");
}

/// `predicate`: the expression is a filter's condition (or part of one), where False and NULL
/// both drop the row, so comparisons need not turn NULL into False (that would hide them from
/// the engine's scan filters).
SqlExprPtr lower_binary(const plan::BinaryExpr& e, Names& names, bool predicate = false) {
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
    case BinaryOp::TrueDiv: return true_divide(a, b);
    case BinaryOp::FloorDiv:
    case BinaryOp::Mod: {
      bool floor_division = e.op() == BinaryOp::FloorDiv;
      auto result = by_zero(floor_division ? floordiv(a, b, e.dtype()) : modulo(a, b, e.dtype()), a, b, e.dtype(),
                            floor_division);
      bool boolean = e.left()->dtype() == DType::Boolean;
      bool scalar = a->kind == SqlExpr::Kind::Literal && !a->value.is_na();  // `3 // s`: pandas' reflected op
      if (!(boolean || scalar) || e.dtype() != DType::Int64 || nonzero_literal(b)) return result;
      // pandas divides a boolean, or a number by a Series (`3 // s`), by an integer 0 as floats
      // (inf, <NA>), and then the whole result is Float64 (even where a value is missing): a dtype
      // that depends on the values, which a lazy plan cannot follow. (Series // Series gives 0.)
      auto zero = sql_infix("=", b, int_literal(0));
      std::string what = boolean ? " of a boolean by an integer 0" : " of a number by a Series holding an integer 0";
      std::string fix = boolean ? "convert the boolean first, e.g. with astype('Float64') or astype('Int64')"
                                : "convert the Series first, e.g. with astype('Float64')";
      return sql_case({{zero, sql_raise(ErrorKind::NotImplemented,
                                        {sql_literal(std::string(floor_division ? "//" : "%") + what +
                                                         ": pandas makes the whole result Float64 (inf or <NA> there), "
                                                         "which depends on the values; " + fix,
                                                     DType::String)},
                                        DType::Int64)}},
                      result);
    }
    case BinaryOp::Pow: {
      // pandas: x ** 0 and 1 ** x are 1 even when x is missing.
      auto p = sql_function("pow", {a, b});
      auto one = sql_literal(e.dtype() == DType::Float64 ? Value(1.0) : Value(int64_t{1}), e.dtype());
      auto trivial = sql_infix("OR", sql_infix("=", b, sql_literal(int64_t{0}, DType::Int64)),
                               sql_infix("=", a, sql_literal(int64_t{1}, DType::Int64)));
      if (e.dtype() == DType::Float64) return sql_case({{trivial, one}}, p);
      // NumPy (so pandas) refuses an integer to a negative integer power; the engine would round.
      auto negative = sql_infix("<", b, int_literal(0));
      auto refused = sql_raise(ErrorKind::InvalidArgument,
                               {sql_literal(std::string("Integers to negative integer powers are not allowed; "
                                                        "convert the base to Float64 first (astype('Float64'))"),
                                            DType::String)},
                               e.dtype());
      return sql_case({{negative, refused}, {trivial, one}}, sql_cast(p, e.dtype()));
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

SqlExprPtr lower_cast(const plan::CastExpr& e, Names& names) {
  auto x = lower(e.operand(), names);
  DType from = e.operand()->dtype(), to = e.dtype();
  if (from == to) return x;
  auto text = [](std::string s) { return sql_literal(std::move(s), DType::String); };
  std::string of_column = e.label().empty() ? "" : " of column '" + e.label() + "'";
  std::string to_name(dtype_name(to));
  if (from == DType::Float64 && to == DType::Int64) {
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
  if (from == DType::String && to != DType::String) {
    // Text that is no value of `to` fails, naming the value and the column as pandas does;
    // pandas raises TypeError for booleans ("Need to pass bool-like values"), ValueError else.
    return sql_case({{sql_infix("AND", sql_postfix(x, "IS NOT NULL"), sql_postfix(sql_try_cast(x, to), "IS NULL")),
                      sql_raise(to == DType::Boolean ? ErrorKind::DType : ErrorKind::InvalidArgument,
                                {text("astype: cannot convert the value '"), x, text("'" + of_column + " to " + to_name)}, to)}},
                    sql_cast(x, to));
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

SqlExprPtr lower(const plan::ExprPtr& expr, Names& names) {
  switch (expr->kind()) {
    case ExprKind::Column: return sql_column(names.of(static_cast<const plan::ColumnExpr&>(*expr).id()));
    case ExprKind::Literal: return sql_literal(static_cast<const plan::LiteralExpr&>(*expr).value(), expr->dtype());
    case ExprKind::Unary: {
      const auto& u = static_cast<const plan::UnaryExpr&>(*expr);
      auto x = lower(u.operand(), names);
      switch (u.op()) {
        case UnaryOp::Negate: return sql_prefix(u.dtype() == DType::Boolean ? "NOT" : "-", x);
        case UnaryOp::Not: return sql_prefix(u.dtype() == DType::Int64 ? "~" : "NOT", x);
        case UnaryOp::Abs: return u.dtype() == DType::Boolean ? x : sql_function("abs", {x});
        case UnaryOp::IsNull: return sql_postfix(x, "IS NULL");
        case UnaryOp::NotNull: return sql_postfix(x, "IS NOT NULL");
      }
      break;
    }
    case ExprKind::Binary: return lower_binary(static_cast<const plan::BinaryExpr&>(*expr), names);
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
  }
  throw InternalError("internal error: unknown expression kind");
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
  bool negated = e->kind() == ExprKind::Unary && static_cast<const plan::UnaryExpr&>(*e).op() == UnaryOp::Not;
  const plan::ExprPtr& inner = negated ? static_cast<const plan::UnaryExpr&>(*e).operand() : e;
  if (inner->kind() != ExprKind::Member) return lower(e, names);
  const auto& m = static_cast<const plan::MemberExpr&>(*inner);
  if (!m.match_values() || m.na_matches()) return lower(e, names);
  auto [x, relation, v] = member_sql(m, names);
  if (!negated) return sql_in_relation(x, relation, v, nullptr);
  return sql_not_in_relation(x, relation, names.of(m.column()));
}

/// pandas' default strings read as missing.
const std::vector<std::string>& pandas_na_values() {
  static const std::vector<std::string> values{"",     "#N/A", "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "-NaN",
                                               "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",     "NA",       "NULL",
                                               "NaN",  "None", "n/a",      "nan",  "null"};
  return values;
}

/// pandas' keep_default_na: the strings given are read as missing besides the defaults.
std::vector<std::string> na_values(const plan::CsvOptions& options) {
  std::vector<std::string> out = pandas_na_values();
  for (const auto& v : options.na_values) {
    if (std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

SqlExprPtr string_list(const std::vector<std::string>& items) {
  std::vector<SqlExprPtr> out;
  for (const auto& s : items) out.push_back(sql_literal(s, DType::String));
  return sql_list(std::move(out));
}

FromItem csv_from(const std::string& path, const plan::CsvOptions& options) {
  FromItem from;
  from.kind = FromItem::Kind::TableFunction;
  from.name = "read_csv";
  from.args = {sql_literal(path, DType::String)};
  from.named_args = {
      {"header", sql_literal(options.header, DType::Boolean)},
      {"delim", sql_literal(std::string(1, options.delimiter), DType::String)},
      {"quote", sql_literal(std::string("\""), DType::String)},
      {"escape", sql_literal(std::string("\""), DType::String)},
      {"nullstr", string_list(na_values(options))},
      // pandas infers only booleans, integers, floats and text from a CSV; dates stay text.
      {"auto_type_candidates", string_list({"BOOLEAN", "BIGINT", "DOUBLE", "VARCHAR"})},
      {"null_padding", sql_literal(true, DType::Boolean)},  // short rows get <NA>, as in pandas
      {"strict_mode", sql_literal(true, DType::Boolean)},
      {"parallel", sql_literal(false, DType::Boolean)},  // rows in file order
  };
  return from;
}

/// Row positions are read with the engine's file_row_number (and filename) columns, which a
/// column of the files with that name hides: NotImplementedError naming it (the engine would
/// refuse the read with its own words).
void refuse_hidden_positions(const plan::ReadParquetNode& n, bool filenames) {
  for (const auto& c : n.columns()) {
    if (c.source_name == "file_row_number" || (filenames && c.source_name == "filename")) {
      throw NotImplementedError("a Parquet column named '" + c.source_name + "' is not supported in strict ordering mode: "
                                "the row order is read through the engine's own '" + c.source_name +
                                "' column, which the file's hides; read it with ordering_mode=\"partial\" "
                                "(or DefaultIndexKind.NULL), or rename the column");
    }
  }
}

/// `positions`: the rows' numbers in their files are read; `filenames`: so are the files' names
/// (a position over several files needs its file's offset).
FromItem parquet_from(SqlExprPtr paths, bool positions, bool filenames = false) {
  FromItem from;
  from.kind = FromItem::Kind::TableFunction;
  from.name = "read_parquet";
  from.args = {std::move(paths)};
  if (positions && filenames) from.named_args.push_back({"filename", sql_literal(true, DType::Boolean)});
  if (positions) from.named_args.push_back({"file_row_number", sql_literal(true, DType::Boolean)});
  // Columns and values come from the files only: a folder named like "year=2024" above a
  // file (a managed table's partition folders, or any folder of a user's path) adds no column
  // and retypes no value, as pandas reads a file.
  from.named_args.push_back({"hive_partitioning", sql_literal(false, DType::Boolean)});
  return from;
}

FromItem parquet_from(const std::string& path, bool positions, bool filenames = false) {
  return parquet_from(sql_literal(path, DType::String), positions, filenames);
}

/// Whether parquet_position reads the file's name: only to tell several files' rows apart.
bool position_reads_filename(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read) {
  return n.files().size() > 1 && read.size() > 1;
}

/// The files of `n` a query reads: those `files` chose, else all.
std::vector<const plan::ParquetFile*> files_read(const plan::ReadParquetNode& n, const ScanFiles& files) {
  std::vector<const plan::ParquetFile*> out;
  auto it = files.find(&n);
  if (it == files.end()) {
    for (const auto& f : n.files()) out.push_back(&f);
  } else {
    for (size_t i : it->second) out.push_back(&n.files().at(i));
  }
  // Reading no file at all is not a query DuckDB accepts: read the first one, whose row
  // groups the filters above then skip.
  if (out.empty() && !n.files().empty()) out.push_back(&n.files().front());
  return out;
}

/// A Parquet row's position: the rows of the files before its own, plus its row number.
SqlExprPtr parquet_position(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read) {
  auto row = sql_column("file_row_number");
  if (n.files().size() <= 1) return row;
  if (!position_reads_filename(n, read)) return sql_infix("+", sql_literal(read[0]->first_row, DType::Int64), row);
  std::vector<std::pair<SqlExprPtr, SqlExprPtr>> offsets;
  for (const auto* f : read) {
    offsets.push_back({sql_infix("=", sql_column("filename"), sql_literal(f->path, DType::String)),
                       sql_literal(f->first_row, DType::Int64)});
  }
  return sql_infix("+", sql_case(std::move(offsets), nullptr), row);
}

FromItem relation_from(std::string name) {
  FromItem from;
  from.name = std::move(name);
  return from;
}

FromItem subquery_from(std::string sql) {
  FromItem from;
  from.kind = FromItem::Kind::Subquery;
  from.name = std::move(sql);
  return from;
}

using IdSet = std::set<std::string>;

/// The ids of `node`'s schema that are in `wanted`, in schema order (so output is stable).
std::vector<std::string> in_schema_order(const plan::Node& node, const IdSet& wanted) {
  std::vector<std::string> out;
  for (const auto& f : node.schema()) {
    if (wanted.count(f.name)) out.push_back(f.name);
  }
  return out;
}

void add_refs(const plan::ExprPtr& e, IdSet& out) {
  std::vector<std::string> refs;
  plan::referenced_columns(e, refs);
  out.insert(refs.begin(), refs.end());
}

void add_keys(const plan::Ordering& o, IdSet& out) {
  for (const auto& k : o.keys) out.insert(k.column);
}

std::vector<SqlOrderKey> order_keys(const plan::Ordering& o, Names& names) {
  std::vector<SqlOrderKey> keys;
  for (const auto& k : o.keys) keys.push_back({sql_column(names.of(k.column)), k.ascending, k.nulls_last});
  return keys;
}

/// The columns each node must produce for the nodes above it (column pruning).
std::unordered_map<const plan::Node*, IdSet> required_columns(const std::vector<const plan::Node*>& post_order,
                                                               const IdSet& root_needs) {
  std::unordered_map<const plan::Node*, IdSet> req;
  req[post_order.back()] = root_needs;
  for (auto it = post_order.rbegin(); it != post_order.rend(); ++it) {
    const plan::Node& n = **it;
    const IdSet& r = req[&n];
    auto input = [&](size_t i) -> IdSet& { return req[n.inputs()[i].get()]; };
    switch (n.kind()) {
      case plan::NodeKind::TableScan:
      case plan::NodeKind::ReadParquet:
      case plan::NodeKind::SqlQuery:
      case plan::NodeKind::Values: break;
      case plan::NodeKind::Project: {
        const auto& p = static_cast<const plan::ProjectNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          bool computed = false;
          for (const auto& e : p.exprs()) {
            if (e.id == id) {
              add_refs(e.expr, in);
              computed = true;
            }
          }
          if (!computed) in.insert(id);
        }
        break;
      }
      case plan::NodeKind::Select: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        break;
      }
      case plan::NodeKind::Filter: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        add_refs(static_cast<const plan::FilterNode&>(n).predicate(), in);
        break;
      }
      case plan::NodeKind::Limit: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        if (!n.inputs()[0]->ordering().physical) add_keys(n.inputs()[0]->ordering(), in);
        break;
      }
      case plan::NodeKind::OrderBy: {
        // Only a declaration: whatever observes the order (a limit, a window, first/last, the
        // final ORDER BY) asks for the keys itself, so an order nobody observes costs nothing.
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        break;
      }
      case plan::NodeKind::RowNumber: {
        const auto& w = static_cast<const plan::RowNumberNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          if (id != w.id()) in.insert(id);
        }
        if (r.count(w.id())) {
          add_keys(n.inputs()[0]->ordering(), in);
          in.insert(w.partition().begin(), w.partition().end());
        }
        break;
      }
      case plan::NodeKind::Window: {
        const auto& w = static_cast<const plan::WindowNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          auto call = std::find_if(w.calls().begin(), w.calls().end(), [&](const auto& c) { return c.id == id; });
          if (call == w.calls().end()) {
            in.insert(id);
            continue;
          }
          if (call->arg) add_refs(call->arg, in);
          in.insert(call->partition.begin(), call->partition.end());
          add_keys(n.inputs()[0]->ordering(), in);
        }
        break;
      }
      case plan::NodeKind::Join: {
        const auto& j = static_cast<const plan::JoinNode&>(n);
        IdSet& left = input(0);
        IdSet& right = input(1);
        for (const auto& id : r) (n.inputs()[0]->has_column(id) ? left : right).insert(id);
        for (const auto& [l, rr] : j.keys()) {
          left.insert(l);
          right.insert(rr);
        }
        break;
      }
      case plan::NodeKind::Union: {
        // Every branch must produce every column the union produces, in one order.
        const auto& u = static_cast<const plan::UnionNode&>(n);
        for (size_t i = 0; i < u.branches().size(); ++i) {
          for (size_t j = 0; j < n.schema().size(); ++j) {
            if (r.count(n.schema()[j].name)) add_refs(u.branches()[i][j], input(i));
          }
        }
        break;
      }
      case plan::NodeKind::Aggregate: {
        const auto& agg = static_cast<const plan::AggregateNode&>(n);
        IdSet& in = input(0);
        in.insert(agg.group_keys().begin(), agg.group_keys().end());
        for (const auto& a : agg.aggs()) {
          if (a.arg) add_refs(a.arg, in);
          if (a.arg2) add_refs(a.arg2, in);
          if (plan::follows_order(a.func)) add_keys(n.inputs()[0]->ordering(), in);
        }
        break;
      }
    }
    // The relations of isin() tests give the column tested.
    for (size_t i = 0; i < n.members().size(); ++i) input(n.own_inputs() + i).insert(n.members()[i]);
  }
  return req;
}

/// One SELECT joining a tree's leaves (each under an alias j0, j1, ...), producing `ids`. Each
/// key equality is written in the ON of the later of its two leaves.
Select join_tree_select(const JoinTree& tree, const std::vector<std::string>& ids, Names& names) {
  Select s;
  auto alias = [](size_t leaf) { return "j" + std::to_string(leaf); };
  auto column = [&](const LeafColumn& c) { return sql_column(alias(c.leaf), names.of(c.id)); };
  std::vector<SqlExprPtr> on(tree.leaves.size());
  for (const auto& k : tree.keys) {
    auto eq = sql_infix(k.plain ? "=" : "IS NOT DISTINCT FROM", column(k.left), column(k.right));
    auto& at = on[std::max(k.left.leaf, k.right.leaf)];
    at = at ? sql_infix("AND", at, eq) : eq;
  }
  for (size_t i = 0; i < tree.leaves.size(); ++i) {
    FromItem from = relation_from(names.ctes.at(tree.leaves[i]));
    from.alias = alias(i);
    if (i == 0) {
      s.from = std::move(from);
    } else {
      s.joins.push_back({"INNER", std::move(from), on[i] ? on[i] : sql_literal(true, DType::Boolean)});
    }
  }
  for (const auto& id : ids) s.items.push_back({column(tree.columns.at(id)), names.of(id)});
  if (s.items.empty()) s.items.push_back({sql_literal(true, DType::Boolean), "_"});
  return s;
}

/// The SELECT of one node, producing `wanted` (in schema order) from its inputs' CTEs.
Select compile_node(const plan::Node& node, const IdSet& wanted, const std::vector<std::string>& inputs, Names& names,
                    const ScanFiles& files, const plan::NonNullColumns& non_null) {
  Select s;
  std::vector<std::string> ids = in_schema_order(node, wanted);
  auto pass = [&](const std::string& id) { s.items.push_back({sql_column(names.of(id)), names.of(id)}); };
  auto source_columns = [&](const std::vector<plan::SourceColumn>& columns, const std::string& id) {
    for (const auto& c : columns) {
      if (c.id != id) continue;
      auto col = sql_column(c.source_name);
      s.items.push_back({c.needs_cast ? sql_cast(col, c.dtype) : col, names.of(id)});
      return true;
    }
    return false;
  };
  switch (node.kind()) {
    case plan::NodeKind::TableScan: {
      const auto& n = static_cast<const plan::TableScanNode&>(node);
      for (const auto& id : ids) {
        if (!source_columns(n.columns(), id)) s.items.push_back({sql_column("rowid"), names.of(id)});
      }
      s.from = relation_from(n.table_name());
      break;
    }
    case plan::NodeKind::ReadParquet: {
      const auto& n = static_cast<const plan::ReadParquetNode&>(node);
      bool positions = false;
      auto read = files_read(n, files);
      for (const auto& id : ids) {
        if (source_columns(n.columns(), id)) continue;
        positions = true;
        s.items.push_back({parquet_position(n, read), names.of(id)});
      }
      bool filenames = position_reads_filename(n, read);
      if (positions) refuse_hidden_positions(n, filenames);
      if (!n.path().empty() && read.size() == n.files().size()) {
        s.from = parquet_from(n.path(), positions, filenames);
      } else {
        std::vector<std::string> paths;
        for (const auto* f : read) paths.push_back(f->path);
        s.from = parquet_from(string_list(paths), positions, filenames);
      }
      break;
    }
    case plan::NodeKind::SqlQuery: {
      const auto& n = static_cast<const plan::SqlQueryNode&>(node);
      for (const auto& id : ids) source_columns(n.columns(), id);
      s.from = subquery_from(n.sql());
      break;
    }
    case plan::NodeKind::Values: {
      const auto& n = static_cast<const plan::ValuesNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from.kind = FromItem::Kind::Values;
      for (const auto& f : node.schema()) s.from.column_names.push_back(names.of(f.name));
      for (const auto& row : n.rows()) {
        std::vector<SqlExprPtr> cells;
        for (size_t c = 0; c < row.size(); ++c) cells.push_back(sql_literal(row[c], node.schema()[c].dtype));
        s.from.rows.push_back(std::move(cells));
      }
      break;
    }
    case plan::NodeKind::Project: {
      const auto& n = static_cast<const plan::ProjectNode&>(node);
      for (const auto& id : ids) {
        const plan::NamedExpr* computed = nullptr;
        for (const auto& e : n.exprs()) {
          if (e.id == id) computed = &e;
        }
        if (computed) {
          s.items.push_back({lower(computed->expr, names), names.of(id)});
        } else {
          pass(id);
        }
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Select:
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      break;
    case plan::NodeKind::Filter:
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      s.where = lower_predicate(static_cast<const plan::FilterNode&>(node).predicate(), names);
      break;
    case plan::NodeKind::Limit: {
      const auto& n = static_cast<const plan::LimitNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      if (!node.inputs()[0]->ordering().physical) s.order_by = order_keys(node.inputs()[0]->ordering(), names);
      s.limit = n.limit();
      s.offset = n.offset();
      break;
    }
    case plan::NodeKind::OrderBy:
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      break;
    case plan::NodeKind::RowNumber: {
      const auto& n = static_cast<const plan::RowNumberNode&>(node);
      for (const auto& id : ids) {
        if (id != n.id()) {
          pass(id);
          continue;
        }
        std::vector<SqlExprPtr> partition;
        for (const auto& p : n.partition()) partition.push_back(sql_column(names.of(p)));
        auto number = sql_window("row_number", {}, std::move(partition), order_keys(node.inputs()[0]->ordering(), names));
        s.items.push_back({sql_infix("-", number, sql_literal(int64_t{1}, DType::Int64)), names.of(id)});
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Window: {
      const auto& n = static_cast<const plan::WindowNode&>(node);
      for (const auto& id : ids) {
        auto call = std::find_if(n.calls().begin(), n.calls().end(), [&](const auto& c) { return c.id == id; });
        if (call == n.calls().end()) {
          pass(id);
          continue;
        }
        std::vector<SqlExprPtr> partition;
        for (const auto& p : call->partition) partition.push_back(sql_column(names.of(p)));
        s.items.push_back({window_sql(*call, call->arg ? lower(call->arg, names) : nullptr, partition,
                                      order_keys(node.inputs()[0]->ordering(), names)),
                           names.of(id)});
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Join: {
      const auto& n = static_cast<const plan::JoinNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      static const char* types[] = {"INNER", "LEFT", "RIGHT", "FULL OUTER"};
      SqlExprPtr on;
      for (const auto& [l, r] : n.keys()) {
        // Missing keys match each other (pandas); `=` says the same when one side never is.
        bool plain = non_null.never_null(*node.inputs()[0], l) || non_null.never_null(*node.inputs()[1], r);
        auto eq = sql_infix(plain ? "=" : "IS NOT DISTINCT FROM", sql_column(names.of(l)), sql_column(names.of(r)));
        on = on ? sql_infix("AND", on, eq) : eq;
      }
      s.joins.push_back({types[static_cast<int>(n.type())], relation_from(inputs[1]),
                         on ? on : sql_literal(true, DType::Boolean)});
      break;
    }
    case plan::NodeKind::Union: {
      const auto& n = static_cast<const plan::UnionNode&>(node);
      for (size_t i = 0; i < n.branches().size(); ++i) {
        Select branch;
        for (size_t j = 0; j < node.schema().size(); ++j) {
          const auto& id = node.schema()[j].name;
          if (wanted.count(id)) branch.items.push_back({lower(n.branches()[i][j], names), names.of(id)});
        }
        if (branch.items.empty()) branch.items.push_back({sql_literal(true, DType::Boolean), "_"});
        branch.from = relation_from(inputs[i]);
        if (i == 0) {
          s = std::move(branch);
        } else {
          s.union_all.push_back(std::make_shared<const Select>(std::move(branch)));
        }
      }
      return s;
    }
    case plan::NodeKind::Aggregate: {
      const auto& n = static_cast<const plan::AggregateNode&>(node);
      for (const auto& id : ids) {
        for (const auto& a : n.aggs()) {
          if (a.id != id) continue;
          const bool ordered = plan::follows_order(a.func);
          s.items.push_back({aggregate_sql(a, a.arg ? lower(a.arg, names) : nullptr, a.arg2 ? lower(a.arg2, names) : nullptr,
                                           ordered ? order_keys(node.inputs()[0]->ordering(), names) : std::vector<SqlOrderKey>{}),
                             names.of(id)});
        }
        for (const auto& k : n.group_keys()) {
          if (k == id) s.items.push_back({sql_column(names.of(id)), names.of(id)});
        }
      }
      for (const auto& k : n.group_keys()) s.group_by.push_back(sql_column(names.of(k)));
      s.from = relation_from(inputs[0]);
      break;
    }
  }
  if (s.items.empty()) s.items.push_back({sql_literal(true, DType::Boolean), "_"});  // nothing read above
  return s;
}

Query compile_with(const plan::NodePtr& root, const IdSet& root_needs, Names& names, const ScanFiles& files) {
  auto order = plan::post_order(root);
  auto req = required_columns(order, root_needs);
  const plan::NonNullColumns non_null(order);
  // Trees of inner joins become one join of their leaves, when every column read of the
  // root is a leaf's; the nodes inside such a tree then need no CTE of their own.
  std::unordered_map<const plan::Node*, size_t> readers;
  for (const plan::Node* node : order) {
    for (const auto& in : node->inputs()) ++readers[in.get()];
  }
  auto shared = [&](const plan::Node& n) {
    auto it = readers.find(&n);
    return it != readers.end() && it->second > 1;
  };
  std::unordered_map<const plan::Node*, JoinTree> trees;
  for (const plan::Node* node : order) {
    if (node->kind() != plan::NodeKind::Join) continue;
    auto tree = join_tree(static_cast<const plan::JoinNode&>(*node), non_null, shared,
                          [&](const plan::Node& n, const std::string& id) {
                            auto it = req.find(&n);
                            return it != req.end() && it->second.count(id) > 0;
                          });
    const IdSet& wanted = req[node];
    if (tree && std::all_of(wanted.begin(), wanted.end(), [&](const auto& id) { return tree->columns.count(id); })) {
      trees.emplace(node, std::move(*tree));
    }
  }
  std::unordered_set<const plan::Node*> needed{root.get()};
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (!needed.count(*it)) continue;
    auto tree = trees.find(*it);
    if (tree != trees.end()) {
      needed.insert(tree->second.leaves.begin(), tree->second.leaves.end());
    } else {
      for (const auto& in : (*it)->inputs()) needed.insert(in.get());
    }
  }
  // Nodes a join reads, directly or through other nodes: a LIMIT among them is kept (Query::kept).
  std::unordered_set<const plan::Node*> under_join;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    bool below = (*it)->kind() == plan::NodeKind::Join || under_join.count(*it);
    if (below) {
      for (const auto& in : (*it)->inputs()) under_join.insert(in.get());
    }
  }
  std::unordered_map<const plan::Node*, std::string> cte;
  Query q;
  for (const plan::Node* node : order) {
    if (!needed.count(node)) continue;
    std::string name = "t" + std::to_string(q.ctes.size());
    auto tree = trees.find(node);
    if (tree != trees.end()) {
      q.ctes.emplace_back(name, join_tree_select(tree->second, in_schema_order(*node, req[node]), names));
      cte.emplace(node, name);
      names.ctes.emplace(node, name);
      continue;
    }
    std::vector<std::string> inputs;
    for (const auto& in : node->inputs()) inputs.push_back(cte.at(in.get()));
    q.ctes.emplace_back(name, compile_node(*node, req[node], inputs, names, files, non_null));
    // A scan read twice is read twice, as hand-written SQL does: kept, it holds the whole
    // table's columns in memory (TPC-H Q21's lineitem, about 150 MB at scale 1).
    if (shared(*node) && (node->kind() == plan::NodeKind::ReadParquet || node->kind() == plan::NodeKind::TableScan)) {
      q.recomputed.insert(name);
    }
    if (node->kind() == plan::NodeKind::Limit && under_join.count(node)) q.kept.insert(name);
    cte.emplace(node, name);
    names.ctes.emplace(node, name);
  }
  return q;
}

}  // namespace

Query compile_plan(const plan::NodePtr& root, const Output& output, const ScanFiles& files) {
  CORMORANT_CHECK(output.ids.size() == output.aliases.size(), "output ids and aliases differ in number");
  bool sort = !root->ordering().physical && !root->ordering().empty();
  IdSet needs(output.ids.begin(), output.ids.end());
  if (sort) add_keys(root->ordering(), needs);
  Names names;
  Query q = compile_with(root, needs, names, files);
  q.body.from = relation_from(q.ctes.back().first);
  for (size_t i = 0; i < output.ids.size(); ++i) {
    q.body.items.push_back({sql_column(names.of(output.ids[i])), output.aliases[i]});
  }
  if (q.body.items.empty()) q.body.items.push_back({sql_literal(true, DType::Boolean), "_"});
  if (sort) {
    q.body.order_by = order_keys(root->ordering(), names);
    // ORDER BY reads an output alias before a column of the FROM relation: a key named like
    // an alias (e.g. a user's column "c2") is qualified with the relation.
    std::set<std::string> aliases(output.aliases.begin(), output.aliases.end());
    for (auto& k : q.body.order_by) {
      if (aliases.count(k.expr->name)) k.expr = sql_column(q.ctes.back().first, k.expr->name);
    }
  }
  detail::fold_ctes(q);
  return q;
}

bool order_sensitive(const plan::NodePtr& plan) {
  for (const plan::Node* node : plan::post_order(plan)) {
    if (node->kind() != plan::NodeKind::Aggregate) continue;
    for (const auto& a : static_cast<const plan::AggregateNode&>(*node).aggs()) {
      if (order_sensitive(a)) return true;
    }
  }
  return false;
}

std::string plan_to_sql(const plan::NodePtr& plan, const Output& output, const ScanFiles& files) {
  return to_sql(compile_plan(plan, output, files), duckdb_dialect());
}

std::unordered_map<const plan::Node*, ScanRead> scan_reads(const plan::NodePtr& plan, const Output& output) {
  IdSet needs(output.ids.begin(), output.ids.end());
  if (!plan->ordering().physical) add_keys(plan->ordering(), needs);
  auto order = plan::post_order(plan);
  auto req = required_columns(order, needs);
  std::unordered_map<const plan::Node*, ScanRead> out;
  for (const plan::Node* node : order) {
    if (node->kind() != plan::NodeKind::ReadParquet) continue;
    const auto& n = static_cast<const plan::ReadParquetNode&>(*node);
    ScanRead& r = out[node];
    for (const auto& c : n.columns()) {
      if (req[node].count(c.id)) r.columns.push_back(c.source_name);
    }
    r.positions = req[node].count(n.position_column()) > 0;
  }
  return out;
}

std::string count_sql(const plan::NodePtr& plan, const ScanFiles& files) {
  Names names;
  Query q = compile_with(plan, {}, names, files);
  q.body.from = relation_from(q.ctes.back().first);
  q.body.items.push_back({sql_function("count", {sql_star()}), "n"});
  detail::fold_ctes(q);
  return to_sql(q, duckdb_dialect());
}

namespace {

std::string probe(FromItem from) {
  Query q;
  q.body.items.push_back({sql_star(), "*"});
  q.body.from = std::move(from);
  return to_sql(q, duckdb_dialect());
}

}  // namespace

std::string csv_probe_sql(const std::string& path, const plan::CsvOptions& options) {
  return probe(csv_from(path, options));
}

std::string csv_load_sql(const std::string& table_name, const std::string& path, const plan::CsvOptions& options) {
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, duckdb_dialect()) + " AS " +
         csv_probe_sql(path, options);
}

std::string parquet_probe_sql(const std::string& path) { return probe(parquet_from(path, false)); }
namespace {

std::string parquet_files_sql(SqlExprPtr paths) {
  Query q;
  q.body.items = {{sql_column("file_name"), "file_name"}, {sql_cast(sql_column("num_rows"), DType::Int64), "rows"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_file_metadata";
  q.body.from.args = {std::move(paths)};
  q.body.order_by = {{sql_column("file_name"), true, true}};
  return to_sql(q, duckdb_dialect());
}

}  // namespace

std::string parquet_files_sql(const std::string& path) { return parquet_files_sql(sql_literal(path, DType::String)); }

std::string parquet_files_sql(const std::vector<std::string>& paths) { return parquet_files_sql(string_list(paths)); }

std::string parquet_pandas_metadata_sql(const std::string& path) {
  Query q;
  q.body.items = {{sql_function("decode", {sql_column("value")}), "metadata"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_kv_metadata";
  q.body.from.args = {sql_literal(path, DType::String)};
  q.body.where = sql_infix("=", sql_function("decode", {sql_column("key")}), sql_literal(std::string("pandas"), DType::String));
  return to_sql(q, duckdb_dialect());
}

std::string parquet_stats_sql(const std::vector<std::string>& paths) {
  Query q;
  q.body.items = {{sql_column("file_name"), "file_name"},
                  {sql_cast(sql_column("row_group_id"), DType::Int64), "row_group"},
                  {sql_cast(sql_column("row_group_num_rows"), DType::Int64), "rows"},
                  {sql_column("path_in_schema"), "column_name"},
                  {sql_cast(sql_function("coalesce", {sql_column("dictionary_page_offset"), sql_column("data_page_offset")}),
                            DType::Int64), "offset"},
                  {sql_cast(sql_column("total_compressed_size"), DType::Int64), "size"},
                  {sql_column("stats_min_value"), "min"},
                  {sql_column("stats_max_value"), "max"},
                  {sql_cast(sql_column("stats_null_count"), DType::Int64), "null_count"}};
  q.body.from.kind = FromItem::Kind::TableFunction;
  q.body.from.name = "parquet_metadata";
  q.body.from.args = {string_list(paths)};
  q.body.order_by = {{sql_column("file_name"), true, true}, {sql_column("row_group_id"), true, true},
                     {sql_column("column_id"), true, true}};
  return to_sql(q, duckdb_dialect());
}

std::string table_probe_sql(const std::string& table_name) { return probe(relation_from(table_name)); }
std::string query_probe_sql(const std::string& sql) { return probe(subquery_from(sql)); }

std::string create_table_sql(const std::string& table_name, const Schema& schema) {
  const Dialect& d = duckdb_dialect();
  std::string out = "CREATE TEMPORARY TABLE " + quote_identifier(table_name, d) + " (";
  for (size_t i = 0; i < schema.size(); ++i) {
    out += (i ? ", " : "") + quote_identifier(schema[i].name, d) + " " + d.type_name(schema[i].dtype);
  }
  return out + ")";
}

std::string insert_null_rows_sql(const std::string& table_name, int64_t rows) {
  return "INSERT INTO " + quote_identifier(table_name, duckdb_dialect()) + " SELECT NULL FROM range(" +
         std::to_string(rows) + ")";
}

std::string create_table_as_sql(const std::string& table_name, const plan::NodePtr& plan, const Output& output,
                                const ScanFiles& files) {
  return "CREATE TEMPORARY TABLE " + quote_identifier(table_name, duckdb_dialect()) + " AS " +
         plan_to_sql(plan, output, files);
}

std::string drop_table_sql(const std::string& table_name) {
  return "DROP TABLE IF EXISTS " + quote_identifier(table_name, duckdb_dialect());
}

std::string set_setting_sql(const std::string& setting, const std::string& value) {
  return "SET " + quote_identifier(setting, duckdb_dialect()) + " = " +
         to_sql(sql_literal(value, DType::String), duckdb_dialect());
}

}  // namespace cormorant::compile
