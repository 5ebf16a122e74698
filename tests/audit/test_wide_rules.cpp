// tests/audit/test_wide_rules.cpp
// Permits wide on their own: a service from any source to any destination, many ports open to
// the internet. Judged in context (what reaches the rule), attributed to the rule.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;

TEST_CASE("fwaudit audit: wide rules") {
  const std::string data = FWAUDIT_TEST_DATA;
  const std::string args =
      "audit '" + data + "/wide.rules' --profile '" + data + "/stateless-site.json'";
  auto r = run_fwaudit(args + " --format json");
  nlohmann::json report = nlohmann::json::parse(r.out);
  std::vector<nlohmann::json> wide;
  for (const auto& f : report.at("findings"))
    if (f.at("kind") == "overbroad-rule") wide.push_back(f);
  REQUIRE(wide.size() == 3);

  SUBCASE("many ports open to the internet") {
    CHECK(wide[0].at("status") == "internet-wide");
    CHECK(wide[0].at("severity") == "error");
    CHECK(wide[0].at("location").at("line") == 9);
    CHECK(wide[0].at("message") ==
          "permits tcp 1024-65535 from the internet to 192.0.2.0/24 (64512 tcp/udp ports)");
    CHECK(wide[0].at("witness").at("in_if") == "eth0");
  }
  SUBCASE("a service from any source to any destination") {
    CHECK(wide[1].at("status") == "any-to-any");
    CHECK(wide[1].at("location").at("line") == 10);
    CHECK(wide[1].at("message") == "permits udp 53 from any source to any destination");
    // Keep what the requirements need of it (DNS to the profile's resolver), drop the rest.
    CHECK(wide[1].at("suggestion") ==
          "# keeps only what the deployed requirements need; check what other hosts need first\n"
          "-I FORWARD 3 -s 192.0.2.25 -d 198.51.100.53 -p udp -m udp --dport 53 -m conntrack "
          "--ctstate NEW -j ACCEPT\n"
          "-D FORWARD -p udp -m udp --dport 53 -j ACCEPT");
  }
  SUBCASE("a port range far wider than any requirement, not internet-facing: a warning") {
    CHECK(wide[2].at("status") == "wide-range");
    CHECK(wide[2].at("severity") == "warning");
    CHECK(wide[2].at("location").at("line") == 12);
    // The multiport rule after it opens 3 ports: narrow.
    CHECK(wide[2].at("message") ==
          "permits tcp 8000-8499 from 192.0.2.25 to any (500 tcp/udp ports; the widest range a "
          "deployed requirement needs is 1 port)");
  }
  SUBCASE("they fail --fail-on overbroad and are SARIF rule FWA008") {
    CHECK(run_fwaudit(args + " --fail-on overbroad").exit_code == 1);
    CHECK(run_fwaudit(args + " --format sarif").out.find("\"ruleId\": \"FWA008\"") !=
          std::string::npos);
  }
  SUBCASE("none on a ruleset whose permits are all narrow") {
    // (The samples open too much on purpose: samples/README.md.)
    auto s = run_fwaudit("audit '" + data + "/stateful.rules' --profile '" + data +
                         "/stateless-site.json' --format json");
    nlohmann::json narrow = nlohmann::json::parse(s.out);
    REQUIRE_FALSE(narrow.at("findings").empty());
    for (const auto& f : narrow.at("findings"))
      CHECK(f.at("kind") != "overbroad-rule");
  }
}
