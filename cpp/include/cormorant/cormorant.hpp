#pragma once
/// cormorant's C++ API: `#include <cormorant/cormorant.hpp>`.
#include "cormorant/api/categorical.hpp"
#include "cormorant/api/dataframe.hpp"
#include "cormorant/common/categorical.hpp"
#include "cormorant/common/error.hpp"
#include "cormorant/common/table.hpp"
