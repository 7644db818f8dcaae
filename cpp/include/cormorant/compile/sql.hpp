#pragma once
/// The SQL syntax tree the compiler builds and a Dialect turns into text. Nothing else in
/// cormorant writes SQL: identifiers are always quoted and values always escaped here.
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant::compile {

struct SqlExpr;
/// Syntax trees are shared and immutable.
using SqlExprPtr = std::shared_ptr<const SqlExpr>;
/// A window's frame: ROWS BETWEEN <preceding> PRECEDING AND <following> FOLLOWING, where no
/// value means UNBOUNDED, 0 means CURRENT ROW and a negative `following` -n means n PRECEDING.
struct SqlFrame {
  std::optional<int64_t> preceding;
  std::optional<int64_t> following = 0;
  bool range = false;  ///< RANGE: offsets of the one ORDER BY key's value, not of rows
  /// When set: each row's own number of rows before it where the frame starts (ends), an
  /// expression of the FROM relation, in place of `preceding` (`following`).
  SqlExprPtr start_preceding, end_preceding;
  /// With start_preceding, for an engine whose frame bounds are literals: the same frame as
  /// RANGE BETWEEN `key_start` PRECEDING AND `key_end` PRECEDING (empty: CURRENT ROW) over this
  /// one ORDER BY key (a DECIMAL(38,0); bounds as decimal digits).
  SqlExprPtr literal_key;
  std::string key_start, key_end;
};

/// One ORDER BY key.
struct SqlOrderKey {
  SqlExprPtr expr;
  bool ascending = true;
  bool nulls_last = true;
};

/// One SQL expression node. `name` is the column name, the operator or the canonical
/// function name; `args` are the operands.
struct SqlExpr {
  enum class Kind {
    Column,    ///< "name"
    Literal,   ///< a typed constant: value + dtype
    Prefix,    ///< name args[0]        (e.g. -x, NOT x)
    Postfix,   ///< args[0] name        (e.g. x IS NULL)
    Infix,     ///< args[0] name args[1]
    Function,  ///< name(args...)
    Cast,      ///< CAST(args[0] AS dtype)
    Case,      ///< CASE WHEN args[0] THEN args[1] ... [ELSE last] END
    List,      ///< [args...]
    InList,    ///< args[0] IN (args[1], args[2], ...)
    Star,      ///< *
    Window,    ///< name(args...) OVER (PARTITION BY partition ORDER BY order)
    InRelation,  ///< args[0] IN (SELECT "column" FROM "name"), column in `value`; or, with args[1],
                 ///< args[0] IN (SELECT args[1] FROM "name" [WHERE filter])
    NotInRelation,  ///< NOT EXISTS (a "column" of "name" equal to args[0]), column in `value`
    ScalarSubquery,  ///< (SELECT "column" FROM "name"), column in `value`: a relation of one row
  };
  Kind kind;
  std::string name;
  std::vector<SqlExprPtr> args;
  Value value;
  DType dtype = DType::Int64;
  std::vector<SqlExprPtr> partition;  ///< Window only
  std::vector<SqlOrderKey> order;     ///< Window, and Function (an ordered aggregate)
  std::optional<SqlFrame> frame;      ///< Window: ROWS frame (none: the default frame)
  SqlExprPtr filter;                  ///< Function: an aggregate's FILTER (WHERE ...)
  bool distinct = false;              ///< Function: name(DISTINCT args)
  bool ignore_nulls = false;          ///< Window: name(args IGNORE NULLS)
  std::string qualifier;              ///< Column: "qualifier"."name" (empty: unqualified)
  int decimal_width = 0;              ///< Cast: to DECIMAL(decimal_width, decimal_scale), not dtype
  int decimal_scale = 0;
  /// Rendered as it is, without the dialect's forms: a form's own use of the engine's operator
  /// or function of that name (Spark's `/` inside the form that guards it).
  bool as_is = false;
  /// Function: a user's function (a UDF or remote function) the session registers with the
  /// engine under this name, so the dialect never refuses it.
  bool user_function = false;
};

SqlExprPtr sql_column(std::string name);
/// "relation"."name": a column of the FROM relation even where an output alias has its name.
SqlExprPtr sql_column(std::string relation, std::string name);
SqlExprPtr sql_literal(Value value, DType dtype);
SqlExprPtr sql_prefix(std::string op, SqlExprPtr arg);
SqlExprPtr sql_postfix(SqlExprPtr arg, std::string op);
SqlExprPtr sql_infix(std::string op, SqlExprPtr left, SqlExprPtr right);
SqlExprPtr sql_function(std::string name, std::vector<SqlExprPtr> args);
/// A call of the user's function registered with the engine as `name` (SqlExpr::user_function).
SqlExprPtr sql_user_function(std::string name, std::vector<SqlExprPtr> args);
SqlExprPtr sql_cast(SqlExprPtr arg, DType to);
/// CAST(arg AS type) to an engine type that is no cormorant dtype ("HUGEINT"), for exact
/// intermediate steps of a lowering.
SqlExprPtr sql_cast_to_engine_type(SqlExprPtr arg, std::string type);
/// CAST(arg AS DECIMAL(width, scale)): exact arithmetic the dtypes have no name for.
SqlExprPtr sql_cast_decimal(SqlExprPtr arg, int width, int scale);
/// a // b of 128-bit integers (HUGEINT), truncated toward zero, NULL by 0: DuckDB's `//`, which
/// Spark's DIV (a BIGINT) is not; an integer `//` stays sql_infix("//", ...).
SqlExprPtr sql_huge_div(SqlExprPtr a, SqlExprPtr b);
/// abs(x) of a 128-bit integer (HUGEINT): DuckDB's abs, which Spark's rounds to 34 digits.
SqlExprPtr sql_huge_abs(SqlExprPtr x);
/// Fails the query with a cormorant Error of `kind` whose message is the concatenation of
/// `parts` (string expressions); typed `dtype` so it fits where a value of that dtype goes.
SqlExprPtr sql_raise(ErrorKind kind, std::vector<SqlExprPtr> parts, DType dtype);
/// TRY_CAST(arg AS to): NULL where the value does not convert.
SqlExprPtr sql_try_cast(SqlExprPtr arg, DType to);
/// CASE WHEN w1 THEN t1 ... ELSE e END; `otherwise` may be null (no ELSE).
SqlExprPtr sql_case(std::vector<std::pair<SqlExprPtr, SqlExprPtr>> whens, SqlExprPtr otherwise);
SqlExprPtr sql_list(std::vector<SqlExprPtr> items);
/// x IN (items...): NULL where x is NULL. A filter's form of isin, which the engine pushes
/// into a scan (a list_contains behind a CASE it cannot).
SqlExprPtr sql_in_list(SqlExprPtr x, std::vector<SqlExprPtr> items);
/// x, or NULL where x is NaN: pandas' Float64 arithmetic and reductions give <NA> where the
/// value is NaN (its mask covers it, so isna, count, sums and filters see it missing); the
/// engine's NaN is a value.
SqlExprPtr nan_as_missing(SqlExprPtr x);
/// x IN (SELECT column FROM relation): a semi-join the engine runs as a hash join.
SqlExprPtr sql_in_relation(SqlExprPtr x, std::string relation, std::string column);
/// x IN (SELECT selected FROM relation [WHERE where]); `where` may be null.
SqlExprPtr sql_in_relation(SqlExprPtr x, std::string relation, SqlExprPtr selected, SqlExprPtr where);
/// NOT EXISTS (SELECT 1 FROM (SELECT column AS m FROM relation) WHERE m = x): true where x
/// equals no value of the column, a missing x included; the engine's anti-join, where
/// `x IS NULL OR NOT x IN (...)` is a mark join and a filter. The column is renamed inside,
/// so that the names in x can only mean the outer relation's columns.
SqlExprPtr sql_not_in_relation(SqlExprPtr x, std::string relation, std::string column);
/// (SELECT column FROM relation): the value of a relation of one row.
SqlExprPtr sql_scalar_subquery(std::string relation, std::string column);
SqlExprPtr sql_star();
/// An aggregate call: name(args ORDER BY order) FILTER (WHERE filter); order, filter optional.
SqlExprPtr sql_aggregate(std::string name, std::vector<SqlExprPtr> args, std::vector<SqlOrderKey> order,
                         SqlExprPtr filter);
SqlExprPtr sql_window(std::string function, std::vector<SqlExprPtr> args, std::vector<SqlExprPtr> partition,
                      std::vector<SqlOrderKey> order);
/// A window call with an explicit ROWS frame.
SqlExprPtr sql_window(std::string function, std::vector<SqlExprPtr> args, std::vector<SqlExprPtr> partition,
                      std::vector<SqlOrderKey> order, SqlFrame frame);

/// What a SELECT reads from: a named relation (table or CTE), a table function call, a
/// subquery given as text (a user's own SQL), or literal rows.
struct FromItem {
  enum class Kind { Relation, TableFunction, Subquery, Values };
  Kind kind = Kind::Relation;
  std::string name;  ///< relation, function, or the subquery's text
  std::vector<SqlExprPtr> args;
  std::vector<std::pair<std::string, SqlExprPtr>> named_args;
  std::vector<std::vector<SqlExprPtr>> rows;  ///< Values only
  std::vector<std::string> column_names;      ///< Values and Subquery: the alias' columns
  std::string alias;                          ///< Relation: a name for this use of it ("" for none)
};

/// A join of the FROM relation with another.
struct SqlJoin {
  std::string type;  ///< "INNER", "LEFT", "RIGHT", "FULL OUTER"
  FromItem right;
  SqlExprPtr on;
};

/// SELECT items FROM from [JOIN ...] [WHERE where] [GROUP BY ...] [ORDER BY ...] [LIMIT limit] [OFFSET offset].
struct Select {
  std::vector<std::pair<SqlExprPtr, std::string>> items;  ///< expression AS alias
  FromItem from;
  std::vector<SqlJoin> joins;
  SqlExprPtr where;
  std::vector<SqlExprPtr> group_by;
  std::vector<SqlOrderKey> order_by;
  std::optional<int64_t> limit;
  int64_t offset = 0;
  /// More SELECTs whose rows follow this one's (UNION ALL), same columns in the same order.
  std::vector<std::shared_ptr<const Select>> union_all;
};

/// WITH ctes... body.
struct Query {
  std::vector<std::pair<std::string, Select>> ctes;
  Select body;
  /// CTEs the engine computes again at each reference (NOT MATERIALIZED) rather than keeping
  /// their rows for all of them (the engine's choice for a CTE referenced twice).
  std::set<std::string> recomputed;
  /// CTEs the engine must compute once and keep (MATERIALIZED): a LIMIT/OFFSET read by a join,
  /// which DuckDB would otherwise let the join's runtime filter reach below the LIMIT (it then
  /// counts the rows it keeps among the filtered ones: duckdb/duckdb#22924).
  std::set<std::string> kept;
};

/// How one SQL engine spells what differs: type names, function names, quoting. The
/// generator is shared; adding an engine is adding a Dialect.
struct Dialect {
  std::string name;
  std::map<DType::Kind, std::string> type_names;
  /// canonical function name -> this engine's; names not listed are used as they are
  std::map<std::string, std::string> function_names;
  char identifier_quote = '"';
  /// canonical infix operator -> this engine's (Spark: "//" -> "DIV"); others as they are
  std::map<std::string, std::string> operator_names;
  /// Functions this engine lacks, and prefixes of such names (cormorant's own engine
  /// functions, "cormorant_"): rendering one raises UnsupportedError, so the text never
  /// reaches the engine. Empty for the engine the compiler was written for (DuckDB).
  std::set<std::string> unsupported_functions;
  std::vector<std::string> unsupported_prefixes;
  /// Engine type names of sql_cast_to_engine_type ("HUGEINT") -> this engine's.
  std::map<std::string, std::string> engine_type_names;
  /// Spark's spellings: backslash escapes in string literals ('it\'s'; Spark reads 'it''s'
  /// as the two literals 'it' 's' joined), ARRAY<T> / STRUCT<n: T> types and array(...)
  /// lists, no MATERIALIZED hints on CTEs, Parquet read through `parquet.\`path\`` with
  /// _metadata, min_by/max_by for an ordered first/last.
  bool spark_syntax = false;
  /// Functions and infix operators this engine has with another meaning (or lacks), written
  /// out in its terms: canonical name -> the expression of the operands that gives DuckDB's
  /// result. What a form builds is rendered in this dialect again (forms inside it apply; a
  /// node marked `as_is` is the engine's own operator or function).
  using Form = std::function<SqlExprPtr(const std::vector<SqlExprPtr>&)>;
  std::map<std::string, Form> function_forms;
  std::map<std::string, Form> operator_forms;
  /// Spark: the relation a Parquet file is read from, given its path and whether its rows'
  /// positions are read (`file_row_number`): a session's temporary view of the file made by
  /// spark_parquet_view_sql, or "" for `parquet.\`path\`` (which Spark resolves anew in every
  /// query: a listing and a job reading the footer for its schema). Unset: "" for every file.
  std::function<std::string(const std::string& path, bool row_numbers)> parquet_relation;
  /// Spark, for queries whose rows are collected (not written by Spark's writer): an ordered
  /// query without LIMIT or windows sorts its rows in one task (`/*+ REPARTITION(1) */` under
  /// the ORDER BY) instead of Spark's range-partitioned global sort, which first runs a job
  /// sampling the rows for the ranges. The rows all go to one client anyway; a write keeps the
  /// parallel sort (its tasks write the files).
  bool sort_in_one_task = false;
  /// Spark: the query rewritten before it is rendered (ewm windows as layers of running sums:
  /// spark_ewm_layers); unset: rendered as it is.
  std::function<Query(const Query&)> rewrite;

  /// This engine's name of a column type (a List's from its item type's).
  std::string type_name(const DType& dtype) const;
};

/// The DuckDB dialect.
const Dialect& duckdb_dialect();
/// The Spark SQL dialect (Spark 4, ANSI mode), for the Spark engine (spark_dialect.cpp).
const Dialect& spark_dialect();

/// Spark: `query` with the SELECTs of its ewm windows (cormorant_ewm_*) as layers of running
/// sums that Spark SQL computes (spark_ewm.cpp); UnsupportedError for one it cannot write.
Query spark_ewm_layers(const Query& query);

/// Renders a query as text (deterministic: the same tree gives the same text).
std::string to_sql(const Query& query, const Dialect& dialect);
/// Renders one expression.
std::string to_sql(const SqlExprPtr& expr, const Dialect& dialect);
/// True when `e` is a literal other than zero or <NA>, so a division by it needs no guard.
bool nonzero_literal(const SqlExprPtr& e);
/// `e` marked to be rendered as it is (SqlExpr::as_is), for a Dialect's forms.
SqlExprPtr sql_as_is(SqlExprPtr e);
/// `body(v)`, where `v` stands for `value`: the canonical let(value, name, body) with `v` as
/// let_variable(name). Spark computes `value` once (a lambda's variable named `name`:
/// spark_let); DuckDB's text is `body` with `value` written at each use of `v`
/// (sql_let_written_out). `value` is computed even where `body` would not read it (keep what
/// may fail out of it unless `body` reads it always); `name` must not name a column or another
/// let's variable that `body` reads. Not bound, but written where `body` reads it: a column, a
/// literal, a let's variable, a value `body` reads once, and one so small that its repetitions
/// cost less than a lambda.
SqlExprPtr sql_let(SqlExprPtr value, const std::string& name, const std::function<SqlExprPtr(const SqlExprPtr&)>& body);
/// The let(value, name, body) of sql_let as `body` with `value` in place of its variable
/// (DuckDB's form of it).
SqlExprPtr sql_let_written_out(const std::vector<SqlExprPtr>& args);
/// Quotes an identifier.
std::string quote_identifier(const std::string& name, const Dialect& dialect);
/// Spark SQL of a Parquet file's rows (every column; with `row_numbers` also its rows'
/// positions in the file as `file_row_number`), for a view a Dialect's parquet_relation names.
std::string spark_parquet_view_sql(const std::string& path, bool row_numbers);
/// Spark SQL's relation of the one Parquet file at `path` (`parquet.\`path\``, its glob
/// characters and backslashes escaped: Spark reads paths as patterns).
std::string spark_parquet_relation(const std::string& path);
/// DuckDB: a pattern of its file readers that matches the file at `path` alone (its * ? [ as
/// [*] [?] [[]); NotImplementedError for a path with both a backslash and one of those.
std::string duckdb_file_pattern(const std::string& path);

}  // namespace cormorant::compile
