#pragma once
/// Scalar expressions of a plan: immutable trees, typed when constructed so a user's mistake
/// (an unknown column, an operator between incompatible dtypes) surfaces where it was made.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/table.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant::plan {

class Expr;
/// Expressions are shared, never mutated.
using ExprPtr = std::shared_ptr<const Expr>;
class Node;
/// A relation (plan/node.hpp), which a MemberExpr tests values against.
using NodePtr = std::shared_ptr<const Node>;

/// Unary operators, with pandas semantics for nullable dtypes.
enum class UnaryOp { Negate, Not, Abs, IsNull, NotNull };

/// Binary operators, with pandas semantics for nullable dtypes (Kleene logic for And/Or).
enum class BinaryOp {
  Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow,
  Eq, Ne, Lt, Le, Gt, Ge,
  And, Or, Xor,
};

/// The pandas spelling of an operator ("+", "//", "&", ...), for messages.
std::string_view op_symbol(BinaryOp op);
/// The pandas spelling of a unary operator ("-", "~", "abs", ...), for messages.
std::string_view op_symbol(UnaryOp op);

/// What an Expr is; compile/ dispatches on it.
enum class ExprKind { Column, Literal, Unary, Binary, Cast, Conditional, Coalesce, Hash, Function, Member, Scalar };

/// The deepest expression cormorant builds: every pass over expressions (and the engine, whose
/// own limit is 1000 levels) stays well within its stack. Deeper chains (a loop of thousands
/// of `s = s + 1`) raise PlanTooDeepError where they are made.
inline constexpr int64_t kMaxExprDepth = 1000;
/// The most nodes an expression may have counted as a tree (a subexpression used twice counts
/// twice, as it does in the SQL): bounds chains that reuse a value, such as
/// `s = s.where(s > 0, 0)`, whose size doubles at each step.
inline constexpr int64_t kMaxExprSize = 100000;

/// A typed scalar expression over the columns of one relation.
class Expr {
 public:
  virtual ~Expr() = default;
  ExprKind kind() const { return kind_; }
  DType dtype() const { return dtype_; }
  /// Levels of nesting: 1 for a column or a literal.
  int64_t depth() const { return depth_; }
  /// Nodes counted as a tree (at most kMaxExprSize).
  int64_t size() const { return size_; }
  /// Whether a MemberExpr or a ScalarExpr (an expression holding a relation) is part of this
  /// expression.
  bool has_member() const { return has_member_; }

 protected:
  Expr(ExprKind kind, DType dtype) : kind_(kind), dtype_(dtype) {}
  /// Sets depth and size from the operands; throws PlanTooDeepError past kMaxExprDepth or
  /// kMaxExprSize. Every constructor with operands calls it.
  void measure(std::initializer_list<const Expr*> operands);
  void measure(const std::vector<ExprPtr>& operands);

 private:
  ExprKind kind_;
  DType dtype_;
  int64_t depth_ = 1;
  int64_t size_ = 1;

 protected:
  bool has_member_ = false;  ///< set by measure() and MemberExpr
};

/// A reference to a column of the input relation, by id.
class ColumnExpr final : public Expr {
 public:
  ColumnExpr(std::string id, DType dtype) : Expr(ExprKind::Column, dtype), id_(std::move(id)) {}
  const std::string& id() const { return id_; }

 private:
  std::string id_;
};

/// A constant. A <NA> constant takes the dtype it is given (its context's).
class LiteralExpr final : public Expr {
 public:
  LiteralExpr(Value value, DType dtype);
  const Value& value() const { return value_; }

 private:
  Value value_;
};

/// A unary operation.
class UnaryExpr final : public Expr {
 public:
  /// Throws DTypeError when `op` does not apply to the operand's dtype.
  UnaryExpr(UnaryOp op, ExprPtr operand);
  UnaryOp op() const { return op_; }
  const ExprPtr& operand() const { return operand_; }

 private:
  UnaryOp op_;
  ExprPtr operand_;
};

/// A binary operation.
class BinaryExpr final : public Expr {
 public:
  /// Throws DTypeError when `op` does not apply to the operands' dtypes.
  BinaryExpr(BinaryOp op, ExprPtr left, ExprPtr right);
  BinaryOp op() const { return op_; }
  const ExprPtr& left() const { return left_; }
  const ExprPtr& right() const { return right_; }

 private:
  BinaryOp op_;
  ExprPtr left_, right_;
};

/// A conversion to another dtype with pandas' astype rules (Float64 to Int64 truncates toward
/// zero, as pandas 3.1 does; NaN and infinities fail when run).
class CastExpr final : public Expr {
 public:
  /// Throws DTypeError when pandas cannot convert `operand`'s dtype to `to`. `label` names the
  /// user's column for the message of a value that fails to convert ("" when it has none).
  CastExpr(ExprPtr operand, DType to, std::string label = "");
  const ExprPtr& operand() const { return operand_; }
  const std::string& label() const { return label_; }

 private:
  ExprPtr operand_;
  std::string label_;
};

/// `then` where `condition` is True, else `otherwise` (or <NA> when it is null).
class ConditionalExpr final : public Expr {
 public:
  ConditionalExpr(ExprPtr condition, ExprPtr then, ExprPtr otherwise = nullptr);
  const ExprPtr& condition() const { return condition_; }
  const ExprPtr& then() const { return then_; }
  const ExprPtr& otherwise() const { return otherwise_; }

 private:
  ExprPtr condition_, then_, otherwise_;
};

/// The first non-missing of two expressions of one dtype.
class CoalesceExpr final : public Expr {
 public:
  CoalesceExpr(ExprPtr first, ExprPtr second);
  const ExprPtr& first() const { return first_; }
  const ExprPtr& second() const { return second_; }

 private:
  ExprPtr first_, second_;
};

/// A 64-bit hash of several values, as Int64; `seed` selects one of independent hash functions.
class HashExpr final : public Expr {
 public:
  HashExpr(std::vector<ExprPtr> args, int64_t seed);
  const std::vector<ExprPtr>& args() const { return args_; }
  int64_t seed() const { return seed_; }

 private:
  std::vector<ExprPtr> args_;
  int64_t seed_;
};

/// A call of a scalar function from the function registry (plan/function.hpp): string,
/// datetime and math functions. `params` are constant options (a pattern, a flag, a width).
class FunctionExpr final : public Expr {
 public:
  /// Throws NotImplementedError for an unknown function, DTypeError for bad argument dtypes.
  FunctionExpr(std::string name, std::vector<ExprPtr> args, std::vector<Value> params = {});
  const std::string& name() const { return name_; }
  const std::vector<ExprPtr>& args() const { return args_; }
  const std::vector<Value>& params() const { return params_; }

 private:
  std::string name_;
  std::vector<ExprPtr> args_;
  std::vector<Value> params_;
};

/// pandas' isin of another relation's column, as a semi-join in the same query: whether the
/// operand's value is among the present values of column `column` of `relation` (a plan of its
/// own, in any order; its duplicates do not matter). A missing operand is True exactly when
/// `na_matches` and the column holds a missing value. With `match_values` false no present
/// value matches (pandas compares the two dtypes as unequal), only the missing rule applies.
/// The result is boolean, never missing. The relation becomes an input of the node holding the
/// expression (Node::members), so passes over plans reach it.
class MemberExpr final : public Expr {
 public:
  /// Throws InternalError when `column` is not in `relation` or, with `match_values`, its
  /// dtype is not the operand's.
  MemberExpr(ExprPtr operand, NodePtr relation, std::string column, bool na_matches, bool match_values = true);
  const ExprPtr& operand() const { return operand_; }
  const NodePtr& relation() const { return relation_; }
  const std::string& column() const { return column_; }
  bool na_matches() const { return na_matches_; }
  bool match_values() const { return match_values_; }

 private:
  ExprPtr operand_;
  NodePtr relation_;
  std::string column_;
  bool na_matches_;
  bool match_values_;
};

/// The value of column `column` of `relation`, a relation of exactly one row (an aggregate
/// without group keys: a reduction), as a constant of the expression's own relation: how a
/// reduction feeds a filter or a computed column in the same query (a scalar subquery), where
/// an eager reduction is a query of its own that reads its sources again (TPC-H Q11's
/// threshold, Q15's maximum, Q22's mean). The relation becomes an input of the node holding
/// the expression (Node::members), as an isin's relation does, so passes over plans reach it.
class ScalarExpr final : public Expr {
 public:
  /// Throws InternalError unless `relation` is an aggregate without group keys holding `column`.
  ScalarExpr(NodePtr relation, std::string column);
  const NodePtr& relation() const { return relation_; }
  const std::string& column() const { return column_; }

 private:
  NodePtr relation_;
  std::string column_;
};

/// The dtype of `left op right` under pandas' rules; throws DTypeError when the operator
/// does not apply.
DType binary_result_type(BinaryOp op, DType left, DType right);

/// Builds `left op right`, where either side may be a scalar: a <NA> scalar takes the
/// other side's dtype.
ExprPtr make_binary(BinaryOp op, const ExprPtr& left, const ExprPtr& right);
/// `a op b op c ...` for an associative `op` (And, Or, Add, ...), nested as a balanced tree so
/// that combining one condition per column of a wide frame stays shallow; null when `terms`
/// is empty.
ExprPtr make_balanced(BinaryOp op, std::vector<ExprPtr> terms);
/// A literal for `value`; a <NA> takes `na_dtype`.
ExprPtr make_literal(const Value& value, DType na_dtype);
/// A reference to column `id` of dtype `dtype`.
ExprPtr make_column(const std::string& id, DType dtype);
/// Calls `fn` on every column reference of `expr` and rebuilds `expr` with what it returns.
ExprPtr replace_columns(const ExprPtr& expr, const std::function<ExprPtr(const ColumnExpr&)>& fn);
/// Maps a relation a MemberExpr tests against to the one to test against instead.
using RelationMap = std::function<NodePtr(const NodePtr&)>;
/// `expr` with every MemberExpr testing against `relation(its relation)` (`expr` itself when
/// it holds none): how a rewritten subplan of an isin reaches the node that tests it.
ExprPtr replace_relations(const ExprPtr& expr, const RelationMap& relation);
/// The operands of `e` (of a MemberExpr: the value tested, not its relation).
std::vector<const Expr*> children(const Expr& e);
/// Adds the ids of every column `expr` reads to `out` (of its own relation: not those a
/// MemberExpr reads from the relation it tests against).
void referenced_columns(const ExprPtr& expr, std::vector<std::string>& out);
/// Whether `expr` calls a function (FunctionExpr: string and date functions, UDFs): what
/// makes an expression costly, or volatile, to compute twice.
bool calls_function(const ExprPtr& expr);
/// The (relation, column) of every MemberExpr and ScalarExpr in `exprs`, each pair once, in
/// order of appearance.
std::vector<std::pair<NodePtr, std::string>> member_relations(const std::vector<ExprPtr>& exprs);

}  // namespace cormorant::plan
