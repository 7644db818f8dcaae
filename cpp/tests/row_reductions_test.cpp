// Reductions along each row (DataFrame::call_rows("row_<func>"), pandas' DataFrame.<func>(axis=1))
// and dt.strftime's codes, from C++: values compared with DuckDB's own list aggregates and
// strftime run directly on the same data (missing values, rows of nothing, a second run), and
// the typed refusals.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <cormorant/cormorant.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::Session;
using cormorant::SessionOptions;

// Int64 x, Float64 y and z with missing values; rows 0 mod 6 miss all three.
const std::string kSql =
    "SELECT i, CASE WHEN i % 6 = 0 OR i % 4 = 1 THEN NULL ELSE (i * 37) % 23 - 5 END AS x, "
    "CASE WHEN i % 6 = 0 OR i % 5 = 2 THEN NULL ELSE ((i * 13) % 17) / 4.0::DOUBLE END AS y, "
    "CASE WHEN i % 6 = 0 OR i % 3 = 1 THEN NULL ELSE i / 8.0::DOUBLE - 2 END AS z FROM range(30) t(i)";

/// The cells of one column, row by row, the same within a relative 1e-12 (the engine's list
/// variance is computed otherwise than cormorant's two passes).
void expect_close(const cormorant::Table& got, const cormorant::Table& want, const std::string& what) {
  ASSERT_EQ(got.num_rows(), want.num_rows()) << what;
  for (int64_t r = 0; r < want.num_rows(); ++r) {
    cormorant::Value g = got.at(r, got.num_columns() - 1), w = want.at(r, 0);
    if (g.holds<double>() && w.holds<double>()) {
      EXPECT_NEAR(g.get<double>(), w.get<double>(), 1e-12 * std::max(1.0, std::fabs(w.get<double>()))) << what << " row " << r;
    } else {
      EXPECT_TRUE(cormorant_test::same_cell(g, w)) << what << " row " << r << ": " << g.to_string() << " vs " << w.to_string();
    }
  }
}

TEST(RowReductions, MatchTheEnginesListAggregates) {
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql).sort_values({"i"})[{"x", "y", "z"}];  // a SQL query's rows have no order
  const std::string list = "[x::DOUBLE, y, z]";
  // pandas: sums of nothing are 0, means and the rest of nothing missing; count never missing
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"row_sum", "coalesce(list_sum(" + list + "), 0)"},
      {"row_mean", "list_avg(" + list + ")"},
      {"row_min", "list_min(" + list + ")"},
      {"row_max", "list_max(" + list + ")"},
      {"row_count", "list_count([x, y, z])::BIGINT"},
      {"row_median", "list_median(" + list + ")"},
      {"row_var", "list_var_samp(" + list + ")"},
      {"row_std", "list_stddev_samp(" + list + ")"},
      {"row_sum_na", "CASE WHEN x IS NULL OR y IS NULL OR z IS NULL THEN NULL ELSE list_sum(" + list + ") END"},
      {"row_max_na", "CASE WHEN x IS NULL OR y IS NULL OR z IS NULL THEN NULL ELSE list_max(" + list + ") END"},
  };
  for (const auto& [function, sql] : cases) {
    cormorant::Table want = s.execute_sql("SELECT " + sql + " FROM (" + kSql + ") ORDER BY i");
    for (int run = 0; run < 2; ++run) expect_close(df.call_rows(function).to_table(), want, function);
  }
}

TEST(RowReductions, MomentsAndQuantilesMatchTheEnginesAggregatesOverEachRow) {
  // row_skew / row_kurt / row_quantile against the engine's skewness, kurtosis and
  // quantile_cont over each row's values unpivoted into rows (missing ones skipped), with
  // pandas' rules: <NA> under 3 (skew) or 4 (kurt) values and where the values do not spread.
  Session s(SessionOptions{});
  const std::string wide =
      "SELECT i, x::DOUBLE AS x, y, z, CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 5) * 1.5 END AS w FROM (" + kSql + ")";
  DataFrame df = s.read_sql(wide).sort_values({"i"})[{"x", "y", "z", "w"}];
  const std::string unpivoted = "(SELECT i, v FROM (" + wide + ") UNPIVOT (v FOR c IN (x, y, z, w)))";
  auto per_row = [&](const std::string& aggregate, int least) {
    return "SELECT r.v FROM (SELECT i FROM (" + wide + ")) AS rows LEFT JOIN (SELECT i, CASE WHEN count(v) >= " +
           std::to_string(least) + " AND var_pop(v) > 0 THEN " + aggregate + " END AS v FROM " + unpivoted +
           " GROUP BY i) AS r USING (i) ORDER BY rows.i";
  };
  const std::vector<std::tuple<std::string, std::vector<cormorant::Value>, std::string>> cases = {
      {"row_skew", {}, per_row("skewness(v)", 3)},
      {"row_kurt", {}, per_row("kurtosis(v)", 4)},
      {"row_quantile", {cormorant::Value(0.3)}, per_row("quantile_cont(v, 0.3)", 1)},
  };
  for (const auto& [function, params, sql] : cases) {
    std::string fixed = function == "row_quantile" ? std::string(sql).replace(sql.find("AND var_pop(v) > 0"), 18, "")
                                                   : sql;
    cormorant::Table want = s.execute_sql(fixed);
    for (int run = 0; run < 2; ++run) expect_close(df.call_rows(function, params).to_table(), want, function);
  }
  EXPECT_THROW(df.call_rows("row_quantile"), cormorant::InternalError);  // (the quantile is its parameter)
}

TEST(RowReductions, RefuseWhatPandasGivesNoDtypeFor) {
  Session s(SessionOptions{});
  DataFrame df = s.read_sql("SELECT 1::BIGINT AS x, true AS b, 'a' AS t");
  DataFrame numbers_and_booleans = df[{"x", "b"}];
  DataFrame numbers_and_text = df[{"x", "t"}];
  EXPECT_THROW(numbers_and_booleans.call_rows("row_sum"), cormorant::DTypeError);  // pandas: an object Series
  EXPECT_THROW(numbers_and_text.call_rows("row_mean"), cormorant::DTypeError);
  EXPECT_NO_THROW(numbers_and_booleans.call_rows("row_any"));
  EXPECT_THROW(numbers_and_booleans.call_rows("row_any_na"), cormorant::DTypeError);  // pandas: TypeError
}

TEST(Strftime, CompositeCodesAreTheirParts) {
  Session s(SessionOptions{});
  const std::string sql =
      "SELECT i, CASE WHEN i % 4 = 0 THEN NULL ELSE TIMESTAMP '2024-02-27 13:04:05' + i * INTERVAL 37 HOUR END AS t "
      "FROM range(12) t(i)";
  DataFrame df = s.read_sql(sql).sort_values({"i"});
  // the C locale's %c, %D, %r: written by DuckDB's strftime of their parts (%e as a space-padded day)
  cormorant::Table want = s.execute_sql(
      "SELECT strftime(t, '%a %b ') || lpad(day(t)::VARCHAR, 2, ' ') || strftime(t, ' %H:%M:%S ') || "
      "year(t)::VARCHAR || strftime(t, '|%m/%d/%y|%I:%M:%S %p') FROM (" + sql + ") ORDER BY i");
  for (int run = 0; run < 2; ++run) {
    expect_close(df["t"].call("dt_strftime", std::nullopt, {cormorant::Value(std::string("%c|%D|%r"))}).to_table(), want, "%c|%D|%r");
  }
  for (const char* refused : {"%q", "%N", "%_d", "%s", "%Ed"}) {
    EXPECT_THROW(df["t"].call("dt_strftime", std::nullopt, {cormorant::Value(std::string(refused))}), cormorant::NotImplementedError)
        << refused;
  }
}

}  // namespace
