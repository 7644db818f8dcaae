// Table formatting tests: Table::to_string and DataFrame::to_string must print exactly what
// pandas prints for the same frame (repr of a DataFrame with nullable dtypes). Each expected
// string was produced once with pandas 3.1.1 (/work/main/.venv/bin/python); the expression is
// given next to it.
#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/engine/engine.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::DType;
using cormorant::NA;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::Value;
using cormorant_test::TempDir;

/// A Table from a query run directly in the engine (every column cast to a canonical type).
/// The connection is never destroyed: DuckDB's teardown at exit reads thread-local allocator
/// state that the C runtime has already freed by then (a static connection aborted the test
/// after it passed).
Table query(const std::string& sql) {
  static auto* connection = new cormorant::engine::Connection();
  return connection->query(sql);
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// pd.DataFrame({"a": pd.array([1, None, -30], dtype="Int64"),
//               "b": pd.array([2.0837696335078535, None, 1.5], dtype="Float64"),
//               "c": pd.array([True, None, False], dtype="boolean"),
//               "d": pd.array(["x", None, "longer text"], dtype="string")})
TEST(TableFormat, MixedDtypesWithNA) {
  Table t = query(
      "SELECT a::BIGINT AS a, b::DOUBLE AS b, c::BOOLEAN AS c, d::VARCHAR AS d FROM (VALUES "
      "(1, 2.0837696335078535::DOUBLE, true, 'x'), (NULL, NULL, NULL, NULL), (-30, 1.5, false, 'longer text')) "
      "v(a, b, c, d)");
  EXPECT_EQ(t.to_string(),
            "      a        b      c            d\n"
            "0     1  2.08377   True            x\n"
            "1  <NA>     <NA>   <NA>         <NA>\n"
            "2   -30      1.5  False  longer text");
}

// pd.DataFrame({"f": pd.array([1e20, 2.5, None], dtype="Float64")})
TEST(TableFormat, LargeFloat) {
  Table t = query("SELECT f::DOUBLE AS f FROM (VALUES (1e20), (2.5), (NULL)) v(f)");
  EXPECT_EQ(t.to_string(),
            "                         f\n"
            "0  100000000000000000000.0\n"
            "1                      2.5\n"
            "2                     <NA>");
}

// pd.DataFrame({"f": pd.array([0.1, 123456.789, 1e-7], dtype="Float64")})
// pd.DataFrame({"f": pd.array([1.0, 2.0, None], dtype="Float64"),
//               "long_column_name": pd.array([1, 2, 3], dtype="Int64")})
TEST(TableFormat, FloatsAreTrimmedPerValue) {
  EXPECT_EQ(query("SELECT f::DOUBLE AS f FROM (VALUES (0.1), (123456.789), (1e-7)) v(f)").to_string(),
            "            f\n"
            "0         0.1\n"
            "1  123456.789\n"
            "2         0.0");
  EXPECT_EQ(query("SELECT f::DOUBLE AS f, g::BIGINT AS long_column_name FROM (VALUES (1.0, 1), (2.0, 2), (NULL, 3)) "
                  "v(f, g)")
                .to_string(),
            "      f  long_column_name\n"
            "0   1.0                 1\n"
            "1   2.0                 2\n"
            "2  <NA>                 3");
}

// pd.DataFrame({"s": pd.array(["a", "bb", None, "a much longer string"], dtype="string"),
//               "i": pd.array([-1, 22, 333, None], dtype="Int64")})
// pd.DataFrame({"b": pd.array([True, False], dtype="boolean"),
//               "s": pd.array(["", "x"], dtype="string")})
TEST(TableFormat, StringsOfDifferentWidths) {
  EXPECT_EQ(query("SELECT s::VARCHAR AS s, i::BIGINT AS i FROM (VALUES ('a', -1), ('bb', 22), (NULL, 333), "
                  "('a much longer string', NULL)) v(s, i)")
                .to_string(),
            "                      s     i\n"
            "0                     a    -1\n"
            "1                    bb    22\n"
            "2                  <NA>   333\n"
            "3  a much longer string  <NA>");
  EXPECT_EQ(query("SELECT b::BOOLEAN AS b, s::VARCHAR AS s FROM (VALUES (true, ''), (false, 'x')) v(b, s)").to_string(),
            "       b  s\n"
            "0   True   \n"
            "1  False  x");
}

// pd.DataFrame({"a": pd.array([], dtype="Int64"), "s": pd.array([], dtype="string")})
TEST(TableFormat, EmptyFrame) {
  const char* expected =
      "Empty DataFrame\n"
      "Columns: [a, s]\n"
      "Index: []";
  EXPECT_EQ(query("SELECT 1::BIGINT AS a, 'x'::VARCHAR AS s WHERE false").to_string(), expected);
  // The same through a DataFrame filtered down to no rows.
  TempDir dir("table_empty");
  Session session(SessionOptions{":memory:"});
  DataFrame df = session.read_csv(dir.write("e.csv", "a,s\n1,x\n2,y\n"));
  EXPECT_EQ(df[df["a"] > 5].to_string(), expected);
  EXPECT_EQ(df.head(0).to_string(), expected);
}

// pd.DataFrame(index=range(3))
TEST(TableFormat, NoColumns) {
  EXPECT_EQ(cormorant::format_frame({}, {"0", "1", "2"}, {}, 3),
            "Empty DataFrame\n"
            "Columns: []\n"
            "Index: [0, 1, 2]");
}

// pd.DataFrame({"n": pd.array(range(60), dtype="Int64")}): 60 rows are all shown.
TEST(TableFormat, SixtyRowsAreNotTruncated) {
  std::string expected = "     n";
  for (int i = 0; i < 60; ++i) {
    std::string label = std::to_string(i);
    expected += "\n" + label + std::string(2 - label.size(), ' ') + "  " + std::string(2 - label.size(), ' ') + label;
  }
  EXPECT_EQ(query("SELECT range::BIGINT AS n FROM range(60)").to_string(), expected);
}

// The penguins columns pandas shows in 80 characters, read with
// pd.read_csv(".deps/data/penguins.csv", dtype_backend="numpy_nullable")[["species", "bill_length_mm",
//     "body_mass_g", "sex"]]
const char* const kPenguinsRepr =
    "       species  bill_length_mm  body_mass_g     sex\n"
    "0       Adelie            39.1         3750    male\n"
    "1       Adelie            39.5         3800  female\n"
    "2       Adelie            40.3         3250  female\n"
    "3       Adelie            <NA>         <NA>    <NA>\n"
    "4       Adelie            36.7         3450  female\n"
    "..         ...             ...          ...     ...\n"
    "339  Chinstrap            55.8         4000    male\n"
    "340  Chinstrap            43.5         3400  female\n"
    "341  Chinstrap            49.6         3775    male\n"
    "342  Chinstrap            50.8         4100    male\n"
    "343  Chinstrap            50.2         3775  female\n"
    "\n"
    "[344 rows x 4 columns]";

DataFrame penguins_subset(const Session& session) {
  return session.read_csv(cormorant_test::penguins_path())[{"species", "bill_length_mm", "body_mass_g", "sex"}];
}

// More than 60 rows: the first and last five, and the shape. Every line but the "..." row
// (see TruncationMarkerRow) must equal pandas'.
TEST(TableFormat, TruncatedFrameRowsAndFooter) {
  Session session(SessionOptions{":memory:"});
  DataFrame df = penguins_subset(session);
  auto want = lines_of(kPenguinsRepr);
  for (const std::string& got_text : {df.to_string(), df.to_table().to_string()}) {
    auto got = lines_of(got_text);
    ASSERT_EQ(got.size(), want.size()) << got_text;
    for (size_t i = 0; i < want.size(); ++i) {
      if (i == 6) continue;  // the "..." row
      EXPECT_EQ(got[i], want[i]) << "line " << i;
    }
  }
}

TEST(TableFormat, TruncationMarkerRow) {
  Session session(SessionOptions{":memory:"});
  DataFrame df = penguins_subset(session);
  EXPECT_EQ(df.to_string(), kPenguinsRepr);
  EXPECT_EQ(df.to_table().to_string(), kPenguinsRepr);
  // pd.DataFrame({"n": pd.array(range(61), dtype="Int64"),
  //               "b": pd.array([i % 2 == 0 for i in range(61)], dtype="boolean")})
  EXPECT_EQ(query("SELECT range::BIGINT AS n, range % 2 = 0 AS b FROM range(61)").to_string(),
            "     n      b\n"
            "0    0   True\n"
            "1    1  False\n"
            "2    2   True\n"
            "3    3  False\n"
            "4    4   True\n"
            "..  ..    ...\n"
            "56  56   True\n"
            "57  57  False\n"
            "58  58   True\n"
            "59  59  False\n"
            "60  60   True\n"
            "\n"
            "[61 rows x 2 columns]");
}

const char* const kSmallCsv =
    "id,x,y,name,flag\n"
    "1,10,2.5,alpha,true\n"
    "2,-7,-1.25,beta,false\n"
    "3,,NA,,\n"
    "4,0,0.0,it's,true\n";

// pd.DataFrame({"v": pd.array([-0.5, 3.25, -1234.0], dtype="Float64")}), and
// pd.read_csv(<kSmallCsv>, dtype_backend="numpy_nullable")
TEST(TableFormat, NegativeFloatsTakeTheSignSlot) {
  EXPECT_EQ(query("SELECT v::DOUBLE AS v FROM (VALUES (-0.5), (3.25), (-1234.0)) t(v)").to_string(),
            "        v\n"
            "0    -0.5\n"
            "1    3.25\n"
            "2 -1234.0");
  TempDir dir("table_negative");
  Session session(SessionOptions{":memory:"});
  EXPECT_EQ(session.read_csv(dir.write("small.csv", kSmallCsv)).to_string(),
            "   id     x     y   name   flag\n"
            "0   1    10   2.5  alpha   True\n"
            "1   2    -7 -1.25   beta  False\n"
            "2   3  <NA>  <NA>   <NA>   <NA>\n"
            "3   4     0   0.0   it's   True");
}

// with pd.option_context("display.max_rows", 3): repr(pd.read_csv(<kSmallCsv>, dtype_backend="numpy_nullable"))
TEST(TableFormat, MaxRowsBelowTen) {
  TempDir dir("table_maxrows");
  Session session(SessionOptions{":memory:"});
  DataFrame df = session.read_csv(dir.write("small.csv", kSmallCsv));
  const char* expected =
      "    id   x    y   name  flag\n"
      "0    1  10  2.5  alpha  True\n"
      "..  ..  ..  ...    ...   ...\n"
      "3    4   0  0.0   it's  True\n"
      "\n"
      "[4 rows x 5 columns]";
  EXPECT_EQ(df.to_string(3), expected);
  EXPECT_EQ(df.to_table().to_string(3), expected);
}

// A new default index in the sort's order, which the query leaves out (issue 12), prints as
// pandas': with pd.option_context("display.max_rows", 3) and without, repr(pd.read_csv(<kSmallCsv>,
// dtype_backend="numpy_nullable").sort_values("id", ascending=False, ignore_index=True))
TEST(TableFormat, DefaultIndexOfPositionsPrintsAsPandas) {
  TempDir dir("table_positions");
  Session session(SessionOptions{":memory:"});
  DataFrame df = session.read_csv(dir.write("small.csv", kSmallCsv)).sort_values({"id"}, {false}).reset_index(true);
  EXPECT_EQ(df.to_result().index_names.size(), 0u);  // not sent
  EXPECT_EQ(df.to_string(3),
            "    id   x    y   name  flag\n"
            "0    4   0  0.0   it's  True\n"
            "..  ..  ..  ...    ...   ...\n"
            "3    1  10  2.5  alpha  True\n"
            "\n"
            "[4 rows x 5 columns]");
  EXPECT_EQ(df.to_string(),
            "   id     x     y   name   flag\n"
            "0   4     0   0.0   it's   True\n"
            "1   3  <NA>  <NA>   <NA>   <NA>\n"
            "2   2    -7 -1.25   beta  False\n"
            "3   1    10   2.5  alpha   True");
}

TEST(TableFormat, DataFrameToStringMatchesTableAndStream) {
  TempDir dir("table_stream");
  Session session(SessionOptions{":memory:"});
  DataFrame df = session.read_csv(dir.write("s.csv", "k,v\n1,a\n2,\n"));
  std::ostringstream out;
  out << df;
  EXPECT_EQ(out.str(), df.to_string());
  EXPECT_EQ(df.to_string(), df.to_table().to_string());
  // pd.DataFrame({"k": pd.array([1, 2], dtype="Int64"), "v": pd.array(["a", None], dtype="string")})
  EXPECT_EQ(df.to_string(),
            "   k     v\n"
            "0  1     a\n"
            "1  2  <NA>");
  // A Series prints as its one-column frame.
  std::ostringstream series_out;
  series_out << df["k"];
  EXPECT_EQ(series_out.str(), df[{"k"}].to_string());
}

// ---- Value::to_string: "how pandas would print it" --------------------------------------------

TEST(ValueFormat, NonFloats) {
  EXPECT_EQ(Value().to_string(), "<NA>");
  EXPECT_EQ(Value(NA).to_string(), "<NA>");
  EXPECT_EQ(Value(true).to_string(), "True");
  EXPECT_EQ(Value(false).to_string(), "False");
  EXPECT_EQ(Value(-3).to_string(), "-3");
  EXPECT_EQ(Value(int64_t{9007199254740993}).to_string(), "9007199254740993");
  EXPECT_EQ(Value("text with 'quotes'").to_string(), "text with 'quotes'");
}

// str(pd.array([v], dtype="Float64")[0]) for each v
TEST(ValueFormat, Floats) {
  EXPECT_EQ(Value(0.1).to_string(), "0.1");
  EXPECT_EQ(Value(1.0).to_string(), "1.0");
  EXPECT_EQ(Value(2.5).to_string(), "2.5");
  EXPECT_EQ(Value(2.0837696335078535).to_string(), "2.0837696335078535");
  EXPECT_EQ(Value(1e20).to_string(), "1e+20");
  EXPECT_EQ(Value(123456789.0).to_string(), "123456789.0");
  EXPECT_EQ(Value(1e-5).to_string(), "1e-05");
  EXPECT_EQ(Value(-0.0).to_string(), "-0.0");
}

}  // namespace
