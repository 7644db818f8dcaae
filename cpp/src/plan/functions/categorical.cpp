#include <string>
#include <vector>

#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

/// The functions that move between a categorical column and its codes or values. The engine
/// holds a categorical as pandas' codes (BIGINT), so these are what every categorical
/// operation is built from (api/categorical.cpp). A categorical dtype travels in the params
/// as categorical_params() lays it out: [ordered, the categories' dtype name, their pandas
/// dtype (Categories::pandas), category...].

std::vector<Value> categorical_params(const DType& dtype) {
  const Categories& c = dtype.categories();
  std::vector<Value> out{c.ordered, dtype_name(c.dtype), c.pandas};
  out.insert(out.end(), c.values.begin(), c.values.end());
  return out;
}

DType categorical_of_params(const std::vector<Value>& params, size_t first) {
  if (params.size() < first + 3 || !params[first].holds<bool>() || !params[first + 1].holds<std::string>() ||
      !params[first + 2].holds<std::string>()) {
    throw InternalError("internal error: a categorical dtype's params");
  }
  auto values = parse_dtype(params[first + 1].get<std::string>());
  if (!values) throw InternalError("internal error: the categories' dtype " + params[first + 1].get<std::string>());
  return DType::categorical({params.begin() + static_cast<std::ptrdiff_t>(first) + 3, params.end()}, *values,
                            params[first].get<bool>(), params[first + 2].get<std::string>());
}

namespace {

void check_args(const std::string& name, const std::vector<DType>& args, DType::Kind kind) {
  if (args.size() != 1 || args[0] != kind) {
    throw InternalError("internal error: " + name + " takes one argument of dtype " + dtype_name(kind));
  }
}

}  // namespace

void register_categorical_functions() {
  // cat_codes(x): a categorical's codes as Int64, missing where x is.
  register_function({"cat_codes", [](const std::vector<DType>& args, const std::vector<Value>&) {
                       check_args("cat_codes", args, DType::Categorical);
                       return DType(DType::Int64);
                     }});
  // cat_from_codes(codes; dtype): Int64 codes (valid positions or missing) as that dtype.
  register_function({"cat_from_codes", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       check_args("cat_from_codes", args, DType::Int64);
                       return categorical_of_params(params, 0);
                     }});
  // cat_decode(x): a categorical's values, of its categories' dtype.
  register_function({"cat_decode", [](const std::vector<DType>& args, const std::vector<Value>&) {
                       check_args("cat_decode", args, DType::Categorical);
                       return args[0].categories().dtype;
                     }});
  // cat_encode(x; dtype): values of the categories' dtype as that categorical (missing where no
  // category equals them, as pandas' astype(CategoricalDtype)).
  register_function({"cat_encode", [](const std::vector<DType>& args, const std::vector<Value>& params) {
                       DType to = categorical_of_params(params, 0);
                       if (args.size() != 1 || args[0] != to.categories().dtype) {
                         throw InternalError("internal error: cat_encode of another dtype than the categories'");
                       }
                       return to;
                     }});
}

}  // namespace cormorant::plan
