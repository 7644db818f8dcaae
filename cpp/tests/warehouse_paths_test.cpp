// Names from data on disk: partition folders made from column names and values (which come
// from users' CSV headers and rows) never leave the table's folder, and a table's data files
// are checked against its manifest. Oracle: DuckDB reading the same CSV directly.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <cormorant/cormorant.hpp>
#include <cormorant/engine/engine.hpp>
#include <cormorant/storage/paths.hpp>

#include "test_util.hpp"

namespace {

using cormorant::DataFrame;
using cormorant::Session;
using cormorant::SessionOptions;
using cormorant::Table;
using cormorant::Value;
using cormorant::WriteOptions;
using cormorant_test::TempDir;
using cormorant_test::tables_equal;
namespace fs = std::filesystem;
namespace storage = cormorant::storage;

/// Names that try to leave a folder, or to be read back as something else. "<tmp>" stands
/// for the test's folder: an absolute path there shows a leak without writing elsewhere.
const std::vector<std::string> kTricky = {
    "../../../x", "<tmp>/abs/x", "..", ".", "a/b", "a\\b", "..\\..\\x", "a=b", "%2F..%2F", "_hidden", ".hidden",
    "__HIVE_DEFAULT_PARTITION__", "sp ace", "\xC3\xBCn\xC3\xAF \xE6\x97\xA5", std::string(300, 'x'), "q\"uote", "it's",
};

std::set<std::string> files_under(const fs::path& root) {
  std::set<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file()) out.insert(fs::relative(e.path(), root).string());
  }
  return out;
}

/// A CSV field, quoted.
std::string csv_field(const std::string& s) { return "\"" + cormorant_test::replace_all(s, "\"", "\"\"") + "\""; }

TEST(WarehousePaths, EncodingIsReversibleAndStaysInOneFolder) {
  std::vector<std::string> texts = kTricky;
  texts.push_back("");
  std::string all_bytes;
  for (int c = 0; c < 256; ++c) all_bytes += static_cast<char>(c);
  texts.push_back(all_bytes);
  texts.push_back(std::string("nul\0byte", 8));
  std::set<std::string> folders;
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string encoded = storage::encode_path_component(texts[i]);
    EXPECT_EQ(storage::decode_path_component(encoded), texts[i]);
    EXPECT_EQ(encoded.find_first_of("/\\=~"), std::string::npos) << encoded;
    EXPECT_TRUE(encoded.empty() || (encoded[0] != '.' && encoded[0] != '_')) << encoded;
    size_t ordinal = 2 * i;  // unique per partition of a write
    for (const auto& value : {std::optional<std::string>(texts[i]), std::optional<std::string>()}) {
      std::string folder = storage::partition_folder(texts[i], value, ordinal++);
      EXPECT_TRUE(storage::is_contained_path(folder)) << folder;
      EXPECT_EQ(folder.find('/'), std::string::npos) << folder;
      EXPECT_LE(folder.size(), 255u) << folder;
      folders.insert(folder);
    }
  }
  EXPECT_EQ(folders.size(), 2 * texts.size()) << "distinct names and values give distinct folders";
  EXPECT_NE(storage::partition_folder("c", std::nullopt, 0), storage::partition_folder("c", "__HIVE_DEFAULT_PARTITION__", 0));
  for (const char* bad : {"", "/a", "a/../b", "..", "a//b", "./a", "a/"}) EXPECT_FALSE(storage::is_contained_path(bad)) << bad;
  EXPECT_TRUE(storage::is_contained_path("v1/c=%2E%2E/data.parquet"));
}

TEST(WarehousePaths, PartitionNamesFromACsvHeaderStayInsideTheTable) {
  TempDir dir("wh_paths");
  fs::path wh = dir.path() / "a" / "b" / "c" / "wh";
  SessionOptions o;
  o.warehouse = wh.string();
  Session s(o);
  std::string good = dir.write("good.csv", "id\n1\n2\n");
  s.read_csv(good).to_table("ds.t");
  Table good_rows = s.read_table("ds.t").to_table();
  std::vector<std::string> tricky;
  for (const auto& t : kTricky) tricky.push_back(cormorant_test::replace_all(t, "<tmp>", dir.path().string()));
  int n = 0;
  for (const auto& column : tricky) {
    SCOPED_TRACE(column);
    // A CSV whose header names the partition column, with tricky values as well.
    std::string csv = "id," + csv_field(column) + "\n";
    int id = 0;
    for (const auto& value : tricky) csv += std::to_string(id++) + "," + csv_field(value) + "\n";
    csv += std::to_string(id++) + ",\n";  // NULL
    std::string path = dir.write("in" + std::to_string(n++) + ".csv", csv);
    auto before = files_under(dir.path());
    WriteOptions w;
    w.partitioning = storage::Partitioning{column};
    w.if_exists = "replace";
    DataFrame df = s.read_csv(path);
    ASSERT_EQ(df.columns().back(), column);
    if (column.rfind("__", 0) == 0) {  // reserved for cormorant's own columns
      EXPECT_THROW(df.to_table("ds.t", w), cormorant::InvalidArgumentError);
      EXPECT_EQ(files_under(dir.path()), before);
      continue;
    }
    df.to_table("ds.t", w);
    for (const auto& f : files_under(dir.path())) {
      if (before.count(f)) continue;
      bool inside = f.rfind("a/b/c/wh/tables/ds/t/", 0) == 0 || f == "a/b/c/wh/catalog/ds/t.json" ||
                    f.rfind("a/b/c/wh/sessions/", 0) == 0;
      EXPECT_TRUE(inside) << "written outside the table: " << f;
    }
    Table got = s.read_table("ds.t").to_table();
    Table want = s.execute_sql("SELECT * FROM read_csv('" + cormorant_test::replace_all(path, "'", "''") +
                               "', header = true, all_varchar = false) ORDER BY 2 NULLS LAST, 1");
    EXPECT_TRUE(tables_equal(got, want));
  }
  // A write refused past max_partitions leaves the table as it was, and nothing behind.
  s.read_csv(good).to_table("ds.t", [] {
    WriteOptions w;
    w.if_exists = "replace";
    return w;
  }());
  s.set_max_partitions(2);
  auto before = files_under(dir.path());
  WriteOptions w;
  w.partitioning = storage::Partitioning{"../../../x"};
  w.if_exists = "replace";
  EXPECT_THROW(s.read_csv((dir.path() / "in0.csv").string()).to_table("ds.t", w), cormorant::TooManyPartitionsError);
  EXPECT_EQ(files_under(dir.path()), before);
  EXPECT_TRUE(tables_equal(s.read_table("ds.t").to_table(), good_rows));
}

TEST(WarehousePaths, ReplacedDataFileIsAnError) {
  TempDir dir("wh_replaced");
  SessionOptions o;
  o.warehouse = (dir.path() / "wh").string();
  Session s(o);
  s.read_csv(dir.write("a.csv", "k,v\na,1\nb,2\na,3\n")).to_table("ds.t", [] {
    WriteOptions w;
    w.partitioning = storage::Partitioning{"k"};
    return w;
  }());
  DataFrame t = s.read_table("ds.t");
  EXPECT_EQ(t.to_table().num_rows(), 3);
  auto info = s.describe_table("ds.t");
  std::string victim = info.files.front().path;
  // Another valid Parquet file with the same columns, written by DuckDB directly.
  s.execute_sql("COPY (SELECT 'a' AS k, CAST(range AS BIGINT) AS v FROM range(40)) TO '" + victim +
                "' (FORMAT parquet)");
  try {
    t.to_table();
    ADD_FAILURE() << "a replaced file was read";
  } catch (const cormorant::DataFileChangedError& e) {
    EXPECT_NE(std::string(e.what()).find("ds.t"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(victim), std::string::npos) << e.what();
  }
  fs::remove(victim);
  EXPECT_THROW(s.read_table("ds.t").to_table(), cormorant::DataFileChangedError);
}

}  // namespace

namespace {

/// `s` as an SQL string literal.
std::string sql_literal(const std::string& s) { return "'" + cormorant_test::replace_all(s, "'", "''") + "'"; }

}  // namespace

TEST(WarehousePaths, FileReadsAreParsedFromTheEngineLogWhateverThePath) {
  // The engine's FileSystem log puts a path in unescaped: each read must still be attributed
  // to the file it read, with offsets inside it, even for names that look like the log's own
  // syntax. Oracle: the file's path and size on disk.
  TempDir dir("log_paths");
  cormorant::engine::Connection connection;
  connection.record_file_reads(true);
  std::vector<std::string> names = {"plain", "q\"uote", "back\\slash", "new\nline", "it's",
                                    "a\",\"op\":\"READ\",\"bytes\":\"1\",\"pos\":\"2\"}b", "\"}"};
  int64_t tag = 0;
  for (const auto& name : names) {
    std::string path = (dir.path() / (name + ".parquet")).string();
    connection.execute("COPY (SELECT range AS x, range * 0.5 AS y FROM range(5000)) TO " + sql_literal(path) +
                       " (FORMAT parquet)");
    connection.tag_next_statement(++tag);
    Table got = connection.query("SELECT CAST(sum(x) AS BIGINT) AS s FROM read_parquet(" + sql_literal(path) + ")");
    EXPECT_EQ(got.at(0, 0), Value(int64_t{5000} * 4999 / 2));
    auto reads = connection.take_file_reads();
    ASSERT_EQ(reads.size(), 1u) << name;
    ASSERT_FALSE(reads[tag].empty()) << name;
    auto size = static_cast<int64_t>(fs::file_size(path));
    for (const auto& r : reads[tag]) {
      EXPECT_EQ(r.path, path);
      EXPECT_GT(r.bytes, 0) << name;
      EXPECT_LE(r.pos + r.bytes, size) << name;
    }
  }
  // Other operations and messages not in the log's form are no reads.
  using cormorant::engine::parse_file_read;
  EXPECT_FALSE(parse_file_read(R"({"fs":"LocalFileSystem","path":"/a","op":"OPEN"})"));
  EXPECT_FALSE(parse_file_read(R"({"fs":"LocalFileSystem","path":"/a","op":"WRITE","bytes":"5","pos":"0"})"));
  EXPECT_FALSE(parse_file_read(R"({"fs":"LocalFileSystem","path":"/a","op":"READ","bytes":"5","pos":"x"})"));
  EXPECT_FALSE(parse_file_read(R"("fs":"LocalFileSystem","path":"/a","op":"READ","bytes":"5","pos":"0"})"));
  auto negative = parse_file_read(R"({"fs":"LocalFileSystem","path":"/a","op":"READ","bytes":"-1","pos":"7"})");
  ASSERT_TRUE(negative);
  EXPECT_EQ(negative->bytes, -1);
  EXPECT_EQ(negative->pos, 7);
}

TEST(WarehousePaths, FilesNamedLikeGlobsAreReadAlone) {
  // A file's name is read as that file, never as a pattern: "a[1].csv" is read, not "a1.csv"
  // beside it, with each reader of the C++ API. Oracle: the value written into each file (its
  // siblings hold others).
  TempDir dir("glob_names");
  cormorant::engine::Connection connection;
  Session s;
  const std::vector<std::pair<std::string, std::string>> names = {  // (file, sibling its glob would match)
      {"a[1]", "a1"}, {"x*", "xyz"}, {"q?", "qq"}, {"b{c,d}", "bc"}, {"[!a]", "b"}};
  int64_t value = 0;
  for (const auto& [name, sibling] : names) {
    for (const auto& [file, v] : {std::pair{name, value + 1}, std::pair{sibling, value + 2}}) {
      dir.write(file + ".csv", "k\n" + std::to_string(v) + "\n");
      dir.write(file + ".json", "{\"k\": " + std::to_string(v) + "}\n");
      connection.execute("COPY (SELECT CAST(" + std::to_string(v) + " AS BIGINT) AS k) TO " +
                         sql_literal((dir.path() / (file + ".parquet")).string()) + " (FORMAT parquet)");
    }
    const std::string base = (dir.path() / name).string();
    for (const DataFrame& df : {s.read_csv(base + ".csv"), s.read_json(base + ".json"), s.read_parquet(base + ".parquet")}) {
      Table got = df.to_table();
      ASSERT_EQ(got.num_rows(), 1) << name;
      EXPECT_EQ(got.at(0, got.column_index("k")), Value(value + 1)) << name;
    }
    value += 10;
  }
  // A name of no file: CSV and JSON name one file (as pandas), so it is not found even where it
  // would match files as a glob; read_parquet takes it as the user's glob ("x?" matches "x*").
  EXPECT_THROW(s.read_csv((dir.path() / "a?.csv").string()), cormorant::FileNotFoundError);
  EXPECT_THROW(s.read_csv((dir.path() / "*.csv").string()), cormorant::FileNotFoundError);
  EXPECT_THROW(s.read_json((dir.path() / "x?.json").string()), cormorant::FileNotFoundError);
  EXPECT_THROW(s.read_csv(dir.path().string()), cormorant::FileNotFoundError);
  Table globbed = s.read_parquet((dir.path() / "x?.parquet").string()).to_table();
  ASSERT_EQ(globbed.num_rows(), 1);
  EXPECT_EQ(globbed.at(0, 0), Value(int64_t{11}));
}
