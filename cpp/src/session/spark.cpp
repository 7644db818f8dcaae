// A session on the Spark engine (issue 14): queries compiled in Spark's dialect run through
// the engine::RemoteEngine adapter; data brought in from the client (pandas, CSV, JSON) goes to
// Spark as temporary views holding each row's position.
#include "spark.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/compiler.hpp"

namespace cormorant::session {

const compile::Dialect& dialect_of(Engine engine) {
  return engine == Engine::Spark ? compile::spark_dialect() : compile::duckdb_dialect();
}

void refuse_on_spark(const std::string& what) {
  throw NotImplementedError(what + " is not yet on the Spark engine; use a session on the default engine "
                            "(cpd.Session() without engine=\"spark\") for it");
}

Table Context::SparkSide::query(const std::string& sql, const std::vector<DType>& dtypes,
                                const std::vector<std::string>& labels) {
  ArrowArrayStream stream{};
  remote_->query(sql, &stream);
  return engine::remote_table(&stream, dtypes, labels);
}

void Context::SparkSide::upload(Context& ctx, const std::string& table, const std::vector<plan::SourceColumn>& columns) {
  compile::Output out;
  for (const auto& c : columns) {
    out.ids.push_back(c.id);
    out.aliases.push_back(c.source_name);
  }
  std::string rowid = plan::new_column_id();
  out.ids.push_back(rowid);
  out.aliases.push_back("rowid");
  auto scan = std::make_shared<plan::TableScanNode>(table, columns, rowid);
  Table rows = ctx.connection_.query(compile::plan_to_sql(scan, out));
  ArrowArrayStream stream{};
  rows.export_to(&stream);
  views_.push_back(table);  // (before: a view half made is dropped too)
  remote_->create_view(table, &stream);
  ctx.connection_.execute(compile::drop_table_sql(table));
  ctx.tables_.erase(std::remove(ctx.tables_.begin(), ctx.tables_.end(), table), ctx.tables_.end());
}

void Context::SparkSide::close() {
  std::vector<std::string> views = std::move(views_);
  views_.clear();
  for (const auto& v : views) {
    try {
      remote_->drop_view(v);
    } catch (const EngineConnectionError&) {
      return;  // the server is gone, and its views with it
    } catch (const Error&) {
    }
  }
}

}  // namespace cormorant::session
