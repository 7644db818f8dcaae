#include "cormorant/compile/sql.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <cmath>
#include <set>
#include <sstream>
#include <string_view>

#include "cormorant/common/error.hpp"
#include "spark_forms.hpp"

namespace cormorant::compile {

namespace {

/// Whether DuckDB's sum of BIGINT (a HUGEINT, exact) is past Int64.
SqlExprPtr int64_sum_past(const std::vector<SqlExprPtr>& a) {
  auto sum = sql_function("sum", a);
  return sql_infix("OR", sql_infix(">", sum, sql_literal(std::numeric_limits<int64_t>::max(), DType::Int64)),
                   sql_infix("<", sum, sql_literal(std::numeric_limits<int64_t>::min(), DType::Int64)));
}

}  // namespace

const Dialect& duckdb_dialect() {
  static const Dialect dialect = [] {
    Dialect d{
      "duckdb",
      {{DType::Boolean, "BOOLEAN"},
       {DType::Int64, "BIGINT"},
       {DType::Float64, "DOUBLE"},
       {DType::String, "VARCHAR"},
       {DType::Date, "DATE"},
       {DType::Time, "TIME"},
       {DType::Timestamp, "TIMESTAMP"},
       {DType::TimestampTz, "TIMESTAMPTZ"},
       {DType::Binary, "BLOB"},
       {DType::Decimal, "DECIMAL(38,9)"},
       {DType::Timedelta, "BIGINT"},
       {DType::Categorical, "BIGINT"}},  // pandas' codes
      {},
      '"',
    };
    // Python's str of a double (DuckDB's VARCHAR of a DOUBLE is the same text: 'inf', '1e-05',
    // '10000000000.0'); other engines write their own (Spark's is Java's: 'Infinity', '1.0E-5').
    d.function_forms = {{"cormorant_float_text", [](const std::vector<SqlExprPtr>& a) { return sql_cast(a[0], DType::String); }},
                        {"huge_div", [](const std::vector<SqlExprPtr>& a) { return sql_infix("//", a[0], a[1]); }},
                        {"huge_abs", [](const std::vector<SqlExprPtr>& a) { return sql_function("abs", a); }},
                        {"decimal_neg", [](const std::vector<SqlExprPtr>& a) { return sql_prefix("-", a[0]); }},
                        {"decimal_abs", [](const std::vector<SqlExprPtr>& a) { return sql_function("abs", a); }},
                        {"let", sql_let_written_out},
                        {"cormorant_int64_sum_past", int64_sum_past},
                        {"cormorant_int64_sum_value", [](const std::vector<SqlExprPtr>& a) { return sql_function("sum", a); }}};
    // An integer sum: the engine's sum of BIGINT is a HUGEINT, exact past Int64 (as Spark's of DECIMAL(38,0)).
    d.function_names = {{"cormorant_int64_sum", "sum"}};
    return d;
  }();
  return dialect;
}

std::string Dialect::type_name(const DType& dtype) const {
  if (dtype == DType::List) return spark_syntax ? "ARRAY<" + type_name(dtype.element()) + ">" : type_name(dtype.element()) + "[]";
  if (dtype == DType::Struct) {
    std::string out = spark_syntax ? "STRUCT<" : "STRUCT(";
    for (size_t i = 0; i < dtype.fields().size(); ++i) {
      const auto& f = dtype.fields()[i];
      out += (i ? ", " : "") + quote_identifier(f.name, *this) + (spark_syntax ? ": " : " ") + type_name(f.dtype);
    }
    return out + (spark_syntax ? ">" : ")");
  }
  if (dtype == DType::Integer && spark_syntax) {  // Spark has signed integers only
    if (dtype.is_unsigned()) throw NotImplementedError("unsigned integer columns are not yet on the Spark engine (it has no unsigned types): astype('Int64') first");
    return dtype.bits() == 8 ? "TINYINT" : dtype.bits() == 16 ? "SMALLINT" : dtype.bits() == 32 ? "INT" : "BIGINT";
  }
  if (dtype == DType::Integer) {  // Int8..UInt64 (type_names holds one name per kind): DuckDB's names
    CORMORANT_CHECK(name == "duckdb", "no Int8..UInt64 type names for dialect " + name);
    static const char* names[2][4] = {{"TINYINT", "SMALLINT", "INTEGER", "BIGINT"},
                                      {"UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT"}};
    return names[dtype.is_unsigned()][dtype.bits() == 8 ? 0 : dtype.bits() == 16 ? 1 : dtype.bits() == 32 ? 2 : 3];
  }
  return type_names.at(dtype == DType::Categorical ? DType(DType::Categorical) : dtype);  // any categories
}

std::string quote_identifier(const std::string& name, const Dialect& dialect) {
  std::string out(1, dialect.identifier_quote);
  for (char c : name) {
    if (c == dialect.identifier_quote) out += c;
    out += c;
  }
  out += dialect.identifier_quote;
  return out;
}

namespace {

/// A text literal. A NUL byte cannot be in SQL text (the engine reads it as a C string, so
/// the statement would end there): such a text is spelled as pieces joined with chr(0).
/// Spark escapes with backslashes (it reads 'it''s' as two literals joined: "its").
std::string quote_string(const std::string& s, const Dialect& dialect) {
  std::string out = "'";
  bool nul = false;
  for (char c : s) {
    if (c == '\0') {
      out += "' || chr(0) || '";
      nul = true;
      continue;
    }
    if (dialect.spark_syntax && (c == '\'' || c == '\\')) {
      out += '\\';
    } else if (c == '\'') {
      out += '\'';
    }
    out += c;
  }
  out += "'";
  return nul ? "(" + out + ")" : out;
}

std::string literal_text(const Value& value, DType dtype, const Dialect& dialect) {
  const std::string type = dialect.type_name(dtype);
  if (value.is_na()) return "CAST(NULL AS " + type + ")";
  if (value.holds<bool>()) {
    std::string b = value.get<bool>() ? "true" : "false";
    return dtype == DType::Boolean ? b : "CAST(" + b + " AS " + type + ")";
  }
  if (value.holds<int64_t>()) return "CAST(" + std::to_string(value.get<int64_t>()) + " AS " + type + ")";
  if (value.holds<double>()) {
    double d = value.get<double>();
    std::string text;
    if (std::isnan(d)) {
      text = "'nan'";
    } else if (std::isinf(d)) {
      text = d > 0 ? "'inf'" : "'-inf'";
    } else {
      // The shortest digits that give d back, with an exponent: DuckDB reads 1.5e+00 as a
      // DOUBLE, correctly rounded. Without one it reads a DECIMAL (-0.83333333333333337:
      // DECIMAL(18,17)), whose cast to DOUBLE can be off by one unit in the last place, and -0
      // as the integer 0 (the sign of -0.0 lost).
      char buf[64];
      auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
      text.assign(buf, end);
    }
    return "CAST(" + text + " AS " + type + ")";
  }
  if (value.holds<Moment>()) {
    const Moment& m = value.get<Moment>();
    return "CAST(" + quote_string(m.iso, dialect) + " AS " + dialect.type_name(m.dtype) + ")";
  }
  std::string s = quote_string(value.get<std::string>(), dialect);
  return dtype == DType::String ? s : "CAST(" + s + " AS " + type + ")";
}

/// Refuses, at compile time, a function the dialect's engine lacks.
void check_supported(const std::string& name, const Dialect& dialect) {
  bool lacking = dialect.unsupported_functions.count(name) > 0;
  for (const auto& prefix : dialect.unsupported_prefixes) lacking = lacking || name.rfind(prefix, 0) == 0;
  if (lacking) {
    throw NotImplementedError("this operation is not yet on the " + dialect.name + " engine (its SQL needs the engine function " +
                              name + "); run it on the DuckDB engine");
  }
}

std::string function_name(const std::string& name, const Dialect& dialect) {
  check_supported(name, dialect);
  auto it = dialect.function_names.find(name);
  return it == dialect.function_names.end() ? name : it->second;
}

/// The name a user function registered with the engine as `name` is called by: the one the
/// dialect lists for it (a Spark session's own registration), else `name`. Never refused.
std::string user_function_name(const std::string& name, const Dialect& dialect) {
  auto it = dialect.function_names.find(name);
  return it == dialect.function_names.end() ? name : it->second;
}

/// A type name given as the engine's own (sql_cast_to_engine_type), in the dialect's words.
std::string engine_type_name(const std::string& type, const Dialect& dialect) {
  if (dialect.engine_type_names.empty()) return type;
  auto it = dialect.engine_type_names.find(type);
  if (it == dialect.engine_type_names.end()) {
    throw NotImplementedError("the engine type " + type + " is not yet on the " + dialect.name + " engine; run it on the DuckDB engine");
  }
  return it->second;
}

/// `e` (a form's writing of an aggregate) with each of its aggregate calls (sum, count,
/// var_pop, covar_samp, corr) over `window`'s partition, order and frame.
SqlExprPtr over_window(const SqlExprPtr& e, const SqlExpr& window) {
  if (e->kind == SqlExpr::Kind::Function && (e->name == "sum" || e->name == "count" || e->name == "var_pop" ||
                                             e->name == "covar_samp" || e->name == "corr")) {
    auto w = std::make_shared<SqlExpr>(window);
    w->name = e->name;
    w->args = e->args;
    w->distinct = false;
    return w;
  }
  if (e->args.empty()) return e;
  auto copy = std::make_shared<SqlExpr>(*e);
  for (auto& a : copy->args) a = over_window(a, window);
  return copy;
}

}  // namespace

/// The dialect's own writing of `e` (Dialect::function_forms, operator_forms), or null where
/// `e` is rendered as it is. Not for ordered or filtered aggregates. A window of a function
/// with a form (Spark's float sums) is the form with its aggregates over that window.
SqlExprPtr dialect_form(const SqlExpr& e, const Dialect& dialect) {
  if (e.as_is) return nullptr;
  const auto& f = e.frame;
  const bool empty_rows = f && !f->range && !f->start_preceding && !f->end_preceding && f->preceding && f->following &&
                          *f->preceding + *f->following < 0;
  // (by a time offset: RANGE BETWEEN key_start PRECEDING AND key_end PRECEDING, decimal digits)
  const bool empty_range = f && f->start_preceding && f->literal_key && !f->key_end.empty() &&
                           (f->key_start.size() < f->key_end.size() ||
                            (f->key_start.size() == f->key_end.size() && f->key_start < f->key_end));
  if (dialect.spark_syntax && e.kind == SqlExpr::Kind::Window && (empty_rows || empty_range) && e.name != "lag" &&
      e.name != "lead") {
    // Spark refuses a frame that ends before it starts (rolling(1, closed="neither"), or by one
    // microsecond): the same aggregate of no value, over the row alone with its values masked
    // (count 0, else NULL)
    auto w = std::make_shared<SqlExpr>(e);
    w->frame = SqlFrame{0, 0};
    if (w->name == "count_star" || (w->args.size() == 1 && w->args[0]->kind == SqlExpr::Kind::Star)) {
      w->name = "count";  // (of the row's masked 1)
      w->args = {sql_literal(int64_t{1}, DType::Int64)};
    }
    for (size_t i = 0; i < w->args.size(); ++i) {
      if (i == 0 || w->args[i]->kind != SqlExpr::Kind::Literal) {
        w->args[i] = sql_case({{sql_literal(false, DType::Boolean), w->args[i]}}, nullptr);
      }
    }
    return w;
  }
  if (dialect.spark_syntax && e.kind == SqlExpr::Kind::Window && e.name == "median" && !e.distinct &&
      (e.frame || !e.order.empty())) {
    // Spark's median takes no ORDER BY or frame: the window's values collected and sorted, and
    // the middle one (between the two middle ones, as DuckDB interpolates), NULL for none
    auto values = std::make_shared<SqlExpr>(e);
    values->name = "collect_list";
    auto sorted = sql_function("array_sort", {values});
    auto size = sql_function("size", {sorted});
    auto integer = [](int64_t v) { return sql_literal(v, DType::Int64); };
    auto at = [&](int64_t k) {
      auto position = sql_cast(sql_infix("//", sql_infix("+", size, integer(k)), integer(2)), DType::integer(32, false));
      return sql_cast(sql_function("element_at", {sorted, position}), DType::Float64);
    };
    auto middle = sql_infix("+", at(1), sql_infix("*", sql_infix("-", at(2), at(1)), sql_literal(0.5, DType::Float64)));
    return sql_case({{sql_infix(">", size, integer(0)), middle}}, nullptr);
  }
  if (e.kind == SqlExpr::Kind::Window && !e.distinct && !e.ignore_nulls && e.name.rfind("cormorant_", 0) == 0) {
    auto it = dialect.function_forms.find(e.name);
    if (it != dialect.function_forms.end()) return over_window(it->second(e.args), e);
  }
  const std::map<std::string, Dialect::Form>* forms = nullptr;
  if (e.kind == SqlExpr::Kind::Function && e.order.empty() && !e.filter && !e.distinct) forms = &dialect.function_forms;
  if (e.kind == SqlExpr::Kind::Infix) forms = &dialect.operator_forms;
  if (!forms) return nullptr;
  auto it = forms->find(e.name);
  return it == forms->end() ? nullptr : it->second(e.args);
}

namespace {

/// The longest SQL text of one expression: a chain of operations that each repeat their
/// operand (x // y writes x three times) grows exponentially; past this it is refused rather
/// than written out.
constexpr size_t kMaxExprSqlBytes = size_t{64} << 20;

/// Renders an expression tree iteratively (an explicit stack, no recursion on depth): each
/// frame emits its pieces in order, strings and child slots interleaved.
std::string render(const SqlExprPtr& root, const Dialect& dialect) {
  struct Piece {
    const SqlExpr* expr = nullptr;  // a child to render, or null for literal text
    std::string text;
  };
  std::vector<Piece> stack{{root.get(), {}}};
  std::vector<SqlExprPtr> forms;
  std::string out;
  while (!stack.empty()) {
    Piece p = std::move(stack.back());
    stack.pop_back();
    if (!p.expr) {
      out += p.text;
      if (out.size() > kMaxExprSqlBytes) {
        throw PlanTooDeepError("the SQL of an expression would be longer than 64 MB (a chain of operations that "
                               "each repeat their operand); compute part of it first with .cache() and continue "
                               "from the result");
      }
      continue;
    }
    if (SqlExprPtr form = dialect_form(*p.expr, dialect)) {
      stack.push_back({form.get(), {}});
      forms.push_back(std::move(form));  // (kept alive while its pieces are on the stack)
      continue;
    }
    const SqlExpr& e = *p.expr;
    std::vector<Piece> parts;  // in output order; pushed reversed
    auto text = [&](std::string t) { parts.push_back({nullptr, std::move(t)}); };
    auto child = [&](const SqlExprPtr& c) { parts.push_back({c.get(), {}}); };
    if (dialect.spark_syntax && e.name == "product" && !e.distinct &&
        (e.kind == SqlExpr::Kind::Window || (e.kind == SqlExpr::Kind::Function && e.order.empty()))) {
      // Spark SQL has no product: the values collected (over the same window, or the group's,
      // with the same FILTER) and multiplied as doubles in the order collected (a running
      // window's: row order, as pandas' cumprod), NULL for none, as DuckDB's product.
      auto values = std::make_shared<SqlExpr>(e);
      values->name = "collect_list";
      text("aggregate(");
      child(values);
      text(", CAST(NULL AS DOUBLE), (acc, v) -> coalesce(acc, CAST(1 AS DOUBLE)) * CAST(v AS DOUBLE))");
      forms.push_back(std::move(values));  // (kept alive while its pieces are on the stack)
      for (auto it = parts.rbegin(); it != parts.rend(); ++it) stack.push_back(std::move(*it));
      continue;
    }
    switch (e.kind) {
      case SqlExpr::Kind::Column:
        if (!e.qualifier.empty()) text(quote_identifier(e.qualifier, dialect) + ".");
        text(quote_identifier(e.name, dialect));
        break;
      case SqlExpr::Kind::Star: text("*"); break;
      case SqlExpr::Kind::Window: {
        // Spark has no DISTINCT in a window: count(DISTINCT x) is the size of the set of x's
        // values (both leave out missing ones)
        const bool set_size = dialect.spark_syntax && e.distinct && e.name == "count";
        if (set_size) {
          text("CAST(size(collect_set(");
        } else if (dialect.spark_syntax && e.name == "count_star") {
          text("count(*");  // (DuckDB's count_star())
        } else {
          text(function_name(e.name, dialect) + (e.distinct ? "(DISTINCT " : "("));
        }
        for (size_t i = 0; i < e.args.size(); ++i) {
          if (i) text(", ");
          const SqlExpr& a = *e.args[i];
          if (dialect.spark_syntax && i == 1 && (e.name == "lag" || e.name == "lead") && a.kind == SqlExpr::Kind::Literal &&
              a.value.holds<int64_t>()) {
            // Spark takes an INT offset only (a BIGINT: "window frame"); a window's partition holds
            // fewer rows than that (Spark counts them in an INT), so a larger offset is the same
            text(std::to_string(std::min<int64_t>(a.value.get<int64_t>(), std::numeric_limits<int32_t>::max())));
            continue;
          }
          child(e.args[i]);
        }
        if (e.ignore_nulls) {
          // Spark's first_value/last_value take IGNORE NULLS as their second argument
          const bool flag = dialect.spark_syntax && (e.name == "first_value" || e.name == "last_value");
          text(flag ? ", true" : " IGNORE NULLS");
        }
        text(") OVER (");
        // (Spark's frame bounds are literals: a window by a time offset is a RANGE over its order key)
        const bool by_key = dialect.spark_syntax && e.frame && e.frame->start_preceding;
        if (by_key && !e.frame->literal_key) {
          throw NotImplementedError("this rolling window by a time offset is not yet on the Spark engine; run it on the DuckDB engine");
        }
        const std::vector<SqlOrderKey> order = by_key ? std::vector<SqlOrderKey>{{e.frame->literal_key, true, true}} : e.order;
        // Spark refuses row_number, rank, lag... over an unordered window (partial mode), which
        // DuckDB numbers in any order: ORDER BY a constant, every row a peer, is the same
        const bool unordered = dialect.spark_syntax && order.empty() &&
                               (e.name == "row_number" || e.name == "rank" || e.name == "dense_rank" ||
                                e.name == "percent_rank" || e.name == "cume_dist" || e.name == "ntile" ||
                                e.name == "lag" || e.name == "lead");
        if (!e.partition.empty()) {
          text("PARTITION BY ");
          for (size_t i = 0; i < e.partition.size(); ++i) {
            if (i) text(", ");
            child(e.partition[i]);
          }
          if (!order.empty() || unordered) text(" ");
        }
        if (unordered) text("ORDER BY NULL");
        if (!order.empty()) {
          text("ORDER BY ");
          for (size_t i = 0; i < order.size(); ++i) {
            if (i) text(", ");
            child(order[i].expr);
            text(std::string(order[i].ascending ? " ASC" : " DESC") + (order[i].nulls_last ? " NULLS LAST" : " NULLS FIRST"));
          }
        }
        // DuckDB 1.5 runs a window aggregate over its whole partition with its "constant"
        // aggregator, which hands a C API aggregate (cormorant's own, engine/) one state for many
        // rows without flattening it: a crash. A bounded end (as wide) takes the segment tree.
        const bool whole_partition = e.frame ? !e.frame->preceding && !e.frame->following && !e.frame->start_preceding &&
                                                   !e.frame->end_preceding
                                             : e.order.empty();
        if (!dialect.spark_syntax && whole_partition && e.name.rfind("cormorant_", 0) == 0) {
          text(" ROWS BETWEEN UNBOUNDED PRECEDING AND 9223372036854775807 FOLLOWING");
        } else if (e.frame && !(dialect.spark_syntax && (e.name == "lag" || e.name == "lead"))) {
          // (DuckDB's lag and lead ignore a frame; Spark refuses one)
          // (Spark's ROWS bounds are INTs: a partition holds fewer rows, so a larger one is UNBOUNDED)
          const bool int_bounds = dialect.spark_syntax && !e.frame->range;
          constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
          auto bound = [&](const std::optional<int64_t>& n, const char* side) {
            if (!n || (int_bounds && *n > kIntMax)) return std::string("UNBOUNDED ") + side;
            if (*n == 0) return std::string("CURRENT ROW");
            if (*n < 0) {  // (a frame ending before the row)
              return std::to_string(int_bounds ? std::min(-*n, kIntMax) : -*n) + " PRECEDING";
            }
            return std::to_string(*n) + " " + side;
          };
          if (by_key) {
            const auto& f = *e.frame;  // (never empty: dialect_form)
            auto bound = [&](const std::string& digits) { return "CAST('" + digits + "' AS DECIMAL(38,0)) PRECEDING"; };
            text(" RANGE BETWEEN " + bound(f.key_start) + " AND " + (f.key_end.empty() ? "CURRENT ROW" : bound(f.key_end)));
            text(set_size ? ")) AS BIGINT)" : ")");
            break;
          }
          text(e.frame->range ? " RANGE BETWEEN " : " ROWS BETWEEN ");
          if (e.frame->start_preceding) {
            text("(");
            child(e.frame->start_preceding);
            text(") PRECEDING");
          } else if (e.frame->preceding == 0 && e.frame->following && *e.frame->following < 0) {
            text("0 PRECEDING");  // (an empty frame: the engine refuses CURRENT ROW before an end that precedes it)
          } else {
            text(bound(e.frame->preceding, "PRECEDING"));
          }
          text(" AND ");
          if (e.frame->end_preceding) {
            text("(");
            child(e.frame->end_preceding);
            text(") PRECEDING");
          } else {
            text(bound(e.frame->following, "FOLLOWING"));
          }
        }
        text(set_size ? ")) AS BIGINT)" : ")");
        break;
      }
      case SqlExpr::Kind::Literal: text(literal_text(e.value, e.dtype, dialect)); break;
      case SqlExpr::Kind::Prefix:
        text("(" + e.name + (e.name.back() == '-' ? "" : " "));
        child(e.args[0]);
        text(")");
        break;
      case SqlExpr::Kind::Postfix:
        text("(");
        child(e.args[0]);
        text(" " + e.name + ")");
        break;
      case SqlExpr::Kind::Infix: {
        auto op = dialect.operator_names.find(e.name);
        text("(");
        child(e.args[0]);
        text(" " + (op == dialect.operator_names.end() ? e.name : op->second) + " ");
        child(e.args[1]);
        text(")");
        break;
      }
      case SqlExpr::Kind::Function:
        if (dialect.spark_syntax && !e.order.empty() && (e.name == "first" || e.name == "last") && e.args.size() == 1 &&
            std::any_of(e.order.begin(), e.order.end(), [&](const SqlOrderKey& o) { return o.ascending != e.order[0].ascending; })) {
          // Keys of both directions (min_by/max_by take one): the group's (keys, x) records
          // sorted by a comparator of the keys in their directions and NULLS placements, and
          // the first (last) one's x; none (every row filtered out) gives NULL.
          text("try_element_at(array_sort(collect_list(named_struct(");
          for (size_t i = 0; i < e.order.size(); ++i) {
            text("'k" + std::to_string(i) + "', ");
            child(e.order[i].expr);
            text(", ");
          }
          text("'v', ");
          child(e.args[0]);
          text("))");
          if (e.filter) {
            text(" FILTER (WHERE ");
            child(e.filter);
            text(")");
          }
          text(", (l, r) -> CASE");
          for (size_t i = 0; i < e.order.size(); ++i) {
            const std::string l = "l.k" + std::to_string(i), r = "r.k" + std::to_string(i);
            const std::string later = e.order[i].nulls_last ? "1" : "-1", earlier = e.order[i].nulls_last ? "-1" : "1";
            const std::string less = e.order[i].ascending ? "-1" : "1", more = e.order[i].ascending ? "1" : "-1";
            text(" WHEN (" + l + " IS NULL) <> (" + r + " IS NULL) THEN CASE WHEN " + l + " IS NULL THEN " + later +
                 " ELSE " + earlier + " END WHEN " + l + " < " + r + " THEN " + less + " WHEN " + l + " > " + r +
                 " THEN " + more);
          }
          text(" ELSE 0 END), " + std::string(e.name == "first" ? "1" : "-1") + ").v");
          break;
        }
        if (dialect.spark_syntax && !e.order.empty()) {
          // first/last(x ORDER BY k) is min_by/max_by(x, k) on Spark, which skips rows whose k is
          // missing: the same where those would not be picked (and some k is present: the
          // compiler's keys are row positions); where they would be, the key is the struct
          // (k is missing first, k), which is never missing. Several keys of one direction:
          // the struct of (where missing ones go, key) for each, in the ascending order of that
          // direction (descending keys read backwards: their NULLS LAST comes first).
          const SqlOrderKey& k = e.order[0];
          bool one_direction = true;
          for (const auto& o : e.order) one_direction = one_direction && o.ascending == k.ascending;
          if ((e.name != "first" && e.name != "last") || !one_direction || e.args.size() != 1) {
            throw NotImplementedError("an ordered " + e.name + " aggregate is not yet on the Spark engine; run it on the DuckDB engine");
          }
          const bool smallest = (e.name == "first") == k.ascending;
          text(smallest ? "min_by(" : "max_by(");
          child(e.args[0]);
          text(", ");
          if (e.order.size() > 1) {
            text("struct(");
            for (size_t i = 0; i < e.order.size(); ++i) {
              text(i ? ", " : "");
              child(e.order[i].expr);
              text(e.order[i].nulls_last == k.ascending ? " IS NULL, " : " IS NOT NULL, ");
              child(e.order[i].expr);
            }
            text(")");
          } else {
            const bool missing_picked = (e.name == "first") != k.nulls_last;
            if (missing_picked) {
              text("struct(");
              child(k.expr);
              text(smallest ? " IS NOT NULL, " : " IS NULL, ");
            }
            child(k.expr);
            if (missing_picked) text(")");
          }
        } else {
          text((e.user_function ? user_function_name(e.name, dialect) : function_name(e.name, dialect)) +
               (e.distinct ? "(DISTINCT " : "("));
          for (size_t i = 0; i < e.args.size(); ++i) {
            if (i) text(", ");
            child(e.args[i]);
          }
          for (size_t i = 0; i < e.order.size(); ++i) {
            text(i ? ", " : " ORDER BY ");
            child(e.order[i].expr);
            text(std::string(e.order[i].ascending ? " ASC" : " DESC") + (e.order[i].nulls_last ? " NULLS LAST" : " NULLS FIRST"));
          }
        }
        text(")");
        if (e.filter) {
          text(" FILTER (WHERE ");
          child(e.filter);
          text(")");
        }
        break;
      case SqlExpr::Kind::Cast:
        text((e.name.empty() ? std::string("CAST") : e.name) + "(");
        child(e.args[0]);
        text(" AS " + (e.value.holds<std::string>() ? engine_type_name(e.value.get<std::string>(), dialect)
                       : e.decimal_width ? "DECIMAL(" + std::to_string(e.decimal_width) + "," + std::to_string(e.decimal_scale) + ")"
                                         : dialect.type_name(e.dtype)) + ")");
        break;
      case SqlExpr::Kind::Case: {
        bool has_else = e.name == "ELSE";
        size_t pairs = (e.args.size() - (has_else ? 1 : 0)) / 2;
        text("CASE");
        for (size_t i = 0; i < pairs; ++i) {
          text(" WHEN ");
          child(e.args[2 * i]);
          text(" THEN ");
          child(e.args[2 * i + 1]);
        }
        if (has_else) {
          text(" ELSE ");
          child(e.args.back());
        }
        text(" END");
        break;
      }
      case SqlExpr::Kind::InRelation:
        text("(");
        child(e.args[0]);
        if (e.args.size() == 1) {
          text(" IN (SELECT " + quote_identifier(e.value.get<std::string>(), dialect) + " FROM " +
               quote_identifier(e.name, dialect) + "))");
          break;
        }
        text(" IN (SELECT ");
        child(e.args[1]);
        text(" FROM " + quote_identifier(e.name, dialect));
        if (e.filter) {
          text(" WHERE ");
          child(e.filter);
        }
        text("))");
        break;
      case SqlExpr::Kind::NotInRelation: {
        // Inside, only the renamed column is in scope besides the outer relation's columns
        // (generated names never take this one): x keeps meaning the outer row.
        const std::string member = quote_identifier("cormorant_member", dialect);
        const std::string members = quote_identifier("cormorant_members", dialect);
        text("(NOT EXISTS (SELECT 1 FROM (SELECT " + quote_identifier(e.value.get<std::string>(), dialect) + " AS " +
             member + " FROM " + quote_identifier(e.name, dialect) + ") AS " + members + " WHERE (" + members + "." +
             member + " = ");
        child(e.args[0]);
        text(")))");
        break;
      }
      case SqlExpr::Kind::ScalarSubquery:
        text("(SELECT " + quote_identifier(e.value.get<std::string>(), dialect) + " FROM " +
             quote_identifier(e.name, dialect) + ")");
        break;
      case SqlExpr::Kind::InList:
        text("(");
        child(e.args[0]);
        text(" IN (");
        for (size_t i = 1; i < e.args.size(); ++i) {
          if (i > 1) text(", ");
          child(e.args[i]);
        }
        text("))");
        break;
      case SqlExpr::Kind::List:
        text(dialect.spark_syntax ? "array(" : "[");
        for (size_t i = 0; i < e.args.size(); ++i) {
          if (i) text(", ");
          child(e.args[i]);
        }
        text(dialect.spark_syntax ? ")" : "]");
        break;
    }
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) stack.push_back(std::move(*it));
  }
  return out;
}

/// A Parquet read in Spark SQL: each file named on its own (`parquet.`path``, or the session's
/// view of it that Dialect::parquet_relation names; never a folder, whose partition discovery
/// would replace data columns by folder values), several files as a UNION ALL in the list's
/// order. A file's row number is `_metadata.row_index` (a view has it as `file_row_number`);
/// its name is the path as given (a literal, as DuckDB's `filename` gives it: Spark's
/// `_metadata.file_path` is a URI), so that positions compile alike on both engines.
/// DuckDB: a list of the files a Parquet reader reads (never patterns: a table's manifest, a
/// glob's files) as patterns that match each file alone (duckdb_file_pattern); other lists as
/// they are.
SqlExprPtr files_named(const SqlExprPtr& list, const std::string& function) {
  static const std::set<std::string> readers{"read_parquet", "parquet_metadata", "parquet_file_metadata",
                                             "parquet_kv_metadata"};
  if (!readers.count(function)) return list;
  std::vector<SqlExprPtr> items;
  for (const auto& item : list->args) {
    const bool text = item->kind == SqlExpr::Kind::Literal && item->value.holds<std::string>();
    items.push_back(text ? sql_literal(duckdb_file_pattern(item->value.get<std::string>()), DType::String) : item);
  }
  return sql_list(std::move(items));
}

std::string spark_table_function(const FromItem& from, const Dialect& dialect) {
  auto is_path = [](const SqlExprPtr& e) {
    return e->kind == SqlExpr::Kind::Literal && e->value.holds<std::string>();
  };
  std::vector<std::string> paths;
  if (from.name == "read_parquet" && from.args.size() == 1 && is_path(from.args[0])) {
    paths.push_back(from.args[0]->value.get<std::string>());
  } else if (from.name == "read_parquet" && from.args.size() == 1 && from.args[0]->kind == SqlExpr::Kind::List) {
    for (const auto& item : from.args[0]->args) {
      if (!is_path(item)) throw InternalError("internal error: a Parquet file list holds a non-text item");
      paths.push_back(item->value.get<std::string>());
    }
  }
  if (paths.empty()) {
    throw NotImplementedError("reading " + from.name + " is not yet on the Spark engine; run it on the DuckDB engine");
  }
  bool row_numbers = false, filenames = false;
  for (const auto& [k, v] : from.named_args) {
    const bool on = v->kind == SqlExpr::Kind::Literal && v->value.holds<bool>() && v->value.get<bool>();
    if (k == "file_row_number" && on) {
      row_numbers = true;
    } else if (k == "filename" && on) {
      filenames = true;
    } else if (k != "hive_partitioning" || on) {
      throw NotImplementedError("a Parquet read with " + k + " is not yet on the Spark engine; run it on the DuckDB engine");
    }
  }
  std::string out = "(";
  for (size_t i = 0; i < paths.size(); ++i) {
    std::string view = dialect.parquet_relation ? dialect.parquet_relation(paths[i], row_numbers) : "";
    out += i ? " UNION ALL SELECT *" : "SELECT *";
    if (row_numbers && view.empty()) out += ", _metadata.row_index AS " + quote_identifier("file_row_number", dialect);
    if (filenames) out += ", " + render(sql_literal(paths[i], DType::String), dialect) + " AS " + quote_identifier("filename", dialect);
    out += " FROM " + (view.empty() ? spark_parquet_relation(paths[i]) : quote_identifier(view, dialect));
  }
  return out + ")";
}

std::string render_from(const FromItem& from, const Dialect& dialect) {
  std::string out;
  auto alias_columns = [&] {
    std::string cols;
    for (size_t i = 0; i < from.column_names.size(); ++i) {
      cols += (i ? ", " : "") + quote_identifier(from.column_names[i], dialect);
    }
    return cols;
  };
  switch (from.kind) {
    case FromItem::Kind::Relation:
      out = quote_identifier(from.name, dialect);
      return from.alias.empty() ? out : out + " AS " + quote_identifier(from.alias, dialect);
    case FromItem::Kind::TableFunction: {
      if (dialect.spark_syntax) return spark_table_function(from, dialect);
      out = function_name(from.name, dialect) + "(";
      bool first = true;
      for (const auto& a : from.args) {
        out += (first ? "" : ", ") + render(a->kind == SqlExpr::Kind::List ? files_named(a, from.name) : a, dialect);
        first = false;
      }
      for (const auto& [k, v] : from.named_args) {
        out += (first ? "" : ", ") + k + " = " + render(v, dialect);
        first = false;
      }
      return out + ")";
    }
    case FromItem::Kind::Subquery: return "(" + from.name + ") AS " + quote_identifier("q", dialect);
    case FromItem::Kind::Values: {
      if (dialect.spark_syntax) {
        if (std::string range = spark_values_as_range(from, dialect); !range.empty()) return range;
      }
      out = "(VALUES ";
      for (size_t r = 0; r < from.rows.size(); ++r) {
        out += r ? ", (" : "(";
        for (size_t c = 0; c < from.rows[r].size(); ++c) out += (c ? ", " : "") + render(from.rows[r][c], dialect);
        out += ")";
      }
      return out + ") AS " + quote_identifier("v", dialect) + "(" + alias_columns() + ")";
    }
  }
  return out;
}

bool has_window(const SqlExprPtr& e) {
  if (!e) return false;
  if (e->kind == SqlExpr::Kind::Window) return true;
  return std::any_of(e->args.begin(), e->args.end(), has_window) || has_window(e->filter);
}

/// Dialect::sort_in_one_task: whether the outermost SELECT `s` sorts its rows in one task.
bool sorts_in_one_task(const Select& s, const Dialect& dialect) {
  if (!dialect.sort_in_one_task || s.order_by.empty() || s.limit || s.offset || !s.union_all.empty()) return false;
  // (a key that is not a column of the result, e.g. a row position the SELECT drops, cannot be
  // resolved above the repartition: Spark's UNRESOLVED_COLUMN)
  auto selected = [&](const SqlOrderKey& k) {
    return k.expr && k.expr->kind == SqlExpr::Kind::Column &&
           std::any_of(s.items.begin(), s.items.end(), [&](const auto& item) {
             return item.first->kind == SqlExpr::Kind::Star || item.second == k.expr->name;
           });
  };
  return std::none_of(s.items.begin(), s.items.end(), [](const auto& item) { return has_window(item.first); }) &&
         std::all_of(s.order_by.begin(), s.order_by.end(), selected);
}

void render_select(std::ostringstream& out, const Select& s, const Dialect& dialect, const std::string& indent,
                   bool outermost = false) {
  constexpr int64_t kIntMax = std::numeric_limits<int32_t>::max();
  if (dialect.spark_syntax && s.offset > kIntMax) {
    // Spark's OFFSET is an INT: OFFSET 2**31 - 1 leaves no row, as the larger one does, unless
    // the rows are more than that; then the query fails (typed) rather than answer wrongly
    Select within = s;
    within.offset = kIntMax;
    within.union_all.clear();
    out << indent << "SELECT *\n" << indent << "FROM (\n";
    render_select(out, within, dialect, indent + "  ");
    auto refusal = sql_raise(ErrorKind::NotImplemented,
                             {sql_literal("an OFFSET of " + std::to_string(s.offset) + " rows over more than " +
                                              std::to_string(kIntMax) + " rows is not yet on the Spark engine; run it on the "
                                              "DuckDB engine", DType::String)},
                             DType::Boolean);
    out << "\n" << indent << ") AS " << quote_identifier("o", dialect) << "\n" << indent << "WHERE "
        << render(refusal, dialect) << " IS NULL";
    for (const auto& next : s.union_all) {
      out << "\n" << indent << "UNION ALL\n";
      render_select(out, *next, dialect, indent);
    }
    return;
  }
  out << indent << "SELECT";
  if (outermost && sorts_in_one_task(s, dialect)) out << " /*+ REPARTITION(1) */";
  for (size_t i = 0; i < s.items.size(); ++i) {
    out << (i ? "," : "") << "\n" << indent << "  " << render(s.items[i].first, dialect);
    const auto& alias = s.items[i].second;
    bool plain_column = (s.items[i].first->kind == SqlExpr::Kind::Column && s.items[i].first->name == alias) ||
                        s.items[i].first->kind == SqlExpr::Kind::Star;
    if (!plain_column) out << " AS " << quote_identifier(alias, dialect);
  }
  out << "\n" << indent << "FROM " << render_from(s.from, dialect);
  for (const auto& j : s.joins) {
    out << "\n" << indent << j.type << " JOIN " << render_from(j.right, dialect) << " ON " << render(j.on, dialect);
  }
  if (s.where) out << "\n" << indent << "WHERE " << render(s.where, dialect);
  for (size_t i = 0; i < s.group_by.size(); ++i) {
    out << (i ? ", " : "\n" + indent + "GROUP BY ") << render(s.group_by[i], dialect);
  }
  if (!s.order_by.empty()) {
    out << "\n" << indent << "ORDER BY ";
    for (size_t i = 0; i < s.order_by.size(); ++i) {
      const auto& k = s.order_by[i];
      out << (i ? ", " : "") << render(k.expr, dialect) << (k.ascending ? " ASC" : " DESC")
          << (k.nulls_last ? " NULLS LAST" : " NULLS FIRST");
    }
  }
  if (s.limit && dialect.spark_syntax && *s.limit > std::numeric_limits<int32_t>::max()) {
    // Spark's LIMIT is an INT: no limit at all is left out; a larger one is refused
    if (*s.limit != std::numeric_limits<int64_t>::max()) {
      throw NotImplementedError("a LIMIT of " + std::to_string(*s.limit) + " rows is not yet on the Spark engine; run it on the DuckDB engine");
    }
  } else if (s.limit) {
    out << "\n" << indent << "LIMIT " << *s.limit;
  }
  if (s.offset) out << "\n" << indent << "OFFSET " << s.offset;
  for (const auto& next : s.union_all) {
    out << "\n" << indent << "UNION ALL\n";
    render_select(out, *next, dialect, indent);
  }
}

}  // namespace

std::string spark_parquet_view_sql(const std::string& path, bool row_numbers) {
  const Dialect& dialect = spark_dialect();
  return std::string("SELECT *") +
         (row_numbers ? ", _metadata.row_index AS " + quote_identifier("file_row_number", dialect) : "") +
         " FROM " + spark_parquet_relation(path);
}

std::string spark_parquet_relation(const std::string& path) {
  // Spark globs the path with Hadoop's patterns, in which a backslash escapes the next character.
  std::string literal;
  for (char c : path) {
    if (std::string_view("\\*?[]{}").find(c) != std::string_view::npos) literal += '\\';
    literal += c;
  }
  return "parquet." + quote_identifier(literal, spark_dialect());
}

std::string duckdb_file_pattern(const std::string& path) {
  if (path.find_first_of("*?[") == std::string::npos) return path;  // (read as it is: no glob)
  if (path.find('\\') != std::string::npos) {
    // (the engine's globs split paths at backslashes too)
    throw NotImplementedError("the file '" + path + "' cannot be read: its name has both a backslash and one of the "
                              "characters * ? [, which the engine would read as a pattern; rename the file or its folder");
  }
  std::string pattern;
  for (char c : path) pattern += c == '*' ? "[*]" : c == '?' ? "[?]" : c == '[' ? "[[]" : std::string(1, c);
  return pattern;
}

std::string to_sql(const SqlExprPtr& expr, const Dialect& dialect) { return render(expr, dialect); }

namespace {

std::string render_query(const Query& query, const Dialect& dialect) {
  std::ostringstream out;
  for (size_t i = 0; i < query.ctes.size(); ++i) {
    out << (i ? ",\n" : "WITH ") << quote_identifier(query.ctes[i].first, dialect)
        << (dialect.spark_syntax                           ? " AS (\n"  // (Spark has no hints: it inlines CTEs)
            : query.recomputed.count(query.ctes[i].first) ? " AS NOT MATERIALIZED (\n"
            : query.kept.count(query.ctes[i].first)     ? " AS MATERIALIZED (\n"
                                                        : " AS (\n");
    render_select(out, query.ctes[i].second, dialect, "  ");
    out << "\n)";
  }
  if (!query.ctes.empty()) out << "\n";
  render_select(out, query.body, dialect, "", true);
  return out.str();
}

}  // namespace

std::string to_sql(const Query& query, const Dialect& dialect) {
  return dialect.rewrite ? render_query(dialect.rewrite(query), dialect) : render_query(query, dialect);
}

}  // namespace cormorant::compile
