// tests/iptables/test_corpus.cpp
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
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

// Corpus files that iptables-restore itself would reject, with the error codes fwaudit reports.
const std::map<std::string, std::set<std::string>> kRejected = {
    // fwbuilder importer input: rules in chains no ":CHAIN - [0:0]" declares.
    {"fwbuilder__fwbuilder__src__unit_tests__ImporterTest__test_data__ipt.test",
     {"undeclared-chain"}},
    // batfish fixture: -P on a user chain, then -R on a chain renamed away.
    {"batfish__batfish__projects__batfish__src__test__resources__org__batfish__grammar__"
     "iptables__testconfigs__unsupported_command",
     {"bad-policy", "undeclared-chain"}},
    // batfish fixture: "-m tcp" without "-p tcp" (the kernel refuses it).
    {"batfish__batfish__projects__batfish__src__test__resources__org__batfish__grammar__"
     "iptables__testconfigs__unsupported_rule_spec_options",
     {"module-needs-protocol"}},
};

}  // namespace

TEST_CASE("every third-party iptables dump parses") {
  const std::filesystem::path dir = FWAUDIT_SHARED_DIR "/corpus/iptables";
  if (!std::filesystem::is_directory(dir)) {
    MESSAGE("skipped: corpus folder " << dir << " is absent");
    return;
  }
  int files = 0;
  std::size_t rules = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    CAPTURE(name);
    Ruleset rs;
    REQUIRE_NOTHROW(rs = iptables::parse(entry.path().string(), read(entry.path()), {}));
    std::set<std::string> error_codes;
    for (const auto& d : rs.diagnostics.items()) {
      CAPTURE(d.to_string());
      CHECK(d.location.line > 0);  // every diagnostic is located
      CHECK(d.location.column > 0);
      CHECK_FALSE(d.location.text.empty());
      if (d.severity == Severity::error) error_codes.insert(d.code);
    }
    auto expected = kRejected.find(name);
    CHECK(error_codes ==
          (expected == kRejected.end() ? std::set<std::string>{} : expected->second));
    CHECK_FALSE(rs.policies.empty());
    rules += rs.rule_count();
    ++files;
  }
  CHECK(files >= 20);
  CHECK(rules > 400);
}

TEST_CASE("corpus: upstream ipt-save-filter dump lowers with its counts") {
  const std::filesystem::path file = FWAUDIT_SHARED_DIR
      "/corpus/iptables/aosp-mirror__platform_external_iptables__iptables__"
      "tests__shell__testcases__ipt-save__dumps__ipt-save-filter.txt";
  if (!std::filesystem::exists(file)) {
    MESSAGE("skipped: " << file << " is absent");
    return;
  }
  Ruleset rs = iptables::parse(file.string(), read(file), {});
  CHECK(rs.diagnostics.count(Severity::error) == 0);
  CHECK(rs.dialect == "iptables");
  CHECK(rs.statistics == std::vector<std::pair<std::string, std::size_t>>{
                             {"tables", 1}, {"chains", 10}, {"user chains", 7}, {"rules", 55}});
  // -m limit and -m mac are the two may-match causes, each warned once.
  CHECK(rs.diagnostics.count(Severity::warning) == 2);
}
