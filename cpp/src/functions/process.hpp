#pragma once
/// Child processes of the function service and its clients (functions/ only).
#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace cormorant::functions::process {

/// Runs `argv` to completion with stdin from /dev/null and stdout and stderr appended to
/// `log`; returns its exit code (-1 when it could not start or was killed).
int run(const std::vector<std::string>& argv, const std::filesystem::path& log);
/// Starts `argv` in a session of its own (it outlives this process), stdout and stderr
/// appended to `log`, no other descriptor inherited. Returns its pid.
pid_t spawn_detached(const std::vector<std::string>& argv, const std::filesystem::path& log);
/// Whether process `pid` runs (a zombie does not; a child of ours is reaped).
bool alive(pid_t pid);

}  // namespace cormorant::functions::process
