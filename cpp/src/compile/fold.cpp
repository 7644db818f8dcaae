#include "fold.hpp"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace cormorant::compile::detail {

namespace {

using Kind = SqlExpr::Kind;

/// DuckDB matches names without regard to case (quoted or not).
std::string folded_case(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Calls `f` on each node of `e`'s tree, the parts inside an IN (SELECT ...) included.
void visit(const SqlExprPtr& e, const std::function<void(const SqlExpr&)>& f) {
  if (!e) return;
  f(*e);
  for (const auto& a : e->args) visit(a, f);
  for (const auto& p : e->partition) visit(p, f);
  for (const auto& k : e->order) visit(k.expr, f);
  visit(e->filter, f);
  if (e->frame) {
    visit(e->frame->start_preceding, f);
    visit(e->frame->end_preceding, f);
  }
}

/// Calls `f` on every expression of `s` (its UNION ALL branches included).
void each_expr(const Select& s, const std::function<void(const SqlExprPtr&)>& f) {
  for (const auto& [e, alias] : s.items) f(e);
  for (const auto& j : s.joins) f(j.on);
  f(s.where);
  for (const auto& g : s.group_by) f(g);
  for (const auto& k : s.order_by) f(k.expr);
  for (const auto& b : s.union_all) each_expr(*b, f);
}

/// How often each name is read in `s`: as a relation, a column's qualifier, or an IN's relation.
void count_reads(const Select& s, std::map<std::string, int>& reads) {
  auto relation = [&](const FromItem& from) {
    if (from.kind == FromItem::Kind::Relation) ++reads[from.name];
  };
  relation(s.from);
  for (const auto& j : s.joins) relation(j.right);
  for (const auto& b : s.union_all) relation(b->from);
  each_expr(s, [&](const SqlExprPtr& e) {
    visit(e, [&](const SqlExpr& n) {
      if (n.kind == Kind::Column && !n.qualifier.empty()) ++reads[n.qualifier];
      if (n.kind == Kind::InRelation || n.kind == Kind::NotInRelation || n.kind == Kind::ScalarSubquery) ++reads[n.name];
    });
  });
}

bool plain_column(const SqlExprPtr& e) { return e && e->kind == Kind::Column && e->qualifier.empty(); }

/// Whether `e` holds a window function (Spark sorts by none: UNSUPPORTED_EXPR_FOR_OPERATOR).
bool holds_window(const SqlExprPtr& e) {
  if (!e) return false;
  if (e->kind == Kind::Window) return true;
  return std::any_of(e->args.begin(), e->args.end(), [](const SqlExprPtr& a) { return holds_window(a); }) ||
         holds_window(e->filter);
}

/// A SELECT with nothing but its items and FROM.
bool bare(const Select& s) {
  return s.joins.empty() && !s.where && s.group_by.empty() && s.order_by.empty() && !s.limit && s.offset == 0 &&
         s.union_all.empty();
}

/// How deep a scan's column expression may be: a cast column, or a position over several
/// files (CASE WHEN "filename" = '...' THEN offset ... END + "file_row_number"). Bounded, so
/// that folding never builds long expressions (the engine limits their depth).
constexpr int kMaxScanExprDepth = 4;

/// An expression of its FROM's columns alone, the same at every evaluation and for every row
/// on its own: columns, constants, casts, operators and CASE (a scan's renamed, cast and
/// positioned columns), safe to write wherever its name was read.
bool plain_scalar(const SqlExprPtr& e, int depth = 1) {
  if (!e) return true;
  if (depth > kMaxScanExprDepth) return false;
  switch (e->kind) {
    case Kind::Column: return e->qualifier.empty();
    case Kind::Literal: return true;
    case Kind::Cast:
    case Kind::Prefix:
    case Kind::Postfix:
    case Kind::Infix:
    case Kind::InList:
    case Kind::Case:
      return std::all_of(e->args.begin(), e->args.end(), [&](const SqlExprPtr& a) { return plain_scalar(a, depth + 1); });
    default: return false;
  }
}

/// Whether every name the merged SELECT reads as a column still means that column: an output
/// name equal to a column name read anywhere in it (ORDER BY, and DuckDB's GROUP BY and
/// WHERE where no column matches, read output names) must be that very column.
bool names_keep_meaning(const Select& s) {
  std::set<std::string> read;
  each_expr(s, [&](const SqlExprPtr& e) {
    visit(e, [&](const SqlExpr& n) {
      if (n.kind == Kind::Column && n.qualifier.empty()) read.insert(folded_case(n.name));
    });
  });
  for (const auto& [e, alias] : s.items) {
    if (read.count(folded_case(alias)) && !(plain_column(e) && e->name == alias)) return false;
  }
  return true;
}

/// Whether two ORDER BY keys are the same plain column in the same direction.
bool same_key(const SqlOrderKey& a, const SqlOrderKey& b) {
  return plain_column(a.expr) && plain_column(b.expr) && a.expr->name == b.expr->name && a.ascending == b.ascending &&
         a.nulls_last == b.nulls_last;
}

/// `outer`, a renaming of `inner`'s columns (only plain columns; at most an ORDER BY of them
/// and a LIMIT), as one SELECT: `inner` with the outer names. An outer LIMIT needs an inner
/// without one; an outer ORDER BY needs an inner without a LIMIT, or one sorted by the same keys.
std::optional<Select> fold_projection(const Select& outer, const Select& inner) {
  if (!outer.joins.empty() || outer.where || !outer.group_by.empty() || !outer.union_all.empty() ||
      !inner.union_all.empty()) {
    return std::nullopt;
  }
  const bool inner_limited = inner.limit || inner.offset != 0;
  if ((outer.limit || outer.offset != 0) && (inner_limited || !inner.order_by.empty())) return std::nullopt;
  std::map<std::string, const SqlExprPtr*> by_name;
  for (const auto& [e, alias] : inner.items) by_name[alias] = &e;
  std::map<std::string, int> uses;
  Select merged = inner;
  merged.items.clear();
  for (const auto& [e, alias] : outer.items) {
    if (!plain_column(e)) return std::nullopt;
    auto it = by_name.find(e->name);
    if (it == by_name.end()) return std::nullopt;
    // (a computed value read twice would be computed twice)
    if (++uses[e->name] > 1 && !plain_column(*it->second)) return std::nullopt;
    merged.items.push_back({*it->second, alias});
  }
  if (!outer.order_by.empty()) {
    std::vector<SqlOrderKey> keys;
    for (const auto& k : outer.order_by) {
      if (!plain_column(k.expr)) return std::nullopt;
      auto it = by_name.find(k.expr->name);
      // (a key computed by a window stays a column of its own SELECT: Spark sorts by no window)
      if (it == by_name.end() || holds_window(*it->second)) return std::nullopt;
      keys.push_back({*it->second, k.ascending, k.nulls_last});
    }
    if (inner_limited || !inner.order_by.empty()) {
      // The inner rows are already in that order: the outer ORDER BY adds nothing.
      if (keys.size() != inner.order_by.size()) return std::nullopt;
      for (size_t i = 0; i < keys.size(); ++i) {
        if (!same_key(keys[i], inner.order_by[i])) return std::nullopt;
      }
    } else {
      merged.order_by = std::move(keys);
    }
  }
  if (outer.limit || outer.offset != 0) {
    merged.limit = outer.limit;
    merged.offset = outer.offset;
  }
  return merged;
}

/// `e` with each plain column replaced by `inner`'s expression of that name; none if a
/// column is not one of them or is qualified.
std::optional<SqlExprPtr> substituted(const SqlExprPtr& e, const std::map<std::string, SqlExprPtr>& inner) {
  if (!e) return e;
  if (e->kind == Kind::Column) {
    if (!e->qualifier.empty()) return std::nullopt;
    auto it = inner.find(e->name);
    if (it == inner.end()) return std::nullopt;
    return it->second;
  }
  // A column inside IN (SELECT ...) or NOT EXISTS (...) may mean the subquery's own.
  if (e->kind == Kind::InRelation || e->kind == Kind::NotInRelation || e->kind == Kind::Star) return std::nullopt;
  auto copy = std::make_shared<SqlExpr>(*e);
  bool changed = false;
  auto replace = [&](SqlExprPtr& part) {
    auto s = substituted(part, inner);
    if (!s) return false;
    changed = changed || *s != part;
    part = *s;
    return true;
  };
  for (auto& a : copy->args) {
    if (!replace(a)) return std::nullopt;
  }
  for (auto& p : copy->partition) {
    if (!replace(p)) return std::nullopt;
  }
  for (auto& k : copy->order) {
    if (!replace(k.expr)) return std::nullopt;
  }
  if (!replace(copy->filter)) return std::nullopt;
  if (copy->frame && (!replace(copy->frame->start_preceding) || !replace(copy->frame->end_preceding))) return std::nullopt;
  if (!changed) return e;
  return SqlExprPtr(copy);
}

/// `outer` reading `inner`'s source itself, where `inner` is plain scalar expressions of its
/// source (a file, a table, rows; not another CTE) without clauses: a scan renaming and
/// casting the source's columns.
std::optional<Select> fold_into(const Select& outer, const Select& inner, bool inner_reads_cte) {
  if (inner_reads_cte || !bare(inner) || !outer.joins.empty() || !outer.union_all.empty()) return std::nullopt;
  std::map<std::string, SqlExprPtr> by_name;
  for (const auto& [e, alias] : inner.items) {
    if (!plain_scalar(e)) return std::nullopt;
    by_name[alias] = e;
  }
  Select merged = outer;
  merged.from = inner.from;
  auto replace = [&](SqlExprPtr& e) {
    auto s = substituted(e, by_name);
    if (!s) return false;
    e = *s;
    return true;
  };
  for (auto& [e, alias] : merged.items) {
    if (!replace(e)) return std::nullopt;
  }
  if (!replace(merged.where)) return std::nullopt;
  for (auto& g : merged.group_by) {
    if (!replace(g)) return std::nullopt;
  }
  for (auto& k : merged.order_by) {
    if (!replace(k.expr)) return std::nullopt;
  }
  return merged;
}

/// Folds one CTE into its only reader; false when none can be.
bool fold_one(Query& q) {
  std::map<std::string, int> reads;
  for (const auto& [name, s] : q.ctes) count_reads(s, reads);
  count_reads(q.body, reads);
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < q.ctes.size(); ++i) index[q.ctes[i].first] = i;
  auto try_reader = [&](Select& reader, bool recomputed_reader) {
    if (reader.from.kind != FromItem::Kind::Relation || !reader.from.alias.empty()) return false;
    auto it = index.find(reader.from.name);
    // (A kept CTE stays one: its MATERIALIZED is what keeps a join's filter out of its LIMIT;
    // a recomputed one folds only into a reader computed again too.)
    if (it == index.end() || reads[it->first] != 1 || (q.recomputed.count(it->first) && !recomputed_reader) ||
        q.kept.count(it->first)) {
      return false;
    }
    const Select& inner = q.ctes[it->second].second;
    auto merged = fold_projection(reader, inner);
    if (!merged) merged = fold_into(reader, inner, inner.from.kind == FromItem::Kind::Relation && index.count(inner.from.name));
    if (!merged || !names_keep_meaning(*merged)) return false;
    reader = std::move(*merged);
    q.ctes.erase(q.ctes.begin() + static_cast<std::ptrdiff_t>(it->second));
    return true;
  };
  for (auto& [name, s] : q.ctes) {
    if (try_reader(s, q.recomputed.count(name) > 0)) return true;
  }
  return try_reader(q.body, false);
}

}  // namespace

void fold_ctes(Query& query) {
  while (fold_one(query)) {
  }
}

}  // namespace cormorant::compile::detail
