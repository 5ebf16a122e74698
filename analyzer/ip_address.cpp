// analyzer/ip_address.cpp
#include "analyzer/ip_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace fwaudit {

IpAddress IpAddress::v4(std::uint32_t host_order) {
  IpAddress a;
  a.family = Family::ipv4;
  for (int i = 0; i < 4; ++i)
    a.bytes[12 + i] = static_cast<std::uint8_t>(host_order >> (24 - 8 * i));
  return a;
}

IpAddress IpAddress::v6(const std::array<std::uint8_t, 16>& network_order) {
  IpAddress a;
  a.family = Family::ipv6;
  a.bytes = network_order;
  return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  if (text.empty() || text.size() > 45) return std::nullopt;
  char buffer[46];
  text.copy(buffer, text.size());
  buffer[text.size()] = '\0';
  if (text.find(':') == std::string_view::npos) {
    // inet_pton accepts only the strict dotted quad, which is what configs print.
    in_addr v4{};
    if (inet_pton(AF_INET, buffer, &v4) != 1) return std::nullopt;
    return IpAddress::v4(ntohl(v4.s_addr));
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, buffer, &v6) != 1) return std::nullopt;
  std::array<std::uint8_t, 16> b{};
  for (int i = 0; i < 16; ++i)
    b[i] = v6.s6_addr[i];
  return IpAddress::v6(b);
}

std::uint32_t IpAddress::v4_value() const {
  return std::uint32_t{bytes[12]} << 24 | std::uint32_t{bytes[13]} << 16 |
         std::uint32_t{bytes[14]} << 8 | bytes[15];
}

bool IpAddress::bit(int i) const {
  int abs = i + (128 - width());
  return (bytes[abs / 8] >> (7 - abs % 8)) & 1;
}

void IpAddress::set_bit(int i, bool value) {
  int abs = i + (128 - width());
  auto mask = static_cast<std::uint8_t>(1u << (7 - abs % 8));
  if (value)
    bytes[abs / 8] |= mask;
  else
    bytes[abs / 8] &= static_cast<std::uint8_t>(~mask);
}

IpAddress IpAddress::with_host_bits(int prefix_length, bool value) const {
  IpAddress out = *this;
  for (int i = prefix_length; i < width(); ++i)
    out.set_bit(i, value);
  return out;
}

std::string IpAddress::to_string() const {
  char buffer[INET6_ADDRSTRLEN];
  if (family == Family::ipv4) {
    in_addr v4{};
    v4.s_addr = htonl(v4_value());
    inet_ntop(AF_INET, &v4, buffer, sizeof buffer);
  } else {
    in6_addr v6{};
    for (int i = 0; i < 16; ++i)
      v6.s6_addr[i] = bytes[i];
    inet_ntop(AF_INET6, &v6, buffer, sizeof buffer);
  }
  return buffer;
}

IpPrefix IpPrefix::any(Family f) {
  IpPrefix p;
  p.addr = f == Family::ipv4 ? IpAddress::v4(0) : IpAddress::v6({});
  p.length = 0;
  return p;
}

std::optional<IpPrefix> IpPrefix::parse(std::string_view text) {
  auto slash = text.find('/');
  auto addr = IpAddress::parse(text.substr(0, slash));
  if (!addr) return std::nullopt;
  if (slash == std::string_view::npos) return IpPrefix::host(*addr);
  std::string_view len_text = text.substr(slash + 1);
  int len = -1;
  auto [ptr, ec] = std::from_chars(len_text.data(), len_text.data() + len_text.size(), len);
  if (ec != std::errc() || ptr != len_text.data() + len_text.size() || len < 0 ||
      len > addr->width())
    return std::nullopt;
  return IpPrefix{*addr, len};
}

bool IpPrefix::contains(const IpAddress& a) const {
  if (a.family != addr.family) return false;
  for (int i = 0; i < length; ++i)
    if (a.bit(i) != addr.bit(i)) return false;
  return true;
}

std::string IpPrefix::to_string() const {
  if (length == addr.width()) return addr.to_string();
  return first().to_string() + "/" + std::to_string(length);
}

std::optional<int> netmask_length(const IpAddress& mask) {
  int len = 0;
  while (len < mask.width() && mask.bit(len))
    ++len;
  for (int i = len; i < mask.width(); ++i)
    if (mask.bit(i)) return std::nullopt;
  return len;
}

IpAddress netmask_of_length(Family f, int length) {
  IpAddress m = f == Family::ipv4 ? IpAddress::v4(0) : IpAddress::v6({});
  for (int i = 0; i < length; ++i)
    m.set_bit(i, true);
  return m;
}

bool next_address(IpAddress& a) {
  for (int i = a.width() - 1; i >= 0; --i) {
    if (!a.bit(i)) {
      a.set_bit(i, true);
      return true;
    }
    a.set_bit(i, false);
  }
  return false;
}

bool previous_address(IpAddress& a) {
  for (int i = a.width() - 1; i >= 0; --i) {
    if (a.bit(i)) {
      a.set_bit(i, false);
      return true;
    }
    a.set_bit(i, true);
  }
  return false;
}

std::vector<IpPrefix> range_to_prefixes(const IpAddress& lo, const IpAddress& hi) {
  std::vector<IpPrefix> out;
  if (lo.family != hi.family || hi < lo) return out;
  IpAddress cur = lo;
  const int w = lo.width();
  while (true) {
    // The largest aligned block starting at cur that stays within hi.
    int len = w;
    while (len > 0) {
      int trial = len - 1;
      if (cur.bit(trial)) break;  // cur not aligned to a block of that size
      if (cur.with_host_bits(trial, true) > hi) break;
      len = trial;
    }
    out.push_back({cur, len});
    IpAddress last = cur.with_host_bits(len, true);
    if (last >= hi) break;
    cur = last;
    if (!next_address(cur)) break;
  }
  return out;
}

}  // namespace fwaudit
