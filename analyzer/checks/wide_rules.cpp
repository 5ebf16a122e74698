// analyzer/checks/wide_rules.cpp
#include "analyzer/checks/wide_rules.hpp"

#include <cmath>
#include <map>
#include <optional>
#include <string>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/overbroad.hpp"

namespace fwaudit::checks {

namespace {

// Only tcp / udp with some destination ports left out: a written port range, not "any service"
// (which the other kinds and the requirement-based overbroad check judge).
bool explicit_ranges(const PacketSet& permitted) {
  bool ports = false;
  for (std::uint8_t p : permitted.protocols()) {
    if (p != 6 && p != 17) return false;
    auto ranges = (permitted & PacketSet::protocol(p)).dst_ports();
    bool every_port = ranges.size() == 1 && ranges[0].lo == 0 && ranges[0].hi == 65535;
    ports = ports || !every_port;
  }
  return ports;
}

// The policy at the top of the stage whose calls reach each policy of `path` (a stage's own
// policy maps to itself): what reaches it is what a rule of the policy is compared with.
std::map<PolicyId, PolicyId> stage_tops(const Ruleset& rs, PathKind path) {
  std::map<PolicyId, PolicyId> top;
  for (const Stage& stage : rs.path(path)) {
    std::vector<PolicyId> todo{stage.policy};
    while (!todo.empty()) {
      PolicyId pid = todo.back();
      todo.pop_back();
      if (pid == kNoPolicy || !top.emplace(pid, stage.policy).second) continue;
      for (const Rule& r : rs.policy(pid).rules)
        if (r.action == RuleAction::call || r.action == RuleAction::go_to) todo.push_back(r.target);
    }
  }
  return top;
}

// The packets of the witness's service on the witness's interfaces, NEW, from every source
// address and port to every destination address: the "any to any" a rule must take in full.
PacketSet any_to_any_of(const Packet& w) {
  PacketSet s = PacketSet::family(w.family) & PacketSet::protocol(w.proto) &
                PacketSet::in_interface(w.in_if) & PacketSet::out_interface(w.out_if) &
                PacketSet::state(ConnState::new_);
  if (w.proto == 6 || w.proto == 17) s &= PacketSet::dst_port(w.dport, w.dport);
  return s;
}

// The share of the family's address space that `ranges` cover (0..1).
double address_share(const std::vector<AddressRange>& ranges) {
  double share = 0;
  for (const AddressRange& r : ranges)
    for (const IpPrefix& p : range_to_prefixes(r.lo, r.hi))
      share += std::ldexp(1.0, -p.length);
  return share;
}

// Any to any, for the witness's service on its interfaces (C):
// - the rule's own match takes all of C (no address written in it);
// - whatever of C reaches the top of the rule's stage also reaches its policy (the calls on the
//   way do not narrow it: `-s X -j chain` makes the chain's rules narrow);
// - what of C reaches the policy still has most sources and destinations: earlier drops of
//   spoofed or bogon sources (anti-spoofing, a raw-table bogon chain) remove a small part,
//   earlier rules of another stage that pass chosen hosts only (pf `pass in ... to $host`
//   before `pass out on $if`) leave a small part.
// Earlier rules of the rule's own policy do not count: `permit ip any any` closing an ACL after
// a few denies is still any to any.
bool any_to_any(const Ruleset& rs, const PathFold& fold, RuleRef by, PolicyId top,
                const Packet& w) {
  PacketSet service = any_to_any_of(w);
  if (!by.is_fallthrough()) {
    const Rule& rule = rs.policy(by.policy).rules[static_cast<std::size_t>(by.rule)];
    if (!service.subset_of(rule.may)) return false;
  }
  auto reached = [&](PolicyId pid) {
    auto it = fold.reached.find(pid);
    return it == fold.reached.end() ? PacketSet::none() : it->second & service;
  };
  PacketSet here = reached(by.policy);
  if (!reached(top).subset_of(here)) return false;
  constexpr double kMost = 0.5;
  return address_share(here.src_ranges()) >= kMost && address_share(here.dst_ranges()) >= kMost;
}

// Addresses no internet host has: a witness from them reads as a placeholder.
PacketSet special_use(bool source) {
  static const char* const kRanges[] = {"0.0.0.0/8",      "10.0.0.0/8",     "100.64.0.0/10",
                                        "127.0.0.0/8",    "169.254.0.0/16", "172.16.0.0/12",
                                        "192.168.0.0/16", "224.0.0.0/3",    "::/8",
                                        "fc00::/7",       "fe80::/10",      "ff00::/8"};
  PacketSet s;
  for (const char* r : kRanges)
    s |= source ? PacketSet::src(*IpPrefix::parse(r)) : PacketSet::dst(*IpPrefix::parse(r));
  return s;
}

// Loopback interfaces (Linux lo, BSD lo0, lo1...): the host talking to itself, never a zone.
PacketSet loopback() {
  PacketSet s = PacketSet::in_interface("lo") | PacketSet::out_interface("lo");
  for (char d = '0'; d <= '9'; ++d) {
    const std::string name{'l', 'o', d};
    s |= PacketSet::in_interface_prefix(name) | PacketSet::out_interface_prefix(name);
  }
  return s;
}

// A packet of `s` crossing the firewall between two different interfaces, neither of them a
// loopback, if it has one.
std::optional<Packet> crossing_witness(PacketSet s) {
  s -= loopback();
  for (int tries = 0; tries < 16; ++tries) {
    auto w = s.witness();
    if (!w || w->in_if != w->out_if) return w;
    s -= PacketSet::in_interface(w->in_if) & PacketSet::out_interface(w->out_if);
  }
  return std::nullopt;
}

// The witness of an any-to-any finding as a reader would test it: from the internet zone toward
// `preferred` (the appliance), else between public addresses, across two interfaces if it can.
Packet readable_witness(const PacketSet& permitted, const PacketSet& internet,
                        const PacketSet& preferred, const Packet& fallback) {
  const PacketSet is_public = ~special_use(true) & ~special_use(false);
  for (const PacketSet& candidates :
       {permitted & internet & preferred, permitted & internet & is_public, permitted & preferred,
        permitted & is_public, permitted}) {
    if (auto w = crossing_witness(candidates)) return *w;
  }
  return fallback;
}

}  // namespace

std::vector<WideRule> wide_permits(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                   const PacketSet& internet, const PathFolds* folds,
                                   const WideLimits& limits, const PacketSet& preferred) {
  std::vector<WideRule> out;
  PacketSet fresh = entering & PacketSet::state(ConnState::new_);
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, path, fresh);
  const PathFold& fold = folds ? folds->fold(path) : *own;
  const auto tops = stage_tops(rs, path);
  for (const Responsible& r : permitting_rules(rs, path, fold, fold.permitted_may & fresh)) {
    PacketSet permitted;
    for (const Decision& d : fold.decisions)
      if (d.by == r.ref && d.verdict == Verdict::permit) permitted |= d.may & fresh;
    auto w = permitted.witness();
    if (!w) continue;
    // Judged on a packet from the internet when the rule lets one through (what it opens to the
    // internet decides), else on any it permits. Not on the input path: its destination is the
    // firewall itself, never "any" (internet-wide judges what it opens there).
    auto top = tops.find(r.ref.policy);
    std::optional<Packet> wide_witness;
    auto from_internet = crossing_witness(permitted & internet);
    auto candidate = from_internet ? from_internet : crossing_witness(permitted);
    if (path != PathKind::input && candidate && top != tops.end() &&
        any_to_any(rs, fold, r.ref, top->second, *candidate))
      wide_witness = candidate;
    if (wide_witness) {
      PacketSet service = PacketSet::family(wide_witness->family) &
                          PacketSet::protocol(wide_witness->proto) & permitted;
      if (wide_witness->proto == 6 || wide_witness->proto == 17)
        service &= PacketSet::dst_port(wide_witness->dport, wide_witness->dport);
      out.push_back({WideRule::Kind::any_to_any, r.ref, permitted,
                     readable_witness(service, internet, preferred, *wide_witness)});
      continue;
    }
    PacketSet exposed = permitted & internet;
    auto wx = exposed.witness();
    if (wx && (port_count(exposed) >= limits.internet_ports || exposed.protocols().size() >= 256)) {
      out.push_back({WideRule::Kind::internet_wide, r.ref, exposed, *wx});
      continue;
    }
    if (limits.range_ports > 0 && explicit_ranges(permitted) &&
        port_count(permitted) >= limits.range_ports)
      out.push_back({WideRule::Kind::wide_range, r.ref, permitted, *w});
  }
  return out;
}

}  // namespace fwaudit::checks
