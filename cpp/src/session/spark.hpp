#pragma once
// What a session on the Spark engine holds beside its Context (issue 14): the adapter of its
// Spark Connect session and the temporary views it made. Internal to session/.
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/compile/copy.hpp"
#include "cormorant/compile/sql.hpp"
#include "cormorant/engine/remote.hpp"
#include "cormorant/session/session.hpp"
#include "cormorant/storage/warehouse.hpp"

namespace cormorant::session {

/// The SQL dialect of `engine`.
const compile::Dialect& dialect_of(Engine engine);

/// Refuses what a session on the Spark engine cannot do yet (NotImplementedError naming it),
/// so that nothing runs on the embedded engine's data in its place.
[[noreturn]] void refuse_on_spark(const std::string& what);

/// Throws InvalidArgumentError when two of the column names `names` differ only in case (the
/// engines' Parquet writers do not tell them apart).
void check_parquet_names(const std::vector<std::string>& names);
/// The partition key of a row of a table partitioned as `p`, as text (the DuckDB dialect's
/// evaluation of it names partitions, on both engines): the column's value, or its day or month.
plan::ExprPtr partition_key(const plan::ExprPtr& column, const storage::Partitioning& p);

class Context::SparkSide {
 public:
  /// `session_id`: the cormorant session's id, in the names of its views and functions; `ctx`
  /// stamps the files its views read.
  /// `frame_bytes`: see SessionOptions::spark_frame_bytes.
  SparkSide(const Context& ctx, std::shared_ptr<engine::RemoteEngine> remote, const std::string& session_id,
            int64_t frame_bytes);
  engine::RemoteEngine& remote() { return *remote_; }
  /// Writes into the session's artifact folder `artifacts` how another process reaches this
  /// Spark session (RemoteEngine::session_address) and the tag its table writes carry
  /// (write_files), so that cleaning up after the session crashed can stop the writes it left
  /// running on Spark (stop_writes).
  void record_writer(storage::Warehouse& catalog, const std::filesystem::path& artifacts,
                     const std::string& session_id);
  /// Large client frames (upload) go to Parquet files in `artifacts`/frames through the
  /// catalog's file system (so on storage the cluster sees, and removed with the session's
  /// artifacts, also by the clean-up of a crashed session). Without it every frame goes as rows.
  void use_artifacts(storage::Warehouse& catalog, const std::filesystem::path& artifacts);
  /// Stops, through a client of its own Spark session, the table writes that the crashed
  /// session whose artifact folder is `artifacts` left running on Spark, and returns once they
  /// have ended (nothing when it recorded none, its Spark session was closed or its server is
  /// gone: so are the writes).
  static void stop_writes(const storage::Warehouse& catalog, const std::filesystem::path& artifacts);
  /// The Spark dialect whose Parquet files are read from this session's views of them
  /// (Dialect::parquet_relation): a file's listing and schema are resolved by Spark once, when
  /// its view is made, instead of in every query (for parquet.`path`, a job reading the
  /// footer). Rendering only names the views; query() makes those it needs.
  const compile::Dialect& dialect() const { return dialect_; }
  /// Runs `sql` on Spark: its rows with the Arrow types the core reads for `dtypes` (one per
  /// column, or none: each column as Spark types it), `labels` naming the columns in messages.
  /// First makes the views of Parquet files the last rendering with dialect() named that are
  /// not made yet, or whose file changed (its stamp) since its view was made.
  Table query(const std::string& sql, const std::vector<DType>& dtypes, const std::vector<std::string>& labels);
  /// Copies the embedded engine's session table `table` (all of its columns: `columns`) to a
  /// Spark temporary view of the same name whose column `rowid` holds each row's 0-based
  /// position, as the table's row id does (so that a TableScanNode of it compiles the same on
  /// both engines), then drops the table: the session's rows live on Spark alone. `labels`
  /// (the user's names of `columns`, for errors; default their source names). A table of
  /// more than frame_bytes (estimated) goes as a Parquet file in the session's artifact folder
  /// (see use_artifacts) that the view reads, with the same Spark types as rows sent directly.
  void upload(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns,
              bool positions = true, const std::vector<std::string>& labels = {});
  /// cache() on Spark: the rows of `input` (`output`'s columns, in the plan's order) collected
  /// once and kept as a temporary view with their positions, so later reads do not run the
  /// source again; its columns are named by `output`'s aliases.
  Source keep(Context& ctx, const plan::NodePtr& input, const compile::Output& output);
  /// to_parquet/to_csv on Spark: the rows of `input` computed on Spark, then written to `path`
  /// by the embedded engine from a session table of them, so the file is the one a DuckDB
  /// session writes for the same rows.
  void write(Context& ctx, const plan::NodePtr& input, const compile::Output& output, const std::string& path,
             const compile::CopyFormat& format);
  /// Writes the rows of `rows` (a plan in table order: partition key, clustering columns, the
  /// frame's own order) as the Parquet files of a new table version into the empty folder
  /// `staged`, with Spark's writer on the executors. With `partitioning`, `hash_id` is the
  /// column of `rows` holding the MD5 of each row's partition key (missing for a missing key),
  /// which `rows` is sorted by first: Spark writes a folder per hash, and each folder is then
  /// named from its partition value as DuckDB computes it from the folder's first row (the same
  /// names and values as a table written on DuckDB). Returns the files relative to `staged`
  /// in table order (partitions by value, missing last; within one, Spark's tasks in order),
  /// with their partition values but no statistics. Columns Spark cannot store faithfully
  /// raise NotImplementedError naming them.
  std::vector<plan::ParquetFile> write_files(Context& ctx, const plan::NodePtr& rows, const compile::Output& output,
                                             const std::string& hash_id,
                                             const std::optional<storage::Partitioning>& partitioning,
                                             const std::filesystem::path& staged, int64_t row_group_rows);
  /// The columns of the Spark SQL query `sql` as Spark types them (a query of no rows).
  std::vector<plan::SourceColumn> query_columns(const std::string& sql);
  /// Registers with Spark the user functions `plan` calls that this session has not registered
  /// yet (UDF routines and remote functions, from their portable descriptions), each under its
  /// engine name + the hash of its description + the session id, which dialect() calls it by.
  /// A function that runs only in this process (a plain Python function) is
  /// refused with NotImplementedError, before anything runs.
  void register_functions(const plan::NodePtr& plan);
  /// Drops the session's views and functions (what can be dropped: a server that went away
  /// took them along).
  void close();

 private:
  /// The rows of `input` (`output`'s columns, in the plan's order) computed on Spark and
  /// collected into a new session table of the embedded engine, its columns named `names`
  /// (one per column of `output`): the table's name and columns.
  std::pair<std::string, std::vector<plan::SourceColumn>> collect(Context& ctx, const plan::NodePtr& input,
                                                                  const compile::Output& output,
                                                                  const std::vector<std::string>& names);

  /// A view of a Parquet file: its name, whether it is made, and the file's stamp then.
  struct FileView {
    std::string name;
    bool made = false;
    std::optional<FileStamp> stamp;
  };
  using FileKey = std::pair<std::string, bool>;  // (path, with file_row_number)

  /// The view of a file for dialect_ (named, not made: see query()).
  std::string file_view(const std::string& path, bool row_numbers);
  /// Makes the views named since the last query that are missing or older than their file.
  void make_file_views();

  /// Whether the rows of `table` (`columns`) are more than frame_bytes_ (an estimate: 8 bytes
  /// a value and the text of variable-width ones), when frames can go as files at all.
  bool goes_as_file(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns);

  const Context& ctx_;
  std::shared_ptr<engine::RemoteEngine> remote_;
  int64_t frame_bytes_;
  storage::FileSystem* files_ = nullptr;  ///< the catalog's (use_artifacts), if any
  std::filesystem::path frames_;         ///< where large frames' files go
  std::string write_tag_;  ///< carried by the session's table writes (see record_writer)
  std::vector<std::string> views_;
  std::vector<std::string> functions_;   ///< engine names registered, in order
  std::vector<std::string> registered_;  ///< their names on Spark
  std::string session_id_;
  std::string views_prefix_;
  std::map<FileKey, FileView> file_views_;
  std::vector<FileKey> named_;  // by renderings since the last query
  compile::Dialect dialect_;
};

}  // namespace cormorant::session
