#pragma once
/// User functions in plans: registering a ScalarUdf makes it a function of the plan registry
/// (typed by its signature), of the compiler (a call of its engine name) and, before their
/// next query, of every session's engine.
#include <memory>
#include <string>
#include <vector>

#include "cormorant/common/udf.hpp"

namespace cormorant::session {

/// Makes `udf` usable in plans (plan::FunctionExpr named udf->engine_name) in every session
/// of this process. Registering the same engine name again does nothing.
void register_udf(std::shared_ptr<const ScalarUdf> udf);

/// The function registered as `engine_name`, or nullptr.
std::shared_ptr<const ScalarUdf> find_udf(const std::string& engine_name);

/// The functions registered so far, starting at the `from`-th (in registration order).
std::vector<std::shared_ptr<const ScalarUdf>> registered_udfs(size_t from);

}  // namespace cormorant::session
