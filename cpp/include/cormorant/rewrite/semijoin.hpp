#pragma once
/// Groups that no row of a merge can meet are not computed. A merge with an aggregate on its
/// group keys (pandas: `groupby(k).agg(...)` merged on k) keeps only the groups whose key the
/// other side holds. When that side is filtered where the aggregate's input is not (so it
/// likely holds fewer keys), the aggregate's input is first reduced to those keys: a semi-join
/// with the other side's key column (isin of another relation). TPC-H Q21 then counts the
/// distinct suppliers of the orders of one nation's late lines, not of all six million lines.
/// Results are unchanged: a group is all or none of its rows, and the merge drops the others.
#include "cormorant/plan/node.hpp"

namespace cormorant::rewrite {

/// `root` with the input of every aggregate merged on a group key (through filters, column
/// selections, renames and order declarations; on the side a merge does not keep whole)
/// reduced to the keys of the merge's more filtered other side. Shared subplans stay shared;
/// an unchanged plan is returned as it is.
plan::NodePtr reduce_merged_aggregates(const plan::NodePtr& root);

/// `root` with each filter whose conjunction mixes `~x.isin(s)` tests (x a column, s a
/// relation's column, missing values not matching) with other conditions split in two: a
/// filter of the tests over a filter of the rest, so the tests compile to the engine's
/// anti-joins and the rest to a WHERE (`df[(df.a > 1) & ~df.b.isin(other.c)]`: one filter of
/// both was a NOT EXISTS, which the engine runs as a delim join copying the rows first). The
/// same rows: ~isin is never missing, so a row passes both filters exactly when it passes
/// their conjunction. (`x.isin(s)` beside other conditions stays `x IN (SELECT ...)` in the
/// WHERE: the engine plans that as a semi hash join already.)
plan::NodePtr split_member_filters(const plan::NodePtr& root);

}  // namespace cormorant::rewrite
