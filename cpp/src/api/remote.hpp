#pragma once
/// Remote functions inside api/ (api/remote.cpp).
#include <filesystem>
#include <string>
#include <vector>

#include "cormorant/api/dataframe.hpp"
#include "cormorant/session/session.hpp"

namespace cormorant {

/// The ids of session `session_id`'s unnamed deployed functions.
std::vector<std::string> session_functions(session::Context& ctx, const std::string& session_id);
/// Stops these functions on the warehouse's service (their catalog entries are gone).
void undeploy_functions(session::Context& ctx, const std::vector<std::string>& routine_ids);
/// The engine function calling remote routine `info` (registered on first use).
std::string remote_engine_function(const RoutineInfo& info, const std::filesystem::path& warehouse,
                                   const std::string& token, const std::string& python,
                                   const std::vector<std::string>* row_names, const std::vector<DType>& row_dtypes);

}  // namespace cormorant
