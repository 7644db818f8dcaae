// Golden SQL tests: each named case builds a plan through the public C++ API and compares
// df.sql() with cpp/tests/golden/<case>.sql, so any change to the generated SQL shows up as
// a reviewable diff.
//
// To accept a generator change, regenerate the files and review `git diff cpp/tests/golden`:
//
//   CORMORANT_UPDATE_GOLDEN=1 ctest -R GoldenSql        (or run cormorant_tests directly)
//
// Machine-specific parts of the SQL are replaced before comparing: the fixture directory
// becomes <DATA> and the session id becomes <SESSION>.
//
// A case may also name text its SQL must (not) contain, for plan shapes that matter beyond
// the exact text: no window ("OVER (") where the default index is never observed, no JOIN
// where two Series share a source.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <cormorant/compile/compiler.hpp>
#include <cormorant/compile/sql.hpp>
#include <cormorant/cormorant.hpp>

#include "golden_cases.hpp"
#include "test_util.hpp"

// DuckDB's C API, only to write fixture.parquet while Session::execute_sql cannot run a COPY
// statement (see GoldenSqlFixture.ExecuteSqlRunsCopy).
#if __has_include("../../.deps/duckdb/include/duckdb.h")
#include "../../.deps/duckdb/include/duckdb.h"
#define GOLDEN_HAVE_DUCKDB_C_API 1
#endif

namespace {

using cormorant::AggFunc;
using cormorant::DataFrame;
using cormorant::DType;
using cormorant::NA;
using cormorant::Series;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Value;
using cormorant_test::floordiv;
using cormorant_test::TempDir;
using cormorant_test::tables_equal;
using cormorant_golden::filter_then_groupby;
using cormorant_golden::Fixture;
using cormorant_golden::golden_cases;
using cormorant_golden::GoldenCase;
using cormorant_golden::groupby_unsorted_first_last;

// Six typed columns (Int64, Int64, Float64, Float64, string, boolean), a row of <NA>s
// and a string holding a single quote.
const char* const kFixtureCsv =
    "id,x,y,z,name,flag\n"
    "1,10,2.5,1.0,alpha,true\n"
    "2,-7,-1.25,-2.0,beta,false\n"
    "3,,NA,,,\n"
    "4,0,0.0,3.0,it's,true\n";

// Source column names that need quoting: a double quote and a single quote.
const char* const kQuotedCsv =
    "\"say \"\"hi\"\"\",it's,plain\n"
    "1,2.5,x\n"
    "-1,3.5,y\n";

bool update_mode() {
  const char* v = std::getenv("CORMORANT_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

std::string golden_path(const std::string& name) { return std::string(CORMORANT_GOLDEN_DIR) + "/" + name + ".sql"; }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// fixture.parquet: the rows and columns of fixture.csv, with the same dtypes, written by
// DuckDB (the path is appended after TO).
const char* const kFixtureParquetCopy =
    "COPY (SELECT * FROM (VALUES "
    "(1::BIGINT, 10::BIGINT, 2.5::DOUBLE, 1.0::DOUBLE, 'alpha', true), "
    "(2, -7, -1.25, -2.0, 'beta', false), "
    "(3, NULL, NULL, NULL, NULL, NULL), "
    "(4, 0, 0.0, 3.0, 'it''s', true)"
    ") t(id, x, y, z, name, flag)) TO ";

std::string fixture_parquet_copy(const std::string& path) {
  return std::string(kFixtureParquetCopy) + "'" + path + "' (FORMAT parquet)";
}

// decimals.parquet: TPC-H lineitem's DECIMAL(15,2) columns (Q1 and Q6), a value of each missing.
const char* const kDecimalsParquetCopy =
    "COPY (SELECT * FROM (VALUES "
    "('A', 17.00::DECIMAL(15,2), 21168.23::DECIMAL(15,2), 0.04::DECIMAL(15,2), 0.02::DECIMAL(15,2), 3::BIGINT), "
    "('N', 36.00, 45983.16, 0.09, 0.06, 5), "
    "('A', NULL, 13309.60, 0.05, 0.02, 8), "
    "('R', 8.00, NULL, 0.06, NULL, 1)"
    ") t(flag, qty, price, disc, tax, day)) TO ";

// edges.parquet: the values where engines part ways (issue 14): integer and float divisors of
// 0 and -0.0, NaN, infinities and -0.0 operands, <NA>s, halves to round, and text and dates
// past ASCII and month ends. tests/spark/test_golden.py holds the same rows (EDGES).
const char* const kEdgesParquetCopy =
    "COPY (SELECT * FROM (VALUES "
    "(1::BIGINT, 7::BIGINT, 0::BIGINT, 1.5::DOUBLE, 0.0::DOUBLE, 0.5::DOUBLE, 'Ärger', DATE '2024-02-29'), "
    "(2, -7, 2, -2.5, '-0.0'::DOUBLE, 1.5, 'straße', DATE '2024-03-03'), "
    "(3, 0, 0, 0.0, 0.0, 2.5, ' \u3000pad\u00a0', DATE '2024-03-04'), "
    "(4, NULL, 3, '-0.0'::DOUBLE, 2.0, -2.5, 'a.b*c', DATE '2023-12-31'), "
    "(5, 9, -2, 'nan'::DOUBLE, 0.0, -0.5, NULL, NULL), "
    "(6, -9, NULL, 'inf'::DOUBLE, 0.0, 2.675, 'ΣΑΣ x', DATE '2024-01-01'), "
    "(7, 5, -3, '-inf'::DOUBLE, -1.0, 1234.5, '', DATE '2024-06-30'), "
    "(8, 4, 0, NULL, 0.5, -0.4, 'x-y-z', DATE '2024-11-30')"
    ") t(id, i, d, f, g, r, s, day)) TO ";

#ifdef GOLDEN_HAVE_DUCKDB_C_API
/// Runs one statement in a fresh in-memory DuckDB, bypassing cormorant.
void run_in_duckdb(const std::string& sql) {
  duckdb_database db = nullptr;
  duckdb_connection con = nullptr;
  ASSERT_EQ(duckdb_open(nullptr, &db), DuckDBSuccess);
  ASSERT_EQ(duckdb_connect(db, &con), DuckDBSuccess);
  duckdb_result result;
  bool ok = duckdb_query(con, sql.c_str(), &result) == DuckDBSuccess;
  EXPECT_TRUE(ok) << duckdb_result_error(&result) << "\n" << sql;
  duckdb_destroy_result(&result);
  duckdb_disconnect(&con);
  duckdb_close(&db);
}
#endif

/// Writes `dir`/fixture.parquet through Session::execute_sql, or straight through DuckDB
/// while execute_sql cannot run COPY.
void write_fixture_parquet(const TempDir& dir, const std::string& file = "fixture.parquet",
                           const char* copy = kFixtureParquetCopy) {
  Session writer(SessionOptions{":memory:"});
  std::string sql = std::string(copy) + "'" + (dir.path() / file).string() + "' (FORMAT parquet)";
  try {
    writer.execute_sql(sql);
  } catch (const std::exception& e) {
#ifdef GOLDEN_HAVE_DUCKDB_C_API
    run_in_duckdb(sql);
#else
    ADD_FAILURE() << "could not write " << file << ": " << e.what();
#endif
  }
}

}  // namespace

/// The directory holding fixture.csv, fixture.parquet and quoted.csv, written once per test
/// process.
const TempDir& cormorant_golden::fixture_dir() {
  static TempDir dir("golden");
  static const bool written = (dir.write("fixture.csv", kFixtureCsv), dir.write("quoted.csv", kQuotedCsv),
                               write_fixture_parquet(dir),
                               write_fixture_parquet(dir, "decimals.parquet", kDecimalsParquetCopy),
                               write_fixture_parquet(dir, "edges.parquet", kEdgesParquetCopy), true);
  (void)written;
  return dir;
}

namespace {

/// How often `text` occurs in `sql`.
size_t occurrences(const std::string& sql, const std::string& text) {
  size_t n = 0;
  for (size_t at = sql.find(text); at != std::string::npos; at = sql.find(text, at + text.size())) ++n;
  return n;
}

class GoldenSql : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenSql, MatchesGoldenFile) {
  const GoldenCase& c = GetParam();
  Fixture fixture;
  DataFrame df = c.build_sources ? c.build_sources(fixture) : c.build(fixture.df(c.source));
  std::string actual = fixture.normalize(df.sql()) + "\n";
  std::vector<std::string> forbidden_found;
  for (const auto& text : c.forbid) {
    if (actual.find(text) != std::string::npos) forbidden_found.push_back(text);
  }
  if (c.shape_bug.empty()) {
    for (const auto& text : forbidden_found) ADD_FAILURE() << "the SQL of case '" << c.name << "' contains " << text;
  } else {
    EXPECT_FALSE(forbidden_found.empty()) << "case '" << c.name << "' no longer shows its shape bug; remove the "
                                          << "note (and review its golden): " << c.shape_bug;
  }
  for (const auto& text : c.require) {
    EXPECT_NE(actual.find(text), std::string::npos) << "the SQL of case '" << c.name << "' lacks " << text;
  }
  size_t from = 0;
  for (const auto& text : c.in_order) {
    size_t at = actual.find(text, from);
    EXPECT_NE(at, std::string::npos) << "the SQL of case '" << c.name << "' lacks " << text << " after the text before it";
    if (at != std::string::npos) from = at + text.size();
  }
  for (const auto& [text, n] : c.counts) {
    EXPECT_EQ(occurrences(actual, text), n) << "the SQL of case '" << c.name << "' should contain " << text << " "
                                           << n << " time(s)";
  }
  std::string path = golden_path(c.name);
  if (update_mode()) {
    if (!std::filesystem::exists(path) || read_text(path) != actual) {
      std::ofstream out(path, std::ios::binary);
      out << actual;
      ASSERT_TRUE(out.good()) << "could not write " << path;
      std::cout << "updated " << path << "\n";
    }
  } else {
    ASSERT_TRUE(std::filesystem::exists(path))
        << "no golden file " << path << "; create it with CORMORANT_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(read_text(path), actual) << "the SQL of case '" << c.name << "' changed; if intended, rerun with "
                                       << "CORMORANT_UPDATE_GOLDEN=1 and review the diff of " << path;
  }
  // Every golden must be SQL the engine accepts and runs on the fixture.
  if (!c.known_bug.empty()) GTEST_SKIP() << "BUG: " << c.known_bug;
  EXPECT_NO_THROW(df.to_table()) << "case '" << c.name << "'";
  if (!c.shape_bug.empty() && !forbidden_found.empty()) GTEST_SKIP() << "BUG: " << c.shape_bug;
}

// The same plans in Spark SQL (DataFrame::sql(Engine::Spark)) against golden/spark/<case>.sql;
// a plan that needs what is not yet on the Spark engine has a golden holding its
// UnsupportedError's message instead (it must be refused at compile time, never sent).
// tests/spark/test_golden.py runs these files on a Spark cluster against the DuckDB goldens.
TEST_P(GoldenSql, MatchesSparkGoldenFile) {
  const GoldenCase& c = GetParam();
  Fixture fixture;
  DataFrame df = c.build_sources ? c.build_sources(fixture) : c.build(fixture.df(c.source));
  std::string actual;
  try {
    actual = fixture.normalize(df.sql(cormorant::Engine::Spark)) + "\n";
  } catch (const cormorant::NotImplementedError& e) {
    actual = std::string("-- not yet on the Spark engine: ") + e.what() + "\n";
  }
  std::string path = std::string(CORMORANT_GOLDEN_DIR) + "/spark/" + c.name + ".sql";
  if (update_mode()) {
    std::filesystem::create_directories(std::string(CORMORANT_GOLDEN_DIR) + "/spark");
    if (!std::filesystem::exists(path) || read_text(path) != actual) {
      std::ofstream out(path, std::ios::binary);
      out << actual;
      ASSERT_TRUE(out.good()) << "could not write " << path;
      std::cout << "updated " << path << "\n";
    }
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << "no golden file " << path << "; create it with CORMORANT_UPDATE_GOLDEN=1 and review it";
  EXPECT_EQ(read_text(path), actual) << "the Spark SQL of case '" << c.name << "' changed; if intended, rerun with "
                                     << "CORMORANT_UPDATE_GOLDEN=1 and review the diff of " << path;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenSql, ::testing::ValuesIn(golden_cases()),
                         [](const ::testing::TestParamInfo<GoldenCase>& info) { return info.param.name; });

// Every file in golden/ belongs to a case (a renamed or removed case leaves none behind).
TEST(GoldenSqlFiles, EveryGoldenFileHasACase) {
  std::set<std::string> names;
  for (const auto& c : golden_cases()) names.insert(c.name);
  ASSERT_TRUE(std::filesystem::is_directory(CORMORANT_GOLDEN_DIR));
  for (const std::string dir : {std::string(CORMORANT_GOLDEN_DIR), std::string(CORMORANT_GOLDEN_DIR) + "/spark"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".sql") continue;
      EXPECT_TRUE(names.count(entry.path().stem().string())) << "orphan golden file " << entry.path();
    }
  }
}

// ---- Determinism ------------------------------------------------------------------------

DataFrame complex_plan(const DataFrame& df) {
  DataFrame f = df[(df["x"] > 0) | df["name"].isna()];
  DataFrame g = f.assign("w", floordiv(f["y"], 0.5) + f["x"] % 3).rename({{"name", "label"}});
  return g[g["w"] >= 0].astype({{"flag", DType::String}}).drop({"z"}).head(3);
}

TEST(GoldenSqlDeterminism, SamePlanCompiledTwice) {
  Fixture fixture;
  DataFrame df = complex_plan(fixture.df());
  std::string first = df.sql();
  EXPECT_EQ(first, df.sql());
  EXPECT_EQ(first, df.sql());
}

TEST(GoldenSqlDeterminism, SeparatelyBuiltIdenticalPlans) {
  Fixture fixture;
  DataFrame source = fixture.df();
  DataFrame a = complex_plan(source);
  DataFrame b = complex_plan(source);
  ASSERT_NE(a.plan().get(), b.plan().get()) << "the two plans should be separate objects";
  EXPECT_EQ(a.sql(), b.sql());
  // Unrelated plans built in between do not change the text either.
  DataFrame unrelated = source.assign("q", source["x"] * 3).rename({{"q", "r"}});
  (void)unrelated.sql();
  EXPECT_EQ(a.sql(), complex_plan(source).sql());
}

TEST(GoldenSqlDeterminism, SeparateSessionsGiveTheSameText) {
  // Two sessions, the second over another copy of the fixture: only the placeholders differ.
  TempDir other_dir("golden_other");
  other_dir.write("fixture.csv", kFixtureCsv);
  Fixture first;
  Fixture second(other_dir);
  EXPECT_EQ(first.normalize(complex_plan(first.df()).sql()), second.normalize(complex_plan(second.df()).sql()));
}

// ---- Fixture ---------------------------------------------------------------------------

TEST(GoldenSqlFixture, ExecuteSqlRunsCopy) {
  TempDir dir("golden_copy");
  Session session(SessionOptions{":memory:"});
  std::string path = (dir.path() / "x.parquet").string();
  try {
    session.execute_sql(fixture_parquet_copy(path));
  } catch (const std::exception& e) {
    GTEST_SKIP() << "BUG: Session::execute_sql runs the SQL as a read_sql subquery (since 72542d2), so a "
                    "statement that is not a query (COPY ... TO, CALL ...) fails: "
                 << e.what();
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(tables_equal(session.read_parquet(path).to_table(), Fixture().df("fixture.parquet").to_table()));
}

TEST(GoldenSqlFixture, ParquetFixtureMatchesCsvFixture) {
  Fixture fixture;
  EXPECT_TRUE(tables_equal(fixture.df("fixture.parquet").to_table(), fixture.df().to_table()));
}

// ---- Evaluating twice ----------------------------------------------------------------------

// Rows with exact duplicates (and a duplicated <NA> row): read_sql orders rows by hashes of
// their values, so duplicates tie and must still come out the same way every time.
const char* const kDuplicatesSql =
    "SELECT * FROM (VALUES (1::BIGINT, 'a', 0.5::DOUBLE), (1, 'a', 0.5), (2, 'b', 1.5), (2, 'b', 1.5), "
    "(2, 'b', 1.5), (3, NULL, NULL), (3, NULL, NULL), (0, 'c', -1.0)) t(x, s, f)";

/// Two evaluations of `df` give identical results: index and value columns (to_result),
/// and the value columns alone (to_table). Returns the row count.
int64_t expect_same_twice(const DataFrame& df, const std::string& what) {
  cormorant::Result first = df.to_result();
  cormorant::Result second = df.to_result();
  EXPECT_TRUE(tables_equal(second.table, first.table)) << what << " (to_result)";
  EXPECT_EQ(second.labels, first.labels) << what;
  EXPECT_EQ(second.index_names, first.index_names) << what;
  EXPECT_EQ(second.default_index, first.default_index) << what;
  cormorant::Table values = df.to_table();
  EXPECT_TRUE(tables_equal(df.to_table(), values)) << what << " (to_table)";
  return first.table.num_rows();
}

TEST(GoldenSqlDeterminism, EvaluatingTwiceGivesIdenticalTables) {
  Fixture fixture;
  DataFrame csv = fixture.df();
  DataFrame parquet = fixture.df("fixture.parquet");
  EXPECT_EQ(expect_same_twice(complex_plan(csv), "complex_plan(csv)"), 1);
  EXPECT_EQ(expect_same_twice(filter_then_groupby(csv), "filter_then_groupby(csv)"), 2);
  EXPECT_EQ(expect_same_twice(filter_then_groupby(parquet), "filter_then_groupby(parquet)"), 2);
  EXPECT_EQ(expect_same_twice(groupby_unsorted_first_last(parquet), "groupby_unsorted_first_last(parquet)"), 2);
  EXPECT_EQ(expect_same_twice((csv["x"] + parquet["x"]).to_frame(), "csv + parquet"), 4);
  EXPECT_EQ(expect_same_twice(csv[csv["x"] >= 0].reset_index(), "reset_index"), 2);
  EXPECT_EQ(expect_same_twice(parquet.iloc(std::nullopt, std::nullopt, -2), "iloc(::-2)"), 2);
}

TEST(GoldenSqlDeterminism, EvaluatingReadSqlWithDuplicateRowsTwice) {
  Fixture fixture;
  DataFrame df = fixture.session().read_sql(kDuplicatesSql);
  EXPECT_EQ(expect_same_twice(df, "read_sql"), 8);
  EXPECT_EQ(expect_same_twice(df.reset_index(), "reset_index"), 8);
  EXPECT_EQ(expect_same_twice(df.tail(3), "tail"), 3);
  EXPECT_EQ(expect_same_twice(df.iloc(1, std::nullopt, 3), "iloc step"), 3);
  EXPECT_EQ(expect_same_twice(df.sort_values({"s"}, {false}), "sort_values"), 8);
  EXPECT_EQ(expect_same_twice(df.set_index({"s"}).loc({Value("b"), Value("a")}), "loc"), 5);
  Series x = df["x"];
  EXPECT_EQ(expect_same_twice((x[x > 1] + x[x < 3]).to_frame(), "aligned filters"), 8);
  EXPECT_EQ(expect_same_twice(df.groupby({"s"}, true, false, false)
                                  .agg({{"first", "x", AggFunc::First}, {"last", "f", AggFunc::Last},
                                        {"n", "x", AggFunc::CountAll}}),
                              "groupby unsorted first/last"),
            4);
  // A second read_sql of the same query: the same rows in the same order, the same labels.
  cormorant::Result again = fixture.session().read_sql(kDuplicatesSql).to_result();
  EXPECT_TRUE(tables_equal(again.table, df.to_result().table));
}

}  // namespace

// Dialect::sort_in_one_task (a Spark session's queries, whose rows are collected): an ordered
// outermost SELECT without LIMIT or windows sorts in one task; otherwise, and in the plain Spark
// dialect (to_table's writes, the golden files), Spark's parallel sort stays.
TEST(SparkDialect, CollectedSortRunsInOneTask) {
  using namespace cormorant::compile;
  Query q;
  q.body.items.push_back({sql_column("a"), "a"});
  q.body.from.name = "t";
  q.body.order_by.push_back({sql_column("a"), true, true});
  Dialect collected = spark_dialect();
  collected.sort_in_one_task = true;
  const std::string hint = "SELECT /*+ REPARTITION(1) */";
  EXPECT_NE(to_sql(q, collected).find(hint), std::string::npos) << to_sql(q, collected);
  EXPECT_EQ(to_sql(q, spark_dialect()).find("REPARTITION"), std::string::npos);
  EXPECT_EQ(to_sql(q, duckdb_dialect()).find("REPARTITION"), std::string::npos);

  Query limited = q;
  limited.body.limit = 5;  // (a top-N: Spark's TakeOrderedAndProject is better)
  EXPECT_EQ(to_sql(limited, collected).find("REPARTITION"), std::string::npos);

  Query unordered = q;
  unordered.body.order_by.clear();
  EXPECT_EQ(to_sql(unordered, collected).find("REPARTITION"), std::string::npos);

  Query windowed = q;
  auto w = std::make_shared<SqlExpr>(SqlExpr{SqlExpr::Kind::Window, "row_number"});
  w->order.push_back({sql_column("a"), true, true});
  windowed.body.items.push_back({sql_cast(w, cormorant::DType::Float64), "n"});  // (nested in a cast)
  EXPECT_EQ(to_sql(windowed, collected).find("REPARTITION"), std::string::npos) << to_sql(windowed, collected);

  // Only the outermost SELECT: a subquery's ORDER BY keeps its own sort.
  Query nested;
  nested.body.items.push_back({sql_star(), "*"});
  nested.body.from.kind = FromItem::Kind::Subquery;
  nested.body.from.name = to_sql(limited, collected);
  EXPECT_EQ(to_sql(nested, collected).find("REPARTITION"), std::string::npos);
}

// The one-task sort needs every ORDER BY key among the outermost SELECT's columns (a key the
// SELECT drops cannot be resolved above the repartition: Spark's UNRESOLVED_COLUMN), and no
// LIMIT, OFFSET or UNION ALL. Plans compiled as a Spark session compiles them, and syntax trees.
TEST(SparkDialect, OneTaskSortOnlyWhenEveryKeyIsSelected) {
  using namespace cormorant;
  using namespace cormorant::compile;
  Dialect collected = spark_dialect();
  collected.sort_in_one_task = true;
  const std::string hint = "/*+ REPARTITION(1) */";
  auto has = [](const std::string& sql, const std::string& part) { return sql.find(part) != std::string::npos; };

  std::vector<plan::SourceColumn> columns{{"a", "a", DType::Int64}, {"b", "b", DType::Int64}};
  auto scan = std::make_shared<plan::TableScanNode>("t", columns, "pos");
  auto sorted = std::make_shared<plan::OrderByNode>(scan, std::vector<plan::OrderingKey>{{"b", false, true}});
  // Sorted by b, b dropped: the ORDER BY stays, without the hint.
  std::string dropped = plan_to_sql(sorted, Output{{"a"}, {"a"}}, {}, collected);
  EXPECT_TRUE(has(dropped, "ORDER BY")) << dropped;
  EXPECT_FALSE(has(dropped, hint)) << dropped;
  // Every key selected: the hint.
  std::string kept = plan_to_sql(sorted, Output{{"a", "b"}, {"a", "b"}}, {}, collected);
  EXPECT_TRUE(has(kept, "ORDER BY")) << kept;
  EXPECT_TRUE(has(kept, "SELECT " + hint)) << kept;
  EXPECT_FALSE(has(plan_to_sql(sorted, Output{{"a", "b"}, {"a", "b"}}, {}, spark_dialect()), hint));
  // A window over the whole sorted result (row positions) in the SELECT: none.
  auto numbered = std::make_shared<plan::RowNumberNode>(sorted, "n");
  std::string windowed = plan_to_sql(numbered, Output{{"a", "b", "n"}, {"a", "b", "n"}}, {}, collected);
  EXPECT_TRUE(has(windowed, "row_number")) << windowed;
  EXPECT_FALSE(has(windowed, hint)) << windowed;
  // head(): a LIMIT, none.
  auto head = std::make_shared<plan::LimitNode>(sorted, 3);
  EXPECT_FALSE(has(plan_to_sql(head, Output{{"a", "b"}, {"a", "b"}}, {}, collected), hint));

  Query q;
  q.body.items.push_back({sql_column("a"), "a"});
  q.body.items.push_back({sql_column("b"), "b"});
  q.body.from.name = "t";
  q.body.order_by.push_back({sql_column("a"), true, true});
  q.body.order_by.push_back({sql_column("b"), false, false});
  EXPECT_TRUE(has(to_sql(q, collected), hint)) << to_sql(q, collected);
  Query one_dropped = q;  // the second key is not a column of the result
  one_dropped.body.order_by.push_back({sql_column("pos"), true, true});
  EXPECT_FALSE(has(to_sql(one_dropped, collected), hint)) << to_sql(one_dropped, collected);
  Query by_expression = q;  // a key that is an expression, not a selected column
  by_expression.body.order_by[1] = {sql_function("abs", {sql_column("b")}), true, true};
  EXPECT_FALSE(has(to_sql(by_expression, collected), hint)) << to_sql(by_expression, collected);
  Query starred;  // SELECT *: every key is a column of the result
  starred.body.items.push_back({sql_star(), "*"});
  starred.body.from.name = "t";
  starred.body.order_by.push_back({sql_column("pos"), true, true});
  EXPECT_TRUE(has(to_sql(starred, collected), hint)) << to_sql(starred, collected);
  Query skipped = q;
  skipped.body.offset = 2;
  EXPECT_FALSE(has(to_sql(skipped, collected), hint)) << to_sql(skipped, collected);
  Query unioned = q;
  auto second = std::make_shared<Select>(q.body);
  second->order_by.clear();
  unioned.body.union_all.push_back(second);
  EXPECT_FALSE(has(to_sql(unioned, collected), hint)) << to_sql(unioned, collected);
}

TEST(SparkDialect, OffsetPastIntIsCheckedNotRefused) {
  using namespace cormorant;
  using namespace cormorant::compile;
  auto has = [](const std::string& sql, const std::string& part) { return sql.find(part) != std::string::npos; };
  Query q;
  q.body.items.push_back({sql_column("a"), "a"});
  q.body.from.name = "t";
  q.body.order_by.push_back({sql_column("a"), true, true});
  q.body.offset = int64_t{1} << 40;
  // Spark's OFFSET is an INT: OFFSET 2**31 - 1 inside, and any row left over fails the query
  std::string sql = to_sql(q, spark_dialect());
  EXPECT_TRUE(has(sql, "OFFSET 2147483647")) << sql;
  EXPECT_FALSE(has(sql, "1099511627776\n")) << sql;
  EXPECT_TRUE(has(sql, "WHERE CAST(raise_error(")) << sql;
  EXPECT_TRUE(has(sql, "an OFFSET of 1099511627776 rows over more than 2147483647 rows")) << sql;
  EXPECT_TRUE(has(to_sql(q, duckdb_dialect()), "OFFSET 1099511627776")) << to_sql(q, duckdb_dialect());
  // a UNION ALL after it stays outside the check
  Query unioned = q;
  auto second = std::make_shared<Select>(q.body);
  second->offset = 0;
  second->order_by.clear();
  unioned.body.union_all.push_back(second);
  std::string both = to_sql(unioned, spark_dialect());
  EXPECT_TRUE(has(both, "IS NULL\nUNION ALL\nSELECT")) << both;
  q.body.offset = std::numeric_limits<int32_t>::max();  // an INT: as it is
  EXPECT_FALSE(has(to_sql(q, spark_dialect()), "raise_error")) << to_sql(q, spark_dialect());
}
