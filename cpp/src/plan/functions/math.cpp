#include <cmath>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"
#include "cormorant/plan/scan.hpp"

namespace cormorant::plan {

/// pandas' elementwise and missing-data Series methods (round, clip, between, isin, where,
/// mask, fillna, replace, map) and the numpy ufuncs Series.__array_ufunc__ maps to ("np_<ufunc>").
/// Parameters are flattened constants; each rule below documents its layout.

namespace {

using Params = std::vector<Value>;
using TypingRule = std::function<DType(const std::vector<DType>&, const std::vector<Value>&)>;

std::string dtype_text(DType d) { return std::string(dtype_name(d)); }

/// The one argument's dtype, which must be one of `accepted`.
DType check_one(const std::string& name, const std::vector<DType>& args, const std::vector<DType>& accepted) {
  if (args.empty()) throw InternalError("internal error: " + name + " takes an argument");
  for (DType d : accepted) {
    if (d.kind() == args[0].kind()) return args[0];  // an aware timestamp keeps its zone
  }
  throw DTypeError(name + " does not apply to dtype '" + dtype_text(args[0]) + "'");
}

void check_count(const std::string& name, const std::vector<DType>& args, size_t n) {
  if (args.size() != n) throw InternalError("internal error: " + name + " takes " + std::to_string(n) + " arguments");
}

/// The whole number `v` (an int, or a float with no fraction), if it is one.
std::optional<double> whole_number(const Value& v) {
  if (v.holds<int64_t>()) return static_cast<double>(v.get<int64_t>());
  if (v.holds<double>() && std::isfinite(v.get<double>()) && std::trunc(v.get<double>()) == v.get<double>()) {
    return v.get<double>();
  }
  return std::nullopt;
}

/// The least and greatest values of Integer `dtype` (Int8..UInt64), exact in a long double
/// (64 bits of mantissa: 2**64 - 1 too).
std::pair<long double, long double> integer_bounds(DType dtype) {
  long double lo = dtype.is_unsigned() ? 0.0L : -std::ldexp(1.0L, dtype.bits() - 1);
  long double hi = std::ldexp(1.0L, dtype.is_unsigned() ? dtype.bits() : dtype.bits() - 1) - 1.0L;
  return {lo, hi};
}

/// A number `v` (an int or a float, not a boolean) as a long double (exact).
std::optional<long double> number_of(const Value& v) {
  if (v.holds<int64_t>()) return static_cast<long double>(v.get<int64_t>());
  if (v.holds<double>() && !std::isnan(v.get<double>())) return static_cast<long double>(v.get<double>());
  return std::nullopt;
}

/// Whether `v` is a whole number past the range of Integer `dtype` (Int8..UInt64).
bool past_integer(DType dtype, const Value& v) {
  if (dtype != DType::Integer || !whole_number(v)) return false;
  auto [lo, hi] = integer_bounds(dtype);
  long double x = *number_of(v);
  return x < lo || x > hi;
}

/// value_fits, throwing DTypeError as pandas' "Invalid value" TypeError; a whole number past an
/// Int8..UInt64's range is pandas' OverflowError.
void check_fits(const std::string& name, DType dtype, const Value& v) {
  if (past_integer(dtype, v)) {
    throw OverflowError(name + ": the value " + v.to_string() + " is out of bounds for dtype '" + dtype_text(dtype) + "'");
  }
  if (!value_fits(dtype, v)) {
    throw DTypeError(name + ": invalid value '" + v.to_string() + "' for dtype '" + dtype_text(dtype) + "'");
  }
}

const std::vector<DType> kNumeric = {DType::Int64, DType::Float64};
const std::vector<DType> kNumericBool = {DType::Int64, DType::Float64, DType::Boolean};
/// What map and replace look values up in: scalars and Int8..UInt64 (compared as numbers).
const std::vector<DType> kLookup = {DType::Int64, DType::Float64, DType::Boolean, DType::String, DType::Integer};
/// What isin, fillna, where and mask take: scalars, decimals, dates and timestamps.
const std::vector<DType> kFillable = {DType::Int64,     DType::Float64,     DType::Boolean,   DType::String,
                                      DType::Decimal,   DType::Date,        DType::Timestamp, DType::TimestampTz,
                                      DType::Timedelta, DType::Integer};

/// round: params [decimals]. Int64, Float64, boolean and decimal keep their dtype. pyarrow
/// refuses to round decimal128(38, 9) to fewer than -28 digits (the result would not fit).
DType round_type(const std::vector<DType>& args, const Params& params) {
  check_count("round", args, 1);
  DType d = check_one("round", args, {DType::Int64, DType::Float64, DType::Boolean, DType::Decimal});
  if (params.size() != 1 || !params[0].holds<int64_t>()) {
    throw InvalidArgumentError("round: decimals must be an integer");
  }
  int64_t decimals = params[0].get<int64_t>();
  if (decimals < -308 || decimals > 308) throw InvalidArgumentError("round: decimals must be between -308 and 308");
  if (d == DType::Decimal && decimals < -28) {
    throw InvalidArgumentError("round: rounding to " + std::to_string(decimals) +
                               " digits will not fit in decimal128(38, 9) (pandas raises too); use decimals >= -28");
  }
  return d;
}

/// clip: params [lower, upper], each <NA> for no bound (pandas has put them in order). An
/// Int8..UInt64 bound past the dtype's range that no value crosses (a lower one below it, an
/// upper one above it, whole or not) is no bound (compile/ leaves it out); one every value
/// crosses is pandas' OverflowError.
DType clip_type(const std::vector<DType>& args, const Params& params) {
  check_count("clip", args, 1);
  DType d = check_one("clip", args, {DType::Int64, DType::Float64, DType::Boolean, DType::String, DType::Decimal,
                                     DType::Integer});
  if (params.size() != 2) throw InternalError("internal error: clip takes [lower, upper]");
  for (size_t i = 0; i < 2; ++i) {
    if (d == DType::Integer && clip_bound_outside(d, params[i], i == 0)) continue;
    check_fits("clip", d, params[i]);
  }
  return d;
}

/// Whether a bound of between() compares with a column of dtype `d`.
bool comparable(DType d, const Value& v) {
  if (v.is_na()) return false;
  if (is_numeric(d) || d == DType::Integer) return v.holds<int64_t>() || v.holds<double>() || v.holds<bool>();
  if (d == DType::String) return v.holds<std::string>();
  // Dates and timestamps: as pandas compares them (a date with a date column; a naive or an
  // aware Timestamp with a column of the same kind; ISO text with a timestamp column).
  if (v.holds<Moment>()) return v.get<Moment>().dtype.kind() == d.kind();
  if (v.holds<std::string>() && (d == DType::Timestamp || d == DType::TimestampTz)) {
    if (!scan_bound(d, v)) return false;
    const std::string& text = v.get<std::string>();
    bool has_offset = text.size() > 10 && text.find_first_of("+-Z", 10) != std::string::npos;
    if (d == DType::TimestampTz && !d.is_utc() && !has_offset) {
      throw NotImplementedError("between: naive text '" + text + "' against a " + dtype_name(d) +
                                " column; give a pd.Timestamp with its zone");
    }
    return true;
  }
  return false;
}

/// between: params [left, right, inclusive] with inclusive "both", "neither", "left", "right".
DType between_type(const std::vector<DType>& args, const Params& params) {
  check_count("between", args, 1);
  DType d = args[0];
  if (params.size() != 3) throw InternalError("internal error: between takes [left, right, inclusive]");
  for (size_t i = 0; i < 2; ++i) {
    if (!comparable(d, params[i])) {
      throw DTypeError("between: cannot compare dtype '" + dtype_text(d) + "' with " +
                       (params[i].is_na() ? std::string("<NA>") : "'" + params[i].to_string() + "'"));
    }
  }
  const Value& inclusive = params[2];
  if (!inclusive.holds<std::string>() ||
      (inclusive.get<std::string>() != "both" && inclusive.get<std::string>() != "neither" &&
       inclusive.get<std::string>() != "left" && inclusive.get<std::string>() != "right")) {
    throw InvalidArgumentError("Inclusive has to be either string of 'both','left', 'right', or 'neither'.");
  }
  return DType::Boolean;
}

/// isin: params [na_matches, values...]; <NA> rows are True when na_matches, else False.
DType isin_type(const std::vector<DType>& args, const Params& params) {
  check_count("isin", args, 1);
  check_one("isin", args, kFillable);
  if (params.empty() || !params[0].holds<bool>()) throw InternalError("internal error: isin takes [na_matches, values...]");
  return DType::Boolean;
}

/// isin against a session table of values: params [na_matches, table, values...] (the values
/// stay for pruning scans; the table, one column "v", is what the query reads).
DType isin_table_type(const std::vector<DType>& args, const Params& params) {
  check_count("isin", args, 1);
  check_one("isin", args, kFillable);
  if (params.size() < 2 || !params[0].holds<bool>() || !params[1].holds<std::string>()) {
    throw InternalError("internal error: isin_table takes [na_matches, table, values...]");
  }
  return DType::Boolean;
}

/// map and replace write one SQL condition per key, which every row tests in turn: beyond
/// this many keys that is slower than a join, and the user is told to use one.
constexpr size_t kMaxMappingKeys = 10000;

void check_mapping_size(const std::string& name, size_t keys) {
  if (keys <= kMaxMappingKeys) return;
  throw NotImplementedError(name + "() with " + std::to_string(keys) + " keys is not supported (at most " +
                            std::to_string(kMaxMappingKeys) +
                            "); map() with a cormorant Series looks keys up with a join: "
                            "s.map(cpd.read_pandas(pd.Series(mapping)))");
}

/// where / mask: args [values, condition], params [other].
TypingRule conditional_type(std::string name) {
  return [name](const std::vector<DType>& args, const Params& params) {
    check_count(name, args, 2);
    DType d = check_one(name, args, kFillable);
    if (args[1] != DType::Boolean) {
      throw DTypeError(name + ": Boolean array expected for the condition, not " + dtype_text(args[1]));
    }
    if (params.size() != 1) throw InternalError("internal error: " + name + " takes [other]");
    check_fits(name, d, params[0]);
    return d;
  };
}

/// fillna: params [value].
DType fillna_type(const std::vector<DType>& args, const Params& params) {
  check_count("fillna", args, 1);
  DType d = check_one("fillna", args, kFillable);
  if (params.size() != 1) throw InternalError("internal error: fillna takes [value]");
  check_fits("fillna", d, params[0]);
  return d;
}

/// replace: params [from1, to1, from2, to2, ...]; a `from` that cannot equal a value of the
/// column is ignored (as pandas does), a <NA> or NaN `from` matches missing values. An Int8..UInt64
/// column keeps its dtype, as pandas': a `to` it cannot hold is OverflowError, a fraction DTypeError.
DType replace_type(const std::vector<DType>& args, const Params& params) {
  check_count("replace", args, 1);
  DType d = check_one("replace", args, kLookup);
  check_mapping_size("replace", params.size() / 2);
  if (params.size() % 2 != 0) throw InternalError("internal error: replace takes [from, to] pairs");
  for (size_t i = 1; i < params.size(); i += 2) check_fits("replace", d, params[i]);
  return d;
}

/// The dtype map() gives for values `params[2], params[4], ...` of params [na_ignore, k1, v1, ...]:
/// all booleans -> boolean, all text -> string, all integers -> Int64, numbers -> Float64, dates,
/// timestamps (of one zone) or timedeltas -> their dtype; no value but <NA> -> Float64. Mixed
/// kinds throw DTypeError (pandas would give object).
DType map_result_type(const std::vector<Value>& params) {
  bool any_bool = false, any_int = false, any_float = false, any_text = false;
  std::optional<DType> moment;
  bool mixed_moments = false;
  for (size_t i = 2; i < params.size(); i += 2) {
    const Value& v = params[i];
    if (v.is_na()) continue;
    if (v.holds<bool>()) any_bool = true;
    else if (v.holds<int64_t>()) any_int = true;
    else if (v.holds<double>()) any_float = true;
    else if (v.holds<Moment>()) {
      mixed_moments = mixed_moments || (moment && *moment != v.get<Moment>().dtype);
      moment = v.get<Moment>().dtype;
    } else any_text = true;
  }
  int kinds = int(any_bool) + int(any_int || any_float) + int(any_text) + int(moment.has_value());
  if (kinds > 1 || mixed_moments) {
    throw DTypeError("map: the mapped values mix booleans, numbers, text, dates, times or time zones (pandas would "
                     "give an object Series, which cormorant does not support); give them one kind");
  }
  if (moment) return *moment;
  if (any_bool) return DType::Boolean;
  if (any_text) return DType::String;
  if (any_int && !any_float) return DType::Int64;
  return DType::Float64;
}

DType map_type(const std::vector<DType>& args, const Params& params) {
  check_count("map", args, 1);
  check_one("map", args, kLookup);
  check_mapping_size("map", params.size() / 2);
  if (params.empty() || params.size() % 2 != 1 || !params[0].holds<bool>()) {
    throw InternalError("internal error: map takes [na_ignore, key, value, ...]");
  }
  return map_result_type(params);
}

/// A numpy ufunc: Int64 and Float64 give `result` (nullopt: the argument's own dtype);
/// booleans are accepted when `boolean` (and keep their dtype).
TypingRule ufunc(std::string name, std::optional<DType> result, bool boolean = false) {
  return [name, result, boolean](const std::vector<DType>& args, const Params&) {
    check_count(name, args, 1);
    DType d = check_one(name, args, boolean ? kNumericBool : kNumeric);
    if (d == DType::Boolean) return DType(DType::Boolean);
    return result.value_or(d);
  };
}

/// unique_label(count[, label]): true, or a failure when run if the row's index labels are
/// shared by `count` > 1 rows (params: {message}); the message then names `label`, given.
DType unique_label_type(const std::vector<DType>& args, const Params& params) {
  if (args.size() != 1 && args.size() != 2) check_count("unique_label", args, 1);
  CORMORANT_CHECK(args[0] == DType::Int64 && params.size() == 1, "unique_label takes a row count and a message");
  return DType::Boolean;
}

/// exact_int: args [Float64], params [message]: the values as Int64, failing the query with
/// DTypeError(message) at a value that is not integral (pandas' "cannot safely cast
/// non-equivalent float64 to int64" when setting floats into an Int64 column).
DType exact_int_type(const std::vector<DType>& args, const Params& params) {
  check_count("exact_int", args, 1);
  check_one("exact_int", args, {DType::Float64});
  if (params.size() != 1 || !params[0].holds<std::string>()) throw InternalError("internal error: exact_int takes [message]");
  return DType::Int64;
}

/// checked_sub: args [Int64, Int64], params [what]: their difference, failing the query with
/// ArithmeticOverflowError naming `what` (e.g. "diff of column 'v'") and the two values where
/// it is past Int64 (pandas wraps around; the engine's own error names neither).
DType checked_sub_type(const std::vector<DType>& args, const Params& params) {
  check_count("checked_sub", args, 2);
  if (args[0] != DType::Int64 || args[1] != DType::Int64) throw InternalError("internal error: checked_sub takes Int64");
  if (params.size() != 1 || !params[0].holds<std::string>()) throw InternalError("internal error: checked_sub takes [what]");
  return DType::Int64;
}

/// The dtype of pandas' DataFrame.<func>(axis=1) of columns of `args` (row_<func>: skipping
/// missing values; row_<func>_na: pandas' skipna=False). Numbers and booleans, as pandas: a
/// mix of booleans and numbers gives pandas an object Series, refused here.
DType row_reduction_type(const std::string& func, bool skipna, const std::vector<DType>& args) {
  std::string name = "DataFrame." + func + "(axis=1)";
  if (args.empty()) throw NotImplementedError(name + " of a frame without columns is not supported");
  bool booleans = false, numbers = false, floats = false;
  for (const DType& d : args) {
    if (d == DType::Boolean) booleans = true;
    else if (d == DType::Int64 || d == DType::Float64) numbers = true;
    else if (func != "count") {
      throw DTypeError(name + " takes numbers and booleans, not dtype '" + std::string(dtype_name(d)) +
                       "'; select them first (numeric_only=True)");
    }
    if (d == DType::Float64) floats = true;
  }
  if (func == "count") return DType::Int64;
  if (func == "any" || func == "all") {
    if (booleans && numbers && !skipna) {
      throw DTypeError(name + " with skipna=False of booleans and numbers together is not supported (pandas raises "
                       "TypeError); astype('boolean') the numbers first");
    }
    return DType::Boolean;
  }
  if (booleans && numbers) {
    throw DTypeError(name + " of booleans and numbers together gives pandas an object Series, which cormorant has no "
                     "dtype for; astype('Int64') or astype('Float64') the booleans first");
  }
  if (func == "mean" || func == "median" || func == "std" || func == "var" || func == "skew" || func == "kurt" ||
      func == "quantile") {
    return DType::Float64;
  }
  if (func == "sum" || func == "prod") return floats ? DType::Float64 : DType::Int64;
  if (func == "min" || func == "max") return booleans ? DType::Boolean : floats ? DType::Float64 : DType::Int64;
  throw InternalError("internal error: no row reduction " + func);
}

}  // namespace

bool clip_bound_outside(DType dtype, const Value& v, bool lower) {
  auto x = dtype == DType::Integer ? number_of(v) : std::nullopt;
  if (!x) return false;
  auto [lo, hi] = integer_bounds(dtype);
  return lower ? *x < lo : *x > hi;
}

bool value_fits(DType dtype, const Value& v) {
  if (v.is_na()) return true;
  bool ok = false;
  switch (dtype) {
    case DType::Integer: ok = !v.holds<bool>() && whole_number(v).has_value() && !past_integer(dtype, v); break;
    case DType::Int64:
      ok = v.holds<int64_t>() ||
           (v.holds<double>() && std::isfinite(v.get<double>()) && std::trunc(v.get<double>()) == v.get<double>() &&
            std::fabs(v.get<double>()) < 9.2e18);
      break;
    case DType::Float64: ok = v.holds<int64_t>() || v.holds<double>(); break;
    case DType::Boolean: ok = v.holds<bool>(); break;
    case DType::String: ok = v.holds<std::string>(); break;
    case DType::Date:  // a date, or a Timestamp (pandas keeps its date)
      ok = v.holds<Moment>() && v.get<Moment>().dtype != DType::TimestampTz;
      break;
    case DType::Timestamp:  // a naive Timestamp, or ISO text
      ok = (v.holds<Moment>() && v.get<Moment>().dtype == DType::Timestamp) ||
           (v.holds<std::string>() && scan_bound(dtype, v).has_value());
      break;
    case DType::TimestampTz:  // an aware Timestamp in any zone (the same instant)
      ok = v.holds<Moment>() && v.get<Moment>().dtype == DType::TimestampTz;
      break;
    case DType::Timedelta: ok = v.holds<Moment>() && v.get<Moment>().dtype == DType::Timedelta; break;
    // A decimal or an integer, as pyarrow takes them (a float raises TypeError in pandas).
    case DType::Decimal: ok = v.holds<int64_t>() || (v.holds<Moment>() && v.get<Moment>().dtype == DType::Decimal); break;
    default: ok = false;
  }
  return ok;
}

void register_math_functions() {
  register_function({"unique_label", unique_label_type});
  register_function({"round", round_type});
  register_function({"clip", clip_type});
  register_function({"between", between_type});
  register_function({"isin", isin_type});
  register_function({"isin_table", isin_table_type});
  register_function({"where", conditional_type("where")});
  register_function({"mask", conditional_type("mask")});
  register_function({"fillna", fillna_type});
  register_function({"replace", replace_type});
  register_function({"map", map_type});
  register_function({"exact_int", exact_int_type});
  register_function({"checked_sub", checked_sub_type});

  // numpy ufuncs giving Float64 (booleans would give Float32 in pandas: not supported).
  for (const char* name : {"sqrt", "log", "log2", "log10", "log1p", "exp", "exp2", "expm1", "rint", "fabs", "sin",
                           "cos", "tan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh",
                           "arctanh", "cbrt", "deg2rad", "rad2deg"}) {
    register_function({std::string("np_") + name, ufunc(std::string("np.") + name, DType::Float64)});
  }
  // Ufuncs keeping the dtype; booleans pass through floor, ceil and trunc unchanged.
  for (const char* name : {"floor", "ceil", "trunc"}) {
    register_function({std::string("np_") + name, ufunc(std::string("np.") + name, std::nullopt, true)});
  }
  for (const char* name : {"sign", "square"}) {
    register_function({std::string("np_") + name, ufunc(std::string("np.") + name, std::nullopt)});
  }
  for (const char* name : {"isnan", "isinf", "isfinite"}) {
    register_function({std::string("np_") + name, ufunc(std::string("np.") + name, DType::Boolean, true)});
  }
  // Reductions along each row (DataFrame.sum(axis=1) ...): an argument per column (the C++ API:
  // DataFrame::call_rows("row_sum")); "row_<func>" skips missing values, "row_<func>_na" does not.
  // row_quantile takes the quantile (a double in [0, 1]) as its parameter.
  for (const char* func :
       {"sum", "prod", "min", "max", "count", "mean", "median", "std", "var", "any", "all", "skew", "kurt", "quantile"}) {
    for (bool skipna : {true, false}) {
      register_function({std::string("row_") + func + (skipna ? "" : "_na"),
                         [func = std::string(func), skipna](const std::vector<DType>& args, const std::vector<Value>& params) {
                           bool quantile = func == "quantile";
                           if (quantile != (params.size() == 1) || (quantile && !params[0].holds<double>())) {
                             throw InternalError("internal error: row_quantile takes one double parameter");
                           }
                           return row_reduction_type(func, skipna, args);
                         }});
    }
  }
}

}  // namespace cormorant::plan
