// User functions in the engine: a C++ ScalarUdf called with Arrow batches, compared with the
// same computation written in SQL and run by DuckDB directly.
#include <gtest/gtest.h>

#include <atomic>
#include <cstring>
#include <functional>
#include <set>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/session/udf.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DType;
using cormorant::ScalarUdf;
using cormorant::Session;
using cormorant::SessionOptions;

/// An int64 Arrow array wrapped in a one-column struct, owning its buffers.
struct OwnedInt64Batch {
  std::vector<int64_t> values;
  std::vector<uint8_t> validity;
  const void* child_buffers[2];
  const void* struct_buffers[1] = {nullptr};
  ArrowArray child{};
  ArrowArray* children[1];
  ArrowSchema child_schema{};
  ArrowSchema* schema_children[1];
};

void release_array(ArrowArray* a) {
  if (a->private_data) delete static_cast<OwnedInt64Batch*>(a->private_data);
  a->release = nullptr;
}
void release_child(ArrowArray* a) { a->release = nullptr; }
void release_schema(ArrowSchema* s) { s->release = nullptr; }

/// x * 2 + 1 of an Int64 argument, missing stays missing.
void times_two_plus_one(ArrowSchema* args_schema, ArrowArray* args, ArrowSchema* result_schema, ArrowArray* result) {
  ASSERT_EQ(args->n_children, 1);
  ASSERT_STREQ(args_schema->children[0]->format, "l");
  const ArrowArray* in = args->children[0];
  const auto* valid = static_cast<const uint8_t*>(in->buffers[0]);
  const auto* data = static_cast<const int64_t*>(in->buffers[1]);
  auto* b = new OwnedInt64Batch();
  int64_t n = in->length;
  b->values.resize(n);
  b->validity.assign((n + 7) / 8, 0);
  int64_t nulls = 0;
  for (int64_t i = 0; i < n; ++i) {
    int64_t j = i + in->offset;
    bool ok = valid == nullptr || (valid[j / 8] >> (j % 8)) & 1;
    if (ok) {
      b->values[i] = data[j] * 2 + 1;
      b->validity[i / 8] |= static_cast<uint8_t>(1 << (i % 8));
    } else {
      ++nulls;
    }
  }
  b->child_buffers[0] = b->validity.data();
  b->child_buffers[1] = b->values.data();
  b->child = ArrowArray{n, nulls, 0, 2, 0, b->child_buffers, nullptr, nullptr, release_child, nullptr};
  b->children[0] = &b->child;
  *result = ArrowArray{n, 0, 0, 1, 1, b->struct_buffers, b->children, nullptr, release_array, b};
  b->child_schema = ArrowSchema{"l", "r", nullptr, ARROW_FLAG_NULLABLE, 0, nullptr, nullptr, release_schema, nullptr};
  b->schema_children[0] = &b->child_schema;
  *result_schema = ArrowSchema{"+s", "", nullptr, 0, 1, b->schema_children, nullptr, release_schema, nullptr};
  args->release(args);
  args_schema->release(args_schema);
}

std::shared_ptr<ScalarUdf> make_udf(const std::string& name,
                                     std::function<void(ArrowSchema*, ArrowArray*, ArrowSchema*, ArrowArray*)> call) {
  auto udf = std::make_shared<ScalarUdf>();
  udf->engine_name = name;
  udf->arg_types = {DType::Int64};
  udf->result_type = DType::Int64;
  udf->call = std::move(call);
  return udf;
}

/// Registers the test's x * 2 + 1 function (each test runs in a process of its own).
void register_times_two() {
  cormorant::session::register_udf(make_udf("cormorant_udf_test_times_two", times_two_plus_one));
}

TEST(Udf, CppFunctionMatchesSqlOverManyChunks) {
  register_times_two();
  Session s(SessionOptions{":memory:"});
  // 10,000 rows: several engine chunks; every 7th value missing.
  auto df = s.read_sql("SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS x FROM range(10000) t(i)");
  auto got = df["x"].call("cormorant_udf_test_times_two").to_frame().to_table();
  auto want = s.execute_sql(
      "SELECT x * 2 + 1 AS x FROM (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS x FROM range(10000) t(i)) "
      "ORDER BY hash(x), hash(x, 1)");
  ASSERT_EQ(got.num_rows(), 10000);
  // read_sql orders rows by hashes of all columns: compare as multisets.
  std::multiset<std::string> a, b;
  for (int64_t r = 0; r < got.num_rows(); ++r) a.insert(got.at(r, 0).to_string());
  for (int64_t r = 0; r < want.num_rows(); ++r) b.insert(want.at(r, 0).to_string());
  EXPECT_EQ(a, b);
}

TEST(Udf, ExceptionFailsQueryAndIsRethrownUnchanged) {
  struct Boom : std::runtime_error {
    using std::runtime_error::runtime_error;
  };
  cormorant::session::register_udf(make_udf("cormorant_udf_test_boom", [](ArrowSchema*, ArrowArray*, ArrowSchema*, ArrowArray*) {
    throw Boom("boom from the function");
  }));
  register_times_two();
  Session s(SessionOptions{":memory:"});
  auto df = s.read_sql("SELECT i AS x FROM range(5000) t(i)");
  EXPECT_THROW(df["x"].call("cormorant_udf_test_boom").to_frame().to_table(), Boom);
  // The session still runs queries afterwards.
  EXPECT_EQ(df["x"].call("cormorant_udf_test_times_two").to_frame().to_table().num_rows(), 5000);
}

TEST(Udf, LargeInputRunsTheRestOfEachQueryWithTheOtherCallee) {
  // Rows each callee computed; both compute x * 2 + 1.
  auto small_rows = std::make_shared<std::atomic<int64_t>>(0), large_rows = std::make_shared<std::atomic<int64_t>>(0);
  auto counted = [](std::shared_ptr<std::atomic<int64_t>> rows) {
    return [rows](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs, ArrowArray* ra) {
      *rows += a->length;
      times_two_plus_one(s, a, rs, ra);
    };
  };
  auto large = make_udf("cormorant_udf_test_large", counted(large_rows));
  cormorant::session::register_udf(large);
  auto udf = make_udf("cormorant_udf_test_switching", counted(small_rows));
  udf->large_input = large;
  udf->large_input_rows = 4096;
  cormorant::session::register_udf(udf);
  Session s(SessionOptions{":memory:"});
  auto df = s.read_sql("SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS x FROM range(20000) t(i)");
  auto run = [&](int64_t n) {
    return df.head(n)["x"].call("cormorant_udf_test_switching").to_frame().to_table();
  };
  auto want = s.execute_sql("SELECT x * 2 + 1 FROM (SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i END AS x "
                            "FROM range(20000) t(i))");
  std::multiset<std::string> expected;
  for (int64_t r = 0; r < want.num_rows(); ++r) expected.insert(want.at(r, 0).to_string());
  auto got = run(20000);
  std::multiset<std::string> a;
  for (int64_t r = 0; r < got.num_rows(); ++r) a.insert(got.at(r, 0).to_string());
  EXPECT_EQ(a, expected);
  // The first rows of the query (at least the threshold) ran in the first callee, the rest in the other.
  EXPECT_GE(small_rows->load(), 4096);
  EXPECT_GT(large_rows->load(), 0);
  EXPECT_EQ(small_rows->load() + large_rows->load(), 20000);
  // Each query counts its own rows: a small query stays with the first callee.
  *small_rows = 0;
  *large_rows = 0;
  EXPECT_EQ(run(3000).num_rows(), 3000);
  EXPECT_EQ(small_rows->load(), 3000);
  EXPECT_EQ(large_rows->load(), 0);
}

TEST(Udf, LargeInputOnlyForFunctionsCostingLargeInputCostPerRow) {
  // Callees that report their own cost (udf_call_cpu_ns) per row: 5 us and 10 ns, against a
  // threshold of 1 us per row past 4096 rows. Both compute x * 2 + 1, so results never differ.
  auto large_rows = std::make_shared<std::atomic<int64_t>>(0);
  auto large = make_udf("cormorant_udf_test_cost_large", [large_rows](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs,
                                                                       ArrowArray* ra) {
    *large_rows += a->length;
    times_two_plus_one(s, a, rs, ra);
  });
  cormorant::session::register_udf(large);
  auto costing = [](int64_t ns_per_row) {
    return [ns_per_row](ArrowSchema* s, ArrowArray* a, ArrowSchema* rs, ArrowArray* ra) {
      int64_t rows = a->length;
      times_two_plus_one(s, a, rs, ra);
      cormorant::udf_call_cpu_ns() = ns_per_row * rows;
    };
  };
  Session s(SessionOptions{":memory:"});
  auto df = s.read_sql("SELECT i AS x FROM range(20000) t(i)");
  for (auto [name, ns, switches] : {std::tuple{"cormorant_udf_test_costly", 5000, true},
                                    std::tuple{"cormorant_udf_test_cheap", 10, false}}) {
    auto udf = make_udf(name, costing(ns));
    udf->large_input = large;
    udf->large_input_rows = 4096;
    udf->large_input_cost = 1e-6;
    cormorant::session::register_udf(udf);
    *large_rows = 0;
    auto got = df["x"].call(name).to_frame().to_table();
    ASSERT_EQ(got.num_rows(), 20000);
    std::shared_ptr<const cormorant::UdfRunCounts> run = udf->latest_run->counts;
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->rows.load(), 20000);
    EXPECT_EQ(run->large_input_rows.load(), large_rows->load());
    EXPECT_EQ(run->measured_rows.load() + run->large_input_rows.load(), 20000);
    EXPECT_EQ(run->cpu_ns.load(), ns * run->measured_rows.load());
    if (switches) {
      EXPECT_GT(large_rows->load(), 0) << name;
      EXPECT_GE(run->measured_rows.load(), 4096);
    } else {
      EXPECT_EQ(large_rows->load(), 0) << name;
    }
  }
}

TEST(Udf, SqlShowsTheCall) {
  register_times_two();
  Session s(SessionOptions{":memory:"});
  auto df = s.read_sql("SELECT 1 AS x");
  EXPECT_NE(df["x"].call("cormorant_udf_test_times_two").to_frame().sql().find("cormorant_udf_test_times_two("),
            std::string::npos);
}

}  // namespace

namespace {

/// Runs the project's Python to define routines in `warehouse` (as a Python user would).
void define_routines(const std::string& warehouse) {
  std::string python = CORMORANT_SOURCE_DIR "/.venv/bin/python";
  std::string script =
      "import cormorant.pandas as cpd\n"
      "s = cpd.Session('" + warehouse + "')\n"
      "@s.udf(dataset='fns', name='collatz')\n"
      "def collatz(n: int) -> int:\n"
      "    if n is None:\n"
      "        return None\n"
      "    steps = 0\n"
      "    while n > 1:\n"
      "        n = n // 2 if n % 2 == 0 else 3 * n + 1\n"
      "        steps += 1\n"
      "    return steps\n"
      "@s.udf(dataset='fns', name='fails', input_types=[int], output_type=int)\n"
      "def fails(n):\n"
      "    return 1 // (n - 42)\n"
      "s.close()\n";
  cormorant_test::TempDir dir("udf_define");
  std::string path = dir.write("define.py", script);
  ASSERT_EQ(std::system((python + " " + path).c_str()), 0);
}

TEST(Udf, CppProgramRunsStoredPythonRoutineInWorkers) {
  cormorant_test::TempDir wh("udf_workers");
  define_routines(wh.path().string());
  ::setenv("CORMORANT_PYTHON", CORMORANT_SOURCE_DIR "/.venv/bin/python", 1);
  SessionOptions options;
  options.warehouse = wh.path().string();
  Session s(options);
  cormorant::Function collatz = s.read_function("fns.collatz", 2);
  EXPECT_EQ(collatz.info().arg_types, std::vector<DType>{DType::Int64});
  auto df = s.read_sql("SELECT CASE WHEN i = 3 THEN NULL ELSE i + 1 END AS n FROM range(3000) t(i)");
  auto got = collatz(df["n"]).to_frame().to_table();
  // The same computation as a recursive SQL query, run by DuckDB directly.
  auto want = s.execute_sql(
      "WITH RECURSIVE c(start, n, steps) AS (SELECT i + 1, i + 1, 0 FROM range(3000) t(i) WHERE i <> 3 "
      "UNION ALL SELECT start, CASE WHEN n % 2 = 0 THEN n // 2 ELSE 3 * n + 1 END, steps + 1 FROM c WHERE n > 1) "
      "SELECT max(steps) AS steps FROM c GROUP BY start UNION ALL SELECT NULL");
  std::multiset<std::string> a, b;
  for (int64_t r = 0; r < got.num_rows(); ++r) a.insert(got.at(r, 0).to_string());
  for (int64_t r = 0; r < want.num_rows(); ++r) b.insert(want.at(r, 0).to_string());
  EXPECT_EQ(a, b);

  cormorant::Function fails = s.read_function("fns.fails", 1);
  auto plain = s.read_sql("SELECT i AS n FROM range(100) t(i)");
  try {
    fails(plain["n"]).to_frame().to_table();
    ADD_FAILURE() << "expected UdfExecutionError";
  } catch (const cormorant::UdfExecutionError& e) {
    EXPECT_EQ(e.routine_id(), "fns.fails");
    EXPECT_EQ(e.input_row_json(), "[42]");
    EXPECT_NE(e.traceback().find("ZeroDivisionError"), std::string::npos);
  }
  s.close();
}

}  // namespace
