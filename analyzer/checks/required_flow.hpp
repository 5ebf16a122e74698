// analyzer/checks/required_flow.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/model/ruleset.hpp"
#include "analyzer/packet_set.hpp"
#include "analyzer/source_location.hpp"

namespace fwaudit::checks {

// One end of a required flow: where its packets come from or go to, as packet-set constraints
// that do not depend on the direction (addresses and interfaces are kept apart so the same end
// can be used as a source or a destination, and so NAT aliases can replace the addresses).
struct FlowEnd {
  std::string zone;                     // zone name ("firewall" for the firewall itself)
  std::vector<IpPrefix> addresses;      // empty: any address of the zone
  std::vector<IpPrefix> zone_networks;  // the zone's networks (empty: any)
  std::vector<std::string> interfaces;  // empty: any interface except the firewall itself
  bool is_firewall = false;
  std::string label;  // "10.10.0.53, 10.10.0.54", "zone inside", "the firewall"

  // Packets sent from this end toward the firewall (source address, ingress interface).
  PacketSet as_source() const;
  // Packets leaving the firewall toward this end (destination address, egress interface).
  PacketSet as_destination() const;
};

// One instance of a requirement at one site: the NEW packets that must pass, on one path.
struct RequiredFlow {
  std::string requirement_id;
  SourceLocation source;  // vendor document and row (file, line)
  std::string direction;  // "inbound" / "outbound" relative to the host the requirement is for
  bool required = true;   // false: optional (reported, never a failure)
  PathKind path = PathKind::forward;
  FlowEnd from;               // the end that opens the connection
  FlowEnd to;                 // the end that accepts it
  PacketSet service;          // protocol and destination ports (and address family)
  std::string service_label;  // "tcp/25", "tcp+udp/53"
  // Set when `to` holds addresses that a translation maps onto the host's real address.
  std::string nat_note;

  // The NEW packets of the flow as they enter the firewall.
  PacketSet packets() const;
  // The same packets in every connection state.
  PacketSet stateless() const;
  std::string peer_label() const;  // "from X to Y"
};

}  // namespace fwaudit::checks
