// catalog/required_flows.hpp
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analyzer/checks/compliance.hpp"
#include "analyzer/checks/required_flow.hpp"
#include "catalog/deployed.hpp"
#include "catalog/site_profile.hpp"

namespace fwaudit::catalog {

// One requirement instance at a site (requirement x peer zone x host address): a flow to check,
// or the reason it cannot or need not be checked.
struct FlowInstance {
  const DeployedRequirement* deployed = nullptr;
  std::optional<checks::RequiredFlow> flow;
  // When `flow` is empty: unverifiable or not_applicable, why, and the profile entries to add.
  checks::Status status = checks::Status::not_applicable;
  std::string reason;
  std::vector<std::string> profile_entries;
  std::string host_label;  // where the host is ("192.0.2.25", "the firewall")
  std::string peer_label;  // where the peer is ("10.10.0.53", "zone internet")
};

// Binds every deployed requirement to the site (docs/audit.md, "From requirements to flows"):
// inbound / outbound relative to the requirement's host, both transports, port ranges, peers
// as addresses or zones ("internet": every globally routable address outside the other zones),
// host firewall mode (input / output paths). NAT aliases are added later by the audit, which
// has the ruleset (checks::with_nat_aliases).
std::vector<FlowInstance> required_flows(const std::vector<DeployedRequirement>& deployed,
                                         const SiteProfile& profile);

// Everything that could flow between the appliance and each other zone, as NEW packets, both
// ways (direction "inbound": zone -> appliance): the scopes overbroad checks look at. Empty when
// the appliance has neither addresses nor host firewall mode.
std::vector<checks::RequiredFlow> appliance_scopes(const SiteProfile& profile);

// One end per zone of resolve_zones() (the firewall first, then the profile's zones, then the
// internet unless the profile defines it), built as the required flows' zone ends are: the zone's
// networks on its interfaces; the internet as every globally routable address outside the other
// zones; the firewall as its own addresses when the profile gives them (interface_addresses, the
// appliance's in host firewall mode), else any address. For the zone-by-zone matrix.
std::vector<checks::FlowEnd> zone_ends(const SiteProfile& profile);

// Address blocks that are never "the internet" (RFC 6890 special-purpose IPv4 and IPv6 blocks
// that are not globally reachable, documentation ranges excepted: samples use them as public).
const std::vector<IpPrefix>& special_purpose_blocks();

}  // namespace fwaudit::catalog
