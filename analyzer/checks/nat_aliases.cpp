// analyzer/checks/nat_aliases.cpp
#include "analyzer/checks/nat_aliases.hpp"

#include <algorithm>
#include <optional>

namespace fwaudit::checks {

namespace {

bool whole_space(const AddressRange& r) {
  IpPrefix any = IpPrefix::any(r.lo.family);
  return r.lo == any.first() && r.hi == any.last();
}

}  // namespace

std::vector<NatAlias> nat_aliases(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                  const std::vector<IpPrefix>& real, const PathFolds* folds) {
  std::vector<NatAlias> out;
  if (real.empty()) return out;
  PacketSet target;
  for (const IpPrefix& p : real)
    target |= PacketSet::dst(p);
  // The fold knows which entering packets each translation really rewrote: a rule in a user
  // chain only sees what the jumps to it send there.
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, path, entering);
  const PathFold& fold = folds ? folds->fold(path) : *own;
  for (const PathFold::Translated& t : fold.translated) {
    PacketSet pre = target;
    for (auto it = t.chain.rbegin(); it != t.chain.rend(); ++it)
      pre = it->preimage_sure(pre);
    pre &= t.origin & entering;
    pre -= target;  // already the real address: not an alias
    if (pre.empty()) continue;
    NatAlias alias;
    for (const AddressRange& range : pre.dst_ranges()) {
      if (whole_space(range)) continue;
      for (const IpPrefix& p : range_to_prefixes(range.lo, range.hi))
        alias.addresses.push_back(p);
    }
    if (alias.addresses.empty()) continue;
    const Rule& r = rs.policy(t.by.policy).rules[static_cast<std::size_t>(t.by.rule)];
    alias.rule = r.location;
    alias.description = r.translation ? r.translation->description : std::string{};
    bool seen = std::any_of(out.begin(), out.end(),
                            [&](const NatAlias& a) { return a.addresses == alias.addresses; });
    if (!seen) out.push_back(std::move(alias));
  }
  return out;
}

std::vector<RequiredFlow> with_nat_aliases(const Ruleset& rs, const RequiredFlow& flow,
                                           bool aliases_only, const PathFolds* folds) {
  std::vector<RequiredFlow> out;
  FlowEnd any_address = flow.to;
  any_address.addresses.clear();
  any_address.zone_networks.clear();
  PacketSet entering = flow.from.as_source() & any_address.as_destination() & flow.service &
                       PacketSet::state(ConnState::new_);
  auto aliases = nat_aliases(rs, flow.path, entering, flow.to.addresses, folds);
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
