#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

/// pandas' Series.str methods. Names are "str_<method>".
void register_string_functions() {
  register_function({"str_lower", signature("str.lower", {{DType::String}}, DType::String)});
}

}  // namespace cormorant::plan
