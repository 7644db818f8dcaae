// Routines from the C++ API: the catalog (create, reuse, replace, list, describe, delete,
// cleanup of a session's unnamed routines), the code-hash check, and stored Python routines
// run in worker processes by a C++ program (results, errors, dead workers, failed writes,
// max_batching_rows, code loaded once per worker). Oracles: DuckDB run directly (sha256,
// the same computation in SQL) and values computed independently in the test.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/storage/warehouse.hpp>

#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
using cormorant::DType;
using cormorant::RoutineInfo;
using cormorant::Session;
using cormorant::SessionOptions;

/// A Python routine `dataset.name` whose entry point `f` has `source`, of Int64 -> Int64.
RoutineInfo python_routine(const std::string& dataset, const std::string& name, const std::string& source) {
  RoutineInfo r;
  r.dataset = dataset;
  r.name = name;
  r.entry_point = "f";
  r.source = source;
  r.arg_types = {DType::Int64};
  r.result_type = DType::Int64;
  r.python_version = "3.11";
  return r;
}

Session open_session(const fs::path& warehouse) {
  SessionOptions options;
  options.warehouse = warehouse.string();
  return Session(options);
}

/// The cells of column `col` of `t` as text (row order aside).
std::multiset<std::string> cells(const cormorant::Table& t, int col = 0) {
  std::multiset<std::string> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) out.insert(t.at(r, col).to_string());
  return out;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

fs::path routine_file(const fs::path& warehouse, const std::string& dataset, const std::string& name) {
  return warehouse / "catalog" / dataset / "routines" / (name + ".json");
}

const char* kIncrement = "def f(x):\n    return None if x is None else x + 1\n";

TEST(Routine, CreateReuseReplaceListDescribeDelete) {
  cormorant_test::TempDir wh("routine_catalog");
  Session s = open_session(wh.path());
  RoutineInfo info = python_routine("fns", "inc", kIncrement);
  EXPECT_TRUE(s.create_routine(info));
  // The recorded hash is the sha256 of the source, as DuckDB computes it.
  auto sha = s.execute_sql("SELECT sha256('" + cormorant_test::replace_all(info.source, "'", "''") + "')");
  EXPECT_EQ(info.code_hash, sha.at(0, 0).to_string());
  EXPECT_EQ(info.identity, cormorant::storage::routine_identity(info));
  EXPECT_EQ(info.creator_session, s.id());
  RoutineInfo stored = s.describe_routine("fns.inc");
  EXPECT_EQ(stored.source, info.source);
  EXPECT_EQ(stored.code_hash, info.code_hash);
  EXPECT_EQ(stored.identity, info.identity);
  EXPECT_EQ(stored.arg_types, info.arg_types);
  EXPECT_FALSE(stored.created.empty());
  EXPECT_EQ(s.list_routines("fns"), std::vector<std::string>{"inc"});

  // The same definition again: reused, nothing written.
  fs::path file = routine_file(wh.path(), "fns", "inc");
  auto stamp = fs::last_write_time(file);
  std::string text = read_text(file);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  RoutineInfo again = python_routine("fns", "inc", kIncrement);
  EXPECT_FALSE(s.create_routine(again));
  EXPECT_EQ(fs::last_write_time(file), stamp);
  EXPECT_EQ(read_text(file), text);
  // put_routine with replace writes it even so.
  cormorant::storage::Warehouse catalog(wh.path());
  EXPECT_TRUE(catalog.put_routine(stored, true));

  // A change of meaning replaces the named routine.
  RoutineInfo changed = python_routine("fns", "inc", "def f(x):\n    return None if x is None else x + 2\n");
  EXPECT_TRUE(s.create_routine(changed));
  EXPECT_NE(changed.identity, info.identity);
  EXPECT_EQ(s.describe_routine("fns.inc").source, changed.source);
  EXPECT_EQ(s.list_routines("fns"), std::vector<std::string>{"inc"});

  // all_routines: every dataset's, in order; a corrupt entry is skipped there and named by routine().
  RoutineInfo other = python_routine("more", "a", kIncrement);
  s.create_routine(other);
  fs::create_directories(routine_file(wh.path(), "more", "broken").parent_path());
  std::ofstream(routine_file(wh.path(), "more", "broken")) << "{\"dataset\": \"more\", \"na";
  std::vector<std::string> ids;
  for (const auto& r : catalog.all_routines()) ids.push_back(r.id());
  EXPECT_EQ(ids, (std::vector<std::string>{"fns.inc", "more.a"}));
  try {
    s.describe_routine("more.broken");
    ADD_FAILURE() << "expected InvalidArgumentError";
  } catch (const cormorant::InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json"), std::string::npos) << e.what();
  }

  s.delete_routine("fns.inc");
  EXPECT_TRUE(s.list_routines("fns").empty());
  EXPECT_THROW(s.describe_routine("fns.inc"), cormorant::NotFoundError);
  EXPECT_THROW(s.delete_routine("fns.inc"), cormorant::NotFoundError);
  EXPECT_THROW(s.describe_routine("nodataset.inc"), cormorant::NotFoundError);
  EXPECT_THROW(s.describe_routine("no_dot"), cormorant::InvalidArgumentError);
  s.close();
}

TEST(Routine, IdentityIsTheMeaningNotTheNameOrBatchSize) {
  RoutineInfo base = python_routine("a", "f", kIncrement);
  std::string id = cormorant::storage::routine_identity(base);
  auto with = [&](auto change) {
    RoutineInfo r = base;
    change(r);
    return cormorant::storage::routine_identity(r);
  };
  // Not part of the meaning.
  EXPECT_EQ(with([](RoutineInfo& r) { r.dataset = "b"; r.name = "g"; }), id);
  EXPECT_EQ(with([](RoutineInfo& r) { r.max_batching_rows = 10; r.created = "x"; r.creator_session = "y"; }), id);
  // Part of it: code, types, row input, packages and their versions, Python minor version, kind.
  EXPECT_NE(with([](RoutineInfo& r) { r.source += "\n"; }), id);
  EXPECT_NE(with([](RoutineInfo& r) { r.arg_types = {DType::Float64}; }), id);
  EXPECT_NE(with([](RoutineInfo& r) { r.result_type = DType::Float64; }), id);
  EXPECT_NE(with([](RoutineInfo& r) { r.arg_types.clear(); r.row_input = true; }), id);
  EXPECT_NE(with([](RoutineInfo& r) { r.packages = {{"numpy", "2.0"}}; }), id);
  EXPECT_NE(with([](RoutineInfo& r) { r.packages = {{"numpy", "2.1"}}; }), with([](RoutineInfo& r) {
              r.packages = {{"numpy", "2.0"}};
            }));
  EXPECT_NE(with([](RoutineInfo& r) { r.python_version = "3.12"; }), id);
  EXPECT_NE(cormorant::storage::routine_identity(base, "", "remote"), id);
  // The normalized code stands for the source: two sources with one normalized form agree.
  RoutineInfo other = base;
  other.source = "def g(y):\n    # a comment\n    return None if y is None else y + 1\n";
  EXPECT_EQ(cormorant::storage::routine_identity(other, "NORMAL"), cormorant::storage::routine_identity(base, "NORMAL"));
}

TEST(Routine, UnnamedRoutinesGoAwayWithCloseAndCleanUpBySessionId) {
  cormorant_test::TempDir wh("routine_cleanup");
  // A session that crashes (exits without close) after defining an unnamed routine: in a
  // child process, forked before this process starts any thread.
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(fds[0]);
    Session s = open_session(wh.path());
    RoutineInfo r = python_routine("", "", kIncrement);
    s.create_routine(r);
    std::string line = s.id() + " " + r.id() + "\n";
    if (::write(fds[1], line.data(), line.size()) < 0) ::_exit(2);
    ::_exit(0);  // no close
  }
  ::close(fds[1]);
  std::string out;
  char buf[256];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) out.append(buf, n);
  ::close(fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::string crashed_id = out.substr(0, out.find(' '));
  std::string crashed_routine = out.substr(out.find(' ') + 1, out.find('\n') - out.find(' ') - 1);
  std::string crashed_dataset = crashed_routine.substr(0, crashed_routine.find('.'));
  EXPECT_EQ(crashed_dataset, cormorant::storage::anonymous_dataset(crashed_id));
  EXPECT_TRUE(fs::exists(wh.path() / "catalog" / crashed_dataset / "routines"));

  Session s = open_session(wh.path());
  RoutineInfo r = python_routine("", "", kIncrement);
  EXPECT_TRUE(s.create_routine(r));
  EXPECT_EQ(r.dataset, cormorant::storage::anonymous_dataset(s.id()));
  EXPECT_EQ(r.name, "cormorant_" + r.identity.substr(0, 16));
  EXPECT_EQ(s.list_routines(r.dataset), std::vector<std::string>{r.name});
  RoutineInfo named = python_routine("fns", "kept", kIncrement);
  s.create_routine(named);
  // Sessions' own datasets are not the user's.
  for (const auto& d : s.list_datasets()) EXPECT_EQ(d.rfind("_session_", 0), std::string::npos) << d;
  // An open session cannot be cleaned up; the crashed one can.
  EXPECT_THROW(s.clean_up_by_session_id(s.id()), cormorant::SessionActiveError);
  EXPECT_GE(s.clean_up_by_session_id(crashed_id), 1);
  EXPECT_FALSE(fs::exists(wh.path() / "catalog" / crashed_dataset));
  s.close();
  EXPECT_FALSE(fs::exists(wh.path() / "catalog" / r.dataset));
  // Named routines stay.
  Session t = open_session(wh.path());
  EXPECT_EQ(t.list_routines("fns"), std::vector<std::string>{"kept"});
  t.close();
}

TEST(Routine, InMemorySessionNamesButStoresNothing) {
  Session s(SessionOptions{":memory:"});
  RoutineInfo r = python_routine("", "", kIncrement);
  EXPECT_TRUE(s.create_routine(r));
  EXPECT_EQ(r.id(), cormorant::storage::anonymous_dataset(s.id()) + ".cormorant_" + r.identity.substr(0, 16));
  EXPECT_THROW(s.describe_routine(r.id()), cormorant::InvalidArgumentError);
}

TEST(Routine, CodeChangedOutsideTheCatalogIsRefused) {
  cormorant_test::TempDir wh("routine_hash");
  Session s = open_session(wh.path());
  RoutineInfo r = python_routine("fns", "ident", "def f(x):\n    return x\n");
  s.create_routine(r);
  fs::path file = routine_file(wh.path(), "fns", "ident");
  auto entry = nlohmann::json::parse(read_text(file));
  entry["source"] = "def f(x):\n    return x + 1000\n";
  std::ofstream(file) << entry.dump();
  EXPECT_EQ(s.describe_routine("fns.ident").source, "def f(x):\n    return x + 1000\n");  // shown, not run
  for (auto load : {+[](const Session& s) { s.read_routine("fns.ident"); },
                    +[](const Session& s) { s.read_function("fns.ident"); }}) {
    try {
      load(s);
      ADD_FAILURE() << "expected UdfDefinitionError";
    } catch (const cormorant::UdfDefinitionError& e) {
      EXPECT_NE(std::string(e.what()).find("fns.ident does not match its recorded hash"), std::string::npos);
    }
  }
  s.close();
}

TEST(Routine, ThreadsCreateReplaceAndDeleteWithoutLosingOrTearingEntries) {
  namespace storage = cormorant::storage;
  cormorant_test::TempDir wh("routine_threads");
  auto version = [](int writer, int k) {
    RoutineInfo r = python_routine("fns", "", "def f(x):\n    return x + " + std::to_string(writer * 1000 + k) + "\n");
    r.code_hash = storage::code_hash(r.source);
    r.identity = storage::routine_identity(r);
    return r;
  };
  constexpr int kWriters = 4, kVersions = 25;
  std::atomic<int> running{kWriters};
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      storage::Warehouse catalog(wh.path());  // one per thread, as separate processes would have
      for (int k = 0; k < kVersions; ++k) {
        RoutineInfo own = version(w, k), shared = version(w, k);
        own.name = "t_" + std::to_string(w) + "_" + std::to_string(k);
        shared.name = "shared";
        catalog.put_routine(own);
        catalog.put_routine(shared);
        if (k % 2) catalog.drop_routine("fns", own.name);
      }
      --running;
    });
  }
  // A reader meanwhile: every entry it reads is whole (its code matches its hash, its identity
  // is that of its code), or gone since it was listed.
  storage::Warehouse reader(wh.path());
  int64_t reads = 0;
  while (running > 0) {
    if (!reader.has_dataset("fns")) continue;
    for (const auto& name : reader.routines("fns")) {
      try {
        RoutineInfo r = reader.routine("fns", name);
        EXPECT_EQ(storage::code_hash(r.source), r.code_hash) << name;
        EXPECT_EQ(storage::routine_identity(r), r.identity) << name;
        ++reads;
      } catch (const cormorant::NotFoundError&) {
      }
    }
  }
  for (auto& t : threads) t.join();
  EXPECT_GT(reads, 0);
  std::vector<std::string> want{"shared"};
  for (int w = 0; w < kWriters; ++w) {
    for (int k = 0; k < kVersions; k += 2) want.push_back("t_" + std::to_string(w) + "_" + std::to_string(k));
  }
  std::sort(want.begin(), want.end());
  EXPECT_EQ(reader.routines("fns"), want);
  for (const auto& name : want) {
    if (name == "shared") continue;
    int w = std::stoi(name.substr(2)), k = std::stoi(name.substr(name.rfind('_') + 1));
    EXPECT_EQ(reader.routine("fns", name).identity, version(w, k).identity) << name;
  }
  // Last writer wins: the shared entry is some writer's last version.
  std::string last = reader.routine("fns", "shared").identity;
  bool found = false;
  for (int w = 0; w < kWriters; ++w) found |= version(w, kVersions - 1).identity == last;
  EXPECT_TRUE(found);
}

/// A session whose workers run the project's Python.
Session worker_session(const fs::path& warehouse) {
  ::setenv("CORMORANT_PYTHON", CORMORANT_SOURCE_DIR "/.venv/bin/python", 1);
  return open_session(warehouse);
}

TEST(Routine, CppProgramErrorsNameTheRoutineRowAndTraceback) {
  cormorant_test::TempDir wh("routine_errors");
  Session s = worker_session(wh.path());
  RoutineInfo r = python_routine("fns", "div", "def f(x):\n    return 10 // (x - 3)\n");
  s.create_routine(r);
  auto df = s.read_sql("SELECT i AS x FROM range(50) t(i)");
  try {
    s.read_function("fns.div", 1)(df["x"]).to_frame().to_table();
    ADD_FAILURE() << "expected UdfExecutionError";
  } catch (const cormorant::UdfExecutionError& e) {
    EXPECT_EQ(e.routine_id(), "fns.div");
    EXPECT_EQ(e.input_row_json(), "[3]");
    EXPECT_NE(e.traceback().find("ZeroDivisionError"), std::string::npos) << e.traceback();
    EXPECT_NE(std::string(e.what()).find("fns.div"), std::string::npos);
  }
  // Rows without 3: Python's 10 // (x - 3) (floor division), as DuckDB computes it.
  auto got = s.read_function("fns.div", 1)(df[df["x"] != cormorant::Value(int64_t{3})]["x"]).to_frame().to_table();
  EXPECT_EQ(cells(got),
            cells(s.execute_sql("SELECT CAST(floor(10 / (i - 3)) AS BIGINT) FROM range(50) t(i) WHERE i <> 3")));
  s.close();
}

const char* kDiesOnSeven =
    "def f(x):\n"
    "    import os\n"
    "    if x == 7:\n"
    "        os._exit(3)\n"
    "    return x * 2\n";

TEST(Routine, WorkerDyingMidQueryFailsItAndIsReplaced) {
  cormorant_test::TempDir wh("routine_dies");
  Session s = worker_session(wh.path());
  RoutineInfo r = python_routine("fns", "dies", kDiesOnSeven);
  s.create_routine(r);
  cormorant::Function f = s.read_function("fns.dies", 1);
  auto df = s.read_sql("SELECT i AS x FROM range(10000) t(i)");
  try {
    f(df["x"]).to_frame().to_table();
    ADD_FAILURE() << "expected UdfExecutionError";
  } catch (const cormorant::UdfExecutionError& e) {
    EXPECT_EQ(e.routine_id(), "fns.dies");
    EXPECT_NE(std::string(e.what()).find("exited with code 3"), std::string::npos) << e.what();
  }
  // A new worker serves the next query.
  auto got = f(df[df["x"] != cormorant::Value(int64_t{7})]["x"]).to_frame().to_table();
  EXPECT_EQ(cells(got), cells(s.execute_sql("SELECT i * 2 FROM range(10000) t(i) WHERE i <> 7")));
  s.close();
}

TEST(Routine, FailedToTableWritesNothing) {
  cormorant_test::TempDir wh("routine_to_table");
  Session s = worker_session(wh.path());
  RoutineInfo r = python_routine("fns", "dies", kDiesOnSeven);
  s.create_routine(r);
  RoutineInfo raises = python_routine("fns", "raises", "def f(x):\n    if x == 5000:\n        raise RuntimeError('no')\n    return x\n");
  s.create_routine(raises);
  auto df = s.read_sql("SELECT i AS x FROM range(10000) t(i)");
  cormorant::WriteOptions replace;
  replace.if_exists = "replace";
  // The previous version of the table.
  df[df["x"] < cormorant::Value(int64_t{100})].to_table("ds.t");
  std::string version = s.describe_table("ds.t").version;
  auto before = cells(s.read_table("ds.t").to_table());
  for (const char* id : {"fns.dies", "fns.raises"}) {
    auto out = s.read_function(id, 1)(df["x"]).to_frame();
    EXPECT_THROW(out.to_table("ds.t", replace), cormorant::UdfExecutionError) << id;
    EXPECT_THROW(out.to_table("ds.new"), cormorant::UdfExecutionError) << id;
    EXPECT_EQ(s.describe_table("ds.t").version, version);
    EXPECT_EQ(cells(s.read_table("ds.t").to_table()), before);
    EXPECT_EQ(s.list_tables("ds"), std::vector<std::string>{"t"});
  }
  s.close();
}

/// The number of rows of the worker's call a row belongs to (found in the frame of
/// cormorant.udf that maps the function over one call's rows; 0 when there is none).
const char* kRowsInCall =
    "def f(x):\n"
    "    import sys\n"
    "    frame = sys._getframe().f_back\n"
    "    while frame is not None and (frame.f_globals.get('__name__') != 'cormorant.udf' or 'args' not in frame.f_locals):\n"
    "        frame = frame.f_back\n"
    "    return 0 if frame is None else len(frame.f_locals['args'][0])\n";

TEST(Routine, MaxBatchingRowsBoundsEveryCallOfAWorker) {
  cormorant_test::TempDir wh("routine_batching");
  Session s = worker_session(wh.path());
  RoutineInfo unbounded = python_routine("fns", "unbounded", kRowsInCall);
  s.create_routine(unbounded);
  RoutineInfo bounded = python_routine("fns", "bounded", kRowsInCall);
  bounded.max_batching_rows = 100;
  s.create_routine(bounded);
  EXPECT_EQ(bounded.identity, unbounded.identity);  // the bound is not part of the meaning
  auto df = s.read_sql("SELECT i AS x FROM range(5000) t(i)");
  auto sizes = [&](const std::string& id) {
    auto t = s.read_function(id, 1)(df["x"]).to_frame().to_table();
    std::map<int64_t, int64_t> rows_by_size;
    for (int64_t r = 0; r < t.num_rows(); ++r) rows_by_size[t.at(r, 0).get<int64_t>()]++;
    return rows_by_size;
  };
  auto free = sizes("fns.unbounded");
  EXPECT_GT(free.rbegin()->first, 100);  // a whole engine chunk per call
  auto calls = sizes("fns.bounded");
  EXPECT_GT(calls.begin()->first, 0);
  EXPECT_LE(calls.rbegin()->first, 100);
  // Each call of k rows reports k for each of its k rows: every size's rows are whole calls.
  int64_t total = 0;
  for (auto [size, rows] : calls) {
    EXPECT_EQ(rows % size, 0) << size;
    total += rows;
  }
  EXPECT_EQ(total, 5000);
  s.close();
}

TEST(Routine, CodeIsLoadedIntoAWorkerOnce) {
  cormorant_test::TempDir wh("routine_load_once");
  fs::path log = wh.path() / "loads.txt";
  // Module-level code runs when a worker loads the routine: it logs the worker's pid.
  std::string source = "import os as _os\n"
                       "with open(" + nlohmann::json(log.string()).dump() + ", 'a') as _log:\n"
                       "    _log.write(f'{_os.getpid()}\\n')\n"
                       "def f(x):\n"
                       "    import os\n"
                       "    return os.getpid()\n";
  Session s = worker_session(wh.path());
  RoutineInfo r = python_routine("fns", "pid", source);
  s.create_routine(r);
  cormorant::Function f = s.read_function("fns.pid", 2);
  auto df = s.read_sql("SELECT i AS x FROM range(30000) t(i)");
  std::map<std::string, int64_t> rows_by_pid;
  for (int query = 0; query < 3; ++query) {
    auto t = f(df["x"]).to_frame().to_table();
    ASSERT_EQ(t.num_rows(), 30000);
    for (int64_t i = 0; i < t.num_rows(); ++i) rows_by_pid[t.at(i, 0).to_string()]++;
  }
  std::map<std::string, int> loads_by_pid;
  std::ifstream in(log);
  for (std::string pid; std::getline(in, pid);) loads_by_pid[pid]++;
  // Every worker that computed rows loaded the code exactly once, though it served many chunks
  // (2048 rows each) over three queries.
  ASSERT_FALSE(rows_by_pid.empty());
  EXPECT_LE(rows_by_pid.size(), 2u);
  int64_t total = 0, most = 0;
  for (const auto& [pid, rows] : rows_by_pid) {
    EXPECT_EQ(loads_by_pid[pid], 1) << pid;
    total += rows;
    most = std::max(most, rows);
  }
  EXPECT_EQ(total, 90000);
  EXPECT_GT(most, 3 * 2048);  // one worker, at least, served several chunks
  for (const auto& [pid, loads] : loads_by_pid) EXPECT_EQ(loads, 1) << pid;
  s.close();
}

}  // namespace
