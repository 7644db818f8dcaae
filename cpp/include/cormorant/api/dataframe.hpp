#pragma once
/// The user-facing objects: Session, DataFrame and Series. Each DataFrame and Series is a
/// lazy, immutable plan; nothing runs until a result is asked for (to_table, shape, printing).
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/table.hpp"
#include "cormorant/common/value.hpp"
#include "cormorant/plan/node.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant {

using session::SessionOptions;
using plan::CsvOptions;
class DataFrame;
class Series;

/// A session over an embedded warehouse: the entry point for reading data.
class Session {
 public:
  explicit Session(SessionOptions options = {});
  /// Reads a CSV file lazily (pandas' read_csv defaults: header row, pandas' NA strings).
  DataFrame read_csv(const std::string& path, const CsvOptions& options = {}) const;
  /// Reads Parquet files (a path or a glob) lazily.
  DataFrame read_parquet(const std::string& path) const;
  /// Copies an Arrow stream into the session (see session::Context::read_arrow).
  DataFrame read_arrow(ArrowArrayStream* stream) const;
  const std::string& id() const;
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  std::shared_ptr<session::Context> ctx_;
};

/// A lazy table of named, typed columns.
class DataFrame {
 public:
  DataFrame(std::shared_ptr<session::Context> ctx, plan::NodePtr plan);

  /// One column; throws ColumnNotFoundError.
  Series operator[](const std::string& column) const;
  Series operator[](const char* column) const;
  /// Some columns, in the order given; throws ColumnNotFoundError.
  DataFrame operator[](const std::vector<std::string>& columns) const;
  DataFrame operator[](std::initializer_list<std::string> columns) const;
  /// The rows where `mask` is True (<NA> counts as False).
  DataFrame operator[](const Series& mask) const;
  DataFrame filter(const Series& mask) const { return (*this)[mask]; }

  /// A copy with column `name` added (at the end) or replaced (in place).
  DataFrame assign(const std::string& name, const Series& value) const;
  DataFrame assign(const std::string& name, const Value& value) const;
  /// df[name] = value: this handle now refers to the new plan.
  void set(const std::string& name, const Series& value) { *this = assign(name, value); }
  void set(const std::string& name, const Value& value) { *this = assign(name, value); }

  /// Converts every column, or the named ones.
  DataFrame astype(DType dtype) const;
  DataFrame astype(const std::map<std::string, DType>& dtypes) const;
  /// Renames columns; labels not present are ignored, as in pandas.
  DataFrame rename(const std::map<std::string, std::string>& columns) const;
  /// Drops columns; throws ColumnNotFoundError for a label not present.
  DataFrame drop(const std::vector<std::string>& columns) const;
  /// The first n rows (all but the last -n when n is negative).
  DataFrame head(int64_t n = 5) const;

  /// (rows, columns); counts the rows by running a query.
  std::pair<int64_t, int64_t> shape() const;
  std::vector<std::string> columns() const;
  /// Each column's dtype.
  const Schema& dtypes() const { return plan_->schema(); }
  /// The SQL this DataFrame compiles to.
  std::string sql() const;
  /// Runs the plan and returns every row.
  Table to_table() const;
  /// Runs the plan and formats it as pandas prints a DataFrame.
  std::string to_string(int64_t max_rows = 60) const;

  const plan::NodePtr& plan() const { return plan_; }
  const std::shared_ptr<session::Context>& context() const { return ctx_; }

 private:
  std::shared_ptr<session::Context> ctx_;
  plan::NodePtr plan_;
};

/// A lazy column: an expression over a relation, with an optional name.
class Series {
 public:
  Series(std::shared_ptr<session::Context> ctx, plan::NodePtr relation, plan::ExprPtr expr,
         std::optional<std::string> name);

  const std::optional<std::string>& name() const { return name_; }
  DType dtype() const { return expr_->dtype(); }
  Series rename(std::optional<std::string> name) const;
  Series astype(DType dtype) const;
  Series isna() const;
  Series notna() const;
  Series abs() const;
  Series floordiv(const Series& other) const;
  Series floordiv(const Value& other) const;
  Series pow(const Series& other) const;
  Series pow(const Value& other) const;
  /// Elementwise `this op other`; the other side may be a Series or a scalar.
  Series binary(plan::BinaryOp op, const Series& other) const;
  Series binary(plan::BinaryOp op, const Value& other) const;
  /// Elementwise `other op this` (for a scalar on the left).
  Series reverse_binary(plan::BinaryOp op, const Value& other) const;
  Series unary(plan::UnaryOp op) const;
  /// The rows where `mask` is True.
  Series operator[](const Series& mask) const;
  Series head(int64_t n = 5) const;
  int64_t size() const;

  /// A one-column DataFrame (column "0" when the Series has no name).
  DataFrame to_frame() const;
  std::string sql() const { return to_frame().sql(); }
  Table to_table() const { return to_frame().to_table(); }
  std::string to_string(int64_t max_rows = 60) const { return to_frame().to_string(max_rows); }

  const plan::NodePtr& relation() const { return relation_; }
  const plan::ExprPtr& expr() const { return expr_; }

 private:
  std::shared_ptr<session::Context> ctx_;
  plan::NodePtr relation_;
  plan::ExprPtr expr_;
  std::optional<std::string> name_;
};

Series operator+(const Series& a, const Series& b);
Series operator-(const Series& a, const Series& b);
Series operator*(const Series& a, const Series& b);
Series operator/(const Series& a, const Series& b);
Series operator%(const Series& a, const Series& b);
Series operator==(const Series& a, const Series& b);
Series operator!=(const Series& a, const Series& b);
Series operator<(const Series& a, const Series& b);
Series operator<=(const Series& a, const Series& b);
Series operator>(const Series& a, const Series& b);
Series operator>=(const Series& a, const Series& b);
Series operator&(const Series& a, const Series& b);
Series operator|(const Series& a, const Series& b);
Series operator^(const Series& a, const Series& b);
Series operator+(const Series& a, const Value& b);
Series operator-(const Series& a, const Value& b);
Series operator*(const Series& a, const Value& b);
Series operator/(const Series& a, const Value& b);
Series operator%(const Series& a, const Value& b);
Series operator==(const Series& a, const Value& b);
Series operator!=(const Series& a, const Value& b);
Series operator<(const Series& a, const Value& b);
Series operator<=(const Series& a, const Value& b);
Series operator>(const Series& a, const Value& b);
Series operator>=(const Series& a, const Value& b);
Series operator&(const Series& a, const Value& b);
Series operator|(const Series& a, const Value& b);
Series operator+(const Value& a, const Series& b);
Series operator-(const Value& a, const Series& b);
Series operator*(const Value& a, const Series& b);
Series operator/(const Value& a, const Series& b);
Series operator-(const Series& a);
Series operator~(const Series& a);

std::ostream& operator<<(std::ostream& out, const DataFrame& df);
std::ostream& operator<<(std::ostream& out, const Series& s);

}  // namespace cormorant
