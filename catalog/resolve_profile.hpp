// catalog/resolve_profile.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzer/acl_graph.hpp"
#include "catalog/site_profile.hpp"

namespace fwaudit::catalog {

// The zones for build_acl_graph(): the firewall itself ("firewall", is_firewall), the profile's
// zones in order, and — unless the profile defines a zone named "internet" — an implicit
// "internet" zone holding every address outside the other zones' networks (no interfaces: it is
// reached through any interface).
std::vector<Zone> resolve_zones(const SiteProfile& profile);

// Where a role's hosts are at this site.
struct ResolvedRole {
  bool bound = false;
  bool is_firewall = false;        // the appliance in host firewall mode
  std::vector<IpPrefix> prefixes;  // addresses and CIDR blocks
  std::vector<std::string> zones;  // whole zones (names of resolve_zones() entries)
  SourceLocation location;         // the profile entry that bound it (unknown for defaults)
};

// "appliance" resolves from the appliance entry; "internet" defaults to the internet zone; any
// other role is bound only by a "roles" entry. Unbound roles make their requirements unverifiable.
ResolvedRole resolve_role(const SiteProfile& profile, std::string_view role);

// The profile entry to add for an unbound role, for reports:
// "roles": {"dns_servers": ["<address or CIDR>"]}
std::string unbound_role_entry(std::string_view role);
// The profile entry that enables a feature: "features": ["pmm"]
std::string feature_entry(std::string_view feature);

// The CIDR blocks of family `family` not covered by any of `prefixes` (other families ignored).
std::vector<IpPrefix> complement(const std::vector<IpPrefix>& prefixes, Family family);

}  // namespace fwaudit::catalog
