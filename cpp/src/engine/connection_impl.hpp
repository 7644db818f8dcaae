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

namespace detail {

struct UdfState;

/// A thread kept for the life of a connection that runs its statements while the thread that
/// asked waits and calls a check now and then (engine.cpp's interruptible()). Started on first
/// use and kept, not started per query: a thread started for each query cost a small query
/// about 2.7 ms of CPU, as much as the engine's own work for head(10) of a Parquet file
/// (the new thread's stack and the engine's per-thread state start cold every time).
class QueryThread {
 public:
  QueryThread() = default;
  QueryThread(const QueryThread&) = delete;
  QueryThread& operator=(const QueryThread&) = delete;
  /// Stops the thread (waiting for nothing: no job runs when a connection closes).
  ~QueryThread();
  /// Runs `job` on the thread and returns when it ends, calling `poll` here every `period`
  /// meanwhile. `job` must not throw. One job at a time (the connection runs one statement
  /// at a time).
  void run(const std::function<void()>& job, const std::function<void()>& poll, std::chrono::milliseconds period);
  /// Whether the calling thread is this thread (a job that calls run() again runs in place).
  bool is_current() const;

 private:
  void serve();
  std::mutex mutex_;
  std::condition_variable wake_;
  const std::function<void()>* job_ = nullptr;
  bool done_ = false;
  bool stop_ = false;
  std::thread thread_;
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
  /// Statements run since the file-read log was last emptied.
  int64_t statements_logged = 0;
  /// Statements run or prepared since the connection opened (Connection::statements_run).
  std::atomic<int64_t> statements_run{0};  ///< (read by other threads: atomic)
  /// Whether the engine estimates the progress of this connection's queries (a
  /// ProgressReport was installed when it opened).
  bool follows_progress = false;
  /// Whether the engine's progress estimate is on now (Connection::set_progress_estimate).
  bool estimates_progress = false;
  /// Runs the statements while a check for Ctrl-C or a progress report is installed.
  QueryThread query_thread;
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
