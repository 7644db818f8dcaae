#include "cormorant/compile/compiler.hpp"

#include <unordered_map>

#include "cormorant/common/error.hpp"

namespace cormorant::compile {

namespace {

using plan::BinaryOp;
using plan::ExprKind;
using plan::UnaryOp;

SqlExprPtr lower(const plan::ExprPtr& expr);

SqlExprPtr int_literal(int64_t v) { return sql_literal(v, DType::Int64); }

/// pandas' floor division: rounds toward negative infinity (SQL's integer // truncates).
SqlExprPtr floordiv(const SqlExprPtr& a, const SqlExprPtr& b, DType result) {
  if (result == DType::Float64) return sql_function("floor", {sql_infix("/", a, b)});
  auto truncated = sql_infix("//", a, b);
  auto needs_fix = sql_infix(
      "AND", sql_infix("<>", sql_infix("%", a, b), int_literal(0)),
      sql_infix("<>", sql_infix("<", a, int_literal(0)), sql_infix("<", b, int_literal(0))));
  return sql_infix("-", truncated, sql_case({{needs_fix, int_literal(1)}}, int_literal(0)));
}

/// pandas' modulo: the result takes the divisor's sign (SQL's % takes the dividend's).
SqlExprPtr modulo(const SqlExprPtr& a, const SqlExprPtr& b) {
  return sql_infix("%", sql_infix("+", sql_infix("%", a, b), b), b);
}

SqlExprPtr lower_binary(const plan::BinaryExpr& e) {
  auto a = lower(e.left());
  auto b = lower(e.right());
  switch (e.op()) {
    case BinaryOp::Add: return sql_infix(e.dtype() == DType::String ? "||" : "+", a, b);
    case BinaryOp::Sub: return sql_infix("-", a, b);
    case BinaryOp::Mul: return sql_infix("*", a, b);
    case BinaryOp::TrueDiv: return sql_infix("/", sql_cast(a, DType::Float64), b);
    case BinaryOp::FloorDiv: return floordiv(a, b, e.dtype());
    case BinaryOp::Mod: return modulo(a, b);
    case BinaryOp::Pow: {
      auto p = sql_function("pow", {a, b});
      return e.dtype() == DType::Float64 ? p : sql_cast(p, e.dtype());
    }
    case BinaryOp::Eq: return sql_infix("=", a, b);
    case BinaryOp::Ne: return sql_infix("<>", a, b);
    case BinaryOp::Lt: return sql_infix("<", a, b);
    case BinaryOp::Le: return sql_infix("<=", a, b);
    case BinaryOp::Gt: return sql_infix(">", a, b);
    case BinaryOp::Ge: return sql_infix(">=", a, b);
    case BinaryOp::And: return sql_infix("AND", a, b);
    case BinaryOp::Or: return sql_infix("OR", a, b);
    case BinaryOp::Xor: return sql_infix("<>", a, b);  // NULL when either side is, like Kleene xor
  }
  throw InternalError("internal error: unknown binary operator");
}

SqlExprPtr lower_cast(const plan::CastExpr& e) {
  auto x = lower(e.operand());
  DType from = e.operand()->dtype(), to = e.dtype();
  if (from == to) return x;
  if (from == DType::Float64 && to == DType::Int64) {
    // pandas refuses to drop a fraction (or NaN/inf) silently; so does the query, when run.
    auto lossy = sql_infix("OR", sql_prefix("NOT", sql_function("isfinite", {x})),
                           sql_infix("<>", x, sql_function("trunc", {x})));
    auto message = sql_infix("||", sql_literal(std::string("cannot convert non-integer value to Int64: "), DType::String),
                             sql_cast(x, DType::String));
    return sql_case({{lossy, sql_cast(sql_function("error", {message}), DType::Int64)}}, sql_cast(x, DType::Int64));
  }
  if (from == DType::Boolean && to == DType::String) {
    return sql_case({{sql_infix("=", x, sql_literal(true, DType::Boolean)), sql_literal(std::string("True"), DType::String)},
                     {sql_infix("=", x, sql_literal(false, DType::Boolean)), sql_literal(std::string("False"), DType::String)}},
                    nullptr);
  }
  return sql_cast(x, to);
}

SqlExprPtr lower(const plan::ExprPtr& expr) {
  switch (expr->kind()) {
    case ExprKind::Column: return sql_column(static_cast<const plan::ColumnExpr&>(*expr).name());
    case ExprKind::Literal: return sql_literal(static_cast<const plan::LiteralExpr&>(*expr).value(), expr->dtype());
    case ExprKind::Unary: {
      const auto& u = static_cast<const plan::UnaryExpr&>(*expr);
      auto x = lower(u.operand());
      switch (u.op()) {
        case UnaryOp::Negate: return sql_prefix("-", x);
        case UnaryOp::Not: return sql_prefix("NOT", x);
        case UnaryOp::Abs: return sql_function("abs", {x});
        case UnaryOp::IsNull: return sql_postfix(x, "IS NULL");
        case UnaryOp::NotNull: return sql_postfix(x, "IS NOT NULL");
      }
      break;
    }
    case ExprKind::Binary: return lower_binary(static_cast<const plan::BinaryExpr&>(*expr));
    case ExprKind::Cast: return lower_cast(static_cast<const plan::CastExpr&>(*expr));
  }
  throw InternalError("internal error: unknown expression kind");
}

/// pandas' default strings read as missing.
const std::vector<std::string>& pandas_na_values() {
  static const std::vector<std::string> values{"",     "#N/A", "#N/A N/A", "#NA",  "-1.#IND", "-1.#QNAN", "-NaN",
                                               "-nan", "1.#IND", "1.#QNAN", "<NA>", "N/A",     "NA",       "NULL",
                                               "NaN",  "None", "n/a",      "nan",  "null"};
  return values;
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
      {"nullstr", string_list(options.na_values.empty() ? pandas_na_values() : options.na_values)},
      // pandas infers only booleans, integers, floats and text from a CSV; dates stay text.
      {"auto_type_candidates", string_list({"BOOLEAN", "BIGINT", "DOUBLE", "VARCHAR"})},
      {"null_padding", sql_literal(true, DType::Boolean)},  // short rows get <NA>, as in pandas
      {"strict_mode", sql_literal(true, DType::Boolean)},
  };
  return from;
}

FromItem function_from(std::string name, const std::string& path) {
  FromItem from;
  from.kind = FromItem::Kind::TableFunction;
  from.name = std::move(name);
  from.args = {sql_literal(path, DType::String)};
  return from;
}

FromItem relation_from(std::string name) {
  FromItem from;
  from.name = std::move(name);
  return from;
}

Select source_select(const std::vector<plan::SourceColumn>& columns, FromItem from) {
  Select s;
  for (const auto& c : columns) {
    auto col = sql_column(c.field.name);
    s.items.push_back({c.needs_cast ? sql_cast(col, c.field.dtype) : col, c.field.name});
  }
  s.from = std::move(from);
  return s;
}

Select pass_through(const Schema& schema, const std::string& input) {
  Select s;
  for (const auto& f : schema) s.items.push_back({sql_column(f.name), f.name});
  s.from = relation_from(input);
  return s;
}

Select compile_node(const plan::Node& node, const std::vector<std::string>& inputs) {
  switch (node.kind()) {
    case plan::NodeKind::ReadCsv: {
      const auto& n = static_cast<const plan::ReadCsvNode&>(node);
      return source_select(n.columns(), csv_from(n.path(), n.options()));
    }
    case plan::NodeKind::ReadParquet: {
      const auto& n = static_cast<const plan::ReadParquetNode&>(node);
      return source_select(n.columns(), function_from("read_parquet", n.path()));
    }
    case plan::NodeKind::TableScan: {
      const auto& n = static_cast<const plan::TableScanNode&>(node);
      return source_select(n.columns(), relation_from(n.table_name()));
    }
    case plan::NodeKind::Project: {
      const auto& n = static_cast<const plan::ProjectNode&>(node);
      Select s;
      for (const auto& e : n.exprs()) s.items.push_back({lower(e.expr), e.name});
      s.from = relation_from(inputs[0]);
      return s;
    }
    case plan::NodeKind::Filter: {
      const auto& n = static_cast<const plan::FilterNode&>(node);
      Select s = pass_through(node.schema(), inputs[0]);
      s.where = lower(n.predicate());
      return s;
    }
    case plan::NodeKind::Limit: {
      const auto& n = static_cast<const plan::LimitNode&>(node);
      Select s = pass_through(node.schema(), inputs[0]);
      s.limit = n.limit();
      s.offset = n.offset();
      return s;
    }
  }
  throw InternalError("internal error: unknown plan node kind");
}

}  // namespace

Query compile_plan(const plan::NodePtr& root) {
  // Post-order walk with an explicit stack; each node becomes one CTE, compiled once.
  std::unordered_map<const plan::Node*, std::string> names;
  std::vector<std::pair<std::string, Select>> selects;
  std::vector<std::pair<const plan::Node*, bool>> stack{{root.get(), false}};
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    stack.pop_back();
    if (names.count(node)) continue;
    if (!expanded) {
      stack.push_back({node, true});
      for (auto it = node->inputs().rbegin(); it != node->inputs().rend(); ++it) {
        if (!names.count(it->get())) stack.push_back({it->get(), false});
      }
      continue;
    }
    std::vector<std::string> inputs;
    for (const auto& in : node->inputs()) inputs.push_back(names.at(in.get()));
    std::string name = "t" + std::to_string(selects.size());
    selects.emplace_back(name, compile_node(*node, inputs));
    names.emplace(node, name);
  }
  Query q;
  q.body = std::move(selects.back().second);
  selects.pop_back();
  q.ctes = std::move(selects);
  return q;
}

std::string plan_to_sql(const plan::NodePtr& plan) { return to_sql(compile_plan(plan), duckdb_dialect()); }

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
std::string parquet_probe_sql(const std::string& path) { return probe(function_from("read_parquet", path)); }
std::string table_probe_sql(const std::string& table_name) { return probe(relation_from(table_name)); }

}  // namespace cormorant::compile

namespace cormorant::compile {

std::string count_sql(const plan::NodePtr& plan) {
  Query q = compile_plan(plan);
  std::string last = "t" + std::to_string(q.ctes.size());
  q.ctes.emplace_back(last, std::move(q.body));
  q.body = Select{};
  q.body.items.push_back({sql_function("count", {sql_star()}), "n"});
  q.body.from.name = last;
  return to_sql(q, duckdb_dialect());
}

std::string create_table_sql(const std::string& table_name, const Schema& schema) {
  const Dialect& d = duckdb_dialect();
  std::string out = "CREATE TEMPORARY TABLE " + quote_identifier(table_name, d) + " (";
  for (size_t i = 0; i < schema.size(); ++i) {
    out += (i ? ", " : "") + quote_identifier(schema[i].name, d) + " " + d.type_names.at(schema[i].dtype);
  }
  return out + ")";
}

std::string drop_table_sql(const std::string& table_name) {
  return "DROP TABLE IF EXISTS " + quote_identifier(table_name, duckdb_dialect());
}

}  // namespace cormorant::compile
