/// Connections (see storage/routine.hpp): <warehouse>/connections/<name>.json holds the
/// name and creation time, <name>.token the secret, readable by the owner alone (files
/// written through the warehouse's file interface with Access::Owner).
#include <algorithm>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cormorant/common/error.hpp"
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

}  // namespace

std::vector<ConnectionInfo> Warehouse::connections() const {
  std::vector<ConnectionInfo> out;
  for (const auto& name : files_->list(root_ / "connections")) {
    if (fs::path(name).extension() != ".json") continue;
    try {
      auto text = files_->read(root_ / "connections" / name);
      if (!text) continue;  // (dropped meanwhile)
      json j = json::parse(*text);
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
  return files_->stat(root_ / "connections" / (name + ".json")) && files_->stat(root_ / "connections" / (name + ".token"));
}

ConnectionInfo Warehouse::create_connection(const std::string& name) {
  check_connection_name(name);
  fs::path dir = root_ / "connections";
  files_->make_folders(dir, FileSystem::Access::Owner);
  auto lock = files_->lock(dir / ".lock", FileSystem::LockMode::Exclusive);
  fs::path entry = dir / (name + ".json");
  if (has_connection(name)) {
    if (auto text = files_->read(entry)) return {name, json::parse(*text).at("created").get<std::string>()};
  }
  ConnectionInfo info{name, now_iso()};
  files_->write_atomically(dir / (name + ".token"), new_token(), FileSystem::Access::Owner);
  files_->write_atomically(entry, json{{"name", name}, {"created", info.created}}.dump(2));
  return info;
}

std::string Warehouse::connection_token(const std::string& name) const {
  auto token = has_connection(name) ? files_->read(root_ / "connections" / (name + ".token")) : std::nullopt;
  if (!token) {
    throw NotFoundError("connection '" + name + "' not found; create it with create_connection(\"" + name + "\")");
  }
  return *token;
}

std::string Warehouse::connection_of_token(const std::string& token) const {
  if (token.empty()) return "";
  for (const auto& file : files_->list(root_ / "connections")) {
    fs::path p(file);
    if (p.extension() != ".token") continue;
    std::optional<std::string> secret;
    try {
      secret = files_->read(root_ / "connections" / file);
    } catch (const std::exception&) {
      continue;
    }
    // Compared in constant time over the secret's length.
    if (!secret || secret->size() != token.size()) continue;
    unsigned char diff = 0;
    for (size_t i = 0; i < secret->size(); ++i) diff |= static_cast<unsigned char>((*secret)[i] ^ token[i]);
    if (diff == 0 && files_->stat(root_ / "connections" / (p.stem().string() + ".json"))) return p.stem().string();
  }
  return "";
}

void Warehouse::drop_connection(const std::string& name) {
  if (!has_connection(name)) connection_token(name);  // throws NotFoundError
  auto lock = files_->lock(root_ / "connections" / ".lock", FileSystem::LockMode::Exclusive);
  files_->remove(root_ / "connections" / (name + ".json"));
  files_->remove(root_ / "connections" / (name + ".token"));
}

std::string Warehouse::service_admin_token() {
  fs::path dir = root_ / "functions";
  fs::path path = dir / "admin.token";
  auto complete = [&] {
    auto stat = files_->stat(path);
    return stat && stat->size == 64 ? files_->read(path) : std::nullopt;
  };
  if (auto token = complete()) return *token;
  files_->make_folders(dir);
  auto lock = files_->lock(dir / "admin.lock", FileSystem::LockMode::Exclusive);
  if (auto token = complete()) return *token;
  files_->write_atomically(path, new_token(), FileSystem::Access::Owner);
  return *files_->read(path);
}

}  // namespace cormorant::storage
