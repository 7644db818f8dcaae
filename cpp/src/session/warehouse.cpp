// Managed tables: reading them into plans and writing plans into them.
#include <algorithm>
#include <map>
#include <set>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/rewrite/passes.hpp"
#include "cormorant/session/session.hpp"
#include "cormorant/storage/paths.hpp"
#include "spark.hpp"

namespace cormorant::session {

namespace fs = std::filesystem;

plan::ExprPtr partition_key(const plan::ExprPtr& column, const storage::Partitioning& p) {
  switch (p.unit) {
    case storage::Partitioning::Unit::Day:
      return std::make_shared<plan::FunctionExpr>("dt_strftime", std::vector<plan::ExprPtr>{column},
                                                  std::vector<Value>{"%Y-%m-%d"});
    case storage::Partitioning::Unit::Month:
      return std::make_shared<plan::FunctionExpr>("dt_strftime", std::vector<plan::ExprPtr>{column},
                                                  std::vector<Value>{"%Y-%m"});
    default:
      return column->dtype() == DType::String ? column : std::make_shared<plan::CastExpr>(column, DType::String);
  }
}

namespace {

/// Checks a partitioning against the columns and completes it, as BigQuery does: a date or
/// timestamp column without a unit is partitioned by day; floats and booleans are refused.
void check_partitioning(storage::Partitioning& p, const std::map<std::string, std::string>& id_of,
                        const plan::Node& plan) {
  auto it = id_of.find(p.column);
  if (it == id_of.end()) {
    throw ColumnNotFoundError("cannot partition by '" + p.column + "': no such column; partition_by names a column");
  }
  DType dt = plan.dtype_of(it->second);
  if (p.unit != storage::Partitioning::Unit::Value && !is_temporal(dt)) {
    throw InvalidArgumentError("cannot partition by the day or month of '" + p.column + "' of dtype " +
                               std::string(dtype_name(dt)) + ": it needs a date or timestamp column");
  }
  if (dt == DType::Float64 || dt == DType::Boolean) {
    throw InvalidArgumentError("cannot partition by the " + std::string(dtype_name(dt)) + " column '" + p.column +
                               "': partition by an integer, string or date column, or the day or month of a "
                               "timestamp (DAY(col), MONTH(col))");
  }
  if (p.unit == storage::Partitioning::Unit::Value && is_temporal(dt)) p.unit = storage::Partitioning::Unit::Day;
}

/// The partition values of a table's files (nullopt: the NULL partition).
std::set<std::optional<std::string>> partitions_of(const std::vector<plan::ParquetFile>& files) {
  std::set<std::optional<std::string>> out;
  for (const auto& f : files) out.insert(f.partition);
  return out;
}

/// Refuses a write that would give the table more than `max` partitions (BigQuery's limit
/// per table, 10,000 by default): the new partition keys `keys` plus, for an append, the
/// table's own.
void check_partition_count(const storage::TableInfo& info, const std::optional<storage::TableInfo>& existing,
                           std::set<std::optional<std::string>> keys, int64_t max) {
  if (existing && existing->partitioning == info.partitioning) keys.merge(partitions_of(existing->files));
  if (static_cast<int64_t>(keys.size()) <= max) return;
  const auto& p = *info.partitioning;
  std::string what = p.unit == storage::Partitioning::Unit::Day     ? "days"
                     : p.unit == storage::Partitioning::Unit::Month ? "months"
                                                                    : "distinct values";
  throw TooManyPartitionsError(
      "cannot partition '" + info.id() + "' by " + p.to_string() + ": it would have " + std::to_string(keys.size()) +
      " partitions (" + what + " of '" + p.column + "'" + (existing ? ", with the table's own" : "") +
      "), more than max_partitions (" + std::to_string(max) +
      "); partition by a coarser unit (MONTH(col)) or another column, cluster_by it instead, or raise "
      "options.compute.max_partitions");
}

/// The dtype a table's files hold a column in: a categorical's values are of its categories'
/// dtype (the manifest keeps the categories; see storage::TableColumn).
DType stored_dtype(const DType& dtype) { return dtype == DType::Categorical ? dtype.categories().dtype : dtype; }

/// `plan` with the values of its categorical output columns (cat_decode) as new columns, and
/// `output` naming those instead: what a table's files hold.
plan::NodePtr with_stored_values(const plan::NodePtr& plan, compile::Output& output) {
  std::vector<plan::NamedExpr> values;
  for (auto& id : output.ids) {
    DType dtype = plan->dtype_of(id);
    if (dtype != DType::Categorical) continue;
    auto decoded = std::make_shared<plan::FunctionExpr>("cat_decode", std::vector<plan::ExprPtr>{plan::make_column(id, dtype)},
                                                        std::vector<Value>{});
    id = plan::new_column_id();
    values.push_back({id, decoded});
  }
  return values.empty() ? plan : std::make_shared<plan::ProjectNode>(plan, std::move(values));
}

/// The one file of a table without partitions.
plan::ParquetFile single_file() {
  plan::ParquetFile f;
  f.path = "data.parquet";
  return f;
}

}  // namespace

storage::Warehouse& Context::catalog() {
  require_open();
  if (!catalog_) {
    throw InvalidArgumentError("this session has no warehouse (it was opened with warehouse=\":memory:\"); open a "
                               "session on a warehouse directory to use managed tables");
  }
  return *catalog_;
}

void Context::set_max_partitions(int64_t max) {
  if (max < 1) throw InvalidArgumentError("max_partitions must be a positive number of partitions, got " + std::to_string(max));
  options_.max_partitions = max;
}

int Context::clean_up_session(const std::string& session_id) {
  storage::Warehouse& cat = catalog();
  // (a Spark write the crashed session left running would drop files into its staging after
  // the staging is removed: it is stopped first)
  return cat.clean_up_session(session_id, [&](const fs::path& artifacts) { SparkSide::stop_writes(cat, artifacts); });
}

void Context::load_parquet_stats(std::vector<plan::ParquetFile>& files, const std::vector<plan::SourceColumn>& columns) {
  if (files.empty()) return;
  std::map<std::string, plan::ParquetFile*> by_path;
  std::vector<std::string> paths;
  for (auto& f : files) {
    by_path[f.path] = &f;
    paths.push_back(f.path);
    f.row_groups.clear();
  }
  std::map<std::string, DType> dtypes;
  for (const auto& c : columns) dtypes[c.source_name] = c.dtype;
  Table t = connection_.query(compile::parquet_stats_sql(paths));
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    auto it = by_path.find(t.at(r, 0).get<std::string>());
    if (it == by_path.end()) continue;
    auto& groups = it->second->row_groups;
    auto group = static_cast<size_t>(t.at(r, 1).get<int64_t>());
    if (groups.size() <= group) groups.resize(group + 1);
    groups[group].rows = t.at(r, 2).get<int64_t>();
    std::string column = t.at(r, 3).get<std::string>();
    plan::ChunkStats chunk;
    chunk.offset = t.at(r, 4).get<int64_t>();
    chunk.size = t.at(r, 5).get<int64_t>();
    auto dtype = dtypes.find(column);
    if (dtype != dtypes.end()) {
      if (!t.is_null(r, 6)) chunk.min = plan::scan_bound(dtype->second, t.at(r, 6).get<std::string>());
      if (!t.is_null(r, 7)) chunk.max = plan::scan_bound(dtype->second, t.at(r, 7).get<std::string>());
    }
    chunk.null_count = t.is_null(r, 8) ? -1 : t.at(r, 8).get<int64_t>();
    groups[group].columns[column] = chunk;
  }
}

std::pair<Source, storage::TableInfo> Context::read_table(const std::string& table_id) {
  auto serialized = serialize();
  auto [dataset, name] = storage::parse_table_id(table_id);
  // Pinned: this version's data stays while the session lives, whatever others commit.
  storage::TableInfo info = catalog().pin_table(dataset, name);
  std::vector<plan::SourceColumn> columns;
  for (const auto& c : info.columns) columns.push_back({plan::new_column_id(), c.name, stored_dtype(c.dtype), false});
  auto node = std::make_shared<plan::ReadParquetNode>("", columns, info.files, plan::new_column_id(), info.id());
  return {source_of(node, columns), std::move(info)};
}

storage::TableInfo Context::write_table(const plan::NodePtr& input, const compile::Output& columns,
                                        const std::string& table_id, const WriteOptions& options) {
  auto serialized = serialize();
  compile::Output output = columns;  // categoricals: their values' columns (the dtypes are in info.columns)
  const plan::NodePtr plan = with_stored_values(prepared(input), output);
  auto [dataset, name] = storage::parse_table_id(table_id);
  storage::Warehouse& cat = catalog();
  static const std::set<std::string> modes{"fail", "replace", "append"};
  if (!modes.count(options.if_exists)) {
    throw InvalidArgumentError("if_exists must be \"fail\", \"replace\" or \"append\", got \"" + options.if_exists + "\"");
  }
  // Checked early so that nothing is written in vain; commit() checks again under the lock.
  bool exists = cat.has_table(dataset, name);
  if (exists && options.if_exists == "fail") throw storage::table_exists_error(table_id);
  storage::TableInfo info;
  info.dataset = dataset;
  info.name = name;
  std::map<std::string, std::string> id_of;
  for (size_t i = 0; i < output.ids.size(); ++i) {
    const std::string& column = output.aliases[i];
    if (column.empty() || column.rfind("__", 0) == 0 || id_of.count(column)) {
      throw InvalidArgumentError("cannot write column '" + column + "': table columns need unique, non-empty names "
                                 "not starting with \"__\"; rename() it first");
    }
    id_of[column] = output.ids[i];
    info.columns.push_back({column, plan->dtype_of(columns.ids[i])});
  }
  info.partitioning = options.partitioning;
  info.clustering = options.clustering;
  bool append = exists && options.if_exists == "append";
  std::optional<storage::TableInfo> existing;  // the table appended to
  if (append) {
    storage::TableInfo current = cat.table(dataset, name);
    storage::appended_columns(current, info);  // checked early (commit() unites the categories)
    if (!info.partitioning && info.clustering.empty()) {
      info.partitioning = current.partitioning;
      info.clustering = current.clustering;
    }
    existing = current;
  }
  if (info.partitioning) check_partitioning(*info.partitioning, id_of, *plan);
  if (info.clustering.size() > 4) {
    throw InvalidArgumentError("cluster_by takes at most 4 columns, got " + std::to_string(info.clustering.size()));
  }
  std::set<std::string> seen;
  for (const auto& c : info.clustering) {
    if (!id_of.count(c)) throw ColumnNotFoundError("cannot cluster by '" + c + "': no such column");
    if (!seen.insert(c).second) throw InvalidArgumentError("cluster_by names '" + c + "' twice");
  }

  // The rows in table order: partition, clustering columns, then the frame's own order. On
  // Spark the partition key is its hash (the name of its folder while Spark writes), and the
  // order is always written out: Spark keeps no order it is not asked for.
  std::vector<plan::OrderingKey> keys;
  plan::NodePtr rows = plan;
  std::string key_id;
  if (info.partitioning) {
    key_id = plan::new_column_id();
    auto column = plan::make_column(id_of[info.partitioning->column], plan->dtype_of(id_of[info.partitioning->column]));
    plan::ExprPtr key = partition_key(column, *info.partitioning);
    if (spark_) key = std::make_shared<plan::FunctionExpr>("md5_hex", std::vector<plan::ExprPtr>{key}, std::vector<Value>{});
    rows = std::make_shared<plan::ProjectNode>(rows, std::vector<plan::NamedExpr>{{key_id, key}});
    keys.push_back({key_id});
  }
  for (const auto& c : info.clustering) keys.push_back({id_of[c]});
  if (!keys.empty() || spark_) {
    for (const auto& k : plan->ordering().keys) keys.push_back(k);
    if (!keys.empty()) rows = std::make_shared<plan::OrderByNode>(rows, keys);
  }
  compile::CopyFormat format;
  format.row_group_size = options.row_group_size > 0 ? options.row_group_size : info.clustering.empty() ? 122880 : 16384;

  fs::path staged = cat.stage(id_);
  // The staged files as the engines reach them (the catalog's file interface says how).
  storage::FileSystem& files_of = cat.files();
  auto url = [&](const std::string& relative) { return files_of.url(staged / relative); };
  try {
    std::vector<plan::ParquetFile> files;
    if (spark_) {
      files = spark_->write_files(*this, rows, output, key_id, info.partitioning, staged, format.row_group_size);
      if (info.partitioning) check_partition_count(info, existing, partitions_of(files), options_.max_partitions);
    } else if (!info.partitioning) {
      write(rows, output, url("data.parquet"), format);
      files.push_back(single_file());
    } else {
      // Sorted once into one file (a COPY keeps the query's order), then split into one
      // file per partition, each read back in order.
      compile::Output sorted_out = output;
      sorted_out.ids.push_back(key_id);
      sorted_out.aliases.push_back("__partition");
      std::string sorted_path = url("sorted.parquet");
      write(rows, sorted_out, sorted_path, compile::CopyFormat{});
      Source sorted = read_parquet(sorted_path);
      const std::string& part_id = sorted.columns.back().second;
      auto part = plan::make_column(part_id, DType::String);
      auto distinct = std::make_shared<plan::AggregateNode>(sorted.plan, std::vector<plan::Aggregation>{},
                                                            std::vector<std::string>{part_id});
      Table values = connection_.query(compile::plan_to_sql(
          std::make_shared<plan::OrderByNode>(distinct, std::vector<plan::OrderingKey>{{part_id}}), {{part_id}, {"v"}}));
      compile::Output split_out;
      for (size_t i = 0; i + 1 < sorted.columns.size(); ++i) {
        split_out.ids.push_back(sorted.columns[i].second);
        split_out.aliases.push_back(sorted.columns[i].first);
      }
      std::set<std::optional<std::string>> keys;
      for (int64_t r = 0; r < values.num_rows(); ++r) {
        Value v = values.at(r, 0);
        keys.insert(v.is_na() ? std::nullopt : std::optional<std::string>(v.get<std::string>()));
      }
      check_partition_count(info, existing, std::move(keys), options_.max_partitions);
      for (int64_t r = 0; r < values.num_rows(); ++r) {
        Value v = values.at(r, 0);
        plan::ExprPtr match = v.is_na() ? plan::ExprPtr(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::IsNull, part))
                                        : plan::make_binary(plan::BinaryOp::Eq, part, plan::make_literal(v, DType::String));
        plan::ParquetFile f;
        if (!v.is_na()) f.partition = v.get<std::string>();
        // Column names and values come from users' data: encoded, so they cannot leave the folder.
        std::string folder = storage::partition_folder(info.partitioning->column, f.partition, static_cast<size_t>(r));
        CORMORANT_CHECK(storage::is_contained_path(folder), "partition folder outside the table: " + folder);
        files_of.make_folders(staged / folder);
        f.path = folder + "/data.parquet";
        write(std::make_shared<plan::FilterNode>(sorted.plan, match), split_out, url(f.path), format);
        files.push_back(std::move(f));
      }
      if (files.empty()) {  // no rows: one empty file keeps the schema
        write(std::make_shared<plan::FilterNode>(sorted.plan, plan::make_literal(false, DType::Boolean)), split_out,
              url("data.parquet"), format);
        files.push_back(single_file());
      }
      files_of.remove(staged / "sorted.parquet");
    }
    // Row counts, sizes and row-group statistics, from the files' metadata.
    std::vector<plan::ParquetFile> absolute = files;
    for (auto& f : absolute) f.path = url(f.path);
    std::vector<plan::SourceColumn> stored;
    for (const auto& c : info.columns) stored.push_back({"", c.name, stored_dtype(c.dtype), false});
    load_parquet_stats(absolute, stored);
    for (size_t i = 0; i < files.size(); ++i) {
      files[i].row_groups = std::move(absolute[i].row_groups);
      files[i].rows = 0;
      for (const auto& rg : files[i].row_groups) files[i].rows += rg.rows;
      auto stat = files_of.stat(staged / files[i].path);
      CORMORANT_CHECK(stat.has_value(), "a written file is missing: " + absolute[i].path);
      files[i].bytes = stat->size;
    }
    info.files = std::move(files);
    auto if_exists = options.if_exists == "fail"     ? storage::IfExists::Fail
                     : options.if_exists == "append" ? storage::IfExists::Append
                                                     : storage::IfExists::Replace;
    return cat.commit(std::move(info), staged, if_exists);
  } catch (...) {
    files_of.remove(staged);
    throw;
  }
}

}  // namespace cormorant::session
