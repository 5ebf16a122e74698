// tests/iptables_kernel/harness/addr.hpp
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fwk {

// An IPv4 or IPv6 address as the harness crafts it into packets. Kept apart from fwaudit's own
// address type on purpose: the differential test must not share code with what it checks.
struct Addr {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};  // IPv4: bytes[0..3]

  int bits() const { return v6 ? 128 : 32; }
  int size() const { return v6 ? 16 : 4; }
  bool bit(int i) const { return (bytes[i / 8] >> (7 - i % 8)) & 1; }
  void set_bit(int i, bool value);

  // Numeric neighbours; nullopt past the first / last address of the family.
  std::optional<Addr> next() const;
  std::optional<Addr> prev() const;

  std::string to_string() const;
  static std::optional<Addr> parse(std::string_view text);
  static Addr v4(std::uint32_t host_order);

  auto operator<=>(const Addr&) const = default;
};

// `address/prefix-length` or `address/netmask` (any mask, contiguous or not), as iptables takes
// them. `mask` has the address family's width.
struct Masked {
  Addr address;  // already masked
  Addr mask;

  bool contains(const Addr& a) const;
  bool contiguous() const;
  int prefix_length() const;  // -1 when the mask is not contiguous
  Addr first() const { return address; }
  Addr last() const;  // every free bit set

  // "192.0.2.0/24", "10.0.0.0/255.0.255.0", a bare address is a /32 or /128.
  static std::optional<Masked> parse(std::string_view text);
};

}  // namespace fwk
