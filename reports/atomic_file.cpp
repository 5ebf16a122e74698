// reports/atomic_file.cpp
#include "reports/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include "analyzer/diagnostic.hpp"

namespace fwaudit::reports {

void write_file_atomically(const std::string& path, std::string_view content) {
  auto fail = [&path](const std::string& what) {
    throw InputError({Severity::error,
                      "unwritable-output",
                      what + ": " + std::strerror(errno),
                      {path, 0, 0, {}},
                      {}});
  };
  std::filesystem::path target(path);
  std::string temp =
      (target.has_parent_path() ? target.parent_path().string() + "/" : std::string()) + "." +
      target.filename().string() + ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (!f) fail("cannot create a temporary file next to the output");
  bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  ok = std::fflush(f) == 0 && ok;
  ok = ::fsync(::fileno(f)) == 0 && ok;
  ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    std::remove(temp.c_str());
    fail("cannot write the output");
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::remove(temp.c_str());
    fail("cannot move the output into place");
  }
}

}  // namespace fwaudit::reports
