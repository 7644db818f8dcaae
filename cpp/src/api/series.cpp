// Series: elementwise operations, comparisons with constants, operators.
#include "cormorant/api/dataframe.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "cormorant/common/error.hpp"
#include "plan_helpers.hpp"

namespace cormorant {

using plan::BinaryOp;
using plan::ExprPtr;
using plan::NodePtr;
using api_detail::Aligned;
using api_detail::align_outer;
using api_detail::astype_expr;
using api_detail::check_same_session;
using api_detail::column_of;
using api_detail::materialize;
using api_detail::reversed;

// ---- Series --------------------------------------------------------------------------

Series::Series(std::shared_ptr<session::Context> ctx, NodePtr relation, std::vector<IndexLevel> index,
               bool default_index, ExprPtr expr, std::optional<Label> name)
    : ctx_(std::move(ctx)),
      relation_(std::move(relation)),
      index_(std::move(index)),
      default_index_(default_index),
      expr_(std::move(expr)),
      name_(name && name->is_none() ? std::nullopt : std::move(name)) {}

Series Series::rename(std::optional<Label> name) const {
  return Series(ctx_, relation_, index_, default_index_, expr_, std::move(name));
}

namespace {

/// Refuses operator `op` on a Series `name` of a storage-only dtype `dtype` (binary, list,
/// struct) unless it is == or != with an operand of the same dtype (`same`), naming the Series.
/// (Int8..UInt64 operands are plan::binary_result_type's to type or refuse.)
void check_storage_operand(BinaryOp op, const std::optional<Label>& name, const DType& dtype, bool same) {
  if (!is_storage_only(dtype) || dtype == DType::Integer) return;
  bool equality = (op == BinaryOp::Eq || op == BinaryOp::Ne) && same && dtype != DType::List && dtype != DType::Struct;
  if (!equality) {
    refuse_storage_only("the operator " + std::string(plan::op_symbol(op)) + " on", name ? name->to_string() : "", dtype);
  }
}

}  // namespace

Series Series::astype(DType dtype) const {
  if (dtype == expr_->dtype()) return *this;
  if (dtype == DType::Categorical || expr_->dtype() == DType::Categorical) return api_detail::categorical_astype(*this, dtype);
  if ((is_storage_only(dtype) || is_storage_only(expr_->dtype())) && !converts_integer(expr_->dtype(), dtype)) {
    refuse_storage_only("astype to " + dtype_name(dtype) + " of", name_ ? name_->to_string() : "", expr_->dtype());
  }
  NodePtr rel = relation_;
  ExprPtr cast = astype_expr(rel, expr_, dtype, name_ ? name_->to_string() : "");
  return Series(ctx_, rel, index_, default_index_, cast, name_);
}

Series Series::unary(plan::UnaryOp op) const {
  return Series(ctx_, relation_, index_, default_index_, std::make_shared<plan::UnaryExpr>(op, expr_), name_);
}

Series Series::positive() const {
  if (!is_numeric(expr_->dtype())) {
    throw DTypeError("bad operand type for unary +: '" + dtype_name(expr_->dtype()) + "'");
  }
  return *this;
}

Series Series::isna() const { return unary(plan::UnaryOp::IsNull); }
Series Series::notna() const { return unary(plan::UnaryOp::NotNull); }
Series Series::abs() const { return unary(plan::UnaryOp::Abs); }

namespace {

/// Runs `make`, naming the Series operands in a dtype error it raises, as the DataFrame
/// operators name their columns: "Series 'td' and 'g': ..." (`two`: a Series on each side).
template <typename F>
auto naming_operands(const std::optional<Label>& left, const std::optional<Label>& right, bool two, F&& make)
    -> decltype(make()) {
  try {
    return make();
  } catch (const DTypeError& e) {
    if (!left && !right) throw;
    auto name = [](const std::optional<Label>& n) { return n ? n->repr() : std::string("(unnamed)"); };
    throw DTypeError("Series " + name(left) + (two ? " and " + name(right) : "") + ": " + e.what());
  }
}

}  // namespace

Series Series::binary(BinaryOp op, const Series& other) const {
  if (dtype() == DType::Categorical || other.dtype() == DType::Categorical) {
    return api_detail::categorical_compare(*this, op, other);
  }
  check_storage_operand(op, name_, expr_->dtype(), expr_->dtype() == other.expr_->dtype());
  check_storage_operand(op, other.name_, other.expr_->dtype(), expr_->dtype() == other.expr_->dtype());
  naming_operands(name_, other.name_, true, [&] {
    return plan::binary_result_type(op, expr_->dtype(), other.expr_->dtype());  // dtype errors before any alignment work
  });
  check_same_session(ctx_, other.ctx_);
  Aligned a = align_outer(*this, other);
  bool comparison = op >= BinaryOp::Eq && op <= BinaryOp::Ge;
  if (comparison && api_detail::not_identically_labelled(ctx_, a)) {
    throw InvalidArgumentError("Can only compare identically-labeled Series objects");
  }
  std::optional<Label> name = name_ == other.name_ ? name_ : std::nullopt;
  return Series(ctx_, a.relation, a.index, a.default_index, plan::make_binary(op, a.left[0], a.right[0]), name);
}

namespace {

/// `column` compared with a constant (on the right, or on the left when `reversed`), as pandas
/// compares a date or timestamp column: with a value of its own kind (a date with a date
/// column; a naive Timestamp, datetime or datetime64 with a naive column; an aware one, in any
/// zone, with an aware column: the same instant), or with ISO text for timestamp columns (naive
/// text is a wall time in an aware column's zone). Anything else is pandas' "Invalid comparison":
/// == is False, != True, and the ordering operators raise. A NaN against a number or boolean
/// column is never equal nor ordered (<NA> rows stay <NA>).
ExprPtr compared(const ExprPtr& column, BinaryOp op, const Value& value, bool reversed) {
  auto make = [&](ExprPtr constant) {
    return reversed ? plan::make_binary(op, std::move(constant), column) : plan::make_binary(op, column, std::move(constant));
  };
  const DType& dtype = column->dtype();
  bool comparison = op >= BinaryOp::Eq && op <= BinaryOp::Ge;
  bool masked = is_integer(dtype) || dtype == DType::Float64 || dtype == DType::Boolean;
  if (comparison && masked && value.holds<double>() && std::isnan(value.get<double>())) {
    // pandas compares a NaN (and None) as NumPy does: never equal, never ordered; <NA> stays <NA>
    // (the engine orders NaN above every number, so x < NaN would be True)
    return std::make_shared<plan::ConditionalExpr>(std::make_shared<plan::UnaryExpr>(plan::UnaryOp::NotNull, column),
                                                   plan::make_literal(op == BinaryOp::Ne, DType::Boolean));
  }
  if (op <= BinaryOp::Pow && op != BinaryOp::TrueDiv && dtype == DType::Integer && value.holds<int64_t>()) {
    // pandas (NumPy 2) takes a Python int as of the column's dtype: UInt8 + 1 is UInt8, and an
    // int the dtype cannot hold is its OverflowError.
    int64_t v = value.get<int64_t>();
    bool fits = dtype.is_unsigned() ? v >= 0 && (dtype.bits() == 64 || v < (int64_t{1} << dtype.bits()))
                                    : v >= -(int64_t{1} << (dtype.bits() - 1)) && v < (int64_t{1} << (dtype.bits() - 1));
    if (!fits) {
      std::string numpy = dtype_name(dtype);
      for (auto& c : numpy) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      throw OverflowError("Python integer " + std::to_string(v) + " out of bounds for " + numpy);
    }
    return make(std::make_shared<plan::LiteralExpr>(value, dtype));
  }
  bool timedelta = dtype == DType::Timedelta;
  if (!comparison && value.is_na() && holds_nat(dtype)) {
    // pandas: None (or NaN) with datetimes and timedeltas is a TypeError; NaT, which the core
    // cannot tell from them, is refused too rather than guessed a datetime or a timedelta (the
    // Python Series operators compute with NaT as pandas does: series.missing_time_arithmetic).
    throw DTypeError("unsupported operand dtypes for " + std::string(plan::op_symbol(op)) + ": '" + dtype_name(dtype) +
                     "' and a missing value; give a pd.Timestamp or a pd.Timedelta");
  }
  if (!comparison || !(is_temporal(dtype) || timedelta) || value.is_na()) return make(plan::make_literal(value, dtype));
  std::string operand;
  if (timedelta && value.holds<std::string>()) {
    throw DTypeError("cannot compare a timedelta64[us] column with '" + value.get<std::string>() +
                     "': give a pd.Timedelta (e.g. pd.Timedelta('" + value.get<std::string>() + "'))");
  }
  if (value.holds<Moment>()) {
    const DType& m = value.get<Moment>().dtype;
    if (m.kind() == dtype.kind()) return make(std::make_shared<plan::LiteralExpr>(value, m));
    operand = m == DType::Date ? "date" : m == DType::Timedelta ? "Timedelta" : "Timestamp";
  } else if (value.holds<std::string>() && dtype != DType::Date) {
    const std::string& text = value.get<std::string>();
    if (!plan::scan_bound(dtype, value)) {
      throw DTypeError("cannot compare a " + dtype_name(dtype) + " column with '" + text +
                       "': write it as an ISO date or timestamp, e.g. '2026-01-31' or '2026-01-31 12:00:00'");
    }
    auto literal = plan::make_literal(value, DType::String);
    bool has_offset = text.size() > 10 && text.find_first_of("+-Z", 10) != std::string::npos;
    if (dtype == DType::Timestamp || has_offset || dtype.is_utc()) {
      return make(std::make_shared<plan::CastExpr>(literal, dtype));
    }
    // Naive text against an aware column: a wall time in the column's zone.
    auto wall = std::make_shared<plan::CastExpr>(literal, DType::Timestamp);
    return make(std::make_shared<plan::FunctionExpr>("dt_tz_localize", std::vector<ExprPtr>{wall},
                                                     std::vector<Value>{dtype.zone(), "raise", "raise"}));
  } else {
    operand = value.holds<std::string>() ? "str" : value.holds<bool>() ? "bool" : value.holds<int64_t>() ? "int" : "float";
  }
  if (op == BinaryOp::Eq || op == BinaryOp::Ne) return plan::make_literal(op == BinaryOp::Ne, DType::Boolean);
  throw DTypeError("Invalid comparison between dtype=" + dtype_name(dtype) + " and " + operand);
}

}  // namespace

Series Series::binary(BinaryOp op, const Value& other) const {
  if (dtype() == DType::Categorical) return api_detail::categorical_compare(*this, op, other, false);
  check_storage_operand(op, name_, expr_->dtype(), other.is_na());
  return Series(ctx_, relation_, index_, default_index_,
                naming_operands(name_, std::nullopt, false, [&] { return compared(expr_, op, other, false); }), name_);
}

Series Series::reverse_binary(BinaryOp op, const Value& other) const {
  if (dtype() == DType::Categorical) return api_detail::categorical_compare(*this, op, other, true);
  check_storage_operand(op, name_, expr_->dtype(), other.is_na());
  return Series(ctx_, relation_, index_, default_index_,
                naming_operands(name_, std::nullopt, false, [&] { return compared(expr_, op, other, true); }), name_);
}

Series Series::call(const std::string& function, const std::optional<Series>& other,
                    const std::vector<Value>& params) const {
  if (dtype() == DType::Categorical && function == "fillna" && !other && params.size() == 1) {
    return api_detail::categorical_fillna(*this, params[0]);
  }
  if (!other) {
    auto make = [&] {
      return Series(ctx_, relation_, index_, default_index_,
                    std::make_shared<plan::FunctionExpr>(function, std::vector<ExprPtr>{expr_}, params), name_);
    };
    // (a function refusing a storage-only dtype, say round of an Int8, names the Series)
    return is_storage_only(dtype()) ? naming_operands(name_, std::nullopt, false, make) : make();
  }
  check_same_session(ctx_, other->ctx_);
  Aligned a = align_outer(*this, *other);
  return Series(ctx_, a.relation, a.index, a.default_index,
                std::make_shared<plan::FunctionExpr>(function, std::vector<ExprPtr>{a.left[0], a.right[0]}, params), name_);
}

Series Series::operator[](const Series& mask) const {
  DataFrame filtered = to_frame()[mask];
  const Column& c = filtered.value_columns()[0];
  return Series(ctx_, filtered.plan(), filtered.index(), default_index_, column_of(filtered.plan(), c.id), name_);
}

Value Series::aggregate(AggFunc func, const ReduceOptions& options) const {
  return to_frame().aggregate(func, options)[0].second;
}

Scalar Series::reduction(AggFunc func) const {
  static const AggFunc lazy[] = {AggFunc::Sum,   AggFunc::Mean,   AggFunc::Min, AggFunc::Max,
                                 AggFunc::Count, AggFunc::Median, AggFunc::Std, AggFunc::Var};
  DType d = expr_->dtype();
  bool numbers = d == DType::Int64 || d == DType::Float64 || d == DType::Boolean;
  if (!numbers || std::find(std::begin(lazy), std::end(lazy), func) == std::end(lazy)) {
    throw NotImplementedError("a reduction not run yet takes sum, mean, min, max, count, median, std or var of an "
                              "Int64, Float64 or boolean Series, not this one (" + dtype_name(d) + ")");
  }
  plan::aggregate_type(func, d);  // throws for a dtype the reduction does not take
  // The aggregate's SQL gives pandas' values as they are (the sum of nothing is 0, NaN is
  // <NA>), as the eager reduction reads them.
  std::string id = plan::new_column_id();
  NodePtr one = std::make_shared<plan::AggregateNode>(
      relation_, std::vector<plan::Aggregation>{{id, func, expr_, nullptr, 0.5, name_ ? name_->to_string() : ""}});
  return Scalar(ctx_, std::make_shared<plan::ScalarExpr>(one, id));
}

Series Series::binary(BinaryOp op, const Scalar& other, bool reflected) const {
  check_same_session(ctx_, other.context());
  if (dtype() == DType::Categorical) {
    throw NotImplementedError("a categorical Series with a reduction not run yet; run it with value() first");
  }
  check_storage_operand(op, name_, expr_->dtype(), false);
  return Series(ctx_, relation_, index_, default_index_, naming_operands(name_, std::nullopt, false, [&] {
                  return reflected ? plan::make_binary(op, other.expr(), expr_) : plan::make_binary(op, expr_, other.expr());
                }),
                name_);
}

Value Scalar::value() const {
  // The expression over one row of nothing: its reductions are its subqueries.
  std::string row = plan::new_column_id();
  NodePtr one = std::make_shared<plan::ValuesNode>(Schema{{row, DType::Boolean}},
                                                   std::vector<std::vector<Value>>{{Value(true)}});
  auto [rel, ids] = plan::materialize(one, {expr_});
  return ctx_->execute(rel, {{ids[0]}, {"v"}}).at(0, 0);
}

Scalar Scalar::binary(BinaryOp op, const Value& other, bool reflected) const {
  ExprPtr constant = plan::make_literal(other, expr_->dtype());
  return Scalar(ctx_, reflected ? plan::make_binary(op, constant, expr_) : plan::make_binary(op, expr_, constant));
}

int64_t Series::size() const { return ctx_->count(relation_); }

DataFrame Series::to_frame() const {
  auto [rel, ids] = materialize(relation_, {expr_});
  return DataFrame(ctx_, rel, index_, {{name_.value_or(Label(0)), ids[0]}}, default_index_);
}

Series Series::cache() const {
  DataFrame cached = to_frame().cache();
  return cached[cached.value_columns().front().label].rename(name_);
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

}  // namespace cormorant
