#pragma once
/// File helpers shared by the catalog's writers (storage/ only).
#include <filesystem>
#include <string>

#include "cormorant/storage/file_system.hpp"

namespace cormorant::storage {

/// The current time as an ISO timestamp (UTC), e.g. "2026-11-29T20:01:02Z".
std::string now_iso();
/// Removes the temporary files of write_atomically in `dir` whose writer process is gone (a
/// writer killed mid-write; judged by its pid on this host); returns how many.
int remove_abandoned_temporaries(FileSystem& files, const std::filesystem::path& dir);

}  // namespace cormorant::storage
