#pragma once
/// A remote SQL engine behind an adapter (issue 14: Apache Spark through Spark Connect). The
/// core hands it SQL text (compiled for its dialect) and Arrow data, and takes Arrow back; how
/// the adapter reaches the engine is its own affair (the Python binding calls pyspark's Spark
/// Connect client: see python/src/spark.cpp and python/cormorant/_spark.py). Nothing here knows
/// Python or a client library. A session on a remote engine keeps its embedded DuckDB
/// connection for local metadata work only (Parquet footers for pruning, dry runs).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"
#include "cormorant/common/table.hpp"

namespace cormorant::engine {

/// How RemoteEngine::write_parquet lays out the files it writes.
struct ParquetLayout {
  /// A column of the query whose values split the rows into folders `<column>=<value>` (the
  /// Hive layout; a missing value's folder is `<column>=__HIVE_DEFAULT_PARTITION__`), left out
  /// of the files. Empty: every file in the folder itself.
  std::string partition_column;
  /// Rows per row group at most (0: the writer's default, by bytes).
  int64_t row_group_rows = 0;
};

/// What the scans of a remote engine's query read, as the engine measures it.
struct FilesRead {
  int64_t bytes = 0;  ///< the sizes of the files read (Spark: whole files, its scans' filesSize)
  int64_t files = 0;
};

/// One session of a remote SQL engine. An implementation turns every failure into a cormorant
/// Error, once: EngineConnectionError when the engine cannot be reached or went away (naming
/// its address and what to start), ExecutionError for a statement the engine rejects (its
/// message's first line and what was being done), InterruptedError for a stopped query.
/// Calls come one at a time (the session serializes them), except interrupt().
class RemoteEngine {
 public:
  virtual ~RemoteEngine() = default;
  /// The engine's address, for messages ("sc://127.0.0.1:15002").
  virtual std::string address() const = 0;
  /// Runs the query `sql` and fills `out` with its rows (the caller owns and releases it).
  virtual void query(const std::string& sql, ArrowArrayStream* out) = 0;
  /// Creates or replaces the temporary view `name` holding the rows of `rows`, in order, with
  /// its column names and types (a timestamp without a zone stays one); consumes the stream.
  virtual void create_view(const std::string& name, ArrowArrayStream* rows) = 0;
  /// Creates or replaces the temporary view `name` of the query `sql`, resolved now: what the
  /// engine works out about the sources `sql` reads (Spark: a file's listing and its schema,
  /// which Spark reads with a job) is worked out once, not again in every query of the view.
  virtual void create_query_view(const std::string& name, const std::string& sql) = 0;
  /// Drops the temporary view `name`, if there is one.
  virtual void drop_view(const std::string& name) = 0;
  /// Makes the user function that `portable` describes (a ScalarUdf's portable description)
  /// callable in this session's SQL as `name`, returning the engine's type `result_type`; its
  /// failures while a query runs throw UdfExecutionError or RemoteFunctionError. The default
  /// throws NotImplementedError (an engine that runs no user functions).
  virtual void register_function(const std::string& name, const std::string& portable, const std::string& result_type);
  /// Stops the queries this session is running (they throw InterruptedError). Any thread.
  virtual void interrupt() = 0;
  /// Runs the query `sql` and writes its rows with the engine's own Parquet writer into the
  /// existing, empty folder `folder` (on storage the engine's nodes and this process share), as
  /// `layout` says; returns when every file is in place. Each task writes the rows it holds in
  /// the query's order, to files named `part-<task>-...parquet` (task numbers follow a sorted
  /// query's order). The engine's operations of the write carry `tag` (Spark Connect's
  /// operation tags), so that interrupt_tagged() from another client of this session stops
  /// them. The default refuses (NotImplementedError): an engine that cannot write.
  virtual void write_parquet(const std::string& sql, const std::string& folder, const ParquetLayout& layout,
                             const std::string& tag);
  /// An address that opens another client of this very session (open_remote_engine of it;
  /// Spark Connect: the URL with the session's session_id and user_id), for a later process to
  /// stop what this one left running. The default: "" (none).
  virtual std::string session_address() const;
  /// Stops this session's running operations that carry `tag` (the engine cancels them; their
  /// tasks stop a moment later) and ends the session. Returns whether any was running (none
  /// in a session the engine closed already). The default refuses (NotImplementedError).
  virtual bool interrupt_tagged(const std::string& tag);
  /// What the scans of the last query() read, as the engine measures it (Spark reports the
  /// sizes of the files its scans read, not the column chunks in them; after write_parquet():
  /// none, as Spark reports no metrics of a write). The default: none.
  virtual FilesRead files_read();
};

/// Opens a RemoteEngine for an address (a Spark Connect URL). The Python binding installs one
/// that connects through pyspark; a C++ program installs its own, or gives the session one.
using RemoteEngineFactory = std::function<std::shared_ptr<RemoteEngine>(const std::string& address)>;
/// Installs `factory` for sessions opened afterwards (an empty one removes it).
void set_remote_engine_factory(RemoteEngineFactory factory);
/// A RemoteEngine for `address` from the installed factory; NotImplementedError when none is
/// installed (the Spark engine needs an adapter).
std::shared_ptr<RemoteEngine> open_remote_engine(const std::string& address);

/// A remote engine's result as a Table whose columns have the Arrow types the rest of the core
/// reads for `dtypes` (one per column: what the plan says each column is), consuming `stream`.
/// Accepts what the remote engine spells its own way for the same values (large strings and
/// binaries, a timestamp's zone name for an instant); throws DTypeError naming the column
/// (`labels`, one per column, for messages) for anything that cannot be represented.
Table remote_table(ArrowArrayStream* stream, const std::vector<DType>& dtypes, const std::vector<std::string>& labels);

/// A column of a remote engine's result as the core types its query (read_sql).
struct RemoteColumn {
  std::string name;
  DType dtype;
  /// Whether the query's SQL casts the column to `dtype` (a struct's field or a list's item of a
  /// narrow integer is Int64, as on DuckDB).
  bool cast = false;
};
/// The columns of a remote engine's result, from its schema alone; releases `stream`. Throws
/// DTypeError naming a column cormorant cannot represent.
std::vector<RemoteColumn> remote_columns(ArrowArrayStream* stream);

}  // namespace cormorant::engine
