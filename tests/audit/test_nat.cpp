// tests/audit/test_nat.cpp
// A requirement toward the appliance's public address that a DNAT maps to its real address.
#include <doctest/doctest.h>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/nat_aliases.hpp"
#include "audit_test_support.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;
using checks::Status;

namespace {

// nat PREROUTING: DNAT 203.0.113.5:25 -> 192.0.2.25; filter FORWARD permits 192.0.2.25:25.
ForwardRuleset dnat_ruleset(bool permit) {
  ForwardRuleset f;
  Policy nat;
  nat.name = "nat/PREROUTING";
  PolicyId pid = f.rs.add_policy(std::move(nat));
  Rule& dnat = f.add(pid, PacketSet::dst(net("203.0.113.5")) & tcp(25), RuleAction::translate,
                     "-A PREROUTING -d 203.0.113.5 -p tcp --dport 25 -j DNAT --to 192.0.2.25");
  Translation t;
  t.rewrite.dst_prefix(net("192.0.2.25"));
  t.description = "DNAT to 192.0.2.25";
  dnat.translation = t;
  auto& path = f.rs.path(PathKind::forward);
  path.insert(path.begin(), Stage{Stage::Kind::translate, pid});
  f.accept_established();
  if (permit)
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit,
          "-A FORWARD -d 192.0.2.25 -p tcp --dport 25 -j ACCEPT");
  return f;
}

}  // namespace

TEST_CASE("NAT: requirements toward a public address") {
  checks::RequiredFlow flow = inbound_flow(tcp(25), "tcp/25");

  SUBCASE("the alias is found with the translating rule") {
    ForwardRuleset f = dnat_ruleset(true);
    auto aliases = checks::nat_aliases(f.rs, PathKind::forward,
                                       flow.from.as_source() & flow.service, {net("192.0.2.25")});
    REQUIRE(aliases.size() == 1);
    CHECK(aliases[0].addresses == std::vector<IpPrefix>{net("203.0.113.5")});
    CHECK(aliases[0].rule.line == 2);
    CHECK(aliases[0].description == "DNAT to 192.0.2.25");
  }

  SUBCASE("internet peers: only the public address is checked, on the translated path") {
    ForwardRuleset f = dnat_ruleset(true);
    auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/true);
    REQUIRE(flows.size() == 1);
    CHECK(flows[0].to.label == "203.0.113.5 (NAT to 192.0.2.25)");
    CHECK(flows[0].nat_note ==
          "203.0.113.5 is translated to 192.0.2.25 by test.rules:2:1 (DNAT to 192.0.2.25)");
    checks::Compliance c = checks::check_compliance(f.rs, flows[0]);
    CHECK(c.status == Status::satisfied);
    REQUIRE(c.witness);
    CHECK(c.witness->dst == IpAddress::parse("203.0.113.5"));
  }

  SUBCASE("the filter rule for the real address is missing: blocked after translation") {
    ForwardRuleset f = dnat_ruleset(false);
    auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/true);
    REQUIRE(flows.size() == 1);
    checks::Compliance c = checks::check_compliance(f.rs, flows[0]);
    CHECK(c.status == Status::missing);
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, -1});
  }

  SUBCASE("other peers keep the real address as well") {
    ForwardRuleset f = dnat_ruleset(true);
    auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/false);
    REQUIRE(flows.size() == 2);
    CHECK(flows[0].nat_note.empty());
    CHECK(flows[1].nat_note != "");
  }

  SUBCASE("no translation: the flow as it is") {
    ForwardRuleset f;
    auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/true);
    REQUIRE(flows.size() == 1);
    CHECK(flows[0].to.label == "192.0.2.25");
  }
}
