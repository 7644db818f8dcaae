#include "cormorant/session/session.hpp"

#include <cstdlib>
#include <random>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/compiler.hpp"

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

void require_file(const std::string& path) {
  std::error_code ec;
  bool glob = path.find_first_of("*?[") != std::string::npos;
  if (!glob && !fs::exists(path, ec)) {
    throw FileNotFoundError("no such file: '" + path + "'; check the path (relative paths start at " +
                            fs::current_path(ec).string() + ")");
  }
  if (!glob && fs::is_directory(path, ec)) {
    throw FileNotFoundError("'" + path + "' is a directory; pass a file path or a glob such as '" + path + "/*.parquet'");
  }
}

}  // namespace

Context::Context(SessionOptions options) : id_(random_id()), connection_(options.threads) {
  if (options.warehouse != ":memory:") {
    warehouse_ = options.warehouse.empty() ? default_warehouse() : fs::path(options.warehouse);
    std::error_code ec;
    fs::create_directories(warehouse_, ec);
    if (ec) {
      throw InvalidArgumentError("cannot create the warehouse directory '" + warehouse_.string() + "': " +
                                 ec.message() + "; pass another warehouse path or \":memory:\"");
    }
  }
}

Context::~Context() = default;

std::vector<plan::SourceColumn> Context::source_columns(const std::string& probe_sql, const std::string& what) {
  std::vector<plan::SourceColumn> out;
  for (const auto& c : connection_.describe(probe_sql)) {
    if (!c.dtype) {
      throw DTypeError("column '" + c.name + "' of " + what + " has type " + c.engine_type +
                       ", which cormorant does not support yet; select the other columns");
    }
    out.push_back({{c.name, *c.dtype}, !c.canonical});
  }
  return out;
}

plan::NodePtr Context::read_csv(const std::string& path, const plan::CsvOptions& options) {
  require_file(path);
  auto columns = source_columns(compile::csv_probe_sql(path, options), "'" + path + "'");
  if (!options.usecols.empty()) {
    std::vector<plan::SourceColumn> kept;
    for (const auto& c : columns) {
      for (const auto& u : options.usecols) {
        if (u == c.field.name) kept.push_back(c);
      }
    }
    for (const auto& u : options.usecols) {
      bool found = false;
      for (const auto& c : kept) found = found || c.field.name == u;
      if (!found) throw ColumnNotFoundError("usecols names column '" + u + "', which '" + path + "' does not have");
    }
    columns = std::move(kept);
  }
  return std::make_shared<plan::ReadCsvNode>(path, options, std::move(columns));
}

plan::NodePtr Context::read_parquet(const std::string& path) {
  require_file(path);
  auto columns = source_columns(compile::parquet_probe_sql(path), "'" + path + "'");
  return std::make_shared<plan::ReadParquetNode>(path, std::move(columns));
}

plan::NodePtr Context::read_arrow(ArrowArrayStream* stream) {
  ArrowSchema schema{};
  if (stream->get_schema(stream, &schema) != 0) {
    if (stream->release) stream->release(stream);
    throw InvalidArgumentError("could not read the schema of the Arrow stream");
  }
  Schema fields;
  std::string problem;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    const ArrowSchema* child = schema.children[i];
    auto dtype = engine::dtype_of_arrow_format(child->format);
    if (!dtype && problem.empty()) {
      problem = "column '" + std::string(child->name) + "' has Arrow type '" + child->format +
                "', which cormorant does not support; convert it to Int64, Float64, boolean, string or datetime64 first";
    }
    fields.push_back({child->name, dtype.value_or(DType::String)});
  }
  schema.release(&schema);
  if (!problem.empty()) {
    stream->release(stream);
    throw DTypeError(problem);
  }
  std::string name = "cormorant_" + id_ + "_" + std::to_string(next_table_++);
  connection_.execute(compile::create_table_sql(name, fields));
  connection_.append_arrow(name, stream);
  std::vector<plan::SourceColumn> columns;
  for (auto& f : fields) columns.push_back({f, false});
  return std::make_shared<plan::TableScanNode>(name, std::move(columns));
}

Table Context::execute(const plan::NodePtr& plan) { return connection_.query(compile::plan_to_sql(plan)); }

int64_t Context::count(const plan::NodePtr& plan) {
  Table t = connection_.query(compile::count_sql(plan));
  return t.at(0, 0).get<int64_t>();
}

std::string Context::sql(const plan::NodePtr& plan) const { return compile::plan_to_sql(plan); }

}  // namespace cormorant::session
