#pragma once
/// Routines: functions stored in a dataset of the warehouse catalog
/// (<warehouse>/catalog/<dataset>/routines/<name>.json), written atomically like manifests.
/// A routine keeps its source text, entry point, signature, packages and the Python version
/// it was made with, plus two hashes: `code_hash` of the source (checked before the code is
/// loaded) and `identity`, the hash of its meaning (the normalized code, types, packages,
/// Python minor version) that decides reuse. Both are composed here (routine_identity,
/// code_hash); only the normalization of the code belongs to the defining language.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"

namespace cormorant::storage {

/// A stored function.
struct RoutineInfo {
  std::string dataset, name;
  std::string language = "python";
  std::string entry_point;
  std::string source;
  std::vector<DType> arg_types;
  /// The function takes a whole row (a pandas Series in Python): arg_types is then empty.
  bool row_input = false;
  DType result_type = DType::Int64;
  std::map<std::string, std::string> packages;  ///< package -> version found at definition
  std::string python_version;                   ///< "3.11"
  std::string code_hash;                        ///< sha256 of `source`
  std::string identity;                         ///< hash of the routine's meaning
  int64_t max_batching_rows = 0;                ///< 0: the engine's batch size
  std::string created;                          ///< ISO timestamp (UTC)
  std::string creator_session;

  // Remote functions: routines the engine calls over HTTP (BigQuery's remote-function
  // protocol). `endpoint` is empty for UDFs.
  std::string endpoint;        ///< the URL the engine posts to (for deployed ones: as deployed)
  bool deployed = false;       ///< hosted by the warehouse's function service (else an external endpoint)
  std::string connection;      ///< the connection whose token the engine presents
  std::vector<std::string> invokers;  ///< connections granted the invoker role on it
  int64_t max_instances = 0;   ///< at most this many worker processes (deployed ones)
  double timeout_seconds = 0;  ///< a request running longer fails (deployed ones; 0: no limit)
  std::string user_defined_context;  ///< a JSON object sent with every request, "" for none

  bool remote() const { return !endpoint.empty() || deployed; }
  std::string id() const { return dataset + "." + name; }
};

/// A connection: a named credential (a secret token in a file only its owner can read) that
/// the engine presents to function services (<warehouse>/connections/<name>.json, .token).
struct ConnectionInfo {
  std::string name;
  std::string created;  ///< ISO timestamp (UTC)
};

/// The sha256 of `source` (64 hex digits): a routine's `code_hash`.
std::string code_hash(const std::string& source);

/// The identity of routine `info`: the sha256 of its meaning, which decides whether a new
/// definition reuses a stored routine (Warehouse::put_routine). It covers `normalized_code`
/// (the code as its defining language normalizes it: for Python no comments, docstrings or
/// formatting and local names renamed canonically; "" stands for `info.source` itself), the
/// language, argument types (or row input) and result type, the packages with their
/// versions, the Python minor version, an external endpoint and its user-defined context,
/// and `kind` ("" for UDFs, "remote" for deployed remote functions). Names, dataset,
/// creation time and batch size are not part of it.
std::string routine_identity(const RoutineInfo& info, const std::string& normalized_code = "",
                             const std::string& kind = "");

/// Throws UdfDefinitionError when the source of `info` does not match its recorded
/// code_hash (it was changed outside cormorant): such code is never loaded.
void check_code_hash(const RoutineInfo& info);

/// The dataset of session `session_id`'s unnamed routines, removed with the session.
std::string anonymous_dataset(const std::string& session_id);

/// A routine as JSON text, and back (throws InvalidArgumentError for a corrupt entry).
std::string to_json(const RoutineInfo& info);
RoutineInfo routine_from_json(const std::string& text, const std::string& where);

}  // namespace cormorant::storage
