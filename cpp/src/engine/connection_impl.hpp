#pragma once
/// The state behind an engine::Connection, shared by the files of engine/ (never included
/// outside it).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "cormorant/common/udf.hpp"
#include "cormorant/engine/engine.hpp"
#include "duckdb.h"

namespace cormorant::engine {

/// Converts a DuckDB error message ("Category Error: details") to a cormorant Error.
[[noreturn]] void throw_engine_error(std::string message);
/// Throws the error `error` holds, if any (and destroys it).
void check_error_data(duckdb_error_data error);

/// The engine's column type of `dtype` (the caller destroys it).
duckdb_logical_type logical_type(const DType& dtype);
/// The dtype whose canonical engine type is `type`; nullopt for any other type.
std::optional<DType> canonical_dtype(duckdb_logical_type type);
/// The cormorant dtype of a DuckDB type, and whether that type is the canonical one. Only
/// DECIMAL(38,9) is Decimal (other decimals stay Float64, as before decimals existed); a LIST
/// of a supported scalar type is a List (canonical when its item type is).
std::pair<std::optional<DType>, bool> classify(duckdb_logical_type type);
/// The engine's name of a type, for messages (INTEGER, STRUCT, ...).
std::string type_name(duckdb_logical_type type);

/// Whether a ProgressReport is installed (connections then keep the engine's estimate).
bool progress_installed();

namespace detail {

struct UdfState;

struct ConnectionState;

/// How a running query is watched (engine.cpp's interruptible()), on the thread that runs it:
/// the installed InterruptCheck and ProgressReport are called about every 50 ms between the
/// engine tasks that thread runs (tick()), and a signal (engine::signal_arrived()) stops the
/// query even inside one long task, through a watcher thread that sleeps until a signal comes.
/// The query runs on the calling thread itself: handing it to another thread and waking the
/// caller when it ended cost each small query two thread wake-ups (0.1 ms on an idle machine,
/// milliseconds on a loaded one).
class QueryWatch {
 public:
  explicit QueryWatch(ConnectionState& state);
  ~QueryWatch();
  QueryWatch(const QueryWatch&) = delete;
  QueryWatch& operator=(const QueryWatch&) = delete;
  /// Whether anything is installed to watch with (else the query just runs).
  bool active() const;
  /// Calls the check and the report if their time has come (cheap otherwise).
  void tick();
  /// After the query's work: the check of a signal that stopped it, and the last report.
  /// `failed`: the work threw.
  void finish(bool failed);
  /// Whether the check (or a signal) stopped the query.
  bool interrupted() const { return interrupted_; }
  /// Called by the signal watcher (another thread): interrupts the query.
  void stop_for_signal();
  /// Whether a signal stopped the query.
  bool signalled() const { return signalled_.load(); }
  /// Whether the check or a signal stopped the query (its next statement must not start).
  bool stopped() const { return interrupted_ || signalled(); }

 private:
  ConnectionState& state_;
  InterruptCheck check_;
  ProgressReport report_;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point next_poll_;
  std::chrono::milliseconds report_after_;
  bool watched_ = false;  ///< registered with the signal watcher
  bool interrupted_ = false;
  std::atomic<bool> signalled_{false};
  QueryProgress last_;
  bool reported_ = false;
};

struct ConnectionState {
  duckdb_database db = nullptr;
  duckdb_connection conn = nullptr;
  int opened_threads = 0;   ///< the engine's thread count when opened
  int current_threads = 0;  ///< the thread count set now
  /// The user functions registered on this connection, by engine name.
  std::map<std::string, std::unique_ptr<UdfState>> udfs;
  /// The first exception a user function threw in the running query: the query's error.
  std::mutex udf_error_mutex;
  std::exception_ptr udf_error;
  /// The comment put in front of the next statement (Connection::tag_next_statement).
  std::string next_tag;
  /// Whether the engine logs file reads now (Connection::record_file_reads).
  bool records_reads = false;
  /// Statements logged since the file-read log was last emptied.
  int64_t statements_logged = 0;
  /// Statements run or prepared since the connection opened (Connection::statements_run).
  std::atomic<int64_t> statements_run{0};  ///< (read by other threads: atomic)
  /// Whether the engine estimates the progress of this connection's queries (a
  /// ProgressReport was installed when it opened).
  bool follows_progress = false;
  /// Whether the engine's progress estimate is on now (Connection::set_progress_estimate).
  bool estimates_progress = false;
  /// The watch of the query running now (null between queries, and when nothing watches).
  QueryWatch* watch = nullptr;
  /// `sql` as the next statement runs it: with the pending tag (then forgotten), counted.
  std::string statement(const std::string& sql);

  ConnectionState();
  ~ConnectionState();
  /// Throws the error of a failed query: a user function's exception if one was thrown,
  /// else `message` converted.
  [[noreturn]] void fail(const char* message);
  /// Throws (and forgets) a user function's pending exception, if any.
  void rethrow_udf_error();
};

}  // namespace detail
}  // namespace cormorant::engine
