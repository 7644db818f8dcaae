#pragma once
/// The registry of scalar functions (pandas' .str, .dt and elementwise methods): each knows
/// which argument dtypes it takes and what it returns. Their SQL lives in compile/; a family
/// of functions is one file here and one there, registered in builtin_functions().
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cormorant/common/dtype.hpp"
#include "cormorant/common/value.hpp"

namespace cormorant::plan {

/// A scalar function's typing rule.
struct ScalarFunction {
  std::string name;
  /// The result dtype for these argument dtypes and parameters; throws DTypeError (or
  /// InvalidArgumentError for a bad parameter) when the call does not apply.
  std::function<DType(const std::vector<DType>& args, const std::vector<Value>& params)> result_type;
};

/// Adds a function (replacing one of the same name).
void register_function(ScalarFunction function);
/// The function named `name`; throws NotImplementedError when there is none.
const ScalarFunction& find_function(const std::string& name);

/// Registers one family; each is defined in plan/functions/<family>.cpp.
void register_string_functions();
void register_datetime_functions();
void register_math_functions();
void register_list_functions();
void register_categorical_functions();

/// A categorical dtype as a function's params: [ordered, the categories' dtype name, category...]
/// (cat_from_codes, cat_encode), and back from params[first...].
std::vector<Value> categorical_params(const DType& dtype);
DType categorical_of_params(const std::vector<Value>& params, size_t first);

/// Microseconds in a fixed frequency such as "D", "15min", "ms" (pandas' fixed offsets);
/// throws InvalidArgumentError for anything else.
int64_t frequency_micros(const std::string& freq);

/// One piece of a Python strftime format as cormorant writes it: literal `text`, or the
/// conversion `code` (when not empty): a letter of the engine's strftime, "-" and a letter for
/// its unpadded form ("-d", "-Y"), or one written by an expression ("e", "k", "l", "C", "g",
/// "P", "z").
struct StrftimePiece {
  std::string code;
  std::string text;
};

/// A Python strftime format (the C library's codes in the C locale, as pandas 3.1 calls it)
/// split into pieces for values of `dtype`: composite codes (%c %D %F %r %R %T %x %X %h) as their
/// parts, %n %t %% and the zone codes of naive or UTC values as text, the E and O modifiers
/// dropped as the C locale does, and %Y unpadded below the year 1000 unless the whole format is
/// one pandas writes itself (only %Y %m %d %H %M %S %f %%). Dates take the codes pyarrow writes
/// as the C library does. Throws NotImplementedError naming any other code or flag.
std::vector<StrftimePiece> strftime_pieces(const std::string& format, const DType& dtype);

/// Checks pandas' `ambiguous` ("raise", "NaT", true for DST, false for standard time) and
/// `nonexistent` ("raise", "NaT") at params[first] and params[first + 1] of a call that
/// localizes wall times; throws NotImplementedError for the options cormorant lacks.
void check_localize_options(const std::vector<Value>& params, size_t first);

/// pandas 3's rule for a scalar set into a column of `dtype` (fillna, where, replace's value,
/// df.loc[...] = value): Int64 takes integers and integral floats, Float64 any number,
/// boolean only booleans, string only text, timestamps a Timestamp of their kind (an aware
/// one in any zone, naive ISO text for a naive column), a date a date, a decimal a Decimal or
/// an integer; Int8..UInt64 whole numbers within their range; <NA> fits everywhere.
bool value_fits(DType dtype, const Value& v);

/// Whether clip's `lower` (or upper) bound `v` of an Int8..UInt64 column lies past the dtype's
/// range on the side no value crosses (below its least value for a lower bound, above its
/// greatest for an upper one): no bound at all.
bool clip_bound_outside(DType dtype, const Value& v, bool lower);

/// A typing rule taking exactly the dtypes given (in order) and returning `result`.
std::function<DType(const std::vector<DType>&, const std::vector<Value>&)> signature(
    std::string name, std::vector<std::vector<DType>> accepted, DType result);

}  // namespace cormorant::plan
