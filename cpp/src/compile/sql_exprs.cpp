/// The constructors of SQL expression trees (sql.hpp: sql_column, sql_literal, sql_case, ...);
/// sql.cpp renders the trees as text in a dialect.
#include <cmath>
#include <functional>
#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

namespace {

SqlExprPtr make(SqlExpr::Kind kind, std::string name, std::vector<SqlExprPtr> args) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = kind;
  e->name = std::move(name);
  e->args = std::move(args);
  return e;
}

}  // namespace

SqlExprPtr sql_column(std::string name) { return make(SqlExpr::Kind::Column, std::move(name), {}); }

SqlExprPtr sql_column(std::string relation, std::string name) {
  auto e = std::make_shared<SqlExpr>(*sql_column(std::move(name)));
  e->qualifier = std::move(relation);
  return e;
}

SqlExprPtr sql_literal(Value value, DType dtype) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Literal;
  e->value = std::move(value);
  e->dtype = dtype;
  return e;
}

SqlExprPtr sql_prefix(std::string op, SqlExprPtr arg) { return make(SqlExpr::Kind::Prefix, std::move(op), {std::move(arg)}); }
SqlExprPtr sql_postfix(SqlExprPtr arg, std::string op) { return make(SqlExpr::Kind::Postfix, std::move(op), {std::move(arg)}); }
SqlExprPtr sql_infix(std::string op, SqlExprPtr left, SqlExprPtr right) {
  return make(SqlExpr::Kind::Infix, std::move(op), {std::move(left), std::move(right)});
}
SqlExprPtr sql_function(std::string name, std::vector<SqlExprPtr> args) {
  return make(SqlExpr::Kind::Function, std::move(name), std::move(args));
}
SqlExprPtr sql_user_function(std::string name, std::vector<SqlExprPtr> args) {
  auto e = std::make_shared<SqlExpr>(*make(SqlExpr::Kind::Function, std::move(name), std::move(args)));
  e->user_function = true;
  return e;
}
SqlExprPtr sql_cast(SqlExprPtr arg, DType to) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Cast;
  e->args = {std::move(arg)};
  e->dtype = to;
  return e;
}
SqlExprPtr sql_cast_decimal(SqlExprPtr arg, int width, int scale) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Cast;
  e->args = {std::move(arg)};
  e->decimal_width = width;
  e->decimal_scale = scale;
  return e;
}
SqlExprPtr sql_cast_to_engine_type(SqlExprPtr arg, std::string type) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Cast;
  e->args = {std::move(arg)};
  e->value = Value(std::move(type));
  return e;
}
SqlExprPtr sql_huge_div(SqlExprPtr a, SqlExprPtr b) { return sql_function("huge_div", {std::move(a), std::move(b)}); }
SqlExprPtr sql_huge_abs(SqlExprPtr x) { return sql_function("huge_abs", {std::move(x)}); }
SqlExprPtr sql_raise(ErrorKind kind, std::vector<SqlExprPtr> parts, DType dtype) {
  SqlExprPtr message = sql_literal(query_error_tag(kind), DType::String);
  for (auto& p : parts) message = sql_infix("||", message, std::move(p));
  return sql_cast(sql_function("error", {message}), dtype);
}
SqlExprPtr sql_try_cast(SqlExprPtr arg, DType to) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Cast;
  e->name = "TRY_CAST";
  e->args = {std::move(arg)};
  e->dtype = to;
  return e;
}
SqlExprPtr nan_as_missing(SqlExprPtr x) {
  return sql_function("nullif", {std::move(x), sql_literal(std::nan(""), DType::Float64)});
}

SqlExprPtr sql_case(std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens, SqlExprPtr otherwise) {
  if (whens.empty() && otherwise) return otherwise;  // no condition to test
  std::vector<SqlExprPtr> args;
  for (auto& [w, t] : whens) {
    args.push_back(std::move(w));
    args.push_back(std::move(t));
  }
  bool has_else = otherwise != nullptr;
  if (has_else) args.push_back(std::move(otherwise));
  return make(SqlExpr::Kind::Case, has_else ? "ELSE" : "", std::move(args));
}
SqlExprPtr sql_window(std::string function, std::vector<SqlExprPtr> args, std::vector<SqlExprPtr> partition,
                      std::vector<SqlOrderKey> order) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Window;
  e->name = std::move(function);
  e->args = std::move(args);
  e->partition = std::move(partition);
  e->order = std::move(order);
  return e;
}
SqlExprPtr sql_window(std::string function, std::vector<SqlExprPtr> args, std::vector<SqlExprPtr> partition,
                      std::vector<SqlOrderKey> order, SqlFrame frame) {
  auto e = std::const_pointer_cast<SqlExpr>(sql_window(std::move(function), std::move(args), std::move(partition),
                                                       std::move(order)));
  e->frame = frame;
  return e;
}
SqlExprPtr sql_aggregate(std::string name, std::vector<SqlExprPtr> args, std::vector<SqlOrderKey> order,
                         SqlExprPtr filter) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::Function;
  e->name = std::move(name);
  e->args = std::move(args);
  e->order = std::move(order);
  e->filter = std::move(filter);
  return e;
}
SqlExprPtr sql_in_relation(SqlExprPtr x, std::string relation, std::string column) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::InRelation;
  e->name = std::move(relation);
  e->args = {std::move(x)};
  e->value = std::move(column);
  return e;
}
SqlExprPtr sql_in_relation(SqlExprPtr x, std::string relation, SqlExprPtr selected, SqlExprPtr where) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::InRelation;
  e->name = std::move(relation);
  e->args = {std::move(x), std::move(selected)};
  e->filter = std::move(where);
  return e;
}
SqlExprPtr sql_not_in_relation(SqlExprPtr x, std::string relation, std::string column) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::NotInRelation;
  e->name = std::move(relation);
  e->args = {std::move(x)};
  e->value = std::move(column);
  return e;
}
SqlExprPtr sql_scalar_subquery(std::string relation, std::string column) {
  auto e = std::make_shared<SqlExpr>();
  e->kind = SqlExpr::Kind::ScalarSubquery;
  e->name = std::move(relation);
  e->value = std::move(column);
  return e;
}
bool nonzero_literal(const SqlExprPtr& e) {
  if (e->kind != SqlExpr::Kind::Literal || e->value.is_na()) return false;
  if (e->value.holds<int64_t>()) return e->value.get<int64_t>() != 0;
  if (e->value.holds<double>()) return e->value.get<double>() != 0.0;
  return false;
}
SqlExprPtr sql_as_is(SqlExprPtr e) {
  auto copy = std::make_shared<SqlExpr>(*e);
  copy->as_is = true;
  return copy;
}
namespace {

/// Written out, a let's value costs less than binding it when its repetitions add fewer nodes
/// than this (`x * 2` read four times).
constexpr int64_t kLetNodes = 24;
/// Counts are taken up to this (repetition makes them exponential).
constexpr int64_t kCountCap = int64_t{1} << 40;

/// The parts of `e` written in its SQL (operands, window parts, filter, frame bounds).
std::vector<const SqlExpr*> parts_of(const SqlExpr& e) {
  std::vector<const SqlExpr*> out;
  for (const auto& a : e.args) out.push_back(a.get());
  for (const auto& p : e.partition) out.push_back(p.get());
  for (const auto& k : e.order) out.push_back(k.expr.get());
  if (e.filter) out.push_back(e.filter.get());
  if (e.frame) {
    for (const auto& b : {e.frame->start_preceding, e.frame->end_preceding, e.frame->literal_key}) {
      if (b) out.push_back(b.get());
    }
  }
  return out;
}

/// How often `e`, written out as a tree, holds `target` (each shared node counted once: `memo`);
/// with `target` null, how many nodes it has.
int64_t tree_count(const SqlExpr* e, const SqlExpr* target, std::unordered_map<const SqlExpr*, int64_t>& memo) {
  if (e == target) return 1;
  if (auto it = memo.find(e); it != memo.end()) return it->second;
  int64_t n = target ? 0 : 1;
  for (const SqlExpr* p : parts_of(*e)) n = std::min(n + tree_count(p, target, memo), kCountCap);
  memo[e] = n;
  return n;
}

}  // namespace

SqlExprPtr sql_let(SqlExprPtr value, const std::string& name, const std::function<SqlExprPtr(const SqlExprPtr&)>& body) {
  const bool plain = value->kind == SqlExpr::Kind::Column || value->kind == SqlExpr::Kind::Literal ||
                     (value->kind == SqlExpr::Kind::Function && value->name == "let_variable");
  if (plain) return body(value);  // (read where used: nothing to compute once)
  auto label = sql_literal(Value(name), DType::String);
  auto variable = sql_function("let_variable", {label});
  auto bound = body(variable);
  std::unordered_map<const SqlExpr*, int64_t> uses, nodes;
  int64_t repeated = tree_count(bound.get(), variable.get(), uses) - 1;
  std::vector<SqlExprPtr> let{std::move(value), label, bound};
  if (repeated <= 0 || repeated * tree_count(let[0].get(), nullptr, nodes) < kLetNodes) return sql_let_written_out(let);
  return sql_function("let", std::move(let));
}

namespace {

/// `e` with let_variable(`name`) as `value` (each shared node rewritten once: `done`), but not
/// inside the body of a let of the same name (its own variable).
SqlExprPtr with_value(const SqlExprPtr& e, const std::string& name, const SqlExprPtr& value,
                      std::map<const SqlExpr*, SqlExprPtr>& done) {
  if (!e) return e;
  auto it = done.find(e.get());
  if (it != done.end()) return it->second;
  // (the variable; a let of the same name, whose body reads its own)
  auto labelled = [&](const char* function, size_t at) {
    return e->kind == SqlExpr::Kind::Function && e->name == function && e->args.size() > at &&
           e->args[at]->value == Value(name);
  };
  SqlExprPtr out = e;
  if (labelled("let_variable", 0)) {
    out = value;
  } else {
    auto copy = std::make_shared<SqlExpr>(*e);
    bool changed = false;
    auto replace = [&](SqlExprPtr& part) {
      auto r = with_value(part, name, value, done);
      changed = changed || r != part;
      part = r;
    };
    const size_t own = labelled("let", 1) ? 2 : copy->args.size();
    for (size_t i = 0; i < copy->args.size(); ++i) {
      if (i != own) replace(copy->args[i]);
    }
    for (auto& p : copy->partition) replace(p);
    for (auto& k : copy->order) replace(k.expr);
    replace(copy->filter);
    if (changed) out = copy;
  }
  done[e.get()] = out;
  return out;
}

}  // namespace

SqlExprPtr sql_let_written_out(const std::vector<SqlExprPtr>& args) {
  std::map<const SqlExpr*, SqlExprPtr> done;
  return with_value(args.at(2), args.at(1)->value.get<std::string>(), args.at(0), done);
}

SqlExprPtr sql_star() { return make(SqlExpr::Kind::Star, "*", {}); }
SqlExprPtr sql_list(std::vector<SqlExprPtr> items) { return make(SqlExpr::Kind::List, "", std::move(items)); }
SqlExprPtr sql_in_list(SqlExprPtr x, std::vector<SqlExprPtr> items) {
  items.insert(items.begin(), std::move(x));
  return make(SqlExpr::Kind::InList, "IN", std::move(items));
}

}  // namespace cormorant::compile
