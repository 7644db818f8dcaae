// Remote functions from C++: the JSON codec of BigQuery's remote-function protocol, the
// function service started in this process on 127.0.0.1 (functions::LocalService) called
// over HTTP by the engine's libcurl client, its error statuses, and the client's retries on
// 429 and 5xx against a protocol server of the test's own (cpp-httplib).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/functions/service.hpp>

#include "cormorant/functions/wire.hpp"
#include "test_util.hpp"

namespace {

using cormorant::DType;
using cormorant::Session;
using cormorant::SessionOptions;
using nlohmann::json;
namespace wire = cormorant::functions::wire;

// ---- the JSON codec ------------------------------------------------------------------------

TEST(RemoteWire, BigQueryJsonEncodingRoundTrips) {
  std::vector<DType> types = {DType::Boolean, DType::Int64,     DType::Float64,
                              DType::String,  DType::Date,      DType::Timestamp,
                              DType::timestamp_tz("UTC"), DType::Binary, DType::Decimal,
                              DType::list_of(DType::Date)};
  // BigQuery's encodings (dates "YYYY-MM-DD", bytes base64, NUMERIC as a string, ...), NULLs.
  json calls = json::parse(R"([
    [true, 5, 1.5, "a", "2024-02-29", "2024-01-01T12:30:00.000005", "1960-05-05T01:00:00.000000Z",
     "AP8=", "-12.5", ["2024-01-01", null]],
    [null, null, null, null, null, null, null, null, null, null],
    [false, -9007199254740993, "NaN", "", "1969-12-31", "1970-01-01T00:00:00.000000", "2024-01-01T00:00:00.000000Z",
     "", "12345678901234567890.123456789", []]
  ])");
  std::string batch = wire::json_calls_to_batch(calls, types);
  auto columns = wire::batch_to_json(batch, types);
  ASSERT_EQ(columns.size(), types.size());
  for (size_t c = 0; c < types.size(); ++c) {
    for (size_t r = 0; r < calls.size(); ++r) {
      EXPECT_EQ(columns[c][r], calls[r][c]) << "column " << c << " row " << r;
    }
  }
  // Also read: Int64 and decimals from strings and numbers, timestamps with a space or none.
  std::vector<DType> more_types = {DType::Int64, DType::Decimal, DType::Timestamp, DType::Timestamp};
  auto more = wire::batch_to_json(
      wire::json_calls_to_batch(json::parse(R"([["7", 2.5, "2024-01-01 10:00:00", "2024-01-01"]])"), more_types),
      more_types);
  EXPECT_EQ(more[0][0], 7);
  EXPECT_EQ(more[1][0], "2.5");
  EXPECT_EQ(more[2][0], "2024-01-01T10:00:00.000000");
  EXPECT_EQ(more[3][0], "2024-01-01T00:00:00.000000");
}

TEST(RemoteWire, BadValuesNameTheCallAndArgument) {
  auto fails = [](const char* calls, DType type, const std::string& fragment) {
    try {
      wire::json_calls_to_batch(json::parse(calls), {type});
      ADD_FAILURE() << "expected InvalidArgumentError for " << calls;
    } catch (const cormorant::InvalidArgumentError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  fails(R"([[1], ["x"]])", DType::Int64, "argument 1 of call 1");
  fails(R"([[1, 2]])", DType::Int64, "the function takes 1");
  fails(R"([["2024-13-01"]])", DType::Date, "YYYY-MM-DD");
  fails(R"([["not base64!"]])", DType::Binary, "base64");
  fails(R"([["1.0000000001"]])", DType::Decimal, "9 after the point");
  fails(R"([[[1, "x"]]])", DType::list_of(DType::Int64), "an item of argument 1 of call 0");
}

TEST(RemoteWire, RowsInBigframesFormat) {
  std::vector<DType> types = {DType::String, DType::Int64, DType::Boolean, DType::Binary};
  auto columns = wire::batch_to_json(
      wire::json_calls_to_batch(json::parse(R"([["x'y", 3, true, "AP8="]])"), types), types);
  std::string text = wire::row_to_json({"\"x'y\"", "'n'", "'ok'", "'raw'"}, types, columns, 0);
  json row = json::parse(text);
  EXPECT_EQ(row["values"], json::parse(R"(["x'y", "3", "true", "AP8="])"));  // strings, as bigframes casts them
  EXPECT_EQ(row["types"], json::parse(R"(["string", "Int64", "boolean", "binary[pyarrow]"])"));
  auto back = wire::json_to_row(text);
  EXPECT_EQ(back.types, types);
  EXPECT_EQ(back.values, json::parse(R"(["x'y", "3", true, "AP8="])"));
  // With an index (bigframes puts its levels first): dropped.
  row["names"].insert(row["names"].begin(), "None");
  row["types"].insert(row["types"].begin(), "Int64");
  row["values"].insert(row["values"].begin(), "17");
  row["indexlength"] = 1;
  EXPECT_EQ(wire::json_to_row(row.dump()).names, back.names);
  EXPECT_THROW(wire::json_to_row("{\"names\": 1}"), cormorant::InvalidArgumentError);
}

// ---- the service in this process, called by the client --------------------------------------

const std::string kPython = CORMORANT_SOURCE_DIR "/.venv/bin/python";

/// Defines Python UDF routines in `warehouse` with the project's Python (as a user would).
void define_routines(const std::string& warehouse) {
  std::string script =
      "import cormorant.pandas as cpd\n"
      "s = cpd.Session('" + warehouse + "')\n"
      "@s.udf(dataset='src', name='plus_one', transpile=False)\n"
      "def plus_one(x: int) -> int:\n"
      "    return None if x is None else x + 1\n"
      "@s.udf(dataset='src', name='fails', input_types=[int], output_type=int, transpile=False)\n"
      "def fails(n):\n"
      "    return 1 // (n - 42)\n"
      "s.close()\n";
  cormorant_test::TempDir dir("remote_define");
  ASSERT_EQ(std::system((kPython + " " + dir.write("define.py", script)).c_str()), 0);
}

/// Routine `from` of the catalog deployed as remote function fns.<name>.
cormorant::RoutineInfo deploy(const Session& s, const std::string& from, const std::string& name) {
  cormorant::RoutineInfo info = s.describe_routine(from);
  info.dataset = "fns";
  info.name = name;
  cormorant::RemoteDeployOptions options;
  options.python = kPython;
  s.deploy_remote_function(info, options);
  return info;
}

std::multiset<std::string> cells(const cormorant::Table& t) {
  std::multiset<std::string> out;
  for (int64_t r = 0; r < t.num_rows(); ++r) out.insert(t.at(r, 0).to_string());
  return out;
}

TEST(RemoteService, InProcessServiceCalledByTheClient) {
  cormorant_test::TempDir wh("remote_service");
  define_routines(wh.path().string());
  ::setenv("CORMORANT_PYTHON", kPython.c_str(), 1);
  cormorant::functions::ServeOptions serve;
  serve.warehouse = wh.path();
  serve.python = kPython;
  cormorant::functions::LocalService service(serve);
  EXPECT_EQ(service.address().host, "127.0.0.1");
  auto found = cormorant::functions::find_service(wh.path());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->port, service.address().port);

  SessionOptions options;
  options.warehouse = wh.path().string();
  Session s(options);
  auto info = deploy(s, "src.plus_one", "plus_one");
  EXPECT_EQ(info.endpoint, service.address().url() + "/functions/fns.plus_one");
  EXPECT_EQ(s.list_connections().size(), 1u);  // the default one: the admin secret is no connection

  // Over HTTP through the engine, in requests of at most 100 rows: DuckDB computes the same.
  cormorant::Function f = s.read_function("fns.plus_one");
  auto df = s.read_sql("SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE i END AS x FROM range(2500) t(i)");
  auto want = s.execute_sql("SELECT CASE WHEN i % 7 = 3 THEN NULL ELSE i + 1 END FROM range(2500) t(i)");
  EXPECT_EQ(cells(f(df["x"]).to_frame().to_table()), cells(want));

  // Error statuses reach the query as RemoteFunctionError: 400 (an exception in the function).
  deploy(s, "src.fails", "fails");
  try {
    s.read_function("fns.fails")(s.read_sql("SELECT 42 AS n")["n"]).to_frame().to_table();
    ADD_FAILURE() << "expected RemoteFunctionError";
  } catch (const cormorant::RemoteFunctionError& e) {
    EXPECT_EQ(e.status(), 400);
    EXPECT_NE(e.error_message().find("ZeroDivisionError"), std::string::npos) << e.what();
  }
  // 403: a connection without the invoker role; 404: no such function.
  s.create_connection("other");
  auto call_with = [&](const std::string& endpoint, const std::string& connection) {
    cormorant::RoutineInfo ext;
    ext.dataset = "ext";
    ext.name = "via_" + connection + "_" + std::to_string(std::hash<std::string>{}(endpoint) % 1000);
    ext.endpoint = endpoint;
    ext.connection = connection;
    ext.arg_types = {DType::Int64};
    ext.result_type = DType::Int64;
    ext.identity = ext.name;
    s.create_remote_function(ext, false);
    try {
      s.read_function(ext.id())(s.read_sql("SELECT 1 AS n")["n"]).to_frame().to_table();
      return 200;
    } catch (const cormorant::RemoteFunctionError& e) {
      return e.status();
    }
  };
  EXPECT_EQ(call_with(info.endpoint, "other"), 403);
  s.grant_invoke("fns.plus_one", "other");
  EXPECT_EQ(call_with(info.endpoint, "other"), 200);
  EXPECT_EQ(call_with(service.address().url() + "/functions/fns.missing", "other"), 404);
  s.revoke_invoke("fns.plus_one", "other");
  EXPECT_EQ(call_with(info.endpoint, "other"), 403);
  s.close();

  service.stop();
  EXPECT_FALSE(cormorant::functions::find_service(wh.path()).has_value());
}

// ---- retries, against a protocol server of the test's own -----------------------------------

/// A protocol server answering x * 10, after failing the first `failures` requests with `status`.
class FlakyServer {
 public:
  FlakyServer(int failures, int status) : failures_(failures), status_(status) {
    server_.Post("/fn", [this](const httplib::Request& req, httplib::Response& res) {
      if (requests_++ < failures_) {
        res.status = status_;
        res.set_content(json{{"errorMessage", "try again"}}.dump(), "application/json");
        return;
      }
      json body = json::parse(req.body), replies = json::array();
      for (const auto& c : body["calls"]) replies.push_back(c[0].is_null() ? json() : json(c[0].get<int64_t>() * 10));
      res.set_content(json{{"replies", replies}}.dump(), "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  ~FlakyServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/fn"; }
  int requests() const { return requests_; }

 private:
  int failures_, status_;
  std::atomic<int> requests_{0};
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

int call_external(const std::string& warehouse, const std::string& url, const std::string& name) {
  SessionOptions options;
  options.warehouse = warehouse;
  Session s(options);
  cormorant::RoutineInfo info;
  info.dataset = "ext";
  info.name = name;
  info.endpoint = url;
  info.arg_types = {DType::Int64};
  info.result_type = DType::Int64;
  info.identity = name;
  s.create_remote_function(info, false);
  // One row: one request, so that the server's count of requests is exact.
  auto got = s.read_function("ext." + name)(s.read_sql("SELECT 7 AS x")["x"]).to_frame().to_table();
  auto want = s.execute_sql("SELECT 7 * 10");
  EXPECT_EQ(cells(got), cells(want));
  s.close();
  return 0;
}

TEST(RemoteClient, RetriesOn429And5xx) {
  cormorant_test::TempDir wh("remote_retry");
  for (int status : {429, 500, 503}) {
    FlakyServer server(2, status);
    call_external(wh.path().string(), server.url(), "flaky_" + std::to_string(status));
    EXPECT_EQ(server.requests(), 3) << status;  // two refused, the third answered
  }
  // A 400 is not retried; a server that keeps failing fails the query after the attempts.
  for (auto [status, attempts] : {std::pair{400, 1}, std::pair{503, 6}}) {
    FlakyServer server(100, status);
    try {
      call_external(wh.path().string(), server.url(), "broken_" + std::to_string(status));
      ADD_FAILURE() << "expected RemoteFunctionError";
    } catch (const cormorant::RemoteFunctionError& e) {
      EXPECT_EQ(e.status(), status);
      EXPECT_EQ(e.error_message(), "try again");
    }
    EXPECT_EQ(server.requests(), attempts) << status;
  }
}

}  // namespace
