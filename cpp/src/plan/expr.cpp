#include "cormorant/plan/expr.hpp"

#include <algorithm>
#include <optional>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/plan/node.hpp"

namespace cormorant::plan {

std::string_view op_symbol(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::TrueDiv: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::Eq: return "==";
    case BinaryOp::Ne: return "!=";
    case BinaryOp::Lt: return "<";
    case BinaryOp::Le: return "<=";
    case BinaryOp::Gt: return ">";
    case BinaryOp::Ge: return ">=";
    case BinaryOp::And: return "&";
    case BinaryOp::Or: return "|";
    case BinaryOp::Xor: return "^";
  }
  return "?";
}

std::string_view op_symbol(UnaryOp op) {
  switch (op) {
    case UnaryOp::Negate: return "-";
    case UnaryOp::Not: return "~";
    case UnaryOp::Abs: return "abs";
    case UnaryOp::IsNull: return "isna";
    case UnaryOp::NotNull: return "notna";
  }
  return "?";
}

namespace {

bool is_arithmetic(BinaryOp op) { return op <= BinaryOp::Pow; }
bool is_comparison(BinaryOp op) { return op >= BinaryOp::Eq && op <= BinaryOp::Ge; }

[[noreturn]] void unsupported(BinaryOp op, DType left, DType right, std::string_view hint) {
  throw DTypeError("unsupported operand dtypes for " + std::string(op_symbol(op)) + ": '" +
                   std::string(dtype_name(left)) + "' and '" + std::string(dtype_name(right)) +
                   "'" + (hint.empty() ? "" : "; " + std::string(hint)));
}

/// NumPy's promotion of two integer dtypes (Int64 or Integers), as pandas types arithmetic of
/// its nullable integers: the wider of one signedness; unsigned with signed is the signed one
/// when it is wider, else a signed one twice the unsigned width; UInt64 with any signed dtype
/// is Float64.
DType promote_integers(const DType& left, const DType& right) {
  if (left.is_unsigned() == right.is_unsigned()) return left.bits() >= right.bits() ? left : right;
  const DType& u = left.is_unsigned() ? left : right;
  const DType& i = left.is_unsigned() ? right : left;
  if (i.bits() > u.bits()) return i;
  if (u.bits() == 64) return DType::Float64;
  return DType::integer(2 * u.bits(), false);
}

/// pandas' dtype of arithmetic `op` with an Integer operand (nullopt when neither is one): with
/// an integer, NumPy's promotion (see promote_integers; / is Float64), with Float64 Float64.
/// compile/expr_sql.cpp wraps integer results around as NumPy; booleans are refused for now.
std::optional<DType> integer_arithmetic_type(BinaryOp op, const DType& left, const DType& right) {
  if (left != DType::Integer && right != DType::Integer) return std::nullopt;
  auto number = [](const DType& d) { return is_integer(d) || d == DType::Float64; };
  if (!number(left) || !number(right)) {
    unsupported(op, left, right, "an Int8..UInt64 operand takes integers and floats; convert the other with astype() first");
  }
  if (op == BinaryOp::TrueDiv || left == DType::Float64 || right == DType::Float64) return DType::Float64;
  return promote_integers(left, right);
}

/// Rank in the numeric promotion order boolean < Int64 < Float64.
int numeric_rank(DType d) { return d == DType::Boolean ? 0 : d == DType::Int64 ? 1 : 2; }

}  // namespace

namespace {

/// The dtype of arithmetic with a timestamp or a timedelta operand, as pandas types it (nullopt
/// when neither operand is one): timestamp - timestamp (naive with naive, aware with aware in
/// any zones) is a timedelta; timestamp +- timedelta keeps the timestamp's dtype; timedeltas
/// add, subtract, divide (a float), floor-divide (an integer: pandas' int64, float64 only to
/// hold NaT's NaN) and take the modulo of each other;
/// a timedelta times, divided or floor-divided by a number is a timedelta.
std::optional<DType> time_arithmetic_type(BinaryOp op, DType left, DType right) {
  bool lt = left == DType::Timedelta, rt = right == DType::Timedelta;
  bool ls = left == DType::Timestamp || left == DType::TimestampTz;
  bool rs = right == DType::Timestamp || right == DType::TimestampTz;
  if (!lt && !rt && !(ls && rs)) return std::nullopt;
  auto number = [](DType d) { return d == DType::Int64 || d == DType::Float64; };
  switch (op) {
    case BinaryOp::Add:
      if (lt && rt) return DType::Timedelta;
      if (ls && rt) return left;
      if (lt && rs) return right;
      break;
    case BinaryOp::Sub:
      if (lt && rt) return DType::Timedelta;
      if (ls && rt) return left;
      if (ls && rs && left.kind() == right.kind()) return DType::Timedelta;
      break;
    case BinaryOp::Mul:
      if ((lt && number(right)) || (number(left) && rt)) return DType::Timedelta;
      break;
    case BinaryOp::TrueDiv:
    case BinaryOp::FloorDiv:
      if (lt && rt) return op == BinaryOp::FloorDiv ? DType::Int64 : DType::Float64;
      if (lt && number(right)) return DType::Timedelta;
      break;
    case BinaryOp::Mod:
      if (lt && rt) return DType::Timedelta;
      break;
    default: break;
  }
  unsupported(op, left, right,
              ls && rs && left.kind() != right.kind() ? "both timestamps must be naive, or both time-zone-aware"
                                                      : "timestamps and timedeltas add and subtract timedeltas; "
                                                        "timedeltas multiply and divide by numbers");
}

/// pandas' result of `op` with a decimal128(38, 9) operand: a comparison with a decimal or an
/// integer is boolean (exact in the engine: a BIGINT fits DECIMAL(38,9)). pandas' own + - * /
/// // with decimals or integers fail (pyarrow's result would need more than 38 digits), and
/// with floats it computes and compares in doubles into double[pyarrow]: all refused.
DType decimal_result_type(BinaryOp op, DType left, DType right) {
  DType other = left == DType::Decimal ? right : left;
  bool exact = other == DType::Decimal || other == DType::Int64;
  if (is_comparison(op) && exact) return DType::Boolean;
  if (is_arithmetic(op) && exact) {
    unsupported(op, left, right, "pandas cannot compute it either: pyarrow's decimal128 result needs more than 38 digits");
  }
  unsupported(op, left, right,
              other == DType::Float64 ? "pandas computes decimals with floats as doubles (double[pyarrow], a dtype "
                                        "cormorant does not hold); compare with a decimal.Decimal or an int"
                                      : "decimals compare with decimals and integers");
}

}  // namespace

DType binary_result_type(BinaryOp op, DType left, DType right) {
  if (left == DType::Categorical || right == DType::Categorical) {
    // The engine's values are codes: categorical comparisons go through api/categorical.cpp.
    unsupported(op, left, right, "compare a categorical Series itself, or convert it with astype() first");
  }
  if (left == DType::Decimal || right == DType::Decimal) return decimal_result_type(op, left, right);
  if (is_comparison(op) && compares_integer(left, right)) return DType::Boolean;  // exact, as NumPy compares
  if (is_arithmetic(op)) {
    if (auto t = integer_arithmetic_type(op, left, right)) return *t;
    if (auto t = time_arithmetic_type(op, left, right)) return *t;
    if (left == DType::String && right == DType::String && op == BinaryOp::Add) return DType::String;
    if (op == BinaryOp::Mul && ((left == DType::String && right == DType::Int64) ||
                                (left == DType::Int64 && right == DType::String))) {
      return DType::String;  // pandas repeats strings
    }
    if (!is_numeric(left) || !is_numeric(right)) {
      unsupported(op, left, right, "convert the operands with astype() first");
    }
    if (left == DType::Boolean && right == DType::Boolean) {
      unsupported(op, left, right, "convert to 'Int64' with astype() to do arithmetic on booleans");
    }
    if (op == BinaryOp::TrueDiv) return DType::Float64;
    return numeric_rank(left) >= numeric_rank(right) ? left : right;
  }
  if (is_storage_only(left) || is_storage_only(right)) {
    // Bytes compare for equality with their own kind; the rest is not there yet.
    bool equality = (op == BinaryOp::Eq || op == BinaryOp::Ne) && left == right && left != DType::List &&
                    left != DType::Struct;
    if (!equality) {
      refuse_storage_only("the operator " + std::string(op_symbol(op)) + " on", "",
                          is_storage_only(left) ? left : right);
    }
    return DType::Boolean;
  }
  if (is_comparison(op)) {
    // Aware timestamps compare as instants whatever their zones; aware with naive does not
    // compare (pandas' "Invalid comparison").
    bool ok = (is_numeric(left) && is_numeric(right)) || left.kind() == right.kind();
    if (!ok) unsupported(op, left, right, "compare values of the same kind, or convert with astype()");
    return DType::Boolean;
  }
  // And, Or, Xor: Kleene logic on booleans, bitwise on integers (as pandas).
  if (left == DType::Int64 && right == DType::Int64) return DType::Int64;
  if (left != DType::Boolean || right != DType::Boolean) {
    unsupported(op, left, right, "logical operators take boolean operands (build them with comparisons)");
  }
  return DType::Boolean;
}

namespace {

/// Throws PlanTooDeepError when an expression of this depth and size is past the limits.
void check_limits(int64_t depth, int64_t size) {
  std::string what;
  if (depth > kMaxExprDepth) what = "nested more than " + std::to_string(kMaxExprDepth) + " levels deep";
  if (size > kMaxExprSize) {
    what = "larger than " + std::to_string(kMaxExprSize) + " operations once its repeated parts are written out";
  }
  if (what.empty()) return;
  throw PlanTooDeepError("this expression is " + what +
                         ": it was built by a long chain of operations; compute part of it first with .cache() "
                         "(for example every few hundred steps of a loop) and continue from the result");
}

}  // namespace

void Expr::measure(std::initializer_list<const Expr*> operands) {
  int64_t depth = 0, size = 1;
  for (const Expr* e : operands) {
    if (!e) continue;
    depth = std::max(depth, e->depth_);
    size += e->size_;
    has_member_ = has_member_ || e->has_member_;
  }
  check_limits(depth + 1, size);
  depth_ = depth + 1;
  size_ = size;
}

void Expr::measure(const std::vector<ExprPtr>& operands) {
  int64_t depth = 0, size = 1;
  for (const auto& e : operands) {
    depth = std::max(depth, e->depth_);
    size = std::min(size + e->size_, kMaxExprSize + 1);  // sizes are capped: no overflow
    has_member_ = has_member_ || e->has_member_;
  }
  check_limits(depth + 1, size);
  depth_ = depth + 1;
  size_ = size;
}

LiteralExpr::LiteralExpr(Value value, DType dtype) : Expr(ExprKind::Literal, dtype), value_(std::move(value)) {
  CORMORANT_CHECK(value_.is_na() || value_.dtype().kind() == dtype.kind() || (is_numeric(dtype) && is_numeric(value_.dtype())) ||
                      (dtype == DType::Integer && value_.holds<int64_t>()),
                  "literal dtype mismatch");
}

namespace {

DType unary_result_type(UnaryOp op, DType operand) {
  switch (op) {
    case UnaryOp::IsNull:
    case UnaryOp::NotNull: return DType::Boolean;
    case UnaryOp::Not:  // logical on booleans, bitwise on integers
      if (operand == DType::Boolean || operand == DType::Int64) return operand;
      break;
    case UnaryOp::Negate:  // pandas negates booleans logically
    case UnaryOp::Abs:     // and leaves them unchanged under abs (Integers wrap around: -UInt8 1 is 255)
      if (is_numeric(operand) || operand == DType::Timedelta || operand == DType::Decimal || operand == DType::Integer) {
        return operand;
      }
      break;
  }
  throw DTypeError("bad operand dtype for unary " + std::string(op_symbol(op)) + ": '" +
                   std::string(dtype_name(operand)) + "'");
}

}  // namespace

UnaryExpr::UnaryExpr(UnaryOp op, ExprPtr operand)
    : Expr(ExprKind::Unary, unary_result_type(op, operand->dtype())), op_(op), operand_(std::move(operand)) {
  measure({operand_.get()});
}

BinaryExpr::BinaryExpr(BinaryOp op, ExprPtr left, ExprPtr right)
    : Expr(ExprKind::Binary, binary_result_type(op, left->dtype(), right->dtype())),
      op_(op),
      left_(std::move(left)),
      right_(std::move(right)) {
  measure({left_.get(), right_.get()});
}

namespace {

/// `to`, when a value of dtype `from` may be cast to it; `label`: the column, for errors.
DType checked_cast_type(DType from, DType to, const std::string& label) {
  if ((from == DType::Categorical || to == DType::Categorical) && from != to) {
    throw DTypeError("cannot cast between category and " + dtype_name(from == DType::Categorical ? to : from) +
                     " in an expression; use Series.astype");
  }
  if ((is_storage_only(from) || is_storage_only(to)) && from != to && !converts_integer(from, to)) {
    refuse_storage_only("astype to " + dtype_name(to) + " of", "", is_storage_only(from) ? from : to);
  }
  // Decimals to Float64, text and Int64 (whole values; the query fails at others) and from
  // Int64, exactly as pandas converts them; the rest pandas refuses (booleans) or computes in
  // ways the engine does not (floats: their binary value rounded half to even; text).
  bool decimal_cast = (from == DType::Decimal && (to == DType::Float64 || to == DType::String || to == DType::Int64)) ||
                      (from == DType::Int64 && to == DType::Decimal);
  if ((from == DType::Decimal || to == DType::Decimal) && from != to && !decimal_cast) {
    throw DTypeError("astype to " + dtype_name(to) + (label.empty() ? std::string() : " of column '" + label + "'") +
                     " of dtype " + dtype_name(from) +
                     " is not supported yet: decimal128(38, 9) converts to Float64, string and Int64 and from Int64 only");
  }
  if (decimal_cast) return to;
  // A timedelta and Int64 are the same microseconds (pandas: astype("int64") of timedelta64[us],
  // astype("timedelta64[us]") of integers); to and from text is not there yet.
  bool timedelta = from == DType::Timedelta || to == DType::Timedelta;
  bool ok = from == to || converts_integer(from, to) || (timedelta ? from == DType::Int64 || to == DType::Int64
                                     : from == DType::String || to == DType::String ||
                                           (is_numeric(from) && is_numeric(to)) || (is_temporal(from) && is_temporal(to)));
  if (!ok) {
    throw DTypeError("cannot convert dtype '" + std::string(dtype_name(from)) + "' to '" +
                     std::string(dtype_name(to)) + "'");
  }
  return to;
}

}  // namespace

CastExpr::CastExpr(ExprPtr operand, DType to, std::string label)
    : Expr(ExprKind::Cast, checked_cast_type(operand->dtype(), to, label)), operand_(std::move(operand)), label_(std::move(label)) {
  measure({operand_.get()});
}

ExprPtr make_literal(const Value& value, DType na_dtype) {
  return std::make_shared<LiteralExpr>(value, value.is_na() ? na_dtype : value.dtype());
}

ConditionalExpr::ConditionalExpr(ExprPtr condition, ExprPtr then, ExprPtr otherwise)
    : Expr(ExprKind::Conditional, then->dtype()),
      condition_(std::move(condition)),
      then_(std::move(then)),
      otherwise_(std::move(otherwise)) {
  CORMORANT_CHECK(condition_->dtype() == DType::Boolean, "condition must be boolean");
  CORMORANT_CHECK(!otherwise_ || otherwise_->dtype() == then_->dtype(), "branches must share a dtype");
  measure({condition_.get(), then_.get(), otherwise_.get()});
}

CoalesceExpr::CoalesceExpr(ExprPtr first, ExprPtr second)
    : Expr(ExprKind::Coalesce, first->dtype()), first_(std::move(first)), second_(std::move(second)) {
  CORMORANT_CHECK(first_->dtype() == second_->dtype(), "coalesce needs one dtype");
  measure({first_.get(), second_.get()});
}

HashExpr::HashExpr(std::vector<ExprPtr> args, int64_t seed)
    : Expr(ExprKind::Hash, DType::Int64), args_(std::move(args)), seed_(seed) {
  measure(args_);
}

MemberExpr::MemberExpr(ExprPtr operand, NodePtr relation, std::string column, bool na_matches, bool match_values)
    : Expr(ExprKind::Member, DType::Boolean),
      operand_(std::move(operand)),
      relation_(std::move(relation)),
      column_(std::move(column)),
      na_matches_(na_matches),
      match_values_(match_values) {
  CORMORANT_CHECK(relation_ && relation_->has_column(column_), "isin: the values' column is not in their relation");
  CORMORANT_CHECK(!match_values_ || relation_->dtype_of(column_) == operand_->dtype(), "isin: values of another dtype");
  measure({operand_.get()});
  has_member_ = true;
}

ScalarExpr::ScalarExpr(NodePtr relation, std::string column)
    : Expr(ExprKind::Scalar, relation && relation->has_column(column) ? relation->dtype_of(column) : DType(DType::Int64)),
      relation_(std::move(relation)),
      column_(std::move(column)) {
  CORMORANT_CHECK(relation_ && relation_->has_column(column_), "scalar: the column is not in its relation");
  CORMORANT_CHECK(relation_->kind() == NodeKind::Aggregate &&
                      static_cast<const AggregateNode&>(*relation_).group_keys().empty(),
                  "scalar: its relation must be a reduction to one row");
  has_member_ = true;
}

namespace {

DType function_type(const std::string& name, const std::vector<ExprPtr>& args, const std::vector<Value>& params) {
  std::vector<DType> dtypes;
  for (const auto& a : args) dtypes.push_back(a->dtype());
  return find_function(name).result_type(dtypes, params);
}

}  // namespace

FunctionExpr::FunctionExpr(std::string name, std::vector<ExprPtr> args, std::vector<Value> params)
    : Expr(ExprKind::Function, function_type(name, args, params)),
      name_(std::move(name)),
      args_(std::move(args)),
      params_(std::move(params)) {
  measure(args_);
}

ExprPtr make_column(const std::string& id, DType dtype) { return std::make_shared<ColumnExpr>(id, dtype); }

namespace {

/// `expr` rebuilt with `fn` of each column reference and `relation` of each MemberExpr's relation.
ExprPtr rebuild(const ExprPtr& expr, const std::function<ExprPtr(const ColumnExpr&)>& fn, const RelationMap& relation) {
  switch (expr->kind()) {
    case ExprKind::Column: return fn(static_cast<const ColumnExpr&>(*expr));
    case ExprKind::Literal: return expr;
    case ExprKind::Unary: {
      const auto& u = static_cast<const UnaryExpr&>(*expr);
      return std::make_shared<UnaryExpr>(u.op(), rebuild(u.operand(), fn, relation));
    }
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(*expr);
      return std::make_shared<BinaryExpr>(b.op(), rebuild(b.left(), fn, relation), rebuild(b.right(), fn, relation));
    }
    case ExprKind::Cast: {
      const auto& c = static_cast<const CastExpr&>(*expr);
      return std::make_shared<CastExpr>(rebuild(c.operand(), fn, relation), c.dtype(), c.label());
    }
    case ExprKind::Conditional: {
      const auto& c = static_cast<const ConditionalExpr&>(*expr);
      return std::make_shared<ConditionalExpr>(rebuild(c.condition(), fn, relation), rebuild(c.then(), fn, relation),
                                               c.otherwise() ? rebuild(c.otherwise(), fn, relation) : nullptr);
    }
    case ExprKind::Coalesce: {
      const auto& c = static_cast<const CoalesceExpr&>(*expr);
      return std::make_shared<CoalesceExpr>(rebuild(c.first(), fn, relation), rebuild(c.second(), fn, relation));
    }
    case ExprKind::Hash: {
      const auto& h = static_cast<const HashExpr&>(*expr);
      std::vector<ExprPtr> args;
      for (const auto& a : h.args()) args.push_back(rebuild(a, fn, relation));
      return std::make_shared<HashExpr>(std::move(args), h.seed());
    }
    case ExprKind::Function: {
      const auto& f = static_cast<const FunctionExpr&>(*expr);
      std::vector<ExprPtr> args;
      for (const auto& a : f.args()) args.push_back(rebuild(a, fn, relation));
      return std::make_shared<FunctionExpr>(f.name(), std::move(args), f.params());
    }
    case ExprKind::Member: {
      const auto& m = static_cast<const MemberExpr&>(*expr);
      return std::make_shared<MemberExpr>(rebuild(m.operand(), fn, relation), relation(m.relation()), m.column(), m.na_matches(),
                                          m.match_values());
    }
    case ExprKind::Scalar: {
      const auto& s = static_cast<const ScalarExpr&>(*expr);
      return std::make_shared<ScalarExpr>(relation(s.relation()), s.column());
    }
  }
  throw InternalError("internal error: unknown expression kind");
}

}  // namespace

ExprPtr replace_columns(const ExprPtr& expr, const std::function<ExprPtr(const ColumnExpr&)>& fn) {
  return rebuild(expr, fn, [](const NodePtr& n) { return n; });
}

ExprPtr replace_relations(const ExprPtr& expr, const RelationMap& relation) {
  if (!expr->has_member()) return expr;
  return rebuild(expr, [](const ColumnExpr& c) { return make_column(c.id(), c.dtype()); }, relation);
}

std::vector<const Expr*> children(const Expr& e) {
  switch (e.kind()) {
    case ExprKind::Column:
    case ExprKind::Literal:
    case ExprKind::Scalar: return {};
    case ExprKind::Unary: return {static_cast<const UnaryExpr&>(e).operand().get()};
    case ExprKind::Binary: {
      const auto& b = static_cast<const BinaryExpr&>(e);
      return {b.left().get(), b.right().get()};
    }
    case ExprKind::Cast: return {static_cast<const CastExpr&>(e).operand().get()};
    case ExprKind::Conditional: {
      const auto& c = static_cast<const ConditionalExpr&>(e);
      if (c.otherwise()) return {c.condition().get(), c.then().get(), c.otherwise().get()};
      return {c.condition().get(), c.then().get()};
    }
    case ExprKind::Coalesce: {
      const auto& c = static_cast<const CoalesceExpr&>(e);
      return {c.first().get(), c.second().get()};
    }
    case ExprKind::Hash: {
      std::vector<const Expr*> out;
      for (const auto& a : static_cast<const HashExpr&>(e).args()) out.push_back(a.get());
      return out;
    }
    case ExprKind::Function: {
      std::vector<const Expr*> out;
      for (const auto& a : static_cast<const FunctionExpr&>(e).args()) out.push_back(a.get());
      return out;
    }
    case ExprKind::Member: return {static_cast<const MemberExpr&>(e).operand().get()};
  }
  return {};
}

void referenced_columns(const ExprPtr& expr, std::vector<std::string>& out) {
  std::vector<const Expr*> stack{expr.get()};
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (e->kind() == ExprKind::Column) out.push_back(static_cast<const ColumnExpr*>(e)->id());
    for (const Expr* c : children(*e)) stack.push_back(c);
  }
}

bool calls_function(const ExprPtr& expr) {
  std::vector<const Expr*> stack{expr.get()};
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (e->kind() == ExprKind::Function) return true;
    for (const Expr* c : children(*e)) stack.push_back(c);
  }
  return false;
}

std::vector<std::pair<NodePtr, std::string>> member_relations(const std::vector<ExprPtr>& exprs) {
  std::vector<std::pair<NodePtr, std::string>> out;
  std::vector<const Expr*> stack;
  for (auto it = exprs.rbegin(); it != exprs.rend(); ++it) {
    if (*it) stack.push_back(it->get());
  }
  while (!stack.empty()) {
    const Expr* e = stack.back();
    stack.pop_back();
    if (!e->has_member()) continue;  // most expressions: nothing to walk
    if (e->kind() == ExprKind::Member) {
      const auto& m = static_cast<const MemberExpr&>(*e);
      std::pair<NodePtr, std::string> member{m.relation(), m.column()};
      if (std::find(out.begin(), out.end(), member) == out.end()) out.push_back(std::move(member));
    } else if (e->kind() == ExprKind::Scalar) {
      const auto& s = static_cast<const ScalarExpr&>(*e);
      std::pair<NodePtr, std::string> member{s.relation(), s.column()};
      if (std::find(out.begin(), out.end(), member) == out.end()) out.push_back(std::move(member));
    }
    auto kids = children(*e);
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

ExprPtr make_binary(BinaryOp op, const ExprPtr& left, const ExprPtr& right) {
  return std::make_shared<BinaryExpr>(op, left, right);
}

ExprPtr make_balanced(BinaryOp op, std::vector<ExprPtr> terms) {
  if (terms.empty()) return nullptr;
  while (terms.size() > 1) {  // pair neighbours, level by level: order is kept
    std::vector<ExprPtr> next;
    for (size_t i = 0; i + 1 < terms.size(); i += 2) next.push_back(make_binary(op, terms[i], terms[i + 1]));
    if (terms.size() % 2) next.push_back(terms.back());
    terms = std::move(next);
  }
  return terms.front();
}

}  // namespace cormorant::plan
