// tests/audit/test_sarif_junit.cpp
// Structure of the SARIF and JUnit reports of `fwaudit audit`.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;

namespace {

const std::string kData = FWAUDIT_TEST_DATA;

std::string args(const std::string& format) {
  return "audit '" + kData + "/stateless.rules' --profile '" + kData +
         "/stateless-site.json' --format " + format;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++n;
  return n;
}

}  // namespace

TEST_CASE("fwaudit audit --format sarif") {
  auto r = run_fwaudit(args("sarif"));
  CHECK(r.exit_code == 1);
  nlohmann::json sarif = nlohmann::json::parse(r.out);
  nlohmann::json all = nlohmann::json::parse(run_fwaudit(args("json")).out);

  SUBCASE("SARIF 2.1.0 with one run of fwaudit and its rules") {
    CHECK(sarif.at("version") == "2.1.0");
    CHECK(sarif.at("$schema") == "https://json.schemastore.org/sarif-2.1.0.json");
    REQUIRE(sarif.at("runs").size() == 1);
    const auto& driver = sarif["runs"][0].at("tool").at("driver");
    CHECK(driver.at("name") == "fwaudit");
    std::set<std::string> ids;
    for (const auto& rule : driver.at("rules")) {
      CHECK(ids.insert(rule.at("id").get<std::string>()).second);
      double severity = std::stod(rule.at("properties").at("security-severity").get<std::string>());
      CHECK(severity > 0.0);
      CHECK(severity <= 10.0);
      CHECK(rule.at("shortDescription").at("text").get<std::string>() != "");
    }
    CHECK(ids.size() == 9);
  }

  SUBCASE("one result per finding worth reporting, each located, fingerprinted and ruled") {
    std::size_t expected = 0;
    for (const auto& f : all.at("findings"))
      if (f.at("severity") != "none") ++expected;
    const auto& results = sarif["runs"][0].at("results");
    CHECK(results.size() == expected);
    const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
    for (const auto& res : results) {
      CAPTURE(res.dump());
      int index = res.at("ruleIndex");
      CHECK(rules.at(static_cast<std::size_t>(index)).at("id") == res.at("ruleId"));
      std::string level = res.at("level");
      CHECK((level == "error" || level == "warning" || level == "note"));
      const auto& loc = res.at("locations").at(0).at("physicalLocation");
      CHECK(loc.at("artifactLocation").at("uri").get<std::string>() != "");
      CHECK(loc.at("region").at("startLine").get<int>() >= 1);
      CHECK(res.at("partialFingerprints").at("fwauditFingerprint/v1").get<std::string>().size() ==
            16);
      CHECK(res.at("message").at("text").get<std::string>() != "");
    }
  }

  SUBCASE("the blocked replies of DNS: the return-path rule at the chain policy's line") {
    const nlohmann::json* found = nullptr;
    for (const auto& res : sarif["runs"][0]["results"])
      if (res["ruleId"] == "FWA005" && res["properties"]["requirement"] == "symantec-sma-5/dns")
        found = &res;
    REQUIRE(found != nullptr);
    CHECK(found->at("level") == "error");
    const auto& loc = found->at("locations")[0]["physicalLocation"];
    CHECK(loc["artifactLocation"]["uri"] == kData + "/stateless.rules");
    CHECK(loc["region"]["startLine"] == 5);
  }
}

TEST_CASE("fwaudit audit --format junit") {
  auto r = run_fwaudit(args("junit"));
  CHECK(r.exit_code == 1);
  const std::string& x = r.out;
  CHECK(x.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"fwaudit audit\">",
                0) == 0);
  SUBCASE("one testcase per requirement instance and per overbroad finding") {
    CHECK(x.find("<testsuite name=\"requirements\" tests=\"27\" failures=\"10\" errors=\"0\" "
                 "skipped=\"17\">") != std::string::npos);
    CHECK(x.find("<testsuite name=\"overbroad\" tests=\"1\" failures=\"1\" errors=\"0\" "
                 "skipped=\"0\">") != std::string::npos);
    CHECK(occurrences(x, "<testcase ") == 28);
    CHECK(occurrences(x, "<failure ") == 11);
    CHECK(occurrences(x, "<skipped ") == 17);
  }
  SUBCASE("names escaped, failures carry the finding's details") {
    std::string head =
        "<testcase classname=\"symantec-sma-5\" name=\"symantec-sma-5/smtp-to-internet tcp/25 "
        "192.0.2.25 -&gt; zone internet\">\n      <failure message=\"tcp/25 from 192.0.2.25 to "
        "zone internet blocked by policy DROP of filter/FORWARD\" type=\"requirement\">";
    CHECK(x.find(head) != std::string::npos);
    CHECK(x.find("suggestion: -A FORWARD -i eth1 -o eth0 -s 192.0.2.25 -p tcp -m tcp --dport 25 "
                 "-m conntrack --ctstate NEW -j ACCEPT") != std::string::npos);
  }
  SUBCASE("a satisfied instance whose replies are blocked fails") {
    CHECK(x.find("name=\"symantec-sma-5/dns udp/53 192.0.2.25 -&gt; 198.51.100.53\">\n      "
                 "<failure message=\"NEW udp/53") != std::string::npos);
  }
}

TEST_CASE("fwaudit audit --format markdown") {
  auto r = run_fwaudit(args("markdown"));
  CHECK(r.exit_code == 1);
  const std::string& md = r.out;
  CHECK(md.rfind("## fwaudit audit: 11 errors, 19 warnings\n\n", 0) == 0);
  CHECK(md.find("| 2 | 1 | 4 | 3 | 12 | 5 |\n") != std::string::npos);
  CHECK(
      md.find("| error | requirement missing | `symantec-sma-5/smtp-to-internet` | tcp/25 from "
              "192.0.2.25 to zone internet blocked by policy DROP of filter/FORWARD | `" +
              kData +
              "/stateless.rules:5` policy DROP of filter/FORWARD | `-A FORWARD -i eth1 -o eth0 "
              "-s 192.0.2.25 -p tcp -m tcp --dport 25 -m conntrack --ctstate NEW -j ACCEPT` |\n") !=
      std::string::npos);
  CHECK(md.find("<details><summary>All requirement instances</summary>") != std::string::npos);
  CHECK(occurrences(md, "| satisfied | `symantec-sma-5/") == 2);
}
