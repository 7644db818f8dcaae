// Rolling windows by a time offset (WindowSpec{.op = "rolling"} with offset_us and on) from
// C++, compared with pandas 3.1's window bounds (VariableOffsetWindowIndexer: a row's window is
// the rows before it and itself whose time is within the offset by `closed`, later rows of the
// same time outside; an open right end leaves out every row of the row's own time) written out
// here row by row, on times with ties, both ascending and descending; and the errors pandas
// gives for times out of order.
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>

namespace {

using cormorant::AggFunc;
using cormorant::DataFrame;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::WindowSpec;
using cormorant::plan::WindowClosed;

// Hours h (never decreasing in i, three or more rows to a time) as the timestamp t.
constexpr const char* kSql =
    "SELECT i, h, TIMESTAMP '2024-01-01' + to_hours(h) AS t, "
    "CASE WHEN i % 7 = 0 THEN NULL ELSE CAST(((i * 37) % 11) - 5 AS DOUBLE) END AS v "
    "FROM (SELECT i, (i // 3) * 5 + (i // 7) * 3 AS h FROM range(400) r(i))";

/// pandas' rolling sum (Max when `max`) of `v` by an offset of `hours` over `h` in row order.
std::vector<std::optional<double>> pandas_rolling(const std::vector<int64_t>& h, const std::vector<std::optional<double>>& v,
                                                  int64_t hours, WindowClosed closed, bool max) {
  bool left = closed == WindowClosed::Left || closed == WindowClosed::Both;
  bool right = closed == WindowClosed::Right || closed == WindowClosed::Both;
  int64_t sign = h.back() < h.front() ? -1 : 1;
  std::vector<std::optional<double>> out;
  for (size_t i = 0; i < h.size(); ++i) {
    std::optional<double> acc;
    for (size_t j = 0; j <= i; ++j) {
      int64_t back = (h[i] - h[j]) * sign;  // how far before row i, in time
      bool inside = (left ? back <= hours : back < hours) && (right ? true : back > 0);
      if (!inside || !v[j]) continue;
      acc = !acc ? *v[j] : max ? std::max(*acc, *v[j]) : *acc + *v[j];
    }
    out.push_back(acc);
  }
  return out;
}

class RollingOffset : public ::testing::TestWithParam<std::tuple<WindowClosed, bool, bool>> {};

TEST_P(RollingOffset, MatchesPandasWindowBounds) {
  auto [closed, descending, max] = GetParam();
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql).sort_values({"i"}, {!descending});
  WindowSpec spec{.op = "rolling", .agg = max ? AggFunc::Max : AggFunc::Sum};
  spec.offset_us = int64_t{12} * 3600 * 1000000;
  spec.closed = closed;
  spec.on = cormorant::Label("t");
  DataFrame rolled = df[std::vector<cormorant::Label>{"t", "v"}].window(spec, {});
  Table t = df.assign("r", rolled["v"]).assign("t2", rolled["t"]).to_table();
  std::vector<int64_t> h;
  std::vector<std::optional<double>> v;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    h.push_back(t.at(r, t.column_index("h")).get<int64_t>());
    v.push_back(t.is_null(r, t.column_index("v")) ? std::nullopt : std::optional<double>(t.at(r, t.column_index("v")).get<double>()));
    EXPECT_EQ(t.at(r, t.column_index("t2")), t.at(r, t.column_index("t"))) << "the on column is kept as it is";
  }
  auto expected = pandas_rolling(h, v, 12, closed, max);
  const int64_t col = t.column_index("r");
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    if (!expected[r]) {
      EXPECT_TRUE(t.is_null(r, col)) << "row " << r;
      continue;
    }
    ASSERT_FALSE(t.is_null(r, col)) << "row " << r;
    EXPECT_NEAR(t.at(r, col).get<double>(), *expected[r], 1e-9) << "row " << r;
  }
}

INSTANTIATE_TEST_SUITE_P(Closed, RollingOffset,
                         ::testing::Combine(::testing::Values(WindowClosed::Right, WindowClosed::Both, WindowClosed::Left,
                                                              WindowClosed::Neither),
                                            ::testing::Bool(), ::testing::Bool()));

TEST(RollingOffsetErrors, TimesOutOfOrderOrMissing) {
  Session s(SessionOptions{});
  WindowSpec spec{.op = "rolling"};
  spec.offset_us = 1000000;
  spec.on = cormorant::Label("t");
  DataFrame shuffled = s.read_sql(std::string("SELECT t, v FROM (") + kSql + ") ORDER BY (i * 7919) % 400");
  try {
    shuffled.sort_values({"v"}).window(spec, {}).to_table();
    FAIL() << "expected InvalidArgumentError";
  } catch (const cormorant::InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("t values must be monotonic"), std::string::npos) << e.what();
  }
  DataFrame missing = s.read_sql("SELECT i, CASE WHEN i = 3 THEN NULL ELSE TIMESTAMP '2024-01-01' + to_hours(i) END AS t, "
                                 "CAST(1 AS DOUBLE) AS v FROM range(6) r(i)");
  try {
    missing.sort_values({"i"}).window(spec, {}).to_table();
    FAIL() << "expected InvalidArgumentError";
  } catch (const cormorant::InvalidArgumentError& e) {
    EXPECT_NE(std::string(e.what()).find("t values must not have NaT"), std::string::npos) << e.what();
  }
  DataFrame numbers = s.read_sql("SELECT i AS t, CAST(1 AS DOUBLE) AS v FROM range(3) r(i)").sort_values({"t"});
  EXPECT_THROW(numbers.window(spec, {}), cormorant::InvalidArgumentError);
}

}  // namespace
