// The engine's column types and cormorant's dtypes, both ways (DuckDB types, Arrow formats).
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "connection_impl.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/engine/engine.hpp"
#include "duckdb.h"

namespace cormorant::engine {

namespace {

/// The cormorant dtype of a DuckDB type id of a scalar column, and whether that type is the
/// canonical one.
std::pair<std::optional<DType>, bool> classify_id(duckdb_type t) {
  switch (t) {
    case DUCKDB_TYPE_BOOLEAN: return {DType::Boolean, true};
    case DUCKDB_TYPE_BIGINT: return {DType::Int64, true};
    case DUCKDB_TYPE_TINYINT: return {DType::integer(8, false), true};
    case DUCKDB_TYPE_SMALLINT: return {DType::integer(16, false), true};
    case DUCKDB_TYPE_INTEGER: return {DType::integer(32, false), true};
    case DUCKDB_TYPE_UTINYINT: return {DType::integer(8, true), true};
    case DUCKDB_TYPE_USMALLINT: return {DType::integer(16, true), true};
    case DUCKDB_TYPE_UINTEGER: return {DType::integer(32, true), true};
    case DUCKDB_TYPE_UBIGINT: return {DType::integer(64, true), true};
    case DUCKDB_TYPE_DOUBLE: return {DType::Float64, true};
    case DUCKDB_TYPE_FLOAT:
    case DUCKDB_TYPE_DECIMAL: return {DType::Float64, false};
    case DUCKDB_TYPE_VARCHAR: return {DType::String, true};
    case DUCKDB_TYPE_DATE: return {DType::Date, true};
    case DUCKDB_TYPE_TIME: return {DType::Time, true};
    case DUCKDB_TYPE_TIMESTAMP: return {DType::Timestamp, true};
    case DUCKDB_TYPE_TIMESTAMP_S:
    case DUCKDB_TYPE_TIMESTAMP_MS:
    case DUCKDB_TYPE_TIMESTAMP_NS: return {DType::Timestamp, false};
    case DUCKDB_TYPE_TIMESTAMP_TZ: return {DType::TimestampTz, true};
    case DUCKDB_TYPE_BLOB: return {DType::Binary, true};
    default: return {std::nullopt, false};
  }
}

}  // namespace

namespace {

/// classify of a list's item or a struct's field: narrow integers are Int64 there (cast to
/// BIGINT; lists and structs of them are pyarrow dtypes, whose items pandas keeps as Arrow's).
std::pair<std::optional<DType>, bool> classify_nested(duckdb_logical_type type) {
  auto out = classify(type);
  if (out.first == DType::Integer) return {DType::Int64, false};
  return out;
}

}  // namespace

std::pair<std::optional<DType>, bool> classify(duckdb_logical_type type) {
  duckdb_type id = duckdb_get_type_id(type);
  if (id == DUCKDB_TYPE_DECIMAL && duckdb_decimal_width(type) == 38 && duckdb_decimal_scale(type) == 9) {
    return {DType::Decimal, true};
  }
  if (id == DUCKDB_TYPE_LIST) {
    duckdb_logical_type child = duckdb_list_type_child_type(type);
    auto [item, canonical] = classify_nested(child);
    duckdb_destroy_logical_type(&child);
    if (!item || *item == DType::List || *item == DType::Struct) return {std::nullopt, false};
    return {DType::list_of(*item), canonical};
  }
  if (id == DUCKDB_TYPE_STRUCT) {
    std::vector<StructField> fields;
    bool all_canonical = true;
    for (idx_t i = 0, n = duckdb_struct_type_child_count(type); i < n; ++i) {
      char* name = duckdb_struct_type_child_name(type, i);
      duckdb_logical_type child = duckdb_struct_type_child_type(type, i);
      auto [field, canonical] = classify_nested(child);
      duckdb_destroy_logical_type(&child);
      fields.push_back({name, field.value_or(DType::Int64)});
      duckdb_free(name);
      if (!field) return {std::nullopt, false};
      all_canonical = all_canonical && canonical;
    }
    try {
      return {DType::struct_of(std::move(fields)), all_canonical};
    } catch (const DTypeError&) {
      return {std::nullopt, false};  // fields cormorant's struct dtype cannot hold: the caller names the column
    }
  }
  return classify_id(id);
}

std::string type_name(duckdb_logical_type type) {
  // DuckDB's C API has no type-to-string; a small table suffices for messages.
  switch (duckdb_get_type_id(type)) {
    case DUCKDB_TYPE_HUGEINT: return "HUGEINT";
    case DUCKDB_TYPE_UBIGINT: return "UBIGINT";
    case DUCKDB_TYPE_BLOB: return "BLOB";
    case DUCKDB_TYPE_INTERVAL: return "INTERVAL";
    case DUCKDB_TYPE_TIME: return "TIME";
    case DUCKDB_TYPE_LIST: return "LIST";
    case DUCKDB_TYPE_STRUCT: return "STRUCT";
    case DUCKDB_TYPE_MAP: return "MAP";
    case DUCKDB_TYPE_UUID: return "UUID";
    case DUCKDB_TYPE_ENUM: return "ENUM";
    default: return "type #" + std::to_string(static_cast<int>(duckdb_get_type_id(type)));
  }
}

std::optional<DType> dtype_of_arrow_format(const std::string& f) {
  if (f == "b") return DType::Boolean;
  if (f == "l") return DType::Int64;
  if (f == "c") return DType::integer(8, false);
  if (f == "s") return DType::integer(16, false);
  if (f == "i") return DType::integer(32, false);
  if (f == "C") return DType::integer(8, true);
  if (f == "S") return DType::integer(16, true);
  if (f == "I") return DType::integer(32, true);
  if (f == "L") return DType::integer(64, true);
  if (f == "g") return DType::Float64;
  if (f == "u" || f == "U" || f == "vu") return DType::String;
  if (f == "tdD") return DType::Date;
  if (f == "ttu") return DType::Time;
  if (f == "tsu:") return DType::Timestamp;
  if (f.rfind("tsu:", 0) == 0) return DType::timestamp_tz(f.substr(4));  // instants; the zone is kept
  if (f == "z" || f == "Z" || f == "vz") return DType::Binary;
  if (f == "d:38,9" || f == "d:38,9,128") return DType::Decimal;
  if (f == "tDu") return DType::Timedelta;
  return std::nullopt;
}

std::pair<std::optional<DType>, bool> classify_arrow(const ArrowSchema& schema) {
  std::string f = schema.format;
  // A list's item or a struct's field of a narrow integer is Int64 there (as classify_nested).
  auto nested = [](std::optional<DType> d, bool canonical) -> std::pair<std::optional<DType>, bool> {
    if (d == DType::Integer) return {DType::Int64, false};
    return {d, canonical};
  };
  if (f == "+s" && schema.n_children > 0) {
    std::vector<StructField> fields;
    bool all_canonical = true;
    for (int64_t i = 0; i < schema.n_children; ++i) {
      auto [field, canonical] = classify_arrow(*schema.children[i]);
      std::tie(field, canonical) = nested(field, canonical);
      if (!field) return {std::nullopt, false};
      fields.push_back({schema.children[i]->name ? schema.children[i]->name : "", *field});
      all_canonical = all_canonical && canonical;
    }
    return {DType::struct_of(std::move(fields)), all_canonical};
  }
  if ((f == "+l" || f == "+L" || f == "+vl" || f == "+vL") && schema.n_children == 1) {
    auto [item, canonical] = nested(dtype_of_arrow_format(schema.children[0]->format), true);
    // Items of a list carry no zone of their own in the engine: only UTC instants.
    if (!item || (*item == DType::TimestampTz && !item->is_utc())) return {std::nullopt, false};
    return {DType::list_of(*item), canonical};
  }
  // As DuckDB's FLOAT and other DECIMALs (classify_id): Float64, cast.
  if (f == "f" || (f.rfind("d:", 0) == 0 && !dtype_of_arrow_format(f))) return {DType::Float64, false};
  return {dtype_of_arrow_format(f), true};
}

std::optional<DType> dtype_of_arrow(const ArrowSchema& schema) {
  auto [dtype, canonical] = classify_arrow(schema);
  return canonical ? dtype : std::nullopt;  // (the binding casts nested narrow integers to int64)
}

std::optional<DType> canonical_dtype(duckdb_logical_type type) {
  auto [dtype, canonical] = classify(type);
  return canonical ? dtype : std::nullopt;
}

duckdb_logical_type logical_type(const DType& dtype) {
  switch (dtype.kind()) {
    case DType::Boolean: return duckdb_create_logical_type(DUCKDB_TYPE_BOOLEAN);
    case DType::Int64: return duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);
    case DType::Float64: return duckdb_create_logical_type(DUCKDB_TYPE_DOUBLE);
    case DType::String: return duckdb_create_logical_type(DUCKDB_TYPE_VARCHAR);
    case DType::Date: return duckdb_create_logical_type(DUCKDB_TYPE_DATE);
    case DType::Time: return duckdb_create_logical_type(DUCKDB_TYPE_TIME);
    case DType::Timestamp: return duckdb_create_logical_type(DUCKDB_TYPE_TIMESTAMP);
    case DType::TimestampTz: return duckdb_create_logical_type(DUCKDB_TYPE_TIMESTAMP_TZ);
    case DType::Binary: return duckdb_create_logical_type(DUCKDB_TYPE_BLOB);
    case DType::Decimal: return duckdb_create_decimal_type(38, 9);
    case DType::Timedelta: return duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);  // microseconds, exact and ordered
    case DType::Categorical: return duckdb_create_logical_type(DUCKDB_TYPE_BIGINT);  // pandas' codes
    case DType::Integer: {
      static const duckdb_type types[2][3] = {{DUCKDB_TYPE_TINYINT, DUCKDB_TYPE_SMALLINT, DUCKDB_TYPE_INTEGER},
                                              {DUCKDB_TYPE_UTINYINT, DUCKDB_TYPE_USMALLINT, DUCKDB_TYPE_UINTEGER}};
      if (dtype.bits() == 64) return duckdb_create_logical_type(DUCKDB_TYPE_UBIGINT);
      return duckdb_create_logical_type(types[dtype.is_unsigned()][dtype.bits() == 8 ? 0 : dtype.bits() == 16 ? 1 : 2]);
    }
    case DType::List: {
      duckdb_logical_type item = logical_type(dtype.element());
      duckdb_logical_type list = duckdb_create_list_type(item);
      duckdb_destroy_logical_type(&item);
      return list;
    }
    case DType::Struct: {
      std::vector<duckdb_logical_type> types;
      std::vector<const char*> names;
      for (const auto& f : dtype.fields()) {
        types.push_back(logical_type(f.dtype));
        names.push_back(f.name.c_str());
      }
      duckdb_logical_type out = duckdb_create_struct_type(types.data(), names.data(), types.size());
      for (auto& t : types) duckdb_destroy_logical_type(&t);
      return out;
    }
  }
  throw InternalError("internal error: no engine type for a dtype");
}

}  // namespace cormorant::engine
