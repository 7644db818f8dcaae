#pragma once
/// A session: the engine connection, the warehouse it works in, reading sources into plans,
/// and running plans.
#include <filesystem>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/table.hpp"
#include "cormorant/compile/compiler.hpp"
#include "cormorant/compile/copy.hpp"
#include "cormorant/engine/engine.hpp"
#include "cormorant/engine/remote.hpp"
#include "cormorant/plan/node.hpp"
#include "cormorant/rewrite/pushdown.hpp"
#include "cormorant/storage/warehouse.hpp"

namespace cormorant::session {

/// How DataFrames read from sources are ordered (bigframes' ordering_mode).
enum class OrderingMode {
  /// A total order and a sequential default index, as pandas (the default).
  Strict,
  /// No implied order and a NULL index, so that filters and column selections reach the scan.
  Partial,
};

/// The SQL engine a session runs its queries on: the embedded DuckDB (the default), or Apache
/// Spark 4 through Spark Connect (issue 14), reached through an engine::RemoteEngine adapter.
enum class Engine { DuckDB, Spark };

/// How a session is opened.
struct SessionOptions {
  /// The warehouse directory (created when missing). Empty: the default warehouse
  /// ($CORMORANT_WAREHOUSE, else $XDG_DATA_HOME/cormorant/warehouse, else
  /// ~/.local/share/cormorant/warehouse). ":memory:": none, nothing touches the disk.
  std::string warehouse;
  /// Engine threads; 0 lets the engine choose.
  int threads = 0;
  OrderingMode ordering_mode = OrderingMode::Strict;
  /// Queries whose estimated bytes processed exceed this are refused before they run.
  std::optional<int64_t> maximum_bytes_billed;
  /// A table write that would give the table more partitions than this is refused
  /// (TooManyPartitionsError) before anything is committed; BigQuery's limit.
  int64_t max_partitions = 10000;
  /// The engine queries run on. Engine::Spark needs `spark_remote` (or `remote_engine`).
  Engine engine = Engine::DuckDB;
  /// The Spark Connect URL of a Spark session ("sc://host:port").
  std::string spark_remote;
  /// The adapter of a Spark session; null: engine::open_remote_engine(spark_remote).
  std::shared_ptr<engine::RemoteEngine> remote_engine;
  /// Spark: a frame from the client (read_pandas, read_csv, ...) of more bytes than this
  /// (estimated) goes to Spark as a Parquet file in the session's artifact folder, read as a
  /// view, rather than as rows the Connect server holds in its heap; smaller ones as rows. A
  /// session without a warehouse (":memory:") sends every frame as rows.
  int64_t spark_frame_bytes = 16 << 20;
  /// How the warehouse's files are reached (storage/file_system.hpp); null: the local file
  /// system. Every file of the warehouse the session touches goes through it.
  std::shared_ptr<storage::FileSystem> files;
};

/// What a query cost or, for a dry run, is estimated to cost. Bytes processed are the bytes
/// of the column chunks read from Parquet files (all bytes read from files without
/// statistics); data already in the session (CSV, pandas) costs none.
struct QueryStats {
  std::string sql;
  bool dry_run = false;
  int64_t bytes_processed = 0;
  int64_t files_scanned = 0, files_total = 0;
  int64_t row_groups_scanned = 0, row_groups_total = 0;
  int64_t rows = -1;  ///< rows produced; -1 when not counted (dry runs, writes)
  double elapsed_seconds = 0;
  /// Per Parquet scan: "source: predicates" used to skip files and row groups.
  std::vector<std::string> pushed_down;
};

/// Running sums over a session's queries (dry runs excluded).
struct SessionTotals {
  int64_t queries = 0;
  int64_t bytes_processed = 0;
  double elapsed_seconds = 0;
};

/// How DataFrame::to_table writes a managed table.
struct WriteOptions {
  std::optional<storage::Partitioning> partitioning;
  /// Up to 4 columns; files are sorted by them so that row groups can be skipped.
  std::vector<std::string> clustering;
  /// "fail" (the default: AlreadyExistsError), "replace" or "append".
  std::string if_exists = "fail";
  /// Rows per row group; 0: 16384 for clustered tables (fine-grained skipping), else 122880.
  int64_t row_group_size = 0;
};

/// The default warehouse directory (see SessionOptions::warehouse).
std::filesystem::path default_warehouse();

/// A source read into a plan: the plan and its columns as (label, column id), in order.
struct Source {
  plan::NodePtr plan;
  std::vector<std::pair<std::string, std::string>> columns;
};

/// The scans of a query: what each may skip and what it reads (defined in cost.cpp).
struct ScanPlan;

/// What identifies a file's contents: its size and version (inode and change time here) as
/// a FileSystem's stat() gives them.
using FileStamp = storage::FileStat;

/// The state behind a session. The api layer's objects share it.
class Context {
 public:
  explicit Context(SessionOptions options = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  /// A fresh random id, unique per session.
  const std::string& id() const { return id_; }
  /// The engine the session's queries run on.
  Engine engine() const { return options_.engine; }
  /// The warehouse directory; empty for an in-memory session.
  const std::filesystem::path& warehouse() const { return warehouse_; }

  /// Loads a CSV file into a session table (as pandas reads the whole file, and so that the
  /// session keeps seeing the rows it first read). Throws FileNotFoundError, ParserError.
  Source read_csv(const std::string& path, const plan::CsvOptions& options);
  /// Reads Parquet files (a path or a glob) lazily. Throws FileNotFoundError.
  Source read_parquet(const std::string& path);
  /// One key's value in the key-value metadata of Parquet files (file_name, value), by file.
  Table parquet_key_values(const std::string& path, const std::string& key);
  /// Copies an Arrow stream into a session table. Columns must have canonical Arrow types
  /// (int64, double, bool, utf8/large_utf8, date32, timestamp[us]); throws DTypeError
  /// otherwise. Consumes the stream. `dtypes` declares columns (by name) holding codes of a
  /// categorical dtype (int64); their codes must be valid positions of its categories.
  Source read_arrow(ArrowArrayStream* stream, const std::map<std::string, DType>& dtypes = {});
  /// Loads a newline-delimited JSON file into a session table, in file order, each key with the
  /// dtype pandas' read_json(lines=True) gives it (json_text.hpp); `convert_dates`: keys named
  /// like dates hold dates, as pandas' convert_dates=True.
  Source read_json(const std::string& path, bool convert_dates = true);
  /// The rows of a SQL query, which have no order of their own.
  Source read_sql(const std::string& sql);

  /// Runs `plan` and returns the `output` columns, in the plan's order. `labels`: the user's
  /// names of those columns, for messages about them (none: their aliases).
  Table execute(const plan::NodePtr& plan, const compile::Output& output, const std::vector<std::string>& labels = {});
  /// Starts `plan` as a stream of result batches.
  std::unique_ptr<engine::ResultStream> stream(const plan::NodePtr& plan, const compile::Output& output);
  /// Gives the columns of a Parquet source the dtypes pandas recorded in the files' metadata
  /// where the engine's types say less: the zones of aware timestamps (the engine reads every
  /// aware column as UTC) and timedelta64[us] (the engine reads its microseconds as BIGINT).
  void apply_parquet_pandas_dtypes(const std::string& path, std::vector<plan::SourceColumn>& columns);
  /// The dtypes of `output`'s columns in `plan` (with their time zones and timedeltas, which
  /// the engine's results lack: give them to Table::restore_dtypes).
  static std::vector<DType> output_dtypes(const plan::NodePtr& plan, const compile::Output& output);
  /// Writes the `output` columns of `plan`, in its order, to a file. Throws
  /// InvalidArgumentError for Parquet columns whose names differ only in case.
  void write(const plan::NodePtr& plan, const compile::Output& output, const std::string& path,
             const compile::CopyFormat& format);
  /// Copies the `output` columns of `plan`, in its order, into a new session table and
  /// returns a source reading it (DataFrame::cache).
  Source materialize(const plan::NodePtr& plan, const compile::Output& output);
  /// Stops the running query, if any (thread-safe; see engine::Connection::interrupt and
  /// engine::RemoteEngine::interrupt).
  void interrupt();
  /// A session table with one column "v" of `dtype` holding the distinct values of `values`
  /// a column of that dtype can equal (compile::isin_values); isin() of long lists reads it.
  std::string values_table(DType dtype, const std::vector<Value>& values);
  /// Drops the session's tables; afterwards every use throws InvalidArgumentError.
  void close();
  bool closed() const { return closed_; }
  /// Runs a SQL statement as it is (for benchmarks and tests against the engine itself).
  Table execute_sql(const std::string& sql);
  /// The number of rows `plan` produces.
  int64_t count(const plan::NodePtr& plan);
  /// Whether the values of a session table's columns (`key`: the table and column names,
  /// as the api layer spells them) were found unique, once per session (the table never
  /// changes): nullopt when not checked yet.
  std::optional<bool> known_unique(const std::string& key) const;
  /// Records what a check of `key`'s uniqueness found (see known_unique).
  void remember_unique(const std::string& key, bool unique);
  /// The SQL `plan` compiles to on `engine`.
  std::string sql(const plan::NodePtr& plan, const compile::Output& output, Engine engine = Engine::DuckDB) const;

  // -- ordering and cost ----------------------------------------------------------------
  OrderingMode ordering_mode() const { return options_.ordering_mode; }
  /// Applies to sources read afterwards.
  void set_ordering_mode(OrderingMode mode) { options_.ordering_mode = mode; }
  const std::optional<int64_t>& maximum_bytes_billed() const { return options_.maximum_bytes_billed; }
  void set_maximum_bytes_billed(std::optional<int64_t> bytes);
  int64_t max_partitions() const { return options_.max_partitions; }
  /// Throws InvalidArgumentError unless `max` is positive.
  void set_max_partitions(int64_t max);
  /// Estimates what running `plan` would cost, from Parquet metadata after partition and
  /// row-group pruning; nothing runs.
  QueryStats dry_run(const plan::NodePtr& plan, const compile::Output& output);
  /// The SQL, what was pushed down to each scan and pruned, and what orders the rows.
  std::string explain(const plan::NodePtr& plan, const compile::Output& output);
  /// The stats of the last query run (not of dry runs). Bytes, files and row groups of scans
  /// are counted from the files' Parquet metadata after pruning (as dry_run() does); those of
  /// the user's SQL are measured from the engine's log when first asked for.
  QueryStats last_query();
  SessionTotals totals();
  /// How many statements the engine has run or prepared for this session (queries, probes of
  /// a source's columns, settings, reading the stats' log); asks the engine nothing.
  int64_t engine_statements() const { return connection_.statements_run(); }

  // -- the warehouse --------------------------------------------------------------------
  /// The warehouse's catalog; throws InvalidArgumentError for an in-memory session.
  storage::Warehouse& catalog();
  /// A managed table ("dataset.table") and a source reading its current version, in its
  /// stored row order; categorical columns are read as their values (their dtype is in the
  /// TableInfo). Throws NotFoundError.
  std::pair<Source, storage::TableInfo> read_table(const std::string& table_id);
  /// Writes the `output` columns of `plan` (aliases are the column names), in its order, as
  /// a managed table (categoricals as their values, their categories in the manifest); atomic
  /// (see storage::Warehouse::commit). Throws AlreadyExistsError,
  /// InvalidArgumentError for a bad partitioning or clustering, and leaves the previous
  /// table as it was on any error.
  storage::TableInfo write_table(const plan::NodePtr& plan, const compile::Output& output, const std::string& table_id,
                                 const WriteOptions& options);
  /// Removes the leftovers of session `session_id` (which may have crashed): its artifacts and
  /// unfinished writes. A Spark session's writes still running on Spark (its client was
  /// killed) are stopped first, and have ended when the staging is removed. Returns how many
  /// folders were removed.
  int clean_up_session(const std::string& session_id);
  /// The stamp of the file an engine reads at `path` (a warehouse file through the catalog's
  /// file interface, any other through the local file system); nullopt when it is missing.
  std::optional<FileStamp> file_stamp(const std::string& path) const;

 private:
  std::vector<plan::SourceColumn> source_columns(const std::string& probe_sql, const std::string& what);
  /// `input` with the kept results it holds read from their tables (reuse.cpp), through the
  /// rewrite passes; drops first the kept results no frame holds any more.
  plan::NodePtr prepared(const plan::NodePtr& input);
  /// `input` with every node whose result the session keeps replaced by a scan of its table.
  plan::NodePtr with_kept(const plan::NodePtr& input) const;
  /// Before a reduction to one row runs: writes its input to a session table and keeps it
  /// when it is a grouped result worth keeping (reuse.cpp), so that the reduction and later
  /// statements holding the same node read the table instead of computing it again.
  void keep_reduced_input(const plan::NodePtr& reduction);
  /// The row groups of these files with their statistics, filled in from Parquet metadata.
  void load_parquet_stats(std::vector<plan::ParquetFile>& files, const std::vector<plan::SourceColumn>& columns);
  /// Prunes scans, checks maximum_bytes_billed, then calls `run` with the files to read and
  /// records the query's stats; `run` sets the SQL it ran and returns the rows produced (-1:
  /// not counted). A `streamed` query is still running when `run` returns: its stats are the
  /// estimate.
  void measured(const plan::NodePtr& plan, const compile::Output& output,
                const std::function<int64_t(const compile::ScanFiles&, std::string& sql)>& run,
                bool streamed = false);
  /// Completes the stats of the user-SQL queries run since the last call from the engine's
  /// log of their file reads (two small statements for all of them), and empties the log; with
  /// nothing to complete, only when `empty_log` (the log holds many statements).
  void settle_stats(bool empty_log = false);
  /// Checks that the files the scans of a query read are those the manifest (or read_parquet)
  /// described: each file's size, and its row count (from its Parquet metadata) when it
  /// changed on disk since it was last checked. Throws DataFileChangedError naming the table
  /// and the file.
  void verify_files(const std::vector<rewrite::ScanChoice>& scans);
  void require_open() const;
  /// Held by every method that uses the engine connection or the session's state, so that
  /// threads sharing a session run their operations one after another (the connection runs
  /// one statement at a time, and a statement started meanwhile would end another's result).
  std::unique_lock<std::recursive_mutex> serialize() const { return std::unique_lock(mutex_); }
  /// Registers with the engine the user functions (session/udf.hpp) created since the last call.
  void sync_functions();
  std::string new_table_name();
  static Source source_of(plan::NodePtr plan, const std::vector<plan::SourceColumn>& columns);

  /// What a session on the Spark engine adds (session/spark.cpp): its adapter and views.
  class SparkSide;
  friend class SparkSide;
  std::unique_ptr<SparkSide> spark_;

  std::string id_;
  SessionOptions options_;
  std::filesystem::path warehouse_;
  std::unique_ptr<storage::Warehouse> catalog_;
  QueryStats last_query_;
  SessionTotals totals_;
  /// A query that ran but whose reads are not measured yet (settle_stats), with the plan its
  /// scans point into.
  struct PendingStats {
    int64_t tag = 0;
    plan::NodePtr plan;
    std::shared_ptr<const ScanPlan> scans;
    QueryStats stats;
  };
  std::vector<PendingStats> pending_;
  bool last_query_pending_ = false;  ///< last_query_ is pending_.back() before it is measured
  int64_t next_tag_ = 0;
  engine::Connection connection_;
  int64_t next_table_ = 0;
  size_t udfs_registered_ = 0;  ///< how many of registered_udfs() the engine knows
  std::vector<std::string> tables_;  ///< the session's tables, dropped by close()
  /// Files the engine read (read_parquet's metadata, a query's check of row counts) and whose
  /// row count matched, by path: the stamp they had then.
  std::map<std::string, FileStamp> verified_;
  /// Empties the engine's cache of file contents when a file of verified_ changed since it was
  /// read (its stamp differs): the engine tells a rewritten file from its old contents by size
  /// and modification second only, so a file rewritten in place within the same second, same
  /// size, was read from its old cached blocks.
  void forget_changed_files();
  /// A plan's result an eager reduction wrote to a session table, for later statements.
  struct KeptResult {
    std::weak_ptr<const plan::Node> node;  ///< the plan (kept while a frame holds it)
    std::string table;
    plan::NodePtr scan;  ///< reads `table` with the node's column ids and ordering
    std::map<std::string, FileStamp> files;  ///< the files it was computed from, as they were
    /// Whether it still stands for node `key`: the node lives and its files (stamped by
    /// `ctx`) are unchanged.
    bool current(const Context& ctx, const plan::Node* key) const;
  };
  std::unordered_map<const plan::Node*, KeptResult> kept_;
  std::unordered_map<std::string, bool> unique_;  ///< known_unique's answers
  bool closed_ = false;
  mutable std::recursive_mutex mutex_;
};

}  // namespace cormorant::session
