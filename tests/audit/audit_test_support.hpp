// tests/audit/audit_test_support.hpp
// Hand-built rulesets and flows for the checks' tests.
#pragma once

#include <string>

#include "analyzer/checks/required_flow.hpp"
#include "analyzer/model/ruleset.hpp"

namespace fwaudit::audit_testing {

inline IpPrefix net(const char* s) {
  return *IpPrefix::parse(s);
}

inline Packet packet(const char* text) {
  return *Packet::parse(text);
}

// A forward path with one filter policy "FORWARD" of the given fallthrough.
struct ForwardRuleset {
  Ruleset rs;
  PolicyId forward = kNoPolicy;
  std::uint32_t line = 1;

  explicit ForwardRuleset(RuleAction fallthrough = RuleAction::deny) {
    rs.vendor = "test";
    Policy p;
    p.name = "FORWARD";
    p.fallthrough = fallthrough;
    p.fallthrough_location = {"test.rules", line++, 0, ":FORWARD DROP"};
    p.fallthrough_label = "policy DROP of FORWARD";
    forward = rs.add_policy(std::move(p));
    rs.path(PathKind::forward).push_back({Stage::Kind::filter, forward});
  }

  Rule& add(PolicyId pid, const PacketSet& match, RuleAction action, const std::string& text) {
    Rule r;
    r.sure = match;
    r.may = match;
    r.action = action;
    r.location = {"test.rules", line++, 1, text};
    rs.policy(pid).rules.push_back(std::move(r));
    return rs.policy(pid).rules.back();
  }
  Rule& add(const PacketSet& match, RuleAction action, const std::string& text) {
    return add(forward, match, action, text);
  }
  void accept_established() {
    add(PacketSet::state(ConnState::established) | PacketSet::state(ConnState::related),
        RuleAction::permit, "-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT");
  }
};

inline checks::FlowEnd end(const std::string& zone, std::vector<IpPrefix> addresses,
                           std::vector<std::string> interfaces, const std::string& label) {
  checks::FlowEnd e;
  e.zone = zone;
  e.addresses = std::move(addresses);
  e.interfaces = std::move(interfaces);
  e.label = label;
  return e;
}

// tcp (or the given protocols) to `ports` from the internet on eth0 to the gateway on eth1.
inline checks::RequiredFlow inbound_flow(PacketSet service, const std::string& service_label,
                                         std::vector<IpPrefix> peers = {}) {
  checks::RequiredFlow f;
  f.requirement_id = "test/inbound";
  f.source = {"doc.txt", 7, 0, {}};
  f.direction = "inbound";
  f.path = PathKind::forward;
  std::string peer_label = "zone internet";
  if (!peers.empty()) {
    peer_label.clear();
    for (const IpPrefix& p : peers)
      peer_label += (peer_label.empty() ? "" : ", ") + p.to_string();
  }
  f.from = end("internet", std::move(peers), {"eth0"}, peer_label);
  f.to = end("dmz", {net("192.0.2.25")}, {"eth1"}, "192.0.2.25");
  f.service = service & PacketSet::family(Family::ipv4);
  f.service_label = service_label;
  return f;
}

inline PacketSet tcp(std::uint16_t port) {
  return PacketSet::protocol(6) & PacketSet::dst_port(port, port);
}
inline PacketSet udp(std::uint16_t port) {
  return PacketSet::protocol(17) & PacketSet::dst_port(port, port);
}

}  // namespace fwaudit::audit_testing
