// tests/catalog/test_deployed.cpp
// The catalog bound to a site: applicability, resolved roles, the entries to add, hostname hints.
#include <doctest/doctest.h>

#include "catalog/deployed.hpp"
#include "catalog/load_profile.hpp"
#include "catalog_test_helpers.hpp"

using namespace fwaudit;
using namespace fwaudit::catalog;
using namespace fwaudit::catalog::testing;

namespace {

SiteProfile sample(const Catalog& c, const char* name) {
  Diagnostics d;
  auto p = load_profile_file(
      std::filesystem::path(FWAUDIT_SOURCE_ROOT) / "samples" / "profiles" / name, c, d);
  REQUIRE_MESSAGE(p.has_value(), all_messages(d));
  return *p;
}

const DeployedRequirement& find(const std::vector<DeployedRequirement>& all, const char* id) {
  auto it = std::find_if(all.begin(), all.end(),
                         [id](const DeployedRequirement& d) { return d.requirement->id == id; });
  REQUIRE_MESSAGE(it != all.end(), id);
  return *it;
}

}  // namespace

TEST_CASE("hostname patterns") {
  CHECK(hostname_matches("update*.cobion.com", "update7.cobion.com"));
  CHECK(hostname_matches("update*.cobion.com", "update.cobion.com"));
  CHECK(hostname_matches("*.apc.avira.com", "x.apc.avira.com"));
  CHECK(hostname_matches("repo.clearswift.net", "repo.clearswift.net"));
  CHECK_FALSE(hostname_matches("*.apc.avira.com", "a.b.apc.avira.com"));
  CHECK_FALSE(hostname_matches("*.apc.avira.com", "apc.avira.com"));
  CHECK_FALSE(hostname_matches("update*.cobion.com", "update1.cobion.com.evil.net"));
  CHECK_FALSE(hostname_matches("repo.clearswift.net", "rh.repo.clearswift.net"));
}

TEST_CASE("deployed requirements of a host firewall site") {
  auto loaded = load_builtin();
  SiteProfile site = sample(loaded.catalog, "lotus-host-firewall.json");
  auto all = deployed_requirements(loaded.catalog, site);
  // lotus-protector-mail (22) then ibm-iss-updates (15), in the profile's order.
  REQUIRE(all.size() == 37);
  CHECK(all.front().product->id == "lotus-protector-mail");
  CHECK(all.back().product->id == "ibm-iss-updates");

  SUBCASE("applicability follows necessity and enabled features") {
    CHECK(find(all, "lotus-protector-mail/smtp-from-internet").applicability ==
          Applicability::required);
    CHECK(find(all, "lotus-protector-mail/ssh-management").applicability ==
          Applicability::optional);
    CHECK(find(all, "lotus-protector-mail/cluster-4990-in").applicability ==
          Applicability::feature_off);
    CHECK(find(all, "ibm-iss-updates/cobion-update").applicability == Applicability::required);
    CHECK(find(all, "ibm-iss-updates/mss-portal").applicability == Applicability::feature_off);
  }
  SUBCASE("roles resolve against the profile") {
    const auto& smtp = find(all, "lotus-protector-mail/smtp-from-internet");
    CHECK(smtp.verifiable());
    CHECK(smtp.host.is_firewall);
    CHECK(smtp.peer.zones == std::vector<std::string>{"outside"});
    CHECK(smtp.missing_entries.empty());
  }
  SUBCASE("an unbound role names the entry to add") {
    const auto& ftp = find(all, "lotus-protector-mail/ftp-backup");
    CHECK_FALSE(ftp.verifiable());
    CHECK(ftp.missing_entries ==
          std::vector<std::string>{R"("roles": {"backup_servers": ["<address or CIDR>"]})"});
    const auto& snmp = find(all, "lotus-protector-mail/snmp-query");
    CHECK(snmp.missing_entries ==
          std::vector<std::string>{R"("roles": {"snmp_managers": ["<address or CIDR>"]})"});
  }
}

TEST_CASE("deployed requirements of a DMZ site") {
  auto loaded = load_builtin();
  SiteProfile site = sample(loaded.catalog, "clearswift-dmz.json");
  auto all = deployed_requirements(loaded.catalog, site);
  REQUIRE(all.size() == 58);

  SUBCASE("hostname hints give addresses") {
    const auto& updates = find(all, "clearswift-seg/product-updates");
    REQUIRE(updates.hinted_networks.size() == 2);
    CHECK(updates.hinted_networks[0].to_string() == "203.0.113.80");
    CHECK(updates.hinted_networks[1].to_string() == "203.0.113.81");
    CHECK(find(all, "clearswift-seg/rss-feed").hinted_networks.empty());
  }
  SUBCASE("the appliance is placed in its zone") {
    const auto& smtp = find(all, "clearswift-seg/smtp-in");
    CHECK_FALSE(smtp.host.is_firewall);
    REQUIRE(smtp.host.prefixes.size() == 1);
    CHECK(smtp.host.prefixes[0].to_string() == "192.0.2.25");
    CHECK(smtp.peer.zones == std::vector<std::string>{"internet"});
  }
  SUBCASE("features switch conditional requirements on") {
    CHECK(find(all, "clearswift-seg/pmm-http").applicability == Applicability::required);
    CHECK(find(all, "clearswift-seg/ntlm-445").applicability == Applicability::feature_off);
    CHECK(find(all, "clearswift-seg/sftp").applicability == Applicability::required);
  }
  SUBCASE("key servers are not bound at this site") {
    std::size_t unverifiable = 0;
    for (const auto& d : all) {
      if (!d.verifiable()) ++unverifiable;
    }
    // key_servers: ldap-key-server-in/out, https-key-server-in/out, hkp-key-server-in/out (6);
    // ntlm_servers: ntlm-135, 137, 139, 445 (4); peer_appliances: peer-https-in/out,
    // greylisting-in/out (4).
    CHECK(unverifiable == 14);
  }
}
