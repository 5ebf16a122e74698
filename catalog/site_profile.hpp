// catalog/site_profile.hpp
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzer/ip_address.hpp"
#include "analyzer/source_location.hpp"

namespace fwaudit::catalog {

// Current version of the site profile format (the "schema_version" field).
inline constexpr int kProfileSchemaVersion = 1;

// Zone names with a fixed meaning: the firewall itself, and everything not in another zone.
inline constexpr std::string_view kFirewallZone = "firewall";
inline constexpr std::string_view kInternetZone = "internet";

// A part of the network as the profile describes it.
struct ProfileZone {
  std::string name;
  std::vector<std::string> interfaces;
  std::vector<IpPrefix> networks;
  SourceLocation location;  // where the zone is defined in the profile
};

// Where the deployed products' appliance is: addresses inside a zone, or the firewall host itself
// (host firewall mode: the ruleset is the appliance's own INPUT/OUTPUT filter).
struct ApplianceEntry {
  bool host_firewall = false;
  std::vector<IpPrefix> addresses;  // may be empty in host firewall mode
  std::string zone;                 // empty in host firewall mode
  SourceLocation location;
};

// A role bound to addresses / CIDR blocks and/or whole zones ("zone:NAME" entries).
struct RoleBinding {
  std::vector<IpPrefix> prefixes;
  std::vector<std::string> zones;
  SourceLocation location;
};

// One site: which products run where, and where their peers are (docs/profile.md).
struct SiteProfile {
  std::string file;
  std::vector<std::string> products;
  ApplianceEntry appliance;
  std::vector<ProfileZone> zones;
  std::map<std::string, RoleBinding> roles;
  std::vector<std::string> features;
  // Hostname (wildcards allowed) -> the addresses it resolves to at this site.
  std::map<std::string, std::vector<IpPrefix>> hostnames;
  // Table / ipset / object name -> file with its contents, resolved against the profile's folder.
  std::map<std::string, std::filesystem::path> tables;
  // The firewall's own interface addresses with their prefix length ("203.0.113.2/24"), for pf
  // `(em0)`, `em0:network` and `self`, and iptables MASQUERADE; interface groups (pf `group`).
  std::map<std::string, std::vector<IpPrefix>> interface_addresses;
  std::map<std::string, std::vector<std::string>> interface_groups;

  const ProfileZone* find_zone(std::string_view name) const;
  bool feature_enabled(std::string_view feature) const;
};

}  // namespace fwaudit::catalog
