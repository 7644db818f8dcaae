// DataFrame output: batches, Parquet and CSV files.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

BatchReader::BatchReader(std::unique_ptr<engine::ResultStream> stream,
                         std::vector<std::optional<Label>> index_names, std::vector<Label> labels,
                         std::vector<ColumnLevel> column_levels, bool default_index, int64_t rows,
                         std::vector<DType> dtypes)
    : stream_(std::move(stream)),
      index_names_(std::move(index_names)),
      labels_(std::move(labels)),
      column_levels_(std::move(column_levels)),
      default_index_(default_index),
      rows_(rows),
      dtypes_(std::move(dtypes)) {}

std::optional<Result> BatchReader::next() {
  auto table = stream_->next(rows_);
  if (!table) return std::nullopt;
  if (!dtypes_.empty()) table->restore_dtypes(dtypes_);
  return Result{std::move(*table), index_names_, labels_, column_levels_, default_index_};
}

BatchReader DataFrame::to_batches(int64_t rows) const {
  if (rows <= 0) throw InvalidArgumentError("batch size must be positive, got " + std::to_string(rows));
  std::vector<std::optional<Label>> names;
  for (const auto& level : index_) names.push_back(level.name);
  compile::Output out = output();
  return BatchReader(ctx_->stream(plan_, out), names, columns(), column_levels_, default_index_, rows,
                     session::Context::output_dtypes(plan_, out));
}

namespace {

/// A header cell as pandas writes it: quoted when it holds the separator, a quote or a newline.
std::string csv_cell(const std::string& text, char sep) {
  if (text.find_first_of(std::string(1, sep) + "\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// Copies the engine's CSV rows to `out`. With one field a row, an empty line (a missing value
/// or empty text, outside a quoted value) becomes `""`, as pandas (Python's csv) writes a row
/// of one empty field so it is not a blank line.
void copy_csv_rows(std::istream& rows, std::ostream& out, bool one_field) {
  if (!one_field) {
    out << rows.rdbuf();
    return;
  }
  bool quoted = false, line_start = true;
  char c;
  while (rows.get(c)) {
    if (c == '\n' && line_start && !quoted) out << "\"\"";
    if (c == '"') quoted = !quoted;
    line_start = c == '\n' && !quoted;
    out << c;
  }
}

/// Refuses an output path that cannot be written, before any query runs, saying which path
/// and the operating system's reason (pandas raises the OSError of the open).
void check_output_path(const std::string& path) {
  namespace fs = std::filesystem;
  auto refuse = [&](int error, const std::string& why) {
    throw FileWriteError("cannot write '" + path + "': " + std::strerror(error) + why);
  };
  std::error_code ec;
  if (fs::is_directory(path, ec)) refuse(EISDIR, "");
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) parent = ".";
  if (!fs::exists(parent, ec)) refuse(ENOENT, " (the folder '" + parent.string() + "' does not exist)");
  if (!fs::is_directory(parent, ec)) refuse(ENOTDIR, " ('" + parent.string() + "' is not a folder)");
  if (::access(parent.c_str(), W_OK) != 0) refuse(errno, " (the folder '" + parent.string() + "')");
  if (fs::exists(path, ec) && ::access(path.c_str(), W_OK) != 0) refuse(errno, "");
}

/// Refuses writing timedeltas and categoricals to a file: the engine holds them as
/// microseconds and codes, which the file would carry as plain integers (pandas writes text in
/// CSV, a duration or dictionary type in Parquet), so a reader would get other values or
/// another dtype without a word. `categoricals_as_values`: the writer writes a categorical's
/// values (to_csv), so only timedeltas are refused.
void refuse_timedeltas(const plan::NodePtr& plan, const std::vector<IndexLevel>& index,
                       const std::vector<Column>& columns, const std::string& what,
                       bool categoricals_as_values = false) {
  auto refuse = [&](const std::string& name, DType dtype) {
    if (dtype == DType::Categorical) {
      throw NotImplementedError(what + " of the categorical " + name + " is not supported yet (the file would hold "
                                "its codes); write to_pandas()." + what + "(...) instead, or convert it with astype() "
                                "to its categories' dtype first");
    }
    if (dtype == DType::Time) {
      throw NotImplementedError(what + " of the time " + name + " is not supported yet (the engine writes times "
                                "otherwise than Python's str); write to_pandas()." + what + "(...) instead, or "
                                "convert it with astype(str) first");
    }
    throw NotImplementedError(what + " of the timedelta " + name + " is not supported yet (the file would hold plain "
                           "microseconds); write to_pandas()." + what + "(...) instead, or convert it with "
                           "astype('Int64') first");
  };
  auto refused = [&](DType d) {
    return d == DType::Timedelta || (d == DType::Categorical && !categoricals_as_values) ||
           (d == DType::Time && categoricals_as_values);  // (to_csv; Parquet holds time64[us])
  };
  for (const auto& level : index) {
    if (refused(plan->dtype_of(level.id))) refuse("index", plan->dtype_of(level.id));
  }
  for (const auto& c : columns) {
    if (refused(plan->dtype_of(c.id))) refuse("column " + c.label.repr(), plan->dtype_of(c.id));
  }
}

}  // namespace

void DataFrame::to_parquet(const std::string& path, bool index) const {
  check_output_path(path);
  refuse_timedeltas(plan_, index ? index_ : std::vector<IndexLevel>{}, columns_, "to_parquet");
  compile::Output out;
  if (index) {
    for (size_t i = 0; i < index_.size(); ++i) {
      out.ids.push_back(index_[i].id);
      Label name = index_[i].name.value_or("__index_level_" + std::to_string(i) + "__");
      api_detail::check_no_nul(name, "a Parquet file");
      out.aliases.push_back(name.to_string());
    }
  }
  // Labels that are not strings are written as their text, as pyarrow writes them.
  for (const auto& c : columns_) {
    api_detail::check_no_nul(c.label, "a Parquet file");
    out.ids.push_back(c.id);
    out.aliases.push_back(c.label.to_string());
  }
  ctx_->write(plan_, out, path, {compile::CopyFormat::Kind::Parquet});
}

void DataFrame::to_csv(const std::string& path, char sep, bool header, bool index) const {
  check_output_path(path);
  refuse_timedeltas(plan_, index ? index_ : std::vector<IndexLevel>{}, columns_, "to_csv", true);
  // Booleans as pandas writes them (True/False): the text cast does that.
  std::vector<plan::ExprPtr> exprs;
  std::vector<std::string> names;
  if (index) {
    for (const auto& level : index_) {
      exprs.push_back(plan::make_column(level.id, plan_->dtype_of(level.id)));
      names.push_back(level.name.value_or("").to_string());
    }
  }
  if (header && api_detail::label_levels(columns_) > 1) {
    throw NotImplementedError("to_csv of MultiIndex columns (tuple labels) is not supported; flatten them first, "
                              "e.g. rename each column to one string");
  }
  // The header is written here, so labels keep every character (NUL too); non-strings as
  // pandas writes them, their str().
  for (const auto& c : columns_) {
    exprs.push_back(plan::make_column(c.id, plan_->dtype_of(c.id)));
    names.push_back(c.label.to_string());
  }
  std::vector<plan::NamedExpr> projected;
  compile::Output out;
  plan::NodePtr input = plan_;
  for (size_t i = 0; i < exprs.size(); ++i) {
    plan::ExprPtr e = exprs[i];
    // A categorical as pandas writes it: its values (the categories' dtype), missing as empty.
    if (e->dtype() == DType::Categorical) e = api_detail::categorical_values(e);
    // Timestamps as pandas writes them: its astype(str) text (wall time and offset, one precision a column).
    if (e->dtype() == DType::Boolean || e->dtype() == DType::Timestamp || e->dtype() == DType::TimestampTz) {
      e = api_detail::astype_expr(input, e, DType::String, names[i]);
    } else if (e->dtype() == DType::String) {
      // Empty text as pandas writes it, as nothing (the engine quotes it, "", to tell it from a
      // missing value, which pandas writes as nothing too).
      e = std::make_shared<plan::ConditionalExpr>(
          plan::make_binary(plan::BinaryOp::Ne, e, plan::make_literal(Value(std::string()), DType::String)), e);
    }
    projected.push_back({plan::new_column_id(), e});
    out.ids.push_back(projected.back().id);
    out.aliases.push_back("c" + std::to_string(i));
  }
  plan::NodePtr rel = std::make_shared<plan::ProjectNode>(input, projected);
  // The engine cannot name a column "" (pandas' header for an unnamed index), so the rows go
  // to a side file and the header is written here.
  std::string rows_path = path + ".rows.tmp";
  ctx_->write(rel, out, rows_path, {compile::CopyFormat::Kind::Csv, sep, false});
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    if (!file) throw FileWriteError("cannot write '" + path + "': " + std::strerror(errno));
    if (header) {
      for (size_t i = 0; i < names.size(); ++i) file << (i ? std::string(1, sep) : "") << csv_cell(names[i], sep);
      file << "\n";
    }
    std::ifstream rows(rows_path, std::ios::binary);
    copy_csv_rows(rows, file, exprs.size() == 1);
  }
  std::filesystem::remove(rows_path);
}

}  // namespace cormorant
