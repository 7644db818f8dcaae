/// Connections (see storage/routine.hpp): <warehouse>/connections/<name>.json holds the
/// name and creation time, <name>.token the secret, created with mode 0600.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cormorant/common/error.hpp"
#include "cormorant/storage/lock.hpp"
#include "cormorant/storage/warehouse.hpp"
#include "files.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

void check_connection_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 128 && std::isalpha(static_cast<unsigned char>(name[0])) &&
            std::all_of(name.begin(), name.end(), [](char c) {
              return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
            });
  if (!ok) {
    throw InvalidArgumentError("invalid connection name '" + name +
                               "': use letters, digits, '_' and '-', starting with a letter");
  }
}

/// 32 random bytes as hex.
std::string new_token() {
  unsigned char bytes[32];
  std::ifstream in("/dev/urandom", std::ios::binary);
  if (!in.read(reinterpret_cast<char*>(bytes), sizeof bytes)) throw ExecutionError("cannot read /dev/urandom");
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += hex[b >> 4];
    out += hex[b & 15];
  }
  return out;
}

/// Writes `text` to `path` readable only by its owner, atomically (temporary file, rename).
void write_secret(const fs::path& path, const std::string& text) {
  fs::path tmp = path.string() + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw FileWriteError("cannot write '" + tmp.string() + "': " + std::strerror(errno));
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || std::rename(tmp.c_str(), path.c_str()) != 0) {
    fs::remove(tmp);
    throw FileWriteError("cannot write '" + path.string() + "': " + std::strerror(errno));
  }
}

}  // namespace

std::vector<ConnectionInfo> Warehouse::connections() const {
  std::vector<ConnectionInfo> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_ / "connections", ec)) {
    if (e.path().extension() != ".json") continue;
    try {
      json j = json::parse(read_file(e.path()));
      out.push_back({j.at("name").get<std::string>(), j.at("created").get<std::string>()});
    } catch (const std::exception&) {
      // a half-written entry is not a connection
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

bool Warehouse::has_connection(const std::string& name) const {
  check_connection_name(name);
  return fs::exists(root_ / "connections" / (name + ".json")) && fs::exists(root_ / "connections" / (name + ".token"));
}

ConnectionInfo Warehouse::create_connection(const std::string& name) {
  check_connection_name(name);
  fs::path dir = root_ / "connections";
  fs::create_directories(dir);
  ::chmod(dir.c_str(), 0700);
  FileLock lock(dir / ".lock", FileLock::Mode::Exclusive);
  fs::path entry = dir / (name + ".json");
  if (fs::exists(entry) && fs::exists(dir / (name + ".token"))) {
    json j = json::parse(read_file(entry));
    return {name, j.at("created").get<std::string>()};
  }
  ConnectionInfo info{name, now_iso()};
  write_secret(dir / (name + ".token"), new_token());
  write_atomically(entry, json{{"name", name}, {"created", info.created}}.dump(2));
  return info;
}

std::string Warehouse::connection_token(const std::string& name) const {
  if (!has_connection(name)) {
    throw NotFoundError("connection '" + name + "' not found; create it with create_connection(\"" + name + "\")");
  }
  return read_file(root_ / "connections" / (name + ".token"));
}

std::string Warehouse::connection_of_token(const std::string& token) const {
  if (token.empty()) return "";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_ / "connections", ec)) {
    if (e.path().extension() != ".token") continue;
    std::string secret;
    try {
      secret = read_file(e.path());
    } catch (const std::exception&) {
      continue;
    }
    // Compared in constant time over the secret's length.
    if (secret.size() != token.size()) continue;
    unsigned char diff = 0;
    for (size_t i = 0; i < secret.size(); ++i) diff |= static_cast<unsigned char>(secret[i] ^ token[i]);
    if (diff == 0 && fs::exists(root_ / "connections" / (e.path().stem().string() + ".json"))) {
      return e.path().stem().string();
    }
  }
  return "";
}

void Warehouse::drop_connection(const std::string& name) {
  if (!has_connection(name)) connection_token(name);  // throws NotFoundError
  FileLock lock(root_ / "connections" / ".lock", FileLock::Mode::Exclusive);
  fs::remove(root_ / "connections" / (name + ".json"));
  fs::remove(root_ / "connections" / (name + ".token"));
}

std::string Warehouse::service_admin_token() {
  fs::path dir = root_ / "functions";
  fs::create_directories(dir);
  fs::path path = dir / "admin.token";
  std::error_code ec;
  if (fs::file_size(path, ec) == 64 && !ec) return read_file(path);
  FileLock lock(dir / "admin.lock", FileLock::Mode::Exclusive);
  if (fs::file_size(path, ec) != 64 || ec) write_secret(path, new_token());
  return read_file(path);
}

}  // namespace cormorant::storage
