#pragma once
/// The batch format between the worker pool and its Python workers (documented in
/// python/cormorant/_worker.py): Arrow columns in, one Arrow column out.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant::functions::wire {

/// Column type tags of the wire format (python/cormorant/_worker.py has the same numbers).
enum Tag : uint8_t {
  kBool = 0,
  kInt64 = 1,
  kFloat64 = 2,
  kString = 3,
  kDate32 = 4,
  kTimestamp = 5,
  kTimestampUtc = 6,
  kBinary = 7,
  kDecimal = 8,
  kList = 9,
};

/// The tag of a column of dtype `d`.
Tag tag_of(const DType& d);

/// Appends the batch `args` (a struct array described by `schema`, one child per argument of
/// the dtypes `types`) in the wire format.
void encode_batch(std::string& out, const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args);

/// Reads a worker's result batch (one column of dtype `expect`, `rows` rows) into a struct
/// array with one child that owns its buffers.
void decode_result(const std::string& in, const DType& expect, int64_t rows, ArrowSchema* schema, ArrowArray* out);

/// A wire batch of the Arrow struct array `args` (one child per argument of `types`).
inline std::string encode_arrow(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args) {
  std::string out;
  encode_batch(out, types, schema, args);
  return out;
}

// -- JSON (wire_json.cpp) ----------------------------------------------------------------------
/// How values of each dtype are written in JSON (BigQuery's encoding of remote-function
/// arguments and replies): booleans and Int64 as JSON booleans and numbers (Int64 also
/// read from a string of digits), Float64 as numbers with "NaN", "Infinity", "-Infinity"
/// as strings, strings as strings, dates as "YYYY-MM-DD", timestamps as
/// "YYYY-MM-DDTHH:MM:SS.ffffff" (with a trailing "Z" for aware ones, in UTC), missing values
/// as null. Binary, decimal and list dtypes are refused (InvalidArgumentError) for now.
///
/// A wire batch of `calls` (a JSON array of argument lists, each of types.size() values).
/// Throws InvalidArgumentError naming the call and argument when a value or arity is wrong.
std::string json_calls_to_batch(const nlohmann::json& calls, const std::vector<DType>& types);
/// A one-column wire batch of `values` (a JSON array of `type` values).
std::string json_values_to_batch(const nlohmann::json& values, const DType& type);
/// The columns of a wire batch (of the dtypes above) as JSON arrays of values.
std::vector<nlohmann::json> batch_to_json(const std::string& batch);

}  // namespace cormorant::functions::wire
