#include "cormorant/plan/function.hpp"

namespace cormorant::plan {

void register_datetime_functions() {}

}  // namespace cormorant::plan
