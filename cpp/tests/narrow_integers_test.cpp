// Int8..Int32 and UInt8..UInt64 (issue 13): names, engine types, values read back as DuckDB
// run directly gives them, astype's wrap-around compared with DuckDB's own modular arithmetic,
// typed refusals of what is not supported yet.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/compile/sql.hpp>

namespace {

using cormorant::DType;
using cormorant::Session;
using cormorant::SessionOptions;

TEST(NarrowIntegers, NamesParseBack) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Int8", "TINYINT"},    {"Int16", "SMALLINT"},   {"Int32", "INTEGER"}, {"UInt8", "UTINYINT"},
      {"UInt16", "USMALLINT"}, {"UInt32", "UINTEGER"}, {"UInt64", "UBIGINT"}};
  const auto& dialect = cormorant::compile::duckdb_dialect();
  for (const auto& [name, engine] : names) {
    auto parsed = cormorant::parse_dtype(name);
    ASSERT_TRUE(parsed) << name;
    EXPECT_EQ(*parsed, DType::Integer) << name;
    EXPECT_EQ(cormorant::dtype_name(*parsed), name);
    EXPECT_EQ(dialect.type_name(*parsed), engine);
    std::string numpy = name;  // NumPy's spelling names the same nullable dtype, as int64 does Int64
    numpy[0] = static_cast<char>(std::tolower(numpy[0]));
    if (numpy[0] == 'u') numpy[1] = 'i';
    EXPECT_EQ(cormorant::parse_dtype(numpy), parsed) << numpy;
  }
  EXPECT_EQ(DType::integer(64, false), DType::Int64);
  EXPECT_EQ(DType(DType::Int64).bits(), 64);
  EXPECT_NE(DType::integer(8, true), DType::integer(8, false));
  EXPECT_NE(DType::integer(8, true), DType::integer(16, true));
  EXPECT_TRUE(DType::integer(8, true) < DType::integer(16, true) || DType::integer(16, true) < DType::integer(8, true));
  EXPECT_THROW(DType::list_of(DType::integer(8, true)), cormorant::DTypeError);
}

constexpr const char* kSql =
    "SELECT i, CAST(CASE WHEN i = 1 THEN NULL ELSE 250 + i END AS UTINYINT) AS u8, "
    "CAST(CASE WHEN i = 2 THEN NULL ELSE -128 + i END AS TINYINT) AS i8, "
    "CAST(18446744073709551615 - i AS UBIGINT) AS u64, CAST(i * 1000 AS INTEGER) AS i32 FROM range(5) t(i)";

TEST(NarrowIntegers, ResultsMatchTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto dtypes = df.dtypes();
  ASSERT_EQ(dtypes.size(), 5u);
  EXPECT_EQ(dtypes[1].dtype, DType::integer(8, true));
  EXPECT_EQ(dtypes[2].dtype, DType::integer(8, false));
  EXPECT_EQ(dtypes[3].dtype, DType::integer(64, true));
  EXPECT_EQ(dtypes[4].dtype, DType::integer(32, false));
  auto got = df[df["u8"] > int64_t{251}].sort_values({"i"}).to_table();
  auto want = s.execute_sql("SELECT u8, i8, i32 FROM (" + std::string(kSql) + ") WHERE u8 > 251 ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    EXPECT_EQ(got.at(r, got.column_index("u8")), want.at(r, 0));
    EXPECT_EQ(got.at(r, got.column_index("i8")), want.at(r, 1));
    EXPECT_EQ(got.at(r, got.column_index("i32")), want.at(r, 2));
  }
  // a UInt64 value past Int64's range is no Value: a typed error, not a wrapped number
  auto big = df.sort_values({"i"}).to_table();
  EXPECT_THROW(big.at(0, big.column_index("u64")), cormorant::DTypeError);
}

TEST(NarrowIntegers, AstypeWrapsAroundAsTheEnginesModulo) {
  Session s(SessionOptions{});
  auto df = s.read_sql("SELECT i, CAST(i * 97 - 700 AS BIGINT) AS x FROM range(20) t(i)");
  struct Case {
    const char* dtype;
    const char* modulo;  // DuckDB's own arithmetic of the wrapped value
  };
  for (const Case& c : {Case{"UInt8", "((x % 256) + 256) % 256"}, Case{"Int8", "((x + 128) % 256 + 256) % 256 - 128"},
                        Case{"UInt16", "((x % 65536) + 65536) % 65536"},
                        Case{"Int16", "((x + 32768) % 65536 + 65536) % 65536 - 32768"}}) {
    auto got = df.assign("y", df["x"].astype(*cormorant::parse_dtype(c.dtype))).sort_values({"i"}).to_table();
    auto want = s.execute_sql(std::string("SELECT ") + c.modulo + " FROM (SELECT i, CAST(i * 97 - 700 AS BIGINT) AS x FROM "
                              "range(20) t(i)) ORDER BY i");
    ASSERT_EQ(got.num_rows(), want.num_rows());
    for (int64_t r = 0; r < got.num_rows(); ++r) EXPECT_EQ(got.at(r, got.column_index("y")), want.at(r, 0)) << c.dtype;
  }
}

TEST(NarrowIntegers, ArithmeticWrapsAroundAsTheEnginesModulo) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  // UInt8 + UInt8 is UInt8 (NumPy), wrapped: DuckDB's own modulo of the exact sum
  auto sum = df["u8"] + df["u8"];
  EXPECT_EQ(sum.dtype(), DType::integer(8, true));
  auto got = df.assign("y", sum).assign("z", df["u8"] * df["i8"]).sort_values({"i"}).to_table();
  auto want = s.execute_sql("SELECT (CAST(u8 AS INTEGER) * 2) % 256, ((CAST(u8 AS INTEGER) * i8 + 32768) % 65536 + 65536) "
                            "% 65536 - 32768 FROM (" + std::string(kSql) + ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    EXPECT_EQ(got.at(r, got.column_index("y")), want.at(r, 0)) << r;
    EXPECT_EQ(got.at(r, got.column_index("z")), want.at(r, 1)) << r;
  }
  EXPECT_EQ((df["u8"] * df["i8"]).dtype(), DType::integer(16, false));
  EXPECT_EQ((df["u64"] + df["i8"]).dtype(), DType::Float64);
}

TEST(NarrowIntegers, WhatIsNotThereYetIsATypedError) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  EXPECT_THROW(df["u8"] & df["u8"], cormorant::DTypeError);
  EXPECT_EQ((df["u8"] % df["i8"]).dtype(), DType::integer(16, false));  // (// % ** are there: NumPy's promotion)
}

}  // namespace
