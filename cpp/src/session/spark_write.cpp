// to_table on the Spark engine (issue 14): Spark's executors write the Parquet files of a new
// table version into the warehouse's staging folder; the caller (Context::write_table) reads
// their footers and commits them through the catalog exactly as a write on DuckDB.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <thread>
#include <string>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/compiler.hpp"
#include "cormorant/storage/file_system.hpp"
#include "cormorant/storage/paths.hpp"
#include "spark.hpp"

namespace cormorant::session {

namespace fs = std::filesystem;

namespace {

/// The column Spark partitions a write by (users' columns never start with "__").
const std::string kHashColumn = "__partition";
/// Spark's folder name for a missing partition value.
const std::string kMissingPartition = "__HIVE_DEFAULT_PARTITION__";

/// The record of a Spark session's writes in its artifact folder (see record_writer).
const std::string kWriterRecord = "spark_writes.json";

/// Refuses the columns Spark cannot write so that they read back as the same dtype and values.
void check_spark_storable(const std::string& column, const DType& dtype) {
  auto refuse = [&](const std::string& why) {
    throw NotImplementedError("cannot write column '" + column + "' of dtype " + dtype_name(dtype) +
                              " to a table on the Spark engine: " + why);
  };
  if (dtype == DType::Time) refuse("Spark has no time-of-day type; write it as text (astype(str)) or on DuckDB");
  if (dtype.is_unsigned()) refuse("Spark has signed integers only; astype() it to a signed dtype wide enough first");
  if (dtype == DType::List) check_spark_storable(column, dtype.element());
  if (dtype == DType::Struct) {
    for (const auto& f : dtype.fields()) check_spark_storable(column, f.dtype);
  }
}

/// Spark's data files in `dir` in the order its tasks wrote them (by name: part-<task>-...);
/// everything else Spark leaves there (checksum files, markers) is removed.
std::vector<std::string> part_files(storage::FileSystem& files, const fs::path& dir) {
  std::vector<std::string> names;
  std::vector<fs::path> others;
  for (const auto& name : files.list(dir)) {
    auto stat = files.stat(dir / name);
    if (!stat) continue;
    bool data = !stat->folder && name.rfind("part-", 0) == 0 && name.size() > 8 &&
                name.compare(name.size() - 8, 8, ".parquet") == 0;
    if (data) {
      names.push_back(name);
    } else if (!stat->folder || name[0] == '_' || name[0] == '.') {
      others.push_back(dir / name);
    }
  }
  for (const auto& p : others) files.remove(p);
  // (task numbers are zero-padded to five digits, more when there are more tasks)
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    size_t da = a.find('-', 5), db = b.find('-', 5);
    return da != db ? da < db : a < b;
  });
  return names;
}

}  // namespace

void Context::SparkSide::record_writer(storage::Warehouse& catalog, const fs::path& artifacts,
                                       const std::string& session_id) {
  write_tag_ = "cormorant-write-" + session_id;
  std::string address = remote_->session_address();
  if (address.empty()) return;  // (an adapter no other process can reach the session through)
  catalog.files().write_atomically(artifacts / kWriterRecord,
                                   nlohmann::json{{"address", address}, {"tag", write_tag_}}.dump());
}

void Context::SparkSide::stop_writes(const storage::Warehouse& catalog, const fs::path& artifacts) {
  std::optional<std::string> text = catalog.files().read(artifacts / kWriterRecord);
  if (!text) return;  // a session on DuckDB, or one that wrote nothing through Spark
  std::string address, tag;
  try {
    auto record = nlohmann::json::parse(*text);
    address = record.at("address").get<std::string>();
    tag = record.at("tag").get<std::string>();
  } catch (const std::exception& e) {
    throw CorruptTableError("the record of a crashed session's Spark writes '" + (artifacts / kWriterRecord).string() +
                            "' is corrupt (" + e.what() + ")");
  }
  try {
    // A client of the crashed session's own Spark session: operation tags are per session.
    if (!engine::open_remote_engine(address)->interrupt_tagged(tag)) return;
  } catch (const EngineConnectionError&) {
    return;  // the Spark Connect server is gone, and the writes with it
  }
  // Spark cancels the write's job at once, but its running tasks stop, and its commit protocol
  // removes what they wrote, a moment later: wait until the session's staging folders hold
  // still (measured on the loopback cluster: about 0.3 s after the interrupt).
  const std::string session = artifacts.filename().string();
  auto contents = [&] {
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<fs::path> todo = catalog.staged(session);
    while (!todo.empty()) {
      fs::path p = std::move(todo.back());
      todo.pop_back();
      auto stat = catalog.files().stat(p);
      if (!stat) continue;
      out.emplace_back(p.string(), stat->version);
      if (stat->folder) {
        for (const auto& name : catalog.files().list(p)) todo.push_back(p / name);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  auto last = contents();
  auto since = Clock::now();
  while (Clock::now() < deadline && Clock::now() - since < std::chrono::milliseconds(1500)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    auto now = contents();
    if (now != last) {
      last = std::move(now);
      since = Clock::now();
    }
  }
}

std::vector<plan::ParquetFile> Context::SparkSide::write_files(Context& ctx, const plan::NodePtr& rows,
                                                               const compile::Output& output, const std::string& hash_id,
                                                               const std::optional<storage::Partitioning>& partitioning,
                                                               const fs::path& staged, int64_t row_group_rows) {
  check_parquet_names(output.aliases);
  for (size_t i = 0; i < output.ids.size(); ++i) check_spark_storable(output.aliases[i], rows->dtype_of(output.ids[i]));
  storage::FileSystem& files_of = ctx.catalog().files();
  const std::string folder = files_of.url(staged);  // (as the executors reach it)
  auto write = [&](const plan::NodePtr& input, const compile::Output& out, const engine::ParquetLayout& layout) {
    const plan::NodePtr plan = ctx.prepared(input);
    ctx.measured(plan, out, [&](const compile::ScanFiles& files, std::string& sql) {
      compile::Dialect dialect = compile::spark_dialect();  // (files by path; the session's functions)
      dialect.function_names = dialect_.function_names;
      sql = compile::plan_to_sql(plan, out, files, dialect);
      remote_->write_parquet(sql, folder, layout, write_tag_);
      return int64_t{-1};
    });
  };
  compile::Output out = output;
  engine::ParquetLayout layout;
  layout.row_group_rows = row_group_rows;
  if (partitioning) {
    out.ids.push_back(hash_id);
    out.aliases.push_back(kHashColumn);
    layout.partition_column = kHashColumn;
  }
  write(rows, out, layout);

  std::vector<plan::ParquetFile> files;
  if (partitioning) {
    struct Partition {
      std::optional<std::string> value;
      fs::path dir;
      std::vector<std::string> names;
    };
    std::vector<Partition> parts;
    const std::string prefix = kHashColumn + "=";
    for (const auto& name : files_of.list(staged)) {
      auto stat = files_of.stat(staged / name);
      if (!stat || !stat->folder || name.rfind(prefix, 0) != 0) continue;
      Partition p{std::nullopt, staged / name, part_files(files_of, staged / name)};
      if (p.names.empty()) continue;
      std::string hash = name.substr(prefix.size());
      if (hash != kMissingPartition) {
        // The partition value as the DuckDB path computes it, from the folder's first row;
        // its hash must be the folder's (Spark's key and DuckDB's agree), or nothing commits.
        Source first = ctx.read_parquet(files_of.url(p.dir / p.names[0]));
        auto column = std::find_if(first.columns.begin(), first.columns.end(),
                                   [&](const auto& c) { return c.first == partitioning->column; });
        CORMORANT_CHECK(column != first.columns.end(), "the partition column is not in a file Spark wrote");
        plan::ExprPtr key = partition_key(plan::make_column(column->second, first.plan->dtype_of(column->second)), *partitioning);
        std::string value_id = plan::new_column_id(), hash_of = plan::new_column_id();
        auto keyed = std::make_shared<plan::ProjectNode>(
            first.plan, std::vector<plan::NamedExpr>{
                            {value_id, key},
                            {hash_of, std::make_shared<plan::FunctionExpr>("md5_hex", std::vector<plan::ExprPtr>{key},
                                                                           std::vector<Value>{})}});
        Table t = ctx.connection_.query(
            compile::plan_to_sql(std::make_shared<plan::LimitNode>(keyed, 1), {{value_id, hash_of}, {"v", "h"}}));
        CORMORANT_CHECK(t.num_rows() == 1 && !t.is_null(0, 0) && t.at(0, 1).get<std::string>() == hash,
                        "Spark and DuckDB disagree on the partition key of " + (p.dir / p.names[0]).string());
        p.value = t.at(0, 0).get<std::string>();
      }
      parts.push_back(std::move(p));
    }
    // Partitions in the order of their values, the missing one last (as the DuckDB path).
    std::sort(parts.begin(), parts.end(), [](const Partition& a, const Partition& b) {
      if (!a.value || !b.value) return a.value.has_value() && !b.value.has_value();
      return *a.value < *b.value;
    });
    for (size_t r = 0; r < parts.size(); ++r) {
      // Column names and values come from users' data: encoded, so they cannot leave the folder.
      std::string name = storage::partition_folder(partitioning->column, parts[r].value, r);
      CORMORANT_CHECK(storage::is_contained_path(name), "partition folder outside the table: " + name);
      files_of.publish(parts[r].dir, staged / name);  // (a rename inside the staging folder)
      for (const auto& file : parts[r].names) {
        plan::ParquetFile f;
        f.path = name + "/" + file;
        f.partition = parts[r].value;
        files.push_back(std::move(f));
      }
    }
    for (const auto& name : files_of.list(staged)) {  // (folders of no data file)
      if (name.rfind(prefix, 0) == 0) files_of.remove(staged / name);
    }
  } else {
    for (const auto& name : part_files(files_of, staged)) {
      plan::ParquetFile f;
      f.path = name;
      files.push_back(std::move(f));
    }
  }
  if (files.empty()) {
    // No rows: one file without rows keeps the schema (a partitioned write makes none).
    engine::ParquetLayout plain;
    write(std::make_shared<plan::FilterNode>(rows, plan::make_literal(false, DType::Boolean)), output, plain);
    for (const auto& name : part_files(files_of, staged)) {
      plan::ParquetFile f;
      f.path = name;
      files.push_back(std::move(f));
    }
    CORMORANT_CHECK(!files.empty(), "Spark wrote no file for a table without rows");
  }
  return files;
}

}  // namespace cormorant::session
