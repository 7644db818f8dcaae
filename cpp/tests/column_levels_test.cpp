// The columns axis' levels (names and dtypes) carried by DataFrame (pandas' df.columns.names):
// with_column_levels sets them (one per item of the tuple labels), operations that keep the
// labels' width keep them, a relabelling to plain labels leaves the axis unnamed, and results
// carry them; a count that does not fit is InvalidArgumentError.
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <vector>

#include <cormorant/cormorant.hpp>

namespace {

using cormorant::ColumnLevel;
using cormorant::DataFrame;
using cormorant::DType;
using cormorant::Label;
using cormorant::Session;
using cormorant::SessionOptions;

std::vector<std::optional<Label>> names(const std::vector<ColumnLevel>& levels) {
  std::vector<std::optional<Label>> out;
  for (const auto& l : levels) out.push_back(l.name);
  return out;
}

TEST(ColumnLevels, SetKeptAndDropped) {
  Session s(SessionOptions{});
  DataFrame flat = s.read_sql("SELECT 1::BIGINT AS a, 2.5::DOUBLE AS b, 3::BIGINT AS c");
  DataFrame df = flat.rename({{Label("a"), Label::tuple({Label("x"), Label(int64_t{1})})},
                              {Label("b"), Label::tuple({Label("x"), Label(int64_t{2})})},
                              {Label("c"), Label::tuple({Label("y"), Label(int64_t{1})})}});
  EXPECT_TRUE(df.column_levels().empty());
  std::vector<ColumnLevel> levels = {{Label("outer"), std::nullopt}, {Label("inner"), DType(DType::Int64)}};
  DataFrame named = df.with_column_levels(levels);
  EXPECT_EQ(named.column_levels(), levels);
  EXPECT_EQ(named.to_result().column_levels, levels);  // (and a second run)
  EXPECT_EQ(named.to_result().column_levels, levels);
  // operations keeping the labels' width keep the levels
  EXPECT_EQ(named[{Label::tuple({Label("y"), Label(int64_t{1})})}].column_levels(), levels);
  EXPECT_EQ(named.sort_values({Label::tuple({Label("x"), Label(int64_t{1})})}).column_levels(), levels);
  // df["x"]: the rest of the levels
  EXPECT_EQ(names(named.column_level(Label("x")).column_levels()), std::vector<std::optional<Label>>{Label("inner")});
  // relabelled to plain labels: the axis is unnamed, as pandas leaves it
  DataFrame plain = named.rename({{Label::tuple({Label("x"), Label(int64_t{1})}), Label("p")},
                                  {Label::tuple({Label("x"), Label(int64_t{2})}), Label("q")},
                                  {Label::tuple({Label("y"), Label(int64_t{1})}), Label("r")}});
  EXPECT_TRUE(plain.column_levels().empty());
  EXPECT_EQ(names(plain.with_column_levels({{Label("n"), std::nullopt}}).column_levels()),
            std::vector<std::optional<Label>>{Label("n")});
  // counts that do not fit the labels
  EXPECT_THROW(named.with_column_levels({{Label("only"), std::nullopt}}), cormorant::InvalidArgumentError);
  EXPECT_THROW(plain.with_column_levels(levels), cormorant::InvalidArgumentError);
  EXPECT_TRUE(named.with_column_levels({}).column_levels().empty());
  // no columns left: the levels stay, as pandas keeps a MultiIndex axis' levels
  EXPECT_EQ(named[std::vector<Label>{}].column_levels(), levels);
}

}  // namespace
