#pragma once
/// The dtypes pandas' read_json(lines=True) gives the keys of a newline-delimited JSON file, as
/// cormorant's nullable dtypes (pandas with dtype_backend="numpy_nullable"): the engine's reader
/// types text that looks like a date as a date and a key of mixed kinds as JSON text, where
/// pandas keeps text (but for keys named like dates) and Python values.
#include <string>
#include <vector>

#include "cormorant/common/table.hpp"
#include "cormorant/compile/copy.hpp"
#include "cormorant/engine/engine.hpp"

namespace cormorant::session {

/// pandas' keep_default_dates rule: a key ending in "_at" or "_time", starting with "timestamp",
/// or named "modified", "date" or "datetime" (any case) holds dates.
bool date_like_key(const std::string& name);

/// How to read each key of `path` (json_load_sql), from the engine's reading of the file
/// (`described`, json_probe_sql; `engine_types`, json_types_sql: the engine's own type names)
/// and the values (`stats`, json_stats_sql of the same keys).
/// `convert_dates`: keys named like dates hold dates (pandas' default). Throws NotImplementedError
/// naming the key where pandas' result is an object column cormorant has no dtype for (values of
/// several JSON kinds, objects of different keys, nested dates) or a date parse it does not do.
std::vector<compile::JsonColumn> json_columns(const std::string& path, const std::vector<engine::EngineColumn>& described,
                                              const Table& engine_types, const Table& stats, bool convert_dates);

}  // namespace cormorant::session
