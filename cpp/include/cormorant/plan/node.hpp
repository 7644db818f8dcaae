#pragma once
/// Relational plan nodes: immutable, validated and typed when constructed.
///
/// Columns are named by internal ids (plan::new_column_id), never by user labels: labels
/// may repeat or differ only in case, ids never do, and the api layer maps one to the other.
/// Projections append columns rather than replace them, so the columns a node's ordering
/// refers to stay available; the compiler prunes what nobody reads.
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/table.hpp"
#include "cormorant/plan/expr.hpp"
#include "cormorant/plan/scan.hpp"

namespace cormorant::plan {

class Node;
/// Plans are DAGs of shared, never mutated nodes.
using NodePtr = std::shared_ptr<const Node>;

/// A fresh column id, unique in the process ("c1", "c2", ...). The compiler renames ids to
/// stable names, so the SQL of a plan does not depend on how many ids were made before.
std::string new_column_id();

/// One key of a row ordering.
struct OrderingKey {
  std::string column;
  bool ascending = true;
  bool nulls_last = true;
  bool operator==(const OrderingKey&) const = default;
};

/// The order of a node's rows. `physical` means the engine already produces rows in this
/// order (a scan of a file or table, and filters, projections and limits over it), so no
/// ORDER BY is needed to observe it.
struct Ordering {
  std::vector<OrderingKey> keys;
  bool physical = false;
  bool empty() const { return keys.empty(); }
};

/// What a Node is; compile/ dispatches on it.
enum class NodeKind {
  TableScan, ReadParquet, SqlQuery, Values, Project, Select, Filter, Limit, OrderBy, RowNumber, Join, Aggregate,
  Union, Window  ///< Window: plan/window.hpp
};

/// The most operations a plan may chain from a source to its result. The engine binds at most
/// 1000 nested levels (a node is a subquery), counting a few of its own, and passes over plans
/// stay well within their stack; deeper plans raise PlanTooDeepError where they are made.
inline constexpr int64_t kMaxPlanDepth = 900;

/// A relation: its output schema, its row ordering and its inputs.
class Node {
 public:
  virtual ~Node() = default;
  /// Nodes on the longest path from a source to this one (1 for a source).
  int64_t depth() const { return depth_; }
  NodeKind kind() const { return kind_; }
  const Schema& schema() const { return schema_; }
  const Ordering& ordering() const { return ordering_; }
  /// The node's own inputs, then the relations its expressions test membership in (members()),
  /// so every pass that walks inputs reaches those too.
  const std::vector<NodePtr>& inputs() const { return inputs_; }
  /// How many of inputs() are the node's own (the rest are members' relations).
  size_t own_inputs() const { return inputs_.size() - members_.size(); }
  /// The column tested of each member relation: members()[i] is a column of
  /// inputs()[own_inputs() + i] (plan::member_relations of the node's expressions).
  const std::vector<std::string>& members() const { return members_; }
  /// The dtype of column `id`; throws InternalError when absent.
  DType dtype_of(const std::string& id) const;
  bool has_column(const std::string& id) const;

 protected:
  /// `exprs`: the node's expressions, whose MemberExprs' relations join the inputs. Throws
  /// PlanTooDeepError when the plan would be deeper than kMaxPlanDepth.
  Node(NodeKind kind, Schema schema, Ordering ordering, std::vector<NodePtr> inputs,
       const std::vector<ExprPtr>& exprs = {});

 private:
  static int64_t depth_over(const std::vector<NodePtr>& inputs);
  NodeKind kind_;
  Schema schema_;
  Ordering ordering_;
  std::vector<NodePtr> inputs_;
  std::vector<std::string> members_;
  int64_t depth_;
};

/// How a CSV file is parsed. The defaults are pandas' read_csv defaults.
struct CsvOptions {
  char delimiter = ',';
  bool header = true;
  /// Strings read as missing; empty means pandas' default list ("", "NA", "NaN", "null", ...).
  std::vector<std::string> na_values;
  /// The file's text encoding, a Python codec name ("utf-8", "latin-1", "cp1252", "utf-16", ...).
  std::string encoding = "utf-8";
};

/// A column a source presents: its id, its name in the source, and whether it must be
/// converted to its dtype's canonical engine type (e.g. INTEGER read as Int64).
struct SourceColumn {
  std::string id;
  std::string source_name;
  DType dtype;
  bool needs_cast = false;
  /// The source's DECIMAL(precision, scale) when it stores this Float64 column as one (0: it
  /// does not), so sums and comparisons can be computed in DECIMAL (compile/decimal_sql.cpp).
  int decimal_precision = 0;
  int decimal_scale = 0;
};

/// Rows of a table the engine holds (a CSV file or pandas data brought into the session), in
/// insertion order: ordered by the engine's row id, which is also each row's position.
class TableScanNode final : public Node {
 public:
  TableScanNode(std::string table_name, std::vector<SourceColumn> columns, std::string rowid_column);
  /// A table holding the result of another plan (a session's kept result): its rows ordered as
  /// `ordering` (keys among `columns`) says, as that plan's were, and the columns `never_null`
  /// never missing, as they were in that plan.
  TableScanNode(std::string table_name, std::vector<SourceColumn> columns, std::string rowid_column, Ordering ordering,
                std::vector<std::string> never_null);
  const std::string& table_name() const { return table_name_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }
  /// The id of the row id column (0-based insertion position).
  const std::string& rowid_column() const { return rowid_column_; }
  /// The columns known never to be missing (besides the row id).
  const std::vector<std::string>& never_null() const { return never_null_; }

 private:
  std::string table_name_;
  std::vector<SourceColumn> columns_;
  std::string rowid_column_;
  std::vector<std::string> never_null_;
};

/// Rows of one or more Parquet files (a path or a glob), in file order and row order inside
/// each file. Each row's position comes from the files' row counts (Parquet metadata) plus its
/// row number inside its file, so positions cost no window.
class ReadParquetNode final : public Node {
 public:
  /// `table`: the managed table ("dataset.table") the files are a version of; empty for files
  /// read by path.
  ReadParquetNode(std::string path, std::vector<SourceColumn> columns, std::vector<ParquetFile> files,
                  std::string position_column, std::string table = "");
  /// The path or glob read (empty for a managed table: its files are listed).
  const std::string& path() const { return path_; }
  const std::string& table() const { return table_; }
  /// The table id, else the path: for messages and explain().
  const std::string& source_name() const { return table_.empty() ? path_ : table_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }
  const std::vector<ParquetFile>& files() const { return files_; }
  /// The id of the position column (0-based, over all files).
  const std::string& position_column() const { return position_column_; }

 private:
  std::string path_;
  std::vector<SourceColumn> columns_;
  std::vector<ParquetFile> files_;
  std::string position_column_;
  std::string table_;
};

/// Rows of a SQL query: no order of their own.
class SqlQueryNode final : public Node {
 public:
  SqlQueryNode(std::string sql, std::vector<SourceColumn> columns);
  const std::string& sql() const { return sql_; }
  const std::vector<SourceColumn>& columns() const { return columns_; }

 private:
  std::string sql_;
  std::vector<SourceColumn> columns_;
};

/// Literal rows (e.g. the labels of a loc lookup, in the order asked for).
class ValuesNode final : public Node {
 public:
  ValuesNode(Schema schema, std::vector<std::vector<Value>> rows);
  const std::vector<std::vector<Value>>& rows() const { return rows_; }

 private:
  std::vector<std::vector<Value>> rows_;
};

/// A new column: its id and its expression.
struct NamedExpr {
  std::string id;
  ExprPtr expr;
};

/// Appends computed columns to each input row; rows and their order are unchanged.
class ProjectNode final : public Node {
 public:
  ProjectNode(NodePtr input, std::vector<NamedExpr> exprs);
  const std::vector<NamedExpr>& exprs() const { return exprs_; }

 private:
  std::vector<NamedExpr> exprs_;
};

/// Keeps only some columns (so that two relations with shared ancestry can be joined
/// without their ids colliding). The ordering survives when its keys are among them.
class SelectNode final : public Node {
 public:
  /// `keep_order` false forgets the input's order (peek: any rows will do).
  SelectNode(NodePtr input, std::vector<std::string> ids, bool keep_order = true);
};

/// Keeps the rows whose predicate is True (<NA> drops the row, as pandas does with a
/// nullable boolean mask).
class FilterNode final : public Node {
 public:
  /// Throws DTypeError unless `predicate` is boolean.
  FilterNode(NodePtr input, ExprPtr predicate);
  const ExprPtr& predicate() const { return predicate_; }

 private:
  ExprPtr predicate_;
};

/// Rows [offset, offset + limit) of the input, in its order.
class LimitNode final : public Node {
 public:
  LimitNode(NodePtr input, int64_t limit, int64_t offset = 0);
  int64_t limit() const { return limit_; }
  int64_t offset() const { return offset_; }

 private:
  int64_t limit_;
  int64_t offset_;
};

/// The input's rows in a new order (which the api makes total, so results are deterministic).
class OrderByNode final : public Node {
 public:
  OrderByNode(NodePtr input, std::vector<OrderingKey> keys);
};

/// Appends each row's 0-based position in the input's ordering (ROW_NUMBER), optionally
/// counted separately within each group of equal `partition` values (then the input may be
/// unordered: rows equal in the partition columns are numbered arbitrarily).
class RowNumberNode final : public Node {
 public:
  RowNumberNode(NodePtr input, std::string id, std::vector<std::string> partition = {});
  const std::string& id() const { return id_; }
  const std::vector<std::string>& partition() const { return partition_; }

 private:
  std::string id_;
  std::vector<std::string> partition_;
};

/// How a Join keeps unmatched rows.
enum class JoinType { Inner, Left, Right, Outer };

/// Rows of `left` and `right` whose key columns are equal (NULL keys match each other, as
/// pandas' index labels do). The output has both inputs' columns; its order is unspecified.
class JoinNode final : public Node {
 public:
  JoinNode(NodePtr left, NodePtr right, JoinType type, std::vector<std::pair<std::string, std::string>> keys);
  JoinType type() const { return type_; }
  const std::vector<std::pair<std::string, std::string>>& keys() const { return keys_; }

 private:
  JoinType type_;
  std::vector<std::pair<std::string, std::string>> keys_;
};

/// The rows of several inputs, one after the other (UNION ALL): output column `ids[j]` takes
/// expression `branches[i][j]` over input i. Ordered by input, then by each input's own order
/// (carried as two of the output columns, named by `part_column` and `position_column`).
class UnionNode final : public Node {
 public:
  UnionNode(std::vector<NodePtr> inputs, std::vector<std::string> ids, std::vector<std::vector<ExprPtr>> branches,
            std::string part_column, std::string position_column);
  const std::vector<std::vector<ExprPtr>>& branches() const { return branches_; }

 private:
  std::vector<std::vector<ExprPtr>> branches_;
};

/// Aggregate functions.
enum class AggFunc {
  Sum, Mean, Min, Max, Count, CountAll, Std, Var, Median, NUnique, First, Last,
  Quantile,  ///< linear interpolation (pandas' default), at Aggregation::q
  Corr,      ///< Pearson correlation of arg and arg2 over rows where both are present
  Cov,       ///< sample covariance of arg and arg2 over rows where both are present
  Any,       ///< whether some present value is true (non-zero); false when none is
  All,       ///< whether every present value is true (non-zero); true when none is
  Prod,      ///< product of present values; 1 when none is
  Skew,      ///< sample skewness (adjusted Fisher-Pearson); <NA> under 3 values or with no spread
  Kurt,      ///< sample excess kurtosis (Fisher, bias-corrected); <NA> under 4 values or with no spread
  IdxMax,    ///< arg2 (a row label) of the first row, in the input's order, holding arg's largest value
  IdxMin,    ///< arg2 (a row label) of the first row, in the input's order, holding arg's smallest value
};

/// Whether the aggregate follows the input's row order (First, Last, and the first row of a tie
/// for IdxMax/IdxMin, which fall back on the label's order when the input has none).
inline bool follows_order(AggFunc f) {
  return f == AggFunc::First || f == AggFunc::Last || f == AggFunc::IdxMax || f == AggFunc::IdxMin;
}

/// pandas' arguments that change a reduction's value.
struct ReduceOptions {
  /// false: <NA> where a value is missing (Any/All: Kleene logic; First/Last: the first or last
  /// row's value, missing or not).
  bool skipna = true;
  int64_t min_count = 0;  ///< <NA> under this many present values (Sum, Prod, Min, Max, First, Last)
  double ddof = 1;        ///< Std, Var: divided by n - ddof (NumPy's rule: clipped at 0, giving inf or NaN)
};

/// One aggregate output column.
struct Aggregation {
  std::string id;
  AggFunc func;
  ExprPtr arg;  ///< may be null for CountAll
  ExprPtr arg2 = nullptr;  ///< the second argument of Corr and Cov; the row label of IdxMax and IdxMin
  double q = 0.5;          ///< the quantile of Quantile
  std::string label = {};  ///< the user's column, for the message of a failure when run (an overflow)
  ReduceOptions options = {};
};

/// Aggregates over all input rows (one row), or over each group of rows with equal
/// `group_keys` (NULL keys form a group, as SQL does; pandas' dropna filters them first).
/// First and Last follow the input's ordering. The output has the keys (same ids), then the
/// aggregates; its order is unspecified.
class AggregateNode final : public Node {
 public:
  AggregateNode(NodePtr input, std::vector<Aggregation> aggs, std::vector<std::string> group_keys = {});
  const std::vector<Aggregation>& aggs() const { return aggs_; }
  const std::vector<std::string>& group_keys() const { return group_keys_; }

 private:
  std::vector<Aggregation> aggs_;
  std::vector<std::string> group_keys_;
};

/// Makes each expression a column of the returned relation: a plain reference to an existing
/// column keeps its id, anything else is projected under a new id.
std::pair<NodePtr, std::vector<std::string>> materialize(NodePtr relation, const std::vector<ExprPtr>& exprs);

/// `node` over other inputs (one per input, same columns; or one per own input only): a rewrite
/// pass's way to rebuild a plan above what it changed. Returns `node` itself when every own
/// input is the same object. Given every input, the node's expressions test membership in the
/// member relations among them (a rewritten isin relation replaces the one it came from).
NodePtr with_inputs(const NodePtr& node, std::vector<NodePtr> inputs);

/// The dtype of an aggregate of `arg` dtype; throws DTypeError when it does not apply.
DType aggregate_type(AggFunc func, DType arg);

/// Throws DTypeError for a grouped (groupby, transform) sum or product of an Int8..UInt64, whose
/// dtype pandas decides by the values.
void refuse_grouped_integer_sum(AggFunc func, const DType& arg);

/// The nodes of `root`'s plan in dependency order (inputs first), each once.
std::vector<const Node*> post_order(const NodePtr& root);
/// The names of the functions the expressions of `root` and its inputs call (FunctionExpr).
std::set<std::string> functions_called(const NodePtr& root);

}  // namespace cormorant::plan
