// A session on the Spark engine (issue 14): queries compiled in Spark's dialect run through
// the engine::RemoteEngine adapter; data brought in from the client (pandas, CSV, JSON) goes to
// Spark as temporary views holding each row's position.
#include "spark.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/compiler.hpp"
#include "cormorant/session/udf.hpp"
#include "cormorant/storage/file_system.hpp"
#include "cormorant/storage/routine.hpp"

namespace cormorant::session {

const compile::Dialect& dialect_of(Engine engine) {
  return engine == Engine::Spark ? compile::spark_dialect() : compile::duckdb_dialect();
}

void refuse_on_spark(const std::string& what) {
  throw NotImplementedError(what + " is not yet on the Spark engine; use a session on the default engine "
                            "(cpd.Session() without engine=\"spark\") for it");
}

Context::SparkSide::SparkSide(const Context& ctx, std::shared_ptr<engine::RemoteEngine> remote,
                              const std::string& session_id, int64_t frame_bytes)
    : ctx_(ctx),
      remote_(std::move(remote)),
      frame_bytes_(frame_bytes),
      session_id_(session_id),
      views_prefix_("cormorant_" + session_id + "_file"),
      dialect_(compile::spark_dialect()) {
  dialect_.parquet_relation = [this](const std::string& path, bool row_numbers) { return file_view(path, row_numbers); };
  dialect_.sort_in_one_task = true;  // (its queries' rows are collected; writes use spark_dialect())
}

std::string Context::SparkSide::file_view(const std::string& path, bool row_numbers) {
  FileKey key{path, row_numbers};
  auto it = file_views_.find(key);
  if (it == file_views_.end()) {
    it = file_views_.emplace(key, FileView{views_prefix_ + std::to_string(file_views_.size())}).first;
  }
  named_.push_back(std::move(key));
  return it->second.name;
}

void Context::SparkSide::make_file_views() {
  std::vector<FileKey> named = std::move(named_);
  named_.clear();
  for (const auto& key : named) {
    FileView& view = file_views_.at(key);
    auto stamp = ctx_.file_stamp(key.first);
    if (view.made && view.stamp == stamp) continue;
    if (!view.made && std::find(views_.begin(), views_.end(), view.name) == views_.end()) views_.push_back(view.name);
    view.made = false;  // (until it is: a failure leaves it to be made again)
    remote_->create_query_view(view.name, compile::spark_parquet_view_sql(key.first, key.second));
    view.made = true;
    view.stamp = stamp;
  }
}

Table Context::SparkSide::query(const std::string& sql, const std::vector<DType>& dtypes,
                                const std::vector<std::string>& labels) {
  make_file_views();
  ArrowArrayStream stream{};
  remote_->query(sql, &stream);
  return engine::remote_table(&stream, dtypes, labels);
}

namespace {

/// `sql` (the rows of `table` to upload, its columns named by their source names) with its
/// unsigned integer columns as the next wider signed type: Spark has none (pyspark refuses
/// uint8..uint64 Arrow columns), and remote_table turns them back into the plan's dtype.
/// UInt64 goes as BIGINT: a value past Int64's range is refused, naming the column.
template <typename Query>
std::string signed_sql(const Query& query, const std::string& table, const std::vector<plan::SourceColumn>& columns,
                       const std::vector<std::string>& labels, const std::string& sql) {
  const compile::Dialect& d = compile::duckdb_dialect();
  std::string replaced, too_large;
  std::vector<std::string> wide;
  for (size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    if (!(c.dtype == DType::Integer && c.dtype.is_unsigned())) continue;
    const std::string name = compile::quote_identifier(c.source_name, d);
    const int bits = c.dtype.bits();
    replaced += (replaced.empty() ? "" : ", ") + std::string("CAST(") + name + " AS " +
                (bits == 8 ? "SMALLINT" : bits == 16 ? "INTEGER" : "BIGINT") + ") AS " + name;
    if (bits == 64) {
      too_large += (too_large.empty() ? "" : ", ") + std::string("count(*) FILTER (WHERE ") + name +
                   " > 9223372036854775807)";
      wide.push_back(i < labels.size() ? labels[i] : c.source_name);
    }
  }
  if (replaced.empty()) return sql;
  if (!wide.empty()) {
    Table counts = query("SELECT " + too_large + " FROM " + compile::quote_identifier(table, d));
    for (size_t i = 0; i < wide.size(); ++i) {
      if (counts.at(0, static_cast<int64_t>(i)).get<int64_t>() > 0) {
        throw NotImplementedError("column '" + wide[i] + "' of dtype UInt64 holds values past Int64's range, which "
                                  "the Spark engine cannot hold (it has no unsigned integers); run it on the DuckDB "
                                  "engine, or give it another dtype first (astype('Float64') or text in pandas; dtype= when "
                                  "reading a file)");
      }
    }
  }
  return "SELECT * REPLACE (" + replaced + ") FROM (" + sql + ")";
}

}  // namespace

void Context::SparkSide::use_artifacts(storage::Warehouse& catalog, const std::filesystem::path& artifacts) {
  files_ = &catalog.files();
  frames_ = artifacts / "frames";
}

bool Context::SparkSide::goes_as_file(Context& ctx, const std::string& table,
                                      const std::vector<plan::SourceColumn>& columns) {
  if (!files_) return false;
  const compile::Dialect& duckdb = compile::duckdb_dialect();
  std::string varying;
  for (const auto& c : columns) {
    std::string name = compile::quote_identifier(c.source_name, duckdb);
    std::string length = c.dtype == DType::String   ? "strlen(" + name + ")"
                         : c.dtype == DType::Binary ? "octet_length(" + name + ")"
                         : (c.dtype == DType::List || c.dtype == DType::Struct)
                             ? "strlen(CAST(" + name + " AS VARCHAR))"
                             : "";
    if (!length.empty()) varying += (varying.empty() ? "" : " + ") + ("coalesce(" + length + ", 0)");
  }
  Table size = ctx.connection_.query("SELECT CAST(count(*) AS BIGINT), CAST(" +
                                     (varying.empty() ? std::string("0") : "coalesce(sum(" + varying + "), 0)") +
                                     " AS BIGINT) FROM " + compile::quote_identifier(table, duckdb));
  int64_t rows = size.at(0, 0).get<int64_t>(), text = size.at(0, 1).get<int64_t>();
  return rows * 8 * static_cast<int64_t>(columns.size() + 1) + text > frame_bytes_;
}

void Context::SparkSide::upload(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns,
                                bool positions, const std::vector<std::string>& labels) {
  compile::Output out;
  for (const auto& c : columns) {
    out.ids.push_back(c.id);
    out.aliases.push_back(c.source_name);
  }
  std::string rowid = plan::new_column_id();
  if (positions) {
    out.ids.push_back(rowid);
    out.aliases.push_back("rowid");
  }
  auto scan = std::make_shared<plan::TableScanNode>(table, columns, rowid);
  auto query = [&](const std::string& sql) { return ctx.connection_.query(sql); };
  // (refuses UInt64 past Int64 on both paths)
  const std::string rows_sql = signed_sql(query, table, columns, labels, compile::plan_to_sql(scan, out));
  const bool has_unsigned = std::any_of(columns.begin(), columns.end(), [](const plan::SourceColumn& c) {
    return c.dtype == DType::Integer && c.dtype.is_unsigned();
  });
  if (!has_unsigned && goes_as_file(ctx, table, columns)) {
    // Written by the embedded engine, read by Spark's executors: the Connect server holds
    // only the view's plan. Each column is cast to the Spark type a frame sent as rows has.
    files_->make_folders(frames_);
    const std::string url = files_->url(frames_ / (table + ".parquet"));
    ctx.connection_.execute(compile::copy_sql(scan, out, url, compile::CopyFormat{}));
    const compile::Dialect& spark = compile::spark_dialect();
    std::string select;
    for (size_t i = 0; i < out.aliases.size(); ++i) {
      std::string name = compile::quote_identifier(out.aliases[i], spark);
      std::string type = i < columns.size() ? spark.type_name(columns[i].dtype) : "BIGINT";
      select += (i ? ", " : "") + ("CAST(" + name + " AS " + type + ") AS " + name);
    }
    views_.push_back(table);
    remote_->create_query_view(table, "SELECT " + select + " FROM " + compile::spark_parquet_relation(url));
  } else {
    Table rows = ctx.connection_.query(rows_sql);
    ArrowArrayStream stream{};
    rows.export_to(&stream);
    views_.push_back(table);  // (before: a view half made is dropped too)
    remote_->create_view(table, &stream);
  }
  ctx.connection_.execute(compile::drop_table_sql(table));
  ctx.tables_.erase(std::remove(ctx.tables_.begin(), ctx.tables_.end(), table), ctx.tables_.end());
}

std::pair<std::string, std::vector<plan::SourceColumn>> Context::SparkSide::collect(
    Context& ctx, const plan::NodePtr& input, const compile::Output& output, const std::vector<std::string>& names) {
  Table rows = ctx.execute(input, output);
  std::string table = ctx.new_table_name();
  Schema fields;
  std::vector<plan::SourceColumn> columns;
  for (size_t i = 0; i < names.size(); ++i) {
    const DType dtype = rows.schema().at(i).dtype;
    fields.push_back({names[i], dtype});
    columns.push_back({plan::new_column_id(), names[i], dtype, false});
  }
  ctx.connection_.execute(compile::create_table_sql(table, fields));
  ArrowArrayStream stream{};
  rows.export_to(&stream);
  ctx.connection_.append_arrow(table, &stream);
  return {table, columns};
}

Source Context::SparkSide::keep(Context& ctx, const plan::NodePtr& input, const compile::Output& output) {
  auto [table, columns] = collect(ctx, input, output, output.aliases);
  upload(ctx, table, columns);
  return ctx.source_of(std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id()), columns);
}

void Context::SparkSide::write(Context& ctx, const plan::NodePtr& input, const compile::Output& output,
                               const std::string& path, const compile::CopyFormat& format) {
  // (named by position: the engine's names ignore case, and the file's are the aliases)
  std::vector<std::string> names;
  for (size_t i = 0; i < output.aliases.size(); ++i) names.push_back("c" + std::to_string(i));
  auto [table, columns] = collect(ctx, input, output, names);
  compile::Output out;
  for (size_t i = 0; i < columns.size(); ++i) {
    out.ids.push_back(columns[i].id);
    out.aliases.push_back(output.aliases[i]);
  }
  struct Drop {
    Context& ctx;
    const std::string& table;
    ~Drop() {
      try {
        ctx.connection_.execute(compile::drop_table_sql(table));
      } catch (const Error&) {
      }
      ctx.tables_.erase(std::remove(ctx.tables_.begin(), ctx.tables_.end(), table), ctx.tables_.end());
    }
  } drop{ctx, table};
  auto scan = std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id());
  ctx.connection_.execute(compile::copy_sql(scan, out, path, format));
}

std::vector<plan::SourceColumn> Context::SparkSide::query_columns(const std::string& sql) {
  compile::Query q;
  q.body.items.push_back({compile::sql_star(), "*"});
  q.body.from.kind = compile::FromItem::Kind::Subquery;
  q.body.from.name = sql;
  q.body.limit = 0;
  make_file_views();
  ArrowArrayStream stream{};
  remote_->query(compile::to_sql(q, compile::spark_dialect()), &stream);
  std::vector<plan::SourceColumn> out;
  for (const auto& c : engine::remote_columns(&stream)) out.push_back({plan::new_column_id(), c.name, c.dtype, c.cast});
  return out;
}

void Context::SparkSide::register_functions(const plan::NodePtr& plan) {
  for (const auto& name : plan::functions_called(plan)) {
    if (std::find(functions_.begin(), functions_.end(), name) != functions_.end()) continue;
    auto udf = find_udf(name);
    if (!udf) continue;  // (an engine function)
    if (!udf->portable) {
      throw NotImplementedError(
          "a plain Python function (a lambda, closure, method or builtin) runs only in this process, not on the "
          "Spark engine's executors; define it with @cpd.udf (a routine whose code the catalog stores) or "
          "@cpd.remote_function to run it on Spark, or use a session on the default engine");
    }
    std::string portable = udf->portable();
    // Registered under a name of this description and this session: sessions sharing one Spark
    // session never call each other's registration (nor drop it when they close), and two
    // functions of one engine name but other code, endpoint or token never meet.
    std::string registered = name + "_" + storage::code_hash(portable).substr(0, 16) + "_" + session_id_;
    remote_->register_function(registered, portable, compile::spark_dialect().type_name(udf->result_type));
    functions_.push_back(name);
    registered_.push_back(registered);
    dialect_.function_names[name] = registered;
  }
}

void Context::SparkSide::close() {
  std::vector<std::string> views = std::move(views_), functions = std::move(registered_);
  views_.clear();
  functions_.clear();
  registered_.clear();
  try {
    for (const auto& v : views) {
      try {
        remote_->drop_view(v);
      } catch (const EngineConnectionError&) {
        throw;
      } catch (const Error&) {
      }
    }
    for (const auto& f : functions) {
      try {
        ArrowArrayStream done{};
        remote_->query(compile::drop_spark_function_sql(f), &done);
        if (done.release) done.release(&done);
      } catch (const EngineConnectionError&) {
        throw;
      } catch (const Error&) {
      }
    }
  } catch (const EngineConnectionError&) {
    // the server is gone, and the session's views and functions with it
  }
}

}  // namespace cormorant::session
