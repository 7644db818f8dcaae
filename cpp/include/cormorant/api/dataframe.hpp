#pragma once
/// The user-facing objects: Session, DataFrame and Series. Each DataFrame and Series is a
/// lazy, immutable plan with an index; nothing runs until a result is asked for
/// (to_table, shape, printing, reductions, label lookups).
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <tuple>
#include <vector>

#include "cormorant/common/label.hpp"
#include "cormorant/common/table.hpp"
#include "cormorant/common/value.hpp"
#include "cormorant/plan/node.hpp"
#include "cormorant/plan/window.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant {

using plan::AggFunc;
using plan::ReduceOptions;
using plan::CsvOptions;
using session::OrderingMode;
using session::QueryStats;
using session::SessionOptions;
using session::Engine;
using session::SessionTotals;
using session::WriteOptions;
using storage::Partitioning;
using storage::RoutineInfo;
using storage::ConnectionInfo;
using storage::TableInfo;
class DataFrame;
class Series;

/// One level of an index: the column holding its labels, and its name.
struct IndexLevel {
  std::string id;
  std::optional<Label> name;  ///< nullopt: unnamed
};

/// One level of the columns axis (pandas' df.columns.names and the levels' dtypes): its name
/// and the dtype of its labels when they are values of a column (pivot's columns column),
/// which pandas keeps as the dtype of that level.
struct ColumnLevel {
  std::optional<Label> name;
  std::optional<DType> dtype;
  bool operator==(const ColumnLevel&) const = default;
};

/// A labelled value column of a DataFrame.
struct Column {
  Label label;
  std::string id;
};

/// What a query result looks like to the api: which leading columns are the index.
/// A default index that numbers the rows 0..n-1 in the order they come (DataFrame::
/// index_is_positions) is not sent: then `index_names` is empty, `default_index` true, and the
/// index is the rows' positions (a RangeIndex), as for a NULL index.
struct Result {
  Table table;                                    ///< index columns, then value columns
  std::vector<std::optional<Label>> index_names;  ///< one per index column of `table`
  std::vector<Label> labels;                      ///< value column labels
  /// The names of the columns axis (one per level of tuple labels; empty: unnamed).
  std::vector<ColumnLevel> column_levels;
  bool default_index = false;                     ///< the index is the sequential default
};

/// One aggregation of a groupby: the output column's label, the input column, the function.
struct AggSpec {
  Label label;
  Label column;
  AggFunc func;
  double q = 0.5;  ///< the quantile of AggFunc::Quantile
  std::optional<Label> other = std::nullopt;  ///< the second column of AggFunc::Corr and AggFunc::Cov
  ReduceOptions options = {};                 ///< pandas' skipna, min_count, ddof
};

class GroupBy;

/// A pandas window operation (api/window.cpp), computed over the frame's row order: "cumsum",
/// "cumprod", "cummin", "cummax", "shift", "diff", "pct_change", "rank", "rolling",
/// "expanding", "ffill", "bfill", "ewm", "transform" (groupby only) or "cumcount" (groupby only).
struct WindowSpec {
  std::string op;
  int64_t periods = 1;                 ///< shift/diff/pct_change: offset; rolling: window size
  std::optional<int64_t> min_periods;  ///< rolling (default: the window), expanding (default 1)
  AggFunc agg = AggFunc::Sum;          ///< rolling, expanding, transform
  plan::RankMethod method = plan::RankMethod::Average;  ///< rank
  bool ascending = true;                                ///< rank; cumcount (false: from the end)
  plan::RankNa na_option = plan::RankNa::Keep;          ///< rank
  bool pct = false;                                     ///< rank
  bool center = false;                                  ///< rolling: centred on the row
  std::optional<int64_t> limit;                         ///< ffill/bfill: at most this many missing in a row
  plan::FillArea limit_area = plan::FillArea::Any;      ///< ffill/bfill: which missing values
  std::optional<Value> fill_value;                      ///< shift: the value shifted in (none: <NA>)
  double com = 1;                                       ///< ewm: center of mass >= 0; agg Mean, Sum, Std, Var
  bool adjust = true;                                   ///< ewm
  bool ignore_na = false;                               ///< ewm
  int64_t ddof = 1;                                     ///< rolling, expanding std/var: divide by n - ddof
  plan::WindowClosed closed = plan::WindowClosed::Right;  ///< rolling: which ends of the window hold rows
  /// rolling by a time offset (pandas' rolling("3D")): the window's length in microseconds
  /// (> 0); the window of a row holds the rows whose time is within it by `closed` (rows after
  /// it at the same time excluded, as pandas), `min_periods` defaults to 1.
  std::optional<int64_t> offset_us;
  /// rolling by a time offset: the datetime or timedelta column (pandas' `on`), which the
  /// result keeps as it is; none: the index (one level). The time must never decrease or never
  /// increase and not be missing (InvalidArgumentError as the query runs, pandas' ValueError).
  std::optional<Label> on;
};

/// How merge keeps rows without a match (pandas' `how`).
enum class MergeHow { Inner, Left, Right, Outer, Cross };

/// The options of DataFrame::merge, as pandas names them.
struct MergeOptions {
  MergeHow how = MergeHow::Inner;
  std::vector<Label> on;        ///< key columns present on both sides
  std::vector<Label> left_on;   ///< or: the left side's key columns...
  std::vector<Label> right_on;  ///< ...and the right side's
  std::pair<std::string, std::string> suffixes{"_x", "_y"};
  bool indicator = false;  ///< adds "_merge": left_only, right_only or both
  /// Outer joins sort by key (pandas' merge); false keeps the left rows' order followed by the
  /// right-only rows' (pandas' concat along columns).
  bool sort_outer = true;
};

/// Which axis of a DataFrame the other operand of an arithmetic or comparison lines up with
/// (pandas' `axis`): a Series' labels with the column labels (Columns, pandas' default) or with
/// the index (Index).
enum class Axis { Index, Columns };

/// How align joins two axes (pandas' `join`).
enum class JoinHow { Outer, Inner, Left, Right };

/// How DataFrame::binary combines its operands.
struct BinaryOptions {
  /// `other op this` (pandas' radd, rsub, ...; 2 - df).
  bool reflected = false;
  /// Fills a missing value on one side before the operation when the other side has a value
  /// (pandas' fill_value: cells missing on both sides stay missing).
  std::optional<Value> fill_value;
  /// The named methods (eq, lt, ...) align the operands before comparing; the operators
  /// (==, <, ...) require identically-labelled operands, as pandas does.
  bool flex = false;
};

/// Query results delivered batch by batch (DataFrame::to_batches).
class BatchReader {
 public:
  BatchReader(std::unique_ptr<engine::ResultStream> stream, std::vector<std::optional<Label>> index_names,
              std::vector<Label> labels, std::vector<ColumnLevel> column_levels, bool default_index,
              int64_t rows, std::vector<DType> dtypes = {});
  /// The next batch, nullopt after the last.
  std::optional<Result> next();

 private:
  std::unique_ptr<engine::ResultStream> stream_;
  std::vector<std::optional<Label>> index_names_;
  std::vector<Label> labels_;
  std::vector<ColumnLevel> column_levels_;
  bool default_index_;
  int64_t rows_;
  std::vector<DType> dtypes_;  ///< the columns' dtypes with their time zones
};

/// What a read gives as the index when no index column is named (bigframes' DefaultIndexKind).
enum class DefaultIndexKind {
  SequentialInt64,  ///< 0, 1, 2, ... in the source's order (strict mode)
  Null,             ///< no index: nothing is numbered (the default in partial mode)
};

/// One condition of read_table's filters: `column op value`. `op` is one of "==", "!=", "<",
/// "<=", ">", ">=" (one value) or "in", "not in" (any number of values).
struct ReadFilter {
  std::string column;
  std::string op;
  std::vector<Value> values;
};
/// read_table's filters: rows meeting all conditions of any one inner list (bigframes' and
/// pyarrow's list of lists; a single list is one AND).
using ReadFilters = std::vector<std::vector<ReadFilter>>;

/// The options of Session::read_table.
struct ReadTableOptions {
  std::vector<std::string> index_col;  ///< columns to make the index
  std::vector<std::string> columns;    ///< the columns to read (all when empty)
  ReadFilters filters;
  DefaultIndexKind default_index = DefaultIndexKind::SequentialInt64;
};

/// A session over an embedded warehouse: the entry point for reading data.
class Function;

/// Settings of Session::deploy_remote_function.
struct RemoteDeployOptions {
  bool skip_connection_check = false;
  int64_t max_functions = 1000;        ///< deployed functions a warehouse may hold
  std::vector<std::string> pip_args;   ///< extra arguments of pip install (e.g. --no-index)
  std::string python;                  ///< the service's and workers' Python ("": CORMORANT_PYTHON, python3)
  bool reuse = true;                   ///< an identical deployed function is kept (false: redeployed)
};

/// The connection remote functions use when none is named.
inline constexpr const char* kDefaultConnection = "cormorant-default-connection";

class Session {
 public:
  explicit Session(SessionOptions options = {});
  /// The session `frame` belongs to (the same engine, warehouse and options), to bring more
  /// data in beside it.
  static Session of(const DataFrame& frame);
  /// Reads a CSV file (pandas' read_csv defaults: header row, pandas' NA strings) into the
  /// session; `index_col` names columns to use as the index.
  DataFrame read_csv(const std::string& path, const CsvOptions& options = {},
                     const std::vector<std::string>& index_col = {}) const;
  /// Reads Parquet files (a path or a glob) lazily, in file and row order (with `index` Null:
  /// no index).
  DataFrame read_parquet(const std::string& path, DefaultIndexKind index = DefaultIndexKind::SequentialInt64) const;
  /// One key's value in the key-value metadata of the Parquet files of `path` (a path or a
  /// glob): a row per file that has it (file_name, value as bytes), by file name.
  Table parquet_key_values(const std::string& path, const std::string& key) const;
  /// Copies an Arrow stream into the session; the columns named in `index_columns` become
  /// the index, with `index_names` as level names (default: a sequential index). `labels`,
  /// when given, labels the other columns in order (an Arrow field name is a C string: it
  /// cannot carry a NUL, an integer or a tuple, so pandas' labels travel beside the stream);
  /// `column_levels` names the columns axis. `dtypes` gives the dtype of Arrow columns (by
  /// name) that hold another dtype's engine values: a categorical column travels as its codes
  /// (int64, null for missing) with its DType::categorical here.
  DataFrame read_arrow(ArrowArrayStream* stream, const std::vector<std::string>& index_columns = {},
                       const std::vector<std::optional<Label>>& index_names = {},
                       const std::vector<Label>& labels = {},
                       const std::vector<ColumnLevel>& column_levels = {},
                       const std::map<std::string, DType>& dtypes = {}) const;
  /// Reads a newline-delimited JSON file (pandas' read_json(lines=True)) into the session;
  /// `convert_dates` as pandas' (keys named like dates hold dates).
  DataFrame read_json(const std::string& path, bool convert_dates = true) const;
  /// The rows of a SQL query. They have no order of their own: cormorant orders them by a
  /// key of two independent hashes of all columns, so every evaluation gives the same order.
  DataFrame read_sql(const std::string& sql) const;
  /// Runs SQL as it is and returns the rows (no pandas semantics; for comparisons).
  Table execute_sql(const std::string& sql) const;
  const std::string& id() const;
  /// Removes the session's temporary tables and artifacts; objects of the session can no
  /// longer run.
  void close() const;
  /// Stops the query this session is running, if any (it throws InterruptedError; the session
  /// stays usable). The one method another thread may call while a query runs.
  void interrupt() const;

  // -- the warehouse (api/warehouse.cpp) ------------------------------------------------
  /// Reads a managed table ("dataset.table") lazily, in its stored order. Throws
  /// NotFoundError, ColumnNotFoundError (index_col, columns or a filter's column), DTypeError
  /// (a filter value of the wrong type), InvalidArgumentError (an unknown operator).
  DataFrame read_table(const std::string& table_id, const ReadTableOptions& options = {}) const;
  /// A table's schema, partitioning, clustering, files, rows and bytes.
  TableInfo describe_table(const std::string& table_id) const;
  std::vector<std::string> list_datasets() const;
  std::vector<std::string> list_tables(const std::string& dataset) const;
  void create_dataset(const std::string& dataset) const;
  void drop_table(const std::string& table_id) const;
  /// Removes what a (crashed) session left in the warehouse; returns how many folders.
  int clean_up_by_session_id(const std::string& session_id) const;

  // -- routines (api/udf.cpp) -------------------------------------------------------------
  /// Stores a routine. An empty `info.dataset` means this session's anonymous dataset (whose
  /// routines go away with the session) and an empty name "cormorant_" + the identity's
  /// first 16 characters. Returns whether it was written (false: a routine of that name and
  /// identity was there already, and is reused; a named routine of another identity is
  /// replaced atomically). Fills in dataset, name, creator and code_hash, and the identity
  /// when empty (storage::routine_identity of the source as it is: give the identity of the
  /// normalized code to reuse routines across trivial edits). An in-memory session stores
  /// nothing and returns true.
  bool create_routine(RoutineInfo& info) const;
  /// A stored routine ("dataset.name"); throws NotFoundError.
  RoutineInfo describe_routine(const std::string& routine_id) const;
  /// A stored routine to run: describe_routine, refusing (UdfDefinitionError) code that does
  /// not match its recorded hash.
  RoutineInfo read_routine(const std::string& routine_id) const;
  /// The routines of a dataset, sorted.
  std::vector<std::string> list_routines(const std::string& dataset) const;
  /// Removes a routine; throws NotFoundError when absent.
  void delete_routine(const std::string& routine_id) const;
  /// A stored Python routine, run in a pool of `workers` Python worker processes
  /// ($CORMORANT_PYTHON, else python3, with cormorant installed); 0: one worker.
  /// `python` runs the workers (or, for a deployed remote routine, the function service
  /// when it must be started); "": CORMORANT_PYTHON, else python3.
  Function read_function(const std::string& routine_id, int workers = 0, std::string python = "") const;

  // -- remote functions (api/remote.cpp) ---------------------------------------------------
  /// Deploys the Python routine `info` on the warehouse's function service (started if none
  /// runs): checks its connection (`info.connection`, "" for the default
  /// cormorant-default-connection, created on first use) unless
  /// `options.skip_connection_check`, refuses a deploy past `options.max_functions`, builds
  /// the environment of its packages, stores it as a deployed routine whose invokers include
  /// the connection, and loads it in the service. Returns whether a routine was written
  /// (false: an identical one was reused).
  bool deploy_remote_function(RoutineInfo& info, const RemoteDeployOptions& options) const;
  /// Registers the HTTP endpoint `info.endpoint` (speaking BigQuery's remote-function
  /// protocol) as routine `info`, called with connection `info.connection`'s token.
  bool create_remote_function(RoutineInfo& info, bool skip_connection_check) const;
  std::vector<ConnectionInfo> list_connections() const;
  /// Creates a connection (a new secret token); an existing one is returned as it is.
  ConnectionInfo create_connection(const std::string& name) const;
  void delete_connection(const std::string& name) const;
  /// Grants or revokes the invoker role of `connection` on remote routine `routine_id`.
  void grant_invoke(const std::string& routine_id, const std::string& connection) const;
  void revoke_invoke(const std::string& routine_id, const std::string& connection) const;

  // -- ordering and cost ----------------------------------------------------------------
  OrderingMode ordering_mode() const;
  /// Applies to sources read afterwards.
  void set_ordering_mode(OrderingMode mode) const;
  std::optional<int64_t> maximum_bytes_billed() const;
  void set_maximum_bytes_billed(std::optional<int64_t> bytes) const;
  /// The most partitions a table write may give a table (SessionOptions::max_partitions).
  int64_t max_partitions() const;
  void set_max_partitions(int64_t max) const;
  /// The stats of the last query the session ran.
  QueryStats last_query() const;
  SessionTotals totals() const;
  /// How many statements the engine has run or prepared for this session (see
  /// session::Context::engine_statements): how many round trips a program costs.
  int64_t engine_statements() const;
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  explicit Session(std::shared_ptr<session::Context> ctx) : ctx_(std::move(ctx)) {}
  std::shared_ptr<session::Context> ctx_;
};

/// A lazy table of labelled, typed columns with an index.
class DataFrame {
 public:
  DataFrame(std::shared_ptr<session::Context> ctx, plan::NodePtr plan, std::vector<IndexLevel> index,
            std::vector<Column> columns, bool default_index, std::vector<ColumnLevel> column_levels = {});

  // -- selection ------------------------------------------------------------------------
  /// One column; throws ColumnNotFoundError.
  Series operator[](const Label& column) const;
  Series operator[](const char* column) const;
  /// Whether `s` is this frame's own column named s.name(), as `(*this)[label]` gives it (the
  /// same rows, the column's values unchanged): pandas leaves such a grouping key out of the
  /// aggregated columns (`df.groupby(df["k"])` is `df.groupby("k")`).
  bool is_own_column(const Series& s) const;
  /// Some columns, in the order given; throws ColumnNotFoundError.
  DataFrame operator[](const std::vector<Label>& columns) const;
  DataFrame operator[](std::initializer_list<Label> columns) const;
  /// The columns whose tuple label starts with `key` (pandas' df[key] on MultiIndex columns),
  /// labelled by the rest of their tuple (one element: that element); throws
  /// ColumnNotFoundError when none does.
  DataFrame column_level(const Label& key) const;
  /// Calls registered scalar function `function` (e.g. a user function, session/udf.hpp)
  /// with every value column in order: one value per row (DataFrame.apply(axis=1)).
  Series call_rows(const std::string& function, std::vector<Value> params = {}) const;
  /// The rows where `mask` is True (<NA> counts as False); the mask aligns on the index.
  DataFrame operator[](const Series& mask) const;
  DataFrame filter(const Series& mask) const { return (*this)[mask]; }

  /// A copy with column `name` added (at the end) or replaced (in place); a Series aligns on
  /// the index, labels it lacks get <NA>.
  DataFrame assign(const Label& name, const Series& value) const;
  DataFrame assign(const Label& name, const Value& value) const;
  /// df[name] = value: this handle now refers to the new plan.
  void set(const Label& name, const Series& value) { *this = assign(name, value); }
  void set(const Label& name, const Value& value) { *this = assign(name, value); }

  DataFrame astype(DType dtype) const;
  DataFrame astype(const std::map<Label, DType>& dtypes) const;
  /// Renames columns; labels not present are ignored, as in pandas.
  DataFrame rename(const std::map<Label, Label>& columns) const;
  /// Drops columns; throws ColumnNotFoundError for a label not present.
  DataFrame drop(const std::vector<Label>& columns) const;

  // -- arithmetic and comparison (api/frame_ops.cpp) --------------------------------------
  // Each column is computed as the Series operators compute it (pandas' dtype rules, division
  // by zero, Kleene logic), in the plan; dtype errors name the column.
  /// Every column `op` a scalar.
  DataFrame binary(plan::BinaryOp op, const Value& other, const BinaryOptions& options = {}) const;
  /// Two frames aligned on both axes: the union of the row labels and of the column labels
  /// (kept as they are when both sides have the same labels in the same order, else sorted as
  /// pandas sorts them); a column one side lacks is all <NA> (Float64, boolean for comparisons)
  /// unless `fill_value` fills that side.
  DataFrame binary(plan::BinaryOp op, const DataFrame& other, const BinaryOptions& options = {}) const;
  /// With a Series aligned on the index (Axis::Index), or on the column labels
  /// (Axis::Columns: the Series, one value per column, runs first to read its labels).
  DataFrame binary(plan::BinaryOp op, const Series& other, Axis axis, const BinaryOptions& options = {}) const;
  /// With one value per column label (pandas' Series, dict or list along the columns), aligned
  /// on the column labels.
  DataFrame binary(plan::BinaryOp op, const std::vector<std::pair<Label, Value>>& row,
                   const BinaryOptions& options = {}) const;
  /// pandas' where (mask when `mask`): each cell kept where `cond`'s cell with the same row and
  /// column labels is True (mask: False), else replaced by `other`, or by the cell of
  /// `other_frame` with the same labels when given (<NA> where it has none). A cell `cond` lacks
  /// or holds <NA> is replaced. `cond` and `other_frame` line up with this frame's rows (left
  /// joins, this frame's order); each column's dtype and errors are the Series where's.
  DataFrame where(const DataFrame& cond, const Value& other, bool mask = false,
                  const std::optional<DataFrame>& other_frame = std::nullopt) const;
  // -- setting cells (pandas' df.loc[rows, columns] = value; api/assign.cpp) --------------

  /// The frame with `columns` set to `value` on the rows where `rows` is True (all rows when
  /// nullopt; the mask aligns on the index, <NA> counts as False, and a mask lacking a row
  /// throws UnalignableError), as pandas 3 sets cells: an existing column keeps its dtype and
  /// takes only values that fit it (plan::value_fits; else DTypeError naming the column); a
  /// new column is `value` on those rows and <NA> elsewhere (an integer gives Float64, as
  /// pandas' float64 column; with all rows, it is assign()). Every column with a label in
  /// `columns` is set (duplicate labels included). The plan stays lazy.
  DataFrame set_cells(const std::optional<Series>& rows, const std::vector<Label>& columns, const Value& value) const;
  /// The same with a Series as the value, aligned on the index (labels it lacks give <NA>).
  /// It goes into an existing column as pandas 3 allows: its own dtype, Int64 or boolean
  /// into Float64, boolean into Int64, Float64 into Int64 when the values set are integral
  /// (checked as the query runs: DTypeError), an aware timestamp into another zone; anything
  /// else is a DTypeError naming the column. `by_position`: pandas pairs the value's rows with
  /// the rows set in order (iloc, slices, lists of labels), which is supported only for a
  /// Series of this frame's own rows set on all rows (else NotImplementedError).
  DataFrame set_cells(const std::optional<Series>& rows, const std::vector<Label>& columns, const Series& value,
                      bool by_position = false) const;
  /// A boolean Series on this frame's rows: True at these positions (negative counts from the
  /// end; IndexOutOfBoundsError past either end). Needs a row order.
  Series position_mask(const std::vector<int64_t>& positions) const;
  /// A boolean Series on this frame's rows: True at the positions the slice
  /// start:stop:step picks (iloc's rules). Needs a row order.
  Series slice_mask(std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step = 1) const;
  /// A boolean Series on this frame's rows: True where the (single-level) index label is one
  /// of `labels`; throws LabelNotFoundError naming the labels that are absent (pandas would
  /// add rows for them, which cormorant does not do).
  Series label_mask(const std::vector<Value>& labels) const;

  // -- combining (api/combine.cpp) --------------------------------------------------------

  /// pandas' combine_first: the union of both frames' rows (aligned on the index, ordered as
  /// pandas orders the union) and columns (this frame's, then the other's new ones); each
  /// cell is this frame's value, or the other's where this one is <NA> or absent. A column
  /// both have gets their common dtype (Int64 and Float64: Float64); other pairs of dtypes
  /// are a DTypeError naming the column.
  DataFrame combine_first(const DataFrame& other) const;
  /// pandas' update (as a new frame: the Python layer sets it in place): the columns this
  /// frame shares with `other` take the other's non-missing values, aligned on the index (its
  /// rows and labels it lacks change nothing), under set_cells' dtype rules. With
  /// `overwrite` false only this frame's missing values are filled.
  DataFrame update(const DataFrame& other, bool overwrite = true) const;
  /// pandas' equals: the same column labels and dtypes, the same number of rows, and row by
  /// row (in order) equal index labels and values, <NA> matching <NA>. Runs one query (two
  /// counts first). Needs a row order.
  bool equals(const DataFrame& other) const;
  /// pandas' DataFrame.replace: in each column, every `from` that can equal its values (a
  /// number in a numeric column, text in a string column, a boolean in a boolean column, <NA>
  /// anywhere) becomes its `to` (which must fit the column: DTypeError). `columns` limits the
  /// replacement to some columns (all when empty).
  DataFrame replace(const std::vector<std::pair<Value, Value>>& pairs, const std::vector<Label>& columns = {}) const;

  /// pandas' reindex (api/reindex.cpp): with `labels`, one row per label in that order (a
  /// single-level index, whose labels must not repeat: InvalidArgumentError when run), the
  /// row with that label or, for a label the index lacks, <NA> (`fill_value` when given, which
  /// must fit each column); with `columns`, those columns in that order, a label the frame
  /// lacks giving a column of <NA> (Float64, as pandas' NaN) or of `fill_value`.
  DataFrame reindex(const std::optional<std::vector<Value>>& labels,
                    const std::optional<std::vector<Label>>& columns = std::nullopt,
                    const std::optional<Value>& fill_value = std::nullopt) const;

  /// pandas' align: this frame and `other` over the same rows and columns. Rows (`axis`
  /// nullopt or Axis::Index): Outer, the union of both sides' row labels in the order pandas'
  /// arithmetic gives it; Left (Right), this frame's (the other's) rows, the other side's rows
  /// brought onto them by label; Inner, this frame's rows whose labels the other has, in this
  /// frame's order. Columns (nullopt or Axis::Columns) join the same way (the Outer union as
  /// binary() forms it). Cells a side lacks are <NA> (a column it lacks: Float64), or
  /// `fill_value` when given. Reindexing a side whose labels repeat is refused, as pandas
  /// does (InvalidArgumentError; for row labels, when run).
  std::pair<DataFrame, DataFrame> align(const DataFrame& other, JoinHow how = JoinHow::Outer,
                                        std::optional<Axis> axis = std::nullopt,
                                        const std::optional<Value>& fill_value = std::nullopt) const;

  /// `op` of every column (-df, ~df).
  DataFrame unary(plan::UnaryOp op) const;
  /// +df: the frame itself, after checking that every column is numeric or boolean.
  DataFrame positive() const;

  // -- order and position ---------------------------------------------------------------
  /// The first n rows (all but the last -n when n is negative).
  DataFrame head(int64_t n = 5) const;
  /// The last n rows (all but the first -n when n is negative).
  DataFrame tail(int64_t n = 5) const;
  /// Rows at positions start, start + step, ... before stop, like Python slicing (negative
  /// values count from the end; a negative step reverses).
  DataFrame iloc(std::optional<int64_t> start, std::optional<int64_t> stop, int64_t step = 1) const;
  /// Rows at these positions, in this order (negative counts from the end); throws
  /// IndexOutOfBoundsError.
  DataFrame take(const std::vector<int64_t>& positions) const;
  /// The rows where `mask` is true, by position (pandas' iloc/loc with a boolean list);
  /// throws IndexOutOfBoundsError when the mask's length is not the number of rows.
  DataFrame take_mask(const std::vector<bool>& mask) const;
  /// Rows whose (single-level) index label is one of `labels`, in that order; throws
  /// ColumnNotFoundError (KeyError) naming the labels that are absent.
  DataFrame loc(const std::vector<Value>& labels) const;
  /// Rows from label `start` to label `stop`, both included (either may be <NA> = open).
  DataFrame loc_slice(const Value& start, const Value& stop) const;
  /// Sorts by columns; stable, so ties keep their order. `ascending` has one entry or one per key.
  DataFrame sort_values(const std::vector<Label>& by, const std::vector<bool>& ascending = {true},
                        bool na_last = true) const;
  DataFrame sort_index(bool ascending = true, bool na_last = true) const;
  /// Makes columns the index.
  DataFrame set_index(const std::vector<Label>& keys, bool drop = true, bool append = false) const;
  /// The same frame with its index levels named `names` (pandas' rename_axis).
  DataFrame rename_axis(const std::vector<std::optional<Label>>& names) const;
  /// The same frame with its columns axis' levels (names and dtypes) set to `levels`: one per
  /// item of the tuple labels, or one for plain labels; empty: one unnamed level (pandas'
  /// rename_axis(columns=), and droplevel/xs along the columns keeping any level). Throws
  /// InvalidArgumentError for another count.
  DataFrame with_column_levels(std::vector<ColumnLevel> levels) const;
  /// Moves the index into columns (unless `drop`) and gives a new sequential index.
  DataFrame reset_index(bool drop = false) const;
  /// Which rows repeat an earlier one in `subset` (all columns when empty): `keep` "first"
  /// marks all but the first of each set of equal rows, "last" all but the last, "none"
  /// (pandas' keep=False) all of them.
  Series duplicated(const std::vector<Label>& subset = {}, const std::string& keep = "first") const;
  /// The rows duplicated() does not mark.
  DataFrame drop_duplicates(const std::vector<Label>& subset = {}, const std::string& keep = "first") const;
  /// Database-style join on columns (pandas' merge): rows in pandas' order (inner and left:
  /// the left rows' order, right: the right rows', outer: sorted by key, cross: left then
  /// right) and a new default index.
  DataFrame merge(const DataFrame& right, const MergeOptions& options = {}) const;
  /// Groups rows by the values of columns (pandas' groupby): `as_index` makes the keys the
  /// result's index, `dropna` leaves out groups with a missing key, `sort` orders groups by
  /// key (else by first appearance).
  GroupBy groupby(const std::vector<Label>& keys, bool as_index = true, bool dropna = true,
                  bool sort = true) const;

  // -- results --------------------------------------------------------------------------
  /// (rows, columns); counts the rows by running a query.
  std::pair<int64_t, int64_t> shape() const;
  int64_t size() const { return shape().first; }
  std::vector<Label> columns() const;
  /// The names of the columns axis (pandas' df.columns.names; empty: one unnamed level).
  const std::vector<ColumnLevel>& column_levels() const { return column_levels_; }
  /// Each column's label and dtype.
  Schema dtypes() const;
  /// One value per column: the reduction `func` of each, under pandas' `options` (skipna,
  /// min_count, ddof); with `numeric_only`, non-numeric columns are left out.
  std::vector<std::pair<Label, Value>> aggregate(AggFunc func, const ReduceOptions& options = {},
                                                 bool numeric_only = false) const;
  /// A window operation of each of `columns` (all when empty) over the frame's row order
  /// (api/window.cpp): a frame of those columns with the same index.
  DataFrame window(const WindowSpec& spec, const std::vector<Label>& columns = {}) const;
  /// The `q` quantile of each numeric column (linear interpolation, <NA> skipped), in one query.
  std::vector<std::pair<Label, Value>> quantile(double q) const;
  /// One numeric column's quantiles (DataFrame::quantiles).
  struct Quantiles {
    Label label;
    std::vector<Value> values;  ///< one per q
    bool has_missing = false;   ///< the column holds <NA> (pandas' result dtype depends on it)
  };
  /// The quantiles `qs` of each numeric column (linear interpolation, <NA> skipped), all in one query.
  std::vector<Quantiles> quantiles(const std::vector<double>& qs) const;
  /// Corr or Cov of every pair of numeric columns (row-major over `labels` x `labels`), in one
  /// query; rows where either value is missing are left out of each pair, as pandas does.
  std::vector<Value> pairwise(AggFunc func, const std::vector<Label>& labels) const;
  /// The SQL this DataFrame compiles to.
  std::string sql() const;
  /// The SQL this DataFrame compiles to on `engine` (Engine::Spark: Spark SQL; UnsupportedError
  /// where the plan needs what is not yet on that engine).
  std::string sql(Engine engine) const;
  /// Runs the plan: the value columns, labelled, in order.
  Table to_table() const;
  /// Runs the plan: index and values, described for conversion (to pandas).
  Result to_result() const;
  /// Runs the plan once into a session table and returns a DataFrame reading it (same
  /// labels, index and order), so later work starts from the result.
  DataFrame cache() const;
  /// Runs the plan and hands out its rows in batches of about `rows`, as the engine produces
  /// them (pandas-compatible batches without materializing everything).
  BatchReader to_batches(int64_t rows = 65536) const;
  /// Writes the rows (and, with `index`, the index first) to a Parquet file.
  void to_parquet(const std::string& path, bool index = false) const;
  /// Writes the rows to a CSV file as pandas' to_csv does (header, `index` first, True/False,
  /// missing values empty).
  void to_csv(const std::string& path, char sep = ',', bool header = true, bool index = true) const;
  /// Formats the frame as pandas prints it.
  std::string to_string(int64_t max_rows = 60) const;

  // -- the warehouse and cost (api/warehouse.cpp) ----------------------------------------
  /// Writes the frame as a managed table (an index that is not the default one is written
  /// as leading columns named after its levels, "index" when unnamed). Atomic.
  TableInfo to_table(const std::string& table_id, const WriteOptions& options = {}) const;
  /// Any n rows, without ordering, reading as little as possible (bigframes' peek).
  DataFrame peek(int64_t n = 5) const;
  /// The estimated cost of running the frame, from metadata; nothing runs.
  QueryStats dry_run() const;
  /// The SQL, what was pushed down to the scans and pruned, and what orders the rows.
  std::string explain() const;

  const plan::NodePtr& plan() const { return plan_; }
  const std::vector<IndexLevel>& index() const { return index_; }
  const std::vector<Column>& value_columns() const { return columns_; }
  bool default_index() const { return default_index_; }
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  DataFrame with(plan::NodePtr plan) const;
  /// The rows at `positions` (each within 0..rows-1), in that order.
  DataFrame pick(const std::vector<int64_t>& positions) const;
  /// This frame's plan with row positions, the positions' column, and the condition true at
  /// the positions of the slice start:stop:step (Python's slicing rules; counts the rows only
  /// when a bound needs it). `step` is not 0.
  std::tuple<plan::NodePtr, std::string, plan::ExprPtr> slice_positions(std::optional<int64_t> start,
                                                                        std::optional<int64_t> stop, int64_t step) const;
  const Column& column(const Label& label) const;
  /// The index columns, then the value columns, as a query hands them out.
  compile::Output output() const;
  /// True when the index is the default one and numbers the rows in the order the query
  /// gives them (rewrite::holds_positions): a result then leaves it out (see Result).
  bool index_is_positions() const;
  /// What a result (to_result, sql, explain, dry_run) asks the query for: output(), without
  /// the index when index_is_positions().
  compile::Output result_output() const;

  std::shared_ptr<session::Context> ctx_;
  plan::NodePtr plan_;
  std::vector<IndexLevel> index_;
  std::vector<Column> columns_;
  bool default_index_;
  std::vector<ColumnLevel> column_levels_;
};

/// A lazy column: an expression over a relation, with the relation's index and a name.
/// A reduction of a Series to one value, not run when made (Series::reduction): an operand of
/// other Series' arithmetic and comparisons, computed in their query (a scalar subquery), so a
/// filter on a reduction of the same data is one query, not two (TPC-H Q11's
/// `value > value.sum() * k`); value() runs it on its own. Arithmetic with constants stays lazy.
class Scalar {
 public:
  DType dtype() const { return expr_->dtype(); }
  /// Runs the reduction (and the arithmetic on it): the value the eager reduction gives.
  Value value() const;
  /// `this op other` (`other op this` when `reflected`), still not run.
  Scalar binary(plan::BinaryOp op, const Value& other, bool reflected = false) const;
  /// The value as an expression holding its reductions (plan::ScalarExpr).
  const plan::ExprPtr& expr() const { return expr_; }
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  friend class Series;
  Scalar(std::shared_ptr<session::Context> ctx, plan::ExprPtr expr) : ctx_(std::move(ctx)), expr_(std::move(expr)) {}
  std::shared_ptr<session::Context> ctx_;
  plan::ExprPtr expr_;
};

class Series {
 public:
  Series(std::shared_ptr<session::Context> ctx, plan::NodePtr relation, std::vector<IndexLevel> index,
         bool default_index, plan::ExprPtr expr, std::optional<Label> name);

  const std::optional<Label>& name() const { return name_; }
  DType dtype() const { return expr_->dtype(); }
  Series rename(std::optional<Label> name) const;
  Series astype(DType dtype) const;
  Series isna() const;
  Series notna() const;
  Series abs() const;
  /// Elementwise `this op other`, aligned on the index; the other side may be a scalar.
  Series binary(plan::BinaryOp op, const Series& other) const;
  Series binary(plan::BinaryOp op, const Value& other) const;
  /// Elementwise `other op this` (for a scalar on the left).
  Series reverse_binary(plan::BinaryOp op, const Value& other) const;
  /// Elementwise `this op other` (`other op this` when `reflected`) with a reduction not run
  /// yet: as with its value, in the same query.
  Series binary(plan::BinaryOp op, const Scalar& other, bool reflected = false) const;
  /// pandas' flex methods (s.add(other, fill_value=), s.lt(other), s.radd(other), ...): aligned
  /// on the index like the operators, but comparisons of misaligned Series compare on the union
  /// of labels (the operators refuse), and `fill_value` stands for a value only one side lacks.
  /// `reflected`: other op this.
  Series flex(plan::BinaryOp op, const Series& other, const std::optional<Value>& fill_value, bool reflected) const;
  Series unary(plan::UnaryOp op) const;
  /// +s: the Series itself; throws DTypeError unless it is numeric or boolean (pandas).
  Series positive() const;
  /// Calls a registered scalar function (plan/function.hpp) with this Series as its first
  /// argument, then `other` if given (aligned on the index), and constant `params`.
  Series call(const std::string& function, const std::optional<Series>& other = std::nullopt,
              const std::vector<Value>& params = {}) const;
  /// Whether each value is one of `values` (pandas' isin; numbers compare by value across
  /// int, float and bool); a missing value is `na_matches`. Long lists are held in a session
  /// table the query semi-joins, so the cost is linear in rows plus values.
  Series isin(const std::vector<Value>& values, bool na_matches = false) const;
  /// Whether each value is among the values of `values` (pandas' isin of a Series, a column or
  /// an index), as a semi-join in the same query: this Series' rows, order and index, whatever
  /// the order, index or duplicates of `values`; never missing. pandas 3.1's rules decide
  /// which dtypes compare (numbers by value across Int64, Float64 and boolean) and when a
  /// missing value is found. Throws DTypeError for dates against non-temporal values.
  Series isin(const Series& values) const;
  /// isin() writes lists up to this long into the SQL (where scans can prune with them).
  static constexpr size_t kInlineIsinValues = 64;
  /// The rows where `mask` is True.
  Series operator[](const Series& mask) const;
  /// pandas' Series.combine_first: the union of both indexes (pandas' order), this Series'
  /// value or, where it is <NA> or absent, the other's; the common dtype of the two.
  Series combine_first(const Series& other) const;
  /// pandas' Series.reindex: DataFrame::reindex of its rows.
  Series reindex(const std::vector<Value>& labels, const std::optional<Value>& fill_value = std::nullopt) const;
  /// pandas' Series.update (as a new Series): the other's non-missing values, aligned on the index.
  Series update(const Series& other) const;
  /// pandas' Series.equals: the same dtype and, in order, equal index labels and values.
  bool equals(const Series& other) const;
  /// pandas' s.loc[rows] = value / s[rows] = value: DataFrame::set_cells on this Series (same
  /// name, dtype rules and alignment).
  Series set_cells(const std::optional<Series>& rows, const Value& value) const;
  Series set_cells(const std::optional<Series>& rows, const Series& value, bool by_position = false) const;
  /// The reduction `func` over all values under pandas' `options` (skipna, min_count, ddof)
  /// and rules: the sum of nothing is 0, other reductions of nothing are <NA>.
  Value aggregate(AggFunc func, const ReduceOptions& options = {}) const;
  /// aggregate(func) not run: a Scalar for other Series' expressions, of the same value.
  /// Sum, Mean, Min, Max, Count, Median, Std and Var of Int64, Float64 and boolean Series,
  /// skipping <NA>; throws NotImplementedError for others.
  Scalar reduction(AggFunc func) const;
  int64_t size() const;

  /// A window operation over the Series' order (api/window.cpp); same index.
  Series window(const WindowSpec& spec) const;

  /// A one-column DataFrame with the same index (column 0 when the Series has no name).
  DataFrame to_frame() const;
  std::string sql() const { return to_frame().sql(); }
  Table to_table() const { return to_frame().to_table(); }
  /// Runs the Series once into a session table and returns a Series reading it (same name,
  /// index and order), so later work starts from the result (DataFrame::cache).
  Series cache() const;
  std::string to_string(int64_t max_rows = 60) const { return to_frame().to_string(max_rows); }

  const plan::NodePtr& relation() const { return relation_; }
  const plan::ExprPtr& expr() const { return expr_; }
  const std::vector<IndexLevel>& index() const { return index_; }
  bool default_index() const { return default_index_; }
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  std::shared_ptr<session::Context> ctx_;
  plan::NodePtr relation_;
  std::vector<IndexLevel> index_;
  bool default_index_;
  plan::ExprPtr expr_;
  std::optional<Label> name_;
};

/// pandas' concat along rows: the rows of each frame in turn; the columns are the union of the
/// frames' labels (in order of first appearance), <NA> where a frame lacks one; Int64 and
/// Float64 columns of one label widen to Float64. `ignore_index` gives a new default index.
DataFrame concat(const std::vector<DataFrame>& frames, bool ignore_index = false);

// -- reshaping (api/reshape.cpp) ----------------------------------------------------------

/// pandas' melt: for each value column in turn (all but `id_vars` when empty), every row's
/// id columns, the value column's label (`var_name`) and its value (`value_name`); a UNION
/// ALL. Value columns must share a dtype (Int64 and Float64 widen to Float64); a new default
/// index.
DataFrame melt(const DataFrame& frame, const std::vector<Label>& id_vars, const std::vector<Label>& value_vars = {},
               const Label& var_name = "variable", const Label& value_name = "value");

/// The options of pivot_table (and pivot, `aggregate` false).
struct PivotOptions {
  std::vector<Label> index;   ///< row keys; empty (pivot only): the frame's index
  Label columns;              ///< the column whose distinct values become columns
  std::vector<Label> values;  ///< empty: every other column
  /// pandas' labels (value column, value) even for one value column (values given as a list,
  /// or left to default); false: one value column labels by value alone.
  bool value_level = false;
  AggFunc func = AggFunc::Mean;     ///< sum, mean, min, max or count
  std::optional<Value> fill_value;
  /// false: pandas' pivot (no aggregation; duplicate (index, columns) pairs are a ValueError,
  /// missing keys are kept).
  bool aggregate = true;
};

/// pandas' pivot_table: the distinct values of `columns` are read first (sorted); then one
/// conditional aggregate per value and value column over a groupby of `index`. Columns are
/// labelled as pandas does: by the value itself (an Int64 column gives integer labels), or by
/// (value column, value) tuples with several value columns or `value_level`; the columns
/// axis is named after `columns`.
DataFrame pivot_table(const DataFrame& frame, const PivotOptions& options);

/// pandas' get_dummies over `columns`: the other columns, then one column per distinct value
/// (sorted, missing left out) of each, labelled prefix + prefix_sep + value (the value itself,
/// as a label of its own type, when the prefix is nullopt), true where the row has that value.
DataFrame get_dummies(const DataFrame& frame, const std::vector<Label>& columns,
                      const std::vector<std::optional<std::string>>& prefixes, const std::string& prefix_sep = "_",
                      DType dtype = DType::Boolean, bool drop_first = false);

/// The rows of a DataFrame in groups of equal keys; aggregations run in the engine.
class GroupBy {
 public:
  GroupBy(DataFrame frame, std::vector<Label> keys, bool as_index, bool dropna, bool sort);
  /// One output column per spec, one row per group.
  DataFrame agg(const std::vector<AggSpec>& specs) const;
  /// The number of rows of each group (a column "size").
  DataFrame size() const;
  /// A window operation of each of `columns` (all but the keys when empty; none for
  /// cumcount) within each group, in the frame's row order (api/window.cpp). The result has
  /// the frame's rows and index (<NA> where a key is missing and dropna), or with
  /// `group_index` the groups' rows only, ordered by group, indexed by keys then the index.
  DataFrame window(const WindowSpec& spec, const std::vector<Label>& columns = {}, bool group_index = false) const;
  const std::vector<Label>& keys() const { return keys_; }
  bool as_index() const { return as_index_; }

 private:
  DataFrame frame_;
  std::vector<Label> keys_;
  bool as_index_, dropna_, sort_;
};

Series operator+(const Series& a, const Series& b);
Series operator-(const Series& a, const Series& b);
Series operator*(const Series& a, const Series& b);
Series operator/(const Series& a, const Series& b);
Series operator%(const Series& a, const Series& b);
Series operator==(const Series& a, const Series& b);
Series operator!=(const Series& a, const Series& b);
Series operator<(const Series& a, const Series& b);
Series operator<=(const Series& a, const Series& b);
Series operator>(const Series& a, const Series& b);
Series operator>=(const Series& a, const Series& b);
Series operator&(const Series& a, const Series& b);
Series operator|(const Series& a, const Series& b);
Series operator^(const Series& a, const Series& b);
Series operator+(const Series& a, const Value& b);
Series operator-(const Series& a, const Value& b);
Series operator*(const Series& a, const Value& b);
Series operator/(const Series& a, const Value& b);
Series operator%(const Series& a, const Value& b);
Series operator==(const Series& a, const Value& b);
Series operator!=(const Series& a, const Value& b);
Series operator<(const Series& a, const Value& b);
Series operator<=(const Series& a, const Value& b);
Series operator>(const Series& a, const Value& b);
Series operator>=(const Series& a, const Value& b);
Series operator&(const Series& a, const Value& b);
Series operator|(const Series& a, const Value& b);
Series operator+(const Value& a, const Series& b);
Series operator-(const Value& a, const Series& b);
Series operator*(const Value& a, const Series& b);
Series operator/(const Value& a, const Series& b);
Series operator-(const Series& a);
Series operator~(const Series& a);

std::ostream& operator<<(std::ostream& out, const DataFrame& df);
std::ostream& operator<<(std::ostream& out, const Series& s);

/// A stored routine runnable in this process: applied to Series or rows, it becomes an engine
/// function call in the plan (api/udf.cpp).
class Function {
 public:
  Function(RoutineInfo info, int workers, std::string python = "");
  /// A remote routine, called with `token` (its connection's secret); a deployed one finds
  /// (or starts) the function service of `warehouse` with `python`.
  Function(RoutineInfo info, std::filesystem::path warehouse, std::string token, std::string python = "");
  const RoutineInfo& info() const { return info_; }
  /// The routine applied to each value of `s` (a routine of one argument).
  Series operator()(const Series& s) const;
  /// The routine applied to pairs of values of `a` and `b`, aligned on the index first.
  Series operator()(const Series& a, const Series& b) const;
  /// The routine applied to each row of `df` (a routine declared to take a row).
  Series apply_rows(const DataFrame& df) const;
  /// The engine function for rows with these labels and dtypes (none: the routine takes
  /// values); registered with the engine on first use.
  std::string engine_function(const std::vector<std::string>* row_names = nullptr,
                              const std::vector<DType>& row_dtypes = {}) const;
  /// How another process (a Spark executor) runs this Python routine on such rows or values:
  /// its portable description (functions/portable.hpp), its code as stored. `literal_names`:
  /// the row names are Python literals of the labels (repr), as the function service takes them.
  std::string portable(const std::vector<std::string>* row_names = nullptr, const std::vector<DType>& row_dtypes = {},
                       bool literal_names = false) const;

 private:
  RoutineInfo info_;
  int workers_;
  std::string python_;
  std::filesystem::path warehouse_;
  std::string token_;
};

}  // namespace cormorant
