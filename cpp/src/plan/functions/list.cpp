#include <string>
#include <vector>

#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

namespace {

/// The list dtype of a call's first argument; DTypeError naming `method` for any other dtype.
DType list_argument(const std::string& method, const std::vector<DType>& args, size_t count) {
  if (args.size() != count) throw InternalError("internal error: " + method + " takes " + std::to_string(count) + " Series");
  if (args[0] != DType::List) {
    throw DTypeError(method + " does not apply to dtype '" + dtype_name(args[0]) + "'; it needs list values");
  }
  return args[0];
}

/// Throws InternalError unless `params` are `count` values each int or (when `optional`) <NA>.
void int_params(const std::string& method, const std::vector<Value>& params, size_t count, bool optional) {
  bool ok = params.size() == count;
  for (const auto& v : params) ok = ok && (v.holds<int64_t>() || (optional && v.is_na()));
  if (!ok) throw InternalError("internal error: " + method + " takes " + std::to_string(count) + " int parameters");
}

}  // namespace

void register_list_functions() {
  // .list.len(): the number of items (<NA> for a missing list).
  register_function({"list_len", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       list_argument("list.len()", args, 1);
                       int_params("list.len()", params, 0, false);
                       return DType(DType::Int64);
                     }});
  // .list[i] / .str[i]: item i (negative from the end; <NA> past either end).
  register_function({"list_get", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType list = list_argument("list[i]", args, 1);
                       int_params("list[i]", params, 1, false);
                       return list.element();
                     }});
  // explode(): the item at the 0-based Int64 position given as the second argument.
  register_function({"list_at", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType list = list_argument("explode()", args, 2);
                       if (args[1] != DType::Int64) throw InternalError("internal error: list_at takes Int64 positions");
                       int_params("explode()", params, 0, false);
                       return list.element();
                     }});
  // .list[start:stop:step] with Python's slice semantics (start and stop may be <NA>: None).
  register_function({"list_slice", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType list = list_argument("list[start:stop]", args, 1);
                       int_params("list[start:stop]", params, 3, true);
                       if (params[2].is_na() || params[2].get<int64_t>() < 1) {
                         throw NotImplementedError("list[start:stop:step] supports a positive step only");
                       }
                       return list;
                     }});
  // .str.join(sep) of a list of strings: the items joined by sep (<NA> for a missing list or
  // one with a missing item, as pandas gives NaN for a list holding a non-string).
  register_function({"list_join", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType list = list_argument("str.join()", args, 1);
                       if (list.element() != DType::String) {
                         throw DTypeError("str.join of lists of dtype '" + std::string(dtype_name(list.element())) +
                                          "' is not supported; it joins lists of strings");
                       }
                       if (params.size() != 1 || !params[0].holds<std::string>()) {
                         throw InternalError("internal error: list_join takes one str parameter");
                       }
                       return DType(DType::String);
                     }});
  // .struct.field(name): the named field of each struct (<NA> for a missing struct).
  register_function({"struct_field", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       if (args.size() != 1 || params.size() != 1 || !params[0].holds<std::string>()) {
                         throw InternalError("internal error: struct_field takes one Series and a field name");
                       }
                       if (args[0] != DType::Struct) {
                         throw DTypeError("struct.field() does not apply to dtype '" + dtype_name(args[0]) +
                                          "'; it needs struct values");
                       }
                       for (const auto& f : args[0].fields()) {
                         if (f.name == params[0].get<std::string>()) return f.dtype;
                       }
                       throw InvalidArgumentError("the struct has no field '" + params[0].get<std::string>() + "'");
                     }});
}

}  // namespace cormorant::plan
