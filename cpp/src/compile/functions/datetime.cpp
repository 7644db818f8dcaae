#include "cormorant/compile/function_sql.hpp"

namespace cormorant::compile {

void register_datetime_lowerings() {}

}  // namespace cormorant::compile
