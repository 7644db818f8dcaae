#include "cormorant/storage/warehouse.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <utility>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/storage/paths.hpp"
#include "files.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

}  // namespace

std::string now_iso() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::tm tm{};
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
  return buf;
}

namespace {

json value_json(const std::optional<Value>& v) {
  if (!v || v->is_na()) return nullptr;
  if (v->holds<bool>()) return v->get<bool>();
  if (v->holds<int64_t>()) return v->get<int64_t>();
  if (v->holds<double>()) return v->get<double>();
  return v->get<std::string>();
}

std::optional<Value> json_value(const json& j) {
  if (j.is_null()) return std::nullopt;
  if (j.is_boolean()) return Value(j.get<bool>());
  if (j.is_number_integer()) return Value(j.get<int64_t>());
  if (j.is_number_float()) return Value(j.get<double>());
  return Value(j.get<std::string>());
}

/// A category in a manifest: its JSON value; a float that JSON cannot hold (inf) as its text.
json category_json(const Value& v) {
  if (v.holds<double>() && !std::isfinite(v.get<double>())) return v.get<double>() > 0 ? "inf" : "-inf";
  return value_json(v);
}

Value json_category(const json& j, const DType& dtype) {
  if (dtype == DType::Float64 && j.is_string()) return Value(j.get<std::string>() == "inf" ? HUGE_VAL : -HUGE_VAL);
  if (dtype == DType::Float64 && j.is_number()) return Value(j.get<double>());
  if ((dtype == DType::Int64 && !j.is_number_integer()) || (dtype == DType::String && !j.is_string())) {
    throw CorruptTableError("category " + j.dump() + " is not of the categories' dtype " + dtype_name(dtype));
  }
  return *json_value(j);
}

/// A column's entry: its name and dtype, and a categorical's categories (the files hold the
/// values; see TableColumn).
json column_json(const TableColumn& c) {
  json j{{"name", c.name}, {"dtype", dtype_name(c.dtype)}};
  if (c.dtype == DType::Categorical) {
    const Categories& cats = c.dtype.categories();
    json values = json::array();
    for (const auto& v : cats.values) values.push_back(category_json(v));
    j["categories"] = {{"values", values}, {"dtype", dtype_name(cats.dtype)}, {"ordered", cats.ordered},
                       {"pandas", cats.pandas}};
  }
  return j;
}

TableColumn json_column(const json& c) {
  std::string name = c.at("dtype").get<std::string>();
  auto dtype = parse_dtype(name);
  if (!dtype) throw CorruptTableError("unknown dtype '" + name + "'");
  if (*dtype == DType::Categorical) {
    const json& jc = c.at("categories");
    auto values = parse_dtype(jc.at("dtype").get<std::string>());
    if (!values) throw CorruptTableError("unknown categories' dtype '" + jc.at("dtype").get<std::string>() + "'");
    std::vector<Value> categories;
    for (const auto& v : jc.at("values")) categories.push_back(json_category(v, *values));
    dtype = DType::categorical(std::move(categories), *values, jc.at("ordered").get<bool>(),
                               jc.at("pandas").get<std::string>());
  }
  return {c.at("name").get<std::string>(), *dtype};
}

/// "dtype str", "dtype Int64": the dtype of a categorical's categories, for messages.
std::string categories_dtype_name(const DType& categorical) {
  const Categories& c = categorical.categories();
  if (!c.pandas.empty()) return "dtype " + c.pandas;
  return c.dtype == DType::String ? "dtype str" : c.dtype == DType::Int64 ? "dtype int64" : "dtype float64";
}

/// The categorical column of an append: the table's categories, then the incoming ones it
/// lacks, in order, and the table's `ordered` (pandas' read of a Parquet dataset unites its
/// files' dictionaries so, the first file's `ordered`). Nullopt when the categories' dtypes
/// differ (pyarrow refuses to unite such dictionaries).
std::optional<DType> united_categories(const DType& current, const DType& incoming) {
  const Categories& a = current.categories();
  const Categories& b = incoming.categories();
  if (a.dtype != b.dtype || a.pandas != b.pandas) return std::nullopt;
  if (a.values == b.values) return current;
  std::vector<Value> values = a.values;
  for (const auto& v : b.values) {
    if (!a.code_of(v)) values.push_back(v);
  }
  return DType::categorical(std::move(values), a.dtype, a.ordered, a.pandas);
}

const char* unit_name(Partitioning::Unit u) {
  switch (u) {
    case Partitioning::Unit::Day: return "day";
    case Partitioning::Unit::Month: return "month";
    default: return "value";
  }
}

}  // namespace

std::string Partitioning::to_string() const {
  switch (unit) {
    case Unit::Day: return "DAY(" + column + ")";
    case Unit::Month: return "MONTH(" + column + ")";
    default: return column;
  }
}

int64_t TableInfo::rows() const {
  int64_t n = 0;
  for (const auto& f : files) n += f.rows;
  return n;
}

int64_t TableInfo::bytes() const {
  int64_t n = 0;
  for (const auto& f : files) n += f.bytes;
  return n;
}

int64_t TableInfo::row_groups() const {
  int64_t n = 0;
  for (const auto& f : files) n += static_cast<int64_t>(f.row_groups.size());
  return n;
}

void check_name(const std::string& name, const std::string& what) {
  if (!valid_name(name)) {
    throw InvalidArgumentError("invalid " + what + " name '" + name +
                               "': use letters, digits and underscores, not starting with a digit");
  }
}

std::pair<std::string, std::string> parse_table_id(const std::string& id) {
  auto dot = id.find('.');
  if (dot == std::string::npos || id.find('.', dot + 1) != std::string::npos) {
    throw InvalidArgumentError("invalid table id '" + id + "': write it as \"dataset.table\"");
  }
  std::string dataset = id.substr(0, dot), table = id.substr(dot + 1);
  check_name(dataset, "dataset");
  check_name(table, "table");
  return {dataset, table};
}

std::string to_json(const TableInfo& info) {
  json j;
  j["format"] = 1;
  j["dataset"] = info.dataset;
  j["name"] = info.name;
  j["version"] = info.version;
  j["created"] = info.created;
  for (const auto& c : info.columns) j["columns"].push_back(column_json(c));
  if (info.partitioning) {
    j["partitioning"] = {{"column", info.partitioning->column}, {"unit", unit_name(info.partitioning->unit)}};
  }
  j["clustering"] = info.clustering;
  j["files"] = json::array();
  for (const auto& f : info.files) {
    json jf{{"path", f.path}, {"first_row", f.first_row}, {"rows", f.rows}, {"bytes", f.bytes},
            {"partition", f.partition ? json(*f.partition) : json(nullptr)}};
    jf["row_groups"] = json::array();
    for (const auto& rg : f.row_groups) {
      json jr{{"rows", rg.rows}};
      for (const auto& [name, c] : rg.columns) {
        jr["columns"][name] = {{"offset", c.offset}, {"size", c.size}, {"min", value_json(c.min)},
                               {"max", value_json(c.max)}, {"null_count", c.null_count}};
      }
      jf["row_groups"].push_back(std::move(jr));
    }
    j["files"].push_back(std::move(jf));
  }
  return j.dump();
}

TableInfo from_json(const std::string& text) {
  try {
    json j = json::parse(text);
    TableInfo info;
    info.dataset = j.at("dataset").get<std::string>();
    info.name = j.at("name").get<std::string>();
    info.version = j.at("version").get<std::string>();
    info.created = j.value("created", "");
    for (const auto& c : j.at("columns")) info.columns.push_back(json_column(c));
    if (j.contains("partitioning")) {
      Partitioning p;
      p.column = j["partitioning"].at("column").get<std::string>();
      std::string unit = j["partitioning"].at("unit").get<std::string>();
      p.unit = unit == "day" ? Partitioning::Unit::Day : unit == "month" ? Partitioning::Unit::Month
                                                                         : Partitioning::Unit::Value;
      info.partitioning = p;
    }
    info.clustering = j.at("clustering").get<std::vector<std::string>>();
    for (const auto& jf : j.at("files")) {
      plan::ParquetFile f;
      f.path = jf.at("path").get<std::string>();
      f.first_row = jf.at("first_row").get<int64_t>();
      f.rows = jf.at("rows").get<int64_t>();
      f.bytes = jf.at("bytes").get<int64_t>();
      if (jf.contains("partition") && jf["partition"].is_string()) f.partition = jf["partition"].get<std::string>();
      for (const auto& jr : jf.at("row_groups")) {
        plan::RowGroupStats rg;
        rg.rows = jr.at("rows").get<int64_t>();
        if (jr.contains("columns")) {
          for (const auto& [name, c] : jr["columns"].items()) {
            rg.columns[name] = {c.at("offset").get<int64_t>(), c.at("size").get<int64_t>(), json_value(c.at("min")),
                                json_value(c.at("max")), c.at("null_count").get<int64_t>()};
          }
        }
        f.row_groups.push_back(std::move(rg));
      }
      info.files.push_back(std::move(f));
    }
    return info;
  } catch (const json::exception& e) {
    throw CorruptTableError(e.what());
  }
}

AlreadyExistsError table_exists_error(const std::string& table_id) {
  return AlreadyExistsError("table '" + table_id +
                            "' already exists; pass if_exists=\"replace\" to overwrite it or if_exists=\"append\" to "
                            "add rows");
}

std::vector<TableColumn> appended_columns(const TableInfo& current, const TableInfo& incoming) {
  std::vector<TableColumn> out = current.columns;
  bool same = current.columns.size() == incoming.columns.size();
  for (size_t i = 0; same && i < incoming.columns.size(); ++i) {
    const DType& have = current.columns[i].dtype;
    const DType& add = incoming.columns[i].dtype;
    same = current.columns[i].name == incoming.columns[i].name && have.kind() == add.kind();
    if (!same) break;
    if (have == DType::Categorical) {
      auto united = united_categories(have, add);
      if (!united) {
        throw DTypeError("cannot append to '" + current.id() + "': the categories of column '" + current.columns[i].name +
                         "' are " + describe_categories(add.categories()) + " (" + categories_dtype_name(add) +
                         "), the table's are of dtype " + categories_dtype_name(have) +
                         "; convert them with astype() to match, or pass if_exists=\"replace\"");
      }
      out[i].dtype = *united;
    } else {
      same = have == add;
    }
  }
  if (!same) {
    throw DTypeError("cannot append to '" + current.id() +
                     "': the columns (names, dtypes and order) differ from the table's; select and astype() them "
                     "to match, or pass if_exists=\"replace\"");
  }
  return out;
}

namespace {

/// The entries of a folder, as paths; none when it is missing or vanishes meanwhile (other
/// processes remove folders concurrently, so nothing here throws).
std::vector<fs::path> list_dir(const FileSystem& files, const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& name : files.list(dir)) out.push_back(dir / name);
  return out;
}

bool is_folder(const FileSystem& files, const fs::path& path) {
  auto st = files.stat(path);
  return st && st->folder;
}

bool exists(const FileSystem& files, const fs::path& path) { return files.stat(path).has_value(); }

/// The manifest at `path`, nullopt when there is none; CorruptTableError naming the file
/// when it cannot be read.
std::optional<TableInfo> read_manifest(const FileSystem& files, const fs::path& path, const std::string& table_id) {
  std::optional<std::string> text;
  try {
    text = files.read(path);
  } catch (const CorruptTableError& e) {
    throw CorruptTableError("cannot read the manifest '" + path.string() + "' of table '" + table_id + "': " + e.what());
  }
  if (!text) return std::nullopt;
  try {
    return from_json(*text);
  } catch (const CorruptTableError& e) {
    throw CorruptTableError("the manifest '" + path.string() + "' of table '" + table_id + "' is corrupt (" +
                            e.what() + "); drop_table(\"" + table_id + "\") removes the table and to_table(\"" +
                            table_id + "\", if_exists=\"replace\") writes it anew");
  }
}

/// Adds the version folders that files (paths relative to the table's data folder) live in.
void add_versions(const std::vector<plan::ParquetFile>& files, std::set<std::string>& versions) {
  for (const auto& f : files) versions.insert(fs::path(f.path).begin()->string());
}

/// Makes the manifest's file paths (relative to the table's data folder) the URLs engines read.
TableInfo absolute(TableInfo info, const FileSystem& files, const fs::path& dir) {
  for (auto& f : info.files) f.path = files.url(dir / f.path);
  return info;
}

/// Whether the session whose artifact folder is `dir` is open: an open session holds its
/// lock file exclusively, so a lock that can be taken means it closed or died.
bool session_alive(FileSystem& files, const fs::path& dir) {
  if (!exists(files, dir / ".lock")) return false;
  return !files.try_lock(dir / ".lock", FileSystem::LockMode::Shared, false) && exists(files, dir / ".lock");
}

/// A pin is an empty file sessions/<session>/pins/<dataset>.<table>.<version>.
std::string pin_name(const std::string& dataset, const std::string& table, const std::string& version) {
  return dataset + "." + table + "." + version;
}

/// The (dataset, table) pairs of the pins in a session's pins folder.
std::set<std::pair<std::string, std::string>> pinned_tables(const FileSystem& files, const fs::path& pins) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& p : list_dir(files, pins)) {
    std::string name = p.filename().string();
    auto a = name.find('.');
    auto b = a == std::string::npos ? a : name.find('.', a + 1);
    if (b != std::string::npos) out.insert({name.substr(0, a), name.substr(a + 1, b - a - 1)});
  }
  return out;
}

/// The versions of a table that live sessions pin.
std::set<std::string> live_pins(FileSystem& files, const fs::path& root, const std::string& dataset,
                                const std::string& table) {
  std::set<std::string> out;
  std::string prefix = pin_name(dataset, table, "");
  for (const auto& session : list_dir(files, root / "sessions")) {
    std::vector<std::string> versions;
    for (const auto& name : files.list(session / "pins")) {
      if (name.rfind(prefix, 0) == 0) versions.push_back(name.substr(prefix.size()));
    }
    if (!versions.empty() && session_alive(files, session)) out.insert(versions.begin(), versions.end());
  }
  return out;
}

NotFoundError table_not_found(const std::string& dataset, const std::string& table) {
  return NotFoundError("table '" + dataset + "." + table + "' not found; the tables of '" + dataset +
                       "' are listed by list_tables(\"" + dataset + "\")");
}

}  // namespace

Warehouse::Warehouse(fs::path root, std::shared_ptr<FileSystem> files) : root_(std::move(root)), files_(std::move(files)) {
  files_->make_folders(root_ / "catalog");
  files_->make_folders(root_ / "locks");
}

Warehouse::~Warehouse() {
  try {
    close_session();
  } catch (...) {  // a destructor must not throw; clean-up of leftovers removes the rest later
  }
}

fs::path Warehouse::manifest_path(const std::string& dataset, const std::string& table) const {
  return root_ / "catalog" / dataset / (table + ".json");
}

fs::path Warehouse::data_dir(const std::string& dataset, const std::string& table) const {
  return root_ / "tables" / dataset / table;
}

fs::path Warehouse::lock_path(const std::string& name) const { return root_ / "locks" / (name + ".lock"); }

std::vector<std::string> Warehouse::datasets() const {
  std::vector<std::string> out;
  for (const auto& p : list_dir(*files_, root_ / "catalog")) {
    if (valid_name(p.filename().string()) && is_folder(*files_, p)) out.push_back(p.filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Warehouse::create_dataset(const std::string& dataset) {
  check_name(dataset, "dataset");
  auto lock = files_->lock(lock_path(dataset), FileSystem::LockMode::Shared);  // not while drop_dataset runs
  files_->make_folders(root_ / "catalog" / dataset);
}

bool Warehouse::has_dataset(const std::string& dataset) const {
  return valid_name(dataset) && is_folder(*files_, root_ / "catalog" / dataset);
}

std::vector<std::string> Warehouse::tables(const std::string& dataset) const {
  if (!has_dataset(dataset)) {
    throw NotFoundError("dataset '" + dataset + "' not found in the warehouse " + root_.string() +
                        "; list the datasets with list_datasets()");
  }
  std::vector<std::string> out;
  for (const auto& p : list_dir(*files_, root_ / "catalog" / dataset)) {
    if (p.extension() == ".json") out.push_back(p.stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Warehouse::has_table(const std::string& dataset, const std::string& table) const {
  return valid_name(dataset) && valid_name(table) && exists(*files_, manifest_path(dataset, table));
}

TableInfo Warehouse::table(const std::string& dataset, const std::string& table) const {
  if (!has_dataset(dataset)) tables(dataset);  // throws for the dataset
  // A manifest is replaced by one atomic rename: reading it needs no lock.
  auto info = valid_name(table) ? read_manifest(*files_, manifest_path(dataset, table), dataset + "." + table)
                                : std::nullopt;
  if (!info) throw table_not_found(dataset, table);
  return absolute(std::move(*info), *files_, data_dir(dataset, table));
}

TableInfo Warehouse::pin_table(const std::string& dataset, const std::string& table) {
  CORMORANT_CHECK(!session_id_.empty(), "pin_table() needs an open session");
  if (!has_dataset(dataset)) tables(dataset);  // throws for the dataset
  if (!valid_name(table)) throw table_not_found(dataset, table);
  // Shared with other readers, exclusive of commits: a commit either sees the pins or
  // happens before the manifest is read.
  auto lock = files_->lock(lock_path(dataset + "." + table), FileSystem::LockMode::Shared);
  auto info = read_manifest(*files_, manifest_path(dataset, table), dataset + "." + table);
  if (!info) throw table_not_found(dataset, table);
  std::set<std::string> versions;
  add_versions(info->files, versions);
  fs::path pins = root_ / "sessions" / session_id_ / "pins";
  files_->make_folders(pins);
  for (const auto& v : versions) files_->touch(pins / pin_name(dataset, table, v));
  return absolute(std::move(*info), *files_, data_dir(dataset, table));
}

void Warehouse::drop_table(const std::string& dataset, const std::string& table) {
  if (!has_dataset(dataset)) tables(dataset);  // throws for the dataset
  if (!valid_name(table)) throw table_not_found(dataset, table);
  auto dataset_lock = files_->lock(lock_path(dataset), FileSystem::LockMode::Shared);
  auto lock = files_->lock(lock_path(dataset + "." + table), FileSystem::LockMode::Exclusive);
  fs::path manifest = manifest_path(dataset, table);
  if (!exists(*files_, manifest)) throw table_not_found(dataset, table);
  // The manifest is not read: a corrupt one is dropped as well.
  if (!files_->remove(manifest)) throw FileWriteError("cannot remove the manifest '" + manifest.string() + "'");
  remove_unused_versions(dataset, table);
}

void Warehouse::drop_dataset(const std::string& dataset) {
  auto dataset_lock = files_->lock(lock_path(dataset), FileSystem::LockMode::Exclusive);  // no commit runs in it meanwhile
  if (!tables(dataset).empty()) {
    throw InvalidArgumentError("dataset '" + dataset + "' still has tables; drop them first");
  }
  files_->remove(root_ / "catalog" / dataset);
  for (const auto& t : files_->list(root_ / "tables" / dataset)) {
    auto lock = files_->lock(lock_path(dataset + "." + t), FileSystem::LockMode::Exclusive);
    remove_unused_versions(dataset, t);
  }
  files_->remove_if_empty(root_ / "tables" / dataset);  // pinned versions of dropped tables stay
}

fs::path Warehouse::stage(const std::string& session_id) {
  files_->make_folders(root_ / "staging");
  // Named by the session and the time, so that a version folder's name is never reused.
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t stamp = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  for (int64_t n = stamp;; ++n) {
    fs::path p = root_ / "staging" / (session_id + "-" + std::to_string(n));
    if (files_->make_new_folder(p)) return p;
  }
}

std::vector<fs::path> Warehouse::staged(const std::string& session_id) const {
  std::vector<fs::path> out;
  for (const auto& name : files_->list(root_ / "staging")) {
    if (name.rfind(session_id + "-", 0) == 0) out.push_back(root_ / "staging" / name);
  }
  return out;
}

TableInfo Warehouse::commit(TableInfo info, const fs::path& staged, IfExists if_exists) {
  check_name(info.dataset, "dataset");
  check_name(info.name, "table");
  auto dataset_lock = files_->lock(lock_path(info.dataset), FileSystem::LockMode::Shared);
  auto lock = files_->lock(lock_path(info.id()), FileSystem::LockMode::Exclusive);
  files_->make_folders(root_ / "catalog" / info.dataset);
  fs::path manifest = manifest_path(info.dataset, info.name);
  fs::path dir = data_dir(info.dataset, info.name);
  info.version = staged.filename().string();
  info.created = now_iso();
  // Checked here, under the lock, against the manifest this commit replaces: what the writer
  // saw before staging may have changed meanwhile.
  std::vector<plan::ParquetFile> files;
  // The manifest's version as read: the commit replaces exactly that one.
  auto read_stat = files_->stat(manifest);
  std::optional<std::string> read_version = read_stat ? std::optional<std::string>(read_stat->version) : std::nullopt;
  if (if_exists == IfExists::Fail && read_stat) throw table_exists_error(info.id());
  if (if_exists == IfExists::Append) {
    if (auto current = read_manifest(*files_, manifest, info.id())) {
      info.columns = appended_columns(*current, info);
      files = std::move(current->files);
    }
  }
  int64_t rows = files.empty() ? 0 : files.back().first_row + files.back().rows;
  for (auto& f : info.files) {
    f.path = (fs::path(info.version) / f.path).string();
    f.first_row = rows;
    rows += f.rows;
    files.push_back(std::move(f));
  }
  info.files = std::move(files);
  files_->make_folders(dir);
  fs::path version_dir = dir / info.version;
  files_->publish(staged, version_dir);
  if (const char* hook = std::getenv("CORMORANT_TEST_KILL_BEFORE_COMMIT")) {
    // Tests simulate a writer killed between staging its data and committing it.
    if (std::string(hook) == info.id()) std::_Exit(137);
  }
  try {
    // (under the table's lock nothing else writes the manifest: a store's conditional put
    // makes the same check without one)
    if (!files_->write_if_unchanged(manifest, to_json(info), read_version)) {
      throw ExecutionError("the manifest '" + manifest.string() + "' of table '" + info.id() +
                           "' changed during the commit; write the table again");
    }
  } catch (...) {
    files_->remove(version_dir);
    throw;
  }
  try {
    remove_unused_versions(info.dataset, info.name);
  } catch (const std::exception&) {  // the commit stands; clean-up removes what is left
  }
  return absolute(std::move(info), *files_, dir);
}

int Warehouse::remove_unused_versions(const std::string& dataset, const std::string& table) {
  fs::path manifest = manifest_path(dataset, table);
  // Temporary manifests exist only while a writer holds this table's lock: any seen now are
  // leftovers of a failed or killed writer.
  for (const auto& name : files_->list(manifest.parent_path())) {
    if (is_temporary_of(name, manifest.filename().string())) files_->remove(manifest.parent_path() / name);
  }
  std::optional<TableInfo> current;
  try {
    current = read_manifest(*files_, manifest, dataset + "." + table);
  } catch (const CorruptTableError&) {
    return 0;  // which versions it refers to is unknown: keep them all
  }
  std::set<std::string> keep = live_pins(*files_, root_, dataset, table);
  if (current) add_versions(current->files, keep);
  int removed = 0;
  fs::path dir = data_dir(dataset, table);
  for (const auto& v : files_->list(dir)) {
    if (!keep.count(v)) removed += files_->remove(dir / v);
  }
  if (!current) files_->remove_if_empty(dir);
  return removed;
}

fs::path Warehouse::open_session(const std::string& session_id) {
  CORMORANT_CHECK(session_id_.empty(), "a warehouse opens one session");
  fs::path dir = root_ / "sessions" / session_id;
  files_->make_folders(dir);
  auto lock = files_->try_lock(dir / ".lock", FileSystem::LockMode::Exclusive);
  CORMORANT_CHECK(lock != nullptr, "session id " + session_id + " is in use");
  session_lock_ = std::move(lock);
  session_id_ = session_id;
  session_pid_ = static_cast<int>(::getpid());
  return dir;
}

void Warehouse::close_session() {
  if (session_id_.empty()) return;
  std::string id = std::exchange(session_id_, "");
  if (static_cast<int>(::getpid()) != session_pid_) {
    // A forked child shares the parent's session: closing its copy of the lock's
    // descriptor leaves the parent's lock and folder alone.
    session_lock_.reset();
    return;
  }
  fs::path dir = root_ / "sessions" / id;
  auto pinned = pinned_tables(*files_, dir / "pins");
  files_->remove(dir / "pins");
  for (const auto& [dataset, table] : pinned) {
    try {
      auto dataset_lock = files_->lock(lock_path(dataset), FileSystem::LockMode::Shared);
      auto lock = files_->lock(lock_path(dataset + "." + table), FileSystem::LockMode::Exclusive);
      remove_unused_versions(dataset, table);
    } catch (const std::exception&) {  // clean-up removes what is left
    }
  }
  // The session's unnamed routines.
  files_->remove(root_ / "catalog" / anonymous_dataset(id));
  files_->remove(dir);
  session_lock_.reset();
}

std::optional<fs::path> Warehouse::path_of(const std::string& url) const {
  std::string prefix = files_->url(root_);
  if (!prefix.empty() && prefix.back() != '/') prefix += '/';
  if (url.size() <= prefix.size() || url.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  std::string relative = url.substr(prefix.size());
  if (!is_contained_path(relative)) return std::nullopt;
  return root_ / relative;
}

int Warehouse::clean_up_session(const std::string& session_id, const std::function<void(const fs::path&)>& first) {
  if (session_id.empty() || !std::all_of(session_id.begin(), session_id.end(),
                                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    throw InvalidArgumentError("invalid session id '" + session_id + "'");
  }
  fs::path dir = root_ / "sessions" / session_id;
  // Held during the clean-up; the session cannot reopen (ids are never reused).
  std::unique_ptr<FileLease> hold;
  if (exists(*files_, dir / ".lock")) {
    hold = files_->try_lock(dir / ".lock", FileSystem::LockMode::Exclusive, false);
    if (!hold && exists(*files_, dir / ".lock")) {
      throw SessionActiveError("session '" + session_id +
                               "' is still open (in this or another process), and cleaning it up would break its "
                               "queries; close it (session.close() or cpd.close_session()) instead");
    }
  }
  if (first) first(dir);
  int removed = 0;
  removed += files_->remove(dir);
  // The session's unnamed routines.
  removed += files_->remove(root_ / "catalog" / anonymous_dataset(session_id));
  for (const auto& folder : staged(session_id)) removed += files_->remove(folder);
  // Every table's unused data (killed writes, versions whose readers are gone) and leftover
  // temporary manifests.
  std::set<std::pair<std::string, std::string>> tables;
  for (const auto& ds : files_->list(root_ / "tables")) {
    for (const auto& t : files_->list(root_ / "tables" / ds)) tables.insert({ds, t});
  }
  for (const auto& ds : list_dir(*files_, root_ / "catalog")) {
    // Routines' temporary entries whose writer was killed (routines take no lock: only those
    // of dead processes go).
    removed += remove_abandoned_temporaries(*files_, ds / "routines");
    for (const auto& name : files_->list(ds)) {
      auto tmp = name.find(".json.tmp-");
      if (tmp != std::string::npos) tables.insert({ds.filename().string(), name.substr(0, tmp)});
    }
  }
  for (const auto& [dataset, table] : tables) {
    if (!valid_name(dataset) || !valid_name(table)) continue;
    auto dataset_lock = files_->lock(lock_path(dataset), FileSystem::LockMode::Shared);
    auto lock = files_->lock(lock_path(dataset + "." + table), FileSystem::LockMode::Exclusive);
    removed += remove_unused_versions(dataset, table);
  }
  return removed;
}

}  // namespace cormorant::storage
