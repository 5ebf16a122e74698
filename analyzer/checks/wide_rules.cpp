// analyzer/checks/wide_rules.cpp
#include "analyzer/checks/wide_rules.hpp"

#include <optional>

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

}  // namespace

std::vector<WideRule> wide_permits(const Ruleset& rs, PathKind path, const PacketSet& entering,
                                   const PacketSet& internet, const PathFolds* folds,
                                   const WideLimits& limits) {
  std::vector<WideRule> out;
  PacketSet fresh = entering & PacketSet::state(ConnState::new_);
  std::optional<PathFold> own;
  if (folds == nullptr) own = fold_path(rs, path, fresh);
  const PathFold& fold = folds ? folds->fold(path) : *own;
  for (const Responsible& r : permitting_rules(rs, path, fold, fold.permitted_may & fresh)) {
    PacketSet permitted;
    for (const Decision& d : fold.decisions)
      if (d.by == r.ref && d.verdict == Verdict::permit) permitted |= d.may & fresh;
    auto w = permitted.witness();
    if (!w) continue;
    // Any to any: the witness's service, from every source to every destination the path
    // carries, is all permitted by this rule.
    PacketSet service = PacketSet::family(w->family) & PacketSet::protocol(w->proto);
    if (w->proto == 6 || w->proto == 17) service &= PacketSet::dst_port(w->dport, w->dport);
    if ((fresh & service).subset_of(permitted)) {
      out.push_back({WideRule::Kind::any_to_any, r.ref, permitted, *w});
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
