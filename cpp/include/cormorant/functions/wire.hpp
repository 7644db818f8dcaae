#pragma once
/// Batches between the worker pool and its Python workers (python/cormorant/_worker.py), and
/// between the function service and its workers: Arrow IPC streams (the Arrow columnar
/// format's "Serialization and Interprocess Communication": a Schema message, RecordBatch
/// messages with 8-byte aligned bodies, each message after a continuation marker, then the
/// end-of-stream marker), written and verified here with FlatBuffers' builder and verifier.
/// A batch has one field per column (named "a0", "a1", ...; readers ignore names), of the
/// Arrow type of its dtype: bool, int64, float64, large_utf8, large_binary, date32,
/// timestamp[us] (naive, or with time zone "UTC"), decimal128(38, 9), large_list of these.
/// Readers also take utf8, binary and list (32-bit offsets). Values are little-endian.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cormorant/common/arrow_c.hpp"
#include "cormorant/common/dtype.hpp"

namespace cormorant::functions::wire {

/// The kinds of column the fast Python conversions tell apart (python/src/udf_values.hpp).
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

/// A column in Arrow layout that owns its buffers: validity and booleans as bitmaps, 64-bit
/// offsets; built value by value (the append methods) or read from IPC.
struct Column {
  explicit Column(DType t);

  DType type;
  int64_t length = 0, null_count = 0;
  std::vector<uint8_t> validity;   ///< bit i: row i is present
  std::string values;              ///< fixed-width values, or the bitmap of booleans
  std::vector<int64_t> offsets;    ///< strings, bytes and lists: length + 1 offsets
  std::string data;                ///< the bytes of strings and bytes
  std::unique_ptr<Column> items;   ///< a list's items

  /// Adds a row, present or missing (its value is added by the calls below).
  void add_row(bool present);
  /// The value of boolean row `i`.
  void set_bool(int64_t i, bool v);
  /// A fixed-width value (int64_t, double, int32_t days, int64_t µs, __int128 decimal).
  template <typename T>
  void add_fixed(T v) {
    values.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  /// Ends a string, bytes or list row: its bytes are in `data`, its items in `items`.
  void end_var() { offsets.push_back(items ? items->length : static_cast<int64_t>(data.size())); }
};

/// An IPC stream of rows [start, start + n) of `args` (a struct array described by `schema`,
/// one child per argument of the dtypes `types`).
std::string encode_batch(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                         int64_t start, int64_t n);
inline std::string encode_batch(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args) {
  return encode_batch(types, schema, args, 0, args.length);
}
/// An IPC stream of `columns` (one record batch).
std::string encode_columns(const std::vector<Column>& columns);
/// Rows [start, start + n) of `args` (as for encode_batch) as columns.
std::vector<Column> arrow_columns(const std::vector<DType>& types, const ArrowSchema& schema, const ArrowArray& args,
                                  int64_t start, int64_t n);

/// The columns of the IPC streams `streams`, each with one field per dtype of `types`, their
/// record batches one after another. Each message is checked with FlatBuffers' verifier and
/// each buffer against its body; InternalError naming what is wrong (a worker's bug).
std::vector<Column> decode_batches(const std::vector<std::string>& streams, const std::vector<DType>& types);

/// `column` as a struct array with one child (named "r") that owns its buffers.
void to_arrow(Column column, ArrowSchema* schema, ArrowArray* out);

/// The one-column result of a call, from the workers' IPC streams `parts` (in row order),
/// as a struct array with one child that owns its buffers; InternalError unless it has
/// `rows` rows of dtype `expect`.
void decode_result(const std::vector<std::string>& parts, const DType& expect, int64_t rows, ArrowSchema* schema,
                   ArrowArray* out);

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
/// An IPC batch of `calls` (a JSON array of argument lists, each of types.size() values).
/// Throws InvalidArgumentError naming the call and argument when a value or arity is wrong.
std::string json_calls_to_batch(const nlohmann::json& calls, const std::vector<DType>& types);
/// A column of `values` (a JSON array of `type` values).
Column json_values_to_column(const nlohmann::json& values, const DType& type);
/// Columns as JSON arrays of values.
std::vector<nlohmann::json> columns_to_json(const std::vector<Column>& columns);
/// The columns of an IPC batch (of dtypes `types`) as JSON arrays of values.
inline std::vector<nlohmann::json> batch_to_json(const std::string& batch, const std::vector<DType>& types) {
  return columns_to_json(decode_batches({batch}, types));
}

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
