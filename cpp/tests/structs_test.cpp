// Struct columns from C++: pandas' dtype names both ways, the engine's STRUCT (a field of a
// narrower type cast to cormorant's), struct_field compared with DuckDB run directly on the
// same data (missing structs and structs of missing fields), and typed refusals.
#include <gtest/gtest.h>

#include <string>

#include <cormorant/cormorant.hpp>
#include <cormorant/compile/sql.hpp>

namespace {

using cormorant::DType;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::StructField;
using cormorant::Value;

TEST(Structs, NamesParseBack) {
  DType inner = DType::struct_of({{"x", DType::Int64}, {"when", DType::timestamp_tz("UTC")}});
  DType outer = DType::struct_of({{"a", DType::Float64},
                                  {"tags", DType::list_of(DType::String)},
                                  {"inner", inner},
                                  {"d", DType::Decimal}});
  EXPECT_EQ(cormorant::dtype_name(outer),
            "struct<a: double, tags: list<item: string>, inner: struct<x: int64, when: timestamp[us, tz=UTC]>, "
            "d: decimal128(38, 9)>[pyarrow]");
  for (const DType& d : {inner, outer}) {
    auto parsed = cormorant::parse_dtype(cormorant::dtype_name(d));
    ASSERT_TRUE(parsed) << cormorant::dtype_name(d);
    EXPECT_EQ(*parsed, d);
  }
  EXPECT_NE(inner, DType::struct_of({{"x", DType::Int64}, {"When", DType::timestamp_tz("UTC")}}));
  EXPECT_EQ(cormorant::compile::duckdb_dialect().type_name(inner), "STRUCT(\"x\" BIGINT, \"when\" TIMESTAMPTZ)");
  EXPECT_THROW(DType::struct_of({}), cormorant::DTypeError);
  EXPECT_THROW(DType::struct_of({{"a", DType::Int64}, {"A", DType::Int64}}), cormorant::DTypeError);
  EXPECT_THROW(DType::struct_of({{"a: b", DType::Int64}}), cormorant::DTypeError);
  EXPECT_THROW(DType::struct_of({{"a", DType::Timedelta}}), cormorant::DTypeError);
  EXPECT_THROW(DType::struct_of({{"a", DType::timestamp_tz("Europe/Paris")}}), cormorant::DTypeError);
  EXPECT_THROW(DType::list_of(inner), cormorant::DTypeError);
}

constexpr const char* kSql =
    "SELECT i, CASE WHEN i = 2 THEN NULL WHEN i = 3 THEN {'a': NULL, 'b': NULL, 'c': NULL} "
    "ELSE {'a': i::INTEGER, 'b': repeat('x', i::INTEGER), 'c': {'y': i / 2}} END AS s FROM range(6) t(i)";

TEST(Structs, FieldsMatchTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  DType c = DType::struct_of({{"y", DType::Float64}});
  ASSERT_EQ(df["s"].dtype(), DType::struct_of({{"a", DType::Int64}, {"b", DType::String}, {"c", c}}));
  auto field = [&](const std::string& name) { return df["s"].call("struct_field", std::nullopt, {Value(name)}); };
  auto frame = df.assign("a", field("a")).assign("b", field("b")).assign("y", field("c").call("struct_field", std::nullopt, {Value("y")}))
                   .assign("missing", df["s"].isna());
  auto got = frame.sort_values({"i"}).to_table();
  auto want = s.execute_sql("SELECT s.a::BIGINT, s.b, s.c.y, s IS NULL FROM (" + std::string(kSql) + ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    for (int64_t k = 0; k < want.num_columns(); ++k) {
      EXPECT_EQ(got.is_null(r, 2 + k), want.is_null(r, k)) << "row " << r << " column " << k;
      if (!want.is_null(r, k)) EXPECT_EQ(got.at(r, 2 + k).to_string(), want.at(r, k).to_string()) << r << "," << k;
    }
  }
  EXPECT_EQ(got.at(1, 1).to_string(), "{'a': 1, 'b': x, 'c': {'y': 0.5}}");
  EXPECT_TRUE(got.is_null(2, 1));
  EXPECT_EQ(got.at(3, 1).to_string(), "{'a': NULL, 'b': NULL, 'c': NULL}");
  EXPECT_THROW(df.sort_values({"s"}), cormorant::DTypeError);
  EXPECT_THROW(df["s"] == df["s"], cormorant::DTypeError);
  EXPECT_THROW(df["s"].call("struct_field", std::nullopt, {Value("zz")}), cormorant::InvalidArgumentError);
  EXPECT_THROW(df["i"].call("struct_field", std::nullopt, {Value("a")}), cormorant::DTypeError);
}

}  // namespace
