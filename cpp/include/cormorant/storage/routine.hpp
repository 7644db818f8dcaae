#pragma once
/// Routines: functions stored in a dataset of the warehouse catalog
/// (<warehouse>/catalog/<dataset>/routines/<name>.json), written atomically like manifests.
/// A routine keeps its source text, entry point, signature, packages and the Python version
/// it was made with, plus two hashes computed by the defining language: `code_hash` of the
/// source (checked before the code is loaded) and `identity`, the hash of its meaning (the
/// normalized code, types, packages, Python minor version) that decides reuse.
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

  std::string id() const { return dataset + "." + name; }
};

/// The dataset of session `session_id`'s unnamed routines, removed with the session.
std::string anonymous_dataset(const std::string& session_id);

/// A routine as JSON text, and back (throws InvalidArgumentError for a corrupt entry).
std::string to_json(const RoutineInfo& info);
RoutineInfo routine_from_json(const std::string& text, const std::string& where);

}  // namespace cormorant::storage
