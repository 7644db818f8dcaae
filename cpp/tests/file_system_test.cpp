// The warehouse's file interface (storage/file_system.hpp): the catalog reaches its files only
// through a FileSystem. The oracle is a FileSystem that serves a warehouse root that does not
// exist on disk (a made-up path) from a temporary folder and counts each operation: any file
// access that went around the interface would touch the made-up path and fail or create it.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <mutex>
#include <string>

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

  std::optional<std::string> read(const fs::path& p) const override { return local_->read(map("read", p)); }
  std::optional<storage::FileStat> stat(const fs::path& p) const override { return local_->stat(map("stat", p)); }
  std::vector<std::string> list(const fs::path& p) const override { return local_->list(map("list", p)); }
  void make_folders(const fs::path& p) override { local_->make_folders(map("make_folders", p)); }
  bool make_new_folder(const fs::path& p) override { return local_->make_new_folder(map("make_new_folder", p)); }
  void touch(const fs::path& p) override { local_->touch(map("touch", p)); }
  void write_atomically(const fs::path& p, const std::string& text) override {
    local_->write_atomically(map("write_atomically", p), text);
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
    return physical_ / rel;
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

}  // namespace
