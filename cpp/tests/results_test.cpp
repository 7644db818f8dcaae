// Result tests with DuckDB as the oracle: each test runs an operation through cormorant
// (df.to_table()) and the same query hand-written in SQL directly through
// cormorant::engine::Connection, and compares the two tables cell by cell. The hand-written
// SQL spells out pandas' semantics (floor division, Python's modulo, Kleene logic, ...)
// independently of the compiler's lowering; every result column is cast to a canonical
// type (BIGINT, DOUBLE, VARCHAR, BOOLEAN).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/engine/engine.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::DType;
using cormorant::NA;
using cormorant::Series;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::Value;
using cormorant::plan::BinaryOp;
using cormorant_test::tables_equal;
using cormorant_test::floordiv;
using cormorant_test::power;
using cormorant_test::TempDir;

std::string sql_string(const std::string& s) { return "'" + cormorant_test::replace_all(s, "'", "''") + "'"; }

class Results : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    session_ = std::make_unique<Session>(SessionOptions{":memory:"});
    oracle_ = std::make_unique<cormorant::engine::Connection>();
    // The oracle's copy of penguins, read with DuckDB's defaults except for the "NA" strings,
    // cast to the canonical engine types.
    oracle_->execute(
        "CREATE TABLE p AS SELECT "
        "CAST(species AS VARCHAR) AS species, CAST(island AS VARCHAR) AS island, "
        "CAST(bill_length_mm AS DOUBLE) AS bill_length_mm, CAST(bill_depth_mm AS DOUBLE) AS bill_depth_mm, "
        "CAST(flipper_length_mm AS BIGINT) AS flipper_length_mm, CAST(body_mass_g AS BIGINT) AS body_mass_g, "
        "CAST(sex AS VARCHAR) AS sex, CAST(year AS BIGINT) AS year "
        "FROM read_csv(" +
        sql_string(cormorant_test::penguins_path()) + ", header = true, nullstr = 'NA')");
  }
  static void TearDownTestSuite() {
    oracle_.reset();
    session_.reset();
  }

  static DataFrame penguins() { return session_->read_csv(cormorant_test::penguins_path()); }
  static Table oracle(const std::string& sql) { return oracle_->query(sql); }
  static Session& session() { return *session_; }

 private:
  static std::unique_ptr<Session> session_;
  static std::unique_ptr<cormorant::engine::Connection> oracle_;
};

std::unique_ptr<Session> Results::session_;
std::unique_ptr<cormorant::engine::Connection> Results::oracle_;

// Column lists of the oracle table, for SELECTs that add columns.
const char* const kAll = "species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex, year";

TEST_F(Results, ReadAll) {
  Table got = penguins().to_table();
  EXPECT_EQ(got.num_rows(), 344);
  EXPECT_TRUE(tables_equal(got, oracle("SELECT * FROM p")));
  // <NA> cells in every dtype: row 3 is all missing but the year.
  EXPECT_TRUE(got.at(3, got.column_index("bill_length_mm")).is_na());
  EXPECT_TRUE(got.at(3, got.column_index("body_mass_g")).is_na());
  EXPECT_TRUE(got.at(3, got.column_index("sex")).is_na());
  EXPECT_EQ(got.at(3, got.column_index("year")), Value(2007));
}

TEST_F(Results, Projection) {
  DataFrame df = penguins();
  EXPECT_TRUE(tables_equal(df[{"island", "body_mass_g", "species"}].to_table(),
                           oracle("SELECT island, body_mass_g, species FROM p")));
}

TEST_F(Results, FilterEachComparison) {
  DataFrame df = penguins();
  const std::vector<std::pair<BinaryOp, std::string>> ops = {
      {BinaryOp::Eq, "="}, {BinaryOp::Ne, "<>"}, {BinaryOp::Lt, "<"},
      {BinaryOp::Le, "<="}, {BinaryOp::Gt, ">"}, {BinaryOp::Ge, ">="},
  };
  for (const auto& [op, sym] : ops) {
    SCOPED_TRACE("operator " + sym);
    // Int64 column vs scalar (rows with <NA> drop out).
    EXPECT_TRUE(tables_equal(df[df["body_mass_g"].binary(op, Value(4000))].to_table(),
                             oracle("SELECT * FROM p WHERE body_mass_g " + sym + " 4000")));
    // Float64 column vs Float64 expression of another column.
    EXPECT_TRUE(tables_equal(df[df["bill_length_mm"].binary(op, df["bill_depth_mm"] * 2.5)].to_table(),
                             oracle("SELECT * FROM p WHERE bill_length_mm " + sym + " bill_depth_mm * 2.5")));
    // Strings compare lexicographically.
    EXPECT_TRUE(tables_equal(df[df["species"].binary(op, Value("Chinstrap"))].to_table(),
                             oracle("SELECT * FROM p WHERE species " + sym + " 'Chinstrap'")));
  }
}

TEST_F(Results, FilterStringsAnd) {
  DataFrame df = penguins();
  DataFrame got = df[(df["species"] == "Gentoo") & (df["sex"] == "female")];
  EXPECT_TRUE(tables_equal(got.to_table(), oracle("SELECT * FROM p WHERE species = 'Gentoo' AND sex = 'female'")));
  EXPECT_EQ(got.shape(), std::make_pair(int64_t{58}, int64_t{8}));
}

TEST_F(Results, KleeneLogic) {
  DataFrame df = penguins();
  Series a = df["bill_length_mm"] > 45.0;  // <NA> where the bill is missing
  Series m = df["sex"] == "male";           // <NA> where sex is missing
  DataFrame got = df[{"bill_length_mm", "sex"}]
                      .assign("and", a & m)
                      .assign("or", a | m)
                      .assign("xor", a ^ m)
                      .assign("not", ~m)
                      .assign("or_true", m | true)
                      .assign("or_false", m | false)
                      .assign("and_true", m & true)
                      .assign("and_false", m & false);
  Table t = got.to_table();
  // Kleene xor written without <>: (a OR m) AND NOT (a AND m).
  EXPECT_TRUE(tables_equal(t, oracle("SELECT bill_length_mm, sex, a AND m AS \"and\", a OR m AS \"or\", "
                                     "(a OR m) AND NOT (a AND m) AS \"xor\", NOT m AS \"not\", "
                                     "m OR true AS or_true, m OR false AS or_false, m AND true AS and_true, "
                                     "m AND false AS and_false "
                                     "FROM (SELECT *, bill_length_mm > 45 AS a, sex = 'male' AS m FROM p)")));
  // The truth table's <NA> corners, independently of SQL. Row 3: a = <NA>, m = <NA>.
  auto cell = [&](int64_t row, const char* col) { return t.at(row, t.column_index(col)); };
  EXPECT_TRUE(cell(3, "and").is_na());
  EXPECT_TRUE(cell(3, "or").is_na());
  EXPECT_TRUE(cell(3, "xor").is_na());
  EXPECT_TRUE(cell(3, "not").is_na());
  EXPECT_EQ(cell(3, "or_true"), Value(true));
  EXPECT_EQ(cell(3, "and_false"), Value(false));
  EXPECT_TRUE(cell(3, "and_true").is_na());
  EXPECT_TRUE(cell(3, "or_false").is_na());
  // Row 8: bill 34.1 (a = False), sex missing (m = <NA>): False & <NA> is False, False | <NA> is <NA>.
  ASSERT_TRUE(cell(8, "sex").is_na());
  EXPECT_EQ(cell(8, "and"), Value(false));
  EXPECT_TRUE(cell(8, "or").is_na());
  // A Kleene mask keeps only the True rows.
  EXPECT_TRUE(tables_equal(df[a | m].to_table(), oracle("SELECT * FROM p WHERE bill_length_mm > 45 OR sex = 'male'")));
  EXPECT_TRUE(tables_equal(df[~(a & m)].to_table(),
                           oracle("SELECT * FROM p WHERE NOT (bill_length_mm > 45 AND sex = 'male')")));
}

TEST_F(Results, ArithmeticPropagatesNA) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}]
                      .assign("sum", df["bill_length_mm"] + df["flipper_length_mm"])
                      .assign("lin", df["body_mass_g"] * 2 - 1)
                      .assign("ratio", df["bill_depth_mm"] / df["bill_length_mm"])
                      .assign("idiv", df["body_mass_g"] / df["flipper_length_mm"])
                      .assign("neg", -df["body_mass_g"])
                      .assign("dist", (df["bill_length_mm"] - 45.0).abs())
                      .assign("rsub", 10000 - df["body_mass_g"])
                      .assign("sex_na", df["sex"].isna())
                      .assign("bill_ok", df["bill_length_mm"].notna());
  Table t = got.to_table();
  EXPECT_TRUE(tables_equal(
      t, oracle("SELECT species, bill_length_mm + CAST(flipper_length_mm AS DOUBLE) AS sum, "
                "body_mass_g * 2 - 1 AS lin, bill_depth_mm / bill_length_mm AS ratio, "
                "CAST(body_mass_g AS DOUBLE) / CAST(flipper_length_mm AS DOUBLE) AS idiv, "
                "-body_mass_g AS neg, abs(bill_length_mm - 45.0::DOUBLE) AS dist, 10000 - body_mass_g AS rsub, "
                "sex IS NULL AS sex_na, bill_length_mm IS NOT NULL AS bill_ok FROM p")));
  for (const char* c : {"sum", "lin", "ratio", "idiv", "neg", "dist", "rsub"}) {
    EXPECT_TRUE(t.at(3, t.column_index(c)).is_na()) << c;
  }
  EXPECT_EQ(t.at(3, t.column_index("sex_na")), Value(true));
  EXPECT_EQ(t.at(3, t.column_index("bill_ok")), Value(false));
  EXPECT_EQ(t.at(0, t.column_index("lin")), Value(7499));
}

TEST_F(Results, IntFloorDivAndModFollowFloorSemantics) {
  DataFrame df = penguins();
  Series d = df["flipper_length_mm"] - 200;  // from -28 to 31, <NA> twice
  Series e = df["body_mass_g"] - 4200;       // both signs
  Series y = df["year"] - 2010;              // -3, -2, -1: negative divisors
  DataFrame got = df[{"species"}]
                      .assign("d_fd7", floordiv(d, 7))
                      .assign("d_m7", d % 7)
                      .assign("d_fdn7", floordiv(d, -7))
                      .assign("d_mn7", d % -7)
                      .assign("e_fd_y", floordiv(e, y))
                      .assign("e_m_y", e % y);
  // floor(a / b) computed in floating point (exact for these magnitudes); a % b = a - b * (a // b).
  auto fd = [](const std::string& a, const std::string& b) {
    return "CAST(floor(CAST(" + a + " AS DOUBLE) / CAST(" + b + " AS DOUBLE)) AS BIGINT)";
  };
  auto mod = [&](const std::string& a, const std::string& b) { return "(" + a + ") - (" + b + ") * " + fd(a, b); };
  std::string sql = "SELECT species, " + fd("d", "7") + " AS d_fd7, " + mod("d", "7") + " AS d_m7, " +
                    fd("d", "-7") + " AS d_fdn7, " + mod("d", "-7") + " AS d_mn7, " + fd("e", "y") + " AS e_fd_y, " +
                    mod("e", "y") + " AS e_m_y FROM (SELECT species, flipper_length_mm - 200 AS d, "
                    "body_mass_g - 4200 AS e, year - 2010 AS y FROM p)";
  EXPECT_TRUE(tables_equal(got.to_table(), oracle(sql)));
}

TEST_F(Results, IntFloorDivAndModSignTable) {
  // pandas (Python) semantics, hand-computed: // rounds toward -inf, % takes the divisor's sign;
  // Int64 // 0 and % 0 are 0 in pandas (numpy's integer rule), not <NA>.
  TempDir dir("results_signs");
  std::string path = dir.write("signs.csv", "a,b\n7,2\n-7,2\n7,-2\n-7,-2\n6,3\n-6,3\n0,-5\n,3\n5,\n5,0\n-5,0\n,0\n");
  DataFrame df = session().read_csv(path);
  Table t = df.assign("fd", floordiv(df["a"], df["b"])).assign("m", df["a"] % df["b"]).to_table();
  const std::vector<Value> fd = {3, -4, -4, 3, 2, -2, 0, NA, NA, 0, 0, NA};
  const std::vector<Value> m = {1, 1, -1, -1, 0, 0, 0, NA, NA, 0, 0, NA};
  ASSERT_EQ(t.num_rows(), 12);
  for (int64_t r = 0; r < 12; ++r) {
    EXPECT_EQ(t.at(r, 2), fd[r]) << "row " << r;
    EXPECT_EQ(t.at(r, 3), m[r]) << "row " << r;
  }
}

TEST_F(Results, FloatFloorDivAndModFollowPythonSemantics) {
  DataFrame df = penguins();
  Series a = df["bill_length_mm"];
  DataFrame got = df[{"bill_length_mm"}]
                      .assign("fd_03", floordiv(a, 0.3))
                      .assign("m_03", a % 0.3)
                      .assign("fd_n03", floordiv(a, -0.3))
                      .assign("m_n03", a % -0.3)
                      .assign("fd_7", floordiv(a - 45.0, 7.0))
                      .assign("m_7", (a - 45.0) % 7.0);
  // Python's float floor division and modulo (Objects/floatobject.c, float_divmod), which
  // numpy and so pandas follow: mod = fmod(a, b), moved to b's sign; div = (a - mod) / b,
  // rounded to the nearest integer. The engine's % on doubles is C's fmod (its fmod() function
  // is not: x - trunc(x / y) * y).
  auto py_mod = [](const std::string& a, const std::string& b) {
    std::string m = "((" + a + ") % (" + b + "))";
    return "CASE WHEN " + m + " <> 0 AND ((" + m + " < 0) <> (" + b + " < 0)) THEN " + m + " + " + b + " ELSE " + m +
           " END";
  };
  auto py_floordiv = [&](const std::string& a, const std::string& b) {
    std::string m = "((" + a + ") % (" + b + "))";
    std::string div = "((" + a + " - " + m + ") / " + b + " - CASE WHEN " + m + " <> 0 AND ((" + m + " < 0) <> (" +
                      b + " < 0)) THEN 1.0 ELSE 0.0 END)";
    return "(floor(" + div + ") + CASE WHEN " + div + " - floor(" + div + ") > 0.5 THEN 1.0 ELSE 0.0 END)";
  };
  std::string sql = "SELECT bill_length_mm, " + py_floordiv("a", "0.3::DOUBLE") + " AS fd_03, " +
                    py_mod("a", "0.3::DOUBLE") + " AS m_03, " + py_floordiv("a", "-0.3::DOUBLE") + " AS fd_n03, " +
                    py_mod("a", "-0.3::DOUBLE") + " AS m_n03, " + py_floordiv("a - 45.0::DOUBLE", "7.0::DOUBLE") +
                    " AS fd_7, " + py_mod("a - 45.0::DOUBLE", "7.0::DOUBLE") +
                    " AS m_7 FROM (SELECT bill_length_mm, bill_length_mm AS a FROM p)";
  EXPECT_TRUE(tables_equal(got.to_table(), oracle(sql)));
}

TEST_F(Results, Pow) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}]
                      .assign("sq", power(df["body_mass_g"], 2))
                      .assign("fsq", power(df["bill_depth_mm"], 2.0))
                      .assign("root", power(df["body_mass_g"], 0.5))
                      .assign("cols", power(df["bill_depth_mm"], df["year"] - 2006));
  EXPECT_TRUE(tables_equal(got.to_table(),
                           oracle("SELECT species, body_mass_g * body_mass_g AS sq, pow(bill_depth_mm, 2.0::DOUBLE) AS fsq, "
                                  "pow(CAST(body_mass_g AS DOUBLE), 0.5::DOUBLE) AS root, "
                                  "pow(bill_depth_mm, CAST(year - 2006 AS DOUBLE)) AS cols FROM p")));
}

TEST_F(Results, IntPowIsExact) {
  TempDir dir("results_pow");
  DataFrame df = session().read_csv(dir.write("pow.csv", "a,b\n3,35\n-3,35\n2,62\n"));
  Table t = df.assign("p", power(df["a"], df["b"])).to_table();
  EXPECT_EQ(t.at(0, 2), Value(int64_t{50031545098999707}));
  EXPECT_EQ(t.at(1, 2), Value(int64_t{-50031545098999707}));
  EXPECT_EQ(t.at(2, 2), Value(int64_t{4611686018427387904}));
}

// pandas: x ** 0 and 1 ** x are 1 even when x is <NA>.
TEST_F(Results, PowWithNAOperands) {
  TempDir dir("results_pow_na");
  DataFrame df = session().read_csv(dir.write("pow.csv", "a,b\n,0\n1,\n2,3\n,2\n"));
  Table t = df.assign("p", power(df["a"], df["b"])).assign("f", power(df["a"].astype(DType::Float64), df["b"])).to_table();
  const std::vector<Value> want_int = {1, 1, 8, NA};
  const std::vector<Value> want_float = {1.0, 1.0, 8.0, NA};
  for (int64_t r = 0; r < 4; ++r) {
    EXPECT_EQ(t.at(r, t.column_index("p")), want_int[r]) << "row " << r;
    EXPECT_EQ(t.at(r, t.column_index("f")), want_float[r]) << "row " << r;
  }
}

// pandas: ~ & | ^ on Int64 are bitwise.
TEST_F(Results, IntBitwiseOps) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}]
                      .assign("inv", ~df["body_mass_g"])
                      .assign("and", df["body_mass_g"] & df["year"])
                      .assign("or", df["body_mass_g"] | df["year"])
                      .assign("xor", df["body_mass_g"] ^ df["year"]);
  // ~x == -x - 1 in two's complement.
  EXPECT_TRUE(tables_equal(got.to_table(), oracle("SELECT species, -body_mass_g - 1 AS inv, body_mass_g & year AS \"and\", "
                                                  "body_mass_g | year AS \"or\", xor(body_mass_g, year) AS \"xor\" FROM p")));
}

// pandas: Float64 x / 0 and x // 0.0 are +-inf for x != 0.
TEST_F(Results, DivisionByZero) {
  TempDir dir("results_div0");
  DataFrame df = session().read_csv(dir.write("d.csv", "i,f\n10,2.5\n-7,-1.25\n,\n"));
  Table t = df.assign("div", df["i"] / 0).assign("fdiv", floordiv(df["f"], 0.0)).to_table();
  const double inf = HUGE_VAL;
  const std::vector<Value> want = {inf, -inf, NA};
  for (int64_t r = 0; r < 3; ++r) {
    EXPECT_EQ(t.at(r, t.column_index("div")), want[r]) << "row " << r;
    EXPECT_EQ(t.at(r, t.column_index("fdiv")), want[r]) << "row " << r;
  }
}

TEST_F(Results, ZeroOverZeroIsNA) {
  TempDir dir("results_nan");
  DataFrame df = session().read_csv(dir.write("d.csv", "i,f\n0,0.0\n3,2.5\n"));
  Table t = df.assign("div", df["i"] / 0).assign("fdiv", floordiv(df["f"], 0.0)).assign("mod", df["f"] % 0.0).to_table();
  EXPECT_TRUE(t.at(0, t.column_index("div")).is_na()) << t.at(0, t.column_index("div")).to_string();
  EXPECT_TRUE(t.at(0, t.column_index("fdiv")).is_na()) << t.at(0, t.column_index("fdiv")).to_string();
  EXPECT_TRUE(t.at(0, t.column_index("mod")).is_na()) << t.at(0, t.column_index("mod")).to_string();
  EXPECT_TRUE(t.at(1, t.column_index("mod")).is_na()) << t.at(1, t.column_index("mod")).to_string();
}

TEST_F(Results, Astype) {
  DataFrame df = penguins();
  Series male = df["sex"] == "male";
  DataFrame got = df[{"species"}]
                      .assign("mass_f", df["body_mass_g"].astype(DType::Float64))
                      .assign("bill_s", df["bill_length_mm"].astype(DType::String))
                      .assign("depth_s", df["bill_depth_mm"].astype(DType::String))
                      .assign("year_s", df["year"].astype(DType::String))
                      .assign("male_s", male.astype(DType::String))
                      .assign("male_i", male.astype(DType::Int64))
                      .assign("flipper_b", (df["flipper_length_mm"] - 181).astype(DType::Boolean))
                      .assign("mass_roundtrip", df["body_mass_g"].astype(DType::Float64).astype(DType::Int64))
                      .assign("year_parsed", df["year"].astype(DType::String).astype(DType::Int64));
  Table t = got.to_table();
  EXPECT_TRUE(tables_equal(
      t, oracle("SELECT species, CAST(body_mass_g AS DOUBLE) AS mass_f, CAST(bill_length_mm AS VARCHAR) AS bill_s, "
                "CAST(bill_depth_mm AS VARCHAR) AS depth_s, CAST(year AS VARCHAR) AS year_s, "
                "CASE WHEN sex = 'male' THEN 'True' WHEN sex IS NOT NULL THEN 'False' END AS male_s, "
                "CASE WHEN sex = 'male' THEN 1 WHEN sex IS NOT NULL THEN 0 END::BIGINT AS male_i, "
                "flipper_length_mm <> 181 AS flipper_b, body_mass_g AS mass_roundtrip, year AS year_parsed FROM p")));
  // The strings pandas' astype("string") produces.
  auto cell = [&](int64_t row, const char* col) { return t.at(row, t.column_index(col)); };
  EXPECT_EQ(cell(0, "bill_s"), Value("39.1"));
  EXPECT_EQ(cell(2, "depth_s"), Value("18.0"));
  EXPECT_EQ(cell(0, "year_s"), Value("2007"));
  EXPECT_EQ(cell(0, "male_s"), Value("True"));
  EXPECT_EQ(cell(1, "male_s"), Value("False"));
  EXPECT_TRUE(cell(3, "male_s").is_na());
  EXPECT_EQ(cell(0, "flipper_b"), Value(false));
}

TEST_F(Results, RenameAndDrop) {
  DataFrame df = penguins();
  // Labels with both quote characters survive to the result.
  DataFrame got =
      df.rename({{"bill_length_mm", "bill"}, {"sex", "it's \"Sex\""}, {"absent", "ignored"}}).drop({"island", "year"});
  EXPECT_EQ(got.columns(), (std::vector<cormorant::Label>{"species", "bill", "bill_depth_mm", "flipper_length_mm",
                                                     "body_mass_g", "it's \"Sex\""}));
  EXPECT_TRUE(tables_equal(got.to_table(), oracle("SELECT species, bill_length_mm AS bill, bill_depth_mm, "
                                                  "flipper_length_mm, body_mass_g, sex AS \"it's \"\"Sex\"\"\" FROM p")));
}

TEST_F(Results, HeadPositiveAndNegative) {
  DataFrame df = penguins();
  // n -> the LIMIT pandas' head(n) amounts to on 344 rows.
  const std::vector<std::pair<int64_t, int64_t>> cases = {{5, 5}, {10, 10}, {0, 0}, {400, 344},
                                                          {-1, 343}, {-340, 4}, {-344, 0}, {-400, 0}};
  for (const auto& [n, limit] : cases) {
    SCOPED_TRACE("head(" + std::to_string(n) + ")");
    EXPECT_TRUE(tables_equal(df.head(n).to_table(), oracle("SELECT * FROM p LIMIT " + std::to_string(limit))));
  }
  EXPECT_EQ(df.head().shape().first, 5);
  // After a filter: Chinstrap has 68 rows, head(-3) keeps 65.
  DataFrame chin = df[df["species"] == "Chinstrap"];
  EXPECT_TRUE(
      tables_equal(chin.head(-3).to_table(), oracle("SELECT * FROM p WHERE species = 'Chinstrap' LIMIT 65")));
  // One column's head(-n).
  EXPECT_TRUE(tables_equal(df[{"body_mass_g"}].head(-341).to_table(), oracle("SELECT body_mass_g FROM p LIMIT 3")));
}

TEST_F(Results, TakeMaskSelectsByPosition) {
  DataFrame df = penguins();
  // Every third row, by a mask as long as the frame (344 rows).
  std::vector<bool> mask(344);
  for (size_t i = 0; i < mask.size(); ++i) mask[i] = i % 3 == 0;
  EXPECT_TRUE(tables_equal(df.take_mask(mask).to_table(),
                           oracle("SELECT " + std::string(kAll) + " FROM (SELECT *, row_number() OVER () - 1 AS r FROM p) "
                                  "WHERE r % 3 = 0 ORDER BY r")));
  EXPECT_EQ(df.take_mask(std::vector<bool>(344, false)).shape().first, 0);
  // A mask of another length is pandas' IndexError.
  EXPECT_THROW(df.take_mask({true, false}), cormorant::IndexOutOfBoundsError);
  EXPECT_THROW(df.take_mask(std::vector<bool>(345, true)), cormorant::IndexOutOfBoundsError);
}

TEST_F(Results, ExtremeCountsFollowPython) {
  DataFrame df = penguins();
  const int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
  EXPECT_EQ(df.head(lo).shape().first, 0);
  EXPECT_EQ(df.tail(lo).shape().first, 0);  // all but the first 2^63 rows: none
  EXPECT_EQ(df.tail(hi).shape().first, 344);
  EXPECT_EQ(df.tail(lo + 1).shape().first, 0);
  // Steps of +-2^63: the first row of the slice only, as Python's slicing.
  EXPECT_TRUE(tables_equal(df.iloc(std::nullopt, std::nullopt, hi).to_table(), oracle("SELECT * FROM p LIMIT 1")));
  EXPECT_TRUE(tables_equal(df.iloc(std::nullopt, std::nullopt, lo).to_table(),
                           oracle("SELECT * FROM p LIMIT 1 OFFSET 343")));
  EXPECT_EQ(df.iloc(lo, hi, 1).shape().first, 344);
}

TEST_F(Results, StringConcat) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}]
                      .assign("where", df["species"] + " / " + df["island"])
                      .assign("with_sex", df["species"] + df["sex"])  // <NA> where sex is
                      .assign("prefixed", "penguin: " + df["species"]);
  EXPECT_TRUE(tables_equal(got.to_table(),
                           oracle("SELECT species, species || ' / ' || island AS \"where\", species || sex AS with_sex, "
                                  "'penguin: ' || species AS prefixed FROM p")));
}

TEST_F(Results, StringPlusNA) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}].assign("with_na", df["species"] + NA);
  EXPECT_TRUE(tables_equal(got.to_table(), oracle("SELECT species, CAST(NULL AS VARCHAR) AS with_na FROM p")));
}

TEST_F(Results, MaskFromProjectedFrame) {
  DataFrame df = penguins();
  DataFrame sub = df[{"species", "body_mass_g"}];
  EXPECT_TRUE(tables_equal(df[sub["body_mass_g"] > 5000].to_table(), oracle("SELECT * FROM p WHERE body_mass_g > 5000")));
  // Through a computed column of a projection: rebased onto the source's columns.
  DataFrame derived = df.assign("ratio", df["body_mass_g"] / df["flipper_length_mm"])[{"ratio", "species"}];
  EXPECT_TRUE(tables_equal(df[derived["ratio"] > 20.0].to_table(),
                           oracle("SELECT * FROM p WHERE CAST(body_mass_g AS DOUBLE) / flipper_length_mm > 20.0")));
  // A projection filtered by a mask of its parent.
  EXPECT_TRUE(tables_equal(sub[df["island"] == "Biscoe"].to_table(),
                           oracle("SELECT species, body_mass_g FROM p WHERE island = 'Biscoe'")));
}

TEST_F(Results, FilterThenAssign) {
  DataFrame df = penguins();
  DataFrame f = df[df["year"] == 2008];
  DataFrame got = f.assign("ratio", f["body_mass_g"] / f["flipper_length_mm"]).assign("year", f["year"] - 2000);
  EXPECT_TRUE(tables_equal(
      got.to_table(), oracle("SELECT species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, "
                             "sex, year - 2000 AS year, CAST(body_mass_g AS DOUBLE) / flipper_length_mm AS ratio "
                             "FROM p WHERE year = 2008")));
}

TEST_F(Results, ComparisonWithNA) {
  DataFrame df = penguins();
  DataFrame got = df[{"species"}].assign("gt_na", df["body_mass_g"] > NA).assign("eq_na", df["species"] == NA);
  EXPECT_TRUE(tables_equal(got.to_table(), oracle("SELECT species, CAST(NULL AS BOOLEAN) AS gt_na, "
                                                  "CAST(NULL AS BOOLEAN) AS eq_na FROM p")));
  EXPECT_EQ(df[df["body_mass_g"] != NA].shape().first, 0);
}

TEST_F(Results, SeriesFilterAndSize) {
  DataFrame df = penguins();
  Series gentoo_mass = df["body_mass_g"][df["species"] == "Gentoo"];
  EXPECT_TRUE(tables_equal(gentoo_mass.to_table(), oracle("SELECT body_mass_g FROM p WHERE species = 'Gentoo'")));
  EXPECT_EQ(gentoo_mass.size(), 124);
  // An unnamed Series becomes column "0".
  EXPECT_TRUE(tables_equal((df["body_mass_g"] + df["year"]).to_table(), oracle("SELECT body_mass_g + year AS \"0\" FROM p")));
}

TEST_F(Results, BooleanPlusIntArithmetic) {
  DataFrame df = penguins();
  Series male = df["sex"] == "male";
  DataFrame got = df[{"species"}].assign("v", male + df["body_mass_g"]).assign("w", male * 10);
  EXPECT_TRUE(tables_equal(got.to_table(),
                           oracle("SELECT species, CAST(sex = 'male' AS BIGINT) + body_mass_g AS v, "
                                  "CAST(sex = 'male' AS BIGINT) * 10 AS w FROM p")));
}

TEST_F(Results, EmptyColumnSelection) {
  // pandas: df[[]] keeps the rows, shape (344, 0).
  DataFrame df = penguins();
  EXPECT_EQ(df[std::vector<cormorant::Label>{}].shape(), std::make_pair(int64_t{344}, int64_t{0}));
  EXPECT_EQ(df.drop(df.columns()).shape(), std::make_pair(int64_t{344}, int64_t{0}));
}

}  // namespace

// -- setting cells, combining, reindexing (api/assign.cpp, combine.cpp, reindex.cpp) -------

TEST_F(Results, SetCellsIsCaseWhen) {
  DataFrame df = penguins();
  Series heavy = df["body_mass_g"] > Value(4000);  // <NA> where the mass is missing: not set
  const std::string when = "CASE WHEN coalesce(body_mass_g > 4000, false) ";
  DataFrame text = df.set_cells(heavy, {"sex"}, Value("x"));
  EXPECT_TRUE(tables_equal(text.to_table(), oracle("SELECT species, island, bill_length_mm, bill_depth_mm, "
                                                   "flipper_length_mm, body_mass_g, " + when +
                                                   "THEN 'x' ELSE sex END AS sex, year FROM p")));
  // 0 does not fit the string column (pandas' "Invalid value"), whatever the rows.
  EXPECT_THROW(df.set_cells(heavy, {"bill_length_mm", "sex"}, Value(0)), cormorant::DTypeError);
  DataFrame num = df.set_cells(heavy, {"bill_length_mm", "new"}, Value(0));
  EXPECT_TRUE(tables_equal(num.to_table(),
                           oracle("SELECT species, island, " + when + "THEN 0.0 ELSE bill_length_mm END AS bill_length_mm, "
                                  "bill_depth_mm, flipper_length_mm, body_mass_g, sex, year, " + when +
                                  "THEN CAST(0 AS DOUBLE) END AS new FROM p")));
  DataFrame from_column = df.set_cells(heavy, {"flipper_length_mm"}, df["year"]);
  EXPECT_TRUE(tables_equal(from_column.to_table(),
                           oracle("SELECT species, island, bill_length_mm, bill_depth_mm, " + when +
                                  "THEN year ELSE flipper_length_mm END AS flipper_length_mm, body_mass_g, sex, year FROM p")));
  // Float64 into Int64: only integral values; checked as the query runs.
  DataFrame lossy = df.set_cells(heavy, {"body_mass_g"}, df["bill_length_mm"]);
  EXPECT_THROW(lossy.to_table(), cormorant::DTypeError);
}

TEST_F(Results, CombineFirstEqualsReplaceReindex) {
  DataFrame df = penguins();
  EXPECT_TRUE(df.equals(df));
  DataFrame filled = df[{"bill_length_mm"}].combine_first(df[{"bill_depth_mm"}]);
  EXPECT_TRUE(tables_equal(filled.to_table(), oracle("SELECT bill_length_mm, bill_depth_mm FROM p")));
  Series first = df["bill_length_mm"].combine_first(df["bill_depth_mm"]);
  EXPECT_TRUE(tables_equal(first.to_table(), oracle("SELECT coalesce(bill_length_mm, bill_depth_mm) AS bill_length_mm FROM p")));
  DataFrame replaced = df.replace({{Value(2007), Value(1)}, {Value("Adelie"), Value("A")}});
  EXPECT_TRUE(tables_equal(
      replaced.to_table(),
      oracle("SELECT CASE WHEN species = 'Adelie' THEN 'A' ELSE species END AS species, island, bill_length_mm, "
             "bill_depth_mm, flipper_length_mm, body_mass_g, sex, CASE WHEN year = 2007 THEN 1 ELSE year END AS year "
             "FROM p")));
  EXPECT_FALSE(df.equals(replaced));
  DataFrame re = df.reindex(std::vector<Value>{Value(3), Value(400), Value(0)}, std::vector<cormorant::Label>{"year", "w"});
  Table got = re.to_table();
  ASSERT_EQ(got.num_rows(), 3);
  EXPECT_EQ(got.at(0, 0), Value(2007));
  EXPECT_TRUE(got.at(1, 0).is_na());
  EXPECT_TRUE(got.at(2, 1).is_na());
}
