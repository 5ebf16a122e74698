// analyzer/checks/zone_matrix.cpp
#include "analyzer/checks/zone_matrix.hpp"

#include <algorithm>

#include "analyzer/checks/overbroad.hpp"

namespace fwaudit::checks {

namespace {

bool every_port(const PacketSet& s, std::uint8_t protocol) {
  auto ports = (s & PacketSet::protocol(protocol)).dst_ports();
  return ports.size() == 1 && ports[0].lo == 0 && ports[0].hi == 65535;
}

bool carries_ports(std::uint8_t protocol) {
  return protocol == 6 || protocol == 17 || protocol == 132;
}

PacketSet ports_of(const PacketSet& s, std::uint8_t protocol) {
  PacketSet out;
  for (const PortRange& r : (s & PacketSet::protocol(protocol)).dst_ports())
    out |= PacketSet::dst_port(r);
  return out;
}

// The services (protocol, destination port) of `s` that `besides` has for no address.
PacketSet services_beyond(const PacketSet& s, const PacketSet& besides) {
  if (besides.empty()) return s;
  auto known = besides.protocols();
  PacketSet out;
  for (std::uint8_t p : s.protocols()) {
    if (carries_ports(p))
      out |= PacketSet::protocol(p) & (ports_of(s, p) - ports_of(besides, p));
    else if (std::find(known.begin(), known.end(), p) == known.end())
      out |= PacketSet::protocol(p);
  }
  return out;
}

// The rules whose unknowns leave the uncertain part open (an ipset that may hold the source, a
// rate limit), permits or not: they say why the cell is uncertain.
void add_unsure_rules(const Ruleset& rs, const PathFold& fold, ZoneCell& c) {
  if (c.uncertain.empty()) return;
  for (const Decision* d : fold.deciding(c.uncertain)) {
    if (d->by.is_fallthrough() || !(d->may - d->sure).intersects(c.uncertain)) continue;
    const Rule& rule = rs.policy(d->by.policy).rules.at(static_cast<std::size_t>(d->by.rule));
    bool listed = std::any_of(c.rules.begin(), c.rules.end(),
                              [&](const Responsible& r) { return r.ref == d->by; });
    if (!rule.certain() && !listed) c.rules.push_back({d->by, d->verdict, false});
  }
}

}  // namespace

std::vector<ZoneCell> zone_matrix(const PathFolds& folds, const std::vector<FlowEnd>& zones) {
  std::vector<ZoneCell> out;
  const PacketSet fresh = PacketSet::state(ConnState::new_);
  for (std::size_t a = 0; a < zones.size(); ++a) {
    for (std::size_t b = 0; b < zones.size(); ++b) {
      if (a == b || (zones[a].is_firewall && zones[b].is_firewall)) continue;
      ZoneCell c;
      c.from = a;
      c.to = b;
      c.path = zones[b].is_firewall   ? PathKind::input
               : zones[a].is_firewall ? PathKind::output
                                      : PathKind::forward;
      PacketSet flows = zones[a].as_source() & zones[b].as_destination() & fresh;
      const PathFold& fold = folds.fold(c.path);
      c.permitted = fold.permitted_sure & flows;
      PacketSet may = fold.permitted_may & flows;
      c.uncertain = may - c.permitted;
      if (!may.empty()) c.rules = permitting_rules(folds.ruleset(), c.path, fold, may);
      add_unsure_rules(folds.ruleset(), fold, c);
      out.push_back(std::move(c));
    }
  }
  return out;
}

std::string cell_services(const PacketSet& all, const PacketSet& besides) {
  PacketSet s = services_beyond(all, besides);
  if (s.empty()) return {};
  if (s.protocols().size() >= 256 && every_port(s, 6) && every_port(s, 17)) return "any";
  return describe_services(s);
}

}  // namespace fwaudit::checks
