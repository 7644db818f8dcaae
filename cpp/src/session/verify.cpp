// Checking, before a query runs, that the Parquet files it reads are the files the catalog
// (or read_parquet) described: a file replaced behind the catalog's back would otherwise be
// read silently, with positions and statistics that no longer fit it.
#include <map>

#include "cormorant/common/error.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant::session {

namespace {

/// Where a file came from, for messages: "table 'ds.t'" or "'path' (read with read_parquet)".
std::string owner(const plan::ReadParquetNode& node) {
  if (!node.table().empty()) return "table '" + node.table() + "'";
  // (a glob read on Spark keeps its files alone: see Context::read_parquet)
  return node.path().empty() ? std::string("the Parquet files read with read_parquet()")
                             : "the Parquet source '" + node.path() + "'";
}

std::string what_to_do(const plan::ReadParquetNode& node) {
  return node.table().empty() ? "read the files again with read_parquet()"
                              : "restore the file, or drop_table() / rewrite the table with if_exists=\"replace\"";
}

[[noreturn]] void changed(const plan::ReadParquetNode& node, const std::string& path, const std::string& how) {
  throw DataFileChangedError("the data file '" + path + "' of " + owner(node) + " " + how +
                             ": it was changed, replaced or removed outside cormorant; " + what_to_do(node));
}

}  // namespace

void Context::forget_changed_files() {
  for (const auto& [path, stamp] : verified_) {
    if (file_stamp(path) == stamp) continue;
    connection_.forget_cached_files();
    verified_.clear();  // (nothing the engine read is cached now)
    return;
  }
}

void Context::verify_files(const std::vector<rewrite::ScanChoice>& scans) {
  // Files to check the row counts of: those not checked since they last changed.
  std::map<std::string, std::pair<const plan::ReadParquetNode*, const plan::ParquetFile*>> unchecked;
  std::map<std::string, FileStamp> stamps;
  bool changed_since_read = false;  // a file the engine read before, changed since
  for (const auto& scan : scans) {
    const auto& files = scan.node->files();
    for (size_t i : scan.files) {
      const plan::ParquetFile& f = files[i];
      if (f.bytes < 0) continue;  // not a local file: nothing known to check against
      auto stamp = file_stamp(f.path);
      if (!stamp) changed(*scan.node, f.path, "is missing");
      if (stamp->size != f.bytes) {
        changed(*scan.node, f.path,
                "has " + std::to_string(stamp->size) + " bytes where the " +
                    (scan.node->table().empty() ? std::string("read") : std::string("manifest")) + " recorded " +
                    std::to_string(f.bytes));
      }
      auto seen = verified_.find(f.path);
      if (seen != verified_.end() && seen->second == *stamp) continue;
      changed_since_read |= seen != verified_.end();
      unchecked[f.path] = {scan.node, &f};
      stamps[f.path] = *stamp;
    }
  }
  if (unchecked.empty()) return;
  if (changed_since_read) connection_.forget_cached_files();  // (before the engine reads them again)
  std::vector<std::string> paths;
  for (const auto& entry : unchecked) paths.push_back(entry.first);
  Table meta = [&] {
    try {
      return connection_.query(compile::parquet_files_sql(paths));
    } catch (const Error&) {
      // Some file is no longer Parquet: find which, for the message.
      for (const auto& [path, source] : unchecked) {
        try {
          connection_.query(compile::parquet_files_sql(std::vector<std::string>{path}));
        } catch (const Error&) {
          changed(*source.first, path, "is not a readable Parquet file any more");
        }
      }
      throw;
    }
  }();
  for (int64_t r = 0; r < meta.num_rows(); ++r) {
    auto it = unchecked.find(meta.at(r, 0).get<std::string>());
    if (it == unchecked.end()) continue;
    const auto& [node, file] = it->second;
    int64_t rows = meta.at(r, 1).get<int64_t>();
    if (rows != file->rows) {
      changed(*node, file->path,
              "has " + std::to_string(rows) + " rows where the " +
                  (node->table().empty() ? std::string("read") : std::string("manifest")) + " recorded " +
                  std::to_string(file->rows));
    }
    verified_[it->first] = stamps[it->first];
  }
}

}  // namespace cormorant::session
