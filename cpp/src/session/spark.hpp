#pragma once
// What a session on the Spark engine holds beside its Context (issue 14): the adapter of its
// Spark Connect session and the temporary views it made. Internal to session/.
#include <memory>
#include <string>
#include <vector>

#include "cormorant/compile/copy.hpp"
#include "cormorant/compile/sql.hpp"
#include "cormorant/engine/remote.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant::session {

/// The SQL dialect of `engine`.
const compile::Dialect& dialect_of(Engine engine);

/// Refuses what a session on the Spark engine cannot do yet (NotImplementedError naming it),
/// so that nothing runs on the embedded engine's data in its place.
[[noreturn]] void refuse_on_spark(const std::string& what);

class Context::SparkSide {
 public:
  explicit SparkSide(std::shared_ptr<engine::RemoteEngine> remote) : remote_(std::move(remote)) {}
  engine::RemoteEngine& remote() { return *remote_; }
  /// Runs `sql` on Spark: its rows with the Arrow types the core reads for `dtypes` (one per
  /// column, or none: each column as Spark types it), `labels` naming the columns in messages.
  Table query(const std::string& sql, const std::vector<DType>& dtypes, const std::vector<std::string>& labels);
  /// Copies the embedded engine's session table `table` (all of its columns: `columns`) to a
  /// Spark temporary view of the same name whose column `rowid` holds each row's 0-based
  /// position, as the table's row id does (so that a TableScanNode of it compiles the same on
  /// both engines), then drops the table: the session's rows live on Spark alone.
  void upload(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns,
              bool positions = true);
  /// cache() on Spark: the rows of `input` (`output`'s columns, in the plan's order) collected
  /// once and kept as a temporary view with their positions, so later reads do not run the
  /// source again; its columns are named by `output`'s aliases.
  Source keep(Context& ctx, const plan::NodePtr& input, const compile::Output& output);
  /// to_parquet/to_csv on Spark: the rows of `input` computed on Spark, then written to `path`
  /// by the embedded engine from a session table of them, so the file is the one a DuckDB
  /// session writes for the same rows.
  void write(Context& ctx, const plan::NodePtr& input, const compile::Output& output, const std::string& path,
             const compile::CopyFormat& format);
  /// Drops the session's views (what can be dropped: a server that went away took them along).
  void close();

 private:
  /// An embedded-engine session table holding `rows` (columns named `names`), and its columns.
  std::vector<plan::SourceColumn> local_table(Context& ctx, const std::string& table, Table& rows,
                                              const std::vector<std::string>& names);

  std::shared_ptr<engine::RemoteEngine> remote_;
  std::vector<std::string> views_;
};

}  // namespace cormorant::session
