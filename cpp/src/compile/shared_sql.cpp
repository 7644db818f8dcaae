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

/// What one subexpression's own lowering holds, its operands' lowerings aside.
struct Local {
  int64_t nodes = 0;                                  ///< its own SQL nodes, as a tree
  std::unordered_map<const plan::Expr*, int64_t> uses;  ///< how often it writes each operand
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
  std::unordered_map<const plan::Expr*, int64_t> size, level, below;
  int levels = 0;
  for (const plan::Expr* e : order) {
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
    if (!plain && !e->has_member() && every_row.count(e) && uses[e] >= 2 && s > kMaxRepeatedNodes) {
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
