// parsers/iptables/values.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ip_address.hpp"
#include "analyzer/packet.hpp"
#include "analyzer/packet_set.hpp"

// Turns the text of iptables option arguments into values. Each function returns nullopt and
// sets `error` to what was expected when the text is malformed.
namespace fwaudit::iptables {

// -p: a name from /etc/protocols, a number, or "all" / "0" (nullopt protocol = any).
struct ProtocolValue {
  std::optional<std::uint8_t> number;
};
std::optional<ProtocolValue> parse_protocol(std::string_view text, std::string& error);

// One item of -s / -d: "10.0.0.1", "10.0.0.0/8", "10.0.0.0/255.0.255.0", "2001:db8::/32".
struct AddressValue {
  IpAddress address;
  IpAddress mask;                    // all ones for a host
  std::optional<int> prefix_length;  // nullopt for a non-contiguous mask
};
std::optional<AddressValue> parse_address(std::string_view text, Family family, std::string& error);
// The set of packets whose source (or destination) matches the address.
PacketSet address_set(const AddressValue& a, bool source);

// A port ("22", "ssh"), a range ("1024:65535", ":80", "1024:"); multiport lists allow only
// "a:b" ranges and single ports, separated by commas.
std::optional<PortRange> parse_port_range(std::string_view text, std::string& error);
std::optional<std::vector<PortRange>> parse_port_list(std::string_view text, std::string& error);
std::optional<std::uint16_t> service_port(std::string_view name);

// --icmp-type / --icmpv6-type: "any", "8", "3/4", "echo-request".
struct IcmpValue {
  bool any = false;
  std::uint8_t type = 0;
  std::optional<std::uint8_t> code;
};
std::optional<IcmpValue> parse_icmp_type(std::string_view text, Family family, std::string& error);

// --state / --ctstate: "NEW,ESTABLISHED". SNAT and DNAT (ctstate only) set the flags instead.
struct StateValue {
  std::vector<ConnState> states;
  bool snat = false;
  bool dnat = false;
};
std::optional<StateValue> parse_states(std::string_view text, bool ctstate, std::string& error);

// --to-destination / --to-source: "10.0.0.1", "10.0.0.1-10.0.0.9:1024-2000", "[2001:db8::1]:80",
// ":8080" (port only).
struct NatRange {
  std::optional<IpAddress> lo, hi;
  std::optional<PortRange> ports;
};
std::optional<NatRange> parse_nat_range(std::string_view text, Family family, std::string& error);

// "a-b" address ranges of -m iprange.
std::optional<AddressRange> parse_address_range(std::string_view text, Family family,
                                                std::string& error);

std::vector<std::string_view> split(std::string_view text, char separator);
std::optional<std::uint32_t> parse_unsigned(std::string_view text);

}  // namespace fwaudit::iptables
