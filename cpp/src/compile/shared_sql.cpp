// Operands a lowering writes out more than once, computed once in projections below.
//
// pandas' semantics often need an operand several times in SQL: float floor division reads its
// dividend eight times (fmod, the quotient, signs, the zero divisor's case), integer floor
// division three times, clip and where twice. Nested, such lowerings multiply: four chained
// `s // t` were 29 MB of SQL, six hung the compiler. Here each such operand, when large, is
// computed in a projection of its own below the node's SELECT and read there as a column, so
// the SQL grows with the plan, not with the product of the repetitions.
#include <algorithm>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "lowering.hpp"

namespace cormorant::compile {

namespace {

using plan::ExprKind;

/// An operand whose lowering has at most this many nodes is written out where it is used (a
/// column, a cast, `x + 1`): a projection of its own would cost more than the repetition.
constexpr int64_t kMaxRepeatedNodes = 12;
/// A small operand reached only through branches is bound too when the SQL would write more
/// nodes of it than this: its users there may fail, so they stay in the branches and multiply it.
constexpr int64_t kMaxWrittenNodes = 256;
/// Sizes are counted up to this (repetition makes them exponential).
constexpr int64_t kSizeCap = int64_t{1} << 40;

int64_t capped_sum(int64_t a, int64_t b) { return std::min(a + b, kSizeCap); }
int64_t capped_product(int64_t a, int64_t b) { return a != 0 && b > kSizeCap / a ? kSizeCap : std::min(a * b, kSizeCap); }

/// The distinct subexpressions of `roots`, operands before the expressions using them.
std::vector<const plan::Expr*> post_order(const std::vector<plan::ExprPtr>& roots) {
  std::vector<const plan::Expr*> out;
  std::unordered_set<const plan::Expr*> seen;
  std::vector<std::pair<const plan::Expr*, bool>> stack;
  for (auto it = roots.rbegin(); it != roots.rend(); ++it) stack.push_back({it->get(), false});
  while (!stack.empty()) {
    auto [e, expanded] = stack.back();
    stack.pop_back();
    if (expanded) {
      out.push_back(e);
      continue;
    }
    if (!seen.insert(e).second) continue;
    stack.push_back({e, true});
    auto operands = plan::children(*e);
    for (auto it = operands.rbegin(); it != operands.rend(); ++it) {
      if (!seen.count(*it)) stack.push_back({*it, false});
    }
  }
  return out;
}

/// The subexpressions pandas computes for every row: all but those only reached through the
/// branches of a conditional or the fallback of a coalesce, which the SQL computes only for
/// some rows (where it may be guarded: a projection below must not compute them for all).
std::unordered_set<const plan::Expr*> computed_for_every_row(const std::vector<plan::ExprPtr>& roots) {
  std::unordered_set<const plan::Expr*> out;
  std::vector<const plan::Expr*> stack;
  for (const auto& r : roots) stack.push_back(r.get());
  while (!stack.empty()) {
    const plan::Expr* e = stack.back();
    stack.pop_back();
    if (!out.insert(e).second) continue;
    if (e->kind() == ExprKind::Conditional) {
      stack.push_back(static_cast<const plan::ConditionalExpr*>(e)->condition().get());
    } else if (e->kind() == ExprKind::Coalesce) {
      stack.push_back(static_cast<const plan::CoalesceExpr*>(e)->first().get());
    } else {
      for (const plan::Expr* c : plan::children(*e)) stack.push_back(c);
    }
  }
  return out;
}

/// The dialect the plan being compiled is written in (CompilingFor); null: DuckDB's SQL as it is.
thread_local const Dialect* compiling_for = nullptr;

/// Functions of either engine that give every row a value (or NULL), whatever its operands'
/// values: text, regular expressions (whose patterns are constants cormorant checked) and
/// choices. Not arithmetic (integer overflow fails on both engines, ANSI Spark's casts and
/// divisions fail), casts (but to text, TRY_CAST), element_at (ANSI Spark's fails out of range),
/// nor anything else, unknown functions included. regexp_replace is may_fail's (Spark's fails
/// a replacement naming a group its pattern lacks, where the pattern matches; DuckDB's never).
const std::unordered_set<std::string>& total_functions() {
  static const std::unordered_set<std::string> names = {
      "coalesce", "nullif", "greatest", "least", "regexp_extract", "regexp_extract_all", "regexp_matches",
      "regexp_full_match", "rlike", "upper", "lower", "length", "substring", "substr",
      "left", "right", "concat", "concat_ws", "trim", "ltrim", "rtrim", "replace", "translate", "reverse",
      "starts_with", "startswith", "ends_with", "endswith", "contains", "strpos", "instr", "isnan"};
  return names;
}

/// The capturing groups of a Java regex; -1 where unsure (a construct not read here).
int java_groups(const std::string& p) {
  int groups = 0, depth = 0;  // (depth: of character classes, which Java nests)
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 < p.size() && p[i + 1] == 'Q') return -1;
      ++i;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && depth > 0) {
      --depth;
    } else if (c == '(' && depth == 0) {
      if (i + 1 < p.size() && p[i + 1] != '?') {
        ++groups;
      } else if (i + 3 < p.size() && p[i + 2] == '<' && p[i + 3] != '=' && p[i + 3] != '!') {
        return -1;  // (a named group)
      }
    }
  }
  return depth == 0 ? groups : -1;
}

/// Whether Spark's regexp_replace(s, pattern, replacement) gives every value one: Java fails a
/// replacement naming a group the pattern lacks (or ending in $ or \), where the pattern matches.
bool java_replacement_total(const SqlExpr& pattern, const SqlExpr& replacement) {
  if (pattern.kind != SqlExpr::Kind::Literal || replacement.kind != SqlExpr::Kind::Literal ||
      !pattern.value.holds<std::string>() || !replacement.value.holds<std::string>()) {
    return false;
  }
  int groups = java_groups(pattern.value.get<std::string>());
  const std::string& r = replacement.value.get<std::string>();
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == '\\') {
      if (++i == r.size()) return false;
    } else if (r[i] == '$') {
      if (++i == r.size() || r[i] < '0' || r[i] > '9' || r[i] - '0' > groups) return false;
    }
  }
  return true;
}

/// Whether one SQL node, its operands aside, may fail a row on either engine (see
/// total_functions); an operand guarded by a branch it is not on then must not move out of it.
bool may_fail(const SqlExpr& n) {
  using K = SqlExpr::Kind;
  static const std::unordered_set<std::string> total_operators = {"=", "<>", "!=", "<", "<=", ">", ">=", "AND", "OR",
                                                                  "NOT", "IS NULL", "IS NOT NULL", "||",
                                                                  "IS DISTINCT FROM", "IS NOT DISTINCT FROM"};
  switch (n.kind) {
    case K::Column:
    case K::Literal:
    case K::Case:
    case K::InList:
    case K::List:
      return false;
    case K::Prefix:
    case K::Postfix:
    case K::Infix:
      return !total_operators.count(n.name);
    case K::Cast:
      return n.name != "TRY_CAST" && n.dtype != DType::String;
    case K::Function:
      if (n.user_function || !n.order.empty() || n.filter || n.distinct) return true;
      if (n.name == "lpad" || n.name == "rpad") {  // (DuckDB's fails a fill of no characters)
        return n.args.size() != 3 || n.args[2]->kind != K::Literal ||
               !n.args[2]->value.holds<std::string>() || n.args[2]->value.get<std::string>().empty();
      }
      if (n.name == "regexp_replace") {
        bool duckdb = compiling_for == nullptr || compiling_for == &duckdb_dialect();
        return !duckdb && (n.args.size() != 3 || !java_replacement_total(*n.args[1], *n.args[2]));
      }
      // (DuckDB's functions of Python's str methods, engine/unicode_functions.cpp; Spark's forms)
      if (n.name.rfind("cormorant_str_", 0) == 0) return false;
      return !total_functions().count(n.name);
    default:
      return true;
  }
}

/// What one subexpression's own lowering holds, its operands' lowerings aside.
struct Local {
  int64_t nodes = 0;                                  ///< its own SQL nodes, as a tree
  std::unordered_map<const plan::Expr*, int64_t> uses;  ///< how often it writes each operand
  bool may_fail = false;                              ///< whether one of its own nodes may fail a row
};

/// Walks `sql` (the lowering of one subexpression) as a tree, stopping at the lowerings of
/// other subexpressions (`owner`), and counts them; a node the dialect writes in a form of its
/// own (compiling_for) is counted as that form writes it, its operands as often as it does.
Local walk(const SqlExprPtr& sql, const std::unordered_map<const SqlExpr*, const plan::Expr*>& owner) {
  Local out;
  if (auto o = owner.find(sql.get()); o != owner.end()) {  // (a cast to the same dtype is its operand)
    out.uses[o->second] = 1;
    return out;
  }
  std::vector<const SqlExpr*> stack{sql.get()};
  std::vector<SqlExprPtr> forms;  // (the forms' trees, alive while walked)
  while (!stack.empty()) {
    const SqlExpr* n = stack.back();
    stack.pop_back();
    if (!n) continue;
    if (n != sql.get()) {
      if (auto o = owner.find(n); o != owner.end()) {
        ++out.uses[o->second];
        continue;
      }
    }
    if (compiling_for) {
      if (auto form = dialect_form(*n, *compiling_for)) {
        forms.push_back(form);
        stack.push_back(form.get());
        continue;
      }
    }
    ++out.nodes;
    out.may_fail = out.may_fail || may_fail(*n);
    for (const auto& a : n->args) stack.push_back(a.get());
    for (const auto& p : n->partition) stack.push_back(p.get());
    for (const auto& k : n->order) stack.push_back(k.expr.get());
    stack.push_back(n->filter.get());
    if (n->frame) {
      stack.push_back(n->frame->start_preceding.get());
      stack.push_back(n->frame->end_preceding.get());
    }
  }
  return out;
}

/// `e` as the pointer lower() takes, not owning it: the plan does, for all of compilation.
plan::ExprPtr unowned(const plan::Expr* e) { return plan::ExprPtr(plan::ExprPtr{}, e); }

}  // namespace

CompilingFor::CompilingFor(const Dialect& dialect) : previous_(compiling_for) { compiling_for = &dialect; }
CompilingFor::~CompilingFor() { compiling_for = previous_; }

std::vector<Select> bind_repeated_operands(const std::vector<plan::ExprPtr>& roots,
                                           const std::vector<std::string>& passed, Names& names) {
  names.bound.clear();
  names.lowered.clear();
  auto order = post_order(roots);
  // Each subexpression lowered once, operands first, so an operand's lowering is one tree
  // wherever it is used: how often each lowering writes each operand is then countable.
  std::unordered_map<const SqlExpr*, const plan::Expr*> owner;
  std::unordered_map<const plan::Expr*, Local> local;
  std::unordered_map<const plan::Expr*, int64_t> uses;
  for (const auto& r : roots) ++uses[r.get()];
  for (const plan::Expr* e : order) {
    auto sql = lower(unowned(e), names);
    if (!plan::children(*e).empty()) {
      local[e] = walk(sql, owner);
      for (const auto& [operand, n] : local[e].uses) uses[operand] += n;
    }
    owner.emplace(sql.get(), e);
  }
  // Operands first: a large operand written twice or more is bound to a column of a
  // projection one level above the highest bound operand it holds.
  auto every_row = computed_for_every_row(roots);
  // Those computed for every row, and those that cannot fail a row (nor can their operands):
  // these may be computed for every row, though reached through the branches of a conditional.
  std::unordered_set<const plan::Expr*> movable;
  // How often the SQL would write each subexpression were none bound (users before operands).
  std::unordered_map<const plan::Expr*, int64_t> written;
  for (const auto& r : roots) ++written[r.get()];
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (auto l = local.find(*it); l != local.end()) {
      for (const auto& [operand, n] : l->second.uses) {
        written[operand] = capped_sum(written[operand], capped_product(written[*it], n));
      }
    }
  }
  std::unordered_map<const plan::Expr*, int64_t> size, level, below;
  int levels = 0;
  for (const plan::Expr* e : order) {
    bool total = e->kind() == ExprKind::Column || e->kind() == ExprKind::Literal;
    if (auto l = local.find(e); l != local.end() && !l->second.may_fail) {
      auto operands = plan::children(*e);
      total = std::all_of(operands.begin(), operands.end(), [&](const plan::Expr* c) { return movable.count(c) > 0; });
    }
    if (every_row.count(e) || total) movable.insert(e);
    int64_t s = 1, deepest = 0;
    if (auto l = local.find(e); l != local.end()) {
      s = l->second.nodes;
      for (const auto& [operand, n] : l->second.uses) {
        bool is_bound = level.count(operand) > 0;
        s = capped_sum(s, capped_product(n, is_bound ? 1 : size[operand]));
        deepest = std::max(deepest, is_bound ? level[operand] : below[operand]);
      }
    }
    size[e] = s;
    below[e] = deepest;
    bool plain = e->kind() == ExprKind::Column || e->kind() == ExprKind::Literal || e->kind() == ExprKind::Scalar;
    bool large = s > kMaxRepeatedNodes || (!every_row.count(e) && capped_product(s, written[e]) > kMaxWrittenNodes);
    if (!plain && !e->has_member() && movable.count(e) && uses[e] >= 2 && large) {
      level[e] = deepest + 1;
      below[e] = deepest + 1;
      levels = std::max<int>(levels, static_cast<int>(deepest + 1));
    }
  }
  std::vector<Select> layers;
  if (levels == 0) return layers;  // (the lowerings stay valid: nothing is bound)
  names.lowered.clear();
  // The columns every projection passes up: those the node reads of its input.
  std::vector<std::string> columns;
  std::unordered_set<std::string> listed;
  auto list = [&](const std::string& name) {
    if (listed.insert(name).second) columns.push_back(name);
  };
  for (const auto& name : passed) list(name);
  for (const auto& r : roots) {
    std::vector<std::string> ids;
    plan::referenced_columns(r, ids);
    for (const auto& id : ids) list(names.of(id));
  }
  // The last level reading each bound operand (levels + 1: the node's own SELECT): the
  // projections up to it pass its column on.
  std::unordered_map<const plan::Expr*, int64_t> read_at;
  for (const auto& r : roots) read_at[r.get()] = levels + 1;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto l = level.find(*it);
    int64_t at = l != level.end() ? l->second : read_at[*it];
    for (const plan::Expr* c : plan::children(**it)) read_at[c] = std::max(read_at[c], at);
  }
  std::vector<std::pair<std::string, int64_t>> bound_columns;  // name, last level reading it
  for (int k = 1; k <= levels; ++k) {
    Select layer;
    for (const auto& c : columns) layer.items.push_back({sql_column(c), c});
    for (const auto& [c, last] : bound_columns) {
      if (last > k) layer.items.push_back({sql_column(c), c});
    }
    std::vector<std::pair<const plan::Expr*, std::string>> added;
    for (const plan::Expr* e : order) {
      auto l = level.find(e);
      if (l == level.end() || l->second != k) continue;
      std::string name = "s" + std::to_string(names.bound_columns++);
      layer.items.push_back({lower(unowned(e), names), name});
      added.push_back({e, name});
    }
    for (const auto& [e, name] : added) {
      names.bound.emplace(e, name);
      bound_columns.push_back({name, read_at[e]});
    }
    layers.push_back(std::move(layer));
  }
  return layers;
}

}  // namespace cormorant::compile
