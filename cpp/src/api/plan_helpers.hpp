#pragma once
// Plan-building helpers shared by the api's source files (dataframe.cpp, alignment.cpp, window.cpp,
// reshape.cpp, io.cpp); internal to the api layer.
#include <string>
#include <utility>
#include <vector>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::api_detail {

/// Throws NotImplementedError unless two objects belong to one session.
void check_same_session(const std::shared_ptr<session::Context>& a, const std::shared_ptr<session::Context>& b);

/// A reference to column `id` of `relation`, typed.
plan::ExprPtr column_of(const plan::NodePtr& relation, const std::string& id);

/// Throws OrderRequiredError naming `what` unless `relation` is ordered (partial mode leaves
/// sources unordered until the user sorts).
void require_order(const plan::NodePtr& relation, const std::string& what);

/// The position of each row (0-based, in the relation's order) as a column. Through
/// projections down to a source that knows positions (a table's row id, a Parquet file's row
/// number plus the rows of the files before it) no window is needed.
std::pair<plan::NodePtr, std::string> with_positions(const plan::NodePtr& relation);

using plan::materialize;

/// A DataFrame over `relation` whose index is the first `index.size()` of `exprs` (the levels
/// keep `index`'s names) and whose columns are the rest, labelled `labels`.
DataFrame frame_of(const std::shared_ptr<session::Context>& ctx, const plan::NodePtr& relation,
                   const std::vector<IndexLevel>& index, const std::vector<plan::ExprPtr>& exprs,
                   const std::vector<Label>& labels, bool default_index, const std::vector<ColumnLevel>& column_levels);

/// Copies columns under fresh ids and keeps only the copies, so the relation can be joined
/// with one that shares its ancestry. Returns the relation and the new ids, in order.
std::pair<plan::NodePtr, std::vector<std::string>> isolate(const plan::NodePtr& relation,
                                                           const std::vector<plan::ExprPtr>& exprs);

/// One side of an elementwise operation: value expressions over a relation with an index.
struct Operand {
  plan::NodePtr relation;
  std::vector<IndexLevel> index;
  bool default_index;
  std::vector<plan::ExprPtr> values;
};

/// A frame as an operand: its relation, index and every value column.
Operand operand_of(const DataFrame& frame);

/// Two operands brought onto common rows: the result's relation, index, and each side's values
/// over it. `one_sided`, when set, is true on rows only one side has; `reordered` says the two
/// sides had their rows in different orders, and `equal`, when set, is true (on every row)
/// when their indexes are equal, found as the query runs (pandas compares only
/// identically-labelled objects).
struct Aligned {
  plan::NodePtr relation;
  std::vector<IndexLevel> index;
  bool default_index;
  std::vector<plan::ExprPtr> left, right;
  plan::ExprPtr one_sided;
  bool reordered = false;
  plan::ExprPtr equal = nullptr;
};

/// Whether pandas would refuse to compare the two aligned operands (not identically labelled):
/// a row only one side has, another order, or unequal indexes (runs a count when it must).
bool not_identically_labelled(const std::shared_ptr<session::Context>& ctx, const Aligned& aligned);

/// `value` (a Series' values, aligned) as values of an existing column of dtype `to`, as
/// pandas 3 sets an array into a column (setting cells, where/mask with other values): its own
/// dtype; Int64 or boolean into Float64; boolean into Int64; Float64 into Int64 where integral
/// (checked as the query runs); an aware timestamp into another zone (the same instant).
/// Anything else is a DTypeError naming `label`.
plan::ExprPtr settable(const plan::ExprPtr& value, DType to, const Label& label);

/// pandas' alignment of two operands for a binary operation (outer, on the index labels):
/// rows of one table expression become one projection; otherwise an outer join, ordered as
/// pandas orders the union of labels. Throws NullIndexError, DTypeError (index dtypes differ).
Aligned align_operands(const std::shared_ptr<session::Context>& ctx, const Operand& a, const Operand& b);

/// align_operands for a DataFrame and a Series along its index (df.add(s, axis=0)), refusing
/// when run (InvalidArgumentError naming a repeated label) where pandas cannot reindex: the
/// frame's index repeats a label, the indexes are not equal, and not both are sorted with the
/// Series' labels unique and all among the frame's (a MultiIndex: an empty Series onto a sorted
/// frame). Without a row order (partial mode), as if both were sorted.
Aligned align_frame_series(const std::shared_ptr<session::Context>& ctx, const Operand& frame, const Operand& series);

/// Ordering keys in the opposite direction (ascending and nulls_last flipped), for tail and
/// keep="last".
std::vector<plan::OrderingKey> reversed(std::vector<plan::OrderingKey> keys);

/// Index levels with `like`'s names over the columns `ids`.
std::vector<IndexLevel> relabel(const std::vector<IndexLevel>& like, const std::vector<std::string>& ids);

/// `exprs`, followed by `relation`'s ordering keys (so they travel through a join with it).
std::vector<plan::ExprPtr> with_ordering(std::vector<plan::ExprPtr> exprs, const plan::NodePtr& relation);

/// Refuses `operation` on column `label` (`id` in `plan`) when it has a storage-only dtype
/// (binary, decimal, list), naming the column.
void refuse_storage_column(const plan::Node& plan, const std::string& operation, const Label& label,
                           const std::string& id);

/// align_operands for two Series: each side's value is the first of `left` and `right`.
Aligned align_outer(const Series& a, const Series& b);

/// A DataFrame's columns and a Series brought onto the DataFrame's rows (pandas' reindex):
/// labels the Series lacks get <NA>. `missing`, when set, is true on rows the Series lacks.
struct LeftAligned {
  plan::NodePtr relation;
  std::vector<plan::ExprPtr> frame;  ///< index exprs, then value exprs
  plan::ExprPtr value;
  plan::ExprPtr missing;
};

/// align_left: `s` reindexed onto `df`'s rows.
LeftAligned align_left(const DataFrame& df, const Series& s);

/// True when `labels` are known unique without running anything: one column that is a
/// source's row position or an unpartitioned row number, through nodes that keep it so.
bool unique_positions(const plan::NodePtr& relation, const std::vector<plan::ExprPtr>& labels);

/// True when `labels` are known unique: unique_positions, a grouped result's keys, or columns
/// of a session table (read_pandas, read_csv, cache...) a query found unique, once per session
/// (Context::known_unique); false when they repeat or nothing tells (after a join or concat).
/// Only a table's first check runs anything; without `ctx` nothing runs.
bool labels_unique(const std::shared_ptr<session::Context>& ctx, const plan::NodePtr& relation,
                   const std::vector<plan::ExprPtr>& labels);

/// True where `a` and `b` differ, <NA> equal to <NA> (pandas' array_equivalent, Index.equals).
plan::ExprPtr differs(const plan::ExprPtr& a, const plan::ExprPtr& b);

/// `relation` with a column counting the rows that share each row's `labels` (its id second).
std::pair<plan::NodePtr, std::string> counted_labels(const plan::NodePtr& relation,
                                                     const std::vector<plan::ExprPtr>& labels);

/// `relation`, failing when run (InvalidArgumentError, `message`, naming the row's `label`
/// when given) on a row where `count` > 1.
plan::NodePtr refusing_repeats(const plan::NodePtr& relation, const plan::ExprPtr& count, const char* message,
                               const plan::ExprPtr& label = nullptr);

/// `relation`, failing when run (InvalidArgumentError, `message`) if two of its rows carry
/// the same `labels` (as it is when `labels` is empty: a NULL index, rows paired by identity).
plan::NodePtr with_unique_labels(const plan::NodePtr& relation, const std::vector<plan::ExprPtr>& labels,
                                 const char* message);

/// Throws NotImplementedError when two objects come from different sessions.
void check_same_session(const std::shared_ptr<session::Context>& a, const std::shared_ptr<session::Context>& b);

/// A DataFrame over a freshly read source: in strict mode ordered as the source stores its
/// rows (a query's rows by a hash key) with a sequential default index, or no index with
/// DefaultIndexKind::Null; in partial mode unordered, with a NULL index.
DataFrame from_source(const std::shared_ptr<session::Context>& ctx, const session::Source& src,
                      DefaultIndexKind kind = DefaultIndexKind::SequentialInt64);

/// How many levels tuple labels give the columns: n when every label is a tuple of n >= 2
/// items (pandas' MultiIndex columns), else 1.
size_t label_levels(const std::vector<Column>& columns);

/// `label` as a column among `columns`: with MultiIndex columns, a tuple padded with "" to
/// their number of levels, as pandas labels a column it adds to MultiIndex columns
/// (reset_index gives ("index", "")).
Label padded(const Label& label, const std::vector<Column>& columns);

/// Throws InvalidArgumentError, naming `where`, when a label holds a NUL character: files and
/// engine tables name columns with C strings, which end at the first NUL.
void check_no_nul(const Label& label, const std::string& where);

/// True when `relation` has no row order (ordering_mode="partial"): results built on it get a
/// NULL index instead of a numbered default one, and no order of their own.
inline bool unordered(const plan::NodePtr& relation) { return relation->ordering().empty(); }

/// `e`, an expression over `relation`, cast to `to` as pandas' astype does. pandas formats
/// timestamps as text at one precision for the whole column (the largest any value needs):
/// `relation` gains the window that finds it. `label` names the column in error messages.
plan::ExprPtr astype_expr(plan::NodePtr& relation, const plan::ExprPtr& e, DType to, const std::string& label);

/// The distinct values of column `id` of `rel` (sorted ascending, <NA> last), each with the
/// number of rows having it and the number of non-missing values of each of `counted`.
struct Distinct {
  Value value;
  int64_t rows = 0;
  std::vector<int64_t> counts;
};

/// Categorical Series (api/categorical.cpp), for the Series methods that meet one: astype to or
/// from a categorical (a bare DType::Categorical infers pandas' sorted categories with a query),
/// comparisons (by codes: == with any value, < > only when ordered and with a category),
/// fillna with a category, isin, and the Series of its values (or the expression of the values
/// of a categorical expression: its categories' dtype, missing stays missing).
Series categorical_astype(const Series& s, const DType& to);
Series categorical_compare(const Series& s, plan::BinaryOp op, const Value& v, bool reversed);
Series categorical_compare(const Series& a, plan::BinaryOp op, const Series& b);
Series categorical_fillna(const Series& s, const Value& value);
Series categorical_isin(const Series& s, const std::vector<Value>& values, bool na_matches);
Series categorical_values(const Series& s);
plan::ExprPtr categorical_values(const plan::ExprPtr& x);

std::vector<Distinct> distinct_values(const std::shared_ptr<session::Context>& ctx, const plan::NodePtr& rel,
                                      const std::string& id, const std::vector<std::string>& counted = {});

}  // namespace cormorant::api_detail
