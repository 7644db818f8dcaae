#pragma once
/// Row-join alignment. Filters and projections keep each surviving row of their input, so
/// objects derived from one relation through them can be combined row by row, without a
/// join: each object's expressions are rewritten over the common relation, together with
/// the condition under which its row exists. bigframes does the same ("implicit joiner").
#include <optional>
#include <vector>

#include "cormorant/plan/node.hpp"

namespace cormorant::rewrite {

/// Expressions of one object (its index and values), over its relation.
struct Part {
  plan::NodePtr relation;
  std::vector<plan::ExprPtr> exprs;
};

/// A part's row order over a row join's base: its ordering keys as expressions over the base,
/// each with its direction (`flags[i].column` is the key's id in the part).
struct RowOrder {
  std::vector<plan::ExprPtr> exprs;
  std::vector<plan::OrderingKey> flags;
};

/// The parts rewritten over one base relation.
struct RowJoin {
  plan::NodePtr base;
  std::vector<std::vector<plan::ExprPtr>> exprs;  ///< per part, over base
  std::vector<plan::ExprPtr> conditions;          ///< per part: when its row exists; null = always
  std::vector<RowOrder> orders;                   ///< per part: its relation's ordering, over base
};

/// The nearest relation every part reaches through projections, filters, column selections
/// and reorderings alone, with each part rewritten over it; nullopt when there is none.
std::optional<RowJoin> row_join(const std::vector<Part>& parts);

/// True when two parts are ordered by the same keys in the same directions.
bool same_order(const RowOrder& a, const RowOrder& b);

/// `relation` (rows of a row join's base) in `order`: itself when that is already its order
/// (so a physical order stays physical), else ordered by the keys, computed where needed.
plan::NodePtr ordered_by(const plan::NodePtr& relation, const RowOrder& order);

/// `a AND b`, where a null condition means "always".
plan::ExprPtr and_conditions(const plan::ExprPtr& a, const plan::ExprPtr& b);
/// `a OR b`, where a null condition means "always".
plan::ExprPtr or_conditions(const plan::ExprPtr& a, const plan::ExprPtr& b);
/// True when two expressions are the same tree (same ids, operators and literals).
bool same_expr(const plan::ExprPtr& a, const plan::ExprPtr& b);

}  // namespace cormorant::rewrite
