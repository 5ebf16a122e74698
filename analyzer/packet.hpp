// analyzer/packet.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "analyzer/ip_address.hpp"

namespace fwaudit {

// Connection-tracking state of a packet, as netfilter names them.
enum class ConnState : std::uint8_t {
  new_ = 0,
  established = 1,
  related = 2,
  invalid = 3,
  untracked = 4
};
inline constexpr int kConnStateCount = 5;

const char* to_string(ConnState s);
std::optional<ConnState> conn_state_from_string(std::string_view s);

// The interface name that stands for the firewall host itself: `in_if` of a locally generated
// packet, `out_if` of a packet addressed to the firewall.
inline constexpr std::string_view kSelf = "";

// One concrete packet header. For ICMP and ICMPv6 the type and code travel in `dport`
// (type << 8 | code) and `sport` is 0.
struct Packet {
  Family family = Family::ipv4;
  IpAddress src;
  IpAddress dst;
  std::uint8_t proto = 0;
  std::uint16_t sport = 0;
  std::uint16_t dport = 0;
  ConnState state = ConnState::new_;
  std::string in_if;   // kSelf: sent by the firewall host
  std::string out_if;  // kSelf: addressed to the firewall host

  bool is_icmp() const { return proto == 1 || proto == 58; }
  std::uint8_t icmp_type() const { return static_cast<std::uint8_t>(dport >> 8); }
  std::uint8_t icmp_code() const { return static_cast<std::uint8_t>(dport & 0xff); }
  void set_icmp(std::uint8_t type, std::uint8_t code) {
    sport = 0, dport = static_cast<std::uint16_t>(type << 8 | code);
  }

  // The reply direction: addresses, ports and interfaces swapped, state ESTABLISHED.
  Packet reply() const;

  // "tcp 198.51.100.7:40000 -> 192.0.2.10:25", "icmp 10.0.0.1 -> 10.0.0.2 type 8 code 0",
  // "udp [2001:db8::1]:53 -> [2001:db8::2]:53"; interfaces and state follow when set.
  std::string to_string() const;
  // Parses the form to_string() prints (interfaces and state optional: "in eth0 out eth1 state
  // new"). On failure returns nullopt and sets `error` to what was expected.
  static std::optional<Packet> parse(std::string_view text, std::string* error = nullptr);

  bool operator==(const Packet&) const = default;
};

// IANA protocol numbers by name and back ("tcp" <-> 6, "ipv6-icmp"/"icmpv6" <-> 58).
std::optional<std::uint8_t> protocol_from_name(std::string_view name);
std::string protocol_name(std::uint8_t number);

}  // namespace fwaudit
