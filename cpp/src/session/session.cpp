#include "cormorant/session/session.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <random>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/compiler.hpp"
#include "cormorant/rewrite/passes.hpp"
#include "csv_text.hpp"
#include "encoding.hpp"
#include "json_text.hpp"
#include "spark.hpp"
#include "cormorant/compile/function_sql.hpp"

namespace cormorant::session {

namespace fs = std::filesystem;

fs::path default_warehouse() {
  if (const char* w = std::getenv("CORMORANT_WAREHOUSE"); w && *w) return w;
  if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x) return fs::path(x) / "cormorant" / "warehouse";
  const char* home = std::getenv("HOME");
  return fs::path(home && *home ? home : ".") / ".local" / "share" / "cormorant" / "warehouse";
}

namespace {

std::string random_id() {
  std::random_device rd;
  std::mt19937_64 gen((static_cast<uint64_t>(rd()) << 32) ^ rd());
  static const char* hex = "0123456789abcdef";
  std::string id;
  uint64_t v = gen();
  for (int i = 0; i < 12; ++i, v >>= 4) id += hex[v & 15];
  return id;
}

/// Checks that `path` names a file: FileNotFoundError for a missing path or a folder. With
/// `globs` (read_parquet), a path with a glob character that names no file is the user's glob,
/// which the engine checks; the readers of pandas' text formats read one file by its name.
void require_file(const std::string& path, bool globs) {
  std::error_code ec;
  bool glob = globs && path.find_first_of("*?[") != std::string::npos;
  if (!glob && !fs::exists(path, ec)) {
    throw FileNotFoundError("no such file: '" + path + "'; check the path (relative paths start at " +
                            fs::current_path(ec).string() + ")");
  }
  if (!glob && fs::is_directory(path, ec)) {
    throw FileNotFoundError("'" + path + "' is a directory; pass a file path" +
                            (globs ? " or a glob such as '" + path + "/*.parquet'" : std::string()));
  }
}

/// The pattern the engine reads `path` with: a file alone, even one named like a glob
/// ('a[1].parquet', as pandas reads it); any other path as the user's glob.
std::string read_pattern(const std::string& path) {
  std::error_code ec;
  return fs::is_regular_file(path, ec) ? compile::duckdb_file_pattern(path) : path;
}

}  // namespace

Context::Context(SessionOptions options) : id_(random_id()), options_(options), connection_(options.threads) {
  set_maximum_bytes_billed(options.maximum_bytes_billed);
  set_max_partitions(options.max_partitions);
  if (options.engine == Engine::Spark) {
    if (!options.remote_engine && options.spark_remote.empty()) {
      throw InvalidArgumentError("a session on the Spark engine needs spark_remote, the URL of a Spark Connect server "
                                 "(for example \"sc://127.0.0.1:15002\"; bash scripts/spark.sh start prints one)");
    }
    spark_ = std::make_unique<SparkSide>(
        *this, options.remote_engine ? options.remote_engine : engine::open_remote_engine(options.spark_remote), id_,
        options.spark_frame_bytes);
    options_.remote_engine.reset();  // (held by spark_)
  } else if (!options.spark_remote.empty() || options.remote_engine) {
    throw InvalidArgumentError("spark_remote is given but the session's engine is DuckDB; pass engine=\"spark\" to "
                               "run on Spark, or leave spark_remote out");
  }
  if (options.warehouse != ":memory:") {
    warehouse_ = options.warehouse.empty() ? default_warehouse() : fs::path(options.warehouse);
    try {
      catalog_ = std::make_unique<storage::Warehouse>(warehouse_, options.files ? options.files
                                                                                : storage::local_file_system());
    } catch (const FileWriteError& e) {
      throw InvalidArgumentError("cannot create the warehouse directory '" + warehouse_.string() + "': " + e.what() +
                                 "; pass another warehouse path or \":memory:\"");
    }
    fs::path artifacts = catalog_->open_session(id_);
    // Spilled intermediate results are this session's artifacts, removed by close() (or the
    // destructor) or by clean_up_session() after a crash.
    connection_.execute(compile::set_setting_sql("temp_directory", catalog_->files().url(artifacts / "spill")));
    if (spark_) {
      spark_->record_writer(*catalog_, artifacts, id_);
      spark_->use_artifacts(*catalog_, artifacts);
    }
  }
  options_.files.reset();  // (held by catalog_)
}

Context::~Context() = default;

std::vector<plan::SourceColumn> Context::source_columns(const std::string& probe_sql, const std::string& what) {
  std::vector<plan::SourceColumn> out;
  for (const auto& c : connection_.describe(probe_sql)) {
    if (!c.dtype) {
      throw DTypeError("column '" + c.name + "' of " + what + " has type " + c.engine_type +
                       ", which cormorant does not support yet; select the other columns");
    }
    out.push_back({plan::new_column_id(), c.name, *c.dtype, !c.canonical, c.decimal_precision, c.decimal_scale});
  }
  return out;
}

std::string Context::new_table_name() {
  if (closed_) throw InvalidArgumentError("session " + id_ + " is closed; open a new session");
  tables_.push_back("cormorant_" + id_ + "_" + std::to_string(next_table_++));
  return tables_.back();
}

void Context::require_open() const {
  if (closed_) throw InvalidArgumentError("session " + id_ + " is closed; open a new session");
}

std::string Context::values_table(DType dtype, const std::vector<Value>& values) {
  std::string table = new_table_name();
  connection_.execute(compile::create_table_sql(table, Schema{Field{"v", dtype}}));
  auto distinct = compile::isin_values(values, dtype);
  if (!distinct.empty()) connection_.append_values(table, dtype, distinct);
  // On Spark the values are a temporary view of the same name (the query reads "v" of it).
  if (spark_) spark_->upload(*this, table, {{plan::new_column_id(), "v", dtype, false}}, false);
  return table;
}

Source Context::materialize(const plan::NodePtr& input, const compile::Output& output) {
  auto serialized = serialize();
  if (spark_) return spark_->keep(*this, input, output);
  const plan::NodePtr plan = prepared(input);
  std::string table = new_table_name();
  measured(plan, output, [&](const compile::ScanFiles& files, std::string& sql) {
    sql = compile::create_table_as_sql(table, plan, output, files);
    connection_.execute(sql);
    return int64_t{-1};
  });
  auto columns = source_columns(compile::table_probe_sql(table), "the cached result");
  return source_of(std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id()), columns);
}

void Context::interrupt() {
  connection_.interrupt();
  if (spark_) spark_->remote().interrupt();
}

void Context::close() {
  auto serialized = serialize();
  if (closed_) return;
  settle_stats();  // (the stats stay readable after closing)
  if (spark_) spark_->close();
  for (const auto& t : tables_) connection_.execute(compile::drop_table_sql(t));
  tables_.clear();
  closed_ = true;
  if (catalog_) catalog_->close_session();
}

Source Context::source_of(plan::NodePtr plan, const std::vector<plan::SourceColumn>& columns) {
  Source s{std::move(plan), {}};
  for (const auto& c : columns) s.columns.emplace_back(c.source_name, c.id);
  return s;
}

Source Context::read_csv(const std::string& path, const plan::CsvOptions& options) {
  auto serialized = serialize();
  require_file(path, false);
  std::string table = new_table_name();
  // The engine reads UTF-8: a file in another encoding is read from a decoded copy, removed
  // once loaded (the session table holds the rows).
  std::string text = path;
  struct Remove {
    std::string path;
    ~Remove() {
      std::error_code ignored;
      if (!path.empty()) std::filesystem::remove(path, ignored);
    }
  } decoded, unblanked;
  if (!is_utf8(options.encoding)) {
    decoded.path = (std::filesystem::temp_directory_path() / (table + ".utf8.csv")).string();
    decode_to_utf8(path, options.encoding, decoded.path);
    text = decoded.path;
  }
  CsvLines lines = scan_csv_lines(text, options.delimiter);
  if (lines.header.empty()) throw ParserError("No columns to parse from file '" + path + "'");
  if (lines.blank_lines) {
    // pandas skips blank lines; the engine reads them as rows of a one-column file, and a line of
    // spaces as a row of text in any file: the engine reads a copy without them.
    unblanked.path = (std::filesystem::temp_directory_path() / (table + ".lines.csv")).string();
    copy_without_blank_lines(text, options.delimiter, unblanked.path);
    text = unblanked.path;
  }
  const auto expected = static_cast<int64_t>(lines.header.size());
  connection_.execute(compile::csv_load_sql(table, read_pattern(text), options));
  {
    // The engine read text; each column takes pandas' dtype by its values (csv_dtypes).
    std::vector<std::string> names;
    for (const auto& c : connection_.describe(compile::table_probe_sql(table))) names.push_back(c.name);
    const auto dtypes = csv_dtypes(connection_.query(compile::csv_types_sql(table, names)), names.size());
    for (size_t i = 0; i < names.size(); ++i) {
      if (dtypes[i]) connection_.execute(compile::alter_column_type_sql(table, names[i], *dtypes[i]));
    }
  }
  auto columns = source_columns(compile::table_probe_sql(table), "'" + path + "'");
  auto source = std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id());
  if (options.header && static_cast<int64_t>(columns.size()) > expected) {
    // The engine widened the table for a row with more fields than the header: pandas
    // refuses such a file, and so do we, naming the first such line.
    std::vector<plan::ExprPtr> present;
    for (size_t i = expected; i < columns.size(); ++i) {
      present.push_back(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, plan::make_column(columns[i].id, columns[i].dtype)));
    }
    plan::ExprPtr extra = plan::make_balanced(plan::BinaryOp::Or, std::move(present));
    plan::NodePtr bad = std::make_shared<plan::LimitNode>(std::make_shared<plan::FilterNode>(source, extra), 1);
    compile::Output out{{source->rowid_column()}, {"row"}};
    for (size_t i = expected; i < columns.size(); ++i) {
      out.ids.push_back(columns[i].id);
      out.aliases.push_back("x" + std::to_string(i));
    }
    Table first = connection_.query(compile::plan_to_sql(bad, out));
    connection_.execute(compile::drop_table_sql(table));
    int64_t saw = expected;
    for (int64_t c = 1; c < first.num_columns(); ++c) {
      if (!first.is_null(0, c)) saw = expected + c;
    }
    int64_t line = first.num_rows() ? first.at(0, 0).get<int64_t>() + 2 : 0;
    throw ParserError("Error tokenizing data: expected " + std::to_string(expected) + " fields in line " +
                      std::to_string(line) + ", saw " + std::to_string(saw) + "; fix that line of '" + path + "'");
  }
  if (spark_) spark_->upload(*this, table, columns);
  Source out = source_of(source, columns);
  if (options.header && static_cast<int64_t>(out.columns.size()) == expected) {
    // pandas' labels, not the engine's: the header's text as written ("NA", " b ", "A" beside "a"),
    // "Unnamed: i" for an empty field, repeated labels numbered "a.1".
    auto labels = pandas_header_labels(lines.header);
    for (size_t i = 0; i < labels.size(); ++i) out.columns[i].first = labels[i];
  }
  return out;
}

void Context::apply_parquet_pandas_dtypes(const std::string& path, std::vector<plan::SourceColumn>& columns) {
  bool candidates = std::any_of(columns.begin(), columns.end(), [](const auto& c) {
    return c.dtype == DType::TimestampTz || c.dtype == DType::Int64;
  });
  if (!candidates) return;
  Table meta = connection_.query(compile::parquet_key_value_sql(path, "pandas"));
  for (int64_t r = 0; r < meta.num_rows(); ++r) {
    if (meta.is_null(r, 1)) continue;
    auto j = nlohmann::json::parse(meta.at(r, 1).get<std::string>(), nullptr, false);
    if (j.is_discarded() || !j.contains("columns") || !j["columns"].is_array()) continue;
    for (const auto& c : j["columns"]) {
      if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
      const std::string name = c["name"].get<std::string>();
      // pyarrow writes a timedelta64[us] column as int64 microseconds (the engine reads BIGINT).
      if (c.value("numpy_type", "") == "timedelta64[us]") {
        for (auto& col : columns) {
          if (col.source_name == name && col.dtype == DType::Int64) col.dtype = DType::Timedelta;
        }
      }
      if (c.value("pandas_type", "") != "datetimetz" || !c.contains("metadata") || !c["metadata"].is_object() ||
          !c["metadata"].contains("timezone") || !c["metadata"]["timezone"].is_string()) {
        continue;
      }
      for (auto& col : columns) {
        if (col.source_name == name && col.dtype == DType::TimestampTz) {
          col.dtype = DType::timestamp_tz(c["metadata"]["timezone"].get<std::string>());
        }
      }
    }
  }
}

Source Context::read_parquet(const std::string& path) {
  auto serialized = serialize();
  require_file(path, true);
  forget_changed_files();  // (a glob may name any file read before)
  const std::string pattern = read_pattern(path);
  auto columns = source_columns(compile::parquet_probe_sql(pattern), "'" + path + "'");
  apply_parquet_pandas_dtypes(pattern, columns);
  // Positions come from the files' row counts: read them from the metadata once.
  Table meta = connection_.query(compile::parquet_files_sql(pattern));
  std::vector<plan::ParquetFile> files;
  int64_t rows = 0;
  for (int64_t r = 0; r < meta.num_rows(); ++r) {
    plan::ParquetFile f;
    f.path = meta.at(r, 0).get<std::string>();
    f.first_row = rows;
    f.rows = meta.at(r, 1).get<int64_t>();
    auto stamp = file_stamp(f.path);
    f.bytes = stamp ? stamp->size : -1;  // (-1: nothing to check it against)
    if (stamp) verified_[f.path] = *stamp;  // (its row count was just read)
    rows += f.rows;
    files.push_back(std::move(f));
  }
  load_parquet_stats(files, columns);
  // Spark would read a glob's files in its own order (its scans pack files by size), so their
  // rows would come in another order than DuckDB's and pandas': on Spark the node holds the
  // files alone (no path) unless the path is the one file's, and the compiler names them one
  // by one in name order, each row's position from its file's offset and row index, as
  // read_table's file lists. So does DuckDB's node of a file named like a glob (the compiler
  // reads a list's files alone).
  const bool by_path = spark_ ? files.size() == 1 && files[0].path == path : pattern == path;
  const std::string read_path = by_path ? path : std::string();
  return source_of(std::make_shared<plan::ReadParquetNode>(read_path, columns, std::move(files), plan::new_column_id()),
                   columns);
}

Table Context::parquet_key_values(const std::string& path, const std::string& key) {
  auto serialized = serialize();
  require_file(path, true);
  return connection_.query(compile::parquet_key_value_sql(read_pattern(path), key));
}

Source Context::read_json(const std::string& path, bool convert_dates) {
  auto serialized = serialize();
  require_file(path, false);
  const std::string pattern = read_pattern(path);
  std::vector<engine::EngineColumn> described;
  try {
    described = connection_.describe(compile::json_probe_sql(pattern));
  } catch (const InvalidArgumentError& e) {
    const std::string message = e.what();
    if (message.find("expected records") != std::string::npos) {
      throw ParserError("'" + path + "' holds no JSON objects with keys, one a line: read_json(lines=True) reads a "
                        "file whose lines are objects such as {\"a\": 1}");
    }
    throw ParserError("could not read '" + path + "' as JSON lines: " + message);
  }
  std::vector<std::string> names;
  for (const auto& c : described) names.push_back(c.name);
  std::optional<Table> types, stats;
  try {
    types.emplace(connection_.query(compile::json_types_sql(pattern)));
    stats.emplace(connection_.query(compile::json_stats_sql(pattern, names)));
  } catch (const InvalidArgumentError& e) {
    const std::string message = e.what();
    if (message.find("duplicate key") != std::string::npos) {
      throw NotImplementedError("'" + path + "' has an object that repeats a key (pandas keeps its last value); "
                                "cormorant reads objects whose keys differ: remove the repeats in the file");
    }
    throw ParserError("could not read '" + path + "' as JSON lines: " + message);
  }
  const auto kinds = json_columns(path, described, *types, *stats, convert_dates);
  std::string table = new_table_name();
  connection_.execute(compile::json_load_sql(table, pattern, kinds));
  auto columns = source_columns(compile::table_probe_sql(table), "'" + path + "'");
  if (spark_) spark_->upload(*this, table, columns);
  return source_of(std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id()), columns);
}

std::unique_ptr<engine::ResultStream> Context::stream(const plan::NodePtr& input, const compile::Output& output) {
  auto serialized = serialize();
  if (spark_) return engine::ResultStream::of(execute(input, output));
  const plan::NodePtr plan = prepared(input);
  // Rows arrive after this returns: the stats are the estimate, not a measurement.
  std::unique_ptr<engine::ResultStream> out;
  measured(plan, output, [&](const compile::ScanFiles& files, std::string& sql) {
    sql = compile::plan_to_sql(plan, output, files);
    out = connection_.stream(sql);
    return int64_t{-1};
  }, true);
  return out;
}

void Context::write(const plan::NodePtr& input, const compile::Output& output, const std::string& path,
                    const compile::CopyFormat& format) {
  if (format.kind == compile::CopyFormat::Kind::Parquet) check_parquet_names(output.aliases);
  auto serialized = serialize();
  if (spark_) return spark_->write(*this, input, output, path, format);
  const plan::NodePtr plan = prepared(input);
  measured(plan, output, [&](const compile::ScanFiles& files, std::string& sql) {
    sql = compile::copy_sql(plan, output, path, format, files);
    connection_.execute(sql);
    return int64_t{-1};
  });
}

void check_parquet_names(const std::vector<std::string>& names) {
  // The engines' names ignore case: DuckDB's writer would name the second "a_1" (and a table
  // read back would give the first one's values under both names), Spark's refuses them.
  std::map<std::string, std::string> folded;
  for (const auto& name : names) {
    std::string key = name;
    for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, fresh] = folded.emplace(key, name);
    if (!fresh) {
      throw InvalidArgumentError("cannot write the columns '" + it->second + "' and '" + name +
                                 "' to Parquet: they differ only in case, which the engine's writer does not tell "
                                 "apart (it would rename one); rename one of them first");
    }
  }
}

Source Context::read_sql(const std::string& sql) {
  auto serialized = serialize();
  // A session's SQL is its engine's: Spark SQL on Spark, typed as Spark types it.
  std::vector<plan::SourceColumn> columns;
  try {
    columns = spark_ ? spark_->query_columns(sql) : source_columns(compile::query_probe_sql(sql), "the query");
  } catch (const ExecutionError& e) {
    // (only typing it ran: Spark refused the text, as DuckDB's Parser and Binder Errors)
    if (!spark_) throw;
    std::string detail = e.what();
    if (auto at = detail.find(": ["); at != std::string::npos) detail.erase(0, at + 2);  // "Spark refused ...: "
    if (auto at = detail.find(" SQLSTATE: "); at != std::string::npos) detail.erase(at);
    throw InvalidArgumentError("the engine refused the query: " + detail);
  }
  return source_of(std::make_shared<plan::SqlQueryNode>(sql, columns), columns);
}

namespace {

/// The number of rows of an Arrow stream, which it consumes.
int64_t count_rows(ArrowArrayStream* stream) {
  int64_t rows = 0;
  while (true) {
    ArrowArray batch{};
    if (stream->get_next(stream, &batch) != 0) {
      stream->release(stream);
      throw InvalidArgumentError("could not read a batch of the Arrow stream");
    }
    if (batch.release == nullptr) break;
    rows += batch.length;
    batch.release(&batch);
  }
  stream->release(stream);
  return rows;
}

}  // namespace

Source Context::read_arrow(ArrowArrayStream* stream, const std::map<std::string, DType>& dtypes) {
  auto serialized = serialize();
  ArrowSchema schema{};
  if (stream->get_schema(stream, &schema) != 0) {
    if (stream->release) stream->release(stream);
    throw InvalidArgumentError("could not read the schema of the Arrow stream");
  }
  Schema fields;
  std::vector<std::string> labels;
  std::string problem;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    const ArrowSchema* child = schema.children[i];
    auto dtype = engine::dtype_of_arrow(*child);
    if (auto declared = dtypes.find(child->name); declared != dtypes.end()) {
      if (dtype != DType::Int64 || declared->second != DType::Categorical) {
        if (problem.empty()) problem = "column '" + std::string(child->name) + "' must hold int64 codes of its categorical dtype";
      }
      dtype = declared->second;
    }
    if (!dtype && problem.empty()) {
      problem = "column '" + std::string(child->name) + "' has Arrow type '" + child->format +
                "', which cormorant does not support; convert it to Int64, Float64, boolean, string, datetime64, binary, decimal128(38, 9) or a list of these first";
    }
    labels.emplace_back(child->name);
    // The engine's column is named by position: labels may be "", differ only in case, or be
    // anything else an engine identifier cannot be.
    fields.push_back({"col" + std::to_string(i), dtype.value_or(DType::String)});
  }
  schema.release(&schema);
  if (!problem.empty()) {
    stream->release(stream);
    throw DTypeError(problem);
  }
  std::string table = new_table_name();
  if (fields.empty()) {
    // A frame without columns (pandas' DataFrame() or DataFrame(index=...) with a default
    // index) still has rows; an engine table needs a column, so a hidden one counts them.
    int64_t rows = count_rows(stream);
    connection_.execute(compile::create_table_sql(table, {{"col_rows", DType::Boolean}}));
    connection_.execute(compile::insert_null_rows_sql(table, rows));
    if (spark_) spark_->upload(*this, table, {{plan::new_column_id(), "col_rows", DType::Boolean, false}});
    return source_of(std::make_shared<plan::TableScanNode>(table, std::vector<plan::SourceColumn>{}, plan::new_column_id()), {});
  }
  connection_.execute(compile::create_table_sql(table, fields));
  connection_.append_arrow(table, stream);
  std::vector<plan::SourceColumn> columns;
  for (auto& f : fields) columns.push_back({plan::new_column_id(), f.name, f.dtype, false});
  if (spark_) spark_->upload(*this, table, columns, true, labels);
  Source source = source_of(std::make_shared<plan::TableScanNode>(table, columns, plan::new_column_id()), columns);
  for (size_t i = 0; i < labels.size(); ++i) source.columns[i].first = labels[i];
  return source;
}

std::vector<DType> Context::output_dtypes(const plan::NodePtr& plan, const compile::Output& output) {
  std::vector<DType> out;
  for (const auto& id : output.ids) {
    auto it = std::find_if(plan->schema().begin(), plan->schema().end(), [&](const Field& f) { return f.name == id; });
    out.push_back(it == plan->schema().end() ? DType(DType::String) : it->dtype);
  }
  return out;
}

Table Context::execute(const plan::NodePtr& input, const compile::Output& output, const std::vector<std::string>& labels) {
  auto serialized = serialize();
  require_open();
  keep_reduced_input(input);
  const plan::NodePtr plan = prepared(input);
  std::optional<Table> out;
  measured(plan, output, [&](const compile::ScanFiles& files, std::string& sql) {
    sql = compile::plan_to_sql(plan, output, files, spark_ ? spark_->dialect() : compile::duckdb_dialect());
    out.emplace(spark_ ? spark_->query(sql, output_dtypes(plan, output), labels.empty() ? output.aliases : labels)
                       : connection_.query(sql));
    return out->num_rows();
  });
  if (!output.ids.empty()) out->restore_dtypes(output_dtypes(plan, output));
  return std::move(*out);
}

Table Context::execute_sql(const std::string& sql) {
  auto serialized = serialize();
  if (spark_) return spark_->query(sql, {}, {});
  auto columns = connection_.describe(sql);
  bool canonical = std::all_of(columns.begin(), columns.end(), [](const auto& c) { return c.canonical; });
  if (canonical) return connection_.query(sql);  // also statements such as COPY
  // Convert columns of other engine types (e.g. INTEGER) to the canonical ones.
  Source source = read_sql(sql);
  compile::Output out;
  for (const auto& [name, id] : source.columns) {
    out.ids.push_back(id);
    out.aliases.push_back(name);
  }
  return connection_.query(compile::plan_to_sql(source.plan, out));
}

int64_t Context::count(const plan::NodePtr& input) {
  auto serialized = serialize();
  const plan::NodePtr plan = prepared(input);
  int64_t n = 0;
  measured(plan, {}, [&](const compile::ScanFiles& files, std::string& sql) {
    sql = compile::count_sql(plan, files, spark_ ? spark_->dialect() : compile::duckdb_dialect());
    n = (spark_ ? spark_->query(sql, {DType::Int64}, {"n"}) : connection_.query(sql)).at(0, 0).get<int64_t>();
    return int64_t{1};
  });
  return n;
}

std::optional<bool> Context::known_unique(const std::string& key) const {
  auto serialized = serialize();
  auto it = unique_.find(key);
  if (it == unique_.end()) return std::nullopt;
  return it->second;
}

void Context::remember_unique(const std::string& key, bool unique) {
  auto serialized = serialize();
  unique_[key] = unique;
}

std::string Context::sql(const plan::NodePtr& input, const compile::Output& output, Engine engine) const {
  auto serialized = serialize();
  const plan::NodePtr plan = rewrite::prepare(with_kept(input));
  return compile::plan_to_sql(plan, output, {},
                              engine == Engine::Spark ? compile::spark_dialect() : compile::duckdb_dialect());
}

}  // namespace cormorant::session
