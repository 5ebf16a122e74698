// catalog/deployed.hpp
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog.hpp"
#include "catalog/resolve_profile.hpp"
#include "catalog/site_profile.hpp"

namespace fwaudit::catalog {

// What a requirement means at one site.
enum class Applicability {
  invalid,
  required,     // must be permitted
  optional,     // may be permitted (never "missing", never "overbroad")
  feature_off,  // conditional and none of its features is enabled: not needed here
};
const char* to_string(Applicability a);

// One requirement of a deployed product, bound to the site.
struct DeployedRequirement {
  const Product* product = nullptr;
  const Requirement* requirement = nullptr;
  Applicability applicability = Applicability::invalid;
  ResolvedRole host;  // the requirement's applies_to role (usually the appliance)
  ResolvedRole peer;
  // Addresses the profile's "hostnames" hints give for the requirement's hostnames.
  std::vector<IpPrefix> hinted_networks;
  // Profile entries to add so the requirement can be verified (one per unbound role), e.g.
  // "roles": {"dns_servers": ["<address or CIDR>"]}.
  std::vector<std::string> missing_entries;

  bool verifiable() const { return host.bound && peer.bound; }
};

// Every requirement of every product the profile deploys, in catalog order. Products the catalog
// does not have are skipped (the profile loader reports them).
std::vector<DeployedRequirement> deployed_requirements(const Catalog& catalog,
                                                       const SiteProfile& profile);

// Hostname patterns: '*' stands for any run of characters within one label.
// "update*.cobion.com" matches "update7.cobion.com"; "*.apc.avira.com" matches "x.apc.avira.com"
// but not "a.b.apc.avira.com".
bool hostname_matches(std::string_view pattern, std::string_view name);

}  // namespace fwaudit::catalog
