// parsers/pf/interface_modifiers.hpp
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "analyzer/ip_address.hpp"

// The modifiers after an interface name used as an address: `em0:network`, `(em0:0)`,
// `em0:network:0`, and which of the interface's addresses they select (pf.conf(5) PARAMETERS).
namespace fwaudit::pf {

struct InterfaceModifiers {
  bool network = false;
  bool broadcast = false;
  bool peer = false;
  bool first_only = false;  // ":0": aliases are not included
};

// The modifiers of `text` as written after the first ':' ("network:0"); nullopt when a word is
// not a modifier.
std::optional<InterfaceModifiers> parse_interface_modifiers(std::string_view text);

// True for the modifiers pfctl rejects together ("illegal combination of interface
// modifiers"): more than one of network, broadcast and peer.
bool conflicting_modifiers(const InterfaceModifiers& m);

bool is_link_local(const IpPrefix& p);

// The addresses of ONE interface (in the site profile's order) that the modifiers select, each
// with its prefix length: broadcast keeps IPv4 with a broadcast address, network skips IPv6
// link-local, and ":0" keeps the first remaining address of each family. `dynamic` is `(em0:0)`,
// which the kernel resolves (pf_if.c: link-local kept), against pfctl's load-time lookup for
// `em0:0` (pfctl_parser.c: IPv6 link-local skipped).
std::vector<IpPrefix> select_interface_addresses(const std::vector<IpPrefix>& addresses,
                                                 const InterfaceModifiers& m, bool dynamic);

}  // namespace fwaudit::pf
