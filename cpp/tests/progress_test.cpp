// Query progress reports (engine::set_progress_report): a query that runs past the threshold
// is reported while it runs, with the engine's own estimate, and once more when it ends.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <vector>

#include <cormorant/engine/engine.hpp>

namespace {

using cormorant::engine::QueryProgress;
using namespace std::chrono_literals;

std::mutex reports_mutex;
std::vector<QueryProgress> reports;

void collect(const QueryProgress& p) {
  std::lock_guard lock(reports_mutex);
  reports.push_back(p);
}

/// A query of a few tenths of a second on two cores.
constexpr const char* kLongQuery = "SELECT count(*) FROM big WHERE hash(i) % 7 = 3";

/// Runs kLongQuery on `conn` (a new connection; the engine's estimate on or off) with
/// reports collected, and gives the reports; `answer` is the query's.
std::vector<QueryProgress> reported_run(cormorant::engine::Connection& conn, bool estimate, int64_t& answer) {
  conn.execute("CREATE TABLE big AS SELECT range AS i FROM range(20000000)");
  conn.set_progress_estimate(estimate);
  {
    std::lock_guard lock(reports_mutex);
    reports.clear();
  }
  answer = conn.query(kLongQuery).at(0, 0).get<int64_t>();
  cormorant::engine::set_progress_report(nullptr, 1000ms);
  std::lock_guard lock(reports_mutex);
  return reports;
}

TEST(Progress, LongQueryIsReportedWhileItRunsAndWhenItEnds) {
  cormorant::engine::set_progress_report(&collect, 0ms);
  cormorant::engine::Connection conn;
  int64_t answer = 0;
  std::vector<QueryProgress> got = reported_run(conn, true, answer);
  ASSERT_GE(got.size(), 2u) << "a query of a few tenths of a second gives reports every 50 ms";
  for (size_t i = 0; i + 1 < got.size(); ++i) {
    EXPECT_FALSE(got[i].finished);
    EXPECT_GE(got[i].percent, 0);
    EXPECT_LE(got[i].percent, 100);
    if (i > 0) {
      EXPECT_GE(got[i].percent, got[i - 1].percent);
      EXPECT_GE(got[i].seconds, got[i - 1].seconds);
    }
  }
  EXPECT_TRUE(got.back().finished);
  EXPECT_EQ(got.back().percent, 100);
  EXPECT_GE(got.back().seconds, got[got.size() - 2].seconds);
  // The reports do not change the answer: a second run without them gives the same.
  EXPECT_EQ(answer, conn.query(kLongQuery).at(0, 0).get<int64_t>());
}

TEST(Progress, WithoutTheEngineEstimateALongQueryIsReportedWithItsTime) {
  cormorant::engine::set_progress_report(&collect, 0ms);
  cormorant::engine::Connection conn;
  int64_t answer = 0;
  std::vector<QueryProgress> got = reported_run(conn, false, answer);
  ASSERT_GE(got.size(), 2u);
  for (size_t i = 0; i + 1 < got.size(); ++i) {
    EXPECT_EQ(got[i].percent, -1) << "no estimate: percent -1";
    EXPECT_EQ(got[i].rows_total, 0u);
    if (i > 0) EXPECT_GE(got[i].seconds, got[i - 1].seconds);
  }
  EXPECT_TRUE(got.back().finished);
  EXPECT_EQ(got.back().percent, 100);
  conn.set_progress_estimate(true);
  EXPECT_EQ(answer, conn.query(kLongQuery).at(0, 0).get<int64_t>());
}

TEST(Progress, NothingIsReportedWithoutAReportOrBeforeTheThreshold) {
  cormorant::engine::set_progress_report(&collect, 60s);
  cormorant::engine::Connection conn;
  reports.clear();
  conn.query("SELECT count(*) FROM range(1000000)");
  cormorant::engine::set_progress_report(nullptr, 1000ms);
  conn.query("SELECT count(*) FROM range(1000000)");
  std::lock_guard lock(reports_mutex);
  EXPECT_TRUE(reports.empty());
}

}  // namespace
