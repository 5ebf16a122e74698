// tests/audit/test_overbroad.cpp
// Traffic permitted beyond the requirements, attributed to the rules that permit it.
#include <doctest/doctest.h>

#include "analyzer/checks/overbroad.hpp"
#include "audit_test_support.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;

TEST_CASE("Overbroad permits toward the appliance") {
  ForwardRuleset f;
  f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit, "smtp");
  f.add(PacketSet::src(net("10.20.5.0/24")) & PacketSet::dst(net("192.0.2.0/26")),
        RuleAction::permit, "-A MGMT -s 10.20.5.0/24 -d 192.0.2.0/26 -j ACCEPT");
  checks::RequiredFlow scope = inbound_flow(PacketSet::all(), "any");
  PacketSet required = inbound_flow(tcp(25), "tcp/25").packets() |
                       inbound_flow(tcp(22), "tcp/22", {net("10.20.5.0/24")}).packets();

  SUBCASE("the excess is attributed to the rule that permits it, with its services") {
    auto excess = checks::excess_permits(f.rs, PathKind::forward, scope.packets(), required);
    REQUIRE(excess.size() == 1);
    CHECK(excess[0].by == RuleRef{f.forward, 1});
    CHECK(excess[0].certain);
    CHECK(checks::describe_services(excess[0].packets) ==
          "tcp 0-21, 23-24, 26-65535; udp any port; every other protocol");
    CHECK(checks::port_count(excess[0].packets) == 65534 + 65536);
    CHECK(excess[0].packets.src_ranges().size() == 1);
    CHECK_FALSE(excess[0].packets.contains(
        packet("tcp 10.20.5.7:40000 -> 192.0.2.25:22 in eth0 out eth1")));
    CHECK(excess[0].packets.contains(
        packet("tcp 10.20.5.7:40000 -> 192.0.2.25:3306 in eth0 out eth1")));
  }

  SUBCASE("nothing beyond the requirements: no excess") {
    PacketSet everything =
        required | inbound_flow(PacketSet::all(), "any", {net("10.20.5.0/24")}).packets();
    CHECK(checks::excess_permits(f.rs, PathKind::forward, scope.packets(), everything).empty());
  }

  SUBCASE("a rule that only may match still counts, marked uncertain") {
    ForwardRuleset g;
    Rule& r = g.add(tcp(8080), RuleAction::permit, "-m set --match-set partners src");
    r.sure = PacketSet::none();
    r.unknowns.push_back("ipset 'partners' contents unknown");
    auto excess = checks::excess_permits(g.rs, PathKind::forward, scope.packets(), required);
    REQUIRE(excess.size() == 1);
    CHECK_FALSE(excess[0].certain);
    CHECK(checks::describe_services(excess[0].packets) == "tcp 8080");
  }
}
