// Managed tables, ordering modes and query cost through the C++ API. Oracles: DuckDB run
// directly on the same files (Session::execute_sql) for rows, statistics and bytes.
#include <gtest/gtest.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/plan/scan.hpp>
#include <cormorant/storage/lock.hpp>
#include <cormorant/storage/warehouse.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::DefaultIndexKind;
using cormorant::DType;
using cormorant::OrderingMode;
using cormorant::ReadTableOptions;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::Value;
using cormorant::WriteOptions;
using cormorant_test::TempDir;
using cormorant_test::tables_equal;
namespace fs = std::filesystem;
namespace plan = cormorant::plan;
namespace storage = cormorant::storage;

SessionOptions on(const TempDir& dir, OrderingMode mode = OrderingMode::Strict) {
  SessionOptions o;
  o.warehouse = (dir.path() / "wh").string();
  o.ordering_mode = mode;
  return o;
}

/// The penguins written as a table partitioned by island and clustered by species.
void write_penguins(const Session& s, const std::string& id = "zoo.penguins") {
  WriteOptions w;
  w.partitioning = storage::Partitioning{"island"};
  w.clustering = {"species", "sex"};
  w.row_group_size = 2048;
  s.read_csv(cormorant_test::penguins_path()).to_table(id, w);
}

/// The penguins in the table's order, computed by DuckDB from the CSV.
Table penguins_in_table_order(const Session& s, const std::string& where = "true",
                              const std::string& columns = "*") {
  return s.execute_sql("SELECT " + columns + " FROM (SELECT *, row_number() OVER () AS _pos FROM read_csv('" +
                       cormorant_test::penguins_path() +
                       "', nullstr = ['NA', '']) ) WHERE " + where +
                       " ORDER BY island NULLS LAST, species NULLS LAST, sex NULLS LAST, _pos");
}

TEST(Warehouse, TableIdsAreChecked) {
  EXPECT_EQ(storage::parse_table_id("ds.t_1"), std::make_pair(std::string("ds"), std::string("t_1")));
  for (const char* bad : {"t", "a.b.c", "1a.t", "a.t-x", ".t", "a."}) {
    EXPECT_THROW(storage::parse_table_id(bad), cormorant::InvalidArgumentError) << bad;
  }
}

TEST(Warehouse, ManifestRoundTrips) {
  storage::TableInfo info;
  info.dataset = "d";
  info.name = "t";
  info.columns = {{"a", DType::Int64}, {"ts", DType::Timestamp}};
  info.partitioning = storage::Partitioning{"ts", storage::Partitioning::Unit::Day};
  info.clustering = {"a"};
  info.version = "v";
  plan::ParquetFile f;
  f.path = "v/ts=2026-01-01/data.parquet";
  f.rows = 3;
  f.bytes = 100;
  f.partition = "2026-01-01";
  plan::RowGroupStats rg;
  rg.rows = 3;
  rg.columns["a"] = {4, 20, Value(int64_t{1}), Value(int64_t{9}), 0};
  rg.columns["ts"] = {24, 30, Value(int64_t{1767225600000000}), std::nullopt, 2};
  f.row_groups.push_back(rg);
  info.files.push_back(f);
  storage::TableInfo back = storage::from_json(storage::to_json(info));
  EXPECT_EQ(storage::to_json(back), storage::to_json(info));
  EXPECT_EQ(back.files[0].row_groups[0].columns["a"].max, Value(int64_t{9}));
  EXPECT_FALSE(back.files[0].row_groups[0].columns["ts"].max.has_value());
  EXPECT_EQ(back.partitioning->to_string(), "DAY(ts)");
}

TEST(Warehouse, ScanBoundsMatchDuckDB) {
  Session s(SessionOptions{":memory:"});
  for (const char* ts : {"2026-01-31 12:34:56", "1969-12-31 23:59:59.5", "2026-03-01T00:00:00",
                         "2026-03-01 01:00:00+01:00", "2000-02-29"}) {
    Table t = s.execute_sql(std::string("SELECT epoch_us(CAST(TIMESTAMPTZ '") + ts + "' AS TIMESTAMP))");
    EXPECT_EQ(plan::scan_bound(DType::TimestampTz, std::string(ts)), t.at(0, 0)) << ts;
  }
  Table d = s.execute_sql("SELECT CAST(DATE '2026-11-21' - DATE '1970-01-01' AS BIGINT)");
  EXPECT_EQ(plan::scan_bound(DType::Date, std::string("2026-11-21")), d.at(0, 0));
  EXPECT_FALSE(plan::scan_bound(DType::Timestamp, std::string("yesterday")).has_value());
  EXPECT_FALSE(plan::scan_bound(DType::Int64, std::string("12x")).has_value());
}

TEST(Warehouse, WriteReadListDescribeDrop) {
  TempDir dir("wh_rw");
  Session s(on(dir));
  write_penguins(s);
  EXPECT_EQ(s.list_datasets(), std::vector<std::string>{"zoo"});
  EXPECT_EQ(s.list_tables("zoo"), std::vector<std::string>{"penguins"});
  auto info = s.describe_table("zoo.penguins");
  Table islands = s.execute_sql("SELECT count(DISTINCT island) FROM read_csv('" + cormorant_test::penguins_path() + "')");
  EXPECT_EQ(Value(static_cast<int64_t>(info.files.size())), islands.at(0, 0));
  EXPECT_EQ(info.rows(), s.read_csv(cormorant_test::penguins_path()).shape().first);
  DataFrame t = s.read_table("zoo.penguins");
  Table want = penguins_in_table_order(s, "true", "* EXCLUDE (_pos)");
  EXPECT_TRUE(tables_equal(t.to_table(), want));
  s.drop_table("zoo.penguins");
  EXPECT_TRUE(s.list_tables("zoo").empty());
  EXPECT_THROW(s.read_table("zoo.penguins"), cormorant::NotFoundError);
  EXPECT_THROW(s.read_table("nope.penguins"), cormorant::NotFoundError);
}

TEST(Warehouse, FiltersColumnsAndIndex) {
  TempDir dir("wh_filters");
  Session s(on(dir));
  write_penguins(s);
  ReadTableOptions o;
  o.columns = {"species", "body_mass_g"};
  o.filters = {{{"island", "==", {Value("Biscoe")}}, {"body_mass_g", ">", {Value(int64_t{5000})}}},
               {{"species", "in", {Value("Chinstrap")}}}};
  Table got = s.read_table("zoo.penguins", o).to_table();
  Table want = penguins_in_table_order(
      s, "(island = 'Biscoe' AND body_mass_g > 5000) OR species IN ('Chinstrap')", "species, body_mass_g");
  EXPECT_TRUE(tables_equal(got, want));

  ReadTableOptions bad;
  bad.filters = {{{"nope", "==", {Value(int64_t{1})}}}};
  EXPECT_THROW(s.read_table("zoo.penguins", bad), cormorant::ColumnNotFoundError);
  bad.filters = {{{"body_mass_g", "==", {Value("heavy")}}}};
  EXPECT_THROW(s.read_table("zoo.penguins", bad), cormorant::DTypeError);
  bad.filters = {{{"body_mass_g", "like", {Value(int64_t{1})}}}};
  EXPECT_THROW(s.read_table("zoo.penguins", bad), cormorant::InvalidArgumentError);
}

TEST(Warehouse, ExistingTablesNeedIfExists) {
  TempDir dir("wh_exists");
  Session s(on(dir));
  write_penguins(s);
  DataFrame df = s.read_csv(cormorant_test::penguins_path()).head(5);
  EXPECT_THROW(df.to_table("zoo.penguins"), cormorant::AlreadyExistsError);
  EXPECT_EQ(s.describe_table("zoo.penguins").rows(), s.read_csv(cormorant_test::penguins_path()).shape().first);
  WriteOptions replace;
  replace.if_exists = "replace";
  df.to_table("zoo.penguins", replace);
  EXPECT_EQ(s.describe_table("zoo.penguins").rows(), 5);
  WriteOptions bad;
  bad.partitioning = storage::Partitioning{"bill_length_mm"};
  EXPECT_THROW(df.to_table("zoo.other", bad), cormorant::InvalidArgumentError);
  bad.partitioning = storage::Partitioning{"species", storage::Partitioning::Unit::Month};
  EXPECT_THROW(df.to_table("zoo.other", bad), cormorant::InvalidArgumentError);
  EXPECT_EQ(s.list_tables("zoo"), std::vector<std::string>{"penguins"});
}

TEST(Warehouse, KilledWriterLosesNothing) {
  TempDir dir("wh_killed");
  Session s(on(dir));
  write_penguins(s);
  Table before = s.read_table("zoo.penguins").to_table();
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // a writer killed between staging its data and committing it
    ::setenv("CORMORANT_TEST_KILL_BEFORE_COMMIT", "zoo.penguins", 1);
    Session writer(on(dir));
    WriteOptions replace;
    replace.if_exists = "replace";
    writer.read_csv(cormorant_test::penguins_path()).head(3).to_table("zoo.penguins", replace);
    std::_Exit(0);  // not reached: the hook exits with 137
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 137);
  Session reader(on(dir));
  EXPECT_TRUE(tables_equal(reader.read_table("zoo.penguins").to_table(), before));
}

TEST(Warehouse, PartialModeHasNoIndexAndNoOrder) {
  TempDir dir("wh_partial");
  Session strict(on(dir));
  write_penguins(strict);
  Session s(on(dir, OrderingMode::Partial));
  DataFrame t = s.read_table("zoo.penguins");
  EXPECT_TRUE(t.index().empty());
  EXPECT_THROW(t.head(3), cormorant::OrderRequiredError);
  // Printing shows any rows (no head/tail to raise) and the row count.
  std::string printed = t.to_string(10);
  EXPECT_NE(printed.find("[" + std::to_string(t.shape().first) + " rows x"), std::string::npos) << printed;
  EXPECT_THROW(t.iloc(0, 2), cormorant::OrderRequiredError);
  EXPECT_THROW(t["body_mass_g"] + s.read_table("zoo.penguins")["body_mass_g"], cormorant::NullIndexError);
  DataFrame same = t.assign("double", t["body_mass_g"] * Value(int64_t{2}));  // one source: a row join
  EXPECT_EQ(same.sql().find("ROW_NUMBER"), std::string::npos);
  EXPECT_EQ(same.sql().find("JOIN"), std::string::npos);
  DataFrame sorted = t.sort_values({"body_mass_g", "species", "island", "sex", "bill_length_mm", "year"}).head(3);
  Table want = strict.execute_sql(
      "SELECT * FROM read_csv('" + cormorant_test::penguins_path() +
      "', nullstr = ['NA', '']) ORDER BY body_mass_g NULLS LAST, species NULLS LAST, island NULLS LAST, sex NULLS LAST, "
      "bill_length_mm NULLS LAST, year NULLS LAST LIMIT 3");
  Table got = sorted.to_table();
  EXPECT_EQ(got.num_rows(), 3);
  for (int64_t c : {0, 1, 5}) {  // species, island, body_mass_g are determined by the sort keys
    for (int64_t r = 0; r < 3; ++r) EXPECT_EQ(got.at(r, got.column_index(want.schema()[c].name)), want.at(r, c));
  }
  ReadTableOptions null_index;
  null_index.default_index = DefaultIndexKind::Null;
  EXPECT_TRUE(strict.read_table("zoo.penguins", null_index).index().empty());
  EXPECT_EQ(strict.read_table("zoo.penguins", null_index).head(2).to_table().num_rows(), 2);
}

TEST(Warehouse, DryRunEqualsMeasuredAndMetadata) {
  TempDir dir("wh_cost");
  Session s(on(dir));
  write_penguins(s);
  for (OrderingMode mode : {OrderingMode::Strict, OrderingMode::Partial}) {
    s.set_ordering_mode(mode);
    DataFrame t = s.read_table("zoo.penguins");
    DataFrame q = t[t["island"] == Value("Dream")][{"species", "bill_length_mm"}];
    auto estimate = q.dry_run();
    q.to_table();
    const auto& job = s.last_query();
    EXPECT_EQ(job.bytes_processed, estimate.bytes_processed);
    EXPECT_EQ(job.files_scanned, 1);
    EXPECT_EQ(job.files_total, estimate.files_total);
    std::string files = (dir.path() / "wh" / "tables" / "zoo" / "penguins").string() + "/*/island=Dream/*.parquet";
    Table want = s.execute_sql("SELECT sum(total_compressed_size)::BIGINT, count(DISTINCT row_group_id)::BIGINT FROM "
                               "parquet_metadata('" + files + "') WHERE path_in_schema IN ('species', 'bill_length_mm', 'island')");
    EXPECT_EQ(Value(job.bytes_processed), want.at(0, 0));
    EXPECT_EQ(Value(job.row_groups_scanned), want.at(0, 1));
  }
  s.set_ordering_mode(OrderingMode::Strict);
  s.set_maximum_bytes_billed(int64_t{10});
  DataFrame all = s.read_table("zoo.penguins");
  EXPECT_THROW(all.to_table(), cormorant::QueryTooLargeError);
  s.set_maximum_bytes_billed(std::nullopt);
  EXPECT_NO_THROW(all.to_table());
  EXPECT_NE(all.explain().find("no ORDER BY"), std::string::npos);
}

TEST(Warehouse, SessionsCleanUpAfterThemselves) {
  TempDir dir("wh_clean");
  std::string id;
  {
    Session s(on(dir));
    id = s.id();
    EXPECT_TRUE(fs::exists(dir.path() / "wh" / "sessions" / id));
    s.close();
    EXPECT_FALSE(fs::exists(dir.path() / "wh" / "sessions" / id));
  }
  // A crashed session's artifacts: found by id and removed.
  fs::create_directories(dir.path() / "wh" / "sessions" / "deadbeef0000" / "spill");
  fs::create_directories(dir.path() / "wh" / "staging" / "deadbeef0000-1");
  Session other(on(dir));
  EXPECT_NE(other.id(), id);
  EXPECT_EQ(other.clean_up_by_session_id("deadbeef0000"), 2);
  EXPECT_FALSE(fs::exists(dir.path() / "wh" / "sessions" / "deadbeef0000"));
  EXPECT_THROW(other.clean_up_by_session_id("../etc"), cormorant::InvalidArgumentError);
}

// ---- concurrency: threads and processes on one warehouse ------------------------------------

/// Writer `w`'s batch `b`: 100 rows (w, b, i) with i = 0..99.
DataFrame batch(const Session& s, int w, int b) {
  return s.read_sql("SELECT CAST(" + std::to_string(w) + " AS BIGINT) AS w, CAST(" + std::to_string(b) +
                    " AS BIGINT) AS b, range AS i FROM range(100)");
}

/// Appends `batches` batches of writer `w` to `table`, each in its own commit.
void append_batches(const SessionOptions& o, const std::string& table, int w, int batches) {
  Session s(o);
  WriteOptions append;
  append.if_exists = "append";
  for (int b = 0; b < batches; ++b) batch(s, w, b).to_table(table, append);
}

TEST(WarehouseConcurrency, FileLockExcludesThreadsAndProcesses) {
  TempDir dir("wh_lock");
  fs::path path = dir.path() / "x.lock";
  // Threads: an unprotected read-modify-write inside the lock never interleaves.
  int counter = 0;
  std::atomic<int> inside{0}, overlaps{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        storage::FileLock lock(path, storage::FileLock::Mode::Exclusive);
        if (inside.fetch_add(1) != 0) overlaps.fetch_add(1);
        int seen = counter;
        std::this_thread::yield();
        counter = seen + 1;
        inside.fetch_sub(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter, 100);
  EXPECT_EQ(overlaps.load(), 0);
  // Shared locks coexist; an exclusive one waits for them.
  {
    storage::FileLock a(path, storage::FileLock::Mode::Shared);
    EXPECT_TRUE(storage::FileLock::try_lock(path, storage::FileLock::Mode::Shared).has_value());
    EXPECT_FALSE(storage::FileLock::try_lock(path, storage::FileLock::Mode::Exclusive).has_value());
  }
  // Processes: a lock held by a child excludes the parent until the child dies.
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    storage::FileLock lock(path, storage::FileLock::Mode::Exclusive);
    char c = 1;
    if (::write(ready[1], &c, 1) != 1) std::_Exit(2);
    ::pause();  // killed by the parent, still holding the lock
    std::_Exit(0);
  }
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  EXPECT_FALSE(storage::FileLock::try_lock(path, storage::FileLock::Mode::Shared).has_value());
  ::kill(child, SIGKILL);
  int status = 0;
  ::waitpid(child, &status, 0);
  EXPECT_TRUE(storage::FileLock::try_lock(path, storage::FileLock::Mode::Exclusive).has_value());
  ::close(ready[0]);
  ::close(ready[1]);
}

TEST(WarehouseConcurrency, ThreadsAndForkedProcessesAppendEveryRow) {
  TempDir dir("wh_appends");
  SessionOptions o = on(dir);
  constexpr int kProcesses = 3, kThreads = 3, kBatches = 3;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      try {
        append_batches(o, "ds.t", p, kBatches);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "writer %d: %s\n", p, e.what());
        std::_Exit(1);
      }
      std::_Exit(0);
    }
    children.push_back(child);
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        append_batches(o, "ds.t", kProcesses + t, kBatches);
      } catch (const std::exception& e) {
        ADD_FAILURE() << "thread " << t << ": " << e.what();
        failures.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (pid_t c : children) {
    int status = 0;
    ::waitpid(c, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  }
  ASSERT_EQ(failures.load(), 0);
  Session s(o);
  auto info = s.describe_table("ds.t");
  // DuckDB reads the committed files directly: every batch whole, none twice.
  std::string files;
  for (const auto& f : info.files) files += (files.empty() ? "'" : ", '") + f.path + "'";
  Table per_batch = s.execute_sql("SELECT count(*) AS batches, min(n) AS lo, max(n) AS hi, min(total) AS t FROM ("
                                  "SELECT w, b, count(*) AS n, CAST(sum(i) AS BIGINT) AS total FROM read_parquet([" + files +
                                  "]) GROUP BY w, b)");
  EXPECT_EQ(per_batch.at(0, 0), Value(int64_t{(kProcesses + kThreads) * kBatches}));
  EXPECT_EQ(per_batch.at(0, 1), Value(int64_t{100}));
  EXPECT_EQ(per_batch.at(0, 2), Value(int64_t{100}));
  EXPECT_EQ(per_batch.at(0, 3), Value(int64_t{4950}));
  EXPECT_EQ(s.read_table("ds.t").shape().first, (kProcesses + kThreads) * kBatches * 100);
  for (const auto& e : fs::directory_iterator(dir.path() / "wh" / "catalog" / "ds")) {
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
  }
}

TEST(WarehouseConcurrency, FailIsAtomicAcrossThreads) {
  TempDir dir("wh_fail");
  SessionOptions o = on(dir);
  std::atomic<int> won{0}, exists{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      Session s(o);
      try {
        batch(s, t, 0).to_table("ds.f");
        won.fetch_add(1);
      } catch (const cormorant::AlreadyExistsError&) {
        exists.fetch_add(1);
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(won.load(), 1);
  EXPECT_EQ(exists.load(), 3);
  Session s(o);
  EXPECT_EQ(s.read_table("ds.f").shape().first, 100);
}

TEST(WarehouseConcurrency, FailedAtomicWriteNamesTheReasonAndLeavesNoTemporary) {
  TempDir dir("wh_atomic");
  fs::path target = dir.path() / "m.json";
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // a file size limit makes the write fail with EFBIG
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limit{16, 16};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    try {
      storage::write_atomically(target, std::string(100, 'x'));
    } catch (const cormorant::FileWriteError& e) {
      std::string m = e.what();
      bool ok = m.find(target.string()) != std::string::npos && m.find(std::strerror(EFBIG)) != std::string::npos;
      std::_Exit(ok ? 0 : 3);
    }
    std::_Exit(4);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_TRUE(fs::is_empty(dir.path()));  // no temporary file, and no target
  storage::write_atomically(target, "{}");
  EXPECT_TRUE(fs::exists(target));
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

}  // namespace
