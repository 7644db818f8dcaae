// List columns from C++: the list functions (length, items, Python slices) and str.split /
// str.findall as lists, compared with DuckDB run directly on the same data, and typed refusals.
#include <gtest/gtest.h>

#include <string>

#include <cormorant/cormorant.hpp>

namespace {

using cormorant::DType;
using cormorant::NA;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Value;

constexpr const char* kSql =
    "SELECT i, CASE WHEN i = 2 THEN NULL ELSE list_transform(range(i * 2 % 7), x -> x * 10 + i) END AS l, "
    "CASE WHEN i = 3 THEN NULL ELSE repeat('a1,', i) || 'b22' END AS s FROM range(8) t(i)";

TEST(Lists, ItemsAndSlicesMatchTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto l = df["l"];
  ASSERT_EQ(l.dtype(), DType::list_of(DType::Int64));
  auto frame = df.assign("n", l.call("list_len"))
                   .assign("first", l.call("list_get", std::nullopt, {Value(int64_t{0})}))
                   .assign("last", l.call("list_get", std::nullopt, {Value(int64_t{-1})}))
                   .assign("mid", l.call("list_slice", std::nullopt, {Value(int64_t{1}), Value(int64_t{-1}), Value(int64_t{2})}))
                   .assign("parts", df["s"].call("str_split", std::nullopt, {Value(","), Value(false), Value(int64_t{-1})}))
                   .assign("digits", df["s"].call("str_findall", std::nullopt, {Value("[0-9]+"), Value(int64_t{0})}));
  auto got = frame.sort_values({"i"}).to_table();
  // Python's l[1:-1:2] in DuckDB's 1-based inclusive slices, written out here by hand
  auto want = s.execute_sql(
      "SELECT len(l), l[1], l[-1], CASE WHEN len(l) >= 3 THEN list_slice(l, 2, len(l) - 1, 2) ELSE "
      "list_slice(l, 1, 0) END, string_split(s, ','), regexp_extract_all(s, '[0-9]+') FROM (" + std::string(kSql) +
      ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    for (int64_t c = 0; c < want.num_columns(); ++c) {
      EXPECT_EQ(got.is_null(r, 3 + c), want.is_null(r, c)) << "row " << r << " column " << c;
      if (!want.is_null(r, c)) EXPECT_EQ(got.at(r, 3 + c).to_string(), want.at(r, c).to_string()) << r << "," << c;
    }
  }
}

TEST(Lists, OtherDtypesAndStepsAreRefused) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  EXPECT_THROW(df["i"].call("list_len"), cormorant::DTypeError);
  EXPECT_THROW(df["l"].call("list_slice", std::nullopt, {NA, NA, Value(int64_t{-1})}), cormorant::NotImplementedError);
  EXPECT_THROW(df["l"].call("str_split", std::nullopt, {Value(","), Value(false), Value(int64_t{-1})}),
               cormorant::DTypeError);
}

}  // namespace
