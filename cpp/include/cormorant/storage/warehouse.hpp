#pragma once
/// The warehouse on disk: a catalog of datasets and managed tables, the tables' Parquet data,
/// staging folders for writes in progress and session artifact folders.
///
///   <warehouse>/catalog/<dataset>/<table>.json   a table's manifest (schema, partitioning,
///                                                clustering, files with row-group statistics)
///   <warehouse>/tables/<dataset>/<table>/<version>/...parquet
///   <warehouse>/staging/<session>-<n>/            a write in progress
///   <warehouse>/sessions/<session>/               a session's temporary artifacts, its liveness
///                                                lock (.lock) and the versions it reads (pins/)
///   <warehouse>/locks/                            lock files of datasets and tables
///
/// A write stages its files without any lock, then commits under the table's exclusive lock:
/// it reads the current manifest, checks it (if_exists, the schema of an append), moves the
/// staged folder into place and replaces the manifest with one atomic rename. Readers see the
/// old table or the new one, never a mix; concurrent appends all land; replaces serialize; a
/// writer killed midway leaves only leftovers that clean-up removes. A version's data stays
/// on disk while it is current or a live session has read it (pinned it).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/scan.hpp"
#include "cormorant/storage/file_system.hpp"
#include "cormorant/storage/lock.hpp"
#include "cormorant/storage/routine.hpp"

namespace cormorant::storage {

/// How a table is split into folders: by the values of a column, or by the day or month of a
/// date or timestamp column.
struct Partitioning {
  enum class Unit { Value, Day, Month };
  std::string column;
  Unit unit = Unit::Value;
  /// "country", "DAY(timestamp)", "MONTH(timestamp)".
  std::string to_string() const;
  bool operator==(const Partitioning&) const = default;
};

/// A column of a managed table. A categorical's files hold its values (of the categories'
/// dtype, as pandas writes them to Parquet); its categories, their order and `ordered` are in
/// the manifest, and reading gives the codes back.
struct TableColumn {
  std::string name;
  DType dtype;
};

/// A managed table as its manifest describes it.
struct TableInfo {
  std::string dataset, name;
  std::vector<TableColumn> columns;
  std::optional<Partitioning> partitioning;
  std::vector<std::string> clustering;  ///< up to 4 columns the files are sorted by
  std::string version;                  ///< the data folder of this version
  std::string created;                  ///< ISO timestamp (UTC) of the commit
  /// The data files in row order (partition, then clustering order), with their row groups'
  /// statistics. Paths are the URLs engines read them by (FileSystem::url; in the manifest:
  /// relative to the table's data folder).
  std::vector<plan::ParquetFile> files;

  std::string id() const { return dataset + "." + name; }
  int64_t rows() const;
  int64_t bytes() const;
  int64_t row_groups() const;
};

/// What a write does when the table exists.
enum class IfExists { Fail, Replace, Append };

/// The AlreadyExistsError of a write with IfExists::Fail to an existing table.
AlreadyExistsError table_exists_error(const std::string& table_id);
/// The columns of `current` after appending `incoming`: they must have the same names, dtypes
/// and order (else DTypeError), but for a categorical's categories, which are united (the
/// table's, then the new ones in order; the table's `ordered`), as pandas reads a Parquet
/// dataset whose files have other dictionaries. Categories of another dtype: DTypeError.
std::vector<TableColumn> appended_columns(const TableInfo& current, const TableInfo& incoming);

/// "dataset.table" split and checked (letters, digits and underscores, not starting with a
/// digit); throws InvalidArgumentError.
std::pair<std::string, std::string> parse_table_id(const std::string& id);
/// Throws InvalidArgumentError unless `name` is a valid dataset or table name.
void check_name(const std::string& name, const std::string& what);

/// The catalog and data of one warehouse directory, as one session sees it. Every method is
/// safe against other Warehouse objects (threads, processes) working on the same directory.
class Warehouse {
 public:
  /// The warehouse at `root`, whose files are reached through `files` (the local file system
  /// by default; see file_system.hpp).
  explicit Warehouse(std::filesystem::path root, std::shared_ptr<FileSystem> files = local_file_system());
  /// Closes the session opened with open_session(), if any (see close_session()).
  ~Warehouse();
  Warehouse(const Warehouse&) = delete;
  Warehouse& operator=(const Warehouse&) = delete;
  const std::filesystem::path& root() const { return root_; }
  /// The file interface the catalog goes through.
  FileSystem& files() const { return *files_; }
  /// The warehouse path of `url`, a URL files().url() gave for a path of this warehouse (a
  /// table's data file as an engine reads it); nullopt for any other (a file outside it).
  std::optional<std::filesystem::path> path_of(const std::string& url) const;

  std::vector<std::string> datasets() const;
  /// Creates a dataset; nothing happens when it exists.
  void create_dataset(const std::string& dataset);
  bool has_dataset(const std::string& dataset) const;
  /// The tables of a dataset, sorted; throws NotFoundError for an unknown dataset.
  std::vector<std::string> tables(const std::string& dataset) const;
  bool has_table(const std::string& dataset, const std::string& table) const;
  /// A table's manifest; throws NotFoundError naming what is missing, CorruptTableError
  /// naming the manifest file when it cannot be read.
  TableInfo table(const std::string& dataset, const std::string& table) const;
  /// As table(), and pins the versions it refers to for this warehouse's session (see
  /// open_session()): their data stays on disk until the session closes, whatever is
  /// committed or dropped meanwhile.
  TableInfo pin_table(const std::string& dataset, const std::string& table);
  /// Removes a table: its manifest (even a corrupt one), then the data no live session has
  /// pinned. Throws NotFoundError when absent.
  void drop_table(const std::string& dataset, const std::string& table);
  /// Removes an empty dataset; throws NotFoundError when absent, InvalidArgumentError when
  /// it still has tables.
  void drop_dataset(const std::string& dataset);

  /// The routines of a dataset, sorted; throws NotFoundError for an unknown dataset.
  std::vector<std::string> routines(const std::string& dataset) const;
  /// A routine; throws NotFoundError naming what is missing.
  RoutineInfo routine(const std::string& dataset, const std::string& name) const;
  bool has_routine(const std::string& dataset, const std::string& name) const;
  /// Stores `info` (creating its dataset). A routine of that name with the same identity is
  /// kept as it is (returns false: nothing written); another is replaced atomically.
  /// With `replace`, it is written even when the identity is the same (grants changed).
  bool put_routine(RoutineInfo info, bool replace = false);
  /// Removes a routine; throws NotFoundError when absent.
  void drop_routine(const std::string& dataset, const std::string& name);
  /// Every routine of every dataset (corrupt entries skipped), in dataset and name order.
  std::vector<RoutineInfo> all_routines() const;

  /// The connections, by name (see ConnectionInfo).
  std::vector<ConnectionInfo> connections() const;
  bool has_connection(const std::string& name) const;
  /// Creates connection `name` with a new secret token (file mode 0600); an existing one is
  /// kept as it is. Returns it.
  ConnectionInfo create_connection(const std::string& name);
  /// The secret token of connection `name`; throws NotFoundError when absent.
  std::string connection_token(const std::string& name) const;
  /// Which connection holds `token` ("" for none).
  std::string connection_of_token(const std::string& token) const;
  /// Removes a connection; throws NotFoundError when absent.
  void drop_connection(const std::string& name);
  /// The secret that authorizes administration of the warehouse's function service (deploy,
  /// undeploy, list): <warehouse>/functions/admin.token, mode 0600, created on first use. It
  /// is no connection: it cannot call functions and list_connections() does not show it.
  std::string service_admin_token();

  /// A new, empty staging folder for a write of session `session_id`.
  std::filesystem::path stage(const std::string& session_id);
  /// The staging folders of session `session_id`'s writes (in progress, or left by a crash).
  std::vector<std::filesystem::path> staged(const std::string& session_id) const;
  /// Makes a staged write the table's current version, under the table's exclusive lock:
  /// checks `if_exists` against the current manifest (Fail: AlreadyExistsError; Append: the
  /// columns must match, else DTypeError, and categories are united: see appended_columns;
  /// Replace: a corrupt manifest is replaced), moves the staged folder into the table's data
  /// folder, then replaces the manifest atomically. The files of `info` are given relative to
  /// the staged folder; with Append they follow the current version's files. Returns the
  /// committed info (absolute paths). Afterwards the data of versions that are neither
  /// current nor pinned by a live session is removed.
  TableInfo commit(TableInfo info, const std::filesystem::path& staged, IfExists if_exists);

  /// Opens session `session_id` in this warehouse: creates its artifact folder (returned) and
  /// holds its liveness lock until close_session(), so that clean_up_session() from anywhere
  /// refuses to touch it.
  std::filesystem::path open_session(const std::string& session_id);
  /// Releases the session's pins (removing versions only it kept), removes its artifact
  /// folder and its liveness lock. Nothing happens in a forked child of the opening process,
  /// nor when no session is open.
  void close_session();
  /// Removes what the closed or crashed session `session_id` left: its artifact folder and
  /// pins, its staging folders, data folders that no manifest refers to and no live session
  /// pins, and leftover temporary manifests. Throws SessionActiveError while that session is
  /// open, InvalidArgumentError for a malformed id. Returns how many folders were removed.
  /// `first`, when given, is called with the session's artifact folder once the session is
  /// known to be closed (and kept so) and before anything is removed: what the session left
  /// running elsewhere (a Spark job writing into its staging) is stopped there.
  int clean_up_session(const std::string& session_id,
                       const std::function<void(const std::filesystem::path&)>& first = {});

 private:
  std::filesystem::path manifest_path(const std::string& dataset, const std::string& table) const;
  std::filesystem::path data_dir(const std::string& dataset, const std::string& table) const;
  std::filesystem::path lock_path(const std::string& name) const;
  /// Removes the table's data folders that its manifest does not refer to and no live session
  /// pins, and its leftover temporary manifests; the caller holds the table's exclusive lock.
  /// Nothing is removed while the manifest is corrupt. Returns how many folders were removed.
  int remove_unused_versions(const std::string& dataset, const std::string& table);
  std::filesystem::path routine_path(const std::string& dataset, const std::string& name) const;

  std::filesystem::path root_;
  std::shared_ptr<FileSystem> files_;
  std::string session_id_;             ///< the session opened here, if any
  int session_pid_ = 0;                ///< the process that opened it
  std::unique_ptr<FileLease> session_lock_;
};

/// A manifest as JSON text, and back (throws CorruptTableError for a corrupt manifest).
std::string to_json(const TableInfo& info);
TableInfo from_json(const std::string& text);

}  // namespace cormorant::storage
