#pragma once
/// The embedded engine (DuckDB). This layer is the only code that includes duckdb.h; it turns
/// every DuckDB error into a cormorant Error, exactly once.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/table.hpp"
#include "cormorant/common/value.hpp"
#include "cormorant/common/udf.hpp"

namespace cormorant::engine {

namespace detail {
struct ConnectionState;  // defined in src/engine/connection_impl.hpp
}

/// A column as the engine types it.
struct EngineColumn {
  std::string name;
  std::string engine_type;      ///< the engine's own type name, for messages
  std::optional<DType> dtype;   ///< the cormorant dtype, nullopt when unsupported
  bool canonical = false;       ///< already the engine type cormorant uses for `dtype`
  int decimal_precision = 0;    ///< a DECIMAL(precision, scale) read as Float64 (0: not one)
  int decimal_scale = 0;
};

/// A query's rows delivered batch by batch as the engine produces them (nothing is
/// materialized beyond the batch at hand). Another query on the same connection ends it.
class ResultStream {
 public:
  ~ResultStream();
  ResultStream(const ResultStream&) = delete;
  ResultStream& operator=(const ResultStream&) = delete;
  /// The next batch of about `rows` rows (whole engine chunks), nullopt after the last.
  std::optional<Table> next(int64_t rows);
  /// A stream of the rows of a table already materialized (a remote engine's result): the
  /// whole table is its one batch.
  static std::unique_ptr<ResultStream> of(Table table);

 private:
  friend class Connection;
  struct Impl;
  explicit ResultStream(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One read of a file by the engine: `bytes` bytes at offset `pos`.
struct FileRead {
  std::string path;
  int64_t pos = 0;
  int64_t bytes = 0;
};

/// The read in one message of DuckDB's FileSystem log ({"fs":..,"path":..,"op":"READ",..}, the
/// path unescaped); nullopt for any other operation or a message not in that form.
std::optional<FileRead> parse_file_read(std::string_view message);

/// A check run about every 50 ms, on the thread that runs a query (between the engine tasks
/// it runs, and once after a signal stopped the query: see set_signal_watch); returning true
/// stops the query, which then throws InterruptedError. One per process (the Python binding
/// installs one that looks for Ctrl-C); null: nothing checks.
using InterruptCheck = bool (*)();
/// Installs `check` (null removes it).
void set_interrupt_check(InterruptCheck check);
/// Called on the thread that starts a query: whether a signal may stop it inside one long
/// engine task (the Python binding: on Python's main thread, with its Ctrl-C handler chained
/// to signal_arrived()). Between tasks the InterruptCheck alone decides.
using SignalWatch = bool (*)();
void set_signal_watch(SignalWatch watch);
/// Async-signal-safe: called by a signal handler, it interrupts the queries that the
/// SignalWatch accepted (within milliseconds), whose InterruptCheck is then asked.
void signal_arrived() noexcept;

/// How far a running query has come, by the engine's estimate: the rows its pipelines have
/// read of those they will read (DuckDB's query progress).
struct QueryProgress {
  double percent = 0;      ///< 0 to 100; -1 when the engine has no estimate (see set_progress_estimate)
  uint64_t rows_done = 0;  ///< rows read so far
  uint64_t rows_total = 0; ///< rows to read in all (an estimate)
  double seconds = 0;      ///< since the query started
  bool finished = false;   ///< the last report of a query, once it has ended (or failed)
};
/// Called about every 50 ms (between engine tasks), on the thread that runs a query, while it runs longer
/// than the `after` given to set_progress_report, and once more (finished) when it ends.
using ProgressReport = void (*)(const QueryProgress&);
/// Installs `report` (null removes it) for the connections opened afterwards: they keep the
/// engine's progress estimate, which costs a little on every query, only when one is installed.
void set_progress_report(ProgressReport report, std::chrono::milliseconds after);

/// One connection to an embedded database. Not thread-safe: one per session (except
/// interrupt(), which any thread may call).
class Connection {
 public:
  /// Opens a new in-memory database. `threads` = 0 lets the engine choose.
  explicit Connection(int threads = 0);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  /// The columns `sql` would return, learned by preparing it (nothing runs).
  std::vector<EngineColumn> describe(const std::string& sql);
  /// Runs a statement that returns nothing of interest.
  void execute(const std::string& sql);
  /// Runs a query and materializes its rows as Arrow batches. Every column must have a
  /// canonical type (the compiler casts them).
  Table query(const std::string& sql);
  /// Starts a streaming query (see ResultStream). Every column must have a canonical type.
  std::unique_ptr<ResultStream> stream(const std::string& sql);
  /// Appends the batches of `stream` to the existing table `table_name`, whose column types
  /// must equal the stream's exactly. Consumes (releases) the stream.
  void append_arrow(const std::string& table_name, ArrowArrayStream* stream);

  /// Appends `values` (non-missing, all of `dtype`: Int64, Float64, boolean or string) as the
  /// rows of the one-column table `table_name`.
  void append_values(const std::string& table_name, DType dtype, const std::vector<Value>& values);

  /// Stops the query running on this connection, if any: it throws InterruptedError. Safe to
  /// call from any thread; the connection stays usable.
  void interrupt();

  /// Runs the next queries on `threads` threads (0: the number the connection was opened
  /// with). Cheap when unchanged.
  void set_threads(int threads);
  /// Whether the engine estimates the progress of the next queries (when a ProgressReport is
  /// installed). The estimate costs about 0.2 ms a query, a tenth of a small one: the session
  /// asks for it only for queries that may run long. A long query without it is still
  /// reported, with percent -1. Cheap when unchanged.
  void set_progress_estimate(bool on);
  /// Makes `udf` callable in this connection's queries under its engine name (once; later
  /// calls with the same name do nothing). An exception thrown by its callback fails the
  /// query and is rethrown as it was by the call that ran the query.
  void register_function(std::shared_ptr<const ScalarUdf> udf);

  /// Starts (true) or stops recording the file reads of every statement, with the statement
  /// they belong to (DuckDB's FileSystem and QueryLog logs). While it records, the engine's
  /// own cache of file contents is off, so that reads are what a query really needs; the log
  /// costs a small query about 0.2 ms and a scan 15-25% of its CPU, so it is off unless a
  /// query's reads cannot be known otherwise (the user's SQL). Cheap when unchanged; what was
  /// recorded stays until take_file_reads().
  void record_file_reads(bool on);
  /// Empties the engine's cache of file contents (enable_external_file_cache), for a file that
  /// changed since the engine read it: the engine tells a file from its earlier contents by
  /// size and modification second only.
  void forget_cached_files();
  /// Marks the next statement run by execute(), query() or stream() with `tag` (a comment in
  /// front of its SQL), so that take_file_reads() can tell its reads apart; nullopt: none.
  void tag_next_statement(std::optional<int64_t> tag);
  /// How many statements ran while recording since the last take_file_reads() (each left a
  /// log entry).
  int64_t statements_logged() const;
  /// How many statements the engine has run or prepared (describe()) since the connection
  /// opened: tests count them to check that a program asks the engine nothing needless.
  int64_t statements_run() const;
  /// The reads of the tagged statements run since the last call, by tag; then forgets every
  /// recorded read and statement. Two small queries, whatever the number of statements.
  std::map<int64_t, std::vector<FileRead>> take_file_reads();

 private:
  std::unique_ptr<detail::ConnectionState> impl_;
};

/// The cormorant dtype of an Arrow format string ("l", "g", "b", "u", ...); nullopt for
/// formats cormorant does not support.
std::optional<DType> dtype_of_arrow_format(const std::string& format);
/// The dtype of an Arrow column (lists of supported items included); nullopt when unsupported.
std::optional<DType> dtype_of_arrow(const ArrowSchema& schema);
/// The dtype of an Arrow column and whether its values are that dtype's as they are (false: a
/// struct's field or a list's item is a narrow integer, which is Int64 there once cast).
std::pair<std::optional<DType>, bool> classify_arrow(const ArrowSchema& schema);

}  // namespace cormorant::engine
