// tests/pf/test_corpus.cpp
// The pfctl regress corpus in FWAUDIT_SHARED_DIR/corpus/pf: every input with an expected listing
// parses without error and expands to as many rules as pfctl listed; every pfail input is
// rejected with a located error. Known gaps are listed with their reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

namespace {

namespace fs = std::filesystem;

const fs::path kCorpus = fs::path(FWAUDIT_SHARED_DIR) / "corpus" / "pf";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

// The interfaces of the machine pfctl's regress tests ran on: lo0 with its usual addresses,
// lo1000000 created without addresses (pf83: "antispoof for lo1000000" lists no rule).
ParseOptions regress_machine() {
  ParseOptions o;
  o.interface_addresses["lo0"] = {*IpPrefix::parse("127.0.0.1/8"), *IpPrefix::parse("::1/128"),
                                  *IpPrefix::parse("fe80::1/64")};
  o.interface_addresses["lo1000000"] = {};
  return o;
}

// Rules in pfctl's listing: one per line (verbose listings prefix them with "@n ").
std::size_t expected_rules(const std::string& ok) {
  static const std::regex rule(
      R"(^\s*(@\d+\s+)?(pass|block|match|scrub|no|nat|rdr|binat|anchor|nat-anchor|rdr-anchor|binat-anchor|scrub-anchor|ether)\b)");
  std::istringstream in(ok);
  std::string line;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    if (std::regex_search(line, rule)) ++n;
  }
  return n;
}

// Inputs fwaudit cannot pass yet, or that are not what their name says, with the reason.
const std::map<std::string, std::string> kKnownGaps = {
    {"pf95.in",
     "includes \"pf95.include\", which the corpus stores under a flattened name, so the include "
     "cannot be found"},
    {"pfail14.in",
     "pfctl accepts this input too: its expected output is a rule listing, not an error"},
    {"pfail26.in",
     "old pfctl limited anchor names to 16 characters; later versions accept these names"},
    {"pfail31.in", "rejected by pfctl at load time because interface nothere0 does not exist"},
    {"pfail32.in", "rejected by pfctl at load time by an ioctl on a missing interface (gif3)"},
};

std::string short_name(const fs::path& p) {
  std::string n = p.filename().string();
  auto at = n.rfind("__");
  return at == std::string::npos ? n : n.substr(at + 2);
}

}  // namespace

TEST_CASE("corpus: pfctl regress inputs") {
  if (!fs::is_directory(kCorpus)) {
    MESSAGE("corpus folder " << kCorpus.string() << " is absent: pf corpus test skipped");
    return;
  }
  ParseOptions options = regress_machine();
  std::size_t accepted = 0, accepted_total = 0, rejected = 0, rejected_total = 0, gaps = 0;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    if (entry.path().extension() == ".in") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& in : inputs) {
    fs::path ok = in;
    ok.replace_extension(".ok");
    if (!fs::exists(ok)) continue;
    std::string name = short_name(in);
    CAPTURE(name);
    Ruleset rs = pf::parse(in.string(), read(in), options);
    auto errors = test::diagnostics(rs);
    bool expect_failure = name.rfind("pfail", 0) == 0;
    if (kKnownGaps.count(name)) {
      ++gaps;
      MESSAGE("known gap " << name << ": " << kKnownGaps.at(name));
      continue;
    }
    if (expect_failure) {
      ++rejected_total;
      bool located = !errors.empty() &&
                     std::all_of(rs.diagnostics.items().begin(), rs.diagnostics.items().end(),
                                 [](const Diagnostic& d) {
                                   return d.severity != Severity::error || d.location.line > 0;
                                 });
      CHECK(located);
      if (located) ++rejected;
    } else {
      ++accepted_total;
      CAPTURE(errors);
      CHECK(errors.empty());
      std::size_t expected = expected_rules(read(ok));
      CHECK(test::statistic(rs, "rules") == expected);
      if (errors.empty() && test::statistic(rs, "rules") == expected) ++accepted;
    }
  }
  MESSAGE("pf corpus: " << accepted << "/" << accepted_total
                        << " inputs parse without error with pfctl's rule count, " << rejected
                        << "/" << rejected_total << " pfail inputs rejected with a located error, "
                        << gaps << " known gaps");
  CHECK(accepted_total > 50);
  CHECK(rejected_total > 30);
}

TEST_CASE("corpus: other configurations never crash") {
  if (!fs::is_directory(kCorpus)) {
    MESSAGE("corpus folder " << kCorpus.string() << " is absent: pf corpus test skipped");
    return;
  }
  std::size_t files = 0, clean = 0;
  for (const auto& entry : fs::directory_iterator(kCorpus)) {
    const fs::path& p = entry.path();
    if (p.extension() == ".in" || p.extension() == ".ok" || p.extension() == ".include") continue;
    CAPTURE(p.filename().string());
    ++files;
    Ruleset rs = pf::parse(p.string(), read(p), {});
    CHECK(rs.vendor == "pf");
    for (const Diagnostic& d : rs.diagnostics.items()) {
      if (d.severity == Severity::error) CHECK(d.location.line > 0);
    }
    if (!rs.diagnostics.has_errors()) ++clean;
  }
  MESSAGE("pf corpus: " << clean << "/" << files
                        << " Firewall Builder and other configurations parse without error");
  CHECK(files > 0);
}

}  // namespace fwaudit::pf
