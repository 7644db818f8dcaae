#pragma once
/// The engine's client of remote functions: a ScalarUdf whose batches become HTTP requests
/// of BigQuery's remote-function protocol (functions/service.hpp), sent with libcurl.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cormorant/common/udf.hpp"

namespace cormorant::functions {

/// What the engine needs to call a remote function.
struct RemoteCall {
  std::string routine_id;
  /// The function's URL; called again with `true` after a connection failure (a deployed
  /// function's service may have moved or stopped: it is found or started again).
  std::function<std::string(bool retry)> url;
  /// A deployed function's warehouse, where another process finds its service again after a
  /// connection failure (portable.hpp); empty for a function at an endpoint of its own.
  std::string warehouse;
  std::string token;  ///< the connection's secret, sent as "Authorization: Bearer <token>"
  /// The file the token is read from (the connection's, in the warehouse): what a portable
  /// description names instead of the secret itself; empty when the token has no file.
  std::string token_file;
  std::vector<DType> arg_types;
  DType result_type = DType::Int64;
  int64_t max_batching_rows = 0;     ///< rows per request (0: each engine batch is one request)
  std::string user_defined_context;  ///< a JSON object sent as userDefinedContext, "" for none
  /// Functions of a row: each call's one argument is the row as JSON text, serialized as
  /// bigframes' row processors take it (see functions/wire.hpp), with these labels.
  bool row_input = false;
  std::vector<std::string> row_names;
  int max_attempts = 6;              ///< tries of a request answered 429, 5xx or timed out
  std::chrono::milliseconds request_timeout{std::chrono::minutes(5)};
  int max_in_flight = 8;             ///< requests of one engine batch sent at once
};

/// A ScalarUdf named `engine_name` calling `call`'s endpoint. Its errors are
/// RemoteFunctionError with the service's status and errorMessage.
std::shared_ptr<ScalarUdf> remote_udf(RemoteCall call, std::string engine_name);

}  // namespace cormorant::functions
