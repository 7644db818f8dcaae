#pragma once
/// The two primitives every catalog write goes through: a lock on a file (flock(2)) and a
/// durable, atomic replacement of a file's contents. Manifests, dataset operations, session
/// liveness and (later) routines use these, so that concurrent writers in any number of
/// processes and threads serialize on the same locks.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace cormorant::storage {

/// An flock(2) lock on a file, released when the object goes away. flock locks belong to the
/// open file description, and every FileLock opens the file anew: two threads of one process
/// exclude each other just as two processes do (unlike fcntl locks, which are per process).
/// A process that dies releases its locks, so a crashed writer never blocks the others.
class FileLock {
 public:
  enum class Mode { Shared, Exclusive };

  /// Waits for the lock (creating the file), up to `timeout`; throws ExecutionError naming
  /// the file when it is still held then, or when the file cannot be opened.
  FileLock(const std::filesystem::path& path, Mode mode,
           std::chrono::milliseconds timeout = std::chrono::minutes(2));
  /// The lock if it can be taken at once, else nullopt. With `create` false, a missing file
  /// gives nullopt too.
  static std::optional<FileLock> try_lock(const std::filesystem::path& path, Mode mode, bool create = true);

  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

/// Replaces `path` with `text` durably and atomically: a temporary file named uniquely per
/// writer (`<path>.tmp-<pid>-<thread>-<n>`), fsync, rename, fsync of the folder. Readers see
/// the old contents or the new, never a mix. On failure the temporary file is removed and a
/// FileWriteError names the file and the system's reason (e.g. "No space left on device").
/// With `owner_only` the file is readable by its owner alone (mode 0600: secrets).
void write_atomically(const std::filesystem::path& path, const std::string& text, bool owner_only = false);

/// Whether `name` is a leftover temporary file of write_atomically for `target`'s file name.
bool is_temporary_of(const std::string& name, const std::string& target);

}  // namespace cormorant::storage
