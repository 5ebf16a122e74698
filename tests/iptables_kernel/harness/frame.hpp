// tests/iptables_kernel/harness/frame.hpp
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "harness/addr.hpp"

namespace fwk {

inline constexpr std::uint8_t kTcp = 6;
inline constexpr std::uint8_t kUdp = 17;
inline constexpr std::uint8_t kIcmp = 1;
inline constexpr std::uint8_t kIcmpV6 = 58;

enum class TcpFlags : std::uint8_t { syn = 0x02, syn_ack = 0x12, ack = 0x10, rst = 0x04 };

// Everything the harness puts into one IPv4 or IPv6 packet. Ports are used for TCP and UDP,
// type/code/id for ICMP and ICMPv6; other protocols carry the payload right after the IP header.
struct Header {
  Addr src, dst;
  std::uint8_t proto = kTcp;
  std::uint16_t sport = 0, dport = 0;
  TcpFlags tcp_flags = TcpFlags::syn;
  std::uint32_t seq = 0, ack = 0;
  std::uint8_t icmp_type = 0, icmp_code = 0;
  std::uint16_t icmp_id = 0, icmp_seq = 0;  // the 4 "rest of header" bytes of ICMP
  std::uint8_t ttl = 64;
  std::vector<std::uint8_t> payload;
};

// The packet bytes from the IP header on, with every length and checksum filled in.
std::vector<std::uint8_t> build_packet(const Header& h);

// The parts of a received IP packet the harness looks at. nullopt when too short to tell.
struct ParsedPacket {
  Addr src, dst;
  std::uint8_t proto = 0;
  std::uint16_t sport = 0, dport = 0;  // TCP/UDP only
  std::uint8_t icmp_type = 0, icmp_code = 0;
  bool is_icmp_error = false;    // an error message (carries another packet), not a query
  std::vector<std::uint8_t> l4;  // from the transport header on
};
std::optional<ParsedPacket> parse_packet(const std::vector<std::uint8_t>& bytes);

// RFC 1071 ones'-complement sum helper, exposed for the tests.
std::uint16_t internet_checksum(const std::vector<std::uint8_t>& data);

}  // namespace fwk
