// tests/asa/test_corpus.cpp
// Every ASA / PIX / FWSM configuration of the third-party corpus parses without throwing; the
// lines fwaudit does not model are counted and located. Files ASA itself would reject carry
// errors, listed here with the reason.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "asa_test_util.hpp"

using namespace fwaudit;
namespace test = fwaudit::asa::test;

namespace {

const std::string kCorpus = std::string(FWAUDIT_SHARED_DIR) + "/corpus/asa";

// File name suffix -> expected error count and why ASA would reject the file.
const std::map<std::string, std::pair<std::size_t, const char*>> kInvalid = {
    {"testconfigs__asa-acl-object", {3, "ACE names undefined objects osfake/onfake1/onfake2"}},
    {"testconfigs__asa-gh-6042", {2, "ACE names undefined objects X and Y"}},
    {"testconfigs__asa-nested-service-object-group",
     {2, "port-object in service groups declared without tcp/udp"}},
    {"testconfigs__network-object", {1, "network-object object ON_UNDEFINED"}},
    {"configs__asa_acl", {1, "object-group drawbridge_hosts is never defined"}},
    {"configs__asa_nat", {25, "NAT fragments over objects that are never defined"}},
    {"asa8.3-acl.test", {2, "port name 'foo'; a standard ACL bound with access-group"}},
    {"asa8.3-nat.test", {16, "NAT over objects and service objects that are never defined"}},
    {"asa8.3-objects-and-groups.test",
     {3, "'service some_weird_protocol', 'protocol-object object', undefined 'my-range-ob'"}},
    {"firewall90.fw.orig",
     {4, "generated ACEs '... object X tcp destination neq 8080' are not ASA syntax"}},
};

std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("ASA corpus: every file parses with unsupported lines counted and located") {
  if (!std::filesystem::is_directory(kCorpus)) {
    MESSAGE("skipped: corpus folder " << kCorpus << " is absent");
    return;
  }
  std::size_t files = 0, aces = 0, expanded = 0, skipped = 0, unsupported = 0, objects = 0,
              groups = 0, nats = 0, with_errors = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kCorpus)) {
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    Ruleset rs;
    CHECK_NOTHROW(rs = asa::parse(name, read(entry.path()), {}));
    ++files;
    std::size_t expected = 0;
    for (const auto& [suffix, info] : kInvalid)
      if (name.size() >= suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        expected = info.first;
    CHECK(rs.diagnostics.count(Severity::error) == expected);
    if (expected) ++with_errors;
    for (const auto& d : rs.diagnostics.items()) {
      CAPTURE(d.to_string());
      CHECK(d.location.line > 0);  // every diagnostic is located
      CHECK_FALSE(d.code.empty());
    }
    CHECK(test::statistic(rs, "unsupported lines") == rs.diagnostics.count(Severity::unsupported));
    aces += test::statistic(rs, "ACEs");
    expanded += test::statistic(rs, "ACEs (expanded)");
    skipped += test::statistic(rs, "skipped lines");
    unsupported += test::statistic(rs, "unsupported lines");
    objects += test::statistic(rs, "objects");
    groups += test::statistic(rs, "object-groups");
    nats += test::statistic(rs, "nat rules");
  }
  CHECK(files >= 100);
  CHECK(with_errors == kInvalid.size());
  MESSAGE("ASA corpus: " << files << " files, " << aces << " ACEs (" << expanded << " expanded), "
                         << objects << " objects, " << groups << " object-groups, " << nats
                         << " NAT rules; " << skipped << " lines skipped, " << unsupported
                         << " unsupported; " << with_errors << " files ASA would reject");
}
