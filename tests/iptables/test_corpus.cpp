// tests/iptables/test_corpus.cpp
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "parsers/iptables/parse_iptables.hpp"

using namespace fwaudit;

namespace {

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every third-party iptables dump parses") {
  const std::filesystem::path dir = FWAUDIT_SHARED_DIR "/corpus/iptables";
  if (!std::filesystem::is_directory(dir)) {
    MESSAGE("skipped: corpus folder " << dir << " is absent");
    return;
  }
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    Ruleset rs;
    CHECK_NOTHROW(rs = iptables::parse(entry.path().string(), read(entry.path()), {}));
    for (const auto& d : rs.diagnostics.items())
      MESSAGE(d.to_string() << " [" << d.code << "]");
    ++files;
  }
  CHECK(files >= 20);
}
