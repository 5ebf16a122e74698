// analyzer/ip_address.hpp
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fwaudit {

enum class Family : std::uint8_t { ipv4 = 4, ipv6 = 6 };

// An IPv4 or IPv6 address. IPv4 addresses are stored IPv4-mapped (::ffff:a.b.c.d) so that both
// families share one 128-bit layout in packet sets.
struct IpAddress {
  Family family = Family::ipv4;
  std::array<std::uint8_t, 16> bytes{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0};

  static IpAddress v4(std::uint32_t host_order);
  static IpAddress v6(const std::array<std::uint8_t, 16>& network_order);
  // Dotted quad or any RFC 4291 text form; nullopt when it is neither.
  static std::optional<IpAddress> parse(std::string_view text);

  int width() const { return family == Family::ipv4 ? 32 : 128; }
  std::uint32_t v4_value() const;
  // Bit `i` of the family's own address, counted from the most significant bit (0..width-1).
  bool bit(int i) const;
  void set_bit(int i, bool value);
  // With all bits after the first `prefix_length` set to `value`.
  IpAddress with_host_bits(int prefix_length, bool value) const;

  std::string to_string() const;
  auto operator<=>(const IpAddress&) const = default;
};

// Address with prefix length, e.g. 192.0.2.0/24. `addr` may have host bits set (as written).
struct IpPrefix {
  IpAddress addr;
  int length = 0;

  static IpPrefix host(const IpAddress& a) { return {a, a.width()}; }
  static IpPrefix any(Family f);
  // "a.b.c.d/len", "a.b.c.d" (a host), "x::/len"; nullopt when malformed or len out of range.
  static std::optional<IpPrefix> parse(std::string_view text);

  IpAddress first() const { return addr.with_host_bits(length, false); }
  IpAddress last() const { return addr.with_host_bits(length, true); }
  bool contains(const IpAddress& a) const;
  std::string to_string() const;  // network address and length; a host prints without "/32"
  auto operator<=>(const IpPrefix&) const = default;
};

// Length of a contiguous netmask (255.255.255.0 -> 24); nullopt for a non-contiguous one.
std::optional<int> netmask_length(const IpAddress& mask);
IpAddress netmask_of_length(Family f, int length);

// a + 1 / a - 1 within the family's width; false (and `a` wrapped) on overflow / underflow.
bool next_address(IpAddress& a);
bool previous_address(IpAddress& a);

// The smallest list of CIDR blocks that covers exactly [lo, hi] (same family).
std::vector<IpPrefix> range_to_prefixes(const IpAddress& lo, const IpAddress& hi);

}  // namespace fwaudit
