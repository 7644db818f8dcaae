#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

void register_string_lowerings() {}

}  // namespace cormorant::compile
