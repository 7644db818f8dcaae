#pragma once
/// cormorant's C++ API: `#include <cormorant/cormorant.hpp>`.
#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/common/table.hpp"
