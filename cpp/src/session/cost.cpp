// Query cost: scan pruning, dry-run estimates, measured stats, maximum_bytes_billed, explain.
#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <sstream>

#include "cormorant/common/error.hpp"
#include "cormorant/rewrite/passes.hpp"
#include "cormorant/rewrite/pushdown.hpp"
#include "cormorant/session/session.hpp"
#include "spark.hpp"

namespace cormorant::session {

struct ScanPlan {
  std::vector<rewrite::ScanChoice> choices;
  compile::ScanFiles files;
  std::unordered_map<const plan::Node*, compile::ScanRead> reads;
};

namespace {

ScanPlan plan_scans(const plan::NodePtr& plan, const compile::Output& output) {
  ScanPlan p;
  p.choices = rewrite::choose_scans(plan);
  if (p.choices.empty()) return p;  // data held in the session: nothing to prune or count
  for (const auto& c : p.choices) p.files[c.node] = c.files;
  p.reads = compile::scan_reads(plan, output);
  return p;
}

std::string condition_text(const plan::ScanCondition& condition) {
  std::string out;
  for (size_t i = 0; i < condition.size(); ++i) {
    if (i) out += " OR ";
    std::string conj;
    for (size_t j = 0; j < condition[i].size(); ++j) conj += (j ? " AND " : "") + condition[i][j].to_string();
    out += condition.size() > 1 && condition[i].size() > 1 ? "(" + conj + ")" : conj;
  }
  return out;
}

/// What one scan is estimated to read: the chunks of the columns it reads, in the row groups
/// that may match (a whole file when it has no statistics).
struct ScanCost {
  int64_t files = 0, row_groups = 0, row_groups_total = 0, bytes = 0;
};

ScanCost scan_cost(const rewrite::ScanChoice& c, const compile::ScanRead& read) {
  ScanCost cost;
  const auto& files = c.node->files();
  for (const auto& f : files) cost.row_groups_total += static_cast<int64_t>(f.row_groups.size());
  for (size_t i : c.files) {
    const auto& f = files[i];
    if (f.row_groups.empty()) {
      ++cost.files;
      cost.bytes += f.bytes;
      continue;
    }
    bool any = false;
    for (const auto& rg : f.row_groups) {
      if (!plan::may_match(c.condition, rg.columns)) continue;
      any = true;
      ++cost.row_groups;
      for (const auto& col : read.columns) {
        auto chunk = rg.columns.find(col);
        if (chunk != rg.columns.end()) cost.bytes += chunk->second.size;
      }
    }
    cost.files += any;
  }
  return cost;
}

/// The estimate of the whole query: its scans' costs summed.
QueryStats estimate(const ScanPlan& p) {
  QueryStats s;
  s.dry_run = true;
  for (const auto& c : p.choices) {
    s.files_total += static_cast<int64_t>(c.node->files().size());
    auto read = p.reads.find(c.node);
    if (read == p.reads.end()) {  // not part of this query
      for (const auto& f : c.node->files()) s.row_groups_total += static_cast<int64_t>(f.row_groups.size());
      continue;
    }
    if (!c.condition.empty()) s.pushed_down.push_back(c.node->source_name() + ": " + condition_text(c.condition));
    ScanCost cost = scan_cost(c, read->second);
    s.files_scanned += cost.files;
    s.row_groups_scanned += cost.row_groups;
    s.row_groups_total += cost.row_groups_total;
    s.bytes_processed += cost.bytes;
  }
  return s;
}

/// Merged [begin, end) intervals of the reads of one file.
std::vector<std::pair<int64_t, int64_t>> merged(std::vector<std::pair<int64_t, int64_t>> v) {
  std::sort(v.begin(), v.end());
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& iv : v) {
    if (!out.empty() && iv.first <= out.back().second) {
      out.back().second = std::max(out.back().second, iv.second);
    } else {
      out.push_back(iv);
    }
  }
  return out;
}

int64_t overlap(const std::vector<std::pair<int64_t, int64_t>>& intervals, int64_t begin, int64_t end) {
  int64_t n = 0;
  auto it = std::lower_bound(intervals.begin(), intervals.end(), std::make_pair(begin, begin),
                             [](const auto& a, const auto& b) { return a.second <= b.first; });
  for (; it != intervals.end() && it->first < end; ++it) n += std::min(end, it->second) - std::max(begin, it->first);
  return n;
}

/// The measurement: the bytes the engine read inside column chunks (any bytes for files
/// without statistics), and the files and row groups they belong to.
void measure(const ScanPlan& p, const std::vector<engine::FileRead>& reads, QueryStats& s) {
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> by_file;
  for (const auto& r : reads) by_file[r.path].push_back({r.pos, r.pos + r.bytes});
  // The files of the query's scans, with the columns the query reads from them: bytes the
  // engine reads beyond those (read-ahead into a neighbouring chunk) are not processed.
  std::map<std::string, std::pair<const plan::ParquetFile*, std::set<std::string>>> known;
  for (const auto& c : p.choices) {
    auto read = p.reads.find(c.node);
    for (const auto& f : c.node->files()) {
      auto& entry = known[f.path];
      entry.first = &f;
      if (read != p.reads.end()) entry.second.insert(read->second.columns.begin(), read->second.columns.end());
    }
  }
  s.bytes_processed = s.files_scanned = s.row_groups_scanned = 0;
  for (auto& [path, list] : by_file) {
    auto intervals = merged(std::move(list));
    auto k = known.find(path);
    if (k == known.end() || k->second.first->row_groups.empty()) {
      if (k == known.end() && path.size() > 8 && path.compare(path.size() - 8, 8, ".parquet") != 0) continue;
      ++s.files_scanned;
      for (const auto& iv : intervals) s.bytes_processed += iv.second - iv.first;
      continue;
    }
    bool any = false;
    for (const auto& rg : k->second.first->row_groups) {
      int64_t in_rg = 0;
      for (const auto& [name, chunk] : rg.columns) {
        if (k->second.second.count(name)) in_rg += overlap(intervals, chunk.offset, chunk.offset + chunk.size);
      }
      if (in_rg > 0) {
        any = true;
        ++s.row_groups_scanned;
        s.bytes_processed += in_rg;
      }
    }
    s.files_scanned += any;
  }
}

/// How many nodes of `kind` the plan has (each shared node once).
int count_nodes(const plan::NodePtr& root, plan::NodeKind kind) {
  int count = 0;
  std::vector<const plan::Node*> stack{root.get()};
  std::set<const plan::Node*> seen;
  while (!stack.empty()) {
    const plan::Node* n = stack.back();
    stack.pop_back();
    if (!seen.insert(n).second) continue;
    count += n->kind() == kind;
    for (const auto& in : n->inputs()) stack.push_back(in.get());
  }
  return count;
}

}  // namespace

void Context::set_maximum_bytes_billed(std::optional<int64_t> bytes) {
  if (bytes && *bytes < 0) {
    throw InvalidArgumentError("maximum_bytes_billed must be a non-negative number of bytes, or None for no limit");
  }
  options_.maximum_bytes_billed = bytes;
}

QueryStats Context::dry_run(const plan::NodePtr& input, const compile::Output& output) {
  auto serialized = serialize();
  const plan::NodePtr plan = prepared(input);
  require_open();
  ScanPlan p = plan_scans(plan, output);
  QueryStats s = estimate(p);
  s.sql = compile::plan_to_sql(plan, output, p.files, dialect_of(options_.engine));
  return s;
}

namespace {

/// One scan as explain() shows it: what it keeps, reads and has pushed down.
void explain_scan(std::ostream& out, const rewrite::ScanChoice& c, const compile::ScanRead& read) {
  ScanCost cost = scan_cost(c, read);
  out << "  " << c.node->source_name() << ": files " << cost.files << " of " << c.node->files().size()
      << ", row groups " << cost.row_groups << " of " << cost.row_groups_total << "\n";
  out << "    columns read: ";
  for (size_t i = 0; i < read.columns.size(); ++i) out << (i ? ", " : "") << read.columns[i];
  out << (read.positions ? "; positions from file row numbers (no window)" : "") << "\n";
  out << "    pushed down: "
      << (c.condition.empty() ? "nothing (no filter on constants above the scan)" : condition_text(c.condition))
      << "\n";
}

}  // namespace

namespace {

/// Queries whose stats wait for settle_stats() at most, and statements the engine's log holds
/// at most, before measured() settles them itself (a few microseconds a query, amortized).
constexpr size_t kMaxPendingStats = 64;
constexpr int64_t kMaxLoggedStatements = 1024;
/// Estimated bytes from which a query of files gets the engine's progress estimate (about a
/// tenth of a second of scanning; see Connection::set_progress_estimate).
constexpr int64_t kProgressEstimateBytes = int64_t{64} << 20;

}  // namespace

void Context::measured(const plan::NodePtr& plan, const compile::Output& output,
                       const std::function<int64_t(const compile::ScanFiles&, std::string& sql)>& run,
                       bool streamed) {
  auto serialized = serialize();
  require_open();
  sync_functions();
  if (spark_) spark_->register_functions(plan);
  auto p = std::make_shared<ScanPlan>(plan_scans(plan, output));
  QueryStats s = estimate(*p);
  if (options_.maximum_bytes_billed && s.bytes_processed > *options_.maximum_bytes_billed) {
    throw QueryTooLargeError("this query would process an estimated " + std::to_string(s.bytes_processed) +
                             " bytes, more than maximum_bytes_billed (" +
                             std::to_string(*options_.maximum_bytes_billed) +
                             "); filter on partitioning or clustering columns, select fewer columns, or raise "
                             "options.compute.maximum_bytes_billed");
  }
  // Only scans of files and queries of the user's own SQL read files; data held in the
  // session costs no bytes and needs no measurement.
  const bool user_sql = count_nodes(plan, plan::NodeKind::SqlQuery) > 0;
  bool reads_files = !p->choices.empty() || user_sql;
  // The bytes of scans are cormorant's own count: the chunks of the columns read in the row
  // groups that pruning keeps, from the files' Parquet metadata (the estimate, exact before
  // running, as BigQuery's: a LIMIT the engine stops early at does not lower it). Only the
  // user's SQL reads files cormorant does not know: those reads are measured from the
  // engine's log, recorded for such queries alone (a stream's stats are the estimate). On
  // Spark they are Spark's measure: the sizes of the files its scans read (whole files).
  bool measure_reads = user_sql && !streamed && !spark_;
  connection_.record_file_reads(measure_reads);  // (before any statement of this query)
  verify_files(p->choices);
  // A stream is still running when `run` returns, and any other statement (such as reading
  // the log when its stats are asked for) would end it: nothing may wait for the log then.
  bool log_full = connection_.statements_logged() >= kMaxLoggedStatements;
  if ((streamed && !pending_.empty()) || pending_.size() >= kMaxPendingStats || log_full) settle_stats(log_full);
  // Floating-point aggregates give the same bits on every run only when rows are added in
  // one order (a streamed query keeps the setting while it is read: any other query ends it).
  connection_.set_threads(compile::order_sensitive(plan) ? 1 : 0);
  // Queries of many bytes, and of sources whose size is not known here (tables the session
  // holds, the user's SQL), get the engine's progress estimate; small ones go without.
  connection_.set_progress_estimate(s.bytes_processed >= kProgressEstimateBytes ||
                                    user_sql || count_nodes(plan, plan::NodeKind::TableScan) > 0);
  int64_t tag = next_tag_++;
  if (measure_reads) connection_.tag_next_statement(tag);
  auto start = std::chrono::steady_clock::now();
  try {
    s.rows = run(p->files, s.sql);
  } catch (...) {
    connection_.tag_next_statement(std::nullopt);  // (`run` may have failed before its statement)
    throw;
  }
  s.elapsed_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  s.dry_run = false;
  if (!reads_files) s.bytes_processed = 0;
  if (user_sql && spark_) {
    engine::FilesRead read = spark_->remote().files_read();
    s.bytes_processed = read.bytes;
    s.files_scanned = read.files;
  }
  ++totals_.queries;
  totals_.elapsed_seconds += s.elapsed_seconds;
  if (measure_reads) {
    // The bytes are measured from the log when someone asks (settle_stats); until then the
    // query's stats wait with its scans.
    pending_.push_back({tag, plan, std::move(p), s});
  } else {
    totals_.bytes_processed += s.bytes_processed;
  }
  last_query_pending_ = measure_reads;
  last_query_ = std::move(s);
}

void Context::settle_stats(bool empty_log) {
  auto serialized = serialize();
  if (pending_.empty() && !empty_log) return;
  auto reads = connection_.take_file_reads();
  for (auto& q : pending_) {
    auto it = reads.find(q.tag);
    measure(*q.scans, it == reads.end() ? std::vector<engine::FileRead>{} : it->second, q.stats);
    totals_.bytes_processed += q.stats.bytes_processed;
  }
  if (last_query_pending_) last_query_ = pending_.back().stats;
  last_query_pending_ = false;
  pending_.clear();
}

QueryStats Context::last_query() {
  auto serialized = serialize();
  if (!closed_) settle_stats();
  return last_query_;
}

SessionTotals Context::totals() {
  auto serialized = serialize();
  if (!closed_) settle_stats();
  return totals_;
}

std::string Context::explain(const plan::NodePtr& input, const compile::Output& output) {
  auto serialized = serialize();
  const plan::NodePtr plan = prepared(input);
  require_open();
  ScanPlan p = plan_scans(plan, output);
  QueryStats s = estimate(p);
  std::ostringstream out;
  out << "SQL:\n" << compile::plan_to_sql(plan, output, p.files, dialect_of(options_.engine)) << "\n\nScans:\n";
  if (p.choices.empty()) out << "  none from files (data held in the session)\n";
  for (const auto& c : p.choices) {
    auto read = p.reads.find(c.node);
    if (read != p.reads.end()) explain_scan(out, c, read->second);
  }
  int windows = count_nodes(plan, plan::NodeKind::RowNumber);
  out << "\nOrdering: ";
  const auto& o = plan->ordering();
  if (o.empty()) {
    out << "none (partial ordering mode or peek: rows come in any order)\n";
  } else if (o.physical) {
    out << "the source's stored row order (no ORDER BY)\n";
  } else {
    out << "ORDER BY over " << o.keys.size()
        << " key(s): the result keeps the DataFrame's order (a sort, an index over a query's rows, or an "
           "alignment)\n";
  }
  if (windows) {
    out << "Row numbering windows: " << windows
        << " (positions over an order the source does not store: head/iloc/default index after a sort or a "
           "query)\n";
  }
  out << "\nEstimated bytes processed: " << s.bytes_processed << " (files " << s.files_scanned << " of "
      << s.files_total << ", row groups " << s.row_groups_scanned << " of " << s.row_groups_total << ")\n";
  return out.str();
}

}  // namespace cormorant::session
