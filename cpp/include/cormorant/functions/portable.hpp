#pragma once
/// Portable descriptions of user functions: JSON from which another process runs the same
/// function (the Spark engine's executors, through python/cormorant/_spark_functions.py).
///
/// A routine: {"kind": "python", "routine_id", "source", "entry_point", "code_hash",
/// "arg_types", "row_input", "row_names", "row_names_literal", "result_type",
/// "max_batching_rows"} (what a worker process loads: its code is checked against code_hash
/// before it runs). A remote function: {"kind": "remote", "routine_id", "url", "warehouse",
/// "token_file" (the connection's token file, read where the function is called; "token"
/// itself only for a token without a file), "arg_types", "result_type", "max_batching_rows", "user_defined_context",
/// "row_input", "row_names", "max_attempts", "request_timeout_ms", "max_in_flight"}: the
/// engine's own client (remote.hpp) calls it with the same protocol, batch bound, retries
/// and timeouts. Dtypes are written by name (dtype_name).
#include <memory>
#include <string>

#include "cormorant/common/udf.hpp"
#include "cormorant/functions/remote.hpp"
#include "cormorant/functions/worker_pool.hpp"

namespace cormorant::functions {

/// The portable description of routine `r`.
std::string portable_routine(const WorkerRoutine& r);
/// The portable description of remote function `call` (its URL found now: a deployed
/// function's service is started if none runs).
std::string portable_remote(const RemoteCall& call);
/// The remote function a portable description of kind "remote" describes, as a ScalarUdf of
/// this process (the same for the same description, so its connections stay alive). After a
/// connection failure, a deployed function's URL is looked up again in its warehouse's
/// service.json (never started from here). Throws InvalidArgumentError for another kind.
std::shared_ptr<const ScalarUdf> portable_remote_udf(const std::string& portable);

}  // namespace cormorant::functions
