#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

namespace {

/// What one constant parameter of a string function must be.
enum class Param { Str, OptStr, Bool, OptBool, Int, OptInt };

bool accepts(Param p, const Value& v) {
  switch (p) {
    case Param::Str: return v.holds<std::string>();
    case Param::OptStr: return v.is_na() || v.holds<std::string>();
    case Param::Bool: return v.holds<bool>();
    case Param::OptBool: return v.is_na() || v.holds<bool>();
    case Param::Int: return v.holds<int64_t>();
    case Param::OptInt: return v.is_na() || v.holds<int64_t>();
  }
  return false;
}

const char* param_kind(Param p) {
  switch (p) {
    case Param::Str: return "a str";
    case Param::OptStr: return "a str or None";
    case Param::Bool: return "a bool";
    case Param::OptBool: return "a bool or None";
    case Param::Int: return "an int";
    case Param::OptInt: return "an int or None";
  }
  return "";
}

/// A typing rule for `str.<method>`: `string_args` String arguments (the Series, then any
/// aligned other Series), then constant parameters of the kinds given; `rest` (when set)
/// is the kind of any further parameters (e.g. the prefixes of startswith).
void add(const std::string& method, std::vector<Param> params, DType result, size_t string_args = 1,
         std::optional<Param> rest = std::nullopt, size_t min_rest = 0,
         std::function<void(const std::vector<Value>&)> check = nullptr) {
  std::string label = "str." + method;
  register_function({"str_" + method, [=](const std::vector<DType>& args, const std::vector<Value>& values) {
                       if (args.size() != string_args) {
                         throw InternalError("internal error: " + label + " takes " + std::to_string(string_args) +
                                             " Series arguments");
                       }
                       for (DType d : args) {
                         if (d != DType::String) {
                           throw DTypeError(label + " does not apply to dtype '" + std::string(dtype_name(d)) +
                                            "'; it needs string values");
                         }
                       }
                       if (values.size() < params.size() + min_rest || (!rest && values.size() != params.size())) {
                         throw InternalError("internal error: " + label + " takes " + std::to_string(params.size()) +
                                             " parameters");
                       }
                       for (size_t i = 0; i < values.size(); ++i) {
                         Param p = i < params.size() ? params[i] : *rest;
                         if (!accepts(p, values[i])) {
                           throw DTypeError(label + ": parameter " + std::to_string(i + 1) + " must be " +
                                            param_kind(p) + ", not " + values[i].to_string());
                         }
                       }
                       if (check) check(values);
                       return result;
                     }});
}

}  // namespace

/// pandas' Series.str methods. Names are "str_<method>"; parameters are listed in the order
/// python/cormorant/strings.py passes them.
void register_string_functions() {
  using P = Param;
  const DType S = DType::String, B = DType::Boolean, I = DType::Int64;
  // Case and character classes.
  for (const char* m : {"lower", "upper", "title", "capitalize", "swapcase", "casefold"}) add(m, {}, S);
  for (const char* m : {"isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace", "islower", "isupper",
                        "istitle", "isascii"}) {
    add(m, {}, B);
  }
  add("len", {}, I);
  // Matching: pattern, case, regex/na flags.
  add("contains", {P::Str, P::Bool, P::Bool, P::OptBool}, B);  // pat, case, regex, na
  add("match", {P::Str, P::Bool, P::OptBool}, B);              // pat, case, na
  add("fullmatch", {P::Str, P::Bool, P::OptBool}, B);          // pat, case, na
  add("startswith", {P::OptBool}, B, 1, P::Str, 1);            // na, prefixes...
  add("endswith", {P::OptBool}, B, 1, P::Str, 1);              // na, suffixes...
  add("count", {P::Str}, I);                                   // pat (a regex)
  add("find", {P::Str, P::Int, P::OptInt, P::Bool}, I);        // sub, start, end, raise when absent
  add("rfind", {P::Str, P::Int, P::OptInt, P::Bool}, I);       // sub, start, end, raise when absent
  add("partition", {P::Str, P::Int}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    if (v[0].get<std::string>().empty()) throw InvalidArgumentError("empty separator");
  });  // sep, part (0, 1, 2)
  add("rpartition", {P::Str, P::Int}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    if (v[0].get<std::string>().empty()) throw InvalidArgumentError("empty separator");
  });
  add("extract", {P::Str, P::Int, P::Bool}, S);                // pat, group, missing when ""
  // Transformations.
  add("strip", {P::OptStr}, S);  // to_strip (None: whitespace)
  add("lstrip", {P::OptStr}, S);
  add("rstrip", {P::OptStr}, S);
  add("replace", {P::Str, P::Str, P::Bool, P::Bool, P::Int}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    int64_t n = v[4].get<int64_t>();
    if (n != -1 && n != 1) throw NotImplementedError("str.replace supports n=-1 (all) or n=1 (the first) only");
  });  // pat, repl, regex, case, n
  add("slice", {P::OptInt, P::OptInt, P::OptInt}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    if (!v[2].is_na() && v[2].get<int64_t>() == 0) throw InvalidArgumentError("slice step cannot be zero");
  });  // start, stop, step
  add("get", {P::Int}, S);                                        // position
  add("translate", {P::Str, P::Str}, S);  // from characters, to characters (the rest of from: deleted)
  add("pad", {P::Int, P::Str, P::Str}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    const auto& side = v[1].get<std::string>();
    if (side != "left" && side != "right" && side != "both") {
      throw InvalidArgumentError("Invalid side");
    }
  });  // width, side, fillchar
  add("zfill", {P::Int}, S);                                      // width
  add("repeat", {P::Int}, S);                                     // repeats
  add("removeprefix", {P::Str}, S);
  add("removesuffix", {P::Str}, S);
  add("join", {P::Str}, S);                                       // sep between characters
  add("cat", {P::Str, P::OptStr}, S, 2);                          // (self, other) sep, na_rep
  // split(pat, n): the list of parts; pat (None: whitespace), regex, n (-1: all).
  add("split", {P::OptStr, P::Bool, P::Int}, DType::list_of(S));
  // findall(pat, group): the matches of an RE2 pattern (group 1 when it has one), as a list.
  add("findall", {P::Str, P::Int}, DType::list_of(S));
  // rsplit(pat, n): the parts split from the right; pat (None: whitespace), n (-1: all). A
  // separator that can overlap itself ("aa") is split otherwise from the right than from the
  // left, which the engine's split cannot do: refused.
  add("rsplit", {P::OptStr, P::Int}, DType::list_of(S), 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    if (v[0].is_na()) return;
    const auto& sep = v[0].get<std::string>();
    if (sep.empty()) throw InvalidArgumentError("empty separator");
    for (size_t k = 1; k < sep.size(); ++k) {
      if (sep.compare(0, k, sep, sep.size() - k, k) == 0) {
        throw NotImplementedError("str.rsplit by '" + sep +
                                  "', a separator that can overlap itself, is not supported (its occurrences "
                                  "counted from the right differ from those counted from the left); use str.split");
      }
    }
  });
  // normalize(form): Unicode normalization; the engine has NFC only.
  add("normalize", {P::Str}, S, 1, std::nullopt, 0, [](const std::vector<Value>& v) {
    const auto& form = v[0].get<std::string>();
    if (form == "NFC") return;
    if (form == "NFD" || form == "NFKC" || form == "NFKD") {
      throw NotImplementedError("str.normalize('" + form + "') is not supported (the engine normalizes to NFC only)");
    }
    throw InvalidArgumentError("invalid normalization form: '" + form + "'");
  });
  // encode(): the UTF-8 bytes of each string (a binary[pyarrow] Series).
  add("encode", {}, DType::Binary);
  // md5_hex(): the MD5 digest of each string's UTF-8 bytes as 32 lowercase hex digits (no
  // pandas method: the name of a partition's folder while a table is written on Spark).
  register_function({"md5_hex", [](const std::vector<DType>& args, const std::vector<Value>& values) {
                       if (args.size() != 1 || args[0] != DType::String || !values.empty()) {
                         throw InternalError("internal error: md5_hex takes one string Series and no parameters");
                       }
                       return DType(DType::String);
                     }});
  // bytes_decode(): each bytes value read as UTF-8 text; bytes that are not UTF-8 fail the
  // query (InvalidArgumentError, Python's UnicodeDecodeError).
  register_function({"bytes_decode", [](const std::vector<DType>& args, const std::vector<Value>& values) {
                       if (args.size() != 1 || !values.empty()) {
                         throw InternalError("internal error: bytes_decode takes one Series and no parameters");
                       }
                       if (args[0] != DType::Binary) {
                         throw DTypeError("str.decode does not apply to dtype '" + std::string(dtype_name(args[0])) +
                                          "'; it needs bytes (binary[pyarrow]) values");
                       }
                       return DType(DType::String);
                     }});
}

}  // namespace cormorant::plan
