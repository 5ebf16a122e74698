// tests/audit/test_cli_audit.cpp
// `fwaudit audit` end to end: the exact set of findings of a stateless ruleset (golden file in
// data/), JSON structure, text output, exit codes, --output. The samples: test_samples.cpp.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;
using fwaudit::testing::slurp_file;

namespace {

const std::string kData = FWAUDIT_TEST_DATA;

std::string audit_args(const std::string& config, const std::string& profile) {
  return "audit '" + config + "' --profile '" + profile + "'";
}

// The requirement id of a finding; "" for overbroad findings (no requirement).
std::string id_of(const nlohmann::json& f) {
  return f.at("requirement").is_null() ? "" : f.at("requirement").at("id").get<std::string>();
}

// One line per finding, as the golden files hold them:
// "<kind> <status> <requirement> | <from> -> <to>".
std::string finding_lines(const nlohmann::json& report) {
  std::string out;
  for (const auto& f : report.at("findings")) {
    std::string what = f.at("requirement").is_null()
                           ? f.at("severity").get<std::string>() + " " +
                                 f.at("flow").at("service").get<std::string>()
                           : f.at("requirement").at("id").get<std::string>();
    out += f.at("kind").get<std::string>() + " " + f.at("status").get<std::string>() + " " + what +
           " | " + f.at("flow").at("from").get<std::string>() + " -> " +
           f.at("flow").at("to").get<std::string>() + "\n";
  }
  return out;
}

nlohmann::json audit_json(const std::string& config, const std::string& profile,
                          int expected_exit) {
  auto r = run_fwaudit(audit_args(config, profile) + " --format json");
  CHECK(r.exit_code == expected_exit);
  CHECK(r.err == "");
  return nlohmann::json::parse(r.out);
}

}  // namespace

TEST_CASE("fwaudit audit: golden findings of a stateless ruleset") {
  // return-path and pinned-hostname findings; the samples' findings: test_samples.cpp.
  nlohmann::json report = audit_json(kData + "/stateless.rules", kData + "/stateless-site.json", 1);
  CHECK(finding_lines(report) == slurp_file(kData + "/stateless.findings"));
}

TEST_CASE("fwaudit audit: JSON structure") {
  nlohmann::json report = audit_json(kData + "/stateless.rules", kData + "/stateless-site.json", 1);
  CHECK(report.at("schema_version") == 1);
  CHECK(report.at("vendor") == "iptables");
  CHECK(report.at("summary").at("requirements").at("satisfied") == 2);
  std::set<std::string> fingerprints;
  for (const auto& f : report.at("findings")) {
    CAPTURE(f.dump());
    CHECK(fingerprints.insert(f.at("fingerprint").get<std::string>()).second);
    CHECK(f.at("fingerprint").get<std::string>().size() == 16);
    if (f.at("kind") == "overbroad")
      CHECK(f.at("requirement").is_null());
    else
      CHECK(f.at("requirement").at("source").at("file").get<std::string>().find(".txt") !=
            std::string::npos);
    std::string status = f.at("status");
    if (status == "missing" || status == "partial" || status == "blocked") {
      CHECK(f.at("severity") == "error");
      CHECK(f.at("location").at("file") == kData + "/stateless.rules");
      CHECK(f.contains("witness"));
    }
    if (status == "missing" || status == "partial") CHECK(f.contains("suggestion"));
  }

  SUBCASE("the return-path finding names the default policy and a reply witness") {
    const nlohmann::json* ret = nullptr;
    for (const auto& f : report.at("findings"))
      if (f.at("kind") == "return-path" && id_of(f) == "symantec-sma-5/dns") ret = &f;
    REQUIRE(ret != nullptr);
    CHECK(ret->at("message") ==
          "NEW udp/53 from 192.0.2.25 to 198.51.100.53 is permitted but its replies are blocked "
          "on the way back");
    CHECK(ret->at("location").at("line") == 5);
    CHECK(ret->at("rules").at(0).at("label") == "policy DROP of filter/FORWARD");
    CHECK(ret->at("rules").at(0).at("default_policy") == true);
    CHECK(ret->at("witness").at("src") == "198.51.100.53");
    CHECK(ret->at("witness").at("sport") == 53);
    CHECK(ret->at("witness").at("state") == "established");
    CHECK(ret->at("suggestion") ==
          "-I FORWARD 1 -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  }

  SUBCASE("a missing requirement: the chain's policy, a witness and an iptables rule to add") {
    const nlohmann::json* miss = nullptr;
    for (const auto& f : report.at("findings"))
      if (id_of(f) == "symantec-sma-5/smtp-to-internet") miss = &f;
    REQUIRE(miss != nullptr);
    CHECK(miss->at("status") == "missing");
    CHECK(miss->at("message") ==
          "tcp/25 from 192.0.2.25 to zone internet blocked by policy DROP of filter/FORWARD");
    CHECK(miss->at("witness").at("dport") == 25);
    CHECK(miss->at("suggestion") ==
          "-A FORWARD -i eth1 -o eth0 -s 192.0.2.25 -p tcp -m tcp --dport 25 -m conntrack "
          "--ctstate NEW -j ACCEPT");
  }

  SUBCASE("ids and fingerprints are stable from run to run") {
    nlohmann::json again =
        audit_json(kData + "/stateless.rules", kData + "/stateless-site.json", 1);
    REQUIRE(again.at("findings").size() == report.at("findings").size());
    for (std::size_t i = 0; i < again.at("findings").size(); ++i)
      CHECK(again["findings"][i]["id"] == report["findings"][i]["id"]);
  }
}

TEST_CASE("fwaudit audit: ASA suggestions") {
  // The first ASA sample, where the inside interface has no ACL of its own.
  nlohmann::json report = audit_json(
      std::string(FWAUDIT_SOURCE_ROOT) + "/tests/asa/data/edge-asa-first-sample.cfg",
      std::string(FWAUDIT_SOURCE_ROOT) + "/samples/profiles/edge-asa-clearswift-sxg.json", 1);
  SUBCASE("no ACL on the ingress interface: the ACL and its access-group are proposed") {
    const nlohmann::json* f = nullptr;
    for (const auto& g : report.at("findings"))
      if (id_of(g) == "clearswift-sxg/ldap-directory-in") f = &g;
    REQUIRE(f != nullptr);
    CHECK(f->at("suggestion") ==
          "access-list inside_access_in extended permit tcp host 10.10.0.60 host 172.16.10.25 eq "
          "389\naccess-group inside_access_in in interface inside");
  }
}

TEST_CASE("fwaudit audit: text report, exit codes and --output") {
  const std::string args = audit_args(kData + "/stateless.rules", kData + "/stateless-site.json");

  SUBCASE("text: a table, the findings, counts; no colour without a terminal") {
    auto r = run_fwaudit(args);
    CHECK(r.exit_code == 1);
    CHECK(r.out.rfind("STATUS          REQUIREMENT", 0) == 0);
    CHECK(r.out.find("\033[") == std::string::npos);
    CHECK(r.out.find("\n27 requirement instances: 2 satisfied, 1 partial, 4 missing, 3 uncertain, "
                     "12 unverifiable, 5 not_applicable; 6 return-path findings; 1 overbroad\n") !=
          std::string::npos);
  }
  SUBCASE("--fail-on never and warning") {
    CHECK(run_fwaudit(args + " --fail-on never").exit_code == 0);
    CHECK(run_fwaudit(args + " --fail-on warning").exit_code == 1);
    CHECK(run_fwaudit(args + " --fail-on overbroad").exit_code == 1);
  }
  SUBCASE("--fail-on overbroad: an overbroad warning alone fails") {
    std::string wide = audit_args(kData + "/overbroad.rules", kData + "/stateless-site.json");
    CHECK(run_fwaudit(wide).exit_code == 0);
    CHECK(run_fwaudit(wide + " --fail-on overbroad").exit_code == 1);
  }
  SUBCASE("a satisfied site exits 0; warnings fail only with --fail-on warning") {
    std::string ok = audit_args(kData + "/stateful.rules", kData + "/stateless-site.json");
    CHECK(run_fwaudit(ok).exit_code == 0);
    CHECK(run_fwaudit(ok + " --fail-on overbroad").exit_code == 0);
    CHECK(run_fwaudit(ok + " --fail-on warning").exit_code == 1);
  }
  SUBCASE("bad input exits 2 with file:line:col") {
    auto r = run_fwaudit(audit_args(kData + "/stateless.rules", kData + "/no-such-profile.json"));
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("no-such-profile.json") != std::string::npos);
    CHECK(run_fwaudit(args + " --fail-on sometimes").exit_code == 2);
    CHECK(run_fwaudit("audit '" + kData + "/stateless.rules'").exit_code == 2);
  }
  SUBCASE("--output is written, nothing on stdout") {
    std::string out = (std::filesystem::temp_directory_path() / "fwaudit-audit-test.json").string();
    std::filesystem::remove(out);
    auto r = run_fwaudit(args + " --format json --output '" + out + "'");
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(nlohmann::json::parse(slurp_file(out)).at("schema_version") == 1);
    std::filesystem::remove(out);
  }
}
