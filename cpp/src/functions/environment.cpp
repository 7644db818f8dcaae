/// Virtual environments of functions with packages (see functions/service.hpp).
#include <algorithm>
#include <cstdio>
#include <fstream>

#include "cormorant/common/error.hpp"
#include "cormorant/functions/service.hpp"
#include "cormorant/storage/lock.hpp"
#include "process.hpp"

namespace cormorant::functions {

namespace fs = std::filesystem;

fs::path environment_dir(const fs::path& warehouse, const std::vector<std::string>& requirements) {
  std::vector<std::string> sorted = requirements;
  std::sort(sorted.begin(), sorted.end());
  uint64_t h = 1469598103934665603ULL;  // FNV-1a: stable across builds and processes
  for (const auto& r : sorted) {
    for (char c : r + "\n") {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ULL;
    }
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return warehouse / "functions" / "venvs" / hex;
}

std::string environment_python(const fs::path& warehouse, const std::vector<std::string>& requirements,
                               const std::string& python, const std::vector<std::string>& pip_args) {
  fs::path dir = environment_dir(warehouse, requirements);
  fs::path exe = dir / "bin" / "python";
  if (fs::exists(dir / ".complete")) return exe.string();
  fs::create_directories(dir.parent_path());
  storage::FileLock lock(dir.string() + ".lock", storage::FileLock::Mode::Exclusive, std::chrono::minutes(10));
  if (fs::exists(dir / ".complete")) return exe.string();
  fs::path log = dir.string() + ".log";
  std::ofstream(log, std::ios::trunc) << "building " << dir.string() << "\n";
  std::error_code ec;
  fs::remove_all(dir, ec);
  auto fail = [&](const std::string& step) {
    std::ifstream in(log);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (text.size() > 4000) text = "..." + text.substr(text.size() - 4000);
    fs::remove_all(dir, ec);
    throw ExecutionError("cannot build the environment of packages " + [&] {
      std::string all;
      for (const auto& r : requirements) all += (all.empty() ? "" : ", ") + r;
      return all;
    }() + " (" + step + " failed):\n" + text);
  };
  if (process::run({python, "-m", "venv", "--without-pip", dir.string()}, log) != 0) fail("python -m venv");
  // The environment sees the defining Python's packages (cormorant, pandas, pyarrow) after its own.
  if (process::run({python, "-c",
                    "import sys, sysconfig, os\n"
                    "p = sysconfig.get_paths()\n"
                    "v = f'python{sys.version_info[0]}.{sys.version_info[1]}'\n"
                    "site = os.path.join(sys.argv[1], 'lib', v, 'site-packages')\n"
                    "open(os.path.join(site, '_cormorant_base.pth'), 'w').write(p['purelib'] + '\\n' + p['platlib'] + '\\n')\n",
                    dir.string()},
                   log) != 0) {
    fail("linking the base packages");
  }
  std::vector<std::string> pip{python, "-m", "pip", "--python", exe.string(), "install", "--disable-pip-version-check",
                               "--no-input"};
  pip.insert(pip.end(), pip_args.begin(), pip_args.end());
  pip.insert(pip.end(), requirements.begin(), requirements.end());
  if (process::run(pip, log) != 0) fail("pip install");
  std::ofstream(dir / ".complete") << "ok\n";
  return exe.string();
}

}  // namespace cormorant::functions
