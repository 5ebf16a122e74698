// tests/audit/test_compliance.cpp
// Compliance of one required flow on hand-built rulesets: each status, who is responsible, the
// part permitted / blocked in people's terms, the witness.
#include <doctest/doctest.h>

#include "analyzer/checks/compliance.hpp"
#include "audit_test_support.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;
using checks::Status;

TEST_CASE("Compliance of a required flow") {
  SUBCASE("satisfied: every NEW packet surely permitted, the permit rule named") {
    ForwardRuleset f;
    f.accept_established();
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit,
          "-A FORWARD -d 192.0.2.25 -p tcp --dport 25 -j ACCEPT");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::satisfied);
    CHECK(c.summary == "tcp/25 from zone internet to 192.0.2.25 permitted");
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, 1});
    CHECK(c.responsible[0].verdict == Verdict::permit);
    REQUIRE(c.witness);
    CHECK(c.witness->dst == IpAddress::parse("192.0.2.25"));
    CHECK(c.witness->dport == 25);
    CHECK(c.replies.checked);
    CHECK(c.replies.ok);
  }

  SUBCASE("partial by protocol: udp permitted, tcp blocked by the default policy") {
    ForwardRuleset f;
    f.accept_established();
    f.add(PacketSet::dst(net("192.0.2.25")) & udp(53), RuleAction::permit, "udp 53");
    checks::Compliance c =
        checks::check_compliance(f.rs, inbound_flow(tcp(53) | udp(53), "tcp+udp/53"));
    CHECK(c.status == Status::partial);
    CHECK(c.summary == "udp permitted, tcp blocked");
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref.is_fallthrough());
    CHECK(c.responsible[0].ref.policy == f.forward);
    REQUIRE(c.witness);
    CHECK(c.witness->proto == 6);
    CHECK(c.witness->dport == 53);
  }

  SUBCASE("partial by peer address: 10.1.1.10 permitted, 10.1.1.11 blocked") {
    ForwardRuleset f;
    f.accept_established();
    f.add(PacketSet::src(net("10.1.1.10")) & tcp(25), RuleAction::permit, "from .10");
    f.add(PacketSet::src(net("10.1.1.11")) & tcp(25), RuleAction::deny, "deny .11");
    checks::Compliance c = checks::check_compliance(
        f.rs, inbound_flow(tcp(25), "tcp/25", {net("10.1.1.10"), net("10.1.1.11")}));
    CHECK(c.status == Status::partial);
    CHECK(c.summary == "10.1.1.10 permitted, 10.1.1.11 blocked");
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, 2});
    REQUIRE(c.witness);
    CHECK(c.witness->to_string() == "tcp 10.1.1.11:40000 -> 192.0.2.25:25 in eth0 out eth1");
  }

  SUBCASE("partial by port: port 80 permitted, port 443 blocked") {
    ForwardRuleset f;
    f.add(tcp(80), RuleAction::permit, "http");
    checks::Compliance c =
        checks::check_compliance(f.rs, inbound_flow(tcp(80) | tcp(443), "tcp/80,443"));
    CHECK(c.status == Status::partial);
    CHECK(c.summary == "port 80 permitted, port 443 blocked");
  }

  SUBCASE("missing: the responsible default policy and a blocked witness") {
    ForwardRuleset f;
    f.accept_established();
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::missing);
    CHECK(c.summary == "tcp/25 from zone internet to 192.0.2.25 blocked");
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, -1});
    CHECK(f.rs.policy(c.responsible[0].ref.policy).fallthrough_label == "policy DROP of FORWARD");
    REQUIRE(c.witness);
    CHECK(c.blocked.contains(*c.witness));
    CHECK(c.witness->in_if == "eth0");
    CHECK(c.witness->out_if == "eth1");
    CHECK_FALSE(c.replies.checked);
  }

  SUBCASE("missing: an explicit deny before the permit is the one responsible") {
    ForwardRuleset f;
    f.add(PacketSet::protocol(6), RuleAction::deny, "-A FORWARD -p tcp -j DROP");
    f.add(tcp(25), RuleAction::permit, "-A FORWARD -p tcp --dport 25 -j ACCEPT");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::missing);
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, 0});
  }

  SUBCASE("uncertain: names the rule that may match and why") {
    ForwardRuleset f;
    f.accept_established();
    Rule& r = f.add(tcp(25), RuleAction::permit, "-A FORWARD -p tcp --dport 25 -m set ...");
    r.sure = PacketSet::none();
    r.unknowns.push_back("ipset 'mailpeers' contents unknown");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::uncertain);
    CHECK(c.summary == "tcp/25 from zone internet to 192.0.2.25 uncertain");
    REQUIRE(c.responsible.size() == 1);
    CHECK(c.responsible[0].ref == RuleRef{f.forward, 1});
    CHECK_FALSE(c.responsible[0].certain);
    CHECK(c.unknowns == std::vector<std::string>{"ipset 'mailpeers' contents unknown"});
  }

  SUBCASE("an empty flow is not applicable") {
    ForwardRuleset f;
    checks::RequiredFlow flow = inbound_flow(tcp(25), "tcp/25");
    flow.service &= PacketSet::family(Family::ipv6);  // the gateway has no IPv6 address
    CHECK(checks::check_compliance(f.rs, flow).status == Status::not_applicable);
  }
}

TEST_CASE("Return path of a permitted flow") {
  SUBCASE("stateless ruleset: NEW permitted, replies dropped by the default policy") {
    ForwardRuleset f;
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25) & PacketSet::state(ConnState::new_),
          RuleAction::permit, "-A FORWARD -d 192.0.2.25 -p tcp --dport 25 --ctstate NEW -j ACCEPT");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::satisfied);
    CHECK(c.replies.checked);
    CHECK_FALSE(c.replies.ok);
    REQUIRE(c.replies.witness);
    CHECK(c.replies.witness->to_string() ==
          "tcp 192.0.2.25:25 -> 0.0.0.1:40000 in eth1 out eth0 state established");
    REQUIRE(c.replies.responsible.size() == 1);
    CHECK(c.replies.responsible[0].ref == RuleRef{f.forward, -1});
  }

  SUBCASE("mis-ordered: a drop before the ESTABLISHED accept") {
    ForwardRuleset f;
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit, "permit smtp");
    f.add(PacketSet::src(net("192.0.2.25")) & PacketSet::in_interface("eth1"), RuleAction::deny,
          "-A FORWARD -i eth1 -s 192.0.2.25 -j DROP");
    f.accept_established();
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK_FALSE(c.replies.ok);
    REQUIRE(c.replies.responsible.size() == 1);
    CHECK(c.replies.responsible[0].ref == RuleRef{f.forward, 1});
  }

  SUBCASE("ESTABLISHED accepted first: replies pass") {
    ForwardRuleset f;
    f.accept_established();
    f.add(PacketSet::src(net("192.0.2.25")) & PacketSet::in_interface("eth1"), RuleAction::deny,
          "-A FORWARD -i eth1 -s 192.0.2.25 -j DROP");
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit, "permit smtp");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::satisfied);
    CHECK(c.replies.ok);
  }

  SUBCASE("replies let back only by a rule that may match: uncertain, not blocked") {
    ForwardRuleset f;
    Rule& maybe = f.add(PacketSet::state(ConnState::established), RuleAction::permit,
                        "-A FORWARD -m set --match-set partners src -m conntrack --ctstate "
                        "ESTABLISHED -j ACCEPT");
    maybe.sure = PacketSet::none();
    maybe.unknowns = {"ipset 'partners' contents unknown"};
    f.add(PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit, "permit smtp");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::satisfied);
    CHECK(c.replies.ok);
    CHECK(c.replies.uncertain());
    REQUIRE(c.replies.responsible.size() == 1);
    CHECK(c.replies.responsible[0].ref == RuleRef{f.forward, 0});
    CHECK(c.replies.unknowns == std::vector<std::string>{"ipset 'partners' contents unknown"});
    REQUIRE(c.replies.witness);
    CHECK(c.replies.witness->src == IpAddress::parse("192.0.2.25"));
  }

  SUBCASE("implicit state: a permit that keeps no state leaves replies out") {
    ForwardRuleset f;
    f.rs.implicit_state = true;
    Rule& r = f.add(tcp(25), RuleAction::permit, "pass in proto tcp to port 25 no state");
    r.keeps_state = false;
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.status == Status::satisfied);
    CHECK_FALSE(c.replies.ok);
    REQUIRE(c.replies.responsible.size() == 1);
    CHECK(c.replies.responsible[0].ref == RuleRef{f.forward, 0});
    CHECK(c.replies.note == "permitted without keeping state: replies are not let back");
  }

  SUBCASE("implicit state: a stateful permit lets replies back") {
    ForwardRuleset f;
    f.rs.implicit_state = true;
    f.add(tcp(25), RuleAction::permit, "pass in proto tcp to port 25");
    checks::Compliance c = checks::check_compliance(f.rs, inbound_flow(tcp(25), "tcp/25"));
    CHECK(c.replies.checked);
    CHECK(c.replies.ok);
  }
}
