// The storage dtypes binary, decimal128(38, 9) and list<item: T>: names, engine types, results
// compared with DuckDB run directly (decimal sums, means and order too), typed refusals, and a stored Python routine over them run
// from C++ in worker processes.
#include <gtest/gtest.h>

#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/compile/sql.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DType;
using cormorant::Session;
using cormorant::SessionOptions;

TEST(StorageDTypes, NamesParseBack) {
  std::vector<DType> all = {DType::Binary, DType::Decimal};
  for (DType item : {DType(DType::Boolean), DType(DType::Int64), DType(DType::Float64), DType(DType::String),
                     DType(DType::Date), DType(DType::Timestamp), DType::timestamp_tz("UTC"), DType(DType::Binary),
                     DType(DType::Decimal)}) {
    all.push_back(DType::list_of(item));
  }
  for (const DType& d : all) {
    auto parsed = cormorant::parse_dtype(cormorant::dtype_name(d));
    ASSERT_TRUE(parsed) << cormorant::dtype_name(d);
    EXPECT_EQ(*parsed, d) << cormorant::dtype_name(d);
  }
  EXPECT_EQ(cormorant::dtype_name(DType::list_of(DType::Int64)), "list<item: int64>[pyarrow]");
  EXPECT_EQ(cormorant::dtype_name(DType::Decimal), "decimal128(38, 9)[pyarrow]");
  EXPECT_NE(DType::list_of(DType::Int64), DType::list_of(DType::String));
  EXPECT_THROW(DType::list_of(DType::list_of(DType::Int64)), cormorant::DTypeError);
  EXPECT_THROW(DType::list_of(DType::timestamp_tz("US/Eastern")), cormorant::DTypeError);
  const auto& d = cormorant::compile::duckdb_dialect();
  EXPECT_EQ(d.type_name(DType::list_of(DType::Decimal)), "DECIMAL(38,9)[]");
  EXPECT_EQ(d.type_name(DType::Binary), "BLOB");
}

constexpr const char* kSql =
    "SELECT i, CASE WHEN i = 1 THEN NULL ELSE ('\\x00'::BLOB || i::VARCHAR::BLOB) END AS b, "
    "CASE WHEN i = 2 THEN NULL ELSE CAST(CAST(i AS DECIMAL(38,9)) / 8 - 1 AS DECIMAL(38,9)) END AS d, "
    "CASE WHEN i = 3 THEN NULL ELSE [i, NULL, i * 2] END AS l FROM range(6) t(i)";

TEST(StorageDTypes, ResultsMatchTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto dtypes = df.dtypes();
  ASSERT_EQ(dtypes.size(), 4u);
  EXPECT_EQ(dtypes[1].dtype, DType::Binary);
  EXPECT_EQ(dtypes[2].dtype, DType::Decimal);
  EXPECT_EQ(dtypes[3].dtype, DType::list_of(DType::Int64));
  auto got = df[df["b"].notna()].sort_values({"i"}).to_table();
  // DuckDB directly: the decimal's text and the bytes.
  auto want = s.execute_sql("SELECT b, CAST(d AS VARCHAR) AS d FROM (" + std::string(kSql) + ") WHERE b IS NOT NULL ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    EXPECT_EQ(got.at(r, 1).to_string(), want.at(r, 0).to_string());
    EXPECT_EQ(got.is_null(r, 2), want.is_null(r, 1));
    if (!got.is_null(r, 2)) EXPECT_EQ(got.at(r, 2).to_string(), want.at(r, 1).to_string());
  }
  // bytes sort by their bytes, as the engine's BLOB order (missing last); lists still refuse
  auto by_bytes = df.sort_values({"b"}).to_table();
  auto engine_order = s.execute_sql("SELECT b FROM (" + std::string(kSql) + ") ORDER BY b NULLS LAST");
  ASSERT_EQ(by_bytes.num_rows(), engine_order.num_rows());
  for (int64_t r = 0; r < by_bytes.num_rows(); ++r) {
    EXPECT_EQ(by_bytes.is_null(r, 1), engine_order.is_null(r, 0));
    if (!by_bytes.is_null(r, 1)) EXPECT_EQ(by_bytes.at(r, 1).to_string(), engine_order.at(r, 0).to_string());
  }
  EXPECT_THROW(df.sort_values({"l"}), cormorant::DTypeError);
  // decimals sum, average (exactly here: -3.375 / 5) and order as the engine's DECIMAL
  auto exact = s.execute_sql("SELECT CAST(sum(d) AS VARCHAR), CAST(CAST(avg(d) AS DECIMAL(38,9)) AS VARCHAR), "
                             "CAST(min(d) AS VARCHAR) FROM (" + std::string(kSql) + ")");
  EXPECT_EQ(df["d"].aggregate(cormorant::AggFunc::Sum).to_string(), exact.at(0, 0).to_string());
  EXPECT_EQ(df["d"].aggregate(cormorant::AggFunc::Mean).to_string(), exact.at(0, 1).to_string());
  EXPECT_EQ(df.sort_values({"d"}).to_table().at(0, 2).to_string(), exact.at(0, 2).to_string());
  EXPECT_THROW(df["d"].aggregate(cormorant::AggFunc::Median), cormorant::DTypeError);
  EXPECT_THROW(df["d"] + df["d"], cormorant::DTypeError);
}

TEST(StorageDTypes, CppProgramRunsListRoutineInWorkers) {
  cormorant_test::TempDir wh("udf_types");
  std::string python = CORMORANT_SOURCE_DIR "/.venv/bin/python";
  std::string script =
      "import decimal\n"
      "import cormorant.pandas as cpd\n"
      "s = cpd.Session('" + wh.path().string() + "')\n"
      "@s.udf(dataset='fns', name='spread')\n"
      "def spread(d: decimal.Decimal, b: bytes) -> list[decimal.Decimal]:\n"
      "    if d is None or b is None:\n"
      "        return None\n"
      "    return [d * len(b), None, -d]\n"
      "s.close()\n";
  cormorant_test::TempDir dir("udf_types_define");
  ASSERT_EQ(std::system((python + " " + dir.write("define.py", script)).c_str()), 0);
  ::setenv("CORMORANT_PYTHON", python.c_str(), 1);
  SessionOptions options;
  options.warehouse = wh.path().string();
  Session s(options);
  cormorant::Function spread = s.read_function("fns.spread", 2);
  EXPECT_EQ(spread.info().result_type, DType::list_of(DType::Decimal));
  auto df = s.read_sql(kSql);
  auto got = spread(df["d"], df["b"]).to_frame().to_table();
  // The same in SQL, run by DuckDB directly (a read_sql frame's order is its own: compare as sets).
  auto want = s.execute_sql("SELECT CAST(CASE WHEN d IS NULL OR b IS NULL THEN NULL ELSE "
                            "[CAST(d * octet_length(b) AS DECIMAL(38,9)), NULL, -d] END AS VARCHAR) FROM (" +
                            std::string(kSql) + ")");
  std::multiset<std::string> a, b;
  for (int64_t r = 0; r < got.num_rows(); ++r) a.insert(got.is_null(r, 0) ? "<NA>" : got.at(r, 0).to_string());
  for (int64_t r = 0; r < want.num_rows(); ++r) b.insert(want.is_null(r, 0) ? "<NA>" : want.at(r, 0).to_string());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.count("<NA>"), 2u);
  s.close();
}

}  // namespace
