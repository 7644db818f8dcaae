// Reductions not run when made (Series::reduction, plan::ScalarExpr): a filter or a column on
// a reduction of the same data is one query with a scalar subquery, compared with the same
// query written in SQL and run by DuckDB directly (TPC-H Q11's threshold, Q15's maximum, Q22's
// mean), with missing values, no rows, and a second run.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include <cormorant/cormorant.hpp>

#include "test_util.hpp"

namespace {

using cormorant::AggFunc;
using cormorant::DataFrame;
using cormorant::Scalar;
using cormorant::Series;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::Value;
using cormorant::plan::BinaryOp;
using cormorant_test::same_cell;

// Int64 x and Float64 y with missing values (y in quarters, so every sum is exact), 3 groups.
const std::string kSql =
    "SELECT i, CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 37) % 23 - 5 END AS x, "
    "CASE WHEN i % 5 = 1 THEN NULL ELSE ((i * 13) % 17) / 4.0::DOUBLE END AS y, i % 3 AS g FROM range(40) t(i)";

/// `got` and `want` have the same cells, column by column (got's first `columns` columns).
void expect_same(const Table& got, const Table& want) {
  ASSERT_EQ(got.num_rows(), want.num_rows());
  ASSERT_GE(got.num_columns(), want.num_columns());
  for (int64_t r = 0; r < want.num_rows(); ++r) {
    for (int64_t c = 0; c < want.num_columns(); ++c) {
      EXPECT_TRUE(same_cell(got.at(r, c), want.at(r, c)))
          << "row " << r << " column " << c << ": " << got.at(r, c).to_string() << " vs " << want.at(r, c).to_string();
    }
  }
}

TEST(LazyScalar, FilterOnASumTimesAConstantIsOneQuery) {
  // Q11: groups whose total is above a fraction of the grand total
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql);
  DataFrame groups = df.groupby({"g"}, /*as_index=*/false).agg({{"total", "y", AggFunc::Sum}});
  Scalar threshold = df["y"].reduction(AggFunc::Sum).binary(BinaryOp::Mul, Value(0.3));
  DataFrame kept = groups[groups["total"].binary(BinaryOp::Gt, threshold)].sort_values({"g"});
  EXPECT_NE(kept.sql().find("(SELECT "), std::string::npos) << kept.sql();
  Table want = s.execute_sql("SELECT g, sum(y) AS total FROM (" + kSql + ") GROUP BY g HAVING sum(y) > (SELECT sum(y) FROM (" +
                             kSql + ")) * 0.3 ORDER BY g");
  ASSERT_GT(want.num_rows(), 0);
  for (int run = 0; run < 2; ++run) {
    int64_t before = s.engine_statements();
    Table got = kept.to_table();
    if (run) EXPECT_EQ(s.engine_statements() - before, 1) << "one query, the reduction inside it";
    expect_same(got, want);
  }
}

TEST(LazyScalar, RowsEqualToTheMaximumOfAGroupedResult) {
  // Q15: the groups holding the largest total, the maximum in the same query
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql);
  DataFrame groups = df.groupby({"g"}, /*as_index=*/false).agg({{"total", "x", AggFunc::Sum}});
  Series total = groups["total"];
  DataFrame top = groups[total.binary(BinaryOp::Eq, total.reduction(AggFunc::Max))];
  Table want = s.execute_sql("WITH r AS (SELECT g, CAST(sum(x) AS BIGINT) AS total FROM (" + kSql +
                             ") GROUP BY g) SELECT g, total FROM r WHERE total = (SELECT max(total) FROM r) ORDER BY g");
  ASSERT_EQ(want.num_rows(), 1);
  expect_same(top.sort_values({"g"}).to_table(), want);
}

TEST(LazyScalar, IntegersAboveTheMeanOfTheirPositiveValues) {
  // Q22: an Int64 column against the Float64 mean of a filtered copy; a missing x is dropped
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql);
  DataFrame positive = df[df["x"].binary(BinaryOp::Gt, Value(int64_t{0}))];
  Scalar mean = positive["x"].reduction(AggFunc::Mean);
  EXPECT_EQ(mean.dtype(), cormorant::DType::Float64);
  DataFrame above = df[df["x"].binary(BinaryOp::Gt, mean)][{"i", "x"}];
  Table want = s.execute_sql("SELECT i, x FROM (" + kSql + ") WHERE x > (SELECT avg(x) FROM (" + kSql +
                             ") WHERE x > 0) ORDER BY i");
  expect_same(above.sort_values({"i"}).to_table(), want);
  // as a column: <NA> where x is missing, as pandas compares <NA>
  Table flags = df.assign("above", df["x"].binary(BinaryOp::Gt, mean)).sort_values({"i"})[{"above"}].to_table();
  Table want_flags = s.execute_sql("SELECT x > (SELECT avg(x) FROM (" + kSql + ") WHERE x > 0) AS above FROM (" + kSql +
                                   ") ORDER BY i");
  expect_same(flags, want_flags);
}

TEST(LazyScalar, ReductionsOfNoRows) {
  // the sum of nothing is 0; the maximum of nothing is <NA>, which no comparison passes
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql);
  Series none = df[df["x"].binary(BinaryOp::Gt, Value(int64_t{1000}))]["x"];
  EXPECT_EQ(none.reduction(AggFunc::Sum).value(), Value(int64_t{0}));
  EXPECT_TRUE(none.reduction(AggFunc::Max).value().is_na());
  EXPECT_EQ(df[df["x"].binary(BinaryOp::Lt, none.reduction(AggFunc::Max))].to_table().num_rows(), 0);
  EXPECT_EQ(df[df["x"].binary(BinaryOp::Ne, none.reduction(AggFunc::Max))].to_table().num_rows(), 0);
  Table positive = df[df["x"].binary(BinaryOp::Gt, none.reduction(AggFunc::Sum))][{"i"}].sort_values({"i"}).to_table();
  expect_same(positive, s.execute_sql("SELECT i FROM (" + kSql + ") WHERE x > 0 ORDER BY i"));
}

TEST(LazyScalar, ValueIsTheEngineAggregate) {
  Session s(SessionOptions{});
  DataFrame df = s.read_sql(kSql);
  struct Case {
    AggFunc func;
    const char* sql;
  };
  const Case cases[] = {{AggFunc::Sum, "sum"},       {AggFunc::Mean, "avg"},         {AggFunc::Min, "min"},
                        {AggFunc::Max, "max"},       {AggFunc::Count, "count"},      {AggFunc::Median, "median"},
                        {AggFunc::Std, "stddev_samp"}, {AggFunc::Var, "var_samp"}};
  for (const char* column : {"x", "y"}) {
    for (const auto& c : cases) {
      Value got = df[column].reduction(c.func).value();
      Value want =
          s.execute_sql(std::string("SELECT CAST(") + c.sql + "(" + column + ") AS DOUBLE) FROM (" + kSql + ")").at(0, 0);
      ASSERT_FALSE(got.is_na()) << c.sql << " " << column;
      auto number = [](const Value& v) {
        return v.holds<double>() ? v.get<double>() : static_cast<double>(v.get<int64_t>());  // (count: Int64)
      };
      EXPECT_NEAR(number(got), number(want), 1e-12 * std::max(1.0, std::abs(number(want)))) << c.sql << " " << column;
      EXPECT_TRUE(same_cell(got, df[column].aggregate(c.func))) << c.sql << " " << column << ": as the eager reduction";
    }
  }
  // arithmetic on it stays lazy, either side of the constant
  Value half = df["y"].reduction(AggFunc::Sum).binary(BinaryOp::TrueDiv, Value(2.0)).value();
  Value from = df["y"].reduction(AggFunc::Sum).binary(BinaryOp::Sub, Value(1.0), /*reflected=*/true).value();
  Value sum = s.execute_sql("SELECT sum(y) FROM (" + kSql + ")").at(0, 0);
  EXPECT_EQ(half, Value(sum.get<double>() / 2.0));
  EXPECT_EQ(from, Value(1.0 - sum.get<double>()));
}

TEST(LazyScalar, RefusalsAreTyped) {
  Session s(SessionOptions{}), other(SessionOptions{});
  DataFrame df = s.read_sql("SELECT 'a' AS t, 1::BIGINT AS n");
  EXPECT_THROW(df["t"].reduction(AggFunc::Max), cormorant::NotImplementedError);
  EXPECT_THROW(df["n"].reduction(AggFunc::First), cormorant::NotImplementedError);
  Scalar elsewhere = other.read_sql("SELECT 2::BIGINT AS n")["n"].reduction(AggFunc::Sum);
  EXPECT_THROW(df["n"].binary(BinaryOp::Gt, elsewhere), cormorant::NotImplementedError);
  EXPECT_THROW(df["t"].binary(BinaryOp::Add, df["n"].reduction(AggFunc::Sum)), cormorant::DTypeError);
}

}  // namespace
