// analyzer/checks/nat_aliases.cpp
#include "analyzer/checks/nat_aliases.hpp"

#include <algorithm>

namespace fwaudit::checks {

namespace {

void collect_translating(const Ruleset& rs, PolicyId pid, int depth,
                         std::vector<const Rule*>& out) {
  if (pid == kNoPolicy || depth > 8) return;
  for (const Rule& r : rs.policy(pid).rules) {
    if (r.translation && !r.translation->exempt && r.translation->unknown_reason.empty() &&
        !r.translation->rewrite.identity()) {
      out.push_back(&r);
    }
    if (r.action == RuleAction::call || r.action == RuleAction::go_to)
      collect_translating(rs, r.target, depth + 1, out);
  }
}

bool whole_space(const AddressRange& r) {
  IpPrefix any = IpPrefix::any(r.lo.family);
  return r.lo == any.first() && r.hi == any.last();
}

}  // namespace

std::vector<NatAlias> nat_aliases(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                  const std::vector<IpPrefix>& real) {
  std::vector<NatAlias> out;
  if (real.empty()) return out;
  PacketSet target;
  for (const IpPrefix& p : real)
    target |= PacketSet::dst(p);
  std::vector<const Rule*> rules;
  for (const Stage& stage : rs.path(path))
    if (stage.kind == Stage::Kind::translate) collect_translating(rs, stage.policy, 0, rules);
  for (const Rule* r : rules) {
    PacketSet pre = r->translation->rewrite.preimage_sure(target) & r->sure & entering;
    pre -= target;  // already the real address: not an alias
    if (pre.empty()) continue;
    NatAlias alias;
    for (const AddressRange& range : pre.dst_ranges()) {
      if (whole_space(range)) continue;
      for (const IpPrefix& p : range_to_prefixes(range.lo, range.hi))
        alias.addresses.push_back(p);
    }
    if (alias.addresses.empty()) continue;
    alias.rule = r->location;
    alias.description = r->translation->description;
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const NatAlias& a) { return a.addresses == alias.addresses; });
    if (!seen) out.push_back(std::move(alias));
  }
  return out;
}

std::vector<RequiredFlow> with_nat_aliases(const Ruleset& rs, const RequiredFlow& flow,
                                           bool aliases_only) {
  std::vector<RequiredFlow> out;
  FlowEnd any_address = flow.to;
  any_address.addresses.clear();
  any_address.zone_networks.clear();
  PacketSet entering = flow.from.as_source() & any_address.as_destination() & flow.service &
                       PacketSet::state(ConnState::new_);
  auto aliases = nat_aliases(rs, flow.path, entering, flow.to.addresses);
  if (!aliases_only || aliases.empty()) out.push_back(flow);
  for (const NatAlias& alias : aliases) {
    RequiredFlow f = flow;
    f.to.addresses = alias.addresses;
    f.to.zone_networks.clear();
    std::string mapped;
    for (const IpPrefix& p : alias.addresses)
      mapped += (mapped.empty() ? "" : ", ") + p.to_string();
    f.to.label = mapped + " (NAT to " + flow.to.label + ")";
    f.nat_note = mapped + " is translated to " + flow.to.label + " by " + alias.rule.to_string() +
                 (alias.description.empty() ? "" : " (" + alias.description + ")");
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace fwaudit::checks
