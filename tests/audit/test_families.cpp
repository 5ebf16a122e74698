// tests/audit/test_families.cpp
// A host's iptables-save and ip6tables-save files audited as one firewall: each family is judged
// by its own file, and a family no file filters is not applicable rather than missing.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;
using nlohmann::json;

namespace {

const std::string kData = FWAUDIT_TEST_DATA "/dual-stack/";

// "address: status" of the smtp-from-internet instances, in report order.
std::vector<std::string> smtp_in(const std::string& configs) {
  auto r = run_fwaudit("audit " + configs + " --profile '" + kData + "site.json' --format json");
  REQUIRE_MESSAGE(r.exit_code <= 1, r.err);
  std::vector<std::string> out;
  const json report = json::parse(r.out);
  for (const json& f : report.at("findings")) {
    if (f.at("requirement").is_null() ||
        f.at("requirement").at("id") != "symantec-sma-5/smtp-from-internet")
      continue;
    out.push_back(f.at("flow").at("to").get<std::string>() + ": " +
                  f.at("kind").get<std::string>() + " " + f.at("status").get<std::string>());
  }
  return out;
}

}  // namespace

TEST_CASE("audit: iptables-save and ip6tables-save of one host are one firewall") {
  const std::string v4 = "'" + kData + "host.v4.rules'", v6 = "'" + kData + "host.v6.rules'";
  const std::vector<std::string> both{
      "192.0.2.25: requirement satisfied",
      "2001:db8:25::25: requirement satisfied",
      "2001:db8:25::25: return-path blocked",
  };
  CHECK(smtp_in(v4 + " " + v6) == both);
  CHECK(smtp_in(v6 + " " + v4) == both);
  // One file alone says nothing about the other family.
  CHECK(smtp_in(v4) == std::vector<std::string>{"192.0.2.25: requirement satisfied",
                                                "2001:db8:25::25: requirement not_applicable"});
  CHECK(smtp_in(v6) == std::vector<std::string>{"192.0.2.25: requirement not_applicable",
                                                "2001:db8:25::25: requirement satisfied",
                                                "2001:db8:25::25: return-path blocked"});
}

TEST_CASE("audit: the family not filtered is named") {
  auto r = run_fwaudit("audit '" + kData + "host.v6.rules' --profile '" + kData +
                       "site.json' --format json");
  bool named = false;
  const json report = json::parse(r.out);
  for (const json& f : report.at("findings"))
    if (f.at("status") == "not_applicable" && f.at("flow").at("to") == "192.0.2.25")
      named = named || f.at("message") ==
                           "no IPv4 rules in this configuration (give a host's iptables-save and "
                           "ip6tables-save files one after the other to audit both)";
  CHECK(named);
}

TEST_CASE("query: a packet of a family the configuration does not filter is uncertain") {
  auto r = run_fwaudit("query '" + kData +
                       "host.v6.rules' --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in "
                       "eth0 --out eth1 --format json");
  json result = json::parse(r.out).at("results").at(0);
  CHECK(result.at("certain") == false);
  CHECK(result.at("rule").is_null());
}
