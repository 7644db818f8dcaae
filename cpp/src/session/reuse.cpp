// Results an eager reduction computed, kept for the statements that follow.
//
// pandas code often reduces a grouped result to a scalar and then uses the same result again
// (TPC-H Q15: `revenue[revenue["total"] == revenue["total"].max()]`). Without help the group-by
// runs twice, once per statement. When a reduction's input is such a result, the session
// writes it to a table first, reduces the table, and reads the table wherever a later plan
// holds the same node: one group-by in all.
#include "cormorant/common/error.hpp"
#include "cormorant/plan/nullability.hpp"
#include "cormorant/rewrite/passes.hpp"
#include "cormorant/session/session.hpp"
#include "../rewrite/bottom_up.hpp"
#include "spark.hpp"

namespace cormorant::session {

std::optional<FileStamp> Context::file_stamp(const std::string& path) const {
  if (catalog_) {
    if (auto in_warehouse = catalog_->path_of(path)) return catalog_->files().stat(*in_warehouse);
  }
  return storage::local_file_system()->stat(path);
}

namespace {

/// Whether a reduction's input is worth keeping: a grouped aggregate's result, seen through
/// the one-input operations above it (column selections, computed columns, filters, sorts, the
/// index's numbering: at most a row per group, while the aggregate's input, which a second
/// statement would read again, is what costs), and nothing that may read other data the next
/// time (the user's SQL).
bool worth_keeping(const plan::NodePtr& input) {
  if (input->schema().empty()) return false;
  const plan::Node* n = input.get();
  while (n->own_inputs() == 1 && n->kind() != plan::NodeKind::Aggregate) n = n->inputs()[0].get();
  if (n->kind() != plan::NodeKind::Aggregate || static_cast<const plan::AggregateNode&>(*n).group_keys().empty()) {
    return false;
  }
  for (const plan::Node* m : plan::post_order(input)) {
    if (m->kind() == plan::NodeKind::SqlQuery) return false;
  }
  return true;
}

}  // namespace

bool Context::KeptResult::current(const Context& ctx, const plan::Node* key) const {
  auto alive = node.lock();
  if (alive.get() != key) return false;  // the frame is gone (and the address may be reused)
  for (const auto& [path, stamp] : files) {
    if (ctx.file_stamp(path) != stamp) return false;  // the data it was computed from changed
  }
  return true;
}

void Context::keep_reduced_input(const plan::NodePtr& reduction) {
  if (reduction->kind() != plan::NodeKind::Aggregate ||
      !static_cast<const plan::AggregateNode&>(*reduction).group_keys().empty()) {
    return;
  }
  const plan::NodePtr& input = reduction->inputs()[0];
  if (kept_.count(input.get()) || !worth_keeping(input)) return;
  if (input->ordering().empty() && compile::order_sensitive(reduction)) return;  // (see with_kept)
  KeptResult kept;
  kept.node = input;
  for (const plan::Node* m : plan::post_order(input)) {
    if (m->kind() != plan::NodeKind::ReadParquet) continue;
    for (const auto& f : static_cast<const plan::ReadParquetNode&>(*m).files()) {
      if (auto stamp = file_stamp(f.path)) kept.files.emplace(f.path, *stamp);
    }
  }
  // Every column, in the input's order (so that the table's rows are in it, for a reader that
  // needs them one after another); the table's scan presents the input's ids and ordering.
  compile::Output all;
  std::vector<plan::SourceColumn> columns;
  std::vector<std::string> never_null;
  plan::NonNullColumns non_null(plan::post_order(input));
  for (const auto& f : input->schema()) {
    all.ids.push_back(f.name);
    all.aliases.push_back("k" + std::to_string(all.aliases.size()));
    columns.push_back({f.name, all.aliases.back(), f.dtype, false});
    if (non_null.never_null(*input, f.name)) never_null.push_back(f.name);
  }
  if (spark_) {
    // On Spark: the rows collected once and kept as a temporary view with their positions
    // (as cache()). Besides the work saved, the statements that follow read the very values
    // the reduction saw: Spark's float sums depend on the order partial sums arrive in, so a
    // group-by run again may give other last bits, and `total == total.max()` no rows.
    Source view = spark_->keep(*this, input, all);
    kept.table = static_cast<const plan::TableScanNode&>(*view.plan).table_name();
  } else {
    const plan::NodePtr plan = rewrite::prepare(with_kept(input));
    kept.table = new_table_name();
    measured(plan, all, [&](const compile::ScanFiles& files, std::string& sql) {
      sql = compile::create_table_as_sql(kept.table, plan, all, files);
      connection_.execute(sql);
      return int64_t{-1};
    });
  }
  kept.scan = std::make_shared<plan::TableScanNode>(kept.table, std::move(columns), plan::new_column_id(),
                                                    input->ordering(), std::move(never_null));
  kept_.emplace(input.get(), std::move(kept));
}

plan::NodePtr Context::with_kept(const plan::NodePtr& input) const {
  if (kept_.empty()) return input;
  // A floating-point aggregate that depends on the order rows arrive in (run on one thread)
  // reads a table in its stored order: only a result with an order was stored in one.
  bool order_sensitive = compile::order_sensitive(input);
  return rewrite::detail::bottom_up(input, [&](const plan::NodePtr& original, plan::NodePtr rebuilt) {
    auto it = kept_.find(original.get());
    if (it == kept_.end() || !it->second.current(*this, original.get())) return rebuilt;
    return order_sensitive && it->second.scan->ordering().empty() ? rebuilt : it->second.scan;
  });
}

plan::NodePtr Context::prepared(const plan::NodePtr& input) {
  auto serialized = serialize();
  for (auto it = kept_.begin(); it != kept_.end();) {
    if (it->second.current(*this, it->first)) {
      ++it;
      continue;
    }
    if (!closed_) connection_.execute(compile::drop_table_sql(it->second.table));
    tables_.erase(std::remove(tables_.begin(), tables_.end(), it->second.table), tables_.end());
    it = kept_.erase(it);
  }
  return rewrite::prepare(with_kept(input));
}

}  // namespace cormorant::session
