// The remote engine adapter's plumbing (issue 14): a session on Engine::Spark given a fake
// engine::RemoteEngine that serves Arrow made here by DuckDB, and engine::remote_table's checks
// of the types a remote engine returns. Results on a real cluster are tests/spark's (the oracle
// there is pandas and DuckDB run directly).
#include <gtest/gtest.h>

#include <cormorant/cormorant.hpp>
#include <cormorant/engine/remote.hpp>
#include <cormorant/session/udf.hpp>
#include <cormorant/storage/routine.hpp>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using namespace cormorant;

namespace {

/// Rows of a DuckDB query as an Arrow stream (the engine's canonical Arrow types).
ArrowArrayStream arrow_of(const std::string& sql) {
  Session duck(SessionOptions{":memory:"});
  Table t = duck.execute_sql(sql);
  ArrowArrayStream out{};
  t.export_to(&out);
  return out;
}

/// A remote engine that keeps the views it is given as Tables and answers every query with
/// the rows of `answer` (a DuckDB query), recording what it was asked.
class FakeRemote : public engine::RemoteEngine {
 public:
  std::string answer;
  std::vector<std::string> queries, dropped;
  std::map<std::string, Table> views;
  int interrupts = 0;
  bool gone = false;

  std::string address() const override { return "sc://fake:1"; }
  void query(const std::string& sql, ArrowArrayStream* out) override {
    if (gone) throw EngineConnectionError("the fake server went away", address());
    queries.push_back(sql);
    *out = arrow_of(answer);
  }
  void create_view(const std::string& name, ArrowArrayStream* rows) override {
    views.insert_or_assign(name, engine::remote_table(rows, {}, {}));
  }
  void create_query_view(const std::string& name, const std::string& sql) override {
    if (gone) throw EngineConnectionError("the fake server went away", address());
    query_views.emplace_back(name, sql);
  }
  void drop_view(const std::string& name) override { dropped.push_back(name); }
  void interrupt() override { ++interrupts; }
  void register_function(const std::string& name, const std::string& portable, const std::string& type) override {
    registered.push_back({name, portable, type});
  }
  std::vector<std::vector<std::string>> registered;  ///< (name, portable description, result type)
  /// The views of queries made, in order: (name, sql).
  std::vector<std::pair<std::string, std::string>> query_views;
};

SessionOptions on(const std::shared_ptr<FakeRemote>& fake) {
  SessionOptions o{":memory:"};
  o.engine = Engine::Spark;
  o.remote_engine = fake;
  return o;
}

}  // namespace

TEST(RemoteTable, KeepsCanonicalColumnsAndRestoresZones) {
  ArrowArrayStream s = arrow_of(
      "SELECT 7::BIGINT AS i, 1.5::DOUBLE AS f, 'x' AS s, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS tz, "
      "TIMESTAMP '2024-01-01 01:02:03' AS t, NULL::BOOLEAN AS b");
  Table t = engine::remote_table(&s, {DType::Int64, DType::Float64, DType::String, DType::timestamp_tz("Europe/Berlin"),
                                      DType::Timestamp, DType::Boolean},
                                 {"i", "f", "s", "tz", "t", "b"});
  ASSERT_EQ(t.num_rows(), 1);
  EXPECT_EQ(t.at(0, 0).get<int64_t>(), 7);
  EXPECT_EQ(t.at(0, 1).get<double>(), 1.5);
  EXPECT_EQ(t.at(0, 2).get<std::string>(), "x");
  EXPECT_EQ(t.schema()[3].dtype, DType::TimestampTz);
  EXPECT_EQ(t.schema()[4].dtype, DType::Timestamp);
  EXPECT_TRUE(t.is_null(0, 5));
}

TEST(RemoteTable, RefusesATypeThatCannotHoldTheColumnNamingIt) {
  ArrowArrayStream s = arrow_of("SELECT 1::BIGINT AS c0, 'a' AS c1");
  try {
    engine::remote_table(&s, {DType::Int64, DType::Float64}, {"qty", "price"});
    FAIL() << "expected a DTypeError";
  } catch (const DTypeError& e) {
    EXPECT_NE(std::string(e.what()).find("column 'price'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("Float64"), std::string::npos) << e.what();
  }
}

TEST(RemoteTable, TimedeltaAndCodesArriveAsBigint) {
  ArrowArrayStream s = arrow_of("SELECT 5::BIGINT AS d");
  Table t = engine::remote_table(&s, {DType::Timedelta}, {"d"});
  t.restore_dtypes({DType::Timedelta});
  EXPECT_EQ(t.schema()[0].dtype, DType::Timedelta);
}

TEST(SparkSession, ReadArrowMakesAViewWithPositionsAndQueriesIt) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT * FROM (VALUES (10::BIGINT, 'a'), (20, NULL), (30, 'c')) v(x, y)");
  DataFrame df = s.read_arrow(&rows);
  ASSERT_EQ(fake->views.size(), 1u);
  const Table& view = fake->views.begin()->second;
  ASSERT_EQ(view.num_columns(), 3);
  EXPECT_EQ(view.schema()[2].name, "rowid");
  for (int64_t r = 0; r < 3; ++r) EXPECT_EQ(view.at(r, 2).get<int64_t>(), r);
  EXPECT_EQ(view.at(1, 0).get<int64_t>(), 20);

  fake->answer = "SELECT 30::BIGINT AS x";
  Table got = df[df["x"] > Value(int64_t{20})][std::vector<Label>{Label("x")}].to_table();
  ASSERT_EQ(got.num_rows(), 1);
  EXPECT_EQ(got.at(0, 0).get<int64_t>(), 30);
  ASSERT_EQ(fake->queries.size(), 1u);
  EXPECT_NE(fake->queries[0].find("`" + fake->views.begin()->first + "`"), std::string::npos) << fake->queries[0];

  s.close();
  EXPECT_EQ(fake->dropped, std::vector<std::string>{fake->views.begin()->first});
}

// to_table runs on Spark now (tests/spark/test_to_table.py); without a warehouse it is refused as on
// DuckDB, before anything reaches Spark.
TEST(SparkSession, ToTableWithoutAWarehouseAsksNothingOfSpark) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT 1::BIGINT AS x");
  DataFrame df = s.read_arrow(&rows);
  EXPECT_THROW(df.to_table("ds.t"), InvalidArgumentError);
  EXPECT_TRUE(fake->queries.empty());
}

TEST(SparkSession, ReadSqlAsksSpark) {
  // read_sql takes Spark SQL, typed by Spark (a query of no rows; tests/spark/test_spark_io.py
  // runs it on a cluster, with cache() and the file writers).
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  fake->answer = "SELECT 7::BIGINT AS x LIMIT 0";
  DataFrame q = s.read_sql("SELECT 7 AS x");
  ASSERT_EQ(fake->queries.size(), 1u);
  EXPECT_NE(fake->queries[0].find("LIMIT 0"), std::string::npos) << fake->queries[0];
  ASSERT_EQ(q.columns().size(), 1u);
}

// A remote result of no rows is no batch, as a DuckDB stream (groupby's whole-group batches read
// the last row of each batch).
TEST(SparkSession, NoRowsAreNoBatch) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT 1::BIGINT AS x");
  DataFrame df = s.read_arrow(&rows);
  fake->answer = "SELECT 0::BIGINT AS i, 1::BIGINT AS x WHERE false";  // (the index, then x)
  BatchReader none = df.to_batches(10);
  EXPECT_FALSE(none.next().has_value());
  fake->answer = "SELECT 0::BIGINT AS i, 1::BIGINT AS x";
  BatchReader one = df.to_batches(10);
  auto first = one.next();
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(one.next().has_value());
}

TEST(SparkSession, ServerGoneIsTypedAndInterruptReachesIt) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT 1::BIGINT AS x");
  DataFrame df = s.read_arrow(&rows);
  s.interrupt();
  EXPECT_EQ(fake->interrupts, 1);
  fake->gone = true;
  EXPECT_THROW(df.to_table(), EngineConnectionError);
}

TEST(SparkSession, NeedsAnAdapterAndAnAddress) {
  SessionOptions o{":memory:"};
  o.engine = Engine::Spark;
  EXPECT_THROW(Session{o}, InvalidArgumentError);  // no spark_remote
  o.spark_remote = "sc://127.0.0.1:1";
  EXPECT_THROW(Session{o}, NotImplementedError);  // no factory installed in this program
  SessionOptions duck{":memory:"};
  duck.spark_remote = "sc://127.0.0.1:1";
  EXPECT_THROW(Session{duck}, InvalidArgumentError);  // an address for the DuckDB engine
}

TEST(RemoteTable, WidensNarrowIntegersToTheBigintThePlanSays) {
  // Spark's year(), hour() and length() are INT where DuckDB's are BIGINT.
  ArrowArrayStream s = arrow_of("SELECT * FROM (VALUES (1::INTEGER, 7::SMALLINT), (NULL, -3), (-2147483648, NULL)) v(a, b)");
  Table t = engine::remote_table(&s, {DType::Int64, DType::Int64}, {"a", "b"});
  ASSERT_EQ(t.num_rows(), 3);
  EXPECT_EQ(t.schema()[0].dtype, DType::Int64);
  EXPECT_EQ(t.at(0, 0).get<int64_t>(), 1);
  EXPECT_TRUE(t.is_null(1, 0));
  EXPECT_EQ(t.at(2, 0).get<int64_t>(), -2147483648LL);
  EXPECT_EQ(t.at(1, 1).get<int64_t>(), -3);
  EXPECT_TRUE(t.is_null(2, 1));
  ArrowArrayStream out{};
  t.export_to(&out);  // the exported column says int64 too
  ArrowSchema schema{};
  ASSERT_EQ(out.get_schema(&out, &schema), 0);
  EXPECT_STREQ(schema.children[0]->format, "l");
  schema.release(&schema);
  out.release(&out);
}

TEST(SparkSession, RegistersARoutineItCallsOnceAndDropsItOnClose) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT * FROM (VALUES (1::BIGINT), (NULL)) v(x)");
  DataFrame df = s.read_arrow(&rows);
  RoutineInfo info;
  info.dataset = "fns";
  info.name = "half";
  info.entry_point = "half";
  info.source = "def half(x):\n    return None if x is None else x / 2\n";
  info.code_hash = storage::code_hash(info.source);
  info.identity = std::string(64, 'a');
  info.arg_types = {DType::Int64};
  info.result_type = DType::Float64;
  Function half(info, 1);
  DataFrame out = df.assign(Label("y"), half(df["x"]))[std::vector<Label>{Label("y")}];
  fake->answer = "SELECT 0.5::DOUBLE AS y";
  out.to_table();
  out.to_table();  // (registered once)
  ASSERT_EQ(fake->registered.size(), 1u);
  const std::string& name = fake->registered[0][0];
  EXPECT_EQ(name.rfind("cormorant_udf_", 0), 0u) << name;
  EXPECT_NE(fake->queries.back().find(name + "("), std::string::npos) << fake->queries.back();
  EXPECT_EQ(fake->registered[0][2], "DOUBLE");
  const std::string& portable = fake->registered[0][1];
  for (const char* part : {"\"kind\":\"python\"", "\"routine_id\":\"fns.half\"", "\"entry_point\":\"half\"",
                           "\"arg_types\":[\"Int64\"]", "\"result_type\":\"Float64\""}) {
    EXPECT_NE(portable.find(part), std::string::npos) << part << " in " << portable;
  }
  EXPECT_NE(portable.find(info.code_hash), std::string::npos) << portable;
  s.close();
  EXPECT_EQ(fake->queries.back(), "DROP TEMPORARY FUNCTION IF EXISTS `" + name + "`");
}

TEST(SparkSession, SessionsSharingASparkSessionCallOnlyTheirOwnFunctions) {
  // Two cormorant sessions on one Spark session (one adapter): the same routine in both, and a
  // routine of the same id with other code in the second. Each query calls a registration of
  // its own session and code; closing one session drops its registrations only.
  auto fake = std::make_shared<FakeRemote>();
  Session a(on(fake)), b(on(fake));
  auto routine = [](const std::string& source) {
    RoutineInfo info;
    info.dataset = "fns";
    info.name = "half";
    info.entry_point = "half";
    info.source = source;
    info.code_hash = storage::code_hash(info.source);
    info.identity = storage::code_hash("identity of " + source);
    info.arg_types = {DType::Int64};
    info.result_type = DType::Float64;
    return Function(info, 1);
  };
  Function half = routine("def half(x):\n    return None if x is None else x / 2\n");
  Function other = routine("def half(x):\n    return None if x is None else x / 3\n");
  fake->answer = "SELECT 0.5::DOUBLE AS y";
  auto run = [&](Session& s, const Function& f) {
    ArrowArrayStream rows = arrow_of("SELECT * FROM (VALUES (1::BIGINT), (NULL)) v(x)");
    DataFrame df = s.read_arrow(&rows);
    df.assign(Label("y"), f(df["x"]))[std::vector<Label>{Label("y")}].to_table();
    return fake->queries.back();
  };
  std::string qa = run(a, half), qb = run(b, half), qc = run(b, other);
  ASSERT_EQ(fake->registered.size(), 3u);
  std::vector<std::string> names;
  for (const auto& r : fake->registered) names.push_back(r[0]);
  EXPECT_NE(names[0], names[1]);
  EXPECT_NE(names[1], names[2]);
  EXPECT_NE(names[0].find(a.id()), std::string::npos) << names[0];
  EXPECT_NE(names[1].find(b.id()), std::string::npos) << names[1];
  EXPECT_NE(qa.find(names[0] + "("), std::string::npos) << qa;
  EXPECT_NE(qb.find(names[1] + "("), std::string::npos) << qb;
  EXPECT_EQ(qb.find(names[0]), std::string::npos) << qb;
  EXPECT_NE(qc.find(names[2] + "("), std::string::npos) << qc;
  EXPECT_NE(fake->registered[2][1].find(storage::code_hash("def half(x):\n    return None if x is None else x / 3\n")),
            std::string::npos);
  a.close();
  EXPECT_EQ(fake->queries.back(), "DROP TEMPORARY FUNCTION IF EXISTS `" + names[0] + "`");
  for (const auto& q : fake->queries) {
    EXPECT_TRUE(q.find("DROP TEMPORARY FUNCTION") == std::string::npos || q.find(names[0]) != std::string::npos) << q;
  }
  EXPECT_NE(run(b, half).find(names[1] + "("), std::string::npos);  // (b's registration stands, not made again)
  EXPECT_EQ(fake->registered.size(), 3u);
  b.close();
}

TEST(SparkSession, RefusesAFunctionWithoutAPortableDescription) {
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  ArrowArrayStream rows = arrow_of("SELECT 1::BIGINT AS x");
  DataFrame df = s.read_arrow(&rows);
  auto udf = std::make_shared<ScalarUdf>();  // (a function of this process only)
  udf->engine_name = "cormorant_udf_plain_for_spark_test";
  udf->arg_types = {DType::Int64};
  udf->result_type = DType::Int64;
  udf->call = [](ArrowSchema*, ArrowArray*, ArrowSchema*, ArrowArray*) {};
  session::register_udf(udf);
  DataFrame out = df.assign(Label("y"), df["x"].call(udf->engine_name))[std::vector<Label>{Label("y")}];
  try {
    out.to_table();
    FAIL() << "expected NotImplementedError";
  } catch (const NotImplementedError& e) {
    EXPECT_NE(std::string(e.what()).find("@cpd.udf"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(fake->registered.empty());
  EXPECT_TRUE(fake->queries.empty());
}

TEST(SparkSession, ParquetFilesAreReadFromViewsMadeOncePerFile) {
  // Spark resolves parquet.`path` anew in every query (a listing, and a job reading the footer
  // for the schema): a session on Spark reads each file from its view of it, made before the
  // first query that reads the file, and made again only after the file changed.
  namespace fs = std::filesystem;
  fs::path dir = fs::path(testing::TempDir()) / ("spark_file_views_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string path = (dir / "x.parquet").string();
  Session(SessionOptions{":memory:"}).execute_sql("COPY (SELECT range::BIGINT AS x FROM range(5)) TO '" + path +
                                                  "' (FORMAT parquet)");
  auto fake = std::make_shared<FakeRemote>();
  Session s(on(fake));
  DataFrame df = s.read_parquet(path);
  EXPECT_TRUE(fake->query_views.empty());  // (nothing is made before a query needs it)
  fake->answer = "SELECT 3::BIGINT AS x";
  auto run = [&] { return df[df["x"] > Value(int64_t{2})][std::vector<Label>{Label("x")}].to_table(); };
  run();
  ASSERT_EQ(fake->query_views.size(), 1u);
  const auto [name, sql] = fake->query_views[0];
  EXPECT_NE(sql.find("FROM parquet.`" + path + "`"), std::string::npos) << sql;
  ASSERT_EQ(fake->queries.size(), 1u);
  EXPECT_NE(fake->queries[0].find("`" + name + "`"), std::string::npos) << fake->queries[0];
  EXPECT_EQ(fake->queries[0].find("parquet.`"), std::string::npos) << fake->queries[0];
  run();
  EXPECT_EQ(fake->query_views.size(), 1u);  // the same view again
  EXPECT_EQ(fake->queries[1], fake->queries[0]);
  // The file changed (here only its times: the same rows, so the read is still valid).
  fs::last_write_time(path, fs::last_write_time(path) + std::chrono::seconds(5));
  run();
  ASSERT_EQ(fake->query_views.size(), 2u);
  EXPECT_EQ(fake->query_views[1], fake->query_views[0]);  // (made again, under its name)
  s.close();
  EXPECT_NE(std::find(fake->dropped.begin(), fake->dropped.end(), name), fake->dropped.end());
  fs::remove_all(dir);
}
