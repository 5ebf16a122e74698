// tests/audit/test_zone_matrix.cpp
// The zone-by-zone matrix of permitted services, on small iptables and pf rulesets, and its
// place in `fwaudit audit --format json`.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "../common/run_fwaudit.hpp"
#include "analyzer/checks/zone_matrix.hpp"
#include "audit_test_support.hpp"
#include "catalog/required_flows.hpp"
#include "parsers/parse_config.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;

namespace {

// internet on if0, dmz (192.0.2.0/24) on if1, inside (10.0.0.0/8) on if2; the implicit firewall
// zone comes first.
catalog::SiteProfile site(const std::string& prefix) {
  catalog::SiteProfile p;
  p.appliance.addresses = {net("192.0.2.25")};
  p.appliance.zone = "dmz";
  p.zones.push_back({"internet", {prefix + "0"}, {}, {}});
  p.zones.push_back({"dmz", {prefix + "1"}, {net("192.0.2.0/24")}, {}});
  p.zones.push_back({"inside", {prefix + "2"}, {net("10.0.0.0/8")}, {}});
  return p;
}

struct Matrix {
  Ruleset rs;
  std::vector<checks::FlowEnd> zones;
  std::vector<checks::ZoneCell> cells;

  Matrix(const catalog::SiteProfile& profile, const std::string& file, const std::string& text) {
    ParseOptions options;
    options.interface_addresses = profile.interface_addresses;
    rs = parse_config_text(file, text, options);
    REQUIRE_FALSE(rs.diagnostics.has_errors());
    zones = catalog::zone_ends(profile);
    checks::PathFolds folds(rs);
    cells = checks::zone_matrix(folds, zones);
  }

  const checks::ZoneCell& cell(const std::string& from, const std::string& to) const {
    for (const checks::ZoneCell& c : cells)
      if (zones[c.from].zone == from && zones[c.to].zone == to) return c;
    FAIL("no cell " << from << " -> " << to);
    return cells.front();
  }
  std::string services(const std::string& from, const std::string& to) const {
    return checks::cell_services(cell(from, to).permitted);
  }
  std::string uncertain(const std::string& from, const std::string& to) const {
    const checks::ZoneCell& c = cell(from, to);
    return checks::cell_services(c.uncertain, c.permitted);
  }
  // The source lines of the permitting rules, in order: "10 9".
  std::string lines(const std::string& from, const std::string& to) const {
    std::string out;
    for (const checks::Responsible& r : cell(from, to).rules) {
      const Policy& p = rs.policy(r.ref.policy);
      std::uint32_t line = r.ref.is_fallthrough()
                               ? p.fallthrough_location.line
                               : p.rules.at(static_cast<std::size_t>(r.ref.rule)).location.line;
      out += (out.empty() ? "" : " ") + std::to_string(line);
    }
    return out;
  }
};

const char* kIptables = R"(*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i eth2 -s 10.0.0.0/8 -p tcp --dport 22 -j ACCEPT
-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
-A FORWARD -i eth0 -o eth1 -d 192.0.2.25 -p tcp -m multiport --dports 25,443 -j ACCEPT
-A FORWARD -i eth1 -o eth0 -s 192.0.2.25 -p tcp --dport 25 -j ACCEPT
-A FORWARD -i eth2 -o eth1 -p tcp --dport 8443 -m set --match-set admins src -j ACCEPT
-A FORWARD -i eth2 -o eth1 -p icmp -j ACCEPT
COMMIT
)";

const char* kPf = R"(block all
pass out on em0 proto tcp from self to any port { 80 443 }
pass in on em0 proto tcp to 192.0.2.25 port { 25 443 }
pass out on em1 proto tcp to 192.0.2.25 port { 25 443 8443 }
pass in on em1 proto tcp from 192.0.2.25 to ! 10.0.0.0/8 port 25
pass out on em0 proto tcp from 192.0.2.25 to any port 25
pass in on em2 proto tcp from 10.0.0.0/8 to self port 22
pass in on em2 proto tcp to 192.0.2.25 port 8443 probability 50%
)";

}  // namespace

TEST_CASE("Zone matrix: iptables") {
  Matrix m(site("eth"), "fw.rules", kIptables);
  REQUIRE(m.zones.size() == 4);
  CHECK(m.zones[0].zone == "firewall");
  CHECK(m.zones[0].is_firewall);
  CHECK(m.cells.size() == 12);  // every ordered pair of distinct zones

  SUBCASE("a cell permitted, with its rule") {
    CHECK(m.services("internet", "dmz") == "tcp 25, 443");
    CHECK(m.uncertain("internet", "dmz") == "");
    CHECK(m.lines("internet", "dmz") == "7");
    CHECK(m.cell("internet", "dmz").path == PathKind::forward);
    CHECK(m.services("dmz", "internet") == "tcp 25");
  }
  SUBCASE("an empty cell: nothing permitted, no rule") {
    CHECK(m.services("internet", "inside") == "");
    CHECK(m.uncertain("internet", "inside") == "");
    CHECK(m.cell("internet", "inside").rules.empty());
    CHECK(m.services("dmz", "inside") == "");
  }
  SUBCASE("an uncertain cell: the ipset rule may match") {
    CHECK(m.services("inside", "dmz") == "icmp");
    CHECK(m.uncertain("inside", "dmz") == "tcp 8443");
    const checks::ZoneCell& c = m.cell("inside", "dmz");
    CHECK(m.lines("inside", "dmz") == "10 9");
    CHECK(c.rules[0].certain);
    CHECK_FALSE(c.rules[1].certain);
  }
  SUBCASE("the firewall zone: its column is the input path, its row the output path") {
    CHECK(m.cell("inside", "firewall").path == PathKind::input);
    CHECK(m.services("inside", "firewall") == "tcp 22");
    CHECK(m.lines("inside", "firewall") == "5");
    CHECK(m.services("internet", "firewall") == "");
    CHECK(m.cell("firewall", "internet").path == PathKind::output);
    CHECK(m.services("firewall", "internet") == "any");
    CHECK(m.services("firewall", "inside") == "any");
    CHECK(m.lines("firewall", "inside") == "4");  // policy ACCEPT
  }
}

TEST_CASE("Zone matrix: pf") {
  catalog::SiteProfile profile = site("em");
  profile.interface_addresses["em0"] = {net("203.0.113.2/24")};
  profile.interface_addresses["em1"] = {net("192.0.2.1/24")};
  profile.interface_addresses["em2"] = {net("10.0.0.1/8")};
  Matrix m(profile, "pf.conf", kPf);

  SUBCASE("the firewall zone is its own addresses") {
    CHECK(m.zones[0].addresses ==
          std::vector<IpPrefix>{net("203.0.113.2"), net("192.0.2.1"), net("10.0.0.1")});
  }
  SUBCASE("a forwarded cell passes the in rules of its ingress and the out rules of its egress") {
    CHECK(m.services("internet", "dmz") == "tcp 25, 443");
    // The out rule of em1 decides last; its list is two rules here (ports 25 and 443), which the
    // report shows as one source line.
    CHECK(m.lines("internet", "dmz") == "4 4");
    CHECK(m.services("dmz", "internet") == "tcp 25");
  }
  SUBCASE("empty cells") {
    CHECK(m.services("dmz", "inside") == "");
    CHECK(m.uncertain("dmz", "inside") == "");
    CHECK(m.services("internet", "inside") == "");
    CHECK(m.services("internet", "firewall") == "");  // 192.0.2.25 is not the firewall
  }
  SUBCASE("an uncertain cell: probability may match") {
    CHECK(m.services("inside", "dmz") == "");
    CHECK(m.uncertain("inside", "dmz") == "tcp 8443");
    // The out rule that lets it leave, then the in rule that may let it in.
    CHECK(m.lines("inside", "dmz") == "4 8");
  }
  SUBCASE("the firewall zone's column and row") {
    CHECK(m.services("inside", "firewall") == "tcp 22");
    CHECK(m.lines("inside", "firewall") == "7");
    CHECK(m.services("firewall", "internet") == "tcp 80, 443");
    CHECK(m.services("firewall", "dmz") == "tcp 25, 443, 8443");
    CHECK(m.services("firewall", "inside") == "");
  }
}

TEST_CASE("Zone matrix: permits are named before policies that let everything through") {
  const char* rules = R"(*mangle
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
COMMIT
*filter
:INPUT DROP [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
-A FORWARD -i eth0 -o eth1 -d 192.0.2.25 -p tcp --dport 25 -j ACCEPT
-A OUTPUT -p tcp --dport 23 -j DROP
COMMIT
)";
  Matrix m(site("eth"), "fw.rules", rules);
  // Not the mangle table's POSTROUTING policy, the last filter stage of the path.
  CHECK(m.services("internet", "dmz") == "tcp 25");
  CHECK(m.lines("internet", "dmz") == "12");
  // Only policies permit: the one of a chain that filters (filter/OUTPUT drops telnet).
  CHECK(m.services("firewall", "inside") ==
        "tcp 0-22, 24-65535; udp any port; every other protocol");
  CHECK(m.lines("firewall", "inside") == "11");
}

TEST_CASE("Zone matrix: services for people") {
  CHECK(checks::cell_services(PacketSet::none()) == "");
  CHECK(checks::cell_services(PacketSet::all()) == "any");
  CHECK(checks::cell_services(tcp(25) | tcp(443) | PacketSet::protocol(1)) == "icmp; tcp 25, 443");
  SUBCASE("beside another set: only the services it lacks for every address") {
    PacketSet sure = tcp(25) & PacketSet::dst(net("192.0.2.25"));
    PacketSet maybe = (tcp(25) | udp(53)) & PacketSet::dst(net("192.0.2.26"));
    CHECK(checks::cell_services(maybe, sure) == "udp 53");
    CHECK(checks::cell_services(tcp(25), sure) == "");
    CHECK(checks::cell_services(PacketSet::all(), tcp(22)) ==
          "tcp 0-21, 23-65535; udp any port; every other protocol");
  }
}

TEST_CASE("fwaudit audit --format json: zone_matrix") {
  const std::string dir = std::string(FWAUDIT_TEST_DATA) + "/zone-matrix/";
  auto r = fwaudit::testing::run_fwaudit("audit '" + dir + "gateway.pf.conf' --profile '" + dir +
                                         "site.json' --format json");
  CHECK(r.err == "");
  nlohmann::json j = nlohmann::json::parse(r.out);
  CHECK(j.at("schema_version") == 1);
  REQUIRE(j.at("zone_matrix").size() == 1);
  const auto& m = j["zone_matrix"][0];
  CHECK(m.at("config") == dir + "gateway.pf.conf");
  CHECK(m.at("zones") == nlohmann::json({"firewall", "internet", "dmz", "inside"}));
  REQUIRE(m.at("cells").size() == 12);
  std::string rows;
  for (const auto& c : m["cells"]) {
    std::string lines;
    for (const auto& rule : c.at("rules"))
      lines += " " + std::to_string(rule.at("line").get<int>()) +
               (rule.at("certain").get<bool>() ? "" : "?");
    rows += c.at("from").get<std::string>() + " -> " + c.at("to").get<std::string>() + " " +
            c.at("path").get<std::string>() + ": " + c.at("services").get<std::string>() + " | " +
            c.at("uncertain").get<std::string>() + " |" + lines + "\n";
  }
  // Rules once per source line; the uncertain cell names the rule that may match.
  CHECK(rows ==
        "firewall -> internet output: tcp 80, 443 |  | 2\n"
        "firewall -> dmz output: tcp 25, 443, 8443 |  | 4\n"
        "firewall -> inside output:  |  |\n"
        "internet -> firewall input:  |  |\n"
        "internet -> dmz forward: tcp 25, 443 |  | 4\n"
        "internet -> inside forward:  |  |\n"
        "dmz -> firewall input: tcp 25 |  | 5\n"
        "dmz -> internet forward: tcp 25 |  | 6\n"
        "dmz -> inside forward:  |  |\n"
        "inside -> firewall input: tcp 22 |  | 7\n"
        "inside -> internet forward:  |  |\n"
        "inside -> dmz forward:  | tcp 8443 | 4? 8?\n");
  const auto& rule = m["cells"][0]["rules"][0];
  CHECK(rule.at("file") == dir + "gateway.pf.conf");
  CHECK(rule.at("verdict") == "permit");
  CHECK(rule.at("policy").get<std::string>() != "");
}
