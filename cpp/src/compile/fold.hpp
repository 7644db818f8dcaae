#pragma once
/// Folding a compiled query's CTE layers into fewer SELECTs (compile-internal).
#include "cormorant/compile/sql.hpp"

namespace cormorant::compile::detail {

/// Merges each CTE read only once into the SELECT that reads it, where one SELECT says the
/// same: a plain projection or renaming of a CTE's columns (the body's output names among
/// them) takes that CTE's expressions, and a SELECT over a CTE of plain scalar expressions
/// without clauses (a scan's renamed and cast columns) reads that CTE's source itself. The
/// engine then binds and plans fewer layers: a head(10) of a file is one SELECT, as written by
/// hand. Results are the same rows in the same order; a merge that would let a name mean
/// another column (ORDER BY reads an output name before a column) is not made.
void fold_ctes(Query& query);

}  // namespace cormorant::compile::detail
