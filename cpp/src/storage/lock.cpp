#include "cormorant/storage/lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <thread>

#include "cormorant/common/error.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;

namespace {

std::string reason(int err) { return std::strerror(err); }

int open_lock_file(const fs::path& path, bool create) {
  int flags = O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0);
  int fd = ::open(path.c_str(), flags, 0644);
  if (fd < 0 && create && errno == ENOENT) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    fd = ::open(path.c_str(), flags, 0644);
  }
  return fd;
}

int flock_op(FileLock::Mode mode) { return mode == FileLock::Mode::Shared ? LOCK_SH : LOCK_EX; }

}  // namespace

FileLock::FileLock(const fs::path& path, Mode mode, std::chrono::milliseconds timeout) {
  fd_ = open_lock_file(path, true);
  if (fd_ < 0) throw ExecutionError("cannot open the lock file '" + path.string() + "': " + reason(errno));
  // Polled rather than blocking, so that a holder that hangs gives an error instead of a hang.
  auto deadline = std::chrono::steady_clock::now() + timeout;
  auto pause = std::chrono::microseconds(200);
  while (::flock(fd_, flock_op(mode) | LOCK_NB) != 0) {
    int err = errno;
    if (err == EINTR) continue;
    if (err != EWOULDBLOCK || std::chrono::steady_clock::now() > deadline) {
      ::close(fd_);
      fd_ = -1;
      throw ExecutionError("cannot lock '" + path.string() + "': " +
                           (err == EWOULDBLOCK ? std::string("another writer held it for too long") : reason(err)));
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
}

std::optional<FileLock> FileLock::try_lock(const fs::path& path, Mode mode, bool create) {
  int fd = open_lock_file(path, create);
  if (fd < 0) return std::nullopt;
  int rc;
  do {
    rc = ::flock(fd, flock_op(mode) | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0) {
    ::close(fd);
    return std::nullopt;
  }
  return FileLock(fd);
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the lock
}

void write_atomically(const fs::path& path, const std::string& text, bool owner_only) {
  static std::atomic<uint64_t> counter{0};
  fs::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid()) + "-" +
         std::to_string(std::hash<std::thread::id>{}(std::this_thread::get_id()) % 1000000007) + "-" +
         std::to_string(counter.fetch_add(1));
  auto fail = [&](const std::string& what, int err, int fd) {
    if (fd >= 0) ::close(fd);
    ::unlink(tmp.c_str());
    throw FileWriteError("cannot " + what + " '" + path.string() + "': " + reason(err));
  };
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, owner_only ? 0600 : 0644);
  if (fd < 0) fail("write", errno, -1);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write", n < 0 ? errno : ENOSPC, fd);
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) fail("write", errno, fd);
  if (::close(fd) != 0) fail("write", errno, -1);
  if (::rename(tmp.c_str(), path.c_str()) != 0) fail("replace", errno, -1);
  int dir = ::open(path.parent_path().c_str(), O_RDONLY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

bool is_temporary_of(const std::string& name, const std::string& target) {
  return name.size() > target.size() + 5 && name.compare(0, target.size() + 5, target + ".tmp-") == 0;
}

}  // namespace cormorant::storage
