// analyzer/acl_graph.hpp
#pragma once

#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

#include "analyzer/fold.hpp"

namespace fwaudit {

// A part of the network seen from the firewall: its interfaces and the networks behind them.
// The firewall itself is a zone (is_firewall) with no interfaces; a zone without networks is
// "everything else" reached through its interfaces (the internet), and a zone without
// interfaces is reached through any interface but the firewall itself.
struct Zone {
  std::string name;
  std::vector<std::string> interfaces;
  std::vector<IpPrefix> networks;
  bool is_firewall = false;

  // Packets leaving this zone toward the firewall: in on one of its interfaces, from its networks.
  PacketSet as_source() const;
  // Packets entering this zone from the firewall: out on one of its interfaces, to its networks.
  PacketSet as_destination() const;
};

// Edge A -> B: the NEW packets from A to B and their fold along the path they take.
struct ZoneEdge {
  PathKind path = PathKind::forward;
  PacketSet flows;
  PathFold fold;
};

using AclGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, Zone, ZoneEdge>;

// One vertex per zone, one edge per ordered pair of distinct zones, each folded once so every
// check reuses it. Zones usually come from the site profile; default_zones() derives them from
// the ruleset's interfaces.
AclGraph build_acl_graph(const Ruleset& rs, const std::vector<Zone>& zones);
std::vector<Zone> default_zones(const Ruleset& rs);

}  // namespace fwaudit
