#pragma once
/// The warehouse on disk: a catalog of datasets and managed tables, the tables' Parquet data,
/// staging folders for writes in progress and session artifact folders.
///
///   <warehouse>/catalog/<dataset>/<table>.json   a table's manifest (schema, partitioning,
///                                                clustering, files with row-group statistics)
///   <warehouse>/tables/<dataset>/<table>/<version>/...parquet
///   <warehouse>/staging/<session>-<n>/            a write in progress
///   <warehouse>/sessions/<session>/               a session's temporary artifacts
///
/// A write stages its files, moves the staged folder into place and then replaces the
/// manifest with one atomic rename: readers see the old table or the new one, never a mix,
/// and a writer killed midway leaves only leftovers that clean_up_session() removes.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/plan/scan.hpp"

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

/// A column of a managed table.
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
  /// statistics. Paths are absolute (in the manifest: relative to the table's data folder).
  std::vector<plan::ParquetFile> files;

  std::string id() const { return dataset + "." + name; }
  int64_t rows() const;
  int64_t bytes() const;
  int64_t row_groups() const;
};

/// "dataset.table" split and checked (letters, digits and underscores, not starting with a
/// digit); throws InvalidArgumentError.
std::pair<std::string, std::string> parse_table_id(const std::string& id);
/// Throws InvalidArgumentError unless `name` is a valid dataset or table name.
void check_name(const std::string& name, const std::string& what);

/// The catalog and data of one warehouse directory.
class Warehouse {
 public:
  explicit Warehouse(std::filesystem::path root);
  const std::filesystem::path& root() const { return root_; }

  std::vector<std::string> datasets() const;
  /// Creates a dataset; nothing happens when it exists.
  void create_dataset(const std::string& dataset);
  bool has_dataset(const std::string& dataset) const;
  /// The tables of a dataset, sorted; throws NotFoundError for an unknown dataset.
  std::vector<std::string> tables(const std::string& dataset) const;
  bool has_table(const std::string& dataset, const std::string& table) const;
  /// A table's manifest; throws NotFoundError naming what is missing.
  TableInfo table(const std::string& dataset, const std::string& table) const;
  /// Removes a table (manifest first, then data); throws NotFoundError when absent.
  void drop_table(const std::string& dataset, const std::string& table);
  /// Removes an empty dataset; throws NotFoundError when absent, InvalidArgumentError when
  /// it still has tables.
  void drop_dataset(const std::string& dataset);

  /// A new, empty staging folder for a write of session `session_id`.
  std::filesystem::path stage(const std::string& session_id);
  /// Makes a staged write the table's current version: moves the staged folder into the
  /// table's data folder, then replaces the manifest atomically (write + fsync + rename). The
  /// files of `info` are given relative to the staged folder; with `append` they follow the
  /// current version's files. Returns the committed info (absolute paths). Afterwards the
  /// data of versions older than the replaced one is removed (the replaced version stays for
  /// readers pinned to it).
  TableInfo commit(TableInfo info, const std::filesystem::path& staged, bool append = false);

  /// A session's artifact folder (created).
  std::filesystem::path session_dir(const std::string& session_id);
  /// Removes what session `session_id` left: its artifact folder, its staging folders and
  /// data folders of its writes that never became a table's version. Returns how many
  /// folders were removed.
  int clean_up_session(const std::string& session_id);

 private:
  std::filesystem::path manifest_path(const std::string& dataset, const std::string& table) const;
  std::filesystem::path data_dir(const std::string& dataset, const std::string& table) const;

  std::filesystem::path root_;
};

/// A manifest as JSON text, and back (throws InternalError for a corrupt manifest).
std::string to_json(const TableInfo& info);
TableInfo from_json(const std::string& text);

}  // namespace cormorant::storage
