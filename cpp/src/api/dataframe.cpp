#include "cormorant/api/dataframe.hpp"

#include <set>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/rebase.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;

namespace {

[[noreturn]] void unrelated_objects(std::string_view what) {
  throw NotImplementedError(
      std::string(what) +
      " between objects whose rows come from different sources or filters needs index alignment, "
      "which cormorant does not support yet; combine columns of one DataFrame before filtering it");
}

/// Expresses each (relation, expr) over one common relation, or explains why it cannot.
plan::Rebased rebase_or_throw(const std::vector<plan::Bound>& inputs, std::string_view what) {
  auto rebased = plan::rebase_common(inputs);
  if (!rebased) unrelated_objects(what);
  return *rebased;
}

std::vector<plan::Bound> bound_columns(const NodePtr& relation) {
  std::vector<plan::Bound> out;
  for (const auto& e : plan::column_exprs(relation)) out.push_back({relation, e});
  return out;
}

NodePtr project(const NodePtr& input, const Schema& names, const std::vector<ExprPtr>& exprs) {
  std::vector<plan::NamedExpr> named;
  for (size_t i = 0; i < exprs.size(); ++i) named.push_back({names[i].name, exprs[i]});
  return std::make_shared<plan::ProjectNode>(input, std::move(named));
}

const Field& find_field(const Schema& schema, const std::string& name) {
  for (const auto& f : schema) {
    if (f.name == name) return f;
  }
  std::string known;
  for (const auto& f : schema) known += (known.empty() ? "'" : ", '") + f.name + "'";
  throw ColumnNotFoundError("column '" + name + "' not found; the columns are: " + (known.empty() ? "(none)" : known));
}

}  // namespace

// ---- Session -------------------------------------------------------------------------

Session::Session(SessionOptions options) : ctx_(std::make_shared<session::Context>(std::move(options))) {}

DataFrame Session::read_csv(const std::string& path, const CsvOptions& options) const {
  return DataFrame(ctx_, ctx_->read_csv(path, options));
}

DataFrame Session::read_parquet(const std::string& path) const { return DataFrame(ctx_, ctx_->read_parquet(path)); }

DataFrame Session::read_arrow(ArrowArrayStream* stream) const { return DataFrame(ctx_, ctx_->read_arrow(stream)); }

const std::string& Session::id() const { return ctx_->id(); }

// ---- DataFrame -----------------------------------------------------------------------

DataFrame::DataFrame(std::shared_ptr<session::Context> ctx, NodePtr plan) : ctx_(std::move(ctx)), plan_(std::move(plan)) {}

Series DataFrame::operator[](const std::string& column) const {
  return Series(ctx_, plan_, std::make_shared<plan::ColumnExpr>(plan_->schema(), column), column);
}

Series DataFrame::operator[](const char* column) const { return (*this)[std::string(column)]; }

DataFrame DataFrame::operator[](const std::vector<std::string>& columns) const {
  std::vector<plan::NamedExpr> exprs;
  for (const auto& c : columns) exprs.push_back({c, std::make_shared<plan::ColumnExpr>(plan_->schema(), c)});
  return DataFrame(ctx_, std::make_shared<plan::ProjectNode>(plan_, std::move(exprs)));
}

DataFrame DataFrame::operator[](std::initializer_list<std::string> columns) const {
  return (*this)[std::vector<std::string>(columns)];
}

DataFrame DataFrame::operator[](const Series& mask) const {
  if (mask.dtype() != DType::Boolean) {
    throw DTypeError("a row filter needs a boolean mask, got dtype '" + std::string(dtype_name(mask.dtype())) +
                     "'; build one with a comparison such as df[\"x\"] > 0");
  }
  auto inputs = bound_columns(plan_);
  inputs.push_back({mask.relation(), mask.expr()});
  auto r = rebase_or_throw(inputs, "filtering");
  ExprPtr predicate = r.exprs.back();
  r.exprs.pop_back();
  auto filtered = std::make_shared<plan::FilterNode>(r.relation, predicate);
  if (r.relation == plan_) return DataFrame(ctx_, filtered);
  return DataFrame(ctx_, project(filtered, plan_->schema(), r.exprs));
}

DataFrame DataFrame::assign(const std::string& name, const Series& value) const {
  auto inputs = bound_columns(plan_);
  inputs.push_back({value.relation(), value.expr()});
  auto r = rebase_or_throw(inputs, "assigning a column");
  ExprPtr new_expr = r.exprs.back();
  r.exprs.pop_back();
  std::vector<plan::NamedExpr> exprs;
  bool replaced = false;
  for (size_t i = 0; i < r.exprs.size(); ++i) {
    const auto& label = plan_->schema()[i].name;
    if (label == name) {
      exprs.push_back({label, new_expr});
      replaced = true;
    } else {
      exprs.push_back({label, r.exprs[i]});
    }
  }
  if (!replaced) exprs.push_back({name, new_expr});
  return DataFrame(ctx_, std::make_shared<plan::ProjectNode>(r.relation, std::move(exprs)));
}

DataFrame DataFrame::assign(const std::string& name, const Value& value) const {
  if (value.is_na()) {
    throw DTypeError("cannot infer a dtype from <NA> alone; assign a typed Series, e.g. with astype()");
  }
  return assign(name, Series(ctx_, plan_, plan::make_literal(value, value.dtype()), name));
}

DataFrame DataFrame::astype(DType dtype) const {
  std::map<std::string, DType> all;
  for (const auto& f : plan_->schema()) all[f.name] = dtype;
  return astype(all);
}

DataFrame DataFrame::astype(const std::map<std::string, DType>& dtypes) const {
  for (const auto& [name, _] : dtypes) find_field(plan_->schema(), name);
  std::vector<plan::NamedExpr> exprs;
  for (const auto& f : plan_->schema()) {
    ExprPtr e = std::make_shared<plan::ColumnExpr>(plan_->schema(), f.name);
    auto it = dtypes.find(f.name);
    if (it != dtypes.end() && it->second != f.dtype) e = std::make_shared<plan::CastExpr>(e, it->second);
    exprs.push_back({f.name, e});
  }
  return DataFrame(ctx_, std::make_shared<plan::ProjectNode>(plan_, std::move(exprs)));
}

DataFrame DataFrame::rename(const std::map<std::string, std::string>& columns) const {
  std::vector<plan::NamedExpr> exprs;
  for (const auto& f : plan_->schema()) {
    auto it = columns.find(f.name);
    exprs.push_back({it == columns.end() ? f.name : it->second, std::make_shared<plan::ColumnExpr>(plan_->schema(), f.name)});
  }
  return DataFrame(ctx_, std::make_shared<plan::ProjectNode>(plan_, std::move(exprs)));
}

DataFrame DataFrame::drop(const std::vector<std::string>& columns) const {
  std::set<std::string> gone;
  std::string missing;
  for (const auto& c : columns) {
    bool present = false;
    for (const auto& f : plan_->schema()) present = present || f.name == c;
    if (!present) missing += (missing.empty() ? "'" : ", '") + c + "'";
    gone.insert(c);
  }
  if (!missing.empty()) throw ColumnNotFoundError("[" + missing + "] not found in axis");
  std::vector<std::string> kept;
  for (const auto& f : plan_->schema()) {
    if (!gone.count(f.name)) kept.push_back(f.name);
  }
  return (*this)[kept];
}

DataFrame DataFrame::head(int64_t n) const {
  int64_t limit = n >= 0 ? n : std::max<int64_t>(0, ctx_->count(plan_) + n);
  return DataFrame(ctx_, std::make_shared<plan::LimitNode>(plan_, limit));
}

std::pair<int64_t, int64_t> DataFrame::shape() const {
  return {ctx_->count(plan_), static_cast<int64_t>(plan_->schema().size())};
}

std::vector<std::string> DataFrame::columns() const {
  std::vector<std::string> out;
  for (const auto& f : plan_->schema()) out.push_back(f.name);
  return out;
}

std::string DataFrame::sql() const { return ctx_->sql(plan_); }

Table DataFrame::to_table() const { return ctx_->execute(plan_); }

std::string DataFrame::to_string(int64_t max_rows) const {
  // Fetch only what is shown: all rows when they fit, else the first and last five.
  int64_t n = ctx_->count(plan_);
  if (n <= max_rows) return to_table().to_string(max_rows);
  Table head = ctx_->execute(std::make_shared<plan::LimitNode>(plan_, 5));
  Table tail = ctx_->execute(std::make_shared<plan::LimitNode>(plan_, 5, n - 5));
  std::vector<std::string> index;
  std::vector<std::vector<Value>> cells;
  head.append_cells(index, cells, 0, head.num_rows(), 0);
  tail.append_cells(index, cells, 0, tail.num_rows(), n - tail.num_rows());
  return format_frame(plan_->schema(), index, cells, n);
}

// ---- Series --------------------------------------------------------------------------

Series::Series(std::shared_ptr<session::Context> ctx, NodePtr relation, ExprPtr expr, std::optional<std::string> name)
    : ctx_(std::move(ctx)), relation_(std::move(relation)), expr_(std::move(expr)), name_(std::move(name)) {}

Series Series::rename(std::optional<std::string> name) const { return Series(ctx_, relation_, expr_, std::move(name)); }

Series Series::astype(DType dtype) const {
  if (dtype == expr_->dtype()) return *this;
  return Series(ctx_, relation_, std::make_shared<plan::CastExpr>(expr_, dtype), name_);
}

Series Series::unary(plan::UnaryOp op) const {
  return Series(ctx_, relation_, std::make_shared<plan::UnaryExpr>(op, expr_), name_);
}

Series Series::isna() const { return unary(plan::UnaryOp::IsNull); }
Series Series::notna() const { return unary(plan::UnaryOp::NotNull); }
Series Series::abs() const { return unary(plan::UnaryOp::Abs); }

Series Series::binary(BinaryOp op, const Series& other) const {
  auto r = rebase_or_throw({{relation_, expr_}, {other.relation_, other.expr_}}, "an operation");
  std::optional<std::string> name = name_ == other.name_ ? name_ : std::nullopt;
  return Series(ctx_, r.relation, plan::make_binary(op, r.exprs[0], r.exprs[1]), name);
}

Series Series::binary(BinaryOp op, const Value& other) const {
  return Series(ctx_, relation_, plan::make_binary(op, expr_, plan::make_literal(other, expr_->dtype())), name_);
}

Series Series::reverse_binary(BinaryOp op, const Value& other) const {
  return Series(ctx_, relation_, plan::make_binary(op, plan::make_literal(other, expr_->dtype()), expr_), name_);
}

Series Series::floordiv(const Series& other) const { return binary(BinaryOp::FloorDiv, other); }
Series Series::floordiv(const Value& other) const { return binary(BinaryOp::FloorDiv, other); }
Series Series::pow(const Series& other) const { return binary(BinaryOp::Pow, other); }
Series Series::pow(const Value& other) const { return binary(BinaryOp::Pow, other); }

Series Series::operator[](const Series& mask) const {
  DataFrame filtered = to_frame()[mask];
  return Series(ctx_, filtered.plan(), std::make_shared<plan::ColumnExpr>(filtered.plan()->schema(), filtered.columns()[0]), name_);
}

Series Series::head(int64_t n) const {
  DataFrame top = to_frame().head(n);
  return Series(ctx_, top.plan(), std::make_shared<plan::ColumnExpr>(top.plan()->schema(), top.columns()[0]), name_);
}

int64_t Series::size() const { return ctx_->count(relation_); }

DataFrame Series::to_frame() const {
  std::vector<plan::NamedExpr> exprs{{name_.value_or("0"), expr_}};
  return DataFrame(ctx_, std::make_shared<plan::ProjectNode>(relation_, std::move(exprs)));
}

#define CORMORANT_SERIES_OP(sym, op)                                                                \
  Series operator sym(const Series& a, const Series& b) { return a.binary(BinaryOp::op, b); }      \
  Series operator sym(const Series& a, const Value& b) { return a.binary(BinaryOp::op, b); }
CORMORANT_SERIES_OP(+, Add)
CORMORANT_SERIES_OP(-, Sub)
CORMORANT_SERIES_OP(*, Mul)
CORMORANT_SERIES_OP(/, TrueDiv)
CORMORANT_SERIES_OP(%, Mod)
CORMORANT_SERIES_OP(==, Eq)
CORMORANT_SERIES_OP(!=, Ne)
CORMORANT_SERIES_OP(<, Lt)
CORMORANT_SERIES_OP(<=, Le)
CORMORANT_SERIES_OP(>, Gt)
CORMORANT_SERIES_OP(>=, Ge)
CORMORANT_SERIES_OP(&, And)
CORMORANT_SERIES_OP(|, Or)
#undef CORMORANT_SERIES_OP
Series operator^(const Series& a, const Series& b) { return a.binary(BinaryOp::Xor, b); }
Series operator+(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Add, a); }
Series operator-(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Sub, a); }
Series operator*(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::Mul, a); }
Series operator/(const Value& a, const Series& b) { return b.reverse_binary(BinaryOp::TrueDiv, a); }
Series operator-(const Series& a) { return a.unary(plan::UnaryOp::Negate); }
Series operator~(const Series& a) { return a.unary(plan::UnaryOp::Not); }

std::ostream& operator<<(std::ostream& out, const DataFrame& df) { return out << df.to_string(); }
std::ostream& operator<<(std::ostream& out, const Series& s) { return out << s.to_string(); }

}  // namespace cormorant
