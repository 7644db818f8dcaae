// Exponentially weighted windows (WindowSpec{.op = "ewm"}, engine/ewm_aggregates) from C++,
// compared with pandas' own recursion (window/aggregations.pyx, ewm and ewmcov) written out here
// row by row, on 20,000 rows with missing values in partitions; and ffill's limit and shift's
// fill_value compared with DuckDB run directly.
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
using cormorant::Value;
using cormorant::WindowSpec;

constexpr const char* kSql =
    "SELECT i, i % 3 AS k, CASE WHEN hash(i) % 5 = 0 THEN NULL ELSE 1 + (hash(i * 7 + 1) % 100000) / 100000.0 END AS v "
    "FROM range(20000) t(i)";

/// pandas 3.1's ewm (normalize: mean; else sum) and ewmcov(x, x, bias=False) of one partition.
std::vector<std::optional<double>> pandas_ewm(const std::vector<std::optional<double>>& vals, double com, bool adjust,
                                              bool ignore_na, int64_t minp, const std::string& what) {
  const double alpha = 1. / (1. + com), factor = 1 - alpha;
  double new_wt = adjust ? 1 : alpha;
  std::vector<std::optional<double>> out;
  double weighted = NAN, old_wt = 1, cov = 0, sum_wt = 1, sum_wt2 = 1;
  int64_t nobs = 0;
  for (size_t i = 0; i < vals.size(); ++i) {
    bool obs = vals[i].has_value();
    double cur = obs ? *vals[i] : NAN;
    nobs += obs;
    if (i == 0) {
      weighted = cur;
    } else if (!std::isnan(weighted)) {
      if (obs || !ignore_na) {
        if (what == "sum") {
          weighted *= factor;
          if (obs) weighted += cur;
        } else {
          sum_wt *= factor;
          sum_wt2 *= factor * factor;
          old_wt *= factor;
          if (obs) {
            double old_mean = weighted;
            if (weighted != cur) {
              if (!adjust && com == 1 && what == "mean") new_wt = 1. - old_wt;  // (pandas 3: irregular times)
              weighted = (old_wt * weighted + new_wt * cur) / (old_wt + new_wt);
            }
            cov = (old_wt * (cov + (old_mean - weighted) * (old_mean - weighted)) +
                   new_wt * (cur - weighted) * (cur - weighted)) / (old_wt + new_wt);
            sum_wt += new_wt;
            sum_wt2 += new_wt * new_wt;
            old_wt += new_wt;
            if (!adjust) {
              sum_wt /= old_wt;
              sum_wt2 /= old_wt * old_wt;
              old_wt = 1;
            }
          }
        }
      }
    } else if (obs) {
      weighted = cur;
    }
    if (nobs < minp) {
      out.push_back(std::nullopt);
    } else if (what == "var") {
      double numerator = sum_wt * sum_wt, denominator = numerator - sum_wt2;
      out.push_back(denominator > 0 && nobs > 1 ? std::optional<double>(numerator / denominator * cov) : std::nullopt);
    } else {
      out.push_back(std::isnan(weighted) ? std::nullopt : std::optional<double>(weighted));
    }
  }
  return out;
}

struct Case {
  double com;
  bool adjust;
  bool ignore_na;
  int64_t min_periods;
  AggFunc agg;
};

class Ewm : public ::testing::TestWithParam<Case> {};

TEST_P(Ewm, MatchesPandasRecursionPerPartition) {
  const Case c = GetParam();
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql).sort_values({"i"});
  WindowSpec spec{.op = "ewm", .min_periods = c.min_periods, .agg = c.agg};
  spec.com = c.com;
  spec.adjust = c.adjust;
  spec.ignore_na = c.ignore_na;
  DataFrame out = df.assign("all", df["v"].window(spec)).assign("by_k", df.groupby({"k"}).window(spec, {"v"}, false)["v"]);
  Table t = out.to_table();
  const int64_t v = t.column_index("v"), k = t.column_index("k"), whole = t.column_index("all"), by_k = t.column_index("by_k");
  std::vector<std::optional<double>> all;
  std::vector<std::vector<std::optional<double>>> parts(3);
  std::vector<std::pair<int, size_t>> where;
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    std::optional<double> x = t.is_null(r, v) ? std::nullopt : std::optional<double>(t.at(r, v).get<double>());
    all.push_back(x);
    int g = static_cast<int>(t.at(r, k).get<int64_t>());
    where.push_back({g, parts[g].size()});
    parts[g].push_back(x);
  }
  std::string what = c.agg == AggFunc::Mean ? "mean" : c.agg == AggFunc::Sum ? "sum" : "var";
  auto expected = pandas_ewm(all, c.com, c.adjust, c.ignore_na, c.min_periods, what);
  std::vector<std::vector<std::optional<double>>> expected_parts;
  for (const auto& p : parts) expected_parts.push_back(pandas_ewm(p, c.com, c.adjust, c.ignore_na, c.min_periods, what));
  auto check = [&](int64_t r, int64_t col, const std::optional<double>& want) {
    if (!want) {
      EXPECT_TRUE(t.is_null(r, col)) << "row " << r;
      return;
    }
    ASSERT_FALSE(t.is_null(r, col)) << "row " << r;
    double got = t.at(r, col).get<double>();
    EXPECT_NEAR(got, *want, 1e-12 * std::abs(*want)) << "row " << r;
  };
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    check(r, whole, expected[r]);
    check(r, by_k, expected_parts[where[r].first][where[r].second]);
  }
}

INSTANTIATE_TEST_SUITE_P(Options, Ewm,
                         ::testing::Values(Case{2.3, true, false, 1, AggFunc::Mean}, Case{999, true, false, 1, AggFunc::Mean},
                                           Case{0.001, true, true, 1, AggFunc::Mean}, Case{19, false, false, 1, AggFunc::Mean},
                                           Case{0.001, false, false, 1, AggFunc::Mean}, Case{1, false, false, 1, AggFunc::Mean},
                                           Case{1, false, true, 3, AggFunc::Mean}, Case{0.4, false, true, 3, AggFunc::Mean},
                                           Case{4, true, false, 2, AggFunc::Sum}, Case{0.5, true, true, 1, AggFunc::Sum},
                                           Case{9, true, false, 1, AggFunc::Var}, Case{2.3, true, true, 4, AggFunc::Var}));

TEST(Fills, LimitAndFillValueMatchTheEngine) {
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql).sort_values({"i"});
  WindowSpec ffill{.op = "ffill"};
  ffill.limit = 2;
  WindowSpec shift{.op = "shift", .periods = 3};
  shift.fill_value = Value(-1.0);
  Table got = df.assign("f", df["v"].window(ffill)).assign("s", df["v"].window(shift)).to_table();
  // DuckDB directly: the last value present among the two rows before and this one; lag's default.
  Table want = s.execute_sql(std::string("SELECT i, last_value(v IGNORE NULLS) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND "
                                         "CURRENT ROW) AS f, lag(v, 3, -1.0) OVER (ORDER BY i) AS s FROM (") +
                             kSql + ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (const char* col : {"f", "s"}) {
    for (int64_t r = 0; r < got.num_rows(); ++r) {
      EXPECT_EQ(got.at(r, got.column_index(col)), want.at(r, want.column_index(col))) << col << " row " << r;
    }
  }
}

}  // namespace
