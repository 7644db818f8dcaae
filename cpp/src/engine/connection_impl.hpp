#pragma once
/// The state behind an engine::Connection, shared by the files of engine/ (never included
/// outside it).
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

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

namespace detail {

struct UdfState;

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
