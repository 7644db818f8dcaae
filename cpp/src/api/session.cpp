// Session: reading sources into DataFrames, SQL, closing; DataFrame::cache.
#include "cormorant/api/dataframe.hpp"
#include "remote.hpp"

#include <algorithm>

#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::column_of;
using api_detail::from_source;
using api_detail::materialize;
using api_detail::relabel;
using api_detail::with_positions;

// ---- Session -------------------------------------------------------------------------

namespace api_detail {

DataFrame frame_of(const std::shared_ptr<session::Context>& ctx, const NodePtr& relation,
                   const std::vector<IndexLevel>& index, const std::vector<ExprPtr>& exprs,
                   const std::vector<Label>& labels, bool default_index, const std::vector<ColumnLevel>& column_levels) {
  auto [rel, ids] = materialize(relation, exprs);
  std::vector<Column> columns;
  for (size_t i = 0; i < labels.size(); ++i) columns.push_back({labels[i], ids[index.size() + i]});
  return DataFrame(ctx, rel, relabel(index, std::vector<std::string>(ids.begin(), ids.begin() + index.size())),
                   columns, default_index, column_levels);
}

DataFrame from_source(const std::shared_ptr<session::Context>& ctx, const session::Source& src, DefaultIndexKind kind) {
  NodePtr rel = src.plan;
  std::vector<Column> columns;
  std::vector<std::string> ids;
  for (const auto& [label, id] : src.columns) {
    columns.push_back({label, id});
    ids.push_back(id);
  }
  if (ctx->ordering_mode() == OrderingMode::Partial) {
    // No order and a NULL index: nothing numbers or sorts the rows.
    return DataFrame(ctx, std::make_shared<plan::SelectNode>(rel, ids, false), {}, columns, false);
  }
  if (rel->kind() == plan::NodeKind::SqlQuery) {
    // No order of its own: order by two independent hashes of all columns, then number
    // identical rows (any numbering of identical rows gives the same result).
    std::vector<ExprPtr> all;
    for (const auto& c : columns) all.push_back(column_of(rel, c.id));
    std::string h1 = plan::new_column_id(), h2 = plan::new_column_id(), tie = plan::new_column_id();
    rel = std::make_shared<plan::ProjectNode>(
        rel, std::vector<plan::NamedExpr>{{h1, std::make_shared<plan::HashExpr>(all, 1)},
                                          {h2, std::make_shared<plan::HashExpr>(all, 2)}});
    if (ctx->engine() == Engine::Spark) {
      // Spark takes no window in an ORDER BY (where the compiler puts the numbering): the two
      // hashes alone, which tie only for identical rows (and whatever their numbering, such
      // rows give the same result).
      rel = std::make_shared<plan::OrderByNode>(rel, std::vector<plan::OrderingKey>{{h1}, {h2}});
    } else {
      rel = std::make_shared<plan::RowNumberNode>(rel, tie, std::vector<std::string>{h1, h2});
      rel = std::make_shared<plan::OrderByNode>(rel, std::vector<plan::OrderingKey>{{h1}, {h2}, {tie}});
    }
  }
  if (kind == DefaultIndexKind::Null) return DataFrame(ctx, rel, {}, columns, false);
  auto [positioned, position] = with_positions(rel);
  return DataFrame(ctx, positioned, {{position, std::nullopt}}, columns, true);
}

}  // namespace api_detail

Session::Session(SessionOptions options) : ctx_(std::make_shared<session::Context>(std::move(options))) {}

Session Session::of(const DataFrame& frame) { return Session(frame.context()); }

DataFrame Session::read_csv(const std::string& path, const CsvOptions& options,
                            const std::vector<std::string>& index_col) const {
  DataFrame df = from_source(ctx_, ctx_->read_csv(path, options));
  return index_col.empty() ? df : df.set_index(to_labels(index_col));
}

DataFrame Session::read_parquet(const std::string& path, DefaultIndexKind index) const {
  return from_source(ctx_, ctx_->read_parquet(path), index);
}

DataFrame Session::read_arrow(ArrowArrayStream* stream, const std::vector<std::string>& index_columns,
                              const std::vector<std::optional<Label>>& index_names,
                              const std::vector<Label>& labels,
                              const std::vector<ColumnLevel>& column_levels,
                              const std::map<std::string, DType>& dtypes) const {
  DataFrame df = from_source(ctx_, ctx_->read_arrow(stream, dtypes));
  std::vector<IndexLevel> index;
  std::vector<Column> values;
  for (size_t i = 0; i < index_columns.size(); ++i) {
    bool found = false;
    for (const auto& c : df.value_columns()) {
      if (c.label == Label(index_columns[i])) {
        index.push_back({c.id, i < index_names.size() ? index_names[i] : std::nullopt});
        found = true;
      }
    }
    if (!found) throw ColumnNotFoundError("index column '" + index_columns[i] + "' is not in the Arrow data");
  }
  for (const auto& c : df.value_columns()) {
    if (std::find(index_columns.begin(), index_columns.end(), c.label.str()) == index_columns.end()) values.push_back(c);
  }
  if (!labels.empty()) {
    if (labels.size() != values.size()) {
      throw InternalError("internal error: " + std::to_string(labels.size()) + " labels for " +
                          std::to_string(values.size()) + " Arrow columns");
    }
    for (size_t i = 0; i < values.size(); ++i) values[i].label = labels[i];
  }
  if (index.empty()) return DataFrame(ctx_, df.plan(), df.index(), values, df.default_index(), column_levels);
  return DataFrame(ctx_, df.plan(), index, values, false, column_levels);
}

DataFrame Session::read_json(const std::string& path, bool convert_dates) const {
  return from_source(ctx_, ctx_->read_json(path, convert_dates));
}

DataFrame Session::read_sql(const std::string& sql) const { return from_source(ctx_, ctx_->read_sql(sql)); }

Table Session::execute_sql(const std::string& sql) const { return ctx_->execute_sql(sql); }

Table Session::parquet_key_values(const std::string& path, const std::string& key) const {
  return ctx_->parquet_key_values(path, key);
}

const std::string& Session::id() const { return ctx_->id(); }

void Session::close() const {
  auto deployed = session_functions(*ctx_, ctx_->id());
  ctx_->close();  // removes the session's unnamed routines
  undeploy_functions(*ctx_, deployed);
}
void Session::interrupt() const { ctx_->interrupt(); }

DataFrame DataFrame::cache() const {
  session::Source src = ctx_->materialize(plan_, output());
  // The table's columns are the index levels, then the values, in output() order.
  const auto& cols = src.columns;
  std::vector<IndexLevel> index;
  for (size_t i = 0; i < index_.size(); ++i) index.push_back({cols[i].second, index_[i].name});
  std::vector<Column> columns;
  for (size_t i = 0; i < columns_.size(); ++i) columns.push_back({columns_[i].label, cols[index_.size() + i].second});
  return DataFrame(ctx_, src.plan, index, columns, default_index_);
}

}  // namespace cormorant
