// parsers/pf/interface_modifiers.cpp
#include "parsers/pf/interface_modifiers.hpp"

namespace fwaudit::pf {

std::optional<InterfaceModifiers> parse_interface_modifiers(std::string_view text) {
  InterfaceModifiers m;
  while (!text.empty()) {
    auto colon = text.find(':');
    std::string_view word = text.substr(0, colon);
    if (word == "network")
      m.network = true;
    else if (word == "broadcast")
      m.broadcast = true;
    else if (word == "peer")
      m.peer = true;
    else if (word == "0")
      m.first_only = true;
    else
      return std::nullopt;
    text = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
  }
  return m;
}

bool conflicting_modifiers(const InterfaceModifiers& m) {
  return int{m.network} + int{m.broadcast} + int{m.peer} > 1;
}

bool is_link_local(const IpPrefix& p) {
  return p.addr.family == Family::ipv6 && p.addr.bytes[0] == 0xfe &&
         (p.addr.bytes[1] & 0xc0) == 0x80;
}

std::vector<IpPrefix> select_interface_addresses(const std::vector<IpPrefix>& addresses,
                                                 const InterfaceModifiers& m, bool dynamic) {
  std::vector<IpPrefix> out;
  bool got4 = false, got6 = false;
  for (const IpPrefix& p : addresses) {
    bool v6 = p.addr.family == Family::ipv6;
    if (m.broadcast && (v6 || p.length >= 31)) continue;
    if (m.network && is_link_local(p)) continue;
    if (m.first_only) {
      // pfctl skips IPv6 link-local for em0:0; the kernel's (em0:0) does not.
      if (!dynamic && is_link_local(p)) continue;
      if (v6 ? got6 : got4) continue;
    }
    (v6 ? got6 : got4) = true;
    out.push_back(p);
  }
  return out;
}

}  // namespace fwaudit::pf
