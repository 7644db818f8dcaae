// The warehouse, ordering modes and query cost, as the api presents them.
#include <algorithm>
#include <map>

#include "cormorant/api/dataframe.hpp"
#include "remote.hpp"
#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using api_detail::from_source;

namespace {

std::optional<plan::BinaryOp> filter_op(const std::string& op) {
  if (op == "==" || op == "=") return plan::BinaryOp::Eq;
  if (op == "!=") return plan::BinaryOp::Ne;
  if (op == "<") return plan::BinaryOp::Lt;
  if (op == "<=") return plan::BinaryOp::Le;
  if (op == ">") return plan::BinaryOp::Gt;
  if (op == ">=") return plan::BinaryOp::Ge;
  return std::nullopt;
}

/// Throws DTypeError unless `value` can be compared with a column of `dtype`.
void check_filter_value(const ReadFilter& f, DType dtype, const Value& value) {
  if (value.is_na()) {
    throw InvalidArgumentError("filter on '" + f.column + "' compares with a missing value, which matches nothing; "
                               "filter with isna() after reading instead");
  }
  bool ok = false;
  if (is_integer(dtype) || dtype == DType::Float64) ok = value.holds<int64_t>() || value.holds<double>();
  if (dtype == DType::Boolean) ok = value.holds<bool>();
  if (dtype == DType::String) ok = value.holds<std::string>();
  // Dates and timestamps as pandas compares them: a value of the column's kind (a date with a
  // date column, a naive or an aware Timestamp with a naive or an aware one), or ISO text with
  // a timestamp column.
  if (value.holds<Moment>()) ok = is_temporal(dtype) && value.get<Moment>().dtype.kind() == dtype.kind();
  if (value.holds<std::string>() && (dtype == DType::Timestamp || dtype == DType::TimestampTz)) {
    ok = plan::scan_bound(dtype, value).has_value();
  }
  if (!ok) {
    std::string hint = dtype == DType::Date        ? ": give a datetime.date, as pandas compares date columns"
                       : dtype == DType::Timestamp ? ": give a naive pd.Timestamp or an ISO timestamp such as '2026-01-31'"
                       : dtype == DType::TimestampTz ? ": give a pd.Timestamp with a time zone"
                                                     : ": give a value of the column's type";
    throw DTypeError("filter value " + value.to_string() + " cannot be compared with column '" + f.column +
                     "' of dtype " + dtype_name(dtype) + hint);
  }
}

/// The mask of one filter condition over `frame`.
Series filter_mask(const DataFrame& frame, const ReadFilter& f) {
  auto labels = frame.columns();
  if (std::find(labels.begin(), labels.end(), f.column) == labels.end()) {
    throw ColumnNotFoundError("filter on '" + f.column + "': no such column in the table");
  }
  Series column = frame[f.column];
  for (const auto& v : f.values) check_filter_value(f, column.dtype(), v);
  if (f.op == "in" || f.op == "not in") {
    Series in = column.isin(f.values);
    return f.op == "in" ? in : ~in;
  }
  auto op = filter_op(f.op);
  if (!op) {
    throw InvalidArgumentError("unknown filter operator '" + f.op +
                               "': use one of ==, !=, <, <=, >, >=, in, not in");
  }
  if (f.values.size() != 1) {
    throw InvalidArgumentError("filter '" + f.column + " " + f.op + "' takes one value, got " +
                               std::to_string(f.values.size()));
  }
  return column.binary(*op, f.values[0]);
}

}  // namespace

// ---- Session ---------------------------------------------------------------------------

DataFrame Session::read_table(const std::string& table_id, const ReadTableOptions& options) const {
  auto [source, info] = ctx_->read_table(table_id);
  DataFrame df = from_source(ctx_, source, options.index_col.empty() ? options.default_index : DefaultIndexKind::Null);
  // Filters compare a categorical's values, as the files hold them (pyarrow's filters compare
  // a dictionary column's values too); then the values become the manifest's categories.
  std::map<Label, DType> categoricals;
  for (const auto& c : info.columns) {
    if (c.dtype == DType::Categorical) categoricals[c.name] = c.dtype;
  }
  if (!options.filters.empty()) {
    std::optional<Series> any;
    for (const auto& conjunction : options.filters) {
      if (conjunction.empty()) throw InvalidArgumentError("filters has an empty list of conditions");
      std::optional<Series> all;
      for (const auto& f : conjunction) {
        Series m = filter_mask(df, f);
        all = all ? (*all & m) : m;
      }
      any = any ? (*any | *all) : *all;
    }
    df = df[*any];
  }
  if (!categoricals.empty()) df = df.astype(categoricals);
  if (!options.columns.empty()) {
    std::vector<std::string> keep = options.columns;
    for (const auto& c : options.index_col) {
      if (std::find(keep.begin(), keep.end(), c) == keep.end()) keep.push_back(c);
    }
    df = df[to_labels(keep)];
  }
  if (!options.index_col.empty()) df = df.set_index(to_labels(options.index_col));
  return df;
}

TableInfo Session::describe_table(const std::string& table_id) const {
  auto [dataset, name] = storage::parse_table_id(table_id);
  return ctx_->catalog().table(dataset, name);
}

std::vector<std::string> Session::list_datasets() const {
  // Sessions' anonymous datasets (their unnamed routines) are not the user's.
  std::vector<std::string> out = ctx_->catalog().datasets();
  std::erase_if(out, [](const std::string& d) { return d.rfind(storage::anonymous_dataset(""), 0) == 0; });
  return out;
}

std::vector<std::string> Session::list_tables(const std::string& dataset) const {
  return ctx_->catalog().tables(dataset);
}

void Session::create_dataset(const std::string& dataset) const { ctx_->catalog().create_dataset(dataset); }

void Session::drop_table(const std::string& table_id) const {
  auto [dataset, name] = storage::parse_table_id(table_id);
  ctx_->catalog().drop_table(dataset, name);
}

int Session::clean_up_by_session_id(const std::string& session_id) const {
  auto deployed = session_functions(*ctx_, session_id);
  int removed = ctx_->clean_up_session(session_id);  // removes its unnamed routines
  undeploy_functions(*ctx_, deployed);
  return removed;
}

OrderingMode Session::ordering_mode() const { return ctx_->ordering_mode(); }
void Session::set_ordering_mode(OrderingMode mode) const { ctx_->set_ordering_mode(mode); }
std::optional<int64_t> Session::maximum_bytes_billed() const { return ctx_->maximum_bytes_billed(); }
void Session::set_maximum_bytes_billed(std::optional<int64_t> bytes) const { ctx_->set_maximum_bytes_billed(bytes); }
int64_t Session::max_partitions() const { return ctx_->max_partitions(); }
void Session::set_max_partitions(int64_t max) const { ctx_->set_max_partitions(max); }
QueryStats Session::last_query() const { return ctx_->last_query(); }
SessionTotals Session::totals() const { return ctx_->totals(); }
int64_t Session::engine_statements() const { return ctx_->engine_statements(); }

// ---- DataFrame -------------------------------------------------------------------------

TableInfo DataFrame::to_table(const std::string& table_id, const WriteOptions& options) const {
  compile::Output out;
  if (!default_index_) {
    for (size_t i = 0; i < index_.size(); ++i) {
      out.ids.push_back(index_[i].id);
      Label name = index_[i].name.value_or(index_.size() == 1 ? "index" : "level_" + std::to_string(i));
      api_detail::check_no_nul(name, "a warehouse table");
      out.aliases.push_back(name.to_string());
    }
  }
  // Labels that are not strings name their columns by their text, as in Parquet files.
  for (const auto& c : columns_) {
    api_detail::check_no_nul(c.label, "a warehouse table");
    out.ids.push_back(c.id);
    out.aliases.push_back(c.label.to_string());
  }
  return ctx_->write_table(plan_, out, table_id, options);
}

DataFrame DataFrame::peek(int64_t n) const {
  if (n < 0) throw InvalidArgumentError("peek(n) needs n >= 0, got " + std::to_string(n));
  std::vector<std::string> ids;
  for (const auto& level : index_) ids.push_back(level.id);
  for (const auto& c : columns_) {
    if (std::find(ids.begin(), ids.end(), c.id) == ids.end()) ids.push_back(c.id);
  }
  auto unordered = std::make_shared<plan::SelectNode>(plan_, ids, false);
  return DataFrame(ctx_, std::make_shared<plan::LimitNode>(unordered, n), index_, columns_, default_index_);
}

QueryStats DataFrame::dry_run() const { return ctx_->dry_run(plan_, result_output()); }

std::string DataFrame::explain() const { return ctx_->explain(plan_, result_output()); }

}  // namespace cormorant
