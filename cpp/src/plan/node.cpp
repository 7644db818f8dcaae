#include "cormorant/plan/node.hpp"

#include <algorithm>
#include <atomic>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/window.hpp"

namespace cormorant::plan {

std::string new_column_id() {
  static std::atomic<uint64_t> next{1};
  return "c" + std::to_string(next++);
}

Node::Node(NodeKind kind, Schema schema, Ordering ordering, std::vector<NodePtr> inputs, const std::vector<ExprPtr>& exprs)
    : kind_(kind), schema_(std::move(schema)), ordering_(std::move(ordering)), inputs_(std::move(inputs)) {
  for (auto& [relation, column] : member_relations(exprs)) {
    inputs_.push_back(std::move(relation));
    members_.push_back(std::move(column));
  }
  depth_ = depth_over(inputs_);
}

int64_t Node::depth_over(const std::vector<NodePtr>& inputs) {
  int64_t depth = 0;
  for (const auto& in : inputs) depth = std::max(depth, in->depth());
  if (depth + 1 > kMaxPlanDepth) {
    throw PlanTooDeepError("this result would take more than " + std::to_string(kMaxPlanDepth) +
                           " operations chained one after another, more than cormorant can compile into one "
                           "query; compute an intermediate result first with .cache() (for example every few "
                           "hundred steps of a loop) and continue from it");
  }
  return depth + 1;
}

DType Node::dtype_of(const std::string& id) const {
  for (const auto& f : schema_) {
    if (f.name == id) return f.dtype;
  }
  throw InternalError("internal error: no column " + id + " in plan node");
}

bool Node::has_column(const std::string& id) const {
  for (const auto& f : schema_) {
    if (f.name == id) return true;
  }
  return false;
}

namespace {

Schema fields_of(const std::vector<SourceColumn>& columns) {
  Schema schema;
  for (const auto& c : columns) schema.push_back({c.id, c.dtype});
  return schema;
}

Schema appended(Schema schema, const std::vector<Field>& more) {
  std::set<std::string> seen;
  for (const auto& f : schema) seen.insert(f.name);
  for (const auto& f : more) {
    CORMORANT_CHECK(seen.insert(f.name).second, "duplicate column id " + f.name);
    schema.push_back(f);
  }
  return schema;
}

Ordering unordered() { return Ordering{}; }

}  // namespace

TableScanNode::TableScanNode(std::string table_name, std::vector<SourceColumn> columns, std::string rowid_column)
    : Node(NodeKind::TableScan, appended(fields_of(columns), {{rowid_column, DType::Int64}}),
           Ordering{{{rowid_column}}, true}, {}),
      table_name_(std::move(table_name)),
      columns_(std::move(columns)),
      rowid_column_(std::move(rowid_column)) {}

TableScanNode::TableScanNode(std::string table_name, std::vector<SourceColumn> columns, std::string rowid_column,
                             Ordering ordering, std::vector<std::string> never_null)
    : Node(NodeKind::TableScan, appended(fields_of(columns), {{rowid_column, DType::Int64}}), std::move(ordering), {}),
      table_name_(std::move(table_name)),
      columns_(std::move(columns)),
      rowid_column_(std::move(rowid_column)),
      never_null_(std::move(never_null)) {}

ReadParquetNode::ReadParquetNode(std::string path, std::vector<SourceColumn> columns, std::vector<ParquetFile> files,
                                 std::string position_column, std::string table)
    : Node(NodeKind::ReadParquet, appended(fields_of(columns), {{position_column, DType::Int64}}),
           Ordering{{{position_column}}, true}, {}),
      path_(std::move(path)),
      columns_(std::move(columns)),
      files_(std::move(files)),
      position_column_(std::move(position_column)),
      table_(std::move(table)) {}

SqlQueryNode::SqlQueryNode(std::string sql, std::vector<SourceColumn> columns)
    : Node(NodeKind::SqlQuery, fields_of(columns), unordered(), {}), sql_(std::move(sql)), columns_(std::move(columns)) {}

ValuesNode::ValuesNode(Schema schema, std::vector<std::vector<Value>> rows)
    : Node(NodeKind::Values, std::move(schema), unordered(), {}), rows_(std::move(rows)) {
  CORMORANT_CHECK(!rows_.empty(), "VALUES needs a row");
  for (const auto& r : rows_) CORMORANT_CHECK(r.size() == this->schema().size(), "VALUES row width");
}

namespace {

std::vector<ExprPtr> expressions_of(const std::vector<NamedExpr>& exprs) {
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) out.push_back(e.expr);
  return out;
}

Schema project_schema(const Node& input, const std::vector<NamedExpr>& exprs) {
  std::vector<Field> more;
  for (const auto& e : exprs) more.push_back({e.id, e.expr->dtype()});
  return appended(input.schema(), more);
}

}  // namespace

namespace {

/// `ordering` where `exprs` compute over its rows: no longer physical when one tests membership
/// in another relation (isin of a Series: a semi-join, which the engine may run in any order).
Ordering kept_by(Ordering ordering, const std::vector<ExprPtr>& exprs) {
  for (const auto& e : exprs) {
    if (e->has_member()) ordering.physical = false;
  }
  return ordering;
}

}  // namespace

ProjectNode::ProjectNode(NodePtr input, std::vector<NamedExpr> exprs)
    : Node(NodeKind::Project, project_schema(*input, exprs), kept_by(input->ordering(), expressions_of(exprs)), {input},
           expressions_of(exprs)),
      exprs_(std::move(exprs)) {}

namespace {

Schema selected(const Node& input, const std::vector<std::string>& ids) {
  Schema out;
  for (const auto& id : ids) out.push_back({id, input.dtype_of(id)});
  return out;
}

}  // namespace

namespace {

/// The input's ordering when the selection keeps its keys, else none.
Ordering kept_ordering(const Node& input, const std::vector<std::string>& ids) {
  for (const auto& k : input.ordering().keys) {
    if (std::find(ids.begin(), ids.end(), k.column) == ids.end()) return Ordering{};
  }
  return input.ordering();
}

}  // namespace

SelectNode::SelectNode(NodePtr input, std::vector<std::string> ids, bool keep_order)
    : Node(NodeKind::Select, selected(*input, ids), keep_order ? kept_ordering(*input, ids) : Ordering{}, {input}) {}

FilterNode::FilterNode(NodePtr input, ExprPtr predicate)
    : Node(NodeKind::Filter, input->schema(), kept_by(input->ordering(), {predicate}), {input}, {predicate}),
      predicate_(std::move(predicate)) {
  if (predicate_->dtype() != DType::Boolean) {
    throw DTypeError("a row filter needs a boolean mask, got dtype '" +
                     std::string(dtype_name(predicate_->dtype())) + "'; build one with a comparison");
  }
}

LimitNode::LimitNode(NodePtr input, int64_t limit, int64_t offset)
    : Node(NodeKind::Limit, input->schema(), input->ordering(), {input}), limit_(limit), offset_(offset) {
  CORMORANT_CHECK(limit >= 0 && offset >= 0, "negative limit or offset");
}

OrderByNode::OrderByNode(NodePtr input, std::vector<OrderingKey> keys)
    : Node(NodeKind::OrderBy, input->schema(), Ordering{std::move(keys), false}, {input}) {
  for (const auto& k : ordering().keys) {
    CORMORANT_CHECK(inputs()[0]->has_column(k.column), "ordering key not in input");
    DType d = inputs()[0]->dtype_of(k.column);
    // (bytes sort as Python's bytes do: the engine's BLOB order is their bytes' order)
    if (is_storage_only(d) && d != DType::Integer && d != DType::Binary) refuse_storage_only("sorting by", "", d);
  }
}

namespace {

/// A window reorders rows in the engine: the ordering survives, but no longer physically.
Ordering logical(Ordering o) {
  o.physical = false;
  return o;
}

}  // namespace

RowNumberNode::RowNumberNode(NodePtr input, std::string id, std::vector<std::string> partition)
    : Node(NodeKind::RowNumber, appended(input->schema(), {{id, DType::Int64}}), logical(input->ordering()), {input}),
      id_(std::move(id)),
      partition_(std::move(partition)) {
  CORMORANT_CHECK(!inputs()[0]->ordering().empty() || !partition_.empty(), "row numbers need an ordered input");
  for (const auto& p : partition_) {
    DType d = inputs()[0]->dtype_of(p);
    if (is_storage_only(d) && d != DType::Integer && d != DType::Binary) {
      refuse_storage_only("grouping or finding duplicates by", "", d);
    }
  }
}

JoinNode::JoinNode(NodePtr left, NodePtr right, JoinType type, std::vector<std::pair<std::string, std::string>> keys)
    : Node(NodeKind::Join, appended(left->schema(), right->schema()), unordered(), {left, right}),
      type_(type),
      keys_(std::move(keys)) {
  for (const auto& [l, r] : keys_) {
    CORMORANT_CHECK(inputs()[0]->has_column(l) && inputs()[1]->has_column(r), "join key not in input");
    for (DType d : {inputs()[0]->dtype_of(l), inputs()[1]->dtype_of(r)}) {
      if (is_storage_only(d) && d != DType::Integer) refuse_storage_only("joining (merge, alignment) on", "", d);
    }
  }
}

namespace {

Schema union_schema(const std::vector<std::string>& ids, const std::vector<std::vector<ExprPtr>>& branches) {
  CORMORANT_CHECK(!branches.empty(), "a union needs inputs");
  Schema schema;
  for (size_t j = 0; j < ids.size(); ++j) {
    DType dtype = branches[0][j]->dtype();
    for (const auto& b : branches) {
      CORMORANT_CHECK(b.size() == ids.size() && b[j]->dtype() == dtype, "union branches must agree");
    }
    schema.push_back({ids[j], dtype});
  }
  return schema;
}

std::vector<ExprPtr> branch_expressions(const std::vector<std::vector<ExprPtr>>& branches) {
  std::vector<ExprPtr> out;
  for (const auto& b : branches) out.insert(out.end(), b.begin(), b.end());
  return out;
}

}  // namespace

UnionNode::UnionNode(std::vector<NodePtr> inputs, std::vector<std::string> ids,
                     std::vector<std::vector<ExprPtr>> branches, std::string part_column, std::string position_column)
    : Node(NodeKind::Union, union_schema(ids, branches), Ordering{{{part_column}, {position_column}}, false},
           std::move(inputs), branch_expressions(branches)),
      branches_(std::move(branches)) {
  CORMORANT_CHECK(has_column(part_column) && has_column(position_column), "union ordering columns");
}

namespace {

/// aggregate_type of an Integer (Int8..UInt64), as pandas reduces them: sums and products are
/// Int64 (signed) or UInt64 (unsigned), computed as Int64 (compile/aggregate_sql.cpp); min,
/// max, first, last and the labels keep the dtype; means and spreads are Float64. The sum and
/// product of a UInt64, which pandas wraps around at 2**64, are refused.
DType integer_aggregate_type(AggFunc func, const DType& arg, const char* name) {
  bool uint64 = arg.is_unsigned() && arg.bits() == 64;
  switch (func) {
    case AggFunc::Count:
    case AggFunc::CountAll:
    case AggFunc::NUnique: return DType::Int64;
    case AggFunc::First:
    case AggFunc::Last:
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::IdxMax:
    case AggFunc::IdxMin: return arg;
    case AggFunc::Sum:
    case AggFunc::Prod:
      if (uint64) break;
      return arg.is_unsigned() ? DType::integer(64, true) : DType(DType::Int64);
    case AggFunc::Mean:
    case AggFunc::Std:
    case AggFunc::Var:
    case AggFunc::Median:
    case AggFunc::Quantile:
    case AggFunc::Corr:
    case AggFunc::Cov:
    case AggFunc::Skew:
    case AggFunc::Kurt: return DType::Float64;
    case AggFunc::Any:
    case AggFunc::All: return DType::Boolean;
  }
  refuse_storage_only(std::string(name) + " of", "", arg);
}

}  // namespace

void refuse_grouped_integer_sum(AggFunc func, const DType& arg) {
  if (arg != DType::Integer || (func != AggFunc::Sum && func != AggFunc::Prod)) return;
  if (arg.is_unsigned() && arg.bits() == 64) {
    throw DTypeError(std::string("a groupby ") + (func == AggFunc::Sum ? "sum" : "prod") +
                     " of dtype UInt64 is not supported: pandas wraps it around at 2**64; convert the column with "
                     "astype('Float64') (or 'Int64') first");
  }
  throw DTypeError(std::string("a groupby ") + (func == AggFunc::Sum ? "sum" : "prod") + " of dtype " + dtype_name(arg) +
                   " is not supported: pandas gives " + dtype_name(arg) + " when every group's result fits it, else " +
                   (arg.is_unsigned() ? "UInt64" : "Int64") +
                   ", a dtype that depends on the values; convert the column with astype('Int64') first");
}

DType aggregate_type(AggFunc func, DType arg) {
  static const char* names[] = {"sum",    "mean",    "min",   "max",  "count",    "size", "std",   "var",  "median",
                                "nunique", "first", "last", "quantile", "corr", "cov", "any", "all",
                                "prod",    "skew",  "kurt", "idxmax", "idxmin"};
  bool moves_values = func == AggFunc::Count || func == AggFunc::CountAll || func == AggFunc::First || func == AggFunc::Last;
  bool by_bytes = arg == DType::Binary && (func == AggFunc::Min || func == AggFunc::Max || func == AggFunc::NUnique);
  if (is_storage_only(arg) && !moves_values && !by_bytes && arg != DType::Integer) {
    refuse_storage_only(std::string(names[static_cast<int>(func)]) + " of", "", arg);
  }
  if (arg == DType::Integer) return integer_aggregate_type(func, arg, names[static_cast<int>(func)]);
  switch (func) {
    case AggFunc::Count:
    case AggFunc::CountAll:
    case AggFunc::NUnique: return DType::Int64;
    case AggFunc::First:
    case AggFunc::Last: return arg;
    case AggFunc::Median:
    case AggFunc::Quantile:
    case AggFunc::Corr:
    case AggFunc::Cov:
      // pandas' median and quantiles of datetimes and timedeltas are datetimes and timedeltas
      if ((arg == DType::Timedelta || arg == DType::Timestamp || arg == DType::TimestampTz) &&
          (func == AggFunc::Median || func == AggFunc::Quantile)) {
        return arg;
      }
      if (is_numeric(arg)) return DType::Float64;
      break;
    case AggFunc::Min:
    case AggFunc::Max:
    case AggFunc::IdxMax:  // (the result has the row label's dtype: see aggregate_schema)
    case AggFunc::IdxMin:
      if (arg == DType::Boolean || arg == DType::Int64 || arg == DType::Float64 || arg == DType::String ||
          is_temporal(arg) || arg == DType::Timedelta || arg == DType::Time || (arg == DType::Decimal && func != AggFunc::IdxMax && func != AggFunc::IdxMin)) {
        return arg;
      }
      // An ordered categorical's codes follow its order (pandas: min/max need ordered).
      if (arg == DType::Categorical && arg.categories().ordered && (func == AggFunc::Min || func == AggFunc::Max)) return arg;
      if (arg == DType::Binary && (func == AggFunc::Min || func == AggFunc::Max)) return arg;  // (by their bytes)
      break;
    case AggFunc::Sum:
    case AggFunc::Prod:
      if ((arg == DType::Timedelta || arg == DType::Decimal) && func == AggFunc::Sum) return arg;
      if (arg == DType::Boolean || arg == DType::Int64) return DType::Int64;
      if (arg == DType::Float64) return DType::Float64;
      break;
    case AggFunc::Mean:
    case AggFunc::Std:
    case AggFunc::Var:
    case AggFunc::Skew:
    case AggFunc::Kurt:
      if (arg == DType::Timedelta && (func == AggFunc::Mean || func == AggFunc::Std)) return arg;  // as pandas
      if ((arg == DType::Timestamp || arg == DType::TimestampTz) && func == AggFunc::Mean) return arg;
      if (arg == DType::Decimal && func == AggFunc::Mean) return arg;  // rounded to scale 9, as pyarrow's
      if (is_numeric(arg)) return DType::Float64;
      break;
    case AggFunc::Any:
    case AggFunc::All:
      if (is_numeric(arg)) return DType::Boolean;
      break;
  }
  throw DTypeError("cannot compute " + std::string(names[static_cast<int>(func)]) + " of dtype '" +
                   std::string(dtype_name(arg)) + "'; select numeric columns, or pass numeric_only=True");
}

namespace {

Schema aggregate_schema(const Node& input, const std::vector<Aggregation>& aggs, const std::vector<std::string>& keys) {
  Schema schema;
  for (const auto& k : keys) {
    DType d = input.dtype_of(k);
    if (is_storage_only(d) && d != DType::Integer && d != DType::Binary) refuse_storage_only("groupby by", "", d);
    schema.push_back({k, input.dtype_of(k)});
  }
  for (const auto& a : aggs) {
    if (!keys.empty() && a.arg) refuse_grouped_integer_sum(a.func, a.arg->dtype());
    DType dtype = a.func == AggFunc::CountAll ? DType(DType::Int64) : aggregate_type(a.func, a.arg->dtype());
    if (a.func == AggFunc::IdxMax || a.func == AggFunc::IdxMin) dtype = a.arg2->dtype();
    schema.push_back({a.id, dtype});
    if (a.arg2) aggregate_type(a.func, a.arg2->dtype());
  }
  return schema;
}

std::vector<ExprPtr> aggregate_expressions(const std::vector<Aggregation>& aggs) {
  std::vector<ExprPtr> out;
  for (const auto& a : aggs) {
    if (a.arg) out.push_back(a.arg);
    if (a.arg2) out.push_back(a.arg2);
  }
  return out;
}

}  // namespace

AggregateNode::AggregateNode(NodePtr input, std::vector<Aggregation> aggs, std::vector<std::string> group_keys)
    : Node(NodeKind::Aggregate, aggregate_schema(*input, aggs, group_keys),
           group_keys.empty() ? Ordering{{}, true} : Ordering{}, {input}, aggregate_expressions(aggs)),
      aggs_(std::move(aggs)),
      group_keys_(std::move(group_keys)) {
  bool ordered_aggregate = std::any_of(aggs_.begin(), aggs_.end(), [](const Aggregation& a) {
    return a.func == AggFunc::First || a.func == AggFunc::Last;
  });
  CORMORANT_CHECK(!ordered_aggregate || !inputs()[0]->ordering().empty(), "first/last need an ordered input");
}

std::pair<NodePtr, std::vector<std::string>> materialize(NodePtr relation, const std::vector<ExprPtr>& exprs) {
  std::vector<NamedExpr> computed;
  std::vector<std::string> ids;
  for (const auto& e : exprs) {
    if (e->kind() == ExprKind::Column) {
      const auto& id = static_cast<const ColumnExpr&>(*e).id();
      if (relation->has_column(id)) {
        ids.push_back(id);
        continue;
      }
    }
    ids.push_back(new_column_id());
    computed.push_back({ids.back(), e});
  }
  if (!computed.empty()) relation = std::make_shared<ProjectNode>(relation, std::move(computed));
  return {relation, ids};
}

namespace {

/// `node` over `inputs` that include new member relations: its expressions test against those
/// (by position: inputs()[own_inputs() + i] is the relation of members()[i]).
NodePtr with_members(const NodePtr& node, std::vector<NodePtr> inputs) {
  std::unordered_map<const Node*, NodePtr> moved;
  for (size_t i = node->own_inputs(); i < inputs.size(); ++i) moved[node->inputs()[i].get()] = inputs[i];
  RelationMap relation = [&](const NodePtr& r) {
    auto it = moved.find(r.get());
    return it == moved.end() ? r : it->second;
  };
  inputs.resize(node->own_inputs());
  const NodePtr& in = inputs[0];
  switch (node->kind()) {
    case NodeKind::Project: {
      auto exprs = static_cast<const ProjectNode&>(*node).exprs();
      for (auto& e : exprs) e.expr = replace_relations(e.expr, relation);
      return std::make_shared<ProjectNode>(in, std::move(exprs));
    }
    case NodeKind::Filter:
      return std::make_shared<FilterNode>(in, replace_relations(static_cast<const FilterNode&>(*node).predicate(), relation));
    case NodeKind::Aggregate: {
      const auto& a = static_cast<const AggregateNode&>(*node);
      auto aggs = a.aggs();
      for (auto& g : aggs) {
        if (g.arg) g.arg = replace_relations(g.arg, relation);
        if (g.arg2) g.arg2 = replace_relations(g.arg2, relation);
      }
      return std::make_shared<AggregateNode>(in, std::move(aggs), a.group_keys());
    }
    case NodeKind::Window: {
      auto calls = static_cast<const WindowNode&>(*node).calls();
      for (auto& c : calls) {
        if (c.arg) c.arg = replace_relations(c.arg, relation);
      }
      return std::make_shared<WindowNode>(in, std::move(calls));
    }
    default: throw InternalError("internal error: member relations of a node without expressions");
  }
}

}  // namespace

NodePtr with_inputs(const NodePtr& node, std::vector<NodePtr> inputs) {
  CORMORANT_CHECK(inputs.size() == node->inputs().size() || inputs.size() == node->own_inputs(),
                  "with_inputs: wrong number of inputs");
  if (inputs.size() > node->own_inputs() && !std::equal(inputs.begin(), inputs.end(), node->inputs().begin())) {
    return with_members(node, std::move(inputs));
  }
  inputs.resize(node->own_inputs());
  if (std::equal(inputs.begin(), inputs.end(), node->inputs().begin())) return node;
  const NodePtr& in = inputs[0];
  switch (node->kind()) {
    case NodeKind::TableScan:
    case NodeKind::ReadParquet:
    case NodeKind::SqlQuery:
    case NodeKind::Values: return node;  // (no inputs: never reached)
    case NodeKind::Project: return std::make_shared<ProjectNode>(in, static_cast<const ProjectNode&>(*node).exprs());
    case NodeKind::Select: {
      std::vector<std::string> ids;
      for (const auto& f : node->schema()) ids.push_back(f.name);
      // A selection that forgot an ordered input's order (peek) keeps forgetting it.
      bool keep_order = !node->ordering().empty() || node->inputs()[0]->ordering().empty();
      return std::make_shared<SelectNode>(in, std::move(ids), keep_order);
    }
    case NodeKind::Filter: return std::make_shared<FilterNode>(in, static_cast<const FilterNode&>(*node).predicate());
    case NodeKind::Limit: {
      const auto& l = static_cast<const LimitNode&>(*node);
      return std::make_shared<LimitNode>(in, l.limit(), l.offset());
    }
    case NodeKind::OrderBy: return std::make_shared<OrderByNode>(in, node->ordering().keys);
    case NodeKind::RowNumber: {
      const auto& r = static_cast<const RowNumberNode&>(*node);
      return std::make_shared<RowNumberNode>(in, r.id(), r.partition());
    }
    case NodeKind::Join: {
      const auto& j = static_cast<const JoinNode&>(*node);
      return std::make_shared<JoinNode>(in, inputs[1], j.type(), j.keys());
    }
    case NodeKind::Union: {
      const auto& u = static_cast<const UnionNode&>(*node);
      std::vector<std::string> ids;
      for (const auto& f : node->schema()) ids.push_back(f.name);
      const auto& keys = node->ordering().keys;
      return std::make_shared<UnionNode>(std::move(inputs), std::move(ids), u.branches(), keys.at(0).column,
                                         keys.at(1).column);
    }
    case NodeKind::Aggregate: {
      const auto& a = static_cast<const AggregateNode&>(*node);
      return std::make_shared<AggregateNode>(in, a.aggs(), a.group_keys());
    }
    case NodeKind::Window: return std::make_shared<WindowNode>(in, static_cast<const WindowNode&>(*node).calls());
  }
  throw InternalError("internal error: unknown node kind");
}

std::vector<const Node*> post_order(const NodePtr& root) {
  std::vector<const Node*> out;
  std::unordered_set<const Node*> done;
  std::vector<std::pair<const Node*, bool>> stack{{root.get(), false}};
  while (!stack.empty()) {
    auto [node, expanded] = stack.back();
    stack.pop_back();
    if (done.count(node)) continue;
    if (!expanded) {
      stack.push_back({node, true});
      for (auto it = node->inputs().rbegin(); it != node->inputs().rend(); ++it) {
        if (!done.count(it->get())) stack.push_back({it->get(), false});
      }
      continue;
    }
    done.insert(node);
    out.push_back(node);
  }
  return out;
}

std::set<std::string> functions_called(const NodePtr& root) {
  std::vector<const Expr*> exprs;
  auto add = [&](const ExprPtr& e) {
    if (e) exprs.push_back(e.get());
  };
  for (const Node* node : post_order(root)) {
    switch (node->kind()) {
      case NodeKind::Project:
        for (const auto& e : static_cast<const ProjectNode&>(*node).exprs()) add(e.expr);
        break;
      case NodeKind::Filter: add(static_cast<const FilterNode&>(*node).predicate()); break;
      case NodeKind::Union:
        for (const auto& branch : static_cast<const UnionNode&>(*node).branches()) {
          for (const auto& e : branch) add(e);
        }
        break;
      case NodeKind::Aggregate:
        for (const auto& a : static_cast<const AggregateNode&>(*node).aggs()) {
          add(a.arg);
          add(a.arg2);
        }
        break;
      case NodeKind::Window:
        for (const auto& c : static_cast<const WindowNode&>(*node).calls()) add(c.arg);
        break;
      default: break;  // (no expressions of their own)
    }
  }
  std::set<std::string> out;
  std::unordered_set<const Expr*> seen;  // (shared operands once)
  while (!exprs.empty()) {  // (an explicit stack: expression chains may be long)
    const Expr* e = exprs.back();
    exprs.pop_back();
    if (!seen.insert(e).second) continue;
    if (e->kind() == ExprKind::Function) out.insert(static_cast<const FunctionExpr&>(*e).name());
    for (const Expr* c : children(*e)) exprs.push_back(c);
  }
  return out;
}

}  // namespace cormorant::plan
