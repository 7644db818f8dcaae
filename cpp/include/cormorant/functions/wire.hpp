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
/// Like encode_batch, for the `n` rows of `args` from row `start` on.
void encode_batch(std::string& out, const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                  int64_t start, int64_t n);

/// One batch of the rows of one-column batches `parts` (of dtype `type`) in turn.
std::string concat_batches(const std::vector<std::string>& parts, const DType& type);

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
/// How values of each dtype are written in JSON, as BigQuery encodes remote-function
/// arguments and replies: booleans as JSON booleans; Int64 as numbers (also read from a
/// string of digits); Float64 as numbers, with "NaN", "Infinity", "-Infinity" as strings;
/// strings as strings; bytes as base64 strings (RFC 4648); decimals as strings without
/// trailing fractional zeros ("12.5"; also read from numbers); dates as "YYYY-MM-DD";
/// timestamps as "YYYY-MM-DDTHH:MM:SS.ffffff", with a trailing "Z" for aware ones (in
/// UTC); lists (which BigQuery's remote functions lack) as JSON arrays of their items'
/// encodings; missing values as null.
///
/// A wire batch of `calls` (a JSON array of argument lists, each of types.size() values).
/// Throws InvalidArgumentError naming the call and argument when a value or arity is wrong.
std::string json_calls_to_batch(const nlohmann::json& calls, const std::vector<DType>& types);
/// A one-column wire batch of `values` (a JSON array of `type` values).
std::string json_values_to_batch(const nlohmann::json& values, const DType& type);
/// The columns of a wire batch (of the dtypes above) as JSON arrays of values.
std::vector<nlohmann::json> batch_to_json(const std::string& batch);

// -- rows (functions of a row, DataFrame.apply(axis=1)) ------------------------------------------
/// A function of a row takes one STRING argument per call: the row serialized as bigframes
/// does for its row processors, a JSON object {"names": [...], "types": [...], "values":
/// [...], "indexlength": k, "dtype": "object"}: names are the labels as Python literals
/// (index labels first, then the columns'), types their pandas dtypes, values the row's
/// values as strings (booleans "true"/"false", bytes in base64, lists as JSON text, the
/// others as in the JSON encoding above) or null; the first k entries are the row's index.
///
/// The row `row` of `columns` (JSON values of the dtypes `types`, see batch_to_json) as
/// such a JSON text, with `names` (labels as Python literals) and no index.
std::string row_to_json(const std::vector<std::string>& names, const std::vector<DType>& types,
                        const std::vector<nlohmann::json>& columns, size_t row);
/// A row read back: its column labels (Python literals), dtypes and typed JSON values (the
/// index entries dropped).
struct JsonRow {
  std::vector<std::string> names;
  std::vector<DType> types;
  nlohmann::json values;
};
/// Reads a row serialized as above; InvalidArgumentError naming what is wrong.
JsonRow json_to_row(const std::string& text);

}  // namespace cormorant::functions::wire
