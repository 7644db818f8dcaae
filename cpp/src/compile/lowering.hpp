#pragma once
// What compiler.cpp, expr_sql.cpp, source_sql.cpp and window_sql.cpp share; internal to the compile layer.
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "cormorant/compile/compiler.hpp"
#include "cormorant/compile/sql.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::compile {

/// A Float64 column a query holds as an exact DECIMAL (decimal_sql.cpp): a source column
/// stored as DECIMAL(precision, scale) (or another name of one, as a merge gives it), or a
/// chain (+, -, * of such columns, bounded Int64 columns and exact literals) that only sums,
/// means, counts and other chains read.
struct DecimalColumn {
  int precision = 0;  ///< the source column's; 0 for a chain or an integer
  int scale = 0;
  double bound = 0;   ///< no value's magnitude exceeds it
  /// An Int64 source column with Parquet statistics: exact as it is, a chain may read it as
  /// DECIMAL(digits, 0), nothing else changes.
  bool integer = false;
};

/// Maps column ids to the stable names of one query (c0, c1, ... in order of first use).
class Names {
 public:
  const std::string& of(const std::string& id) {
    auto it = names_.find(id);
    if (it == names_.end()) it = names_.emplace(id, "c" + std::to_string(names_.size())).first;
    return it->second;
  }
  /// The CTE of each node compiled so far (a MemberExpr reads its relation's).
  std::unordered_map<const plan::Node*, std::string> ctes;
  /// The columns held as DECIMAL (find_decimal_columns); read elsewhere, a source column is
  /// cast to DOUBLE where it is read.
  std::unordered_map<std::string, DecimalColumn> decimals;
  /// Plan subexpressions of the node being compiled that a projection below it computes
  /// (shared_sql.cpp): lower() reads their columns instead.
  std::unordered_map<const plan::Expr*, std::string> bound;
  /// lower()'s result of each plan subexpression of the node being compiled, so that an
  /// operand used twice is one tree used twice (shared_sql.cpp finds them so).
  std::unordered_map<const plan::Expr*, SqlExprPtr> lowered;
  /// How many columns of bound operands the query holds (their names s0, s1, ...).
  int bound_columns = 0;

 private:
  std::unordered_map<std::string, std::string> names_;
};

/// The dialect's own writing of `e` (its function and operator forms), or null where `e` is
/// written as it is (sql.cpp).
SqlExprPtr dialect_form(const SqlExpr& e, const Dialect& dialect);

/// While one lives, bind_repeated_operands counts the operands of `dialect`'s forms as the
/// forms write them (Spark's forms repeat theirs: its fmod writes each operand three times),
/// not as the DuckDB SQL does (plan_to_sql and count_sql make one).
class CompilingFor {
 public:
  explicit CompilingFor(const Dialect& dialect);
  ~CompilingFor();
  CompilingFor(const CompilingFor&) = delete;
  CompilingFor& operator=(const CompilingFor&) = delete;

 private:
  const Dialect* previous_;
};

/// `expr` in SQL over the columns `names` gives them.
SqlExprPtr lower(const plan::ExprPtr& expr, Names& names);
/// Binds the operands that the lowerings of `roots` (one node's expressions) would write out
/// more than once, when large, to columns computed once in projections below the node
/// (shared_sql.cpp): returns those projections, each to read the one before it and the first
/// the node's input (the caller sets their FROM), and leaves the columns in `names.bound` for
/// lowering the node's own SELECT over the last one. Each projection passes up `passed` (the
/// input's columns the node passes on) and the columns the roots read. None when no operand is
/// repeated so.
std::vector<Select> bind_repeated_operands(const std::vector<plan::ExprPtr>& roots,
                                           const std::vector<std::string>& passed, Names& names);
/// A condition in SQL (a boolean expression whose <NA> is false, as pandas filters).
SqlExprPtr lower_predicate(const plan::ExprPtr& e, Names& names);

/// A filter's conjunct `~x.isin(relation's column)` of a column x (missing values not
/// matching), as the engine's anti-join of the filter's input with the relation on
/// x = member: the rows with no equal member, a missing x among them, as ~isin keeps it.
struct AntiJoinSql {
  std::string column;    ///< x's name in the filter's input
  std::string relation;  ///< the relation's CTE
  std::string member;    ///< the member column's name in it
};
/// The anti-join of `conjunct`; nullopt when it is no such test.
std::optional<AntiJoinSql> anti_join_sql(const plan::ExprPtr& conjunct, Names& names);
/// The least and greatest values of an integer dtype (Int64 or an Integer).
std::pair<__int128, __int128> integer_range(const DType& d);
/// `exact` (an integer of the engine's 128-bit `type`, HUGEINT or UHUGEINT) as integer dtype
/// `to`, wrapping around as NumPy does: the value modulo 2**bits, into `to`'s range (UInt8 of
/// 300 is 44, of -1 255; Int8 of 200 is -56).
SqlExprPtr wrap_sql(const SqlExprPtr& exact, const DType& to, const std::string& type);

/// Finds the columns of a plan (`order`: inputs first) the query holds as DECIMAL, into
/// `names.decimals`. `root_needs`: the columns the result reads by name.
void find_decimal_columns(const std::vector<const plan::Node*>& order, const std::set<std::string>& root_needs,
                          Names& names);
/// A decimal chain in SQL over its columns' DECIMAL values (a Project's chain column).
SqlExprPtr lower_decimal(const plan::ExprPtr& expr, Names& names);
/// A sum or mean of a decimal chain summed in DECIMAL and cast to DOUBLE once, or a count of
/// a column held as DECIMAL; null for any other aggregation.
SqlExprPtr decimal_aggregate_sql(const plan::Aggregation& a, Names& names);
/// `column op literal` or `column.between(a, b)` of a source DECIMAL column compared in
/// DECIMAL, where that decides as the comparison of doubles does; null elsewhere.
SqlExprPtr decimal_comparison(const plan::Expr& e, Names& names);

/// A SQL list of string literals.
SqlExprPtr string_list(const std::vector<std::string>& items);
/// read_csv of `path` with pandas' options.
FromItem csv_from(const std::string& path, const plan::CsvOptions& options);
/// read_parquet of `paths` (a list) or `path`. `positions`: the rows' numbers in their files
/// are read; `filenames`: so are the files' names (a position over several files needs its
/// file's offset).
FromItem parquet_from(SqlExprPtr paths, bool positions, bool filenames = false);
FromItem parquet_from(const std::string& path, bool positions, bool filenames = false);
/// Whether the positions of the files `read` of a Parquet scan need the files' names.
bool position_reads_filename(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read);
/// NotImplementedError naming a column of the scan that hides the engine's position columns.
void refuse_hidden_positions(const plan::ReadParquetNode& n, bool filenames);
/// The files of a Parquet scan that `files` (the session's pruning) leaves to read.
std::vector<const plan::ParquetFile*> files_read(const plan::ReadParquetNode& n, const ScanFiles& files);
/// A row's position over the files `read` of a Parquet scan.
SqlExprPtr parquet_position(const plan::ReadParquetNode& n, const std::vector<const plan::ParquetFile*>& read);
/// A table or CTE by name, and a query, as FROM items.
FromItem relation_from(std::string name);
FromItem subquery_from(std::string sql);

}  // namespace cormorant::compile
