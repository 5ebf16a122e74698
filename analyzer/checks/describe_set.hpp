// analyzer/checks/describe_set.hpp
#pragma once

#include <string>
#include <vector>

#include "analyzer/packet_set.hpp"

namespace fwaudit::checks {

// Readable pieces of a packet set, from its projections.
std::string describe_protocols(const PacketSet& s);  // "tcp", "tcp, udp", "any protocol"
std::string describe_ports(const std::vector<PortRange>& ports);  // "25", "80, 443", "any port"
std::string describe_addresses(const std::vector<AddressRange>& ranges);  // "10.0.0.1, 10.0.1.0/24"

// "tcp/25 from 10.10.1.25 to 192.0.2.25": protocol, destination ports and addresses.
std::string describe_set(const PacketSet& s);

// How two disjoint parts of one flow differ, naming the first field that tells them apart:
// "udp permitted, tcp blocked", "10.1.1.10 permitted, 10.1.1.11 blocked",
// "port 80 permitted, port 443 blocked". `a_word` / `b_word` name the two parts.
std::string describe_split(const PacketSet& a, const PacketSet& b, const std::string& a_word,
                           const std::string& b_word);

}  // namespace fwaudit::checks
