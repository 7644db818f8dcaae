#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

void register_math_lowerings() {}

}  // namespace cormorant::compile
