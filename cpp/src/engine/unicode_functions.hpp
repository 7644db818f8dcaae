#pragma once
/// Engine functions with Python's own str semantics (cormorant/common/unicode.hpp), registered
/// on every connection: cormorant_str_<predicate>(VARCHAR) -> BOOLEAN and
/// cormorant_str_<mapping>(VARCHAR) -> VARCHAR (the engine's lower()/upper() and RE2's
/// classes differ from Python on non-ASCII text).
#include <duckdb.h>

namespace cormorant::engine_detail {

/// Registers the functions on `conn`; throws ExecutionError when the engine refuses one.
void register_unicode_functions(duckdb_connection conn);

}  // namespace cormorant::engine_detail
