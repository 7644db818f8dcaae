// Error tests: each bad input throws the specific cormorant error class (cormorant/common/
// error.hpp) with a message that names the problem, and the session keeps working after it.
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::DType;
using cormorant::NA;
using cormorant::Series;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant_test::TempDir;

/// Runs `action`, which must throw an E whose message contains every phrase.
template <typename E>
::testing::AssertionResult throws_with(const std::function<void()>& action, std::initializer_list<const char*> phrases) {
  try {
    action();
  } catch (const cormorant::Error& e) {
    if (dynamic_cast<const E*>(&e) == nullptr) {
      return ::testing::AssertionFailure() << "threw a cormorant::Error of another class (kind "
                                           << static_cast<int>(e.kind()) << "): " << e.what();
    }
    std::string message = e.what();
    for (const char* p : phrases) {
      if (message.find(p) == std::string::npos) {
        return ::testing::AssertionFailure() << "the message does not contain \"" << p << "\": " << message;
      }
    }
    return ::testing::AssertionSuccess();
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << "threw a non-cormorant exception: " << e.what();
  }
  return ::testing::AssertionFailure() << "nothing was thrown";
}

/// EXPECT_THROW for the exact class, then the message check, then a check that the session
/// still works (used in the Errors fixture).
#define EXPECT_CORMORANT_ERROR(statement, ErrorClass, ...)                                  \
  do {                                                                                     \
    EXPECT_THROW(statement, ErrorClass);                                                   \
    EXPECT_TRUE(throws_with<ErrorClass>([&] { statement; }, {__VA_ARGS__})) << #statement; \
    expect_session_works();                                                                \
  } while (0)

const char* const kFixtureCsv =
    "id,x,y,z,name,flag\n"
    "1,10,2.5,1.0,alpha,true\n"
    "2,-7,-1.25,-2.0,beta,false\n"
    "3,,NA,,,\n"
    "4,0,0.0,3.0,it's,true\n";

class Errors : public ::testing::Test {
 protected:
  Errors() : dir_("errors"), session_(SessionOptions{":memory:"}), path_(dir_.write("fixture.csv", kFixtureCsv)) {}

  DataFrame df() const { return session_.read_csv(path_); }

  /// After an error the same session still reads, plans and runs queries.
  void expect_session_works() const {
    DataFrame d = df();
    EXPECT_EQ(d.shape(), std::make_pair(int64_t{4}, int64_t{6}));
    DataFrame f = d[d["x"] > 0];
    cormorant::Table t = f.assign("w", f["x"] * 2).to_table();
    ASSERT_EQ(t.num_rows(), 1);
    EXPECT_EQ(t.at(0, t.column_index("w")), cormorant::Value(20));
  }

  TempDir dir_;
  Session session_;
  std::string path_;
};

// ---- sources -----------------------------------------------------------------------------

TEST_F(Errors, MissingFile) {
  std::string missing = (dir_.path() / "no_such_file.csv").string();
  EXPECT_CORMORANT_ERROR(session_.read_csv(missing), cormorant::FileNotFoundError, "no_such_file.csv");
  EXPECT_CORMORANT_ERROR(session_.read_parquet((dir_.path() / "nope.parquet").string()), cormorant::FileNotFoundError,
                         "nope.parquet");
  // A directory is not a file either.
  EXPECT_CORMORANT_ERROR(session_.read_csv(dir_.path().string()), cormorant::FileNotFoundError, "directory");
}

TEST_F(Errors, CsvRowWithTooManyFields) {
  std::string bad = dir_.write("bad.csv", "a,b\n1,2\n3,4,5\n6,7\n");
  // The error may come when the file is read or when the plan runs; either way it is a
  // ParserError naming the line, like pandas' "Expected 2 fields in line 3, saw 3".
  auto read_and_run = [&] { session_.read_csv(bad).to_table(); };
  EXPECT_THROW(read_and_run(), cormorant::ParserError);
  EXPECT_TRUE(throws_with<cormorant::ParserError>(read_and_run, {"2 fields in line 3, saw 3", "bad.csv"}));
  bool at_read = false;
  try {
    session_.read_csv(bad);
  } catch (const cormorant::ParserError&) {
    at_read = true;
  } catch (...) {
  }
  RecordProperty("parser_error_stage", at_read ? "read_csv" : "to_table");
  EXPECT_TRUE(at_read) << "the file is loaded when read, so the error should come from read_csv";
  expect_session_works();
}

TEST_F(Errors, CsvUnterminatedQuote) {
  std::string bad = dir_.write("quote.csv", "a,b\n1,\"2\n3,4\n");
  auto read_and_run = [&] { session_.read_csv(bad).to_table(); };
  EXPECT_THROW(read_and_run(), cormorant::ParserError);
  EXPECT_TRUE(throws_with<cormorant::ParserError>(read_and_run, {"CSV"}));
  expect_session_works();
}

TEST_F(Errors, EmptyCsvFile) {
  // pandas raises EmptyDataError (a ValueError): "No columns to parse from file".
  std::string empty = dir_.write("empty.csv", "");
  EXPECT_CORMORANT_ERROR(session_.read_csv(empty).to_table(), cormorant::ParserError, "No columns to parse");
}

// ---- unknown columns ---------------------------------------------------------------------

TEST_F(Errors, UnknownColumn) {
  DataFrame d = df();
  EXPECT_CORMORANT_ERROR(d["nope"], cormorant::ColumnNotFoundError, "'nope'", "not found");
  EXPECT_CORMORANT_ERROR((d[{"x", "nope"}]), cormorant::ColumnNotFoundError, "'nope'");
  EXPECT_CORMORANT_ERROR(d.drop({"x", "nope"}), cormorant::ColumnNotFoundError, "'nope'", "not found");
  EXPECT_CORMORANT_ERROR(d.astype({{"nope", DType::Int64}}), cormorant::ColumnNotFoundError, "'nope'");
  // Labels are case-sensitive, as in pandas.
  EXPECT_CORMORANT_ERROR(d["X"], cormorant::ColumnNotFoundError, "'X'");
  // A column dropped or renamed away is gone.
  EXPECT_CORMORANT_ERROR(d.drop({"x"})["x"], cormorant::ColumnNotFoundError, "'x'");
  EXPECT_CORMORANT_ERROR(d.rename({{"x", "ex"}})["x"], cormorant::ColumnNotFoundError, "'x'");
  // And in a result.
  cormorant::Table t = d.head(1).to_table();
  EXPECT_CORMORANT_ERROR(t.column_index("nope"), cormorant::ColumnNotFoundError, "'nope'");
}

// ---- dtypes ------------------------------------------------------------------------------

TEST_F(Errors, IncompatibleDTypes) {
  DataFrame d = df();
  // string + int
  EXPECT_CORMORANT_ERROR(d["name"] + d["x"], cormorant::DTypeError, "+", "string", "Int64");
  EXPECT_CORMORANT_ERROR(d["name"] + 1, cormorant::DTypeError, "string", "Int64");
  EXPECT_CORMORANT_ERROR(1.5 * d["name"], cormorant::DTypeError, "string", "Float64");
  // string < int
  EXPECT_CORMORANT_ERROR(d["name"] < d["x"], cormorant::DTypeError, "<", "string", "Int64");
  EXPECT_CORMORANT_ERROR(d["name"] < 3, cormorant::DTypeError, "string", "Int64");
  // arithmetic on booleans
  EXPECT_CORMORANT_ERROR(d["flag"] + d["flag"], cormorant::DTypeError, "boolean");
  EXPECT_CORMORANT_ERROR(d["flag"] - d["flag"], cormorant::DTypeError, "boolean");
  // ~ where pandas has no invert: Float64 and string. (~ on Int64 is pandas' bitwise NOT,
  // see Results.IntBitwiseOps.) Other unary operators on the wrong dtype.
  EXPECT_CORMORANT_ERROR(~d["y"], cormorant::DTypeError, "~", "Float64");
  EXPECT_CORMORANT_ERROR(~d["name"], cormorant::DTypeError, "~", "string");
  EXPECT_CORMORANT_ERROR(-d["name"], cormorant::DTypeError, "-", "string");
  EXPECT_CORMORANT_ERROR(d["name"].abs(), cormorant::DTypeError, "abs", "string");
  // & | ^ take two booleans or two integers
  EXPECT_CORMORANT_ERROR(d["y"] & d["flag"], cormorant::DTypeError, "&", "Float64");
  EXPECT_CORMORANT_ERROR(d["flag"] | 1, cormorant::DTypeError, "|", "Int64");
  EXPECT_CORMORANT_ERROR(d["name"] ^ d["name"], cormorant::DTypeError, "^", "string");
  // conversions pandas has no rule for
  EXPECT_CORMORANT_ERROR(d.astype({{"flag", DType::Date}}), cormorant::DTypeError, "cannot convert", "boolean");
  // a <NA> alone has no dtype
  EXPECT_CORMORANT_ERROR(d.assign("n", NA), cormorant::DTypeError, "<NA>");
  // The frame the failed operations were applied to is unaffected.
  EXPECT_EQ(d.shape(), std::make_pair(int64_t{4}, int64_t{6}));
}

TEST_F(Errors, NonBooleanMask) {
  DataFrame d = df();
  EXPECT_CORMORANT_ERROR(d[d["x"]], cormorant::DTypeError, "boolean", "Int64");
  EXPECT_CORMORANT_ERROR(d[d["x"] + 1.5], cormorant::DTypeError, "boolean", "Float64");
  EXPECT_CORMORANT_ERROR(d[d["name"]], cormorant::DTypeError, "boolean", "string");
  EXPECT_CORMORANT_ERROR(d.filter(d["id"]), cormorant::DTypeError, "boolean");
  EXPECT_CORMORANT_ERROR(d["x"][d["y"]], cormorant::DTypeError, "boolean");
}

// ---- labels ------------------------------------------------------------------------------

TEST_F(Errors, DuplicateLabelsFromRename) {
  DataFrame d = df();
  EXPECT_CORMORANT_ERROR(d.rename({{"x", "y"}}), cormorant::InvalidArgumentError, "duplicate", "'y'");
  EXPECT_CORMORANT_ERROR(d.rename({{"x", "w"}, {"z", "w"}}), cormorant::InvalidArgumentError, "duplicate", "'w'");
}

// ---- errors when the plan runs -----------------------------------------------------------

TEST_F(Errors, NonFiniteFloatToIntFailsAtRunTime) {
  DataFrame d = df();
  // Building and compiling are fine: whether a value is finite is known only when run.
  DataFrame inf = d.assign("w", (d["x"] / 0).astype(DType::Int64));
  EXPECT_EQ(inf.dtypes().back().dtype, DType::Int64);
  EXPECT_NO_THROW(inf.sql());
  EXPECT_CORMORANT_ERROR(inf.to_table(), cormorant::InvalidArgumentError, "non-finite", "inf");
  // Fractions are truncated toward zero, as pandas 3.1 does for Float64 (the doc comment of
  // plan::CastExpr still says a fraction fails); <NA> stays <NA>.
  cormorant::Table t = d.astype({{"y", DType::Int64}, {"z", DType::Int64}}).to_table();
  EXPECT_EQ(t.at(0, t.column_index("y")), cormorant::Value(2));
  EXPECT_EQ(t.at(1, t.column_index("y")), cormorant::Value(-1));
  EXPECT_TRUE(t.at(2, t.column_index("y")).is_na());
  EXPECT_EQ(t.at(1, t.column_index("z")), cormorant::Value(-2));
  // Text that is no number fails when run, like pandas' ValueError.
  EXPECT_CORMORANT_ERROR(d.astype({{"name", DType::Int64}}).to_table(), cormorant::InvalidArgumentError, "alpha");
}

// Failures only the data can decide name the user's column and value, never the engine's
// generated names (c0, c1, ...) or its error categories.
TEST_F(Errors, RunTimeFailuresNameTheUsersColumn) {
  DataFrame d = df();
  EXPECT_CORMORANT_ERROR(d.astype({{"name", DType::Int64}}).to_table(), cormorant::InvalidArgumentError, "'alpha'",
                         "column 'name'", "Int64");
  EXPECT_CORMORANT_ERROR(d["name"].astype(DType::Boolean).to_frame().to_table(), cormorant::DTypeError, "'alpha'",
                         "column 'name'");
  std::string big = dir_.write("big.csv", "x\n4611686018427387904\n4611686018427387904\n4611686018427387904\n");
  DataFrame b = session_.read_csv(big);
  EXPECT_CORMORANT_ERROR(b.aggregate(cormorant::AggFunc::Sum), cormorant::OverflowError, "sum of column 'x'",
                         "13835058055282163712");
  EXPECT_CORMORANT_ERROR((b["x"] * 4).to_frame().to_table(), cormorant::OverflowError, "Int64 overflow in multiplication");
  try {
    d.astype({{"name", DType::Int64}}).to_table();
  } catch (const cormorant::Error& e) {
    std::string m = e.what();
    for (const char* internal : {"Conversion Error", "c0", "c1", "casting", "INT64"}) {
      EXPECT_EQ(m.find(internal), std::string::npos) << m;
    }
  }
}

TEST_F(Errors, OutputPathsSayWhichPathAndWhy) {
  DataFrame d = df();
  std::string missing = (dir_.path() / "no_folder" / "out.csv").string();
  EXPECT_CORMORANT_ERROR(d.to_csv(missing), cormorant::FileWriteError, missing.c_str(), "No such file or directory");
  EXPECT_CORMORANT_ERROR(d.to_parquet(missing), cormorant::FileWriteError, missing.c_str(), "No such file or directory");
  EXPECT_CORMORANT_ERROR(d.to_parquet(dir_.path().string()), cormorant::FileWriteError, "Is a directory");
}

TEST_F(Errors, CsvInAnotherEncoding) {
  std::string latin = dir_.write("latin.csv", "name,v\ncaf\xe9,1\n");
  EXPECT_CORMORANT_ERROR(session_.read_csv(latin).to_table(), cormorant::ParserError, "encoding=");
  cormorant::CsvOptions o;
  o.encoding = "latin-1";
  cormorant::Table t = session_.read_csv(latin, o).to_table();
  EXPECT_EQ(t.at(0, t.column_index("name")), cormorant::Value(std::string("caf\xc3\xa9")));
  o.encoding = "no-such-codec";
  EXPECT_CORMORANT_ERROR(session_.read_csv(latin, o), cormorant::InvalidArgumentError, "no-such-codec");
}

TEST_F(Errors, TablePositionOutOfBounds) {
  cormorant::Table t = df().to_table();
  // Any cormorant error class (the api is moving to a dedicated IndexError class).
  EXPECT_CORMORANT_ERROR(t.at(4, 0), cormorant::Error, "out of bounds");
  EXPECT_CORMORANT_ERROR(t.at(0, 6), cormorant::Error, "out of bounds");
  EXPECT_CORMORANT_ERROR(t.at(-1, 0), cormorant::Error, "out of bounds");
}

// Every error class derives from cormorant::Error and reports its kind.
TEST(ErrorClasses, KindsAndBase) {
  EXPECT_EQ(cormorant::ColumnNotFoundError("m").kind(), cormorant::ErrorKind::ColumnNotFound);
  EXPECT_EQ(cormorant::DTypeError("m").kind(), cormorant::ErrorKind::DType);
  EXPECT_EQ(cormorant::FileNotFoundError("m").kind(), cormorant::ErrorKind::FileNotFound);
  EXPECT_EQ(cormorant::ParserError("m").kind(), cormorant::ErrorKind::Parser);
  EXPECT_EQ(cormorant::InvalidArgumentError("m").kind(), cormorant::ErrorKind::InvalidArgument);
  EXPECT_THROW(throw cormorant::ParserError("m"), cormorant::Error);
  EXPECT_THROW(throw cormorant::ParserError("m"), std::runtime_error);
  EXPECT_STREQ(cormorant::DTypeError("the message").what(), "the message");
}

}  // namespace
