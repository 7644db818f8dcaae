// The warehouse's file interface (storage/file_system.hpp): the catalog, its routines and
// connections, and a session's artifacts, file stamps (reuse) and checks of data files
// (verify) reach the warehouse's files only through a FileSystem. The oracle is a FileSystem
// that serves a warehouse root that does not exist on disk (a made-up path) from a temporary
// folder and counts each operation: any file access that went around the interface would
// touch the made-up path and fail or create it. Where the engines read files by their URLs
// (real paths), the interface can report a data file changed that is not: a session that
// stamped or checked the file itself instead of asking the interface would not notice.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <map>
#include <mutex>
#include <string>

#include <cormorant/api/dataframe.hpp>
#include <cormorant/common/error.hpp>
#include <cormorant/storage/file_system.hpp>
#include <cormorant/storage/warehouse.hpp>

#include "test_util.hpp"

namespace {

namespace fs = std::filesystem;
namespace storage = cormorant::storage;
using cormorant_test::TempDir;

/// A FileSystem serving the paths under `logical` from `physical` (through the local one),
/// counting the calls of each operation; write_if_unchanged can be made to report a conflict.
class RemappedFileSystem final : public storage::FileSystem {
 public:
  RemappedFileSystem(fs::path logical, fs::path physical)
      : logical_(std::move(logical)), physical_(std::move(physical)) {}

  int calls(const std::string& op) {
    std::lock_guard lock(mutex_);
    return calls_[op];
  }
  bool conflict = false;  ///< write_if_unchanged reports that the manifest changed
  /// stat() of these (warehouse) paths reports a file rewritten behind the catalog: another
  /// version, and `size_change` more bytes.
  std::map<fs::path, int64_t> rewritten;
  /// The files written with Access::Owner.
  std::vector<fs::path> private_files;

  std::optional<std::string> read(const fs::path& p) const override { return local_->read(map("read", p)); }
  std::optional<storage::FileStat> stat(const fs::path& p) const override {
    auto out = local_->stat(map("stat", p));
    std::lock_guard lock(mutex_);
    auto it = rewritten.find(p);
    if (out && it != rewritten.end()) {
      out->version += "+rewritten";
      out->size += it->second;
    }
    return out;
  }
  std::vector<std::string> list(const fs::path& p) const override { return local_->list(map("list", p)); }
  void make_folders(const fs::path& p, Access access) override { local_->make_folders(map("make_folders", p), access); }
  bool make_new_folder(const fs::path& p) override { return local_->make_new_folder(map("make_new_folder", p)); }
  void touch(const fs::path& p) override { local_->touch(map("touch", p)); }
  void write_atomically(const fs::path& p, const std::string& text, Access access) override {
    local_->write_atomically(map("write_atomically", p), text, access);
    std::lock_guard lock(mutex_);
    if (access == Access::Owner) private_files.push_back(p);
  }
  bool write_if_unchanged(const fs::path& p, const std::string& text, const std::optional<std::string>& v) override {
    fs::path real = map("write_if_unchanged", p);
    return !conflict && local_->write_if_unchanged(real, text, v);
  }
  bool remove(const fs::path& p) override { return local_->remove(map("remove", p)); }
  bool remove_if_empty(const fs::path& p) override { return local_->remove_if_empty(map("remove_if_empty", p)); }
  void publish(const fs::path& staged, const fs::path& version) override {
    local_->publish(map("publish", staged), map("", version));
  }
  std::unique_ptr<storage::FileLease> lock(const fs::path& p, LockMode mode, std::chrono::milliseconds t) override {
    return local_->lock(map("lock", p), mode, t);
  }
  std::unique_ptr<storage::FileLease> try_lock(const fs::path& p, LockMode mode, bool create) override {
    return local_->try_lock(map("try_lock", p), mode, create);
  }
  std::string url(const fs::path& p) const override { return map("url", p).string(); }

 private:
  fs::path map(const std::string& op, const fs::path& p) const {
    {
      std::lock_guard lock(mutex_);
      if (!op.empty()) ++calls_[op];
    }
    auto rel = p.lexically_relative(logical_);
    EXPECT_FALSE(rel.empty() || *rel.begin() == "..") << "a path outside the warehouse: " << p;
    return (physical_ / rel).lexically_normal();
  }

  fs::path logical_, physical_;
  std::shared_ptr<storage::FileSystem> local_ = storage::local_file_system();
  mutable std::mutex mutex_;
  mutable std::map<std::string, int> calls_;
};

/// A staged version holding one (fake) data file, and its table description.
storage::TableInfo staged_table(storage::Warehouse& w, const std::string& session, fs::path& staged) {
  staged = w.stage(session);
  std::ofstream(w.files().url(staged / "data.parquet")) << "rows";
  storage::TableInfo info;
  info.dataset = "ds";
  info.name = "t";
  info.columns = {{"a", cormorant::DType::Int64}};
  cormorant::plan::ParquetFile f;
  f.path = "data.parquet";
  f.rows = 3;
  f.bytes = 4;
  info.files = {f};
  return info;
}

TEST(FileSystem, TheCatalogGoesThroughIt) {
  TempDir dir("files");
  const fs::path logical = "/cormorant-no-such-root/wh";
  auto files = std::make_shared<RemappedFileSystem>(logical, dir.path() / "wh");
  {
    storage::Warehouse w(logical, files);
    w.open_session("aaaa00000001");
    fs::path staged;
    auto info = staged_table(w, "aaaa00000001", staged);
    w.commit(info, staged, storage::IfExists::Fail);
    EXPECT_EQ(files->calls("publish"), 1);
    EXPECT_EQ(files->calls("write_if_unchanged"), 1);
    EXPECT_GE(files->calls("lock"), 2);  // the dataset's (shared) and the table's (exclusive)
    EXPECT_TRUE(fs::exists(dir.path() / "wh" / "catalog" / "ds" / "t.json"));
    EXPECT_EQ(w.tables("ds"), std::vector<std::string>{"t"});
    EXPECT_EQ(w.table("ds", "t").rows(), 3);
    // an append follows the current version's files
    auto more = staged_table(w, "aaaa00000001", staged);
    auto appended = w.commit(more, staged, storage::IfExists::Append);
    EXPECT_EQ(appended.files.size(), 2u);
    EXPECT_EQ(appended.files[1].first_row, 3);
    EXPECT_THROW(w.commit(staged_table(w, "aaaa00000001", staged), staged, storage::IfExists::Fail),
                 cormorant::AlreadyExistsError);
    // pins are files the interface writes
    int touched = files->calls("touch");
    EXPECT_EQ(w.pin_table("ds", "t").files.size(), 2u);
    EXPECT_GT(files->calls("touch"), touched);
    w.drop_table("ds", "t");
    EXPECT_FALSE(w.has_table("ds", "t"));
    EXPECT_GE(w.clean_up_session("bbbb00000002"), 0);
    w.close_session();
    EXPECT_FALSE(fs::exists(dir.path() / "wh" / "sessions" / "aaaa00000001"));
  }
  // Nothing went around the interface to the made-up root.
  EXPECT_FALSE(fs::exists("/cormorant-no-such-root"));
  EXPECT_GT(files->calls("list"), 0);
  EXPECT_GT(files->calls("remove"), 0);
}

TEST(FileSystem, ACommitWhoseManifestChangedWritesNothing) {
  TempDir dir("files");
  const fs::path logical = "/cormorant-no-such-root/wh2";
  auto files = std::make_shared<RemappedFileSystem>(logical, dir.path() / "wh");
  storage::Warehouse w(logical, files);
  fs::path staged;
  w.commit(staged_table(w, "cccc00000003", staged), staged, storage::IfExists::Fail);
  auto before = w.table("ds", "t");
  files->conflict = true;  // as a store whose conditional put finds another version
  EXPECT_THROW(w.commit(staged_table(w, "cccc00000003", staged), staged, storage::IfExists::Replace),
               cormorant::ExecutionError);
  files->conflict = false;
  auto after = w.table("ds", "t");
  EXPECT_EQ(after.version, before.version);
  // only the committed version's data is left
  EXPECT_EQ(files->list(logical / "tables" / "ds" / "t"), std::vector<std::string>{before.version});
  EXPECT_FALSE(fs::exists("/cormorant-no-such-root"));
}

TEST(FileSystem, RoutinesAndConnectionsGoThroughIt) {
  TempDir dir("files");
  const fs::path logical = "/cormorant-no-such-root/wh3";
  const fs::path physical = dir.path() / "wh";
  auto files = std::make_shared<RemappedFileSystem>(logical, physical);
  {
    storage::Warehouse w(logical, files);
    storage::RoutineInfo r;
    r.dataset = "fns";
    r.name = "double_it";
    r.entry_point = "double_it";
    r.source = "def double_it(x):\n    return 2 * x\n";
    r.arg_types = {cormorant::DType::Int64};
    r.code_hash = storage::code_hash(r.source);
    r.identity = storage::routine_identity(r);
    int writes = files->calls("write_atomically");
    EXPECT_TRUE(w.put_routine(r));
    EXPECT_EQ(files->calls("write_atomically"), writes + 1);
    EXPECT_FALSE(w.put_routine(r));  // the same identity: read back through the interface, kept
    EXPECT_EQ(files->calls("write_atomically"), writes + 1);
    EXPECT_TRUE(fs::exists(physical / "catalog" / "fns" / "routines" / "double_it.json"));
    EXPECT_TRUE(w.has_routine("fns", "double_it"));
    EXPECT_EQ(w.routines("fns"), std::vector<std::string>{"double_it"});
    EXPECT_EQ(w.routine("fns", "double_it").source, r.source);
    ASSERT_EQ(w.all_routines().size(), 1u);
    w.drop_routine("fns", "double_it");
    EXPECT_FALSE(w.has_routine("fns", "double_it"));
    EXPECT_THROW(w.routine("fns", "double_it"), cormorant::NotFoundError);

    // A routine's temporary entry left by a killed writer (pid 0x7fffffff runs nowhere) goes
    // with clean-up, found and removed through the interface.
    std::ofstream(physical / "catalog" / "fns" / "routines" / "x.json.tmp-2147483647-1-0") << "{";
    int removes = files->calls("remove");
    w.clean_up_session("dddd00000004");
    EXPECT_FALSE(fs::exists(physical / "catalog" / "fns" / "routines" / "x.json.tmp-2147483647-1-0"));
    EXPECT_GT(files->calls("remove"), removes);

    // Connections: the token is a secret the interface writes for the owner alone.
    auto made = w.create_connection("conn-a");
    EXPECT_EQ(made.name, "conn-a");
    EXPECT_EQ(w.create_connection("conn-a").created, made.created);  // kept as it is
    EXPECT_TRUE(w.has_connection("conn-a"));
    ASSERT_EQ(w.connections().size(), 1u);
    std::string token = w.connection_token("conn-a");
    EXPECT_EQ(token.size(), 64u);
    EXPECT_EQ(w.connection_of_token(token), "conn-a");
    EXPECT_EQ(w.connection_of_token(std::string(64, '0')), "");
    struct ::stat st {};
    ASSERT_EQ(::stat((physical / "connections" / "conn-a.token").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u);
    ASSERT_EQ(::stat((physical / "connections").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);
    std::string admin = w.service_admin_token();
    EXPECT_EQ(admin.size(), 64u);
    EXPECT_EQ(w.service_admin_token(), admin);
    EXPECT_EQ(files->private_files,
              (std::vector<fs::path>{logical / "connections" / "conn-a.token", logical / "functions" / "admin.token"}));
    w.drop_connection("conn-a");
    EXPECT_FALSE(w.has_connection("conn-a"));
    EXPECT_THROW(w.connection_token("conn-a"), cormorant::NotFoundError);
  }
  EXPECT_FALSE(fs::exists("/cormorant-no-such-root"));
}

TEST(FileSystem, ASessionsArtifactsStampsAndChecksGoThroughIt) {
  TempDir dir("files");
  const fs::path logical = "/cormorant-no-such-root/wh4";
  const fs::path physical = dir.path() / "wh";
  auto files = std::make_shared<RemappedFileSystem>(logical, physical);
  cormorant::SessionOptions options;
  options.warehouse = logical.string();
  options.files = files;
  {
    cormorant::Session s(options);
    // the session's artifact folder (its liveness lock, its spill folder) is the interface's
    EXPECT_TRUE(fs::exists(physical / "sessions" / s.id() / ".lock"));
    cormorant::DataFrame penguins = s.read_csv(cormorant_test::penguins_path());
    penguins.to_table("zoo.penguins");
    auto info = s.describe_table("zoo.penguins");
    ASSERT_EQ(info.files.size(), 1u);
    // engines read the file by its URL, which leads back to the warehouse path
    const std::string url = info.files[0].path;
    EXPECT_EQ(url, (physical / "tables" / "zoo" / "penguins" / info.version / "data.parquet").string());
    const fs::path data = logical / "tables" / "zoo" / "penguins" / info.version / "data.parquet";

    // reuse.cpp: a grouped result reduced to a scalar is kept for the next statement while its
    // file's stamp (from the interface) is unchanged
    cormorant::DataFrame totals =
        s.read_table("zoo.penguins").groupby({"species"}, false).agg({{"mass", "body_mass_g", cormorant::AggFunc::Sum}});
    cormorant::Value best = totals["mass"].aggregate(cormorant::AggFunc::Max);
    cormorant::DataFrame top = totals[totals["mass"] == best];
    EXPECT_EQ(top.to_table().num_rows(), 1);
    EXPECT_EQ(s.last_query().sql.find("data.parquet"), std::string::npos) << s.last_query().sql;
    // ... and read from the file again once the interface says the file was rewritten
    files->rewritten[data] = 0;
    EXPECT_EQ(top.to_table().num_rows(), 1);
    EXPECT_NE(s.last_query().sql.find("data.parquet"), std::string::npos) << s.last_query().sql;

    // verify.cpp: a data file whose size (from the interface) is not the manifest's
    files->rewritten[data] = 7;
    EXPECT_THROW(s.read_table("zoo.penguins").to_table(), cormorant::DataFileChangedError);
    files->rewritten.clear();
    EXPECT_TRUE(cormorant_test::tables_equal(s.read_table("zoo.penguins").to_table(), penguins.to_table()));
    s.close();
    EXPECT_FALSE(fs::exists(physical / "sessions" / s.id()));
  }
  EXPECT_FALSE(fs::exists("/cormorant-no-such-root"));
}

}  // namespace
