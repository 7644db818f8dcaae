#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

void register_math_functions() {}

}  // namespace cormorant::plan
