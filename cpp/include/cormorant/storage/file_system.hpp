#pragma once
/// The file interface of the warehouse (issue 14, README "Scaling out"): every access of the
/// catalog to its files goes through a FileSystem, so that a warehouse can live elsewhere than
/// on a local POSIX file system. The local implementation (local_file_system()) is what the
/// warehouse always did: flock(2) locks, write-then-rename, a rename to publish a version. An
/// object store would implement the same operations with its own primitives: a conditional put
/// for write_if_unchanged, a no-op publish (a version written under its final prefix), leases
/// renewed by a heartbeat for locks.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cormorant::storage {

/// What FileSystem::stat() tells of a path.
struct FileStat {
  bool folder = false;
  int64_t size = 0;
  /// Changes whenever the contents are replaced: the inode and change time here (an object
  /// store's ETag or generation).
  std::string version;
  bool operator==(const FileStat&) const = default;
};

/// A held lock (a lease in an object store); released when destroyed.
class FileLease {
 public:
  virtual ~FileLease() = default;
};

/// The operations the warehouse's catalog needs from the storage its files live on. Paths are
/// the warehouse's own (its root joined with catalog/, tables/, ...); how they map to storage
/// is the implementation's. Every method is safe to call from several threads at once.
class FileSystem {
 public:
  enum class LockMode { Shared, Exclusive };
  /// Who may read what make_folders and write_atomically create: everyone, or only the
  /// warehouse's owner (secrets: connection tokens; modes 0700 and 0600 here, a private ACL
  /// in a store).
  enum class Access { Everyone, Owner };
  virtual ~FileSystem() = default;

  /// The whole content of a small file; nullopt when it does not exist. Throws
  /// CorruptTableError whose message is the system's reason when it exists but cannot be read
  /// (the caller names the file: manifests and catalog entries are read this way).
  virtual std::optional<std::string> read(const std::filesystem::path& path) const = 0;
  /// What `path` is; nullopt when it does not exist.
  virtual std::optional<FileStat> stat(const std::filesystem::path& path) const = 0;
  /// The names of a folder's entries; none when it is missing or vanishes meanwhile (other
  /// processes remove folders concurrently, so listing never throws).
  virtual std::vector<std::string> list(const std::filesystem::path& folder) const = 0;
  /// Creates a folder and its parents (the folder itself readable as `access` says);
  /// FileWriteError with the system's reason on failure.
  virtual void make_folders(const std::filesystem::path& folder, Access access = Access::Everyone) = 0;
  /// Creates one new folder: false when it exists already (names are claimed this way).
  virtual bool make_new_folder(const std::filesystem::path& folder) = 0;
  /// Creates an empty file if there is none (a marker); FileWriteError on failure.
  virtual void touch(const std::filesystem::path& path) = 0;
  /// Replaces `path` with `text` durably and atomically: readers see the old contents or the
  /// new, never a mix; readable as `access` says. FileWriteError naming the file and the
  /// reason on failure.
  virtual void write_atomically(const std::filesystem::path& path, const std::string& text,
                                Access access = Access::Everyone) = 0;
  /// As write_atomically, but only if the file is still at `version` (nullopt: still absent),
  /// the version stat() gave when it was read: the commit of a manifest. Returns false (and
  /// writes nothing) when it changed meanwhile.
  virtual bool write_if_unchanged(const std::filesystem::path& path, const std::string& text,
                                  const std::optional<std::string>& version) = 0;
  /// Removes a file, or a folder with everything in it; returns whether something was
  /// removed. A missing path is no error.
  virtual bool remove(const std::filesystem::path& path) = 0;
  /// Removes a folder only when it is empty; returns whether it was removed.
  virtual bool remove_if_empty(const std::filesystem::path& folder) = 0;
  /// Makes the staged folder `staged` the version folder `version` (a rename here; nothing
  /// to move in a store where versions are written in place). FileWriteError on failure.
  virtual void publish(const std::filesystem::path& staged, const std::filesystem::path& version) = 0;
  /// Waits for a lock on `path` (creating it), up to `timeout`; ExecutionError naming the
  /// file when it is still held then.
  virtual std::unique_ptr<FileLease> lock(const std::filesystem::path& path, LockMode mode,
                                          std::chrono::milliseconds timeout = std::chrono::minutes(2)) = 0;
  /// The lock if it can be taken at once, else null; with `create` false a missing file
  /// gives null too.
  virtual std::unique_ptr<FileLease> try_lock(const std::filesystem::path& path, LockMode mode, bool create = true) = 0;
  /// How an engine reads or writes `path` (a local path here; an s3:// or gs:// URL in a store).
  /// A folder's URL is the prefix of its paths' URLs (url(f / p) is url(f) + "/" + p), so a
  /// URL an engine was given leads back to the path (Warehouse::path_of).
  virtual std::string url(const std::filesystem::path& path) const = 0;
};

/// The local POSIX file system (one instance for the process).
std::shared_ptr<FileSystem> local_file_system();

}  // namespace cormorant::storage
