// tests/audit/test_any_to_any.cpp
// Any-to-any permits judged against what reaches their policy: earlier drops of spoofed sources
// and earlier rules of the same ACL do not hide them; calls and stages that pass chosen hosts only
// make a rule without addresses narrow.
#include <doctest/doctest.h>

#include "analyzer/checks/wide_rules.hpp"
#include "audit_test_support.hpp"

using namespace fwaudit;
using namespace fwaudit::audit_testing;
using checks::WideRule;

namespace {

const PacketSet kForward = ~PacketSet::in_interface(kSelf) & ~PacketSet::out_interface(kSelf);

std::vector<WideRule> any_to_any(const Ruleset& rs, const PacketSet& internet = PacketSet::none(),
                                 const PacketSet& preferred = PacketSet::none()) {
  std::vector<WideRule> out;
  for (WideRule& w :
       checks::wide_permits(rs, PathKind::forward, kForward, internet, nullptr, {}, preferred))
    if (w.kind == WideRule::Kind::any_to_any) out.push_back(std::move(w));
  return out;
}

// A filter stage before FORWARD that drops bogon and own-network sources arriving on eth0
// (iptables raw PREROUTING anti-spoofing).
void add_anti_spoofing(ForwardRuleset& f) {
  Policy raw;
  raw.name = "raw/PREROUTING";
  PolicyId pid = f.rs.add_policy(std::move(raw));
  for (const char* bogon :
       {"0.0.0.0/8", "10.0.0.0/8", "127.0.0.0/8", "192.168.0.0/16", "224.0.0.0/3", "192.0.2.0/26"})
    f.add(pid, PacketSet::in_interface("eth0") & PacketSet::src(net(bogon)), RuleAction::deny,
          std::string("-A PREROUTING -i eth0 -s ") + bogon + " -j DROP");
  auto& path = f.rs.path(PathKind::forward);
  path.insert(path.begin(), Stage{Stage::Kind::filter, pid});
}

}  // namespace

TEST_CASE("any to any: judged against what reaches the rule's policy") {
  SUBCASE("earlier drops of spoofed sources do not hide it") {
    ForwardRuleset f;
    add_anti_spoofing(f);
    f.accept_established();
    f.add(udp(53), RuleAction::permit, "-A FORWARD -p udp --dport 53 -j ACCEPT");
    auto found = any_to_any(f.rs);
    REQUIRE(found.size() == 1);
    CHECK(found[0].by == RuleRef{f.forward, 1});
  }

  SUBCASE("the witness: from the internet toward the preferred packets, across two interfaces") {
    ForwardRuleset f;
    add_anti_spoofing(f);
    f.add(udp(53), RuleAction::permit, "-A FORWARD -p udp --dport 53 -j ACCEPT");
    const PacketSet internet = PacketSet::in_interface("eth0");
    auto found = any_to_any(f.rs, internet);
    REQUIRE(found.size() == 1);
    const Packet& w = found[0].witness;
    CHECK(w.in_if == "eth0");
    CHECK(w.out_if != "eth0");
    CHECK_FALSE(net("0.0.0.0/8").contains(w.src));
    CHECK_FALSE(net("0.0.0.0/8").contains(w.dst));
    auto toward = any_to_any(
        f.rs, internet, PacketSet::dst(net("203.0.113.25")) & PacketSet::out_interface("eth1"));
    REQUIRE(toward.size() == 1);
    CHECK(toward[0].witness.to_string().find("-> 203.0.113.25:53 in eth0 out eth1") !=
          std::string::npos);
  }

  SUBCASE("an interface ACL closing with permit-any after denies (ASA permit ip any any)") {
    ForwardRuleset f;
    Policy acl;
    acl.name = "inside_access_in";
    acl.fallthrough = RuleAction::deny;
    PolicyId inside = f.rs.add_policy(std::move(acl));
    f.add(PacketSet::in_interface("inside"), RuleAction::call, "access-group inside_access_in")
        .target = inside;
    f.add(inside, tcp(25), RuleAction::deny, "access-list inside_access_in deny tcp any any eq 25");
    f.add(inside, PacketSet::all(), RuleAction::permit,
          "access-list inside_access_in permit ip any any");
    auto found = any_to_any(f.rs);
    REQUIRE(found.size() == 1);
    CHECK(found[0].by == RuleRef{inside, 1});
    CHECK(found[0].witness.in_if == "inside");
  }

  SUBCASE("a chain reached for one source only: its rules are narrow") {
    ForwardRuleset f;
    Policy chain;
    chain.name = "gw_out";
    PolicyId gw = f.rs.add_policy(std::move(chain));
    f.add(PacketSet::src(net("192.0.2.25")), RuleAction::call, "-A FORWARD -s 192.0.2.25 -j gw_out")
        .target = gw;
    f.add(gw, tcp(25), RuleAction::permit, "-A gw_out -p tcp --dport 25 -j ACCEPT");
    CHECK(any_to_any(f.rs).empty());
  }

  SUBCASE("an earlier stage passes chosen hosts only (pf: pass in to a host, pass out all)") {
    ForwardRuleset f;
    Policy in;
    in.name = "in";
    in.fallthrough = RuleAction::deny;
    PolicyId pid = f.rs.add_policy(std::move(in));
    f.add(pid, PacketSet::dst(net("192.0.2.25")) & tcp(25), RuleAction::permit,
          "pass in on eth0 proto tcp to 192.0.2.25 port 25");
    auto& path = f.rs.path(PathKind::forward);
    path.insert(path.begin(), Stage{Stage::Kind::filter, pid});
    f.add(PacketSet::out_interface("eth1"), RuleAction::permit, "pass out on eth1");
    CHECK(any_to_any(f.rs).empty());
  }

  SUBCASE("a rule that names a source is never any to any") {
    ForwardRuleset f;
    add_anti_spoofing(f);
    f.add(PacketSet::in_interface("eth0") & PacketSet::src(net("0.0.0.0/1")) & udp(53),
          RuleAction::permit, "-A FORWARD -i eth0 -s 0.0.0.0/1 -p udp --dport 53 -j ACCEPT");
    CHECK(any_to_any(f.rs).empty());
  }
}
