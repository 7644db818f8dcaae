#include "cormorant/compile/compiler.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cormorant/common/error.hpp"
#include "cormorant/compile/function_sql.hpp"
#include "cormorant/compile/join_tree.hpp"
#include "cormorant/compile/aggregate_sql.hpp"
#include "cormorant/compile/window_sql.hpp"
#include "cormorant/plan/nullability.hpp"
#include "lowering.hpp"
#include "fold.hpp"

namespace cormorant::compile {

namespace {

using plan::BinaryOp;
using plan::ExprKind;
using plan::UnaryOp;

using IdSet = std::set<std::string>;

/// The ids of `node`'s schema that are in `wanted`, in schema order (so output is stable).
std::vector<std::string> in_schema_order(const plan::Node& node, const IdSet& wanted) {
  std::vector<std::string> out;
  for (const auto& f : node.schema()) {
    if (wanted.count(f.name)) out.push_back(f.name);
  }
  return out;
}

void add_refs(const plan::ExprPtr& e, IdSet& out) {
  std::vector<std::string> refs;
  plan::referenced_columns(e, refs);
  out.insert(refs.begin(), refs.end());
}

void add_keys(const plan::Ordering& o, IdSet& out) {
  for (const auto& k : o.keys) out.insert(k.column);
}

/// The ORDER BY of an ordering. A column already ordered by is left out where it comes again
/// (a sort's keys followed by the order it keeps for ties, which ends with the same columns):
/// rows that tie on the first key tie on the same column again, so the order is the same,
/// and the engine's sort keys are narrower (TPC-H Q16: three string keys fewer).
std::vector<SqlOrderKey> order_keys(const plan::Ordering& o, Names& names) {
  std::vector<SqlOrderKey> keys;
  std::set<std::string> seen;
  for (const auto& k : o.keys) {
    if (seen.insert(k.column).second) keys.push_back({sql_column(names.of(k.column)), k.ascending, k.nulls_last});
  }
  return keys;
}

/// Whether `a` counts a column its node's `input` never holds missing: count(*), which needs
/// no column read (TPC-H Q1's count of l_orderkey: a column of every lineitem row).
bool counts_rows(const plan::Aggregation& a, const plan::Node& input, const plan::NonNullColumns& non_null) {
  return a.func == plan::AggFunc::Count && a.arg && a.arg->kind() == ExprKind::Column &&
         non_null.never_null(input, static_cast<const plan::ColumnExpr&>(*a.arg).id());
}

/// The columns each node must produce for the nodes above it (column pruning).
std::unordered_map<const plan::Node*, IdSet> required_columns(const std::vector<const plan::Node*>& post_order,
                                                               const IdSet& root_needs,
                                                               const plan::NonNullColumns& non_null) {
  std::unordered_map<const plan::Node*, IdSet> req;
  req[post_order.back()] = root_needs;
  for (auto it = post_order.rbegin(); it != post_order.rend(); ++it) {
    const plan::Node& n = **it;
    const IdSet& r = req[&n];
    auto input = [&](size_t i) -> IdSet& { return req[n.inputs()[i].get()]; };
    switch (n.kind()) {
      case plan::NodeKind::TableScan:
      case plan::NodeKind::ReadParquet:
      case plan::NodeKind::SqlQuery:
      case plan::NodeKind::Values: break;
      case plan::NodeKind::Project: {
        const auto& p = static_cast<const plan::ProjectNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          bool computed = false;
          for (const auto& e : p.exprs()) {
            if (e.id == id) {
              add_refs(e.expr, in);
              computed = true;
            }
          }
          if (!computed) in.insert(id);
        }
        break;
      }
      case plan::NodeKind::Select: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        break;
      }
      case plan::NodeKind::Filter: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        add_refs(static_cast<const plan::FilterNode&>(n).predicate(), in);
        break;
      }
      case plan::NodeKind::Limit: {
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        if (!n.inputs()[0]->ordering().physical) add_keys(n.inputs()[0]->ordering(), in);
        break;
      }
      case plan::NodeKind::OrderBy: {
        // Only a declaration: whatever observes the order (a limit, a window, first/last, the
        // final ORDER BY) asks for the keys itself, so an order nobody observes costs nothing.
        IdSet& in = input(0);
        in.insert(r.begin(), r.end());
        break;
      }
      case plan::NodeKind::RowNumber: {
        const auto& w = static_cast<const plan::RowNumberNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          if (id != w.id()) in.insert(id);
        }
        if (r.count(w.id())) {
          add_keys(n.inputs()[0]->ordering(), in);
          in.insert(w.partition().begin(), w.partition().end());
        }
        break;
      }
      case plan::NodeKind::Window: {
        const auto& w = static_cast<const plan::WindowNode&>(n);
        IdSet& in = input(0);
        for (const auto& id : r) {
          auto call = std::find_if(w.calls().begin(), w.calls().end(), [&](const auto& c) { return c.id == id; });
          if (call == w.calls().end()) {
            in.insert(id);
            continue;
          }
          if (call->arg) add_refs(call->arg, in);
          in.insert(call->partition.begin(), call->partition.end());
          if (!call->start_column.empty()) in.insert({call->start_column, call->end_column});
          if (!call->order_column.empty()) in.insert(call->order_column);
          add_keys(n.inputs()[0]->ordering(), in);
        }
        break;
      }
      case plan::NodeKind::Join: {
        const auto& j = static_cast<const plan::JoinNode&>(n);
        IdSet& left = input(0);
        IdSet& right = input(1);
        for (const auto& id : r) (n.inputs()[0]->has_column(id) ? left : right).insert(id);
        for (const auto& [l, rr] : j.keys()) {
          left.insert(l);
          right.insert(rr);
        }
        break;
      }
      case plan::NodeKind::Union: {
        // Every branch must produce every column the union produces, in one order.
        const auto& u = static_cast<const plan::UnionNode&>(n);
        for (size_t i = 0; i < u.branches().size(); ++i) {
          for (size_t j = 0; j < n.schema().size(); ++j) {
            if (r.count(n.schema()[j].name)) add_refs(u.branches()[i][j], input(i));
          }
        }
        break;
      }
      case plan::NodeKind::Aggregate: {
        const auto& agg = static_cast<const plan::AggregateNode&>(n);
        IdSet& in = input(0);
        in.insert(agg.group_keys().begin(), agg.group_keys().end());
        for (const auto& a : agg.aggs()) {
          if (a.arg && !counts_rows(a, *n.inputs()[0], non_null)) add_refs(a.arg, in);
          if (a.arg2) add_refs(a.arg2, in);
          if (plan::follows_order(a.func)) add_keys(n.inputs()[0]->ordering(), in);
        }
        break;
      }
    }
    // The relations of isin() tests give the column tested.
    for (size_t i = 0; i < n.members().size(); ++i) input(n.own_inputs() + i).insert(n.members()[i]);
  }
  return req;
}

/// The order in which a tree's leaves are joined: the first leaf, then each time the earliest
/// leaf with a key to those already joined (a leaf without any comes only when no other is
/// left). The tree lists leaves depth-first, so `a.merge(b.merge(c))` lists a before b and c
/// although a joins only c: written in that order, b would join a ON true, a cross join the
/// engine's optimizer must undo (TPC-H Q2's part with region).
std::vector<size_t> connected_order(const JoinTree& tree) {
  std::vector<size_t> order;
  std::vector<bool> placed(tree.leaves.size(), false);
  auto joins_placed = [&](size_t leaf) {
    return std::any_of(tree.keys.begin(), tree.keys.end(), [&](const LeafKey& k) {
      return (k.left.leaf == leaf && placed[k.right.leaf]) || (k.right.leaf == leaf && placed[k.left.leaf]);
    });
  };
  while (order.size() < tree.leaves.size()) {
    size_t next = tree.leaves.size();
    for (size_t i = 0; i < tree.leaves.size() && next == tree.leaves.size(); ++i) {
      if (!placed[i] && (order.empty() || joins_placed(i))) next = i;
    }
    if (next == tree.leaves.size()) next = static_cast<size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
    placed[next] = true;
    order.push_back(next);
  }
  return order;
}

/// One SELECT joining a tree's leaves (each under an alias j0, j1, ... by its place in the
/// tree) in their connected order, producing `ids`. Each key equality is written in the ON of
/// the later of its two leaves.
Select join_tree_select(const JoinTree& tree, const std::vector<std::string>& ids, Names& names) {
  Select s;
  auto alias = [](size_t leaf) { return "j" + std::to_string(leaf); };
  auto column = [&](const LeafColumn& c) { return sql_column(alias(c.leaf), names.of(c.id)); };
  std::vector<size_t> order = connected_order(tree);
  std::vector<size_t> rank(order.size());
  for (size_t i = 0; i < order.size(); ++i) rank[order[i]] = i;
  std::vector<SqlExprPtr> on(tree.leaves.size());
  for (const auto& k : tree.keys) {
    auto eq = sql_infix(k.plain ? "=" : "IS NOT DISTINCT FROM", column(k.left), column(k.right));
    auto& at = on[std::max(rank[k.left.leaf], rank[k.right.leaf])];
    at = at ? sql_infix("AND", at, eq) : eq;
  }
  for (size_t i = 0; i < order.size(); ++i) {
    FromItem from = relation_from(names.ctes.at(tree.leaves[order[i]]));
    from.alias = alias(order[i]);
    if (i == 0) {
      s.from = std::move(from);
    } else {
      s.joins.push_back({"INNER", std::move(from), on[i] ? on[i] : sql_literal(true, DType::Boolean)});
    }
  }
  for (const auto& id : ids) s.items.push_back({column(tree.columns.at(id)), names.of(id)});
  if (s.items.empty()) s.items.push_back({sql_literal(true, DType::Boolean), "_"});
  return s;
}

/// `predicate` without its `notna` conjuncts of columns `input` never holds missing (a
/// groupby's dropna over Parquet keys without nulls); null when none is left. Written, such a
/// test reaches the scan, and the engine takes the scan for filtered and joins it first (TPC-H
/// Q10's customers: a hash table of every customer row, 30 MB more at scale 1).
plan::ExprPtr without_known_present(const plan::ExprPtr& predicate, const plan::Node& input,
                                    const plan::NonNullColumns& non_null) {
  std::vector<plan::ExprPtr> kept, stack{predicate};
  bool dropped = false;
  while (!stack.empty()) {
    plan::ExprPtr e = stack.back();
    stack.pop_back();
    if (e->kind() == ExprKind::Binary && static_cast<const plan::BinaryExpr&>(*e).op() == BinaryOp::And) {
      const auto& b = static_cast<const plan::BinaryExpr&>(*e);
      stack.push_back(b.right());
      stack.push_back(b.left());
      continue;
    }
    if (e->kind() == ExprKind::Unary) {
      const auto& u = static_cast<const plan::UnaryExpr&>(*e);
      if (u.op() == UnaryOp::NotNull && u.operand()->kind() == ExprKind::Column &&
          non_null.never_null(input, static_cast<const plan::ColumnExpr&>(*u.operand()).id())) {
        dropped = true;
        continue;
      }
    }
    kept.push_back(std::move(e));
  }
  return dropped ? plan::make_balanced(BinaryOp::And, std::move(kept)) : predicate;
}

/// A filter's predicate as anti-joins when each of its conjuncts is a ~isin of a relation's
/// column (anti_join_sql; rewrite::split_member_filters gives other conditions a filter of
/// their own); nullopt otherwise. The engine runs `FROM t ANTI JOIN m ON x = v`
/// as one hash join building on the relation; `NOT EXISTS (... v = x)` became a delim join
/// that first copies the filtered rows and groups their x (TPC-H Q16: its partsupp rows, 1.36x
/// the hand-written query's CPU; with the anti-join 1.03x, and Q22 stays 0.8x).
std::optional<std::vector<AntiJoinSql>> anti_joins(const plan::ExprPtr& predicate, Names& names) {
  std::vector<AntiJoinSql> out;
  std::vector<plan::ExprPtr> stack{predicate};
  while (!stack.empty()) {
    plan::ExprPtr e = stack.back();
    stack.pop_back();
    if (e->kind() == ExprKind::Binary && e->dtype() == DType::Boolean &&
        static_cast<const plan::BinaryExpr&>(*e).op() == BinaryOp::And) {
      stack.push_back(static_cast<const plan::BinaryExpr&>(*e).right());
      stack.push_back(static_cast<const plan::BinaryExpr&>(*e).left());
      continue;
    }
    auto a = anti_join_sql(e, names);
    if (!a) return std::nullopt;
    out.push_back(std::move(*a));
  }
  return out;
}

/// The SELECT of one node, producing `wanted` (in schema order) from its inputs' CTEs.
/// `below`: projections the SELECT reads in place of its input (bind_repeated_operands), the
/// first reading the input.
Select compile_node(const plan::Node& node, const IdSet& wanted, const std::vector<std::string>& inputs, Names& names,
                    const ScanFiles& files, const plan::NonNullColumns& non_null, std::vector<Select>& below) {
  Select s;
  names.bound.clear();
  names.lowered.clear();
  std::vector<std::string> ids = in_schema_order(node, wanted);
  auto pass = [&](const std::string& id) { s.items.push_back({sql_column(names.of(id)), names.of(id)}); };
  auto source_columns = [&](const std::vector<plan::SourceColumn>& columns, const std::string& id) {
    for (const auto& c : columns) {
      if (c.id != id) continue;
      auto col = sql_column(c.source_name);
      auto decimal = names.decimals.find(id);  // (a DECIMAL held as such is cast where read)
      bool cast = c.needs_cast && (decimal == names.decimals.end() || decimal->second.integer);
      s.items.push_back({cast ? sql_cast(col, c.dtype) : col, names.of(id)});
      return true;
    }
    return false;
  };
  switch (node.kind()) {
    case plan::NodeKind::TableScan: {
      const auto& n = static_cast<const plan::TableScanNode&>(node);
      for (const auto& id : ids) {
        if (!source_columns(n.columns(), id)) s.items.push_back({sql_column("rowid"), names.of(id)});
      }
      s.from = relation_from(n.table_name());
      break;
    }
    case plan::NodeKind::ReadParquet: {
      const auto& n = static_cast<const plan::ReadParquetNode&>(node);
      bool positions = false;
      auto read = files_read(n, files);
      for (const auto& id : ids) {
        if (source_columns(n.columns(), id)) continue;
        positions = true;
        s.items.push_back({parquet_position(n, read), names.of(id)});
      }
      bool filenames = position_reads_filename(n, read);
      if (positions) refuse_hidden_positions(n, filenames);
      if (!n.path().empty() && read.size() == n.files().size()) {
        s.from = parquet_from(n.path(), positions, filenames);
      } else {
        std::vector<std::string> paths;
        for (const auto* f : read) paths.push_back(f->path);
        s.from = parquet_from(string_list(paths), positions, filenames);
      }
      break;
    }
    case plan::NodeKind::SqlQuery: {
      const auto& n = static_cast<const plan::SqlQueryNode&>(node);
      for (const auto& id : ids) source_columns(n.columns(), id);
      s.from = subquery_from(n.sql());
      break;
    }
    case plan::NodeKind::Values: {
      const auto& n = static_cast<const plan::ValuesNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from.kind = FromItem::Kind::Values;
      for (const auto& f : node.schema()) s.from.column_names.push_back(names.of(f.name));
      for (const auto& row : n.rows()) {
        std::vector<SqlExprPtr> cells;
        for (size_t c = 0; c < row.size(); ++c) cells.push_back(sql_literal(row[c], node.schema()[c].dtype));
        s.from.rows.push_back(std::move(cells));
      }
      break;
    }
    case plan::NodeKind::Project: {
      const auto& n = static_cast<const plan::ProjectNode&>(node);
      std::vector<plan::ExprPtr> roots;
      std::vector<std::string> passed;
      for (const auto& id : ids) {
        auto e = std::find_if(n.exprs().begin(), n.exprs().end(), [&](const plan::NamedExpr& x) { return x.id == id; });
        auto held = names.decimals.find(id);
        if (e == n.exprs().end()) {
          passed.push_back(names.of(id));
        } else if (held == names.decimals.end() || held->second.integer) {
          roots.push_back(e->expr);
        }
      }
      below = bind_repeated_operands(roots, passed, names);
      for (const auto& id : ids) {
        const plan::NamedExpr* computed = nullptr;
        for (const auto& e : n.exprs()) {
          if (e.id == id) computed = &e;
        }
        if (computed) {
          auto held = names.decimals.find(id);  // (an Int64 column stays one: chains cast it)
          bool decimal = held != names.decimals.end() && !held->second.integer;
          s.items.push_back({decimal ? lower_decimal(computed->expr, names) : lower(computed->expr, names), names.of(id)});
        } else {
          pass(id);
        }
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Select:
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      break;
    case plan::NodeKind::Filter: {
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      auto p = without_known_present(static_cast<const plan::FilterNode&>(node).predicate(), *node.inputs()[0],
                                     non_null);
      if (!p) break;
      if (auto anti = anti_joins(p, names)) {
        // Written as joins, whose scope holds the relations' columns too: the input's are
        // qualified (a relation may hold a column of the same name).
        for (auto& item : s.items) item.first = sql_column(inputs[0], item.first->name);
        for (size_t i = 0; i < anti->size(); ++i) {
          const auto& a = (*anti)[i];
          FromItem right = relation_from(a.relation);
          right.alias = "cormorant_members" + (i ? std::to_string(i) : std::string());
          s.joins.push_back(
              {"ANTI", right, sql_infix("=", sql_column(inputs[0], a.column), sql_column(right.alias, a.member))});
        }
        break;
      }
      std::vector<std::string> passed;
      for (const auto& id : ids) passed.push_back(names.of(id));
      below = bind_repeated_operands({p}, passed, names);
      s.where = lower_predicate(p, names);
      break;
    }
    case plan::NodeKind::Limit: {
      const auto& n = static_cast<const plan::LimitNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      if (!node.inputs()[0]->ordering().physical) s.order_by = order_keys(node.inputs()[0]->ordering(), names);
      s.limit = n.limit();
      s.offset = n.offset();
      break;
    }
    case plan::NodeKind::OrderBy:
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      break;
    case plan::NodeKind::RowNumber: {
      const auto& n = static_cast<const plan::RowNumberNode&>(node);
      for (const auto& id : ids) {
        if (id != n.id()) {
          pass(id);
          continue;
        }
        std::vector<SqlExprPtr> partition;
        for (const auto& p : n.partition()) partition.push_back(sql_column(names.of(p)));
        auto number = sql_window("row_number", {}, std::move(partition), order_keys(node.inputs()[0]->ordering(), names));
        s.items.push_back({sql_infix("-", number, sql_literal(int64_t{1}, DType::Int64)), names.of(id)});
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Window: {
      const auto& n = static_cast<const plan::WindowNode&>(node);
      for (const auto& id : ids) {
        auto call = std::find_if(n.calls().begin(), n.calls().end(), [&](const auto& c) { return c.id == id; });
        if (call == n.calls().end()) {
          pass(id);
          continue;
        }
        std::vector<SqlExprPtr> partition;
        for (const auto& p : call->partition) partition.push_back(sql_column(names.of(p)));
        WindowBounds bounds;
        if (!call->start_column.empty()) bounds = {sql_column(names.of(call->start_column)), sql_column(names.of(call->end_column))};
        if (!call->order_column.empty()) bounds.order = sql_column(names.of(call->order_column));
        s.items.push_back({window_sql(*call, call->arg ? lower(call->arg, names) : nullptr, partition,
                                      order_keys(node.inputs()[0]->ordering(), names), bounds),
                           names.of(id)});
      }
      s.from = relation_from(inputs[0]);
      break;
    }
    case plan::NodeKind::Join: {
      const auto& n = static_cast<const plan::JoinNode&>(node);
      for (const auto& id : ids) pass(id);
      s.from = relation_from(inputs[0]);
      static const char* types[] = {"INNER", "LEFT", "RIGHT", "FULL OUTER"};
      SqlExprPtr on;
      for (const auto& [l, r] : n.keys()) {
        // Missing keys match each other (pandas); `=` says the same when one side never is.
        bool plain = non_null.never_null(*node.inputs()[0], l) || non_null.never_null(*node.inputs()[1], r);
        auto eq = sql_infix(plain ? "=" : "IS NOT DISTINCT FROM", sql_column(names.of(l)), sql_column(names.of(r)));
        on = on ? sql_infix("AND", on, eq) : eq;
      }
      s.joins.push_back({types[static_cast<int>(n.type())], relation_from(inputs[1]),
                         on ? on : sql_literal(true, DType::Boolean)});
      break;
    }
    case plan::NodeKind::Union: {
      const auto& n = static_cast<const plan::UnionNode&>(node);
      for (size_t i = 0; i < n.branches().size(); ++i) {
        Select branch;
        for (size_t j = 0; j < node.schema().size(); ++j) {
          const auto& id = node.schema()[j].name;
          if (wanted.count(id)) branch.items.push_back({lower(n.branches()[i][j], names), names.of(id)});
        }
        if (branch.items.empty()) branch.items.push_back({sql_literal(true, DType::Boolean), "_"});
        branch.from = relation_from(inputs[i]);
        if (i == 0) {
          s = std::move(branch);
        } else {
          s.union_all.push_back(std::make_shared<const Select>(std::move(branch)));
        }
      }
      return s;
    }
    case plan::NodeKind::Aggregate: {
      const auto& n = static_cast<const plan::AggregateNode&>(node);
      for (const auto& id : ids) {
        for (const auto& a : n.aggs()) {
          if (a.id != id) continue;
          const bool ordered = plan::follows_order(a.func);
          if (counts_rows(a, *node.inputs()[0], non_null)) {
            s.items.push_back({sql_cast(sql_function("count", {sql_star()}), DType::Int64), names.of(id)});
            continue;
          }
          if (auto decimal = decimal_aggregate_sql(a, names)) {
            s.items.push_back({decimal, names.of(id)});
            continue;
          }
          s.items.push_back({aggregate_sql(a, a.arg ? lower(a.arg, names) : nullptr, a.arg2 ? lower(a.arg2, names) : nullptr,
                                           ordered ? order_keys(node.inputs()[0]->ordering(), names) : std::vector<SqlOrderKey>{}),
                             names.of(id)});
        }
        for (const auto& k : n.group_keys()) {
          if (k == id) s.items.push_back({sql_column(names.of(id)), names.of(id)});
        }
      }
      for (const auto& k : n.group_keys()) s.group_by.push_back(sql_column(names.of(k)));
      s.from = relation_from(inputs[0]);
      break;
    }
  }
  if (s.items.empty()) s.items.push_back({sql_literal(true, DType::Boolean), "_"});  // nothing read above
  return s;
}

/// Whether `node` is a join, or filters, column selections, projections, numberings and
/// windows of one.
bool over_join(const plan::Node& node) {
  const plan::Node* n = &node;
  for (;; n = n->inputs()[0].get()) {
    switch (n->kind()) {
      case plan::NodeKind::Join: return true;
      case plan::NodeKind::Select:
      case plan::NodeKind::Project:
      case plan::NodeKind::Filter:
      case plan::NodeKind::OrderBy:
      case plan::NodeKind::RowNumber:
      case plan::NodeKind::Window: break;
      default: return false;
    }
  }
}

/// Whether computing `node` again costs about a scan of its source: a table or Parquet scan,
/// or filters, column selections and projections of plain expressions (no functions, no
/// membership tests) over one.
bool recomputable(const plan::Node& node) {
  const plan::Node* n = &node;
  for (;;) {
    switch (n->kind()) {
      case plan::NodeKind::ReadParquet:
      case plan::NodeKind::TableScan: return true;
      case plan::NodeKind::Select: break;
      case plan::NodeKind::Filter: {
        const auto& p = static_cast<const plan::FilterNode&>(*n).predicate();
        if (p->has_member() || plan::calls_function(p)) return false;
        break;
      }
      case plan::NodeKind::Project:
        for (const auto& e : static_cast<const plan::ProjectNode&>(*n).exprs()) {
          if (e.expr->has_member() || plan::calls_function(e.expr)) return false;
        }
        break;
      default: return false;
    }
    n = n->inputs().front().get();
  }
}

Query compile_with(const plan::NodePtr& root, const IdSet& root_needs, Names& names, const ScanFiles& files) {
  auto order = plan::post_order(root);
  const plan::NonNullColumns non_null(order);
  auto req = required_columns(order, root_needs, non_null);
  find_decimal_columns(order, root_needs, names);
  // Trees of inner joins become one join of their leaves, when every column read of the
  // root is a leaf's; the nodes inside such a tree then need no CTE of their own.
  std::unordered_map<const plan::Node*, size_t> readers;
  for (const plan::Node* node : order) {
    for (const auto& in : node->inputs()) ++readers[in.get()];
  }
  auto shared = [&](const plan::Node& n) {
    auto it = readers.find(&n);
    return it != readers.end() && it->second > 1;
  };
  std::unordered_map<const plan::Node*, JoinTree> trees;
  for (const plan::Node* node : order) {
    if (node->kind() != plan::NodeKind::Join) continue;
    auto tree = join_tree(static_cast<const plan::JoinNode&>(*node), non_null, shared,
                          [&](const plan::Node& n, const std::string& id) {
                            auto it = req.find(&n);
                            return it != req.end() && it->second.count(id) > 0;
                          });
    const IdSet& wanted = req[node];
    if (tree && std::all_of(wanted.begin(), wanted.end(), [&](const auto& id) { return tree->columns.count(id); })) {
      trees.emplace(node, std::move(*tree));
    }
  }
  std::unordered_set<const plan::Node*> needed{root.get()};
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    if (!needed.count(*it)) continue;
    auto tree = trees.find(*it);
    if (tree != trees.end()) {
      needed.insert(tree->second.leaves.begin(), tree->second.leaves.end());
    } else {
      for (const auto& in : (*it)->inputs()) needed.insert(in.get());
    }
  }
  // Nodes a join reads, directly or through other nodes: a LIMIT among them is kept (Query::kept).
  // A node testing membership in another relation (isin of a Series: IN (SELECT ...), NOT
  // EXISTS) is a semi- or anti-join in the engine, whose runtime filter reaches below a LIMIT
  // as well: its inputs, the tested relations included, count as a join's.
  std::unordered_set<const plan::Node*> under_join;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    bool below = (*it)->kind() == plan::NodeKind::Join || !(*it)->members().empty() || under_join.count(*it);
    if (below) {
      for (const auto& in : (*it)->inputs()) under_join.insert(in.get());
    }
  }
  std::unordered_map<const plan::Node*, std::string> cte;
  std::unordered_map<std::string, std::vector<std::string>> layers;  // a node's CTE -> its projections below
  Query q;
  for (const plan::Node* node : order) {
    if (!needed.count(node)) continue;
    auto tree = trees.find(node);
    if (tree != trees.end()) {
      std::string name = "t" + std::to_string(q.ctes.size());
      // A join read twice (TPC-H Q2's per-part minimum and the join back to it) is computed once
      // and kept, as a hand-written CTE would be; the engine would otherwise join it twice.
      if (shared(*node) && over_join(*node)) q.kept.insert(name);
      q.ctes.emplace_back(name, join_tree_select(tree->second, in_schema_order(*node, req[node]), names));
      cte.emplace(node, name);
      names.ctes.emplace(node, name);
      continue;
    }
    std::vector<std::string> inputs;
    for (const auto& in : node->inputs()) inputs.push_back(cte.at(in.get()));
    std::vector<Select> below;
    Select s = compile_node(*node, req[node], inputs, names, files, non_null, below);
    names.bound.clear();
    names.lowered.clear();
    std::vector<std::string> layer_names;
    for (auto& layer : below) {
      layer.from = relation_from(layer_names.empty() ? inputs[0] : layer_names.back());
      layer_names.push_back("t" + std::to_string(q.ctes.size()));
      q.ctes.emplace_back(layer_names.back(), std::move(layer));
    }
    if (!layer_names.empty()) s.from = relation_from(layer_names.back());
    std::string name = "t" + std::to_string(q.ctes.size());
    if (shared(*node) && over_join(*node)) q.kept.insert(name);
    q.ctes.emplace_back(name, std::move(s));
    if (!layer_names.empty()) layers.emplace(name, std::move(layer_names));
    if (node->kind() == plan::NodeKind::Limit && under_join.count(node)) q.kept.insert(name);
    cte.emplace(node, name);
    names.ctes.emplace(node, name);
  }
  // A scan read twice is read twice, as hand-written SQL does, and so are the filters, column
  // selections and arithmetic over it that two nodes read (with what they read): kept, such a
  // CTE holds its rows in memory for all its readers (TPC-H Q21's late lineitems, 60 MB at
  // scale 1 in either ordering mode). Readers come before their inputs in reverse post-order.
  std::unordered_set<const plan::Node*> again;
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const plan::Node* node = *it;
    auto name = cte.find(node);
    if (name == cte.end() || !recomputable(*node) || !(shared(*node) || again.count(node))) continue;
    q.recomputed.insert(name->second);
    if (auto l = layers.find(name->second); l != layers.end()) q.recomputed.insert(l->second.begin(), l->second.end());
    for (const auto& in : node->inputs()) again.insert(in.get());
  }
  return q;
}

}  // namespace

Query compile_plan(const plan::NodePtr& root, const Output& output, const ScanFiles& files) {
  CORMORANT_CHECK(output.ids.size() == output.aliases.size(), "output ids and aliases differ in number");
  bool sort = !root->ordering().physical && !root->ordering().empty();
  IdSet needs(output.ids.begin(), output.ids.end());
  if (sort) add_keys(root->ordering(), needs);
  Names names;
  Query q = compile_with(root, needs, names, files);
  q.body.from = relation_from(q.ctes.back().first);
  for (size_t i = 0; i < output.ids.size(); ++i) {
    q.body.items.push_back({sql_column(names.of(output.ids[i])), output.aliases[i]});
  }
  if (q.body.items.empty()) q.body.items.push_back({sql_literal(true, DType::Boolean), "_"});
  if (sort) {
    q.body.order_by = order_keys(root->ordering(), names);
    // ORDER BY reads an output alias before a column of the FROM relation: a key named like
    // an alias (e.g. a user's column "c2") is qualified with the relation.
    std::set<std::string> aliases(output.aliases.begin(), output.aliases.end());
    for (auto& k : q.body.order_by) {
      if (aliases.count(k.expr->name)) k.expr = sql_column(q.ctes.back().first, k.expr->name);
    }
  }
  detail::fold_ctes(q);
  return q;
}

bool order_sensitive(const plan::NodePtr& plan) {
  for (const plan::Node* node : plan::post_order(plan)) {
    if (node->kind() == plan::NodeKind::Window) {  // a groupby transform('prod') of floats, as the aggregate
      for (const auto& c : static_cast<const plan::WindowNode&>(*node).calls()) {
        if (c.func == plan::WindowFunc::Transform && order_sensitive(plan::Aggregation{c.id, c.agg, c.arg})) return true;
      }
    }
    if (node->kind() != plan::NodeKind::Aggregate) continue;
    for (const auto& a : static_cast<const plan::AggregateNode&>(*node).aggs()) {
      if (order_sensitive(a)) return true;
    }
  }
  return false;
}

std::string plan_to_sql(const plan::NodePtr& plan, const Output& output, const ScanFiles& files, const Dialect& dialect) {
  CompilingFor target(dialect);
  return to_sql(compile_plan(plan, output, files), dialect);
}

std::unordered_map<const plan::Node*, ScanRead> scan_reads(const plan::NodePtr& plan, const Output& output) {
  IdSet needs(output.ids.begin(), output.ids.end());
  if (!plan->ordering().physical) add_keys(plan->ordering(), needs);
  auto order = plan::post_order(plan);
  auto req = required_columns(order, needs, plan::NonNullColumns(order));
  std::unordered_map<const plan::Node*, ScanRead> out;
  for (const plan::Node* node : order) {
    if (node->kind() != plan::NodeKind::ReadParquet) continue;
    const auto& n = static_cast<const plan::ReadParquetNode&>(*node);
    ScanRead& r = out[node];
    for (const auto& c : n.columns()) {
      if (req[node].count(c.id)) r.columns.push_back(c.source_name);
    }
    r.positions = req[node].count(n.position_column()) > 0;
  }
  return out;
}

std::string count_sql(const plan::NodePtr& plan, const ScanFiles& files, const Dialect& dialect) {
  CompilingFor target(dialect);
  Names names;
  Query q = compile_with(plan, {}, names, files);
  q.body.from = relation_from(q.ctes.back().first);
  q.body.items.push_back({sql_function("count", {sql_star()}), "n"});
  detail::fold_ctes(q);
  return to_sql(q, dialect);
}

}  // namespace cormorant::compile
