// analyzer/acl_graph.cpp
#include "analyzer/acl_graph.hpp"

namespace fwaudit {

namespace {

PacketSet networks_src(const std::vector<IpPrefix>& networks) {
  PacketSet s;
  for (const IpPrefix& p : networks)
    s |= PacketSet::src(p);
  return s;
}

PacketSet networks_dst(const std::vector<IpPrefix>& networks) {
  PacketSet s;
  for (const IpPrefix& p : networks)
    s |= PacketSet::dst(p);
  return s;
}

}  // namespace

// A zone that names no interface is reached through any interface but the firewall itself.
PacketSet Zone::as_source() const {
  if (is_firewall) return PacketSet::in_interface(kSelf);
  PacketSet on = interfaces.empty() ? PacketSet::in_interface_prefix("") : PacketSet::none();
  for (const std::string& name : interfaces)
    on |= PacketSet::in_interface(name);
  return networks.empty() ? on : on & networks_src(networks);
}

PacketSet Zone::as_destination() const {
  if (is_firewall) return PacketSet::out_interface(kSelf);
  PacketSet on = interfaces.empty() ? PacketSet::out_interface_prefix("") : PacketSet::none();
  for (const std::string& name : interfaces)
    on |= PacketSet::out_interface(name);
  return networks.empty() ? on : on & networks_dst(networks);
}

std::vector<Zone> default_zones(const Ruleset& rs) {
  std::vector<Zone> zones;
  zones.push_back({"firewall", {}, {}, true});
  for (const Interface& i : rs.interfaces) {
    Zone z;
    z.name = i.name;
    z.interfaces = {i.name};
    zones.push_back(std::move(z));
  }
  return zones;
}

AclGraph build_acl_graph(const Ruleset& rs, const std::vector<Zone>& zones) {
  AclGraph g;
  for (const Zone& z : zones)
    boost::add_vertex(z, g);
  const PacketSet fresh = PacketSet::state(ConnState::new_);
  for (std::size_t a = 0; a < zones.size(); ++a) {
    for (std::size_t b = 0; b < zones.size(); ++b) {
      if (a == b || (zones[a].is_firewall && zones[b].is_firewall)) continue;
      ZoneEdge e;
      e.path = zones[b].is_firewall   ? PathKind::input
               : zones[a].is_firewall ? PathKind::output
                                      : PathKind::forward;
      e.flows = zones[a].as_source() & zones[b].as_destination() & fresh;
      e.fold = fold_path(rs, e.path, e.flows);
      boost::add_edge(a, b, std::move(e), g);
    }
  }
  return g;
}

}  // namespace fwaudit
