// DataFrame::quantiles (pandas' quantile with a list of q): every numeric column's quantiles
// in one query, compared with DuckDB's quantile_cont run directly.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>

namespace {

using cormorant::Session;
using cormorant::SessionOptions;

const char* kRows = "SELECT * FROM (VALUES (1, 1.5, 'x'), (2, NULL, 'y'), (NULL, 3.5, 'z'), (4, 4.0, NULL), (7, -2.0, 'x')) "
                    "t(a, b, s)";

TEST(Quantiles, EachNumericColumnEachQ) {
  Session session(SessionOptions{":memory:"});
  auto df = session.read_sql(kRows);
  std::vector<double> qs{0.0, 0.1, 0.5, 0.75, 1.0};
  auto got = df.quantiles(qs);
  ASSERT_EQ(got.size(), 2u);  // the string column is left out
  EXPECT_EQ(got[0].label, "a");
  EXPECT_EQ(got[1].label, "b");
  EXPECT_TRUE(got[0].has_missing);
  EXPECT_TRUE(got[1].has_missing);
  for (size_t c = 0; c < got.size(); ++c) {
    ASSERT_EQ(got[c].values.size(), qs.size());
    for (size_t i = 0; i < qs.size(); ++i) {
      auto want = session.execute_sql("SELECT CAST(quantile_cont(CAST(" + got[c].label.str() + " AS DOUBLE), " + std::to_string(qs[i]) +
                                      ") AS DOUBLE) FROM (" + kRows + ")");
      EXPECT_NEAR(got[c].values[i].get<double>(), want.at(0, 0).get<double>(), 1e-12) << got[c].label << " q=" << qs[i];
    }
  }
  // quantile(q) is the one-q case
  auto one = df.quantile(0.5);
  ASSERT_EQ(one.size(), 2u);
  EXPECT_DOUBLE_EQ(one[0].second.get<double>(), got[0].values[2].get<double>());
}

TEST(Quantiles, NoMissingValuesAndOutOfRange) {
  Session session(SessionOptions{":memory:"});
  auto df = session.read_sql("SELECT * FROM (VALUES (1), (2), (3)) t(a)");
  auto got = df.quantiles({0.5});
  ASSERT_EQ(got.size(), 1u);
  EXPECT_FALSE(got[0].has_missing);
  EXPECT_DOUBLE_EQ(got[0].values[0].get<double>(), 2.0);
  EXPECT_THROW(df.quantiles({0.5, 1.5}), cormorant::InvalidArgumentError);
}

}  // namespace
