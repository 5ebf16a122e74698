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

// The same DNAT in a user chain that nat PREROUTING reaches from the internet only:
// `-A PREROUTING -i eth0 -j dnat_inet`, `-A dnat_inet -d 203.0.113.5 -j DNAT --to 192.0.2.25`.
ForwardRuleset dnat_in_user_chain() {
  ForwardRuleset f;
  Policy prerouting, user;
  prerouting.name = "nat/PREROUTING";
  user.name = "nat/dnat_inet";
  PolicyId top = f.rs.add_policy(std::move(prerouting));
  PolicyId chain = f.rs.add_policy(std::move(user));
  f.add(top, PacketSet::in_interface("eth0"), RuleAction::call,
        "-A PREROUTING -i eth0 -j dnat_inet")
      .target = chain;
  Rule& dnat = f.add(chain, PacketSet::dst(net("203.0.113.5")), RuleAction::translate,
                     "-A dnat_inet -d 203.0.113.5 -j DNAT --to-destination 192.0.2.25");
  Translation t;
  t.rewrite.dst_prefix(net("192.0.2.25"));
  t.description = "DNAT --to-destination 192.0.2.25";
  dnat.translation = t;
  auto& path = f.rs.path(PathKind::forward);
  path.insert(path.begin(), Stage{Stage::Kind::translate, top});
  f.accept_established();
  f.add(PacketSet::dst(net("192.0.2.25")) & tcp(22), RuleAction::permit,
        "-A FORWARD -d 192.0.2.25 -p tcp --dport 22 -j ACCEPT");
  return f;
}

}  // namespace

TEST_CASE("NAT: a translation in a user chain applies to what the jump sends there") {
  ForwardRuleset f = dnat_in_user_chain();
  checks::PathFolds folds(f.rs);

  SUBCASE("peers arriving on the jump's interface get the alias") {
    checks::RequiredFlow flow = inbound_flow(tcp(22), "tcp/22");
    auto aliases = checks::nat_aliases(f.rs, PathKind::forward,
                                       flow.from.as_source() & flow.service, {net("192.0.2.25")});
    REQUIRE(aliases.size() == 1);
    CHECK(aliases[0].addresses == std::vector<IpPrefix>{net("203.0.113.5")});
    CHECK(aliases[0].rule.line == 3);
    auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/true, &folds);
    REQUIRE(flows.size() == 1);
    CHECK(flows[0].to.label == "203.0.113.5 (NAT to 192.0.2.25)");
    CHECK(checks::check_compliance(f.rs, flows[0]).status == Status::satisfied);
  }

  SUBCASE("a possible translation (an unknown set may skip it) still names the alias") {
    ForwardRuleset g = dnat_in_user_chain();
    Rule skip;
    skip.may = PacketSet::all();  // sure: nothing (ipset contents unknown)
    skip.action = RuleAction::return_;
    skip.location = {"test.rules", 99, 1, "-A dnat_inet -m set --match-set abusers src -j RETURN"};
    auto& rules = g.rs.policy(g.rs.find_policy("nat/dnat_inet")).rules;
    rules.insert(rules.begin(), skip);
    checks::RequiredFlow flow = inbound_flow(tcp(22), "tcp/22");
    auto aliases = checks::nat_aliases(g.rs, PathKind::forward,
                                       flow.from.as_source() & flow.service, {net("192.0.2.25")});
    REQUIRE(aliases.size() == 1);
    CHECK(aliases[0].addresses == std::vector<IpPrefix>{net("203.0.113.5")});
  }

  SUBCASE("peers on another interface keep the real address only") {
    checks::RequiredFlow flow = inbound_flow(tcp(22), "tcp/22");
    flow.from = end("inside", {net("10.10.0.0/16")}, {"eth2"}, "zone inside");
    CHECK(checks::nat_aliases(f.rs, PathKind::forward, flow.from.as_source() & flow.service,
                              {net("192.0.2.25")})
              .empty());
    for (const checks::PathFolds* shared : {static_cast<const checks::PathFolds*>(nullptr),
                                            static_cast<const checks::PathFolds*>(&folds)}) {
      CAPTURE(shared != nullptr);
      auto flows = checks::with_nat_aliases(f.rs, flow, /*aliases_only=*/false, shared);
      REQUIRE(flows.size() == 1);
      CHECK(flows[0].to.label == "192.0.2.25");
      CHECK(flows[0].nat_note.empty());
      CHECK(checks::check_compliance(f.rs, flows[0]).status == Status::satisfied);
    }
  }
}

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
