// Stopping running queries (engine::set_interrupt_check, set_signal_watch, signal_arrived): the
// check runs on the thread that runs the query, and a signal stops a query the watch accepted,
// even while the check says nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include <cormorant/common/error.hpp>
#include <cormorant/engine/engine.hpp>

namespace {

using namespace std::chrono_literals;

/// About ten seconds on two cores: only a stop ends it early.
constexpr const char* kEndlessQuery = "SELECT count(*) FROM range(2000000000) WHERE hash(range) % 7 = 3";
/// A few tenths of a second.
constexpr const char* kShortQuery = "SELECT count(*) FROM range(20000000) WHERE hash(range) % 7 = 3";

std::atomic<int> checks{0};
std::atomic<bool> checked_elsewhere{false};
std::thread::id query_thread;
std::atomic<bool> stop_now{false};

bool check() {
  ++checks;
  if (std::this_thread::get_id() != query_thread) checked_elsewhere = true;
  return stop_now.load();
}
bool watch_yes() { return true; }
bool watch_no() { return false; }

/// Resets the process-wide hooks when a test ends.
struct Hooks {
  Hooks(cormorant::engine::SignalWatch watch) {
    checks = 0;
    checked_elsewhere = false;
    stop_now = false;
    query_thread = std::this_thread::get_id();
    cormorant::engine::set_interrupt_check(&check);
    cormorant::engine::set_signal_watch(watch);
  }
  ~Hooks() {
    cormorant::engine::set_interrupt_check(nullptr);
    cormorant::engine::set_signal_watch(nullptr);
  }
};

/// Seconds `query` took on `conn` until it threw InterruptedError (-1: it did not).
double seconds_until_interrupted(cormorant::engine::Connection& conn, const char* query) {
  auto start = std::chrono::steady_clock::now();
  try {
    conn.query(query);
  } catch (const cormorant::Error& e) {
    EXPECT_EQ(e.kind(), cormorant::ErrorKind::Interrupted) << e.what();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return -1;
}

TEST(QueryWatch, TheCheckRunsOnTheQuerysThreadAndStopsIt) {
  Hooks hooks(&watch_no);
  cormorant::engine::Connection conn;
  std::thread later([] {
    std::this_thread::sleep_for(300ms);
    stop_now = true;
  });
  double seconds = seconds_until_interrupted(conn, kEndlessQuery);
  later.join();
  EXPECT_GE(seconds, 0.25);
  EXPECT_LT(seconds, 5.0);
  EXPECT_GE(checks.load(), 2) << "checked about every 50 ms";
  EXPECT_FALSE(checked_elsewhere.load()) << "the check runs on the thread that runs the query";
  stop_now = false;
  EXPECT_EQ(conn.query("SELECT CAST(41 + 1 AS BIGINT)").at(0, 0).get<int64_t>(), 42) << "the connection stays usable";
}

TEST(QueryWatch, ASignalStopsAWatchedQueryWhileTheCheckSaysNothing) {
  Hooks hooks(&watch_yes);
  cormorant::engine::Connection conn;
  std::thread later([] {
    std::this_thread::sleep_for(300ms);
    cormorant::engine::signal_arrived();
  });
  double seconds = seconds_until_interrupted(conn, kEndlessQuery);
  later.join();
  EXPECT_GE(seconds, 0.25);
  EXPECT_LT(seconds, 5.0);
  EXPECT_FALSE(checked_elsewhere.load());
  EXPECT_EQ(conn.query("SELECT CAST(41 + 1 AS BIGINT)").at(0, 0).get<int64_t>(), 42);
}

TEST(QueryWatch, ASignalLeavesAQueryTheWatchDidNotAccept) {
  Hooks hooks(&watch_no);
  cormorant::engine::Connection conn;
  const int64_t expected = conn.query(kShortQuery).at(0, 0).get<int64_t>();
  std::thread later([] {
    std::this_thread::sleep_for(50ms);
    cormorant::engine::signal_arrived();
  });
  int64_t got = conn.query(kShortQuery).at(0, 0).get<int64_t>();
  later.join();
  EXPECT_EQ(got, expected);
}

TEST(QueryWatch, ASignalBetweenQueriesStopsNone) {
  Hooks hooks(&watch_yes);
  cormorant::engine::Connection conn;
  const int64_t expected = conn.query(kShortQuery).at(0, 0).get<int64_t>();
  cormorant::engine::signal_arrived();
  std::this_thread::sleep_for(100ms);  // (the watcher has seen it, with no query running)
  EXPECT_EQ(conn.query(kShortQuery).at(0, 0).get<int64_t>(), expected);
}

}  // namespace
