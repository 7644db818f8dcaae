// The local POSIX implementation of the warehouse's file interface (file_system.hpp): what the
// catalog did directly before the interface existed, unchanged.
#include "cormorant/storage/file_system.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "cormorant/common/error.hpp"
#include "cormorant/storage/lock.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;

namespace {

/// A FileLock held as a lease.
class LocalLease final : public FileLease {
 public:
  explicit LocalLease(FileLock lock) : lock_(std::move(lock)) {}

 private:
  FileLock lock_;
};

FileLock::Mode mode_of(FileSystem::LockMode mode) {
  return mode == FileSystem::LockMode::Shared ? FileLock::Mode::Shared : FileLock::Mode::Exclusive;
}

class LocalFileSystem final : public FileSystem {
 public:
  std::optional<std::string> read(const fs::path& path) const override {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      int err = errno;
      std::error_code ec;
      if (!fs::exists(path, ec)) return std::nullopt;
      throw CorruptTableError(std::strerror(err));
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

  std::optional<FileStat> stat(const fs::path& path) const override {
    struct ::stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    FileStat out;
    out.folder = S_ISDIR(st.st_mode);
    out.size = static_cast<int64_t>(st.st_size);
    out.version = std::to_string(st.st_ino) + ":" + std::to_string(st.st_ctim.tv_sec) + "." +
                  std::to_string(st.st_ctim.tv_nsec) + ":" + std::to_string(st.st_size);
    return out;
  }

  std::vector<std::string> list(const fs::path& folder) const override {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      out.push_back(it->path().filename().string());
    }
    return out;
  }

  void make_folders(const fs::path& folder, Access access) override {
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (!ec && access == Access::Owner) fs::permissions(folder, fs::perms::owner_all, ec);
    if (ec) throw FileWriteError("cannot create the folder '" + folder.string() + "': " + ec.message());
  }

  bool make_new_folder(const fs::path& folder) override {
    std::error_code ec;
    if (fs::create_directory(folder, ec)) return true;
    if (ec) throw FileWriteError("cannot create the folder '" + folder.string() + "': " + ec.message());
    return false;
  }

  void touch(const fs::path& path) override {
    std::error_code ec;
    if (!fs::exists(path, ec)) std::ofstream(path).flush();
    if (!fs::exists(path, ec)) throw FileWriteError("cannot write '" + path.string() + "': " + std::strerror(errno));
  }

  void write_atomically(const fs::path& path, const std::string& text, Access access) override {
    storage::write_atomically(path, text, access == Access::Owner);
  }

  bool write_if_unchanged(const fs::path& path, const std::string& text,
                          const std::optional<std::string>& version) override {
    // Callers hold the file's exclusive lock, so nothing changes it between this check and
    // the rename (a store's conditional put does both at once).
    auto now = stat(path);
    if ((now ? std::optional<std::string>(now->version) : std::nullopt) != version) return false;
    storage::write_atomically(path, text);
    return true;
  }

  bool remove(const fs::path& path) override {
    std::error_code ec;
    return fs::remove_all(path, ec) > 0 && !ec;
  }

  bool remove_if_empty(const fs::path& folder) override {
    std::error_code ec;
    return fs::remove(folder, ec);
  }

  void publish(const fs::path& staged, const fs::path& version) override {
    if (::rename(staged.c_str(), version.c_str()) != 0) {
      throw FileWriteError("cannot move the written data '" + staged.string() + "' into '" + version.string() +
                           "': " + std::strerror(errno));
    }
  }

  std::unique_ptr<FileLease> lock(const fs::path& path, LockMode mode, std::chrono::milliseconds timeout) override {
    return std::make_unique<LocalLease>(FileLock(path, mode_of(mode), timeout));
  }

  std::unique_ptr<FileLease> try_lock(const fs::path& path, LockMode mode, bool create) override {
    auto lock = FileLock::try_lock(path, mode_of(mode), create);
    if (!lock) return nullptr;
    return std::make_unique<LocalLease>(std::move(*lock));
  }

  /// (absolute: engines and their executors resolve relative paths in folders of their own)
  std::string url(const fs::path& path) const override { return fs::absolute(path).string(); }
};

}  // namespace

std::shared_ptr<FileSystem> local_file_system() {
  static const std::shared_ptr<FileSystem> local = std::make_shared<LocalFileSystem>();
  return local;
}

}  // namespace cormorant::storage
