// catalog/resolve_profile.cpp
#include "catalog/resolve_profile.hpp"

#include <algorithm>

#include "catalog/roles.hpp"

namespace fwaudit::catalog {

std::vector<IpPrefix> complement(const std::vector<IpPrefix>& prefixes, Family family) {
  std::vector<std::pair<IpAddress, IpAddress>> ranges;
  for (const IpPrefix& p : prefixes) {
    if (p.addr.family == family) ranges.emplace_back(p.first(), p.last());
  }
  std::sort(ranges.begin(), ranges.end());
  IpPrefix all = IpPrefix::any(family);
  std::vector<IpPrefix> out;
  IpAddress cursor = all.first();  // first address not yet covered or emitted
  bool done = false;
  for (const auto& [lo, hi] : ranges) {
    if (done) break;
    if (cursor < lo) {
      IpAddress gap_end = lo;
      previous_address(gap_end);
      auto gap = range_to_prefixes(cursor, gap_end);
      out.insert(out.end(), gap.begin(), gap.end());
    }
    if (!(hi < cursor)) {
      cursor = hi;
      if (!next_address(cursor)) done = true;
    }
  }
  if (!done) {
    auto rest = range_to_prefixes(cursor, all.last());
    out.insert(out.end(), rest.begin(), rest.end());
  }
  return out;
}

std::vector<Zone> resolve_zones(const SiteProfile& profile) {
  std::vector<Zone> zones;
  Zone firewall;
  firewall.name = std::string(kFirewallZone);
  firewall.is_firewall = true;
  zones.push_back(std::move(firewall));
  std::vector<IpPrefix> inside;
  for (const ProfileZone& z : profile.zones) {
    zones.push_back(Zone{z.name, z.interfaces, z.networks, false});
    inside.insert(inside.end(), z.networks.begin(), z.networks.end());
  }
  if (profile.find_zone(kInternetZone) == nullptr) {
    Zone internet;
    internet.name = std::string(kInternetZone);
    internet.networks = complement(inside, Family::ipv4);
    auto v6 = complement(inside, Family::ipv6);
    internet.networks.insert(internet.networks.end(), v6.begin(), v6.end());
    zones.push_back(std::move(internet));
  }
  return zones;
}

ResolvedRole resolve_role(const SiteProfile& profile, std::string_view role) {
  ResolvedRole out;
  if (role == kRoleAppliance) {
    out.bound = profile.appliance.host_firewall || !profile.appliance.addresses.empty();
    out.is_firewall = profile.appliance.host_firewall;
    out.prefixes = profile.appliance.addresses;
    out.location = profile.appliance.location;
    return out;
  }
  auto it = profile.roles.find(std::string(role));
  if (it != profile.roles.end()) {
    out.bound = true;
    out.prefixes = it->second.prefixes;
    out.zones = it->second.zones;
    out.location = it->second.location;
    return out;
  }
  if (role == kRoleInternet) {
    out.bound = true;
    out.zones.emplace_back(kInternetZone);
  }
  return out;
}

std::string unbound_role_entry(std::string_view role) {
  return "\"roles\": {\"" + std::string(role) + "\": [\"<address or CIDR>\"]}";
}

std::string feature_entry(std::string_view feature) {
  return "\"features\": [\"" + std::string(feature) + "\"]";
}

}  // namespace fwaudit::catalog
