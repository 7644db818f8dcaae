#pragma once
/// A session: the engine connection, the warehouse it works in, reading sources into plans,
/// and running plans.
#include <filesystem>
#include <memory>
#include <string>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/table.hpp"
#include "cormorant/compile/compiler.hpp"
#include "cormorant/compile/copy.hpp"
#include "cormorant/engine/engine.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::session {

/// How a session is opened.
struct SessionOptions {
  /// The warehouse directory (created when missing). Empty: the default warehouse
  /// ($CORMORANT_WAREHOUSE, else $XDG_DATA_HOME/cormorant/warehouse, else
  /// ~/.local/share/cormorant/warehouse). ":memory:": none, nothing touches the disk.
  std::string warehouse;
  /// Engine threads; 0 lets the engine choose.
  int threads = 0;
};

/// The default warehouse directory (see SessionOptions::warehouse).
std::filesystem::path default_warehouse();

/// A source read into a plan: the plan and its columns as (label, column id), in order.
struct Source {
  plan::NodePtr plan;
  std::vector<std::pair<std::string, std::string>> columns;
};

/// The state behind a session. The api layer's objects share it.
class Context {
 public:
  explicit Context(SessionOptions options = {});
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  /// A fresh random id, unique per session.
  const std::string& id() const { return id_; }
  /// The warehouse directory; empty for an in-memory session.
  const std::filesystem::path& warehouse() const { return warehouse_; }

  /// Loads a CSV file into a session table (as pandas reads the whole file, and so that the
  /// session keeps seeing the rows it first read). Throws FileNotFoundError, ParserError.
  Source read_csv(const std::string& path, const plan::CsvOptions& options);
  /// Reads Parquet files (a path or a glob) lazily. Throws FileNotFoundError.
  Source read_parquet(const std::string& path);
  /// Copies an Arrow stream into a session table. Columns must have canonical Arrow types
  /// (int64, double, bool, utf8/large_utf8, date32, timestamp[us]); throws DTypeError
  /// otherwise. Consumes the stream.
  Source read_arrow(ArrowArrayStream* stream);
  /// Loads a newline-delimited JSON file into a session table, in file order.
  Source read_json(const std::string& path);
  /// The rows of a SQL query, which have no order of their own.
  Source read_sql(const std::string& sql);

  /// Runs `plan` and returns the `output` columns, in the plan's order.
  Table execute(const plan::NodePtr& plan, const compile::Output& output);
  /// Starts `plan` as a stream of result batches.
  std::unique_ptr<engine::ResultStream> stream(const plan::NodePtr& plan, const compile::Output& output);
  /// Writes the `output` columns of `plan`, in its order, to a file.
  void write(const plan::NodePtr& plan, const compile::Output& output, const std::string& path,
             const compile::CopyFormat& format);
  /// Copies the `output` columns of `plan`, in its order, into a new session table and
  /// returns a source reading it (DataFrame::cache).
  Source materialize(const plan::NodePtr& plan, const compile::Output& output);
  /// Drops the session's tables; afterwards every use throws InvalidArgumentError.
  void close();
  bool closed() const { return closed_; }
  /// Runs a SQL statement as it is (for benchmarks and tests against the engine itself).
  Table execute_sql(const std::string& sql);
  /// The number of rows `plan` produces.
  int64_t count(const plan::NodePtr& plan);
  /// The SQL `plan` compiles to.
  std::string sql(const plan::NodePtr& plan, const compile::Output& output) const;

 private:
  std::vector<plan::SourceColumn> source_columns(const std::string& probe_sql, const std::string& what);
  std::string new_table_name();
  static Source source_of(plan::NodePtr plan, const std::vector<plan::SourceColumn>& columns);

  std::string id_;
  std::filesystem::path warehouse_;
  engine::Connection connection_;
  int64_t next_table_ = 0;
  std::vector<std::string> tables_;  ///< the session's tables, dropped by close()
  bool closed_ = false;
};

}  // namespace cormorant::session
