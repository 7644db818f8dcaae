// Robustness of the C++ API (issue 9): a running query can be interrupted from another
// thread and the session keeps working; chains of operations deeper than cormorant can
// compile raise PlanTooDeepError where they are built, never crash.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <cormorant/cormorant.hpp>

namespace {

using cormorant::Session;
using cormorant::SessionOptions;

SessionOptions in_memory() {
  SessionOptions o;
  o.warehouse = ":memory:";
  return o;
}

TEST(Interrupt, StopsARunningQueryAndTheSessionKeepsWorking) {
  Session session(in_memory());
  // Billions of rows: runs for minutes unless interrupted.
  const std::string heavy = "SELECT count(*) AS n FROM range(100000) a(x), range(100000) b(y) WHERE x + y = x * y + 7";
  auto started = std::chrono::steady_clock::now();
  auto running = std::async(std::launch::async, [&] { session.execute_sql(heavy); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto interrupted_at = std::chrono::steady_clock::now();
  session.interrupt();
  EXPECT_THROW(running.get(), cormorant::InterruptedError);
  auto stopped = std::chrono::steady_clock::now();
  EXPECT_LT(std::chrono::duration<double>(stopped - interrupted_at).count(), 1.0);
  EXPECT_LT(std::chrono::duration<double>(stopped - started).count(), 60.0);

  // The next query runs, and gives the answer DuckDB gives.
  auto t = session.execute_sql("SELECT sum(range)::BIGINT AS s FROM range(1000)");
  EXPECT_EQ(t.at(0, 0).get<int64_t>(), 499500);
}

TEST(Interrupt, WhenNothingRunsChangesNothing) {
  Session session(in_memory());
  session.interrupt();
  auto t = session.execute_sql("SELECT 42::BIGINT AS x");
  EXPECT_EQ(t.at(0, 0).get<int64_t>(), 42);
}

TEST(DeepPlans, ExpressionChainRaisesPlanTooDeepErrorNotACrash) {
  Session session(in_memory());
  auto df = session.read_sql("SELECT range AS a FROM range(3)");
  auto s = df["a"];
  bool raised = false;
  try {
    for (int i = 0; i < 7000; ++i) s = s + cormorant::Value(int64_t{1});
  } catch (const cormorant::PlanTooDeepError& e) {
    raised = true;
    EXPECT_NE(std::string(e.what()).find(".cache()"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(raised);
}

TEST(DeepPlans, FilterChainRaisesPlanTooDeepErrorNotACrash) {
  Session session(in_memory());
  auto df = session.read_sql("SELECT range AS a FROM range(3)");
  bool raised = false;
  try {
    for (int i = 0; i < 100000; ++i) df = df[df["a"] > cormorant::Value(int64_t{-1 - i})];  // every row passes
  } catch (const cormorant::PlanTooDeepError&) {
    raised = true;
  }
  EXPECT_TRUE(raised);
  EXPECT_EQ(df.shape().first, 3);  // the last frame built still runs
}

}  // namespace
