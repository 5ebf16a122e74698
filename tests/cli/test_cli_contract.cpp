// tests/cli/test_cli_contract.cpp
// The CLI contract of DESIGN.md: help, version, exit codes, JSON shapes of parse and query.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;

namespace {

const std::string kIptables =
    std::string(FWAUDIT_SOURCE_ROOT) + "/tests/iptables/data/mail-dmz-first-sample.rules";
const std::string kData = FWAUDIT_TEST_DATA;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("help and version") {
  auto help = run_fwaudit("--help");
  CHECK(help.exit_code == 0);
  for (const char* command : {"parse", "query", "catalog"})
    CHECK(has(help.out, command));
  auto version = run_fwaudit("--version");
  CHECK(version.exit_code == 0);
  CHECK(has(version.out, "fwaudit 0."));
}

TEST_CASE("usage errors exit 2") {
  CHECK(run_fwaudit("").exit_code == 2);
  CHECK(run_fwaudit("no-such-command").exit_code == 2);
  CHECK(run_fwaudit("parse").exit_code == 2);
  CHECK(run_fwaudit("parse '" + kIptables + "' --format yaml").exit_code == 2);
  auto neither = run_fwaudit("query '" + kIptables + "'");
  CHECK(neither.exit_code == 2);
  CHECK(has(neither.err, "--packet or --packets"));
  auto both = run_fwaudit("query '" + kIptables +
                          "' --packet 'tcp 1.1.1.1 -> 2.2.2.2 in a' --packets x.json");
  CHECK(both.exit_code == 2);
}

TEST_CASE("unreadable and invalid input exit 2 with a location") {
  auto missing = run_fwaudit("parse /nonexistent/fw.rules");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err == "/nonexistent/fw.rules: error: cannot open file for reading\n");
  auto packet = run_fwaudit("query '" + kIptables + "' --packet 'tcp 1.1.1.1 2.2.2.2'");
  CHECK(packet.exit_code == 2);
  CHECK(has(packet.err, "--packet: error: expected 'PROTO SRC[:PORT] -> DST[:PORT]'"));
  auto json = run_fwaudit("query '" + kIptables + "' --packets '" + kData + "/bad-packets.json'");
  CHECK(json.exit_code == 2);
  CHECK(has(json.err,
            "bad-packets.json:/0: error: \"dport\" must be a whole number from 0 to 65535"));
}

TEST_CASE("parse --format json carries the schema version, counts and the model") {
  auto r = run_fwaudit("parse '" + kIptables + "' --format json");
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 1);
  CHECK(j["vendor"] == "iptables");
  CHECK(j["counts"]["errors"] == 0);
  CHECK(j["statistics"]["rules"].get<int>() > 0);
  CHECK(j["paths"]["forward"].size() > 0);
  const auto& first_policy = j["policies"][0];
  CHECK(first_policy.contains("name"));
  CHECK(first_policy.contains("fallthrough"));
  CHECK(first_policy["rules"][0]["location"]["line"].get<int>() > 0);
}

TEST_CASE("query answers one result per packet, in order") {
  auto r =
      run_fwaudit("query '" + kIptables + "' --packets '" + kData + "/packets.json' --format json");
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema_version"] == 1);
  REQUIRE(j["results"].size() == 3);
  const auto& smtp = j["results"][0];
  CHECK(smtp["verdict"] == "permit");
  CHECK(smtp["certain"] == true);
  CHECK(smtp["rule"]["line"] == 44);
  CHECK(smtp["trace"].size() > 0);
  const auto& ssh = j["results"][1];
  CHECK(ssh["verdict"] == "deny");
  CHECK(j["results"][2]["packet"]["out_if"] == "self");

  auto text =
      run_fwaudit("query '" + kIptables +
                  "' --packet 'tcp 198.51.100.7:40000 -> 192.0.2.25:25' --in eth0 --out eth1");
  CHECK(text.exit_code == 0);
  CHECK(has(text.out, "verdict:  permit\n"));
  CHECK(has(text.out, "mail-dmz-first-sample.rules:44: -A DMZ_IN"));
}
