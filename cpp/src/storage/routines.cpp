/// Routines in the catalog (see storage/routine.hpp).
#include <openssl/evp.h>
#include <signal.h>

#include <cerrno>
#include <cstdlib>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "cormorant/common/error.hpp"
#include "cormorant/storage/warehouse.hpp"
#include "files.hpp"

namespace cormorant::storage {

namespace fs = std::filesystem;
using nlohmann::json;

std::string to_json(const RoutineInfo& r) {
  json args = json::array();
  for (DType d : r.arg_types) args.push_back(std::string(dtype_name(d)));
  json j = {{"dataset", r.dataset},
            {"name", r.name},
            {"language", r.language},
            {"entry_point", r.entry_point},
            {"source", r.source},
            {"arg_types", args},
            {"row_input", r.row_input},
            {"result_type", std::string(dtype_name(r.result_type))},
            {"packages", r.packages},
            {"python_version", r.python_version},
            {"code_hash", r.code_hash},
            {"identity", r.identity},
            {"max_batching_rows", r.max_batching_rows},
            {"created", r.created},
            {"creator_session", r.creator_session}};
  if (r.remote()) {
    j["endpoint"] = r.endpoint;
    j["deployed"] = r.deployed;
    j["connection"] = r.connection;
    j["invokers"] = r.invokers;
    j["max_instances"] = r.max_instances;
    j["timeout_seconds"] = r.timeout_seconds;
    j["user_defined_context"] = r.user_defined_context;
  }
  return j.dump(2);
}

RoutineInfo routine_from_json(const std::string& text, const std::string& where) {
  try {
    json j = json::parse(text);
    RoutineInfo r;
    r.dataset = j.at("dataset").get<std::string>();
    r.name = j.at("name").get<std::string>();
    r.language = j.at("language").get<std::string>();
    r.entry_point = j.at("entry_point").get<std::string>();
    r.source = j.at("source").get<std::string>();
    auto dtype = [](const json& v) {
      auto d = parse_dtype(v.get<std::string>());
      if (!d || *d == DType::Integer) throw std::runtime_error("unknown dtype " + v.get<std::string>());
      return *d;
    };
    for (const auto& a : j.at("arg_types")) r.arg_types.push_back(dtype(a));
    r.row_input = j.at("row_input").get<bool>();
    r.result_type = dtype(j.at("result_type"));
    r.packages = j.at("packages").get<std::map<std::string, std::string>>();
    r.python_version = j.at("python_version").get<std::string>();
    r.code_hash = j.at("code_hash").get<std::string>();
    r.identity = j.at("identity").get<std::string>();
    r.max_batching_rows = j.at("max_batching_rows").get<int64_t>();
    r.created = j.at("created").get<std::string>();
    r.creator_session = j.at("creator_session").get<std::string>();
    r.endpoint = j.value("endpoint", "");
    r.deployed = j.value("deployed", false);
    r.connection = j.value("connection", "");
    r.invokers = j.value("invokers", std::vector<std::string>{});
    r.max_instances = j.value("max_instances", int64_t{0});
    r.timeout_seconds = j.value("timeout_seconds", 0.0);
    r.user_defined_context = j.value("user_defined_context", "");
    return r;
  } catch (const std::exception& e) {
    throw InvalidArgumentError("the routine entry " + where + " is corrupt (" + e.what() +
                               "); delete it with delete_routine() and define the function again");
  }
}

std::string code_hash(const std::string& source) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(source.data(), source.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw InternalError("sha256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < size; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

std::string routine_identity(const RoutineInfo& info, const std::string& normalized_code, const std::string& kind) {
  json args = json::array();
  for (DType d : info.arg_types) args.push_back(std::string(dtype_name(d)));
  json meaning = {info.language,
                  kind,
                  normalized_code.empty() ? info.source : normalized_code,
                  args,
                  info.row_input,
                  std::string(dtype_name(info.result_type)),
                  info.packages,
                  info.python_version,
                  info.deployed ? "" : info.endpoint,
                  info.user_defined_context};
  return code_hash(meaning.dump());
}

void check_code_hash(const RoutineInfo& info) {
  if (code_hash(info.source) != info.code_hash) {
    throw UdfDefinitionError("the code of routine " + info.id() +
                             " does not match its recorded hash; it was changed outside cormorant and will not be "
                             "loaded (define the function again, or delete the routine with delete_routine)");
  }
}

std::string anonymous_dataset(const std::string& session_id) { return "_session_" + session_id; }

fs::path Warehouse::routine_path(const std::string& dataset, const std::string& name) const {
  return root_ / "catalog" / dataset / "routines" / (name + ".json");
}

std::vector<std::string> Warehouse::routines(const std::string& dataset) const {
  tables(dataset);  // throws NotFoundError for an unknown dataset
  std::vector<std::string> out;
  for (const auto& name : files_->list(root_ / "catalog" / dataset / "routines")) {
    fs::path p(name);  // (a temporary entry's extension is .tmp-...)
    if (p.extension() == ".json") out.push_back(p.stem().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Warehouse::has_routine(const std::string& dataset, const std::string& name) const {
  return has_dataset(dataset) && files_->stat(routine_path(dataset, name)).has_value();
}

namespace {

/// The text of routine entry `path`; nullopt when it is gone. An entry that cannot be read is
/// corrupt (InvalidArgumentError naming it, as routine_from_json).
std::optional<std::string> read_entry(const FileSystem& files, const fs::path& path) {
  try {
    return files.read(path);
  } catch (const CorruptTableError& e) {
    throw InvalidArgumentError("the routine entry '" + path.string() + "' cannot be read (" + e.what() +
                               "); delete it with delete_routine() and define the function again");
  }
}

}  // namespace

RoutineInfo Warehouse::routine(const std::string& dataset, const std::string& name) const {
  check_name(name, "routine");
  if (!has_routine(dataset, name)) {
    if (!has_dataset(dataset)) tables(dataset);  // throws for the dataset
    throw NotFoundError("routine '" + dataset + "." + name + "' not found; the routines of '" + dataset +
                        "' are listed by list_routines(\"" + dataset + "\")");
  }
  fs::path path = routine_path(dataset, name);
  auto text = read_entry(*files_, path);
  if (!text) {  // removed since the check (delete_routine in another process)
    throw NotFoundError("routine '" + dataset + "." + name + "' not found (it was just deleted)");
  }
  return routine_from_json(*text, "'" + path.string() + "'");
}

bool Warehouse::put_routine(RoutineInfo info, bool replace) {
  check_name(info.dataset, "dataset");
  check_name(info.name, "routine");
  create_dataset(info.dataset);
  fs::path path = routine_path(info.dataset, info.name);
  if (!replace) {
    try {
      auto text = read_entry(*files_, path);
      if (text && routine_from_json(*text, path.string()).identity == info.identity) return false;
    } catch (const InvalidArgumentError&) {
      // a corrupt entry is replaced
    }
  }
  if (info.created.empty()) info.created = now_iso();
  files_->make_folders(path.parent_path());
  files_->write_atomically(path, to_json(info));
  return true;
}

void Warehouse::drop_routine(const std::string& dataset, const std::string& name) {
  check_name(name, "routine");
  if (!has_routine(dataset, name)) routine(dataset, name);  // throws NotFoundError
  files_->remove(routine_path(dataset, name));
}

int remove_abandoned_temporaries(FileSystem& files, const fs::path& dir) {
  int removed = 0;
  for (const auto& name : files.list(dir)) {
    // <target>.tmp-<pid>-<thread>-<counter> (write_atomically)
    auto at = name.find(".tmp-");
    if (at == std::string::npos) continue;
    pid_t pid = static_cast<pid_t>(std::strtol(name.c_str() + at + 5, nullptr, 10));
    if (pid > 0 && ::kill(pid, 0) != 0 && errno == ESRCH) removed += files.remove(dir / name) ? 1 : 0;
  }
  return removed;
}

std::vector<RoutineInfo> Warehouse::all_routines() const {
  std::vector<RoutineInfo> out;
  for (const auto& dataset : datasets()) {
    for (const auto& name : routines(dataset)) {
      try {
        out.push_back(routine(dataset, name));
      } catch (const Error&) {
        // a corrupt or concurrently removed entry is not a routine
      }
    }
  }
  return out;
}

}  // namespace cormorant::storage
