// tests/common/run_fwaudit.hpp
// Runs the built fwaudit executable for CLI tests: exit code, stdout and stderr apart. Output goes
// through unique temporary files, so tests may run in parallel (ctest -j).
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fwaudit::testing {

struct FwauditRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string slurp_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// `args` is appended to the command line as written (quote paths with spaces yourself);
// `environment` goes before the binary (e.g. "env -u FWAUDIT_CATALOG_DIR").
inline FwauditRun run_fwaudit(const std::string& args, const std::string& environment = "") {
  std::string pattern = (std::filesystem::temp_directory_path() / "fwaudit-test-XXXXXX").string();
  int fd = ::mkstemp(pattern.data());
  if (fd >= 0) ::close(fd);
  const std::string out = pattern + ".out", err = pattern + ".err";
  const std::string command = environment + " NO_COLOR=1 '" + std::string(FWAUDIT_BINARY) + "' " +
                              args + " >'" + out + "' 2>'" + err + "' </dev/null";
  int status = std::system(command.c_str());
  FwauditRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp_file(out);
  r.err = slurp_file(err);
  std::filesystem::remove(pattern);
  std::filesystem::remove(out);
  std::filesystem::remove(err);
  return r;
}

}  // namespace fwaudit::testing
