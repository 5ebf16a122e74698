// tests/iptables_kernel/harness/addr.cpp
#include "harness/addr.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace fwk {

void Addr::set_bit(int i, bool value) {
  auto m = static_cast<std::uint8_t>(1u << (7 - i % 8));
  if (value) {
    bytes[i / 8] |= m;
  } else {
    bytes[i / 8] &= static_cast<std::uint8_t>(~m);
  }
}

std::optional<Addr> Addr::next() const {
  Addr r = *this;
  for (int i = size() - 1; i >= 0; --i) {
    if (++r.bytes[i] != 0) return r;
  }
  return std::nullopt;  // wrapped past the last address
}

std::optional<Addr> Addr::prev() const {
  Addr r = *this;
  for (int i = size() - 1; i >= 0; --i) {
    if (r.bytes[i]-- != 0) return r;
  }
  return std::nullopt;
}

std::string Addr::to_string() const {
  char buffer[INET6_ADDRSTRLEN] = {};
  inet_ntop(v6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer);
  return buffer;
}

std::optional<Addr> Addr::parse(std::string_view text) {
  std::string s(text);
  Addr a;
  a.v6 = s.find(':') != std::string::npos;
  if (inet_pton(a.v6 ? AF_INET6 : AF_INET, s.c_str(), a.bytes.data()) != 1) return std::nullopt;
  return a;
}

Addr Addr::v4(std::uint32_t host_order) {
  Addr a;
  for (int i = 0; i < 4; ++i)
    a.bytes[i] = static_cast<std::uint8_t>(host_order >> (24 - 8 * i));
  return a;
}

bool Masked::contains(const Addr& a) const {
  if (a.v6 != address.v6) return false;
  for (int i = 0; i < a.size(); ++i) {
    if ((a.bytes[i] & mask.bytes[i]) != address.bytes[i]) return false;
  }
  return true;
}

int Masked::prefix_length() const {
  int n = 0;
  while (n < mask.bits() && mask.bit(n))
    ++n;
  for (int i = n; i < mask.bits(); ++i) {
    if (mask.bit(i)) return -1;
  }
  return n;
}

bool Masked::contiguous() const {
  return prefix_length() >= 0;
}

Addr Masked::last() const {
  Addr r = address;
  for (int i = 0; i < r.size(); ++i)
    r.bytes[i] |= static_cast<std::uint8_t>(~mask.bytes[i]);
  return r;
}

std::optional<Masked> Masked::parse(std::string_view text) {
  auto slash = text.find('/');
  auto address = Addr::parse(text.substr(0, slash));
  if (!address) return std::nullopt;
  Masked m;
  m.mask.v6 = address->v6;
  if (slash == std::string_view::npos) {
    for (int i = 0; i < address->bits(); ++i)
      m.mask.set_bit(i, true);
  } else {
    auto rest = text.substr(slash + 1);
    if (rest.find_first_of(".:") != std::string_view::npos) {
      auto mask = Addr::parse(rest);
      if (!mask || mask->v6 != address->v6) return std::nullopt;
      m.mask = *mask;
    } else {
      int length = -1;
      auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), length);
      if (ec != std::errc{} || end != rest.data() + rest.size() || length < 0 ||
          length > address->bits()) {
        return std::nullopt;
      }
      for (int i = 0; i < length; ++i)
        m.mask.set_bit(i, true);
    }
  }
  m.address = *address;
  for (int i = 0; i < m.address.size(); ++i)
    m.address.bytes[i] &= m.mask.bytes[i];
  return m;
}

}  // namespace fwk
