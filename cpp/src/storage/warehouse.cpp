#include "cormorant/storage/warehouse.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cormorant/common/error.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 128 || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes `text` to `path` durably and atomically: a temporary file, fsync, rename, fsync of
/// the folder.
void write_atomically(const fs::path& path, const std::string& text) {
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) throw ExecutionError("cannot write '" + tmp.string() + "'");
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw ExecutionError("cannot write '" + tmp.string() + "'");
    }
    done += static_cast<size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  fs::rename(tmp, path);
  int dir = ::open(path.parent_path().c_str(), O_RDONLY);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

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

std::string now_iso() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
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
  for (const auto& c : info.columns) j["columns"].push_back({{"name", c.name}, {"dtype", dtype_name(c.dtype)}});
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
    for (const auto& c : j.at("columns")) {
      auto dtype = parse_dtype(c.at("dtype").get<std::string>());
      if (!dtype) throw InternalError("unknown dtype in manifest");
      info.columns.push_back({c.at("name").get<std::string>(), *dtype});
    }
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
    throw InternalError(std::string("corrupt table manifest: ") + e.what());
  }
}

Warehouse::Warehouse(fs::path root) : root_(std::move(root)) {
  fs::create_directories(root_ / "catalog");
}

fs::path Warehouse::manifest_path(const std::string& dataset, const std::string& table) const {
  return root_ / "catalog" / dataset / (table + ".json");
}

fs::path Warehouse::data_dir(const std::string& dataset, const std::string& table) const {
  return root_ / "tables" / dataset / table;
}

std::vector<std::string> Warehouse::datasets() const {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(root_ / "catalog")) {
    if (e.is_directory() && valid_name(e.path().filename().string())) out.push_back(e.path().filename().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void Warehouse::create_dataset(const std::string& dataset) {
  check_name(dataset, "dataset");
  fs::create_directories(root_ / "catalog" / dataset);
}

bool Warehouse::has_dataset(const std::string& dataset) const {
  return valid_name(dataset) && fs::is_directory(root_ / "catalog" / dataset);
}

std::vector<std::string> Warehouse::tables(const std::string& dataset) const {
  if (!has_dataset(dataset)) {
    throw NotFoundError("dataset '" + dataset + "' not found in the warehouse " + root_.string() +
                        "; list the datasets with list_datasets()");
  }
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(root_ / "catalog" / dataset)) {
    if (e.path().extension() == ".json") out.push_back(e.path().stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Warehouse::has_table(const std::string& dataset, const std::string& table) const {
  return valid_name(dataset) && valid_name(table) && fs::exists(manifest_path(dataset, table));
}

namespace {

TableInfo read_manifest(const fs::path& path) { return from_json(read_file(path)); }

/// Adds the version folders that files (paths relative to the table's data folder) live in.
void add_versions(const std::vector<plan::ParquetFile>& files, std::set<std::string>& versions) {
  for (const auto& f : files) versions.insert(fs::path(f.path).begin()->string());
}

}  // namespace

TableInfo Warehouse::table(const std::string& dataset, const std::string& table) const {
  if (!has_table(dataset, table)) {
    if (!has_dataset(dataset)) tables(dataset);  // throws for the dataset
    throw NotFoundError("table '" + dataset + "." + table + "' not found; the tables of '" + dataset +
                        "' are listed by list_tables(\"" + dataset + "\")");
  }
  TableInfo info = read_manifest(manifest_path(dataset, table));
  fs::path dir = data_dir(dataset, table);
  for (auto& f : info.files) f.path = (dir / f.path).string();
  return info;
}

void Warehouse::drop_table(const std::string& dataset, const std::string& table) {
  TableInfo info = this->table(dataset, table);  // throws when absent
  fs::remove(manifest_path(dataset, table));
  std::error_code ec;
  fs::remove_all(data_dir(dataset, table), ec);
}

void Warehouse::drop_dataset(const std::string& dataset) {
  if (!tables(dataset).empty()) {
    throw InvalidArgumentError("dataset '" + dataset + "' still has tables; drop them first");
  }
  fs::remove_all(root_ / "catalog" / dataset);
  std::error_code ec;
  fs::remove_all(root_ / "tables" / dataset, ec);
}

fs::path Warehouse::stage(const std::string& session_id) {
  fs::create_directories(root_ / "staging");
  // Named by the session and the time, so that a version folder's name is never reused.
  auto now = std::chrono::system_clock::now().time_since_epoch();
  int64_t stamp = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
  for (int64_t n = stamp;; ++n) {
    fs::path p = root_ / "staging" / (session_id + "-" + std::to_string(n));
    if (fs::create_directory(p)) return p;
  }
}

TableInfo Warehouse::commit(TableInfo info, const fs::path& staged, bool append) {
  create_dataset(info.dataset);
  fs::path manifest = manifest_path(info.dataset, info.name);
  fs::path dir = data_dir(info.dataset, info.name);
  info.version = staged.filename().string();
  info.created = now_iso();
  std::vector<plan::ParquetFile> files;
  std::set<std::string> keep;  // the versions of the current and the previous manifest
  if (fs::exists(manifest)) {
    auto previous = read_manifest(manifest).files;
    add_versions(previous, keep);
    if (append) files = std::move(previous);
  }
  int64_t rows = files.empty() ? 0 : files.back().first_row + files.back().rows;
  for (auto& f : info.files) {
    f.path = (fs::path(info.version) / f.path).string();
    f.first_row = rows;
    rows += f.rows;
    files.push_back(std::move(f));
  }
  info.files = std::move(files);
  fs::create_directories(dir);
  fs::rename(staged, dir / info.version);
  if (const char* hook = std::getenv("CORMORANT_TEST_KILL_BEFORE_COMMIT")) {
    // Tests simulate a writer killed between staging its data and committing it.
    if (std::string(hook) == info.id()) std::_Exit(137);
  }
  write_atomically(manifest, to_json(info));
  // Versions neither this manifest nor the one it replaced refers to. The replaced one stays,
  // so that DataFrames read before this write (pinned to that version) still run.
  add_versions(info.files, keep);
  for (const auto& v : fs::directory_iterator(dir)) {
    std::error_code ec;
    if (!keep.count(v.path().filename().string())) fs::remove_all(v.path(), ec);
  }
  for (auto& f : info.files) f.path = (dir / f.path).string();
  return info;
}

fs::path Warehouse::session_dir(const std::string& session_id) {
  fs::path p = root_ / "sessions" / session_id;
  fs::create_directories(p);
  return p;
}

int Warehouse::clean_up_session(const std::string& session_id) {
  if (session_id.empty() || !std::all_of(session_id.begin(), session_id.end(),
                                         [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    throw InvalidArgumentError("invalid session id '" + session_id + "'");
  }
  int removed = 0;
  std::error_code ec;
  auto ours = [&](const fs::path& p) { return p.filename().string().rfind(session_id + "-", 0) == 0; };
  if (fs::exists(root_ / "sessions" / session_id)) removed += fs::remove_all(root_ / "sessions" / session_id, ec) > 0;
  if (fs::is_directory(root_ / "staging")) {
    for (const auto& e : fs::directory_iterator(root_ / "staging")) {
      if (ours(e.path())) removed += fs::remove_all(e.path(), ec) > 0;
    }
  }
  // Data folders of this session's writes that no manifest points at (killed before commit).
  if (fs::is_directory(root_ / "tables")) {
    for (const auto& ds : fs::directory_iterator(root_ / "tables")) {
      for (const auto& tb : fs::directory_iterator(ds.path())) {
        std::set<std::string> used;
        std::string dataset = ds.path().filename().string(), table = tb.path().filename().string();
        if (has_table(dataset, table)) add_versions(read_manifest(manifest_path(dataset, table)).files, used);
        for (const auto& v : fs::directory_iterator(tb.path())) {
          if (ours(v.path()) && !used.count(v.path().filename().string())) removed += fs::remove_all(v.path(), ec) > 0;
        }
      }
    }
  }
  return removed;
}

}  // namespace cormorant::storage
