// The categorical dtype from C++: its name and engine type, astype to categories (given or
// inferred), codes, comparisons by the categories' order and sorting, compared with DuckDB run
// directly on the same data, the .cat operations, and typed refusals.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/compile/sql.hpp>

namespace {

using cormorant::DType;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Value;
namespace cat = cormorant::cat;

constexpr const char* kSql =
    "SELECT i, CASE WHEN i % 5 = 3 THEN NULL ELSE ['b', 'c', 'a', 'q'][i % 4 + 1] END AS s FROM range(12) t(i)";

DType letters(bool ordered) { return DType::categorical({"c", "b", "a"}, DType::String, ordered); }

TEST(Categorical, NameAndEngineType) {
  EXPECT_EQ(cormorant::dtype_name(letters(false)), "category");
  EXPECT_EQ(cormorant::parse_dtype("category"), DType(DType::Categorical));
  EXPECT_FALSE(cormorant::parse_dtype("category")->has_categories());
  EXPECT_EQ(cormorant::compile::duckdb_dialect().type_name(letters(true)), "BIGINT");
  EXPECT_NE(letters(true), letters(false));
  EXPECT_EQ(letters(true), letters(true));
  EXPECT_EQ(letters(true).categories().code_of("a"), 2);
  EXPECT_THROW(DType::categorical({"a", "a"}, DType::String, false), cormorant::DTypeError);
  EXPECT_THROW(DType::categorical({Value()}, DType::String, false), cormorant::DTypeError);
  EXPECT_THROW(DType::categorical({1}, DType::String, false), cormorant::DTypeError);
}

TEST(Categorical, CodeOfLooksUpByValue) {
  auto ints = DType::categorical({Value(int64_t{7}), Value(int64_t{-2}), Value(int64_t{40})}, DType::Int64, false);
  const auto& c = ints.categories();
  EXPECT_EQ(c.code_of(Value(int64_t{-2})), 1);
  EXPECT_EQ(c.code_of(Value(40.0)), 2);  // a float of an int's value finds it, as pandas
  EXPECT_EQ(c.code_of(Value(40.5)), std::nullopt);
  EXPECT_EQ(c.code_of(Value("7")), std::nullopt);
  EXPECT_EQ(c.code_of(Value()), std::nullopt);
  auto floats = DType::categorical({Value(0.5), Value(int64_t{3}), Value(-0.0)}, DType::Float64, false);
  EXPECT_EQ(floats.categories().code_of(Value(int64_t{3})), 1);  // held as 3.0
  EXPECT_EQ(floats.categories().code_of(Value(0.0)), 2);         // -0.0 == 0.0
  EXPECT_THROW(DType::categorical({Value(1.0), Value(int64_t{1})}, DType::Float64, false), cormorant::DTypeError);
  // many categories: each is found at its position (built and looked up in linear time)
  std::vector<Value> many;
  for (int i = 0; i < 200000; ++i) many.emplace_back("v" + std::to_string(i));
  auto big = DType::categorical(many, DType::String, false);
  for (int i = 0; i < 200000; i += 997) EXPECT_EQ(big.categories().code_of(Value("v" + std::to_string(i))), i);
  many.emplace_back("v123");
  EXPECT_THROW(DType::categorical(many, DType::String, false), cormorant::DTypeError);
}

TEST(Categorical, CodesComparisonsAndSortMatchTheEngine) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto k = df["s"].astype(letters(true));
  ASSERT_EQ(k.dtype(), letters(true));
  auto frame = df.assign("k", k).assign("code", cat::codes(k)).assign("lt", k.binary(cormorant::plan::BinaryOp::Lt, Value("b")));
  auto got = frame.sort_values({"i"}).to_table();
  auto want = s.execute_sql(
      "SELECT CASE WHEN list_position(['c', 'b', 'a'], s) IS NULL THEN NULL ELSE s END AS k, "
      "coalesce(list_position(['c', 'b', 'a'], s) - 1, -1) AS code, "
      "coalesce(list_position(['c', 'b', 'a'], s) - 1 < 1, false) AS lt FROM (" + std::string(kSql) + ") ORDER BY i");
  ASSERT_EQ(got.num_rows(), want.num_rows());
  for (int64_t r = 0; r < got.num_rows(); ++r) {
    EXPECT_EQ(got.at(r, 2), want.at(r, 0)) << "row " << r;  // a categorical cell is its category
    EXPECT_EQ(got.at(r, 3), want.at(r, 1)) << "row " << r;
    EXPECT_EQ(got.at(r, 4), want.at(r, 2)) << "row " << r;
  }
  // sorted by the categories' order (c, b, a), missing last
  auto sorted = df.assign("k", k).sort_values({"k", "i"}).to_table();
  auto want_sorted = s.execute_sql("SELECT i FROM (" + std::string(kSql) +
                                   ") ORDER BY list_position(['c', 'b', 'a'], s) NULLS LAST, i");
  ASSERT_EQ(sorted.num_rows(), want_sorted.num_rows());
  for (int64_t r = 0; r < sorted.num_rows(); ++r) {
    EXPECT_EQ(sorted.at(r, 0), want_sorted.at(r, 0)) << "row " << r << ": " << sorted.at(r, 0).to_string() << " " << sorted.at(r, 2).to_string();
  }
}

TEST(Categorical, InferredCategoriesAndCatOperations) {
  Session s(SessionOptions{});
  auto df = s.read_sql(kSql);
  auto k = df["s"].astype(*cormorant::parse_dtype("category"));
  // sorted, and in the column's dtype (pandas' string), as pandas
  EXPECT_EQ(k.dtype(), DType::categorical({"a", "b", "c", "q"}, DType::String, false, "string"));
  EXPECT_NE(k.dtype(), DType::categorical({"a", "b", "c", "q"}, DType::String, false));
  auto renamed = cat::rename_categories(k, {"A", "B", "C", "Q"});
  EXPECT_EQ(renamed.dtype().categories().values, (std::vector<Value>{"A", "B", "C", "Q"}));
  auto removed = cat::remove_categories(k, {"q"});
  auto t = df.assign("r", renamed).assign("m", removed).assign("back", removed.astype(DType::String)).sort_values({"i"}).to_table();
  auto want = s.execute_sql("SELECT upper(s) AS r, CASE WHEN s = 'q' THEN NULL ELSE s END AS m FROM (" +
                            std::string(kSql) + ") ORDER BY i");
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    EXPECT_EQ(t.at(r, 2), want.at(r, 0)) << "row " << r;
    EXPECT_EQ(t.at(r, 3), want.at(r, 1)) << "row " << r;
    EXPECT_EQ(t.at(r, 4), want.at(r, 1)) << "row " << r;
  }
  EXPECT_THROW(k.binary(cormorant::plan::BinaryOp::Lt, Value("a")), cormorant::DTypeError);  // unordered
  EXPECT_THROW(cat::set_ordered(k, true).binary(cormorant::plan::BinaryOp::Lt, Value("zz")), cormorant::DTypeError);
  EXPECT_THROW(cat::codes(df["s"]), cormorant::DTypeError);
  EXPECT_THROW(k.binary(cormorant::plan::BinaryOp::Add, df["s"]), cormorant::DTypeError);
}

TEST(Categorical, CutMatchesTheEngine) {
  // pandas' cut: a value's bin is the number of edges below it (at or below it when the bins
  // are closed on the left), minus one; outside the edges (or missing) it is missing
  Session s(SessionOptions{});
  const std::string sql = "SELECT i, CASE WHEN i = 7 THEN NULL ELSE i / 2 - 1 END AS x FROM range(14) t(i)";
  auto df = s.read_sql(sql);
  DType bins = DType::categorical({"(0, 1]", "(1, 2.5]", "(2.5, 4]"}, DType::String, true, "interval[float64, right]");
  auto right = cormorant::cut(df["x"], {0, 1, 2.5, 4}, true, false, bins);
  EXPECT_EQ(right.dtype(), bins);
  auto t = df.assign("right", cat::codes(right))
               .assign("lowest", cormorant::cut(df["x"], {0, 1, 2.5, 4}, true, true, std::nullopt))
               .assign("left", cormorant::cut(df["x"], {0, 1, 2.5, 4}, false, false, std::nullopt))
               .sort_values({"i"})
               .to_table();
  auto want = s.execute_sql(
      "SELECT coalesce(CASE WHEN x > 0 AND x <= 4 THEN (x > 0)::BIGINT + (x > 1)::BIGINT + (x > 2.5)::BIGINT - 1 END, -1), "
      "CASE WHEN x >= 0 AND x <= 4 THEN greatest((x > 1)::BIGINT + (x > 2.5)::BIGINT, 0) END, "
      "CASE WHEN x >= 0 AND x < 4 THEN (x >= 1)::BIGINT + (x >= 2.5)::BIGINT END FROM (" + sql + ") ORDER BY i");
  ASSERT_EQ(t.num_rows(), want.num_rows());
  for (int64_t r = 0; r < t.num_rows(); ++r) {
    for (int64_t c = 0; c < 3; ++c) EXPECT_EQ(t.at(r, 2 + c), want.at(r, c)) << "row " << r << " column " << c;
  }
  EXPECT_THROW(cormorant::cut(df["x"], {0, 1}, true, false, bins), cormorant::InvalidArgumentError);  // 3 categories
  EXPECT_THROW(cormorant::cut(df["x"], {1, 0}, true, false, std::nullopt), cormorant::InvalidArgumentError);
  EXPECT_THROW(cormorant::cut(df["i"].astype(DType::String), {0, 1}, true, false, std::nullopt), cormorant::DTypeError);
  EXPECT_THROW(DType::categorical({1}, DType::Int64, false, "string"), cormorant::DTypeError);
}

}  // namespace
