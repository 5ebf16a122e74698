// tests/cli/test_profile_facts.cpp
// `fwaudit query` and `fwaudit parse` take --profile: its firewall facts (interface addresses
// and groups, table contents) complete the configuration, as in `fwaudit audit`.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"

using fwaudit::testing::run_fwaudit;

namespace {

const std::string kData = FWAUDIT_TEST_DATA;
const std::string kConfig = "'" + kData + "/dynamic-address.pf.conf'";
const std::string kProfile = " --profile '" + kData + "/dynamic-address-site.json'";
const std::string kSmtp = " --packet 'tcp 198.51.100.7:40000 -> 203.0.113.2:25 in em0 out self'";

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("query through (em0) is certain with the profile's interface addresses") {
  auto without = run_fwaudit("query " + kConfig + kSmtp + " --format json");
  REQUIRE(without.exit_code == 0);
  auto j = nlohmann::json::parse(without.out);
  CHECK(j["results"][0]["certain"] == false);

  auto with = run_fwaudit("query " + kConfig + kSmtp + kProfile + " --format json");
  REQUIRE(with.exit_code == 0);
  auto k = nlohmann::json::parse(with.out);
  CHECK(k["results"][0]["verdict"] == "permit");
  CHECK(k["results"][0]["certain"] == true);

  auto other = run_fwaudit(
      "query " + kConfig + kProfile +
      " --packet 'tcp 198.51.100.7:40000 -> 203.0.113.3:25 in em0 out self' --format json");
  REQUIRE(other.exit_code == 0);
  CHECK(nlohmann::json::parse(other.out)["results"][0]["verdict"] == "deny");
}

TEST_CASE("parse with the profile has no may-match warning for (em0)") {
  auto without = run_fwaudit("parse " + kConfig);
  REQUIRE(without.exit_code == 0);
  CHECK(has(without.out, "addresses of interface 'em0' unknown"));
  auto with = run_fwaudit("parse " + kConfig + kProfile);
  REQUIRE(with.exit_code == 0);
  CHECK_FALSE(has(with.out, "unknown"));
  CHECK(has(with.out, "0 warnings"));
}

TEST_CASE("an unreadable or invalid profile exits 2") {
  auto missing = run_fwaudit("query " + kConfig + kSmtp + " --profile /nonexistent/site.json");
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "/nonexistent/site.json"));
  auto invalid = run_fwaudit("parse " + kConfig + " --profile '" + kData + "/packets.json'");
  CHECK(invalid.exit_code == 2);
  CHECK(has(invalid.err, "error"));
}
