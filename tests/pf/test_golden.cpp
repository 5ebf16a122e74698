// tests/pf/test_golden.cpp
// Golden tests: for each tests/pf/data/golden/NAME.conf, NAME.expanded is fwaudit's normalized
// listing of the rules after macro and list expansion, one per line in the order pf evaluates
// them, and NAME.model the first-match policies and paths the rules are lowered to.
// Set FWAUDIT_UPDATE_GOLDEN=1 to rewrite the expected files (then review the diff).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pf_test_support.hpp"

namespace fwaudit::pf {

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream b;
  b << in.rdbuf();
  return b.str();
}

ParseOptions golden_site() {
  ParseOptions o;
  o.interface_addresses["em0"] = {*IpPrefix::parse("10.0.0.1/24")};
  o.interface_addresses["em1"] = {*IpPrefix::parse("192.0.2.1/24")};
  o.interface_addresses["lo0"] = {*IpPrefix::parse("127.0.0.1/8")};
  return o;
}

const char* stage_kind(Stage::Kind k) {
  return k == Stage::Kind::filter ? "filter" : "translate";
}

// The model in a stable text form: paths, then each policy's rules in first-match order.
std::string model_listing(const Ruleset& rs) {
  std::ostringstream out;
  out << "dialect " << rs.dialect << "\n";
  for (int k = 0; k < kPathKindCount; ++k) {
    out << "path " << to_string(static_cast<PathKind>(k)) << ":";
    for (const Stage& s : rs.path(static_cast<PathKind>(k))) {
      out << " " << stage_kind(s.kind) << "(" << rs.policy(s.policy).name << ")";
    }
    out << "\n";
  }
  for (const Policy& p : rs.policies) {
    out << "policy " << p.name << " (fallthrough " << to_string(p.fallthrough) << ")\n";
    for (const Rule& r : p.rules) {
      out << "  " << to_string(r.action);
      if (r.target != kNoPolicy) out << " " << rs.policy(r.target).name;
      if (r.translation) {
        out << " [" << (r.translation->exempt ? "exempt" : r.translation->rewrite.to_string());
        if (!r.translation->unknown_reason.empty()) out << "; " << r.translation->unknown_reason;
        out << "]";
      }
      if (!r.keeps_state && r.action == RuleAction::permit) out << " no-state";
      if (r.rejects_with_reset) out << " reset";
      if (!r.certain()) out << " may";
      out << "  @" << r.location.line << ": " << r.location.text << "\n";
    }
  }
  return out.str();
}

void compare(const fs::path& expected_file, const std::string& actual) {
  CAPTURE(expected_file.string());
  if (std::getenv("FWAUDIT_UPDATE_GOLDEN")) {
    std::ofstream(expected_file, std::ios::binary) << actual;
  }
  REQUIRE(fs::exists(expected_file));
  CHECK(read(expected_file) == actual);
}

}  // namespace

TEST_CASE("golden expansions and models") {
  fs::path dir = fs::path(FWAUDIT_TEST_DATA) / "golden";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ".conf") inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(inputs.size() >= 4);
  for (const fs::path& conf : inputs) {
    std::string name = conf.stem().string();
    CAPTURE(name);
    std::string text = read(conf);
    ParseOptions site = golden_site();
    fs::path expanded = conf;
    compare(expanded.replace_extension(".expanded"), test::expand_text(text, site));
    Ruleset rs = pf::parse(conf.filename().string(), text, site);
    CHECK_FALSE(rs.diagnostics.has_errors());
    fs::path model = conf;
    compare(model.replace_extension(".model"), model_listing(rs));
  }
}

}  // namespace fwaudit::pf
