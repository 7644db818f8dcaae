#pragma once
// What a session on the Spark engine holds beside its Context (issue 14): the adapter of its
// Spark Connect session and the temporary views it made. Internal to session/.
#include <memory>
#include <string>
#include <vector>

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
  void upload(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns);
  /// Drops the session's views (what can be dropped: a server that went away took them along).
  void close();

 private:
  std::shared_ptr<engine::RemoteEngine> remote_;
  std::vector<std::string> views_;
};

}  // namespace cormorant::session
