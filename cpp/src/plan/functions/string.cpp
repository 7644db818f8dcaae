#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

void register_string_functions() {}

}  // namespace cormorant::plan
