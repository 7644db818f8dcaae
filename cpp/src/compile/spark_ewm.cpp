/// ewm on the Spark engine (issue 14): pandas' exponentially weighted windows, which DuckDB
/// runs as cormorant's own aggregates (engine/ewm_aggregates.hpp), in Spark SQL.
///
/// Spark has no running aggregate with a state of one's own, and a fold over each row's
/// collect_list is quadratic, so the recursion is written out as running sums, in layers (CTEs)
/// below the SELECT of the windows:
/// - a clock C per row (an exact DECIMAL): the weight of a value at step j seen from row t is
///   exp(C_j - C_t). With adjust (and without it for com 1) C = step * -ln(1 - alpha), steps
///   counting rows, or present values with ignore_na. Without adjust, pandas weighs the value
///   so far by r = u / (u + alpha), u = (1 - alpha)**gap, so C also subtracts the running sum of
///   -ln(u + alpha) (each value's own weight is 1 - r, the first one's 1).
/// - the weighted sums as running sums of exp(C_j - ref) * term_j within blocks of 300 of the
///   clock (ref the block's start: no power of 1/(1 - alpha) overflows), plus the previous
///   block's total times exp(-300), times exp(ref - C_t). Older blocks weigh less than e**-300
///   against the row's own value: below a double's precision (but for values 1e130 times larger
///   than the later ones).
/// - the mean (the weighted sums' ratio with adjust), and for var and std the recursion's
///   increments, each a sum of non-negative terms as DuckDB's states merge them (no cancelling
///   differences): m2 += wa / (wa + 1) * (x - previous mean)**2 and cross += wa, with
///   wa = the previous weight decayed to the row, both decaying as the weights (cross as their
///   squares); var = W * m2 / (2 * cross), NaN where cross is 0.
/// The values are those of the rows with a present value, carried to the missing rows after
/// them (a sum decays there by the clock); <NA> under min_periods present values.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "cormorant/compile/sql.hpp"

namespace cormorant::compile {

namespace {

constexpr double kBlock = 300;  ///< a block's height on the clock

/// One ewm window of a SELECT.
struct EwmCall {
  SqlExprPtr window;  ///< cormorant_ewm_<f>(x, com, adjust, ignore_na, min_periods) OVER (...)
  std::string f;      ///< mean, sum, var or std
  double com = 0;
  bool adjust = true, ignore_na = false;
  int64_t min_periods = 1;
  std::string p;  ///< its helper columns' prefix
};

SqlExprPtr col(const std::string& name) { return sql_column(name); }
SqlExprPtr dbl(double v) { return sql_literal(v, DType::Float64); }
SqlExprPtr decimal(const std::string& digits, int width, int scale) {
  return sql_cast_decimal(sql_literal(Value(digits), DType::String), width, scale);
}
SqlExprPtr present(const SqlExprPtr& x) { return sql_postfix(x, "IS NOT NULL"); }
SqlExprPtr when(SqlExprPtr condition, SqlExprPtr value) { return sql_case({{std::move(condition), std::move(value)}}, nullptr); }
SqlExprPtr fn(std::string name, std::vector<SqlExprPtr> args) { return sql_function(std::move(name), std::move(args)); }
SqlExprPtr op(const char* o, SqlExprPtr a, SqlExprPtr b) { return sql_infix(o, std::move(a), std::move(b)); }
SqlExprPtr as_double(SqlExprPtr x) { return sql_cast(std::move(x), DType::Float64); }

/// Whether `e` is an ewm window this file writes out.
bool is_ewm(const SqlExpr& e) {
  return e.kind == SqlExpr::Kind::Window && e.name.rfind("cormorant_ewm_", 0) == 0 && e.args.size() == 5;
}

/// The ewm windows in `items` (each once), without recursion (expressions can be deep).
std::vector<SqlExprPtr> ewm_windows(const std::vector<std::pair<SqlExprPtr, std::string>>& items) {
  std::vector<SqlExprPtr> found, stack;
  std::set<const SqlExpr*> seen;
  for (const auto& item : items) stack.push_back(item.first);
  while (!stack.empty()) {
    SqlExprPtr e = std::move(stack.back());
    stack.pop_back();
    if (!e || !seen.insert(e.get()).second) continue;
    if (is_ewm(*e)) {
      found.push_back(e);
      continue;
    }
    for (const auto& a : e->args) stack.push_back(a);
    stack.push_back(e->filter);
  }
  return found;
}

/// `e` with each window of `by` replaced by its expression.
SqlExprPtr replaced(const SqlExprPtr& e, const std::map<const SqlExpr*, SqlExprPtr>& by,
                    std::map<const SqlExpr*, SqlExprPtr>& done) {
  if (!e) return e;
  if (auto it = by.find(e.get()); it != by.end()) return it->second;
  if (auto it = done.find(e.get()); it != done.end()) return it->second;
  auto copy = std::make_shared<SqlExpr>(*e);
  bool changed = false;
  for (auto& a : copy->args) {
    auto r = replaced(a, by, done);
    changed = changed || r != a;
    a = r;
  }
  SqlExprPtr out = changed ? SqlExprPtr(copy) : e;
  done[e.get()] = out;
  return out;
}

/// A decimal's digits of `v` (>= 0) with 18 after the point.
std::string digits18(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.18f", v);
  return buf;
}

/// The SQL of one call's layers (one list of items per layer), and the expression that takes
/// the window's place in the SELECT above them. Every value used more than once is a column of
/// a layer, not an expression written again (Spark analyzes the text it is sent: a var's SQL
/// was 12 kB, each weighted sum written out up to four times).
struct Layers {
  std::vector<std::vector<std::pair<SqlExprPtr, std::string>>> items{11};
  SqlExprPtr value;
};

void write_call(const EwmCall& c, Layers& out) {
  const SqlExpr& w = *c.window;
  const auto& P = w.partition;
  const auto& O = w.order;
  const SqlFrame running{std::nullopt, 0}, before{std::nullopt, -1};
  auto over = [&](const char* f, std::vector<SqlExprPtr> args, std::vector<SqlExprPtr> partition, SqlFrame frame) {
    return sql_window(f, std::move(args), std::move(partition), O, frame);
  };
  auto last_present = [&](SqlExprPtr v, SqlFrame frame) {  // the last present value of v in the frame
    auto e = std::const_pointer_cast<SqlExpr>(over("last_value", {std::move(v)}, P, frame));
    e->ignore_nulls = true;
    return SqlExprPtr(e);
  };
  auto name = [&](const char* what) { return c.p + what; };
  const double alpha = 1. / (1. + c.com), decay = 1. - alpha;
  // -ln(1 - alpha) (com 0: 1000, past which exp is 0 in doubles, as (1 - alpha)**k for k >= 1)
  const double lambda = decay > 0 ? -std::log(decay) : 1000.;
  SqlExprPtr x = col(name("x")), is = present(col(name("x")));

  // 1: the value, the present values so far and the row's number
  out.items[0].push_back({w.args[0], name("x")});
  out.items[0].push_back({over("count", {w.args[0]}, P, running), name("n")});
  out.items[0].push_back({sql_window("row_number", {}, P, O), name("r")});
  SqlExprPtr step = col(name(c.ignore_na ? "n" : "r"));
  // 2: the step of the previous present value
  out.items[1].push_back({last_present(when(is, step), before), name("ps")});
  // 3: the clock, its block, and the value's own weight
  auto gap = op("-", step, col(name("ps")));
  auto u = fn("pow", {dbl(decay), as_double(gap)});
  bool damped = !c.adjust && c.com != 1 && decay > 0;  // (com 0: r is 0, -ln(u + alpha) is 0)
  SqlExprPtr clock = op("*", sql_cast_decimal(step, 12, 0), decimal(digits18(lambda), 22, 18));
  if (damped) {
    auto log_term = sql_cast_decimal(sql_prefix("-", fn("ln", {op("+", u, dbl(alpha))})), 21, 18);
    auto sum = over("sum", {when(op("AND", is, present(col(name("ps")))), log_term)}, P, running);
    clock = op("-", clock, fn("coalesce", {sum, decimal("0", 21, 18)}));
  }
  out.items[2].push_back({clock, name("c")});
  // (Spark's own floor of a double: a BIGINT)
  out.items[2].push_back({sql_as_is(fn("floor", {op("/", as_double(col(name("c"))), dbl(kBlock))})), name("b")});
  SqlExprPtr own = dbl(1.0);
  if (!c.adjust) {
    auto r = c.com == 1 ? u : op("/", u, op("+", u, dbl(alpha)));
    own = sql_case({{sql_postfix(col(name("ps")), "IS NULL"), dbl(1.0)}}, op("-", dbl(1.0), r));
  }
  out.items[2].push_back({own, name("a")});
  // 4: the row on its block's clock, 0..300 (its block's start seen from the row: -z)
  auto ref = op("*", sql_cast_decimal(col(name("b")), 12, 0), decimal("300", 3, 0));
  out.items[3].push_back({as_double(op("-", col(name("c")), ref)), name("z")});
  SqlExprPtr z = col(name("z"));
  std::vector<SqlExprPtr> in_block = P;
  in_block.push_back(col(name("b")));
  // a weighted sum's term: exp(power * z) * term where the value is present
  auto term_of = [&](const SqlExprPtr& term, double power) {
    return when(is, op("*", fn("exp", {op("*", dbl(power), z)}), term));
  };
  // the sum of exp(power * (C_j - C_t)) * term_j over the present values so far, of the column
  // `t` of term_of's terms
  auto weighted = [&](const SqlExprPtr& t, double power) {
    auto here = fn("coalesce", {over("sum", {t}, in_block, running), dbl(0.0)});
    SqlFrame previous{1, -1};
    previous.range = true;
    auto prior = fn("coalesce", {sql_window("sum", {t}, P, {{col(name("b")), true, true}}, previous), dbl(0.0)});
    auto total = op("+", here, op("*", dbl(std::exp(-power * kBlock)), prior));
    return op("*", total, fn("exp", {op("*", dbl(power), sql_prefix("-", z))}));
  };
  // 5: the terms; 6: the weighted sums
  out.items[4].push_back({term_of(op("*", col(name("a")), x), 1), name("tm")});
  out.items[5].push_back({weighted(col(name("tm")), 1), name("m")});
  if (c.adjust) {
    out.items[4].push_back({term_of(dbl(1.0), 1), name("tw")});
    out.items[5].push_back({weighted(col(name("tw")), 1), name("w")});
  }
  SqlExprPtr mean = c.adjust ? op("/", col(name("m")), col(name("w"))) : col(name("m"));
  SqlExprPtr value;  // at the rows with a present value
  size_t last = 6;
  if (c.f == "mean") {
    value = mean;
  } else if (c.f == "sum") {
    value = col(name("m"));
  } else {
    // 7: the previous present value's mean, weight and clock; 8: its weight decayed to the
    // row (wa) and the row's distance from its mean; 9: the increments and their terms;
    // 10: m2 and cross as weighted sums of them
    out.items[6].push_back({last_present(when(is, op("/", col(name("m")), col(name("w")))), before), name("pm")});
    out.items[6].push_back({last_present(when(is, col(name("w"))), before), name("pw")});
    out.items[6].push_back({last_present(when(is, col(name("c"))), before), name("pc")});
    out.items[7].push_back({op("*", col(name("pw")), fn("exp", {as_double(op("-", col(name("pc")), col(name("c"))))})),
                            name("wa")});
    out.items[7].push_back({op("-", x, col(name("pm"))), name("dx")});
    auto wa = col(name("wa")), dx = col(name("dx"));
    auto d = when(present(col(name("pw"))), op("/", op("*", op("*", dx, dx), wa), op("+", wa, dbl(1.0))));
    auto e = when(present(col(name("pw"))), wa);
    out.items[8].push_back({term_of(fn("coalesce", {d, dbl(0.0)}), 1), name("td")});
    out.items[8].push_back({term_of(fn("coalesce", {e, dbl(0.0)}), 2), name("te")});
    out.items[9].push_back({weighted(col(name("td")), 1), name("m2")});
    out.items[9].push_back({weighted(col(name("te")), 2), name("cross")});
    auto m2 = col(name("m2")), cross = col(name("cross"));
    value = sql_case({{op(">", cross, dbl(0.0)), op("/", op("*", col(name("w")), m2), op("*", dbl(2.0), cross))}},
                     dbl(std::nan("")));
    if (c.f == "std") value = fn("sqrt", {value});
    last = 10;
  }
  // the value of the last present row (a sum decayed to this row), under min_periods <NA>
  out.items[last].push_back({when(is, value), name("v")});
  if (c.f == "sum") out.items[last].push_back({when(is, col(name("c"))), name("vc")});
  // (the value column is read in the SELECT above the last layer)
  SqlExprPtr carried = last_present(col(name("v")), running);
  if (c.f == "sum") {
    carried = op("*", carried, fn("exp", {as_double(op("-", last_present(col(name("vc")), running), col(name("c"))))}));
  }
  out.value = when(op(">=", col(name("n")), sql_literal(std::max<int64_t>(c.min_periods, 1), DType::Int64)), carried);
}

}  // namespace

Query spark_ewm_layers(const Query& query) {
  Query out = query;
  out.ctes.clear();
  int counter = 0;
  auto rewrite = [&](const Select& s, const std::string& name) -> Select {
    auto windows = ewm_windows(s.items);
    if (windows.empty()) return s;
    if (!s.joins.empty() || s.where || !s.group_by.empty() || !s.union_all.empty()) {
      throw NotImplementedError("this ewm is not yet on the Spark engine (its SELECT filters, joins or groups); run it on the DuckDB engine");
    }
    std::vector<EwmCall> calls;
    for (const auto& w : windows) {
      EwmCall c;
      c.window = w;
      c.f = w->name.substr(std::string("cormorant_ewm_").size());
      const auto& a = w->args;
      auto literal = [](const SqlExprPtr& e) { return e->kind == SqlExpr::Kind::Literal; };
      if (!literal(a[1]) || !literal(a[2]) || !literal(a[3]) || !literal(a[4]) || !a[1]->value.holds<double>() ||
          !a[2]->value.holds<bool>() || !a[3]->value.holds<bool>() || !a[4]->value.holds<int64_t>()) {
        throw NotImplementedError("ewm with options computed per row is not yet on the Spark engine; run it on the DuckDB engine");
      }
      c.com = a[1]->value.get<double>();
      c.adjust = a[2]->value.get<bool>();
      c.ignore_na = a[3]->value.get<bool>();
      c.min_periods = a[4]->value.get<int64_t>();
      c.p = "cormorant_ewm" + std::to_string(counter++) + "_";
      calls.push_back(std::move(c));
    }
    Layers layers;
    std::map<const SqlExpr*, SqlExprPtr> by;
    for (const auto& c : calls) {
      Layers one;
      write_call(c, one);
      for (size_t i = 0; i < one.items.size(); ++i) {
        layers.items[i].insert(layers.items[i].end(), one.items[i].begin(), one.items[i].end());
      }
      by[c.window.get()] = one.value;
    }
    FromItem from = s.from;
    std::string base = name.empty() ? "cormorant_ewm_body" : name;
    for (size_t i = 0; i < layers.items.size(); ++i) {
      if (layers.items[i].empty()) continue;
      Select layer;
      layer.items.push_back({sql_star(), "*"});
      layer.items.insert(layer.items.end(), layers.items[i].begin(), layers.items[i].end());
      layer.from = from;
      std::string layer_name = base + "_ewm" + std::to_string(i + 1);
      out.ctes.push_back({layer_name, std::move(layer)});
      from = FromItem{};
      from.name = layer_name;
    }
    Select result = s;
    // (columns qualified by the relation read keep their meaning)
    from.alias = s.from.kind == FromItem::Kind::Relation ? (s.from.alias.empty() ? s.from.name : s.from.alias) : s.from.alias;
    result.from = from;
    std::map<const SqlExpr*, SqlExprPtr> done;
    for (auto& item : result.items) item.first = replaced(item.first, by, done);
    for (auto& k : result.order_by) k.expr = replaced(k.expr, by, done);
    return result;
  };
  for (const auto& [name, select] : query.ctes) {
    Select s = rewrite(select, name);
    out.ctes.push_back({name, std::move(s)});
  }
  out.body = rewrite(query.body, "");
  return out;
}

}  // namespace cormorant::compile
