// Float64 columns of DECIMAL sources summed and compared in DECIMAL (issue 12, TPC-H Q1 and
// Q6). cormorant reads a Parquet DECIMAL(p, s) as Float64, so it used to cast every value to
// DOUBLE at the scan and sum the doubles exactly (cormorant_sum_exact); hand-written SQL
// multiplies and sums the decimals themselves, about twice as fast. Where it is safe the
// compiler now does too:
//  - a sum or mean of a chain of +, -, * over such columns and exact literals is summed in
//    DECIMAL and cast to DOUBLE once: the correctly rounded exact sum, the same bits on any
//    number of threads (as cormorant_sum_exact's; the two differ only where pandas' own float
//    products round);
//  - a comparison of such a column with a literal that is a value of the column's type
//    compares the decimals (a scan filter the engine pushes into the Parquet reader);
//  - everywhere else the column is cast to DOUBLE where it is read, so it keeps pandas' value.
// Safe means no overflow: every value of a chain stays below 10**18 units of its scale (the
// engine's 64-bit decimals, into which it multiplies two of them), decided from the columns'
// DECIMAL precisions or, tighter, their Parquet min/max statistics; DECIMAL(38) then holds
// the sum of any number of rows the engine can count.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/window.hpp"
#include "lowering.hpp"

namespace cormorant::compile {

namespace {

using plan::BinaryOp;
using plan::ExprKind;
using plan::NodeKind;
using Decimals = std::unordered_map<std::string, DecimalColumn>;

constexpr double kMaxUnits = 1e18;  // (below 2**63: the engine's 64-bit decimals)
constexpr int kMaxScale = 18;
/// The widest source whose DOUBLE values tell every two of its decimals apart (15 digits):
/// there a comparison of the doubles decides as one of the decimals.
constexpr int kComparablePrecision = 15;

/// A number written as a decimal: `units` / 10**`scale`.
struct ExactDecimal {
  int64_t units = 0;
  int scale = 0;
  double magnitude() const { return std::fabs(static_cast<double>(units)) / std::pow(10.0, scale); }
  /// The digits of |units| (at least 1).
  int digits() const {
    int n = 1;
    for (uint64_t u = units < 0 ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units); u >= 10; u /= 10) ++n;
    return n;
  }
  std::string text() const {
    std::string d = std::to_string(units < 0 ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units));
    if (scale > 0) {
      if (static_cast<int>(d.size()) <= scale) d.insert(0, static_cast<size_t>(scale) + 1 - d.size(), '0');
      d.insert(d.size() - static_cast<size_t>(scale), ".");
    }
    return (units < 0 ? "-" : "") + d;
  }
};

/// The shortest decimal that reads back as literal `v` (an Int64, or a finite Float64 of at
/// most 17 significant digits); `exact`: only when it is the double's own value (0.5 and
/// 2.0, not 0.1), as chains need.
std::optional<ExactDecimal> literal_decimal(const Value& v, bool exact) {
  if (v.is_na()) return std::nullopt;
  if (v.holds<int64_t>()) {
    int64_t i = v.get<int64_t>();
    if (i >= static_cast<int64_t>(kMaxUnits) || i <= -static_cast<int64_t>(kMaxUnits)) return std::nullopt;
    return ExactDecimal{i, 0};
  }
  if (!v.holds<double>()) return std::nullopt;
  double f = v.get<double>();
  if (!std::isfinite(f)) return std::nullopt;
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  if (ec != std::errc()) return std::nullopt;
  std::string s(buf, end);  // -d.ddde-XX
  auto e = s.find('e');
  std::string digits;
  for (size_t i = 0; i < e; ++i) {
    if (s[i] >= '0' && s[i] <= '9') digits += s[i];
  }
  int exponent = std::stoi(s.substr(e + 1)) - static_cast<int>(digits.size() - 1);
  ExactDecimal d;
  if (exponent >= 0) {
    if (static_cast<int>(digits.size()) + exponent > kMaxScale) return std::nullopt;
    digits.append(static_cast<size_t>(exponent), '0');
  } else {
    d.scale = -exponent;
    if (d.scale > kMaxScale) return std::nullopt;
  }
  if (digits.size() > 18) return std::nullopt;
  d.units = std::stoll(digits) * (std::signbit(f) ? -1 : 1);
  if (exact) {
    // f is units / 10**scale exactly when f * 10**scale - units is 0 (10**scale and units are
    // exact doubles; the fused multiply-add rounds only the difference).
    if (d.scale > 22 || std::fabs(static_cast<double>(d.units)) >= 9007199254740992.0) return std::nullopt;
    if (std::fma(f, std::pow(10.0, d.scale), -static_cast<double>(d.units)) != 0.0) return std::nullopt;
  }
  return d;
}

/// The scale and bound of a chain, and whether it reads a column.
struct ChainForm {
  int scale = 0;
  double bound = 0;
  bool column = false;
};

/// `e` as a decimal chain over `known` columns; nullopt when it is none or could overflow.
std::optional<ChainForm> chain_form(const plan::Expr& e, const Decimals& known) {
  switch (e.kind()) {
    case ExprKind::Column: {
      auto it = known.find(static_cast<const plan::ColumnExpr&>(e).id());
      if (it == known.end()) return std::nullopt;
      return ChainForm{it->second.scale, it->second.bound, true};
    }
    case ExprKind::Literal: {
      auto d = literal_decimal(static_cast<const plan::LiteralExpr&>(e).value(), true);
      if (!d) return std::nullopt;
      return ChainForm{d->scale, d->magnitude(), false};
    }
    case ExprKind::Unary: {
      const auto& u = static_cast<const plan::UnaryExpr&>(e);
      if (u.op() != plan::UnaryOp::Negate || (e.dtype() != DType::Float64 && e.dtype() != DType::Int64)) return std::nullopt;
      return chain_form(*u.operand(), known);
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const plan::BinaryExpr&>(e);
      bool mul = b.op() == BinaryOp::Mul;
      if ((!mul && b.op() != BinaryOp::Add && b.op() != BinaryOp::Sub) ||
          (e.dtype() != DType::Float64 && e.dtype() != DType::Int64)) {
        return std::nullopt;
      }
      auto l = chain_form(*b.left(), known);
      auto r = l ? chain_form(*b.right(), known) : std::nullopt;
      if (!r) return std::nullopt;
      ChainForm f{mul ? l->scale + r->scale : std::max(l->scale, r->scale), mul ? l->bound * r->bound : l->bound + r->bound,
                  l->column || r->column};
      if (f.scale > kMaxScale || !(f.bound * std::pow(10.0, f.scale) < kMaxUnits)) return std::nullopt;
      return f;
    }
    default: return std::nullopt;
  }
}

/// A chain over columns: what a sum or a chain column can be computed from.
std::optional<ChainForm> column_chain(const plan::ExprPtr& e, const Decimals& known) {
  auto f = e ? chain_form(*e, known) : std::nullopt;
  return f && f->column ? f : std::nullopt;
}

/// `v` as a value of `column`'s DECIMAL type, when it is one and the column has at most 15
/// digits (so its doubles tell every two of its decimals apart, and a comparison of the
/// doubles decides as one of the decimals).
std::optional<ExactDecimal> value_of_type(const Value& v, const DecimalColumn& column) {
  if (column.precision == 0 || column.precision > kComparablePrecision) return std::nullopt;
  auto d = literal_decimal(v, false);
  if (!d || d->scale > column.scale || d->digits() - d->scale > column.precision - column.scale) return std::nullopt;
  return d;
}

/// The column `e` compares with literals, when `e` is `column op literal` (either side) or
/// `column.between(a, b)` and every literal is a value of the column's DECIMAL type.
std::optional<std::string> compared_column(const plan::Expr& e, const Decimals& known) {
  const plan::Expr* column = nullptr;
  std::vector<const Value*> values;
  if (e.kind() == ExprKind::Binary) {
    const auto& b = static_cast<const plan::BinaryExpr&>(e);
    if (b.op() < BinaryOp::Eq || b.op() > BinaryOp::Ge) return std::nullopt;
    bool left = b.left()->kind() == ExprKind::Column;
    column = left ? b.left().get() : b.right().get();
    const plan::Expr& l = left ? *b.right() : *b.left();
    if (l.kind() != ExprKind::Literal) return std::nullopt;
    values.push_back(&static_cast<const plan::LiteralExpr&>(l).value());
  } else if (e.kind() == ExprKind::Function) {
    const auto& f = static_cast<const plan::FunctionExpr&>(e);
    if (f.name() != "between" || f.args().size() != 1 || f.params().size() != 3) return std::nullopt;
    column = f.args()[0].get();
    values = {&f.params()[0], &f.params()[1]};
  }
  if (!column || column->kind() != ExprKind::Column) return std::nullopt;
  const auto& id = static_cast<const plan::ColumnExpr&>(*column).id();
  auto it = known.find(id);
  if (it == known.end()) return std::nullopt;
  for (const Value* v : values) {
    if (!value_of_type(*v, it->second)) return std::nullopt;
  }
  return id;
}

/// Whether `a` counts the values of a column held as DECIMAL (missing where its double is).
bool counted(const plan::Aggregation& a, const Decimals& held) {
  if (a.func != plan::AggFunc::Count || !a.arg || a.arg->kind() != ExprKind::Column) return false;
  auto it = held.find(static_cast<const plan::ColumnExpr&>(*a.arg).id());
  return it != held.end() && !it->second.integer;
}

/// Whether `a` is a sum or mean of a Float64 chain (an Int64 sum stays one).
bool summed_chain(const plan::Aggregation& a, const Decimals& held) {
  return (a.func == plan::AggFunc::Sum || a.func == plan::AggFunc::Mean) && a.arg && a.arg->dtype() == DType::Float64 &&
         column_chain(a.arg, held);
}

/// The largest magnitude of a Parquet column by its row groups' statistics (doubles, or
/// Int64 when `integer`); nullopt when a row group has none.
std::optional<double> statistics_bound(const plan::ReadParquetNode& n, const std::string& column, bool integer) {
  double bound = 0;
  for (const auto& f : n.files()) {
    if (f.row_groups.empty() && f.rows > 0) return std::nullopt;
    for (const auto& g : f.row_groups) {
      auto c = g.columns.find(column);
      if (c == g.columns.end() || !c->second.min || !c->second.max) return std::nullopt;
      for (const Value* v : {&*c->second.min, &*c->second.max}) {
        if (integer ? !v->holds<int64_t>() : !v->holds<double>()) return std::nullopt;
        bound = std::max(bound, std::fabs(integer ? static_cast<double>(v->get<int64_t>()) : v->get<double>()));
      }
    }
  }
  return bound * (1 + 1e-9);  // (the statistics' text read as doubles, rounded)
}

/// The source columns of `node` stored as DECIMAL, with their bounds, and its Int64 Parquet
/// columns whose statistics bound them.
void add_sources(const plan::Node& node, Decimals& out) {
  const std::vector<plan::SourceColumn>* columns = nullptr;
  const auto* parquet = node.kind() == NodeKind::ReadParquet ? static_cast<const plan::ReadParquetNode*>(&node) : nullptr;
  if (parquet) columns = &parquet->columns();
  if (node.kind() == NodeKind::TableScan) columns = &static_cast<const plan::TableScanNode&>(node).columns();
  if (node.kind() == NodeKind::SqlQuery) columns = &static_cast<const plan::SqlQueryNode&>(node).columns();
  if (!columns) return;
  for (const auto& c : *columns) {
    if (parquet && c.dtype == DType::Int64) {
      auto bound = statistics_bound(*parquet, c.source_name, true);
      if (bound && *bound < kMaxUnits) out[c.id] = {0, 0, *bound, true};
      continue;
    }
    if (c.dtype != DType::Float64 || c.decimal_precision < 1 || c.decimal_precision > 18) continue;
    double bound = std::pow(10.0, c.decimal_precision - c.decimal_scale);
    if (parquet) bound = statistics_bound(*parquet, c.source_name, false).value_or(bound);
    out[c.id] = {c.decimal_precision, c.decimal_scale, bound};
  }
}

/// How a plan reads its decimal candidates, given the ones held as DECIMAL (`held`).
struct Uses {
  std::unordered_map<std::string, int> exact;  ///< in chains, sums and decimal comparisons
  std::set<std::string> as_float;              ///< anywhere else in an expression

  void walk(const plan::Expr& e, const Decimals& held) {
    if (e.kind() == ExprKind::Column) {
      as_float.insert(static_cast<const plan::ColumnExpr&>(e).id());
      return;
    }
    if (auto c = compared_column(e, held)) {
      ++exact[*c];
      return;
    }
    for (const plan::Expr* c : plan::children(e)) walk(*c, held);
  }
  void chain(const plan::ExprPtr& e) {
    std::vector<std::string> ids;
    plan::referenced_columns(e, ids);
    for (const auto& id : ids) ++exact[id];
  }
};

}  // namespace

void find_decimal_columns(const std::vector<const plan::Node*>& order, const std::set<std::string>& root_needs,
                          Names& names) {
  Decimals held;
  std::unordered_map<std::string, plan::ExprPtr> chains;
  std::set<std::string> by_name(root_needs.begin(), root_needs.end());  // keys, orders, outputs: DOUBLE
  for (const plan::Node* node : order) {
    add_sources(*node, held);
    for (const auto& k : node->ordering().keys) by_name.insert(k.column);
    by_name.insert(node->members().begin(), node->members().end());
    switch (node->kind()) {
      case NodeKind::Project:
        for (const auto& e : static_cast<const plan::ProjectNode&>(*node).exprs()) {
          if (e.expr->kind() == ExprKind::Column) {
            // another name of a column (a merge's output): held as the column is
            auto same = held.find(static_cast<const plan::ColumnExpr&>(*e.expr).id());
            if (same == held.end()) continue;
            held[e.id] = same->second;
            if (!same->second.integer) chains[e.id] = e.expr;
            continue;
          }
          if (e.expr->dtype() != DType::Float64) continue;
          if (auto f = column_chain(e.expr, held)) {
            held[e.id] = {0, f->scale, f->bound};
            chains[e.id] = e.expr;
          }
        }
        break;
      case NodeKind::Join:
        for (const auto& [l, r] : static_cast<const plan::JoinNode&>(*node).keys()) by_name.insert({l, r});
        break;
      case NodeKind::Aggregate: {
        const auto& keys = static_cast<const plan::AggregateNode&>(*node).group_keys();
        by_name.insert(keys.begin(), keys.end());
        break;
      }
      case NodeKind::Window:
        for (const auto& c : static_cast<const plan::WindowNode&>(*node).calls()) by_name.insert(c.partition.begin(), c.partition.end());
        break;
      case NodeKind::RowNumber: {
        const auto& p = static_cast<const plan::RowNumberNode&>(*node).partition();
        by_name.insert(p.begin(), p.end());
        break;
      }
      default: break;
    }
  }
  if (held.empty()) return;
  // Drop what cannot be held until nothing changes: a column read by name; a source column
  // nothing reads exactly (DOUBLE at the scan, as before); a chain read as a double, or over a
  // column dropped.
  for (bool changed = true; changed;) {
    Uses uses;
    for (const plan::Node* node : order) {
      switch (node->kind()) {
        case NodeKind::Project:
          for (const auto& e : static_cast<const plan::ProjectNode&>(*node).exprs()) {
            if (chains.count(e.id) && held.count(e.id)) {
              uses.chain(e.expr);
            } else {
              uses.walk(*e.expr, held);
            }
          }
          break;
        case NodeKind::Filter: uses.walk(*static_cast<const plan::FilterNode&>(*node).predicate(), held); break;
        case NodeKind::Window:
          for (const auto& c : static_cast<const plan::WindowNode&>(*node).calls()) {
            if (c.arg) uses.walk(*c.arg, held);
          }
          break;
        case NodeKind::Union:
          for (const auto& branch : static_cast<const plan::UnionNode&>(*node).branches()) {
            for (const auto& e : branch) uses.walk(*e, held);
          }
          break;
        case NodeKind::Aggregate:
          for (const auto& a : static_cast<const plan::AggregateNode&>(*node).aggs()) {
            if (summed_chain(a, held) || counted(a, held)) {
              uses.chain(a.arg);
            } else if (a.arg) {
              uses.walk(*a.arg, held);
            }
            if (a.arg2) uses.walk(*a.arg2, held);
          }
          break;
        default: break;
      }
    }
    changed = false;
    for (auto it = held.begin(); it != held.end();) {
      auto chain = chains.find(it->first);
      // (a source column, or another name of one, may be read as a double: it is cast there)
      bool drop = !it->second.integer &&
                  (by_name.count(it->first) || (chain != chains.end() && !column_chain(chain->second, held)) ||
                   (it->second.precision > 0 ? !uses.exact.count(it->first) : uses.as_float.count(it->first) > 0));
      if (drop) {
        it = held.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  names.decimals = std::move(held);
}

SqlExprPtr lower_decimal(const plan::ExprPtr& expr, Names& names) {
  switch (expr->kind()) {
    case ExprKind::Column: {
      const auto& id = static_cast<const plan::ColumnExpr&>(*expr).id();
      const DecimalColumn& c = names.decimals.at(id);
      if (!c.integer) return sql_column(names.of(id));
      // as narrow as its values: the engine multiplies decimals of at most 18 digits in 64 bits
      int digits = std::max(1, static_cast<int>(std::floor(std::log10(std::max(c.bound, 1.0)))) + 1);
      return sql_cast_decimal(sql_column(names.of(id)), std::min(digits, 18), 0);
    }
    case ExprKind::Literal: {
      auto d = literal_decimal(static_cast<const plan::LiteralExpr&>(*expr).value(), true);
      CORMORANT_CHECK(d.has_value(), "a decimal chain's literal is not exact");
      return sql_cast_decimal(sql_literal(d->text(), DType::String), std::max(d->digits(), d->scale), d->scale);
    }
    case ExprKind::Unary:
      return sql_prefix("-", lower_decimal(static_cast<const plan::UnaryExpr&>(*expr).operand(), names));
    case ExprKind::Binary: {
      const auto& b = static_cast<const plan::BinaryExpr&>(*expr);
      const char* op = b.op() == BinaryOp::Mul ? "*" : b.op() == BinaryOp::Add ? "+" : "-";
      return sql_infix(op, lower_decimal(b.left(), names), lower_decimal(b.right(), names));
    }
    default: throw InternalError("internal error: not a decimal chain");
  }
}

namespace {

/// `sum`, a DECIMAL(38, `scale`), as the double nearest its value (rounded once). The engine's
/// cast divides the unscaled integer by 10**scale: one rounding while that integer is exact in
/// a double (at most 2**53 units), two above (quotient and remainder apart), where reading the
/// sum's digits back rounds once but costs ten times more (TPC-H Q18 filters 1.5 million
/// sums: 0.26 s against 0.04 s). So the cast serves sums of at most 2**52 units, the text the
/// others.
SqlExprPtr exact_double(const SqlExprPtr& sum, int scale) {
  uint64_t units = uint64_t{1} << 52;
  for (int i = 0; i < scale; ++i) units /= 10;
  auto bound = sql_cast_decimal(sql_literal(std::to_string(units), DType::String), 38, scale);
  return sql_case({{sql_infix("<=", sql_function("abs", {sum}), bound), sql_cast(sum, DType::Float64)}},
                  sql_cast(sql_cast(sum, DType::String), DType::Float64));
}

}  // namespace

SqlExprPtr decimal_aggregate_sql(const plan::Aggregation& a, Names& names) {
  if (counted(a, names.decimals)) return sql_cast(sql_function("count", {lower_decimal(a.arg, names)}), DType::Int64);
  if (!summed_chain(a, names.decimals)) return nullptr;
  auto x = lower_decimal(a.arg, names);
  auto total = exact_double(sql_function("sum", {x}), column_chain(a.arg, names.decimals)->scale);
  if (a.func == plan::AggFunc::Sum) return sql_function("coalesce", {total, sql_literal(0.0, DType::Float64)});  // pandas: 0 for no values
  auto n = sql_function("count", {x});
  return sql_case({{sql_infix(">", n, sql_literal(int64_t{0}, DType::Int64)), sql_infix("/", total, sql_cast(n, DType::Float64))}},
                  nullptr);
}

SqlExprPtr decimal_comparison(const plan::Expr& e, Names& names) {
  auto id = compared_column(e, names.decimals);
  if (!id) return nullptr;
  const DecimalColumn& column = names.decimals.at(*id);
  auto x = sql_column(names.of(*id));
  auto literal = [&](const Value& v) {
    return sql_cast_decimal(sql_literal(value_of_type(v, column)->text(), DType::String), column.precision, column.scale);
  };
  if (e.kind() == ExprKind::Function) {  // between: params [left, right, inclusive]
    const auto& params = static_cast<const plan::FunctionExpr&>(e).params();
    const std::string& inclusive = params[2].get<std::string>();
    auto lo = sql_infix(inclusive == "both" || inclusive == "left" ? ">=" : ">", x, literal(params[0]));
    auto hi = sql_infix(inclusive == "both" || inclusive == "right" ? "<=" : "<", x, literal(params[1]));
    return sql_infix("AND", lo, hi);
  }
  const auto& b = static_cast<const plan::BinaryExpr&>(e);
  static const char* ops[] = {"=", "<>", "<", "<=", ">", ">="};
  const char* op = ops[static_cast<int>(b.op()) - static_cast<int>(BinaryOp::Eq)];
  bool left = b.left()->kind() == ExprKind::Column;
  const auto& v = static_cast<const plan::LiteralExpr&>(left ? *b.right() : *b.left()).value();
  return left ? sql_infix(op, x, literal(v)) : sql_infix(op, literal(v), x);
}

}  // namespace cormorant::compile
