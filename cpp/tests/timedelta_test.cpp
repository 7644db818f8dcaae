// The timedelta64[us] dtype from C++: its name, engine type, values of datetime differences and
// timedelta arithmetic, reductions and .dt parts compared with DuckDB run directly on the same
// data, and typed refusals.
#include <gtest/gtest.h>

#include <string>

#include <cormorant/cormorant.hpp>
#include <cormorant/compile/sql.hpp>

namespace {

using cormorant::AggFunc;
using cormorant::DType;
using cormorant::Moment;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Value;

constexpr const char* kSql =
    "SELECT i, TIMESTAMP '2024-03-10 01:30' + to_microseconds(i * 3700000123 - 9000000000) AS a, "
    "CASE WHEN i % 4 = 1 THEN NULL ELSE TIMESTAMP '2024-03-09 23:00' - to_microseconds(i * i * 86399999999) END AS b "
    "FROM range(9) t(i)";

TEST(Timedelta, NameAndEngineType) {
  EXPECT_EQ(cormorant::dtype_name(DType::Timedelta), "timedelta64[us]");
  EXPECT_EQ(cormorant::parse_dtype("timedelta64[us]"), DType(DType::Timedelta));
  EXPECT_EQ(cormorant::parse_dtype("timedelta64[ns]"), DType(DType::Timedelta));
  EXPECT_TRUE(cormorant::holds_nat(DType::Timedelta));
  EXPECT_EQ(cormorant::compile::duckdb_dialect().type_name(DType::Timedelta), "BIGINT");
  EXPECT_EQ(Value(Moment::timedelta(-1)).dtype(), DType::Timedelta);
}

TEST(Timedelta, ArithmeticMatchesTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto diff = df["a"] - df["b"];
  ASSERT_EQ(diff.dtype(), DType::Timedelta);
  auto shifted = df["a"] + (diff * Value(int64_t{-2})) / Value(int64_t{3});
  ASSERT_EQ(shifted.dtype(), DType::Timestamp);
  auto frame = df.assign("d", diff).assign("s", shifted).assign("days", diff.call("td_days"));
  auto got = frame.sort_values({"i"}).to_table();
  auto want = s.execute_sql(
      "SELECT epoch_us(a) - epoch_us(b) AS d, a + to_microseconds((epoch_us(a) - epoch_us(b)) * -2 // 3) AS s, "
      "floor((epoch_us(a) - epoch_us(b)) / 86400000000)::BIGINT AS days FROM (" + std::string(kSql) + ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    ASSERT_EQ(got.is_null(r, 3), want.is_null(r, 0));
    if (got.is_null(r, 3)) continue;
    // a timedelta cell is its microseconds (Moment::timedelta); the engine's a BIGINT
    EXPECT_EQ(got.at(r, 3), Value(Moment::timedelta(want.at(r, 0).get<int64_t>())));
    EXPECT_EQ(got.at(r, 4).to_string(), want.at(r, 1).to_string());
    EXPECT_EQ(got.at(r, 5), want.at(r, 2));
  }
  auto totals = s.execute_sql("SELECT sum(epoch_us(a) - epoch_us(b))::BIGINT, max(epoch_us(a) - epoch_us(b)) FROM (" +
                              std::string(kSql) + ")");
  EXPECT_EQ(diff.aggregate(AggFunc::Sum), Value(Moment::timedelta(totals.at(0, 0).get<int64_t>())));
  EXPECT_EQ(diff.aggregate(AggFunc::Max), Value(Moment::timedelta(totals.at(0, 1).get<int64_t>())));
}

TEST(Timedelta, RefusalsAreTyped) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto diff = df["a"] - df["b"];
  EXPECT_THROW(diff + df["i"], cormorant::DTypeError);
  EXPECT_THROW(diff * diff, cormorant::DTypeError);
  EXPECT_THROW(df["a"] + df["b"], cormorant::DTypeError);
  EXPECT_THROW(diff.aggregate(AggFunc::Var), cormorant::DTypeError);
  EXPECT_THROW(diff.astype(DType::String), cormorant::DTypeError);
}

}  // namespace
